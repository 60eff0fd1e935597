"""The Parley edit model (PyTorch), exactly the math of models/MATH.md.

    from model import Config, EditModel
    model = EditModel(Config(vocab_size=300))
    out = model(tokens, image)            # dict: out, rgb, mask, m, steps, alpha, h, ...

Graph parts (text_encoder, image_encoder, decoder) are exported to ONNX; the middle part
(memory attention, tracker, fusion, target localization) runs as WGSL kernels in the app and
is written here with the same frozen-region `where` masks in eval mode.
"""
import math
from dataclasses import dataclass, fields

import torch
import torch.nn as nn
import torch.nn.functional as F

from blocks import CELL_HEADS, GridAttention, cell_pool_matrix, conv, pool_cells
from decoder import Decoder

# Mechanisms an ablation switches off (Config.use_<name>): train.py --no-<name> (ablate.sh) trains without one, eval.py
# --knockout switches each off in a trained model. Every released pack has them all on.
ABLATIONS = ('attention', 'termination', 'mask', 'memory', 'tracker')
# Config fields taken out, with the one value every model had: older checkpoints and manifests still name them.
RETIRED = {'grid_attention': True,     # self-attention over regions in the image encoder and decoder: always on
           'n_cells': 9}               # never read (the 3x3 scene cells are blocks.cell_pool_matrix's)


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
    coords: bool = True         # coordinate channels at every decoder scale (packs made before them: False)
    cell_code: bool = False     # the decoder also sees each scene cell's predicted target attributes (see Decoder)
    cell_mix: bool = False      # the cell code of each cell may read another cell's source content (see CellMix)
    fourier: bool = False       # a last full-resolution residual step that sees periodic in-cell maps (see fourier_axes)
    cell_copy: bool = False     # with cell_mix: a cell may take an attended cell's source attributes (see CellCopy)
    context_words: bool = False # the previous instruction's words join the fusion attention, marked (see middle)
    n_classes: int = 7          # CoSaL pixel classes (auxiliary region head)
    use_attention: bool = True  # ablations (ABLATIONS): all on in every released pack
    use_termination: bool = True
    use_mask: bool = True
    use_memory: bool = True
    use_tracker: bool = True

    @classmethod
    def from_saved(cls, saved):
        """The Config of a checkpoint's 'config' or of a pack manifest's 'config' with its 'domain'. Keys it does not
        have (a manifest's derived N and A, RETIRED fields) are skipped; coords is False where not named (packs and
        checkpoints made before the coordinate maps, such as cosal-v1)."""
        for k, v in RETIRED.items():
            if saved.get(k, v) != v:
                raise ValueError(f'{k}={saved[k]!r}: models are built with {k}={v!r} only')
        known = {f.name for f in fields(cls)}
        return cls(**{'coords': False, **{k: v for k, v in saved.items() if k in known}})


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
        self.attn = GridAttention(c.C3)
        self.proj = nn.Conv2d(c.C3, c.D, 1)
        self.pos = nn.Parameter(torch.randn(1, c.D, c.G, c.G) * 0.1)

    def forward(self, image):
        x = F.relu(self.stem(image * 2 - 1))
        s1 = F.relu(self.down1(x))                                     # (B, C1, S/2, S/2)
        x = F.relu(self.down2(s1))
        s2 = F.relu(self.mid2(x)) + x                                  # (B, C2, S/4, S/4)
        x = F.relu(self.down3(s2))
        x = F.relu(self.mid3(x)) + x                                   # (B, C3, G, G)
        x = self.attn(x)
        V = self.proj(x) + self.pos                                    # (B, D, G, G)
        return V, V.mean((2, 3)), s1, s2


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
