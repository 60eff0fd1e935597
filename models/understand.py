"""Understanding model: a small tagger that reads a normalized turn and says, per word, its phrase role
(BIO over target, second target, value, current state, destination, source), its clause's operation, and
whether it starts a clause. Words enter as a vocabulary id plus hashed character n-grams (typo-robust).

    /usr/bin/python3 models/understand.py train --data data/understanding-train.jsonl \
        --val data/understanding-val.jsonl --out models/runs/understanding --steps 4000
    /usr/bin/python3 models/understand.py export --ckpt models/runs/understanding/ckpt.pt --out DIR [--pack PACK]
        # fp32 + int8 graphs and the word list in DIR; --pack also installs them into a pack and its manifest

Labels and feature hashing mirror src/understanding/{tags,features}.ts (a test checks the hashing).
"""
import argparse
import json
import os
import time
from collections import Counter
from dataclasses import asdict, dataclass

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from pack import sha256
from quantize_understanding import quantize

N_TAGS, N_OPS, N_CONTEXTS = 13, 19, 8
SEQ_LEN, NGRAM_BUCKETS, NGRAMS_PER_WORD = 48, 4096, 12
FIRST_WORD = 2 + N_CONTEXTS   # 0 pad, 1 unknown, then the contexts (features.ts)


def fnv1a(s):
    h = 0x811c9dc5
    for ch in s:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xffffffff
    return h


def ngram_ids(word):
    """Hashed 3- to 5-grams of <word>, as features.ts ngramIds."""
    s, out = f'<{word[:24]}>', []
    for n in range(3, 6):
        for i in range(len(s) - n + 1):
            if len(out) < NGRAMS_PER_WORD:
                out.append(1 + fnv1a(s[i:i + n]) % (NGRAM_BUCKETS - 1))
    return out


@dataclass
class UConfig:
    vocab_size: int = 0       # words in the vocabulary (ids start at FIRST_WORD)
    dim: int = 64
    hidden: int = 64
    layers: int = 2
    dropout: float = 0.15


class Tagger(nn.Module):
    """words (B, L), ngrams (B, L, G) -> tag (B, L, 13), op (B, L, 19), start (B, L, 2) logits."""
    def __init__(self, c):
        super().__init__()
        self.c = c
        self.words = nn.Embedding(FIRST_WORD + c.vocab_size, c.dim, padding_idx=0)
        self.grams = nn.Embedding(NGRAM_BUCKETS, c.dim, padding_idx=0)
        self.norm = nn.LayerNorm(c.dim)
        self.rnn = nn.GRU(c.dim, c.hidden, c.layers, batch_first=True, bidirectional=True, dropout=c.dropout)
        self.drop = nn.Dropout(c.dropout)
        self.head = nn.Linear(2 * c.hidden, N_TAGS + N_OPS + 2)

    def features(self, words, ngrams):
        g = self.grams(ngrams)                                            # (B, L, G, D)
        count = (ngrams > 0).sum(-1, keepdim=True).clamp(min=1).to(g.dtype)
        return self.drop(self.norm(self.words(words) + g.sum(2) / count))  # (B, L, D)

    def forward(self, words, ngrams, lengths=None):
        x = self.features(words, ngrams)
        if lengths is not None:      # training: padded batch, packed so the backward direction starts at each end
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
            h, _ = self.rnn(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
        else:                        # export / one turn: exactly the turn's tokens, no padding
            h, _ = self.rnn(x)
        y = self.head(self.drop(h))
        return y[..., :N_TAGS], y[..., N_TAGS:N_TAGS + N_OPS], y[..., N_TAGS + N_OPS:]


class Exported(nn.Module):
    """The ONNX graph: int32 ids of one turn (1, L) -> probabilities (1, L, K) per head."""
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, words, ngrams):
        t, o, s = self.m(words.long(), ngrams.long())
        return F.softmax(t, -1), F.softmax(o, -1), F.softmax(s, -1)


def load_jsonl(path, vocab=None, min_count=2, known=None):
    """Rows as padded tensors. A new vocabulary keeps words seen min_count times and, given `known`, only words
    the generator wrote itself: typos it injected stay unknown to the vocabulary (their n-grams still count),
    so the app's spelling corrector, which knows the vocabulary, corrects them instead of taking them as words."""
    rows = [json.loads(line) for line in open(path, encoding='utf-8') if line.strip()]
    if vocab is None:
        counts = Counter(w for r in rows for w in r['w'])
        vocab = sorted(w for w, n in counts.items() if n >= min_count and (known is None or w in known))
    ids = {w: i for i, w in enumerate(vocab)}
    grams = {}
    n = len(rows)
    # Compact dtypes (n-gram ids < 2^15): 300k turns fit in a few hundred MB; batches widen them to int64.
    W = np.zeros((n, SEQ_LEN), np.int32)
    G = np.zeros((n, SEQ_LEN, NGRAMS_PER_WORD), np.int16)
    T, O, S = (np.full((n, SEQ_LEN), -100, np.int8) for _ in range(3))
    lengths = np.zeros(n, np.int64)
    for i, r in enumerate(rows):
        k = min(len(r['w']), SEQ_LEN - 1)
        W[i, 0] = 2 + r['c']
        for j in range(k):
            w = r['w'][j]
            if w not in grams:
                g = ngram_ids(w)
                grams[w] = (FIRST_WORD + ids[w] if w in ids else 1, np.array(g + [0] * (NGRAMS_PER_WORD - len(g)), np.int16))
            W[i, j + 1], G[i, j + 1] = grams[w]
        T[i, 1:k + 1], O[i, 1:k + 1], S[i, 1:k + 1] = r['t'][:k], r['o'][:k], r['s'][:k]
        lengths[i] = k + 1
    data = {k: torch.from_numpy(v) for k, v in dict(words=W, ngrams=G, tags=T, ops=O, starts=S, lengths=lengths).items()}
    return data, vocab


def warm_start(m, vocab, path):
    """Starts from an earlier run: every weight, and the embedding row of each word both vocabularies share."""
    ck = torch.load(path, map_location='cpu')
    old = ck['model']
    rows = {w: i for i, w in enumerate(ck['vocab'])}
    state = m.state_dict()
    for k, v in old.items():
        if k != 'words.weight' and k in state and state[k].shape == v.shape:
            state[k] = v
    emb = state['words.weight']
    emb[:FIRST_WORD] = old['words.weight'][:FIRST_WORD]
    for i, w in enumerate(vocab):
        if w in rows:
            emb[FIRST_WORD + i] = old['words.weight'][FIRST_WORD + rows[w]]
    m.load_state_dict(state)


def loss_and_metrics(m, b):
    t, o, s = m(b['words'], b['ngrams'], b['lengths'])
    loss = F.cross_entropy(t.flatten(0, 1), b['tags'].flatten()) + F.cross_entropy(o.flatten(0, 1), b['ops'].flatten()) \
        + 0.5 * F.cross_entropy(s.flatten(0, 1), b['starts'].flatten())
    mask = b['tags'] >= 0
    ok = (t.argmax(-1) == b['tags']) & (o.argmax(-1) == b['ops']) & (s.argmax(-1) == b['starts'])
    whole = ((ok | ~mask).all(1)).float().mean()
    return loss, {'tag': ((t.argmax(-1) == b['tags']) & mask).sum().item() / mask.sum().item(),
                  'op': ((o.argmax(-1) == b['ops']) & mask).sum().item() / mask.sum().item(), 'utterance': whole.item()}


def widen(b):
    """A batch cut to its longest row (no work on all-padding columns), as int64 with -100 for unlabelled."""
    L = int(b['lengths'].max())
    return {k: (v[:, :L].long() if v.dim() > 1 else v) for k, v in b.items()}


def batches(data, size, gen):
    n = data['words'].shape[0]
    while True:
        idx = torch.randperm(n, generator=gen)
        for i in range(0, n - size + 1, size):
            b = {k: v[idx[i:i + size]] for k, v in data.items()}
            yield widen(b)


def evaluate(m, data, limit=4000):
    m.eval()
    with torch.no_grad():
        b = widen({k: v[:limit] for k, v in data.items()})
        loss, met = loss_and_metrics(m, b)
    m.train()
    return {'loss': round(loss.item(), 4), **{k: round(v, 4) for k, v in met.items()}}


def train(a):
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    known = set(json.load(open(a.known))) if a.known else None
    data, vocab = load_jsonl(a.data, known=known)
    val, _ = load_jsonl(a.val, vocab)
    c = UConfig(vocab_size=len(vocab))
    m = Tagger(c)
    if a.init:
        warm_start(m, vocab, a.init)
    opt = torch.optim.AdamW(m.parameters(), lr=a.lr, weight_decay=0.01)
    gen = torch.Generator().manual_seed(a.seed)
    it = batches(data, a.batch, gen)
    os.makedirs(a.out, exist_ok=True)
    start = time.time()
    for step in range(1, a.steps + 1):
        lr = a.lr * min(1.0, step / 200) * (0.5 * (1 + np.cos(np.pi * step / a.steps)))
        for g in opt.param_groups:
            g['lr'] = lr
        loss, _ = loss_and_metrics(m, next(it))
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(m.parameters(), 1.0)
        opt.step()
        if step % a.log_every == 0 or step == a.steps:
            print(f'step {step} loss {loss.item():.4f} val {evaluate(m, val)} {time.time() - start:.0f}s', flush=True)
    metrics = evaluate(m, val, limit=len(val['words']))
    torch.save({'config': asdict(c), 'model': m.state_dict(), 'vocab': vocab, 'metrics': metrics}, os.path.join(a.out, 'ckpt.pt'))
    print(json.dumps(metrics))


def load(path):
    ck = torch.load(path, map_location='cpu')
    m = Tagger(UConfig(**ck['config']))
    m.load_state_dict(ck['model'])
    return m.eval(), ck


def export_graphs(m, out, vocab):
    """understanding.fp32.onnx, its int8 twin understanding.onnx, and understanding-vocab.json in `out`."""
    fp32 = os.path.join(out, 'understanding.fp32.onnx')
    words = torch.zeros(1, 6, dtype=torch.int32)
    grams = torch.zeros(1, 6, NGRAMS_PER_WORD, dtype=torch.int32)
    torch.onnx.export(Exported(m.eval()), (words, grams), fp32, input_names=['words', 'ngrams'], output_names=['tags', 'ops', 'starts'],
                      dynamic_axes={'words': {1: 'L'}, 'ngrams': {1: 'L'}, 'tags': {1: 'L'}, 'ops': {1: 'L'}, 'starts': {1: 'L'}}, opset_version=13)
    quantize(fp32, os.path.join(out, 'understanding.onnx'))
    with open(os.path.join(out, 'understanding-vocab.json'), 'w') as f:
        json.dump(vocab, f)


def export(a):
    m, ck = load(a.ckpt)
    os.makedirs(a.out, exist_ok=True)
    export_graphs(m, a.out, ck['vocab'])
    print(f'exported -> {a.out}')
    if a.pack:
        install(a.out, a.pack, ck['metrics'])


def install(src, pack, metrics):
    """Copies the int8 graph and word list into a pack and lists them in its manifest (graphs.understanding)."""
    for name in ('understanding.onnx', 'understanding-vocab.json'):
        with open(os.path.join(src, name), 'rb') as f, open(os.path.join(pack, name), 'wb') as g:
            g.write(f.read())
    path = os.path.join(pack, 'manifest.json')
    with open(path) as f:
        man = json.load(f)
    for name in ('understanding.onnx', 'understanding-vocab.json'):
        man['files'][name] = {'bytes': os.path.getsize(os.path.join(pack, name)), 'sha256': sha256(os.path.join(pack, name))}
    man['files'] = dict(sorted(man['files'].items()))
    man['graphs']['understanding'] = {'file': 'understanding.onnx', 'inputs': ['words', 'ngrams'], 'outputs': ['tags', 'ops', 'starts']}
    man['understanding'] = {'vocab': 'understanding-vocab.json'}
    man.setdefault('metrics', {})['understanding'] = metrics
    with open(path, 'w') as f:
        json.dump(man, f, indent=1)
    print(f'installed into {pack}')


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest='cmd', required=True)
    t = sub.add_parser('train')
    t.add_argument('--data', required=True)
    t.add_argument('--val', required=True)
    t.add_argument('--out', required=True)
    t.add_argument('--steps', type=int, default=4000)
    t.add_argument('--batch', type=int, default=128)
    t.add_argument('--lr', type=float, default=3e-3)
    t.add_argument('--seed', type=int, default=0)
    t.add_argument('--threads', type=int, default=2)
    t.add_argument('--log-every', type=int, default=250)
    t.add_argument('--init', help='start from this checkpoint (a vocabulary change keeps shared words)')
    t.add_argument('--known', help="the generator's own word list (export-understanding.ts --words): the vocabulary's bound")
    e = sub.add_parser('export')
    e.add_argument('--ckpt', required=True)
    e.add_argument('--out', required=True)
    e.add_argument('--pack')
    a = p.parse_args()
    train(a) if a.cmd == 'train' else export(a)


if __name__ == '__main__':
    main()
