"""Training losses and image metrics (shared by train.py and metrics.py).

    from losses import edit_losses, ssim, psnr
"""
import torch
import torch.nn.functional as F

from blocks import CELL_HEADS
from recognizer import cell_loss


def gaussian_window(size=7, sigma=1.5):
    x = torch.arange(size, dtype=torch.float32) - size // 2
    g = torch.exp(-x ** 2 / (2 * sigma ** 2))
    g = g / g.sum()
    return (g[:, None] * g[None, :])[None, None]                        # (1, 1, k, k)


def ssim_map(a, b, size=7):
    """Per-pixel SSIM of (B, 3, S, S) images in [0, 1], Gaussian window, 'valid' borders."""
    w = gaussian_window(size).to(a).expand(a.shape[1], 1, size, size)
    f = lambda x: F.conv2d(x, w, groups=a.shape[1])
    mu_a, mu_b = f(a), f(b)
    va, vb, cov = f(a * a) - mu_a ** 2, f(b * b) - mu_b ** 2, f(a * b) - mu_a * mu_b
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    return ((2 * mu_a * mu_b + c1) * (2 * cov + c2)) / ((mu_a ** 2 + mu_b ** 2 + c1) * (va + vb + c2))


def ssim(a, b):
    """(B,) mean SSIM per image."""
    return ssim_map(a, b).mean((1, 2, 3))


def psnr(a, b):
    """(B,) PSNR in dB per image (capped at 100 for identical images)."""
    mse = ((a - b) ** 2).mean((1, 2, 3))
    return torch.where(mse > 0, -10 * torch.log10(mse.clamp(min=1e-10)), torch.full_like(mse, 100.0))


def dilate(mask, k=3):
    return F.max_pool2d(mask, 2 * k + 1, 1, k)


def grads(x):
    return x[..., 1:, :] - x[..., :-1, :], x[..., :, 1:] - x[..., :, :-1]


def edit_losses(model, r, batch, w):
    """Weighted sum of the training terms. r: model outputs; w: TrainConfig. -> (loss, {name: value})."""
    tgt, src, changed = batch['tgt'], batch['src'], batch['changed']         # (B, 3, S, S), (B, 1, S, S)
    near = dilate(changed)
    weight = 1 + w.changed_weight * near
    terms = {'l1': ((r['out'] - tgt).abs() * weight).mean() / weight.mean(),
             'gen': ((r['rgb'] - tgt).abs() * near).sum() / (3 * near.sum() + 1)}
    (oy, ox), (ty, tx) = grads(r['out']), grads(tgt)
    terms['edge'] = (oy - ty).abs().mean() + (ox - tx).abs().mean()
    terms['ssim'] = 1 - ssim_map(r['out'], tgt).mean()
    if model.c.use_mask:
        pos = changed.mean().clamp(min=1e-3)
        terms['mask'] = F.binary_cross_entropy_with_logits(r['mask_logit'], changed, pos_weight=(1 - pos) / pos / 4)
    # Target localization (MIM-Net TLU): alpha should open on the regions that change, so O must carry the edit.
    a_tgt = F.adaptive_max_pool2d(changed, r['alpha'].shape[-1])                 # (B, 1, G, G)
    terms['alpha'] = F.binary_cross_entropy_with_logits(r['alpha_logit'], a_tgt)
    cells, regions = model.aux_logits(r['fused'], r['skip2'])
    if 'cells_tgt' in batch:
        edited = (batch['cells_src'] != batch['cells_tgt']).any(-1).float()        # (B, 9) cells the turn changes
        cell_w = 1 + w.aux_edit_weight * edited
        terms['aux'] = cell_loss(cells.split(list(CELL_HEADS), -1), batch['cells_tgt'], cell_w)
        if model.decoder.cell_copy is not None:                             # what each cell holds before the turn
            src_cells = model.decoder.source_logits(r['skip2']).split(list(CELL_HEADS), -1)
            terms['src'] = cell_loss(src_cells, batch['cells_src'])
    if 'labels' in batch:                                                   # CoSaL: per-region class fractions
        G = regions.shape[-1]
        frac = F.adaptive_avg_pool2d(F.one_hot(batch['labels'].long(), regions.shape[1]).permute(0, 3, 1, 2).float(), G)
        terms['aux'] = -(frac * F.log_softmax(regions, 1)).sum(1).mean()
    if model.c.use_termination and not model.full_steps:
        terms['ponder'] = r['ponder'].mean()
    weights = {'l1': w.l1_weight, 'gen': w.gen_weight, 'edge': w.edge_weight, 'ssim': w.ssim_weight,
               'mask': w.mask_weight, 'alpha': w.alpha_weight, 'aux': w.aux_weight, 'src': w.aux_weight,
               'ponder': w.ponder_weight}
    loss = sum(weights[k] * v for k, v in terms.items())
    return loss, {k: v.item() for k, v in terms.items()}
