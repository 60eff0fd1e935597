"""The Parley edit model (PyTorch), exactly the math of models/MATH.md.

    from model import Config, EditModel
    model = EditModel(Config(vocab_size=300))
    out = model(tokens, image)            # dict: out, rgb, mask, m, steps, alpha, h, ...

Graph parts (text_encoder, image_encoder, decoder) are exported to ONNX; the middle part
(memory attention, tracker, fusion, target localization) runs as WGSL kernels in the app and
is written here with the same frozen-region `where` masks in eval mode.
"""
import math
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class Config:
    domain: str = 'shapes-v1'
    image_size: int = 64        # S; the region grid is G = S / 8
    vocab_size: int = 256
    max_len: int = 32           # Lmax
    word_classes: int = 0       # lexicon synonym-set embeddings added to word embeddings (folded away in ONNX)
    K: int = 64                 # word dim
    G: int = 8                  # region grid side
    D: int = 32                 # region dim
    Ms: int = 32                # memory slots
    H: int = 64                 # tracker dim
    T: int = 4                  # max fusion steps
    C1: int = 16                # skip1 channels (S/2)
    C2: int = 32                # skip2 channels (S/4)
    C3: int = 64                # encoder width at G
    dec: int = 64               # decoder width at G
    mask_lo: float = 0.1        # m = clamp((sigmoid(mask_logit) - lo) / (hi - lo), 0, 1)
    mask_hi: float = 0.9
    stop_threshold: float = 0.5
    grid_attention: bool = True # self-attention over regions in the image encoder and decoder graphs
    coords: bool = True         # coordinate channels at every decoder scale (packs made before them: False)
    cell_code: bool = False     # the decoder also sees each scene cell's predicted target attributes (see Decoder)
    cell_mix: bool = False      # the cell code of each cell may read another cell's source content (see CellMix)
    fourier: bool = False       # a last full-resolution residual step that sees periodic in-cell maps (see fourier_axes)
    cell_copy: bool = False     # with cell_mix: a cell may take an attended cell's source attributes (see CellCopy)
    context_words: bool = False # the previous instruction's words join the fusion attention, marked (see middle)
    n_cells: int = 9            # 3x3 scene cells (auxiliary heads, recognizer)
    n_classes: int = 7          # CoSaL pixel classes (auxiliary region head)
    use_attention: bool = True  # ablations: each mechanism can be switched off
    use_termination: bool = True
    use_mask: bool = True
    use_memory: bool = True
    use_tracker: bool = True


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


class TextEncoder(nn.Module):
    """tokens (B, L) -> words U (B, L, K), keys (B, L, D), sentence (B, K)."""
    def __init__(self, c):
        super().__init__()
        self.emb = nn.Embedding(c.vocab_size, c.K, padding_idx=0)
        self.gru = nn.GRU(c.K, c.K // 2, batch_first=True, bidirectional=True)
        self.wa = nn.Linear(c.K, c.D, bias=False)
        self.class_emb = None
        if c.word_classes:                     # word w gets emb[w] + mean of its synonym sets' embeddings
            nn.init.normal_(self.emb.weight, std=0.1)
            self.class_emb = nn.Parameter(torch.randn(c.word_classes, c.K))
            self.register_buffer('word_class', torch.zeros(c.vocab_size, c.word_classes))   # (V, C) rows sum to 1 or 0

    def table(self):
        t = self.emb.weight                                            # (V, K)
        return t if self.class_emb is None else t + self.word_class @ self.class_emb

    def forward(self, tokens):
        valid = (tokens != 0).float()                                  # (B, L)
        x = F.embedding(tokens, self.table())                          # (B, L, K)
        U, _ = self.gru(x)                                             # (B, L, K)
        n = valid.sum(1, keepdim=True).clamp(min=1.0)
        s = (U * valid[..., None]).sum(1) / n                          # (B, K)
        return U, self.wa(U), s


class ImageEncoder(nn.Module):
    """image (B, 3, S, S) -> regions V (B, D, G, G), pooled (B, D), skip1 (B, C1, S/2, S/2), skip2 (B, C2, S/4, S/4)."""
    def __init__(self, c):
        super().__init__()
        self.stem = conv(3, c.C1)
        self.down1 = conv(c.C1, c.C1, 2)
        self.down2 = conv(c.C1, c.C2, 2)
        self.mid2 = conv(c.C2, c.C2)
        self.down3 = conv(c.C2, c.C3, 2)
        self.mid3 = conv(c.C3, c.C3)
        self.attn = GridAttention(c.C3) if c.grid_attention else None
        self.proj = nn.Conv2d(c.C3, c.D, 1)
        self.pos = nn.Parameter(torch.randn(1, c.D, c.G, c.G) * 0.1)

    def forward(self, image):
        x = F.relu(self.stem(image * 2 - 1))
        s1 = F.relu(self.down1(x))                                     # (B, C1, S/2, S/2)
        x = F.relu(self.down2(s1))
        s2 = F.relu(self.mid2(x)) + x                                  # (B, C2, S/4, S/4)
        x = F.relu(self.down3(s2))
        x = F.relu(self.mid3(x)) + x                                   # (B, C3, G, G)
        if self.attn is not None:
            x = self.attn(x)
        V = self.proj(x) + self.pos                                    # (B, D, G, G)
        return V, V.mean((2, 3)), s1, s2


CELL_HEADS = (9, 8, 3, 3)       # shape (incl. empty), color, size, texture: the recognizer's heads


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
        self.attn = GridAttention(c.dec) if c.grid_attention else None
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

    def forward(self, fused, skip1, skip2):
        up = lambda t: F.interpolate(t, scale_factor=2.0, mode='nearest')
        q = self.cell_maps(fused, skip2) if self.cell_head is not None else None
        x = F.relu(self.inp(self.with_coords(0, fused, code=q)))
        x = F.relu(self.mid(x)) + x                                    # (B, dec, G, G)
        if self.attn is not None:
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


class EditModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        assert c.G * 8 == c.image_size, 'the image encoder downsamples by 8'
        self.c = c
        D, K, A, H = c.D, c.K, c.K + c.D, c.H
        self.text = TextEncoder(c)
        self.image = ImageEncoder(c)
        self.decoder = Decoder(c)
        self.mem = nn.Parameter(torch.randn(c.Ms, D) * 0.5)               # texture memory bank (Ms, D)
        self.wk = nn.Linear(D, K, bias=False)                              # Kmem = Mem Wk^T
        self.tracker = nn.GRUCell(K + D, H)
        self.w_init = nn.Linear(H, D)
        self.w_g = nn.Linear(K + D + H, D)
        self.gates = conv(D + A, 2 * D)        # [W1 W2; W3 W4] over [S; Uh], bias [b1; b2]
        self.cand = conv(D + A, D)             # [W5 W6] over [r*S; Uh], bias b5
        self.nxt = conv(D, D)                  # W7, b7
        self.tg = nn.Linear(D, 1)              # termination gate w_tg, b_tg
        nn.init.constant_(self.tg.bias, -1.0)
        if c.context_words:                    # a context word's key and value are shifted, its logit biased
            self.ctx_key, self.ctx_val = nn.Parameter(torch.zeros(D)), nn.Parameter(torch.zeros(A))
            self.ctx_bias = nn.Parameter(torch.tensor(-2.0))
        self.aux_cells = None if c.cell_code else nn.Linear(D, sum(CELL_HEADS))   # per-cell target attributes
        self.aux_regions = nn.Conv2d(D, c.n_classes, 1)                    # per-region target classes
        self.register_buffer('cell_pool', cell_pool_matrix(c.image_size, c.G, 3), persistent=False)
        self.kmem = None                       # precomputed Kmem when loaded from a pack
        self.explore = 0.0                     # training: chance of a batch without freezing (see fusion)
        self.full_steps = False                # training warm-up: all T steps, gates off

    def mem_keys(self):
        return self.wk(self.mem) if self.kmem is None else self.kmem      # (Ms, K)

    def read_memory(self, U, valid):
        """(B, L, K) words -> (B, L, D) texture memory read-outs (zero at padding, or without memory)."""
        if not self.c.use_memory:
            return torch.zeros(*U.shape[:2], self.c.D, device=U.device)
        a = torch.softmax(U @ self.mem_keys().t() / math.sqrt(U.shape[-1]), -1)   # (B, L, Ms)
        return (a @ self.mem) * valid[..., None]

    def middle(self, U, keys, s, V, vbar, valid, h, lam=1.0, ctx=None):
        """Memory attention, tracker, fusion, target localization (the WGSL kernels). -> dict.
        ctx: (U, keys, valid) of the previous instruction's words, or None. With context_words they join the
        attention (key + ctx_key, value + ctx_val, logit + ctx_bias), so a pronoun's region can find what the last
        turn named; the app passes none (its dialogue layer resolves references), and none computes what the
        kernels compute."""
        c = self.c
        tex = self.read_memory(U, valid)
        n = valid.sum(1, keepdim=True).clamp(min=1.0)
        tbar = tex.sum(1) / n                                                # (B, D)
        if c.use_tracker:
            h = self.tracker(torch.cat([s, vbar], 1), h)                     # (B, H)
        else:
            h = torch.zeros_like(h)
        init = self.w_init(h)                                                # (B, D)
        g = self.w_g(torch.cat([s, tbar, h], 1))                             # (B, D)
        vals = torch.cat([U, tex], 2)                                        # (B, L, A)
        bias = None
        if ctx is not None and c.context_words:
            Uc, kc, vc = ctx
            keys = torch.cat([keys, kc + self.ctx_key], 1)
            vals = torch.cat([vals, torch.cat([Uc, self.read_memory(Uc, vc)], 2) + self.ctx_val], 1)
            bias = torch.cat([torch.zeros_like(valid), self.ctx_bias.expand_as(vc)], 1)
            valid = torch.cat([valid, vc], 1)
        O, steps, beta, ponder = self.fusion(V + init[:, :, None, None], keys, vals, valid, lam, bias)
        a_logit = (O * g[:, :, None, None]).sum(1, keepdim=True)              # (B, 1, G, G)
        alpha = torch.sigmoid(a_logit)
        fused = alpha * O + (1 - alpha) * V                                  # (B, D, G, G)
        return dict(fused=fused, O=O, h=h, steps=steps, beta=beta, alpha=alpha, alpha_logit=a_logit, ponder=ponder,
                    tex=tex, g=g)

    def fusion(self, S, keys, vals, valid, lam=1.0, bias=None):
        """LBIE recurrent attentive fusion with termination gates and frozen regions.
        S (B, D, G, G), keys (B, L, D), vals (B, L, A), valid (B, L), bias (B, L) on the attention logits or None.
        Returns O (B, D, G, G),
        steps (B, G, G), beta (B, N, L) at each region's final step, ponder (B,) expected steps."""
        c = self.c
        B, D, G, _ = S.shape
        N, L, A = G * G, keys.shape[1], vals.shape[2]
        terminate = c.use_termination and not self.full_steps
        stochastic = self.training and terminate
        act = torch.ones(B, 1, G, G, device=S.device)                      # 1 while a region is active
        Uh = torch.zeros(B, A, G, G, device=S.device)
        rS, h = torch.zeros_like(S), torch.zeros_like(S)
        beta = torch.zeros(B, N, L, device=S.device)
        steps = torch.zeros(B, 1, G, G, device=S.device)
        O = torch.zeros_like(S)
        remain_soft = torch.ones_like(act)                                   # relaxed P(not stopped yet)
        remain_p = torch.ones_like(act)                                      # P(not stopped yet) under p
        ponder = torch.zeros(B, device=S.device)
        uniform = valid / valid.sum(1, keepdim=True).clamp(min=1.0)          # (B, L)
        # Training sometimes lets stopped regions keep computing (explore), so the gates see what more steps give.
        freeze = not (stochastic and torch.rand(()).item() < self.explore)
        keep = lambda new, old: (act * new + (1 - act) * old) if freeze else new   # frozen regions keep old values
        for t in range(c.T):
            if c.use_attention:
                logit = torch.einsum('bdn,bld->bnl', S.flatten(2), keys) / math.sqrt(D)
                logit = logit if bias is None else logit + bias[:, None, :]
                att = torch.softmax(logit.masked_fill(valid[:, None, :] == 0, -1e9), -1)   # (B, N, L)
            else:
                att = uniform[:, None, :].expand(B, N, L)
            a_n = act.view(B, N, 1) if freeze else torch.ones(B, N, 1, device=S.device)
            beta = a_n * att + (1 - a_n) * beta                              # attention at the final step
            Uh = keep(torch.einsum('bnl,bla->ban', att, vals).view(B, A, G, G), Uh)
            zr = torch.sigmoid(self.gates(torch.cat([S, Uh], 1)))
            z, r = zr[:, :D], zr[:, D:]
            rS = keep(r * S, rS)
            cand = F.relu(self.cand(torch.cat([rS, Uh], 1)))
            h = keep((1 - z) * S + z * cand, h)                              # step output O^t
            S_next = self.nxt(h)
            p_logit = self.tg(S_next.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)    # (B, 1, G, G)
            S = keep(S_next, S)
            steps = steps + act
            last = t == c.T - 1
            if not terminate:
                stop = torch.full_like(act, float(last))
            elif stochastic:
                u = torch.rand_like(p_logit).clamp(1e-6, 1 - 1e-6)
                soft = torch.sigmoid((p_logit + torch.log(u) - torch.log(1 - u)) / lam)   # binary Gumbel-softmax
                soft = torch.ones_like(soft) if last else soft
                hard = (soft > 0.5).float()
                zeta = act * hard + remain_soft * soft - (remain_soft * soft).detach()   # straight-through
                O = O + zeta * h
                remain_soft = remain_soft * (1 - soft)
                stop = hard
            else:
                stop = torch.ones_like(act) if last else (torch.sigmoid(p_logit) > c.stop_threshold).float()
            p = torch.ones_like(act) if last else torch.sigmoid(p_logit)
            ponder = ponder + (t + 1) * (remain_p * p).mean((1, 2, 3))
            remain_p = remain_p * (1 - p)
            act = act * (1 - stop)
        if not stochastic:
            O = h
        return O, steps[:, 0], beta, ponder

    def composite(self, rgb, mask_logit, source):
        """-> out (B, 3, S, S), m (B, 1, S, S)."""
        c = self.c
        if not c.use_mask:
            return rgb, torch.ones_like(mask_logit)
        m = ((torch.sigmoid(mask_logit) - c.mask_lo) / (c.mask_hi - c.mask_lo)).clamp(0, 1)
        return m * rgb + (1 - m) * source, m

    def forward(self, tokens, image, h=None, lam=1.0, history=(), context=None):
        """tokens (B, L) int64, image (B, 3, S, S) in [0, 1], h (B, H) tracker state or None.
        history: earlier instructions [(tokens (B, L), on (B, 1))] fed to the tracker first (training).
        context: the previous instruction's tokens (B, L) for context_words (zeros: none), or None."""
        V, vbar, s1, s2 = self.image(image)
        r = self.turn(tokens, V, vbar, h, lam, history, context)
        rgb, mask_logit = self.decoder(r['fused'], s1, s2)
        out, m = self.composite(rgb, mask_logit, image)
        r.update(out=out, m=m, rgb=rgb, mask_logit=mask_logit, V=V, skip2=s2)
        return r

    def turn(self, tokens, V, vbar, h=None, lam=1.0, history=(), context=None):
        """Text encoder, tracker history and middle on encoded regions V (B, D, G, G), vbar (B, D). -> middle's dict."""
        B = tokens.shape[0]
        context = context if self.c.context_words else None
        extra = [] if context is None else [context]
        U_all, keys_all, s_all = self.text(torch.cat([tokens] + [t for t, _ in history] + extra))   # one GRU pass
        U, keys, s = U_all[:B], keys_all[:B], s_all[:B]
        ctx = None if context is None else (U_all[-B:], keys_all[-B:], (context != 0).float())
        if h is None:
            h = torch.zeros(B, self.c.H, device=V.device)
        for k, (_, on) in enumerate(history if self.c.use_tracker else ()):
            h = on * self.tracker(torch.cat([s_all[(k + 1) * B:(k + 2) * B], vbar], 1), h) + (1 - on) * h
        return self.middle(U, keys, s, V, vbar, (tokens != 0).float(), h, lam, ctx)

    def aux_logits(self, fused, skip2=None):
        """fused (B, D, G, G), skip2 -> per-cell attribute logits (B, 9, 23), per-region class logits (B, C, G, G).
        With cell_code the decoder's own cell head is the auxiliary head (its loss teaches the code)."""
        if self.decoder.cell_head is not None:
            return self.decoder.cell_logits(fused, skip2), self.aux_regions(fused)
        return self.aux_cells(pool_cells(self.cell_pool, fused)), self.aux_regions(fused)
