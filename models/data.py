"""Read Parley training shards (models/SHARDS.md) with numpy memmaps, and batch them as model tensors.

Usage:
    from data import Shards, open_shards, open_sets, batches, to_batch
    shards = Shards('data/edits-train')            # index.json + one memmap per field; no decoding, no copies
    shards['src'].shape                            # (N, 64, 64, 3) uint8, memory-mapped
    index, sets = open_sets('data/edits-train,data/edits-train-canon')   # several shard sets, mixed
    batch = next(batches(sets, 32, seed=1))        # dict of tensors: images (B, 3, S, S) in [0, 1], ids int64
    python3 models/data.py --check data/edits-train   # prints the index, field shapes and a few checks
"""
import hashlib
import json
import os
import sys

import numpy as np
import torch

from tokenizer import VOCAB_PATH

FORMAT = 'parley-shards-v1'
_DTYPES = {'uint8': np.uint8, 'int8': np.int8, 'uint16': np.dtype('<u2')}


class Shards:
    """A shard folder: `index` (the parsed index.json) and one read-only memmap per field."""

    def __init__(self, folder):
        self.folder = folder
        with open(os.path.join(folder, 'index.json'), encoding='utf-8') as f:
            self.index = json.load(f)
        if self.index.get('format') != FORMAT:
            raise ValueError(f"{folder}: format {self.index.get('format')!r}, expected {FORMAT!r}")
        self.count = int(self.index['count'])
        self.fields = {}
        for name, spec in self.index['fields'].items():
            path = os.path.join(folder, spec['file'])
            shape = tuple(spec['shape'])
            dtype = np.dtype(_DTYPES[spec['dtype']])
            expected = int(np.prod(shape)) * dtype.itemsize
            if os.path.getsize(path) != expected:
                raise ValueError(f'{path}: {os.path.getsize(path)} bytes, index says {expected}')
            self.fields[name] = np.memmap(path, dtype=dtype, mode='r', shape=shape)

    def __getitem__(self, name):
        return self.fields[name]

    def __len__(self):
        return self.count

    def vocab_matches(self):
        """True when the shards were tokenized with the current src/domains/shapes-v1/vocab.json."""
        with open(VOCAB_PATH, 'rb') as f:
            return hashlib.sha256(f.read()).hexdigest() == self.index.get('vocab_sha256')


def open_shards(folder):
    """index.json + one memmap per field. -> (index, {field: array})."""
    s = Shards(folder)
    return s.index, s.fields


def open_sets(spec):
    """'dirA,dirB' -> (index of the first, [arrays per set]); all sets must share image size and token length."""
    opened = [open_shards(d) for d in spec.split(',')]
    for index, _ in opened:
        assert (index['image_size'], index['max_len']) == (opened[0][0]['image_size'], opened[0][0]['max_len'])
    return opened[0][0], [a for _, a in opened]


def to_batch(arrays, idx, device='cpu'):
    """Shard rows -> model tensors: images (B, 3, S, S) in [0, 1], changed (B, 1, S, S), ids as int64."""
    idx = np.sort(idx)
    b = {}
    for k, a in arrays.items():
        x = a[idx]
        x = torch.from_numpy(x.astype(np.int64) if x.dtype == np.uint16 else np.ascontiguousarray(x))
        if k in ('src', 'tgt') and x.dim() == 4:             # chains keep (B, T, S, S, 3) bytes per turn
            x = x.permute(0, 3, 1, 2).float() / 255
        elif k == 'changed':
            x = x[:, None].float()
        elif k in ('tokens', 'ctx_tokens', 'labels', 'op', 'kind'):
            x = x.long()
        b[k] = x.to(device)
    if 'changed' not in b and b['tgt'].dim() == 4:                                    # CoSaL: changed-pixel map from the image pair
        b['changed'] = (b['src'] != b['tgt']).any(1, keepdim=True).float()
    return b


def batches(sets, batch, seed, device='cpu'):
    """Endless shuffled batches (epoch-wise permutations) over one shard set or a list of them (mixed)."""
    sets = sets if isinstance(sets, list) else [sets]
    sizes = [len(next(iter(a.values()))) for a in sets]
    starts = np.cumsum([0] + sizes)
    rng = np.random.default_rng(seed)
    while True:
        perm = rng.permutation(starts[-1])
        for i in range(0, starts[-1] - batch + 1, batch):
            idx = perm[i:i + batch]
            parts = [to_batch(a, idx[(idx >= lo) & (idx < hi)] - lo, device)
                     for a, lo, hi in zip(sets, starts[:-1], starts[1:]) if ((idx >= lo) & (idx < hi)).any()]
            yield {k: torch.cat([p[k] for p in parts]) for k in parts[0] if all(k in p for p in parts)}


def check(folder):
    """Prints the index summary and every field's shape; returns 0 when the shards look sane."""
    s = Shards(folder)
    meta = {k: v for k, v in s.index.items() if k != 'fields'}
    print(json.dumps({k: meta[k] for k in ('format', 'kind', 'count', 'seed', 'split', 'k', 'image_size', 'max_len') if k in meta}))
    for name, a in s.fields.items():
        print(f'  {name:12s} {str(a.dtype):7s} {tuple(a.shape)}')
    ok = s.vocab_matches()
    print(f"  vocab_sha256 {'matches' if ok else 'DIFFERS from'} src/domains/shapes-v1/vocab.json")
    problems = []
    if 'tokens' in s.fields and s.count and int(s['tokens'][:, 0].min()) == 0:
        problems.append('some examples have no tokens')
    if 'src' in s.fields and 'tgt' in s.fields and 'changed' in s.fields and s.count:
        n = min(s.count, 256)
        diff = (np.asarray(s['src'][:n]) != np.asarray(s['tgt'][:n])).any(-1)
        if not np.array_equal(diff.astype(np.uint8), np.asarray(s['changed'][:n])):
            problems.append('changed does not match src != tgt')
    for p in problems:
        print(f'  PROBLEM: {p}')
    return 0 if ok and not problems else 1


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == '--check':
        sys.exit(check(sys.argv[2]))
    print(__doc__)
    sys.exit(2)
