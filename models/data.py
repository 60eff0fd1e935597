"""Read Parley training shards (models/SHARDS.md) with numpy memmaps; no decoding, no copies until indexed.

Usage:
    from data import Shards, ShardDataset
    shards = Shards('data/edits-train')            # index.json + one memmap per field
    shards['src'].shape                            # (N, 64, 64, 3) uint8, memory-mapped
    ds = ShardDataset('data/edits-train')          # torch Dataset: dict of tensors per example
    loader = torch.utils.data.DataLoader(ds, batch_size=64, shuffle=True, num_workers=2)
    python3 models/data.py --check data/edits-train   # prints the index, field shapes and a few checks

Images come back as uint8 tensors (N, S, S, 3) as stored; convert with `x.permute(0, 3, 1, 2).float() / 255`.
"""
import hashlib
import json
import os
import sys

import numpy as np

FORMAT = 'parley-shards-v1'
VOCAB_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'domains', 'shapes-v1', 'vocab.json')
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


try:
    import torch

    class ShardDataset(torch.utils.data.Dataset):
        """Examples as dicts of tensors: uint8/int8 stay as they are, uint16 tokens become int64."""

        def __init__(self, folder, fields=None):
            self.shards = Shards(folder)
            self.names = list(fields or self.shards.fields)

        def __len__(self):
            return len(self.shards)

        def __getitem__(self, i):
            out = {}
            for name in self.names:
                a = np.asarray(self.shards[name][i])
                out[name] = torch.from_numpy(a.astype(np.int64) if a.dtype == np.uint16 else a.copy())
            return out
except ImportError:  # numpy-only use (e.g. inspecting shards) needs no torch
    pass


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
