"""The edit model's decoder (models/MATH.md step 7): fused regions + source skips -> RGB and mask, with the cell
code, CellMix, CellCopy and the Fourier step."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from blocks import CELL_HEADS, GridAttention, cell_pool_matrix, conv, pool_cells


def coord_axes(s, cells=3):
    """(2, s) at resolution s: pixel-center coordinate in [-1, 1] and the coordinate inside its scene cell in [-1, 1].
    Upsampled features are constant over each source region, so without these a decoder cannot tell where inside
    a region a pixel lies (it cannot draw a shape into an empty cell)."""
    t = (torch.arange(s, dtype=torch.float32) + 0.5) / s
    return torch.stack([t * 2 - 1, (t * cells) % 1 * 2 - 1])


FOURIER_PERIODS = (4, 5, 6, 8)  # pixels; the renderer's dots repeat every 5, its diagonal stripes every 6


def fourier_axes(s, cells=3, periods=FOURIER_PERIODS):
    """(2, P, s): sin and cos of 2 pi d / p, d = a pixel center's offset from its scene cell's center (pixels).
    Textures are laid out from the cell center at a few pixels' period: a ReLU net cannot make such a pattern out of
    linear coordinates, so the last decoder step gets these phases (see fourier_maps)."""
    t = torch.arange(s, dtype=torch.float32) + 0.5
    d = t - (torch.floor(t * cells / s) + 0.5) * s / cells
    a = 2 * math.pi * d[None] / torch.tensor(periods, dtype=torch.float32)[:, None]
    return torch.stack([torch.sin(a), torch.cos(a)])


def gather2(x, rows, cols):
    """(B, C, H, W) -> (B, C, len(rows), len(cols)): the rows and columns named by two int64 index vectors."""
    return x.index_select(2, rows).index_select(3, cols)


def fourier_window(axes, rows, cols):
    """fourier_maps(axes) on the pixels rows x cols only: (1, 8P, len(rows), len(cols)), the same values."""
    ar, ac = axes.index_select(2, rows), axes.index_select(2, cols)   # (2, P, h), (2, P, w)
    sx, cx = ac[0][:, None, :], ac[1][:, None, :]                      # (P, 1, w)
    sy, cy = ar[0][:, :, None], ar[1][:, :, None]                      # (P, h, 1)
    full = lambda t: t.expand(-1, rows.shape[0], cols.shape[0])
    maps = [full(sx), full(cx), full(sy), full(cy),
            sx * cy + cx * sy, cx * cy - sx * sy, sx * cy - cx * sy, cx * cy + sx * sy]
    return torch.cat(maps, 0)[None]


def fourier_maps(axes):
    """(2, P, s) from fourier_axes -> (1, 8P, s, s): sin and cos of the phase along x, y, x + y and x - y, made by
    broadcasting (angle sums), so the graph stores only the 1-D axes."""
    s = axes.shape[-1]
    sx, cx = axes[0][:, None, :], axes[1][:, None, :]                 # (P, 1, s): varies along x
    sy, cy = axes[0][:, :, None], axes[1][:, :, None]                 # (P, s, 1): varies along y
    full = lambda t: t.expand(-1, s, s)                               # not * ones: ONNX would store the ones
    maps = [full(sx), full(cx), full(sy), full(cy),
            sx * cy + cx * sy, cx * cy - sx * sy, sx * cy - cx * sy, cx * cy + sx * sy]
    return torch.cat(maps, 0)[None]


class CellMix(nn.Module):
    """Attention over the nine scene cells before the cell head: a cell whose target is another cell's object (the
    destination of a move, either side of a swap) reads that cell's source content. Queries and keys come from the
    fused features (which cells the instruction names, and in what role) and the source skip features (what they
    hold); values from both. Its output starts at zero, so a pack it is added to computes what it computed."""
    def __init__(self, D, Cs, dk=16):
        super().__init__()
        self.q, self.k = nn.Linear(D + Cs, dk), nn.Linear(D + Cs, dk)
        self.v, self.o, self.gate = nn.Linear(D + Cs, D), nn.Linear(D, D), nn.Linear(D + Cs, 1)
        nn.init.zeros_(self.o.weight)
        nn.init.zeros_(self.o.bias)
        self.dk = dk

    def forward(self, p, s):
        """p (B, 9, D) cell-pooled fused features, s (B, 9, Cs) cell-pooled source skip features -> (B, 9, D)."""
        return self.mix(p, s)[0]

    def mix(self, p, s):
        """-> (mixed p (B, 9, D), attention (B, 9, 9), x = [p; s] (B, 9, D + Cs))."""
        x = torch.cat([p, s], -1)
        a = torch.softmax(self.q(x) @ self.k(x).transpose(1, 2) / math.sqrt(self.dk), -1)   # (B, 9, 9)
        return p + torch.sigmoid(self.gate(x)) * self.o(a @ self.v(x)), a, x


class CellCopy(nn.Module):
    """A move's destination or a swap's either side holds another cell's object unchanged, yet CellMix's values
    carried its shape far better than its color and texture (a pooled skip vector mixes them). So a small head reads
    every cell's source attributes off its pooled skip features (supervised by the source cells, see losses.py),
    and a gated linear map of their log-probabilities, mixed by CellMix's attention, is added to the cell logits.
    `o` starts at zero: a pack it is added to computes what it computed."""
    def __init__(self, D, Cs, hidden=64):
        super().__init__()
        n = sum(CELL_HEADS)
        self.src = nn.Sequential(nn.Linear(Cs, hidden), nn.ReLU(), nn.Linear(hidden, n))
        self.gate, self.o = nn.Linear(D + Cs, 1), nn.Linear(n, n)
        nn.init.zeros_(self.o.weight)
        nn.init.zeros_(self.o.bias)

    def forward(self, logits, a, x, s):
        """logits (B, 9, 23), a (B, 9, 9), x (B, 9, D + Cs), s (B, 9, Cs) -> logits with the copied attributes."""
        logp = torch.cat([F.log_softmax(t, -1) for t in self.src(s).split(list(CELL_HEADS), -1)], -1)
        return logits + torch.sigmoid(self.gate(x)) * self.o(a @ logp)


class Decoder(nn.Module):
    """fused (B, D, G, G), skip1, skip2 -> rgb (B, 3, S, S) in [0, 1], mask_logit (B, 1, S, S).

    With cell_code, a linear head reads each scene cell's target attributes off the fused regions (pooled per cell)
    and their probabilities are broadcast over the cell's pixels at every scale: region features only describe
    their own 8x8 patch, so without this a pixel cannot tell which whole shape it belongs to and edits come out
    hedged (blended colors, soft shapes)."""
    def __init__(self, c):
        super().__init__()
        S = c.image_size
        P = (5 if c.coords else 0) + (sum(CELL_HEADS) if c.cell_code else 0)
        self.inp = conv(c.D + P, c.dec)
        self.mid = conv(c.dec, c.dec)
        self.attn = GridAttention(c.dec)
        self.up2 = conv(c.dec + c.C2 + P, c.C2 * 2)
        self.up1 = conv(c.C2 * 2 + c.C1 + P, c.C1 * 2)
        self.up0 = conv(c.C1 * 2 + P, c.C1)
        self.out = conv(c.C1, 4)
        self.fine = None
        if c.fourier:
            assert c.coords, 'fourier extends the coordinate maps'
            F_in = c.C1 + 8 * len(FOURIER_PERIODS) + (sum(CELL_HEADS) if c.cell_code else 0)
            self.fine = nn.Sequential(conv(F_in, 2 * c.C1), nn.ReLU(), conv(2 * c.C1, c.C1))
            nn.init.zeros_(self.fine[2].weight)                          # a residual step that starts switched off
            nn.init.zeros_(self.fine[2].bias)
            self.register_buffer('coords_fourier', fourier_axes(S))
        self.scales = [S // 8, S // 4, S // 2, S] if c.coords else []
        for s in self.scales:                  # fixed, not learned (quantize.py keeps them f32); 1-D, so packs stay small
            self.register_buffer(f'coords{s}', coord_axes(s))
        self.cell_head = None
        if c.cell_code:
            assert c.coords, 'cell_code needs the coordinate maps (in-cell position)'
            self.cell_head = nn.Linear(c.D, sum(CELL_HEADS))
            self.register_buffer('coords_cell_pool', cell_pool_matrix(S, c.G, 3))   # 'coords' prefix: not quantized
        self.cell_mix = None
        if c.cell_mix:
            assert c.cell_code, 'cell_mix mixes the cell code'
            self.cell_mix = CellMix(c.D, c.C2)
            self.register_buffer('coords_cell_pool2', cell_pool_matrix(S, S // 4, 3))   # over skip2's grid
        self.cell_copy = None
        if c.cell_copy:
            assert c.cell_mix, 'cell_copy copies along CellMix attention'
            self.cell_copy = CellCopy(c.D, c.C2)

    def cell_logits(self, fused, skip2=None):
        """(B, D, G, G), skip2 (B, C2, S/4, S/4) (read with cell_mix) -> (B, 9, 23) per-cell target attribute logits."""
        p = pool_cells(self.coords_cell_pool, fused)
        if self.cell_mix is None:
            return self.cell_head(p)
        s = pool_cells(self.coords_cell_pool2, skip2)
        p, a, x = self.cell_mix.mix(p, s)
        logits = self.cell_head(p)
        return logits if self.cell_copy is None else self.cell_copy(logits, a, x, s)

    def source_logits(self, skip2):
        """skip2 -> (B, 9, 23) CellCopy's reading of each cell's source attributes (trained against cells_src)."""
        return self.cell_copy.src(pool_cells(self.coords_cell_pool2, skip2))

    def cell_maps(self, fused, skip2=None):
        """-> (B, 23, 3, 3) attribute probabilities per scene cell (softmax within each head)."""
        B = fused.shape[0]
        probs = [torch.softmax(x, -1) for x in self.cell_logits(fused, skip2).split(list(CELL_HEADS), -1)]
        return torch.cat(probs, -1).transpose(1, 2).reshape(B, sum(CELL_HEADS), 3, 3)

    def with_coords(self, k, *xs, code=None):
        """Concatenates 5 coordinate maps of decoder scale k (0: G, ..., 3: S) to xs: x, y, x and y inside the scene
        cell, distance to the cell center (nothing when coords are off); then the cell code (B, 23, 3, 3), if given,
        spread over its cells (nearest: pixel i lies in cell floor(3 i / s))."""
        if not self.scales:
            return torch.cat(xs, 1)
        s = self.scales[k]
        a = getattr(self, f'coords{s}')                                # (2, s)
        x, y = a.view(1, 2, 1, s).expand(1, 2, s, s), a.view(1, 2, s, 1).expand(1, 2, s, s)   # no stored ones in ONNX
        r = torch.sqrt(x[:, 1:] * x[:, 1:] + y[:, 1:] * y[:, 1:])
        maps = torch.cat([x[:, :1], y[:, :1], x[:, 1:], y[:, 1:], r], 1)  # (1, 5, s, s)
        spread = [] if code is None else [F.interpolate(code, size=(s, s), mode='nearest')]
        return torch.cat(list(xs) + [maps + torch.zeros_like(xs[0][:, :1])] + spread, 1)   # batch by broadcasting

    def in_window(self, k, *xs, code=None, rows, cols):
        """with_coords(k, ...) for a window: xs are already (B, C, len(rows), len(cols)); the coordinate maps and the
        cell code are taken at those pixels of scale k."""
        if not self.scales:
            return torch.cat(xs, 1)
        s = self.scales[k]
        a = getattr(self, f'coords{s}')                                # (2, s)
        ar, ac = a.index_select(1, rows), a.index_select(1, cols)      # (2, h), (2, w)
        h, w = rows.shape[0], cols.shape[0]
        x, y = ac.view(1, 2, 1, w).expand(1, 2, h, w), ar.view(1, 2, h, 1).expand(1, 2, h, w)
        r = torch.sqrt(x[:, 1:] * x[:, 1:] + y[:, 1:] * y[:, 1:])
        maps = torch.cat([x[:, :1], y[:, :1], x[:, 1:], y[:, 1:], r], 1)  # (1, 5, h, w)
        spread = [] if code is None else [self.code_at(code, s, rows, cols)]
        return torch.cat(list(xs) + [maps + torch.zeros_like(xs[0][:, :1])] + spread, 1)

    @staticmethod
    def code_at(code, s, rows, cols):
        """The cell code (B, 23, n, n) at pixels rows x cols of scale s: F.interpolate's nearest cell, floor(n i / s)."""
        n = code.shape[-1]
        return gather2(code, torch.div(rows * n, s, rounding_mode='floor'), torch.div(cols * n, s, rounding_mode='floor'))

    def window(self, fused, skip1, skip2, r4, c4, r2, c2, r1, c1):
        """forward() on a window (the decoder_crop graph): rgb and mask_logit at pixels r1 x c1 (contiguous int64
        ranges of scale S), computing scale S/4 only on r4 x c4 and S/2 on r2 x c2. Every conv pads its window with zeros as
        forward() pads the picture, so a window's outer rows are wrong where they lie inside the picture: each
        window must reach 1 pixel beyond what the next scale reads (one conv at S/4 and S/2) and the output window 4
        beyond the pixels kept (up0, fine.0, fine.2, out); workers/runtime/decoder-crop.ts picks them. The scale-G
        part (GridAttention: every region sees every region) and the cell code run whole."""
        q = self.cell_maps(fused, skip2) if self.cell_head is not None else None
        x = F.relu(self.inp(self.with_coords(0, fused, code=q)))
        x = F.relu(self.mid(x)) + x                                    # (B, dec, G, G)
        x = self.attn(x)
        half = lambda i, i0: torch.div(i, 2, rounding_mode='floor') - i0[:1]   # nearest 2x upsampling, then the window
        zero = torch.zeros_like(r4[:1])
        x = gather2(x, half(r4, zero), half(c4, zero))
        x = F.relu(self.up2(self.in_window(1, x, gather2(skip2, r4, c4), code=q, rows=r4, cols=c4)))
        x = gather2(x, half(r2, r4), half(c2, c4))
        x = F.relu(self.up1(self.in_window(2, x, gather2(skip1, r2, c2), code=q, rows=r2, cols=c2)))
        x = gather2(x, half(r1, r2), half(c1, c2))
        x = F.relu(self.up0(self.in_window(3, x, code=q, rows=r1, cols=c1)))
        if self.fine is not None:
            phases = fourier_window(self.coords_fourier, r1, c1) + torch.zeros_like(x[:, :1])
            extra = [] if q is None else [self.code_at(q, self.scales[3], r1, c1)]
            x = x + self.fine(torch.cat([x, phases] + extra, 1))
        y = self.out(x)
        return torch.sigmoid(y[:, :3]), y[:, 3:]

    def forward(self, fused, skip1, skip2):
        up = lambda t: F.interpolate(t, scale_factor=2.0, mode='nearest')
        q = self.cell_maps(fused, skip2) if self.cell_head is not None else None
        x = F.relu(self.inp(self.with_coords(0, fused, code=q)))
        x = F.relu(self.mid(x)) + x                                    # (B, dec, G, G)
        x = self.attn(x)
        x = F.relu(self.up2(self.with_coords(1, up(x), skip2, code=q)))   # (B, 2*C2, S/4, S/4)
        x = F.relu(self.up1(self.with_coords(2, up(x), skip1, code=q)))   # (B, 2*C1, S/2, S/2)
        x = F.relu(self.up0(self.with_coords(3, up(x), code=q)))          # (B, C1, S, S)
        if self.fine is not None:
            phases = fourier_maps(self.coords_fourier) + torch.zeros_like(x[:, :1])   # batch by broadcasting
            extra = [] if q is None else [F.interpolate(q, size=x.shape[-2:], mode='nearest')]
            x = x + self.fine(torch.cat([x, phases] + extra, 1))
        y = self.out(x)
        return torch.sigmoid(y[:, :3]), y[:, 3:]
