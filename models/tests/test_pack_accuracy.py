"""The committed packs reach a minimum accuracy on a fixed small held-out set, generated here by the project's
exporters (fixed seeds, held-out phrasings) and re-tokenized with the pack's own vocabulary."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..', '..')
sys.path.insert(0, os.path.join(HERE, '..'))
from eval import eval_cosal, eval_edits  # noqa: E402
from pack import load_pack  # noqa: E402
from tokenizer import words  # noqa: E402

PACKS = os.path.join(ROOT, 'models', 'packs')
TSX = os.path.join(ROOT, 'node_modules', '.bin', 'tsx')


def export(script, *args):
    subprocess.run([TSX, os.path.join(ROOT, script), *args], check=True, capture_output=True, cwd=ROOT)


def retokenize(folder, vocab, max_len, jsonl, fields):
    """Rewrites token fields from the exporter's JSONL texts with the pack's vocabulary ({field: row -> text})."""
    ids = {w: i for i, w in enumerate(vocab)}
    enc = lambda text: ([ids.get(w, 1) for w in words(text)[:max_len]] + [0] * max_len)[:max_len]
    rows = [json.loads(line) for line in open(os.path.join(folder, jsonl))]
    for field, text in fields.items():
        np.array([enc(text(r)) for r in rows], '<u2').tofile(os.path.join(folder, field + '.u16'))


class PackAccuracy(unittest.TestCase):
    def setUp(self):
        torch.set_num_threads(2)
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def test_shapes_pack_one_turn(self):
        pack = os.path.join(PACKS, 'shapes-v1')
        model, rec, man = load_pack(pack)
        self.assertIsNotNone(rec)
        out = os.path.join(self.tmp.name, 'edits')
        export('scripts/export-edits.ts', '--out', out, '--count', '200', '--seed', '7001', '--split', 'heldout')
        retokenize(out, json.load(open(os.path.join(pack, 'vocab.json'))), man['tokenizer']['max_len'], 'examples.jsonl',
                   {'tokens': lambda r: r['text'], 'ctx_tokens': lambda r: r['context']})
        r = eval_edits(model, rec, out, limit=200)
        print('shapes-v1 fixed held-out set:', {k: r[k] for k in ('cell_acc', 'edited_cell_acc', 'ssim', 'outside_change_pct')})
        self.assertGreaterEqual(r['clean_recognizer_acc'], 0.99)
        self.assertGreaterEqual(r['cell_acc'], 0.95)
        self.assertGreaterEqual(r['edited_cell_acc'], 0.80)
        self.assertGreaterEqual(r['ssim'], 0.93)
        self.assertLessEqual(r['outside_change_pct'], 0.5)

    def test_cosal_pack_iou(self):
        pack = os.path.join(PACKS, 'cosal-v1')
        model, _, man = load_pack(pack)
        out = os.path.join(self.tmp.name, 'cosal')
        export('scripts/export-cosal.ts', '--k', '4', '--count', '200', '--seed', '7002', '--out', out)
        retokenize(out, json.load(open(os.path.join(pack, 'vocab.json'))), man['tokenizer']['max_len'], 'cosal.jsonl',
                   {'tokens': lambda r: ' . '.join(r['sentences'])})
        r = eval_cosal(model, out, limit=200)
        print('cosal-v1 k=4 fixed held-out set:', r['mean_iou'])
        self.assertGreaterEqual(r['mean_iou'], 0.85)


if __name__ == '__main__':
    unittest.main()
