"""Train the edit model on shards (models/SHARDS.md). Resumable; config dataclasses saved in every checkpoint.

    nice -n 10 /usr/bin/python3 models/train.py --data data/edits-train --out models/runs/shapes --steps 12000
    # resume: the same command again (picks up <out>/ckpt.pt); ablation: add e.g. --no-memory
    # several shard sets (mixed CoSaL k): --data data/cosal-k4-train,data/cosal-k6-train,data/cosal-k8-train
    # CUDA / several GPUs: torchrun --nproc_per_node=N models/train.py ... --device cuda
"""
import argparse
import hashlib
import json
import math
import os
import time
from dataclasses import asdict, dataclass, fields

import torch
import torch.distributed as dist

from checkpoint import save_checkpoint
from data import batches, open_sets
from losses import edit_losses
from model import ABLATIONS, Config, EditModel
from tokenizer import LEXICON_PATH, VOCAB_PATH


def word_class_matrix(vocab_path, lexicon_path):
    """(V, C) with row w = uniform over the lexicon synonym sets containing word w (zeros when none)."""
    vocab, lex = json.load(open(vocab_path)), json.load(open(lexicon_path))
    m = torch.zeros(len(vocab), len(lex['classes']))
    for i, w in enumerate(vocab):
        for c in lex['words'].get(w, []):
            m[i, c] = 1.0
    return m / m.sum(1, keepdim=True).clamp(min=1.0)


@dataclass
class TrainConfig:
    data: str = ''
    out: str = ''
    steps: int = 12000
    stop_at: int = 0                # stop at this step but keep the schedule of `steps` (0: run to `steps`)
    batch: int = 32
    lr: float = 2e-3
    warmup: int = 200
    weight_decay: float = 1e-4
    seed: int = 1
    lam_start: float = 1.0          # Gumbel-softmax temperature, annealed geometrically
    lam_end: float = 0.2
    history_p: float = 0.5          # chance of a random earlier instruction in the tracker history
    l1_weight: float = 1.0
    changed_weight: float = 10.0    # extra L1 weight near changed pixels
    gen_weight: float = 0.5
    edge_weight: float = 0.5
    ssim_weight: float = 0.2
    mask_weight: float = 0.5
    aux_weight: float = 0.2
    aux_edit_weight: float = 0.0    # extra weight of the edited cells in the auxiliary cell loss
    alpha_weight: float = 0.5       # BCE of the localization gate alpha against the regions that change
    ponder_weight: float = 0.005
    explore_p: float = 0.5          # chance of an unfrozen fusion pass (gradient for "continue")
    gate_warmup: int = 2000         # first steps run all T fusion steps (termination gates off)
    train_only: str = ''            # comma-separated parameter prefixes to train (e.g. 'decoder'); the rest is frozen
                                    # and runs as at inference (eval mode: hard termination, frozen regions)
    vocab: str = VOCAB_PATH
    lexicon: str = LEXICON_PATH     # '' = no synonym-set embeddings
    unk_p: float = 0.03             # token dropout to <unk> (typos read as unknown words)
    log_every: int = 50
    ckpt_every: int = 500
    device: str = 'cpu'
    threads: int = 2

    @classmethod
    def from_saved(cls, saved):
        """The TrainConfig of a checkpoint's 'train'. Runs from before the recognizer-loss experiment left train.py
        (models/README.md) also saved its rec_weight and recognizer: skipped while the weight is 0."""
        if saved.get('rec_weight', 0) > 0:
            raise ValueError(f"rec_weight {saved['rec_weight']}: train.py no longer has the recognizer loss")
        return cls(**{k: v for k, v in saved.items() if k not in ('rec_weight', 'recognizer')})


def tracker_history(batch, tc, gen):
    """Earlier instructions for the tracker: an optional unrelated one, then ctx_tokens. [(tokens, on (B, 1))]"""
    B = batch['tokens'].shape[0]
    other = (torch.rand(B, 1, generator=gen) < tc.history_p).float().to(batch['src'])
    ctx = batch['ctx_tokens']
    return [(batch['tokens'].roll(1, 0), other), (ctx, (ctx != 0).any(1, keepdim=True).float())]


def unknown_words(batch, p, gen):
    """The batch with each instruction token dropped to <unk> at chance p (typos read as unknown words)."""
    if p <= 0:
        return batch
    tok = batch['tokens']
    drop = (torch.rand(tok.shape, generator=gen) < p).to(tok.device) & (tok != 0)
    return dict(batch, tokens=torch.where(drop, torch.ones_like(tok), tok))


def inserted_unknowns(batch, p, gen):
    """The batch with one <unk> inserted at a random place in each instruction at chance p (where it fits): words the
    model never saw, such as a held-out phrasing's "which is", come to read as ignorable."""
    if p <= 0:
        return batch
    tok = batch['tokens']
    B, L = tok.shape
    n = (tok != 0).sum(1)
    at = (torch.rand(B, generator=gen) * (n + 1).float()).long().clamp(max=L - 1)     # 0..n
    on = (torch.rand(B, generator=gen) < p) & (n < L)
    j = torch.arange(L)[None]
    src = torch.where(j > at[:, None], j - 1, j)                                        # shift right after `at`
    out = torch.where(j == at[:, None], torch.ones_like(tok), tok.gather(1, src))
    return dict(batch, tokens=torch.where(on[:, None], out, tok))


def lr_at(tc, step):
    warm = min(1.0, (step + 1) / tc.warmup)
    return tc.lr * warm * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * min(1.0, step / tc.steps))))


def train_step(model, opt, batch, tc, step, gen, ddp=False):
    model.train(not tc.train_only)                           # no dropout or norm: eval only runs fusion as at inference
    model.explore = tc.explore_p
    model.full_steps = step < tc.gate_warmup and not tc.train_only   # a frozen middle keeps its trained gates
    frac = min(1.0, step / max(1, tc.steps))
    lam = tc.lam_start * (tc.lam_end / tc.lam_start) ** frac
    batch = unknown_words(batch, tc.unk_p, gen)
    history = tracker_history(batch, tc, gen) if 'ctx_tokens' in batch else ()
    r = model(batch['tokens'], batch['src'], None, lam=lam, history=history, context=batch.get('ctx_tokens'))
    loss, terms = edit_losses(model, r, batch, tc)
    for g in opt.param_groups:
        g['lr'] = lr_at(tc, step)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    if ddp:                                                  # average gradients over ranks (DDP without the wrapper)
        for p in model.parameters():
            if p.grad is not None:
                dist.all_reduce(p.grad)
                p.grad /= dist.get_world_size()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    terms.update(loss=loss.item(), steps=r['steps'].float().mean().item())
    return terms


FROM_DATA = ('vocab_size', 'max_len', 'image_size', 'G', 'word_classes')   # Config sizes read off shards and lexicon


def parse():
    """Every TrainConfig field as a flag (--aux-edit-weight); for a new run, the model's sizes, decoder parts and
    ablations."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for f in fields(TrainConfig):
        ap.add_argument('--' + f.name.replace('_', '-'), type=type(f.default), default=None)
    sizes = ap.add_argument_group('model sizes (a new run)')
    for f in fields(Config):
        if isinstance(f.default, int) and not isinstance(f.default, bool) and f.name not in FROM_DATA:
            sizes.add_argument('--' + f.name, type=int, default=None)
    parts = ap.add_argument_group('decoder parts (a new run; warm_start.py adds them to a pack)')
    parts.add_argument('--cell-code', action='store_true', help='a new run whose decoder reads the cell code (model.py)')
    parts.add_argument('--cell-mix', action='store_true', help='with --cell-code: the code attends across cells (CellMix)')
    parts.add_argument('--fourier', action='store_true', help='a last decoder step that sees periodic in-cell maps')
    parts.add_argument('--cell-copy', action='store_true', help="with --cell-mix: a cell may take another's source attributes")
    ablations = ap.add_argument_group('ablations (a new run; ablate.sh; every released pack has all on)')
    for k in ABLATIONS:
        ablations.add_argument('--no-' + k, action='store_true', help=f'Config.use_{k} off')
    return ap.parse_args()


def main():
    a = parse()
    ddp = 'RANK' in os.environ
    if ddp:
        dist.init_process_group('nccl' if torch.cuda.is_available() else 'gloo')
    rank = dist.get_rank() if ddp else 0
    ck_path = os.path.join(a.out, 'ckpt.pt')
    ck = torch.load(ck_path, map_location='cpu') if os.path.exists(ck_path) else None
    if ck:
        tc, mc = TrainConfig.from_saved(ck['train']), Config.from_saved(ck['config'])
        for f in fields(TrainConfig):                        # flags given on resume override (later phases)
            if getattr(a, f.name) is not None:
                setattr(tc, f.name, getattr(a, f.name))
        tc.stop_at = a.stop_at or 0                          # a stop applies to one invocation only
    else:
        tc = TrainConfig(**{f.name: getattr(a, f.name) for f in fields(TrainConfig) if getattr(a, f.name) is not None})
        index, _ = open_sets(tc.data)
        sha = hashlib.sha256(open(tc.vocab, 'rb').read()).hexdigest()
        assert index['vocab_sha256'] == sha, f'{tc.data} was tokenized with another vocabulary than {tc.vocab}'
        S = index['image_size']
        mc = Config(domain='cosal-v1' if index['kind'] == 'cosal' else 'shapes-v1', image_size=S, G=S // 8,
                    max_len=index['max_len'], vocab_size=len(json.load(open(tc.vocab))),
                    word_classes=len(json.load(open(tc.lexicon))['classes']) if tc.lexicon else 0,
                    **{f.name: getattr(a, f.name) for f in fields(Config) if getattr(a, f.name, None) is not None},
                    **{'use_' + k: not getattr(a, 'no_' + k) for k in ABLATIONS})
    device = torch.device(f'cuda:{rank % torch.cuda.device_count()}' if tc.device == 'cuda' else 'cpu')
    torch.set_num_threads(tc.threads)
    torch.manual_seed(tc.seed)                               # same init on every rank
    model = EditModel(mc).to(device)
    torch.manual_seed(tc.seed + 1000 * rank + (ck['step'] if ck else 0))
    prefixes = tuple(p for p in tc.train_only.split(',') if p)
    for name, p in model.named_parameters():
        p.requires_grad_(not prefixes or name.startswith(prefixes))
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=tc.lr, weight_decay=tc.weight_decay)
    if mc.word_classes:
        model.text.word_class.copy_(word_class_matrix(tc.vocab, tc.lexicon))
    step = 0
    if ck:
        model.load_state_dict(ck['model'])
        if ck['opt'] is not None:                            # None: a warm start (warm_start.py)
            opt.load_state_dict(ck['opt'])
        step = ck['step']
    gen = torch.Generator().manual_seed(tc.seed * 1000 + step + rank)
    if rank == 0:
        os.makedirs(tc.out, exist_ok=True)
        print(f'model {sum(p.numel() for p in model.parameters())} params, '
              f'{sum(p.numel() for p in model.parameters() if p.requires_grad)} trained; {mc}', flush=True)
    stream = batches(open_sets(tc.data)[1], tc.batch, seed=tc.seed * 7919 + step + rank, device=device)
    t0, avg = time.time(), {}
    last = min(tc.steps, tc.stop_at or tc.steps)
    while step < last:
        terms = train_step(model, opt, next(stream), tc, step, gen, ddp)
        step += 1
        avg = {k: 0.9 * avg.get(k, v) + 0.1 * v for k, v in terms.items()}
        if rank == 0 and (step % tc.log_every == 0 or step == last):
            rate = tc.log_every * tc.batch / max(1e-9, time.time() - t0)
            print(f'step {step}/{tc.steps} ' + ' '.join(f'{k} {v:.4f}' for k, v in avg.items()) + f' | {rate:.0f} img/s', flush=True)
            t0 = time.time()
        if rank == 0 and (step % tc.ckpt_every == 0 or step == last):
            save_checkpoint({'config': asdict(mc), 'train': asdict(tc), 'model': model.state_dict(), 'opt': opt.state_dict(),
                             'step': step}, ck_path)
    if ddp:
        dist.destroy_process_group()


if __name__ == '__main__':
    main()
