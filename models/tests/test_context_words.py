"""Context words: without any they compute what the model (and the app's kernels) computes, up to float rounding; with some they
join the attention; a pack leaves their parameters out (the app passes none) and says so in its manifest."""
import json
import os
import sys
import tempfile
import unittest
from dataclasses import replace

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..'))
from model import Config, EditModel  # noqa: E402
from pack import export_graphs, kernel_tensors, load_pack, write_blob, write_manifest  # noqa: E402

SMALL = dict(vocab_size=40, K=16, D=8, H=16, Ms=4, C1=4, C2=8, C3=16, dec=16, T=3, word_classes=0)


class ContextWordsTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.plain = EditModel(Config(**SMALL)).eval()
        self.model = EditModel(replace(self.plain.c, context_words=True)).eval()
        self.model.load_state_dict(self.plain.state_dict(), strict=False)
        with torch.no_grad():
            self.model.ctx_key.normal_()
            self.model.ctx_val.normal_()
        self.tok = torch.randint(2, 40, (3, 32)) * (torch.arange(32) < 6)
        self.ctx = torch.randint(2, 40, (3, 32)) * (torch.arange(32) < 5)
        self.img = torch.rand(3, 3, 64, 64)

    def test_no_context_is_the_plain_model(self):
        with torch.no_grad():
            a = self.plain(self.tok, self.img)
            b = self.model(self.tok, self.img, context=torch.zeros_like(self.tok))
            c = self.model(self.tok, self.img)
        for k in ('fused', 'out', 'alpha'):
            self.assertTrue(torch.allclose(a[k], b[k], atol=1e-6), k)     # longer sums of the same nonzero terms
            self.assertTrue(torch.equal(a[k], c[k]), k)

    def test_context_words_are_attended(self):
        with torch.no_grad():
            r = self.model(self.tok, self.img, context=self.ctx)
            a = self.plain(self.tok, self.img, context=self.ctx)               # a model without them ignores it
        self.assertEqual(r['beta'].shape[-1], 64)
        self.assertGreater(r['beta'][..., 32:37].sum(-1).min().item(), 0.0)     # each region reads the context
        self.assertEqual(r['beta'][..., 37:].abs().max().item(), 0.0)           # not its padding
        self.assertFalse(torch.allclose(r['fused'], a['fused']))
        self.assertTrue(torch.equal(a['fused'], self.plain(self.tok, self.img)['fused']))

    def test_pack_leaves_the_context_parameters_out(self):
        with tempfile.TemporaryDirectory() as out:
            m = self.model
            graphs = export_graphs(m, None, out)
            write_blob(kernel_tensors(m), out, int8=False)
            with open(os.path.join(out, 'vocab.json'), 'w') as f:
                json.dump(['<pad>'] * 40, f)
            write_manifest(out, 'ctx-test', m.c, graphs, {'weights': 'fp32'}, {})
            with open(os.path.join(out, 'kernels.json')) as f:
                names = [t['name'] for t in json.load(f)['tensors']]
            back, _, man = load_pack(out)
        self.assertFalse(man['config']['context_words'])
        self.assertFalse([n for n in names if n.startswith('context.')])
        self.assertFalse(hasattr(back, 'ctx_val'))
        with torch.no_grad():
            plain = m(self.tok, self.img)['fused']                                   # what the app runs
            self.assertLess((back(self.tok, self.img)['fused'] - plain).abs().max().item(), 1e-4)
            self.assertTrue(torch.equal(back(self.tok, self.img, context=self.ctx)['fused'], back(self.tok, self.img)['fused']))


if __name__ == '__main__':
    unittest.main()
