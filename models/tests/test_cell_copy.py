"""CellCopy: a cell takes the attended cell's source attributes, and a fresh one changes nothing."""
import os
import sys
import unittest

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from blocks import CELL_HEADS  # noqa: E402
from decoder import CellCopy  # noqa: E402

N = sum(CELL_HEADS)


def heads_argmax(x):
    return torch.stack([t.argmax(-1) for t in x.split(list(CELL_HEADS), -1)], -1)   # (..., 4)


class CellCopyTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.copy = CellCopy(D=4, Cs=6)
        self.s = torch.randn(2, 9, 6) * 3
        self.x = torch.cat([torch.randn(2, 9, 4), self.s], -1)
        self.logits = torch.randn(2, 9, N)

    def test_starts_switched_off(self):
        a = torch.softmax(torch.randn(2, 9, 9), -1)
        self.assertTrue(torch.equal(self.copy(self.logits, a, self.x, self.s), self.logits))

    def test_cells_take_the_attended_cells_attributes(self):
        with torch.no_grad():
            self.copy.o.weight.copy_(1000 * torch.eye(N))              # the copy outweighs the logits
            self.copy.gate.bias.fill_(30.0)                                      # gate open everywhere
        perm = list(range(9))
        perm[0], perm[4], perm[8] = 4, 8, 0                                      # 0 reads 4, 4 reads 8, 8 reads 0
        a = torch.eye(9)[perm].expand(2, 9, 9)
        out = self.copy(self.logits, a, self.x, self.s)
        src = heads_argmax(self.copy.src(self.s))                                # what each cell holds
        self.assertTrue(torch.equal(heads_argmax(out)[:, 0], src[:, 4]))
        self.assertTrue(torch.equal(heads_argmax(out)[:, 4], src[:, 8]))
        self.assertTrue(torch.equal(heads_argmax(out)[:, 8], src[:, 0]))
        self.assertTrue(torch.equal(heads_argmax(out)[:, 2], src[:, 2]))


if __name__ == '__main__':
    unittest.main()
