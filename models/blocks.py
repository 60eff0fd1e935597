"""Building blocks shared by the edit model, its decoder and the recognizer: scene-cell pooling, convolutions,
grid self-attention, the attribute heads."""
import math

import torch
import torch.nn as nn


CELL_HEADS = (9, 8, 3, 3)       # shape (incl. empty), color, size, texture: the recognizer's heads


def cell_pool_matrix(S, G, cells=3):
    """(cells*cells, G*G): fraction of each region's area inside each scene cell (rows sum to 1)."""
    edges = torch.linspace(0, S, cells + 1)
    r = torch.arange(G + 1, dtype=torch.float32) * S / G
    ov = (torch.minimum(edges[1:, None], r[None, 1:]) - torch.maximum(edges[:-1, None], r[None, :-1])).clamp(min=0)
    ov = ov / ov.sum(1, keepdim=True)                                  # (3, G) per axis
    P = torch.einsum('ay,bx->abyx', ov, ov).reshape(cells * cells, G * G)
    return P / P.sum(1, keepdim=True)


def pool_cells(P, x):
    """P (cells, N) from cell_pool_matrix, x (B, C, G, G) -> (B, cells, C) (a plain MatMul in ONNX)."""
    return P @ x.flatten(2).transpose(1, 2)


def conv(cin, cout, stride=1):
    return nn.Conv2d(cin, cout, 3, stride, 1)


class GridAttention(nn.Module):
    """Residual single-head self-attention over the cells of a (B, C, G, G) map (global context: move, swap)."""
    def __init__(self, C, dk=32):
        super().__init__()
        self.q, self.k, self.v, self.o = nn.Conv2d(C, dk, 1), nn.Conv2d(C, dk, 1), nn.Conv2d(C, C, 1), nn.Conv2d(C, C, 1)
        self.dk = dk

    def forward(self, x):
        B, C, G, _ = x.shape
        q, k, v = self.q(x).flatten(2), self.k(x).flatten(2), self.v(x).flatten(2)     # (B, dk|C, N)
        a = torch.softmax(q.transpose(1, 2) @ k / math.sqrt(self.dk), -1)              # (B, N, N)
        return x + self.o((v @ a.transpose(1, 2)).view(B, C, G, G))
