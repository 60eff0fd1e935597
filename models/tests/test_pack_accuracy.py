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
from metrics import eval_cosal, eval_edits  # noqa: E402
from pack import load_pack  # noqa: E402
from tokenizer import words  # noqa: E402

PACKS = os.path.join(ROOT, 'models', 'packs')
TSX = os.path.join(ROOT, 'node_modules', '.bin', 'tsx')
# a few points under what the committed pack measures on these sets (0.994/0.962/0.995/0.0; 0.900/0.517/0.945/1.23:
# the pack has no context words, so its pronoun turns stay unresolved, 0.919/0.599/0.955/0.89 with them)
CANONICAL = {'cell_acc': 0.97, 'edited_cell_acc': 0.92, 'ssim': 0.985, 'outside_change_pct': 0.1}
PHRASINGS = {'cell_acc': 0.87, 'edited_cell_acc': 0.46, 'ssim': 0.92, 'outside_change_pct': 1.7}


def export(script, *args):
    subprocess.run([TSX, os.path.join(ROOT, script), *args], check=True, capture_output=True, cwd=ROOT)


def retokenize(folder, vocab, max_len, jsonl, fields):
    """Rewrites token fields from the exporter's JSONL texts with the pack's vocabulary ({field: row -> text})."""
    ids = {w: i for i, w in enumerate(vocab)}
    enc = lambda text: ([ids.get(w, 1) for w in words(text)[:max_len]] + [0] * max_len)[:max_len]
    with open(os.path.join(folder, jsonl)) as f:
        rows = [json.loads(line) for line in f]
    for field, text in fields.items():
        np.array([enc(text(r)) for r in rows], '<u2').tofile(os.path.join(folder, field + '.u16'))


class PackAccuracy(unittest.TestCase):
    def setUp(self):
        torch.set_num_threads(2)
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def shapes_set(self, name, *flags):
        """200 held-out edits (fixed seed) through the committed shapes-v1 pack. -> eval_edits figures."""
        pack = os.path.join(PACKS, 'shapes-v1')
        model, rec, man = load_pack(pack)
        self.assertIsNotNone(rec)
        out = os.path.join(self.tmp.name, name)
        export('scripts/data/export-edits.ts', '--out', out, '--count', '200', '--split', 'heldout', *flags)
        retokenize(out, json.load(open(os.path.join(pack, 'vocab.json'))), man['tokenizer']['max_len'], 'examples.jsonl',
                   {'tokens': lambda r: r['text'], 'ctx_tokens': lambda r: r['context']})
        r = eval_edits(model, rec, out, limit=200)
        print(f'shapes-v1 fixed held-out set, {name}:', {k: r[k] for k in ('cell_acc', 'edited_cell_acc', 'ssim', 'outside_change_pct')})
        self.assertGreaterEqual(r['clean_recognizer_acc'], 0.99)
        return r

    def meets(self, r, floor):
        for k in ('cell_acc', 'edited_cell_acc', 'ssim'):
            self.assertGreaterEqual(r[k], floor[k], k)
        self.assertLessEqual(r['outside_change_pct'], floor['outside_change_pct'])

    # Thresholds sit a few points under what the pack measures here and on the 1000-example sets (models/README.md),
    # so a broken export, quantization or vocabulary fails while sampling noise on 200 examples does not.
    def test_shapes_pack_canonical_instructions(self):
        """What the app sends the model: the dialogue layer's canonical instruction for each held-out edit."""
        r = self.shapes_set('canonical', '--seed', '7003', '--canonical', '1')
        self.meets(r, CANONICAL)

    def test_shapes_pack_held_out_phrasings(self):
        """The model alone on raw held-out phrasings (relations, pronouns, typos, frames never trained on)."""
        r = self.shapes_set('phrasings', '--seed', '7001')
        self.meets(r, PHRASINGS)

    def test_cosal_pack_iou(self):
        pack = os.path.join(PACKS, 'cosal-v1')
        model, _, man = load_pack(pack)
        out = os.path.join(self.tmp.name, 'cosal')
        export('scripts/data/export-cosal.ts', '--k', '4', '--count', '200', '--seed', '7002', '--out', out)
        retokenize(out, json.load(open(os.path.join(pack, 'vocab.json'))), man['tokenizer']['max_len'], 'cosal.jsonl',
                   {'tokens': lambda r: ' . '.join(r['sentences'])})
        r = eval_cosal(model, out, limit=200)
        print('cosal-v1 k=4 fixed held-out set:', r['mean_iou'])
        self.assertGreaterEqual(r['mean_iou'], 0.85)


if __name__ == '__main__':
    unittest.main()
