"""Tiny synthetic shard sets in the models/SHARDS.md format, for tests that must not depend on the exporters.

    from synth import write_edit_shards, write_cosal_shards
    write_edit_shards('/tmp/x', count=16, vocab_size=40)
"""
import json
import os

import numpy as np


def _write(folder, kind, count, image_size, max_len, fields, vocab_sha256):
    os.makedirs(folder, exist_ok=True)
    index = {'format': 'parley-shards-v1', 'kind': kind, 'count': count, 'seed': 0, 'split': 'train',
             'image_size': image_size, 'max_len': max_len, 'vocab_sha256': vocab_sha256, 'fields': {},
             'ops': ['recolor', 'reshape', 'resize', 'retexture', 'remove', 'add', 'move', 'swap']}
    for name, arr in fields.items():
        ext = {'uint8': 'u8', 'uint16': 'u16', 'int8': 'i8'}[arr.dtype.name]
        arr.astype(arr.dtype.newbyteorder('<')).tofile(os.path.join(folder, f'{name}.{ext}'))
        index['fields'][name] = {'file': f'{name}.{ext}', 'dtype': arr.dtype.name, 'shape': list(arr.shape)}
    with open(os.path.join(folder, 'index.json'), 'w') as f:
        json.dump(index, f)


def _blocks(rng, n, S, k):
    """Images with k colored squares on white; returns (images, square boxes)."""
    img = np.full((n, S, S, 3), 255, np.uint8)
    boxes = rng.integers(0, S - S // 4, size=(n, k, 2))
    cols = rng.integers(0, 255, size=(n, k, 3), dtype=np.uint8)
    for i in range(n):
        for j in range(k):
            y, x = boxes[i, j]
            img[i, y:y + S // 4, x:x + S // 4] = cols[i, j]
    return img


def write_edit_shards(folder, count=16, vocab_size=40, image_size=64, max_len=32, seed=0, vocab_sha256='', canon=False):
    """canon: also a canon_tokens field (another wording of each instruction, as export-edits --with-canonical)."""
    rng = np.random.default_rng(seed)
    src = _blocks(rng, count, image_size, 3)
    tgt = src.copy()
    tgt[:, : image_size // 3, : image_size // 3] = rng.integers(0, 255, size=(count, 1, 1, 3), dtype=np.uint8)
    tokens = np.zeros((count, max_len), np.uint16)
    ctx = np.zeros((count, max_len), np.uint16)
    for i in range(count):
        n = rng.integers(3, 10)
        tokens[i, :n] = rng.integers(2, vocab_size, size=n)
        if i % 2:
            ctx[i, :4] = rng.integers(2, vocab_size, size=4)
    cells_src = rng.integers(0, 3, size=(count, 9, 4)).astype(np.int8)
    cells_src[rng.random((count, 9)) < 0.4] = -1
    cells_tgt = cells_src.copy()
    cells_tgt[:, 0] = rng.integers(0, 3, size=(count, 4))
    changed = (src != tgt).any(-1).astype(np.uint8)
    fields = {'src': src, 'tgt': tgt, 'tokens': tokens, 'ctx_tokens': ctx, 'changed': changed,
              'cells_src': cells_src, 'cells_tgt': cells_tgt, 'op': rng.integers(0, 8, size=count).astype(np.uint8)}
    if canon:
        fields['canon_tokens'] = np.where(tokens > 0, (tokens + 7) % (vocab_size - 2) + 2, 0).astype(np.uint16)
    _write(folder, 'edits', count, image_size, max_len, fields, vocab_sha256)


def write_cosal_shards(folder, count=16, vocab_size=40, image_size=48, max_len=48, seed=0, vocab_sha256=''):
    rng = np.random.default_rng(seed)
    labels = np.zeros((count, image_size, image_size), np.uint8)
    for i in range(count):
        for c in range(9):
            y, x = (c // 3) * 16 + 4, (c % 3) * 16 + 4
            labels[i, y:y + 8, x:x + 8] = rng.integers(1, 7)
    palette = np.array([[255, 255, 255], [0, 0, 255], [0, 255, 0], [255, 0, 0], [0, 0, 0], [128, 128, 128], [255, 255, 0]], np.uint8)
    tgt = palette[labels]
    src = np.repeat(np.where(labels[..., None] > 0, 0, 255).astype(np.uint8), 3, -1)
    tokens = rng.integers(2, vocab_size, size=(count, max_len)).astype(np.uint16)
    _write(folder, 'cosal', count, image_size, max_len, {'src': src, 'tgt': tgt, 'tokens': tokens, 'labels': labels},
           vocab_sha256)
