"""Decoder.window (the decoder_crop graph) equals Decoder.forward on the pixels it keeps, when each scale's window
has the halo its convolutions need, and not with one pixel less; its ONNX export takes windows of any size."""
import os
import sys
import tempfile
import unittest

import onnx
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from model import Config, EditModel  # noqa: E402
from pack import export_decoder_crop  # noqa: E402

S = 64
CELLS = [(0, 21), (21, 43), (43, 64)]       # scene cell c holds pixels x with floor(3 (x + 0.5) / 64) = c
HALO = (1, 1, 4)                            # pixels at S/4 (up2), S/2 (up1), S (up0, fine.0, fine.2, out)


def windows(o0, o1, halo=HALO):
    """Output pixels [o0, o1) of one axis -> the (start, end) computed at S/4, S/2 and S (workers/runtime/decoder-crop.ts)."""
    h4, h2, h1 = halo
    w1 = (max(0, o0 - h1), min(S, o1 + h1))
    w2 = (max(0, w1[0] // 2 - h2), min(S // 2, (w1[1] - 1) // 2 + 1 + h2))
    w4 = (max(0, w2[0] // 2 - h4), min(S // 4, (w2[1] - 1) // 2 + 1 + h4))
    return w4, w2, w1


def model():
    torch.manual_seed(3)
    m = EditModel(Config(cell_code=True, cell_mix=True, fourier=True, cell_copy=True)).eval()
    with torch.no_grad():                      # the zero-initialized residual outputs too, so every path counts
        for p in m.decoder.parameters():
            p.normal_(0, 0.08)
    return m


class DecoderCrop(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.m = model()
        c = cls.m.c
        g = torch.Generator().manual_seed(1)
        cls.x = (torch.randn(1, c.D, c.G, c.G, generator=g), torch.rand(1, c.C1, S // 2, S // 2, generator=g),
                 torch.rand(1, c.C2, S // 4, S // 4, generator=g))
        with torch.no_grad():
            cls.rgb, cls.logit = cls.m.decoder(*cls.x)

    def worst(self, rows, cols, halo=HALO):
        """Max |window - full| over the kept pixels rows x cols ((start, end) each)."""
        (r4, r2, r1), (c4, c2, c1) = windows(*rows, halo), windows(*cols, halo)
        idx = [torch.arange(*w) for w in (r4, c4, r2, c2, r1, c1)]
        with torch.no_grad():
            rgb, logit = self.m.decoder.window(*self.x, *idx)
        ky, kx = slice(rows[0] - r1[0], rows[1] - r1[0]), slice(cols[0] - c1[0], cols[1] - c1[0])
        full = lambda t: t[:, :, rows[0]:rows[1], cols[0]:cols[1]]
        return max((rgb[:, :, ky, kx] - full(self.rgb)).abs().max().item(),
                   (logit[:, :, ky, kx] - full(self.logit)).abs().max().item())

    def test_cells(self):
        cases = {'middle': (CELLS[1], CELLS[1]), 'corner': (CELLS[0], CELLS[0]), 'other corner': (CELLS[2], CELLS[2]),
                 'edge': (CELLS[0], CELLS[1]), 'two cells': (CELLS[1], (21, 64)), 'a column': ((0, 64), CELLS[2]),
                 'all': ((0, 64), (0, 64)), 'one pixel': ((30, 31), (33, 34))}
        for name, (rows, cols) in cases.items():
            with self.subTest(name):
                self.assertLess(self.worst(rows, cols), 1e-4)   # conv sums in another order: ~1e-5 of logits up to 8

    def test_smaller_halo_fails(self):
        for halo in [(0, 1, 4), (1, 0, 4), (1, 1, 3)]:
            with self.subTest(halo=halo):
                self.assertGreater(self.worst(CELLS[1], CELLS[1], halo), 1e-3)

    def test_export_dynamic_windows(self):
        with tempfile.TemporaryDirectory() as d:
            spec = export_decoder_crop(self.m, d)
            g = onnx.load(os.path.join(d, spec['file'])).graph
            self.assertEqual([i.name for i in g.input], spec['inputs'])
            dims = lambda v: [x.dim_param or x.dim_value for x in v.type.tensor_type.shape.dim]
            self.assertTrue(all(isinstance(d_, str) for d_ in dims(g.output[0])[2:]), dims(g.output[0]))
            self.assertEqual(dims(g.input[3]), ['rows4'])


if __name__ == '__main__':
    unittest.main()
