"""Teach the text encoder, tracker and fusion to read raw phrasings as the model reads the canonical ones.

The decoder renders canonical instructions well (held-out edited cells 0.96) and raw phrasings badly (0.56), and the
difference lies in the fused region features: pixel losses reach the middle only through the whole decoder and, on
2 CPU cores, never moved it. Here a frozen copy of the model (the teacher) reads each example's canonical instruction
and the model (the student) its raw words with their history; the student's fused features and cell code are pulled
to the teacher's and its cell code to the true cells. No decoder pass beyond its cell head, so a step costs a
fraction of a training step. The image encoder and decoder stay frozen and both sides run as at inference (hard
termination), so a pack exported from the result keeps its graphs' behavior on canonical words.

    /usr/bin/python3 models/distill.py --ckpt models/runs/shapes-hex/ckpt.pt --data data/edits-train-pairs \\
        --out models/runs/shapes-distill --steps 4500 --context-words
    # resume: the same command again (picks up <out>/ckpt.pt); export.py reads its checkpoint as any run's
"""
import argparse
import copy
import os
import time
from dataclasses import asdict, replace

import torch
import torch.nn.functional as F

from blocks import CELL_HEADS
from checkpoint import load_checkpoint, save_checkpoint
from model import Config, EditModel
from recognizer import cell_loss
from data import batches, open_sets
from train import TrainConfig, inserted_unknowns, lr_at, tracker_history, unknown_words

TRAINED = ('text.', 'tracker.', 'w_init.', 'w_g.', 'gates.', 'cand.', 'nxt.', 'mem', 'wk.', 'ctx_')   # the middle, not `tg`


def heads_kl(student, teacher):
    """Mean over cells of the summed per-head KL(teacher || student) of (B, 9, 23) attribute logits."""
    kl = 0.0
    for s, t in zip(student.split(list(CELL_HEADS), -1), teacher.split(list(CELL_HEADS), -1)):
        kl = kl + F.kl_div(F.log_softmax(s, -1), F.log_softmax(t, -1), log_target=True, reduction='none').sum(-1)
    return kl.mean()


def context_words(batch, use_canon, other_p=0.5, gen=None):
    """The previous instruction as context words; where there is none, sometimes an unrelated one (another row's
    words: a chained turn's context need not concern it); none with canonical words (the app passes none)."""
    ctx, tok = batch['ctx_tokens'], batch['tokens']
    other = (torch.rand(tok.shape[0], 1, generator=gen) < other_p).to(tok.device)
    none = ~(ctx != 0).any(1, keepdim=True)
    ctx = torch.where(none & other, tok.roll(1, 0), ctx)
    return torch.where(use_canon, torch.zeros_like(ctx), ctx)


def distill_losses(student, teacher, batch, history, canon_p=0.25, gen=None):
    """-> (loss, terms). A share canon_p of the rows feeds the student the canonical words too (they must not move)."""
    tok, canon = batch['tokens'], batch['canon_tokens']
    B = tok.shape[0]
    use_canon = (torch.rand(B, 1, generator=gen) < canon_p).to(tok.device)
    words = torch.where(use_canon, canon, tok)
    context = context_words(batch, use_canon, gen=gen) if student.c.context_words else None
    on = lambda o: o * (~use_canon).float()                             # canonical words come without history
    with torch.no_grad():
        V, vbar, _, s2 = teacher.image(batch['src'])
        t = teacher.turn(canon, V, vbar)
        t_cells = teacher.decoder.cell_logits(t['fused'], s2)
    r = student.turn(words, V, vbar, history=[(h, on(o)) for h, o in history], context=context)
    cells = student.decoder.cell_logits(r['fused'], s2)
    scale = t['fused'].var().clamp(min=1e-6)
    terms = {'fused': ((r['fused'] - t['fused']) ** 2).mean() / scale,
             'kl': heads_kl(cells, t_cells),
             'cells': cell_loss(cells.split(list(CELL_HEADS), -1), batch['cells_tgt'])}
    loss = terms['fused'] + terms['kl'] + 0.5 * terms['cells']
    return loss, {k: v.item() for k, v in terms.items()}


def student_and_teacher(ckpt, context=False):
    """-> (student with only the middle trainable, frozen teacher, checkpoint dict); both in eval mode.
    context: the student gets context words (model.py), their parameters new; a distill.py checkpoint brings its
    own teacher."""
    student, ck = load_checkpoint(ckpt)
    if 'teacher' in ck:
        teacher = EditModel(Config.from_saved(ck['teacher_config']))
        teacher.load_state_dict(ck['teacher'])
    else:
        teacher = copy.deepcopy(student)
        if context and not student.c.context_words:
            student = EditModel(replace(student.c, context_words=True))
            missing, _ = student.load_state_dict(teacher.state_dict(), strict=False)
            assert set(missing) == {'ctx_key', 'ctx_val', 'ctx_bias'}, missing
    teacher.requires_grad_(False).eval()
    for name, p in student.named_parameters():
        p.requires_grad_(name.startswith(TRAINED))
    return student.eval(), teacher, ck


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ckpt', help='the run to start from (ignored on resume)')
    ap.add_argument('--data', required=True, help='shards with canon_tokens (export-edits.ts --with-canonical)')
    ap.add_argument('--out', required=True)
    ap.add_argument('--steps', type=int, default=4500)
    ap.add_argument('--stop-at', type=int, default=0, help='stop at this step, keeping the schedule of --steps')
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--lr', type=float, default=5e-4)
    ap.add_argument('--canon-p', type=float, default=0.25)
    ap.add_argument('--context-words', action='store_true', help='the student reads the previous instruction too')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--seed', type=int, default=1)
    experiment = ap.add_argument_group('experiment (measured in models/README.md, in no released pack)')
    experiment.add_argument('--insert-unk', type=float, default=0.0,
                            help='chance of one <unk> inserted into a raw instruction (unseen words read as ignorable)')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    path = os.path.join(a.out, 'ckpt.pt')
    resume = os.path.exists(path)
    if not resume and not a.ckpt:
        ap.error(f'--ckpt is needed: {path} does not exist yet')
    sets = open_sets(a.data)[1]
    for folder, arrays in zip(a.data.split(','), sets):
        if 'canon_tokens' not in arrays:
            ap.error(f'{folder} has no canon_tokens field: export it with export-edits.ts --with-canonical')
    student, teacher, ck = student_and_teacher(path if resume else a.ckpt, a.context_words)
    params = [p for p in student.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=a.lr, weight_decay=1e-4)
    if resume and ck.get('opt'):
        opt.load_state_dict(ck['opt'])
    step = ck['step'] if resume else 0
    tc = replace(TrainConfig.from_saved(ck['train']), out=a.out)
    schedule = replace(tc, lr=a.lr, warmup=100, steps=a.steps)       # train.py's: cosine to 5 %, short warm-up
    gen = torch.Generator().manual_seed(a.seed * 1000 + step)
    stream = batches(sets, a.batch, seed=a.seed * 7919 + step)
    os.makedirs(a.out, exist_ok=True)
    print(f'{sum(p.numel() for p in params)} of {sum(p.numel() for p in student.parameters())} params trained', flush=True)
    t0, avg, last = time.time(), {}, min(a.steps, a.stop_at or a.steps)
    while step < last:
        batch = unknown_words(next(stream), tc.unk_p, gen)
        for p in (a.insert_unk, a.insert_unk / 2):                     # up to two, as in "which is"
            batch = inserted_unknowns(batch, p, gen)
        loss, terms = distill_losses(student, teacher, batch, tracker_history(batch, tc, gen), a.canon_p, gen)
        for g in opt.param_groups:
            g['lr'] = lr_at(schedule, step)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        step += 1
        avg = {k: 0.9 * avg.get(k, v) + 0.1 * v for k, v in terms.items()}
        if step % 50 == 0 or step == last:
            rate = 50 * a.batch / max(1e-9, time.time() - t0)
            print(f'step {step}/{a.steps} ' + ' '.join(f'{k} {v:.4f}' for k, v in avg.items()) + f' | {rate:.0f} ex/s', flush=True)
            t0 = time.time()
        if step % 250 == 0 or step == last:
            save_checkpoint({'config': asdict(student.c), 'train': asdict(tc), 'model': student.state_dict(),
                             'teacher': teacher.state_dict(), 'teacher_config': asdict(teacher.c),
                             'opt': opt.state_dict(), 'step': step}, path)


if __name__ == '__main__':
    main()
