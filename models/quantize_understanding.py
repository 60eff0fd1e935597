"""int8 weights for the understanding graph: embedding tables per row, GRU and linear weights per output row.

Every float initializer with >= 2 dims becomes int8 + DequantizeLinear (symmetric, per-axis scales) whose
output keeps the original name, as quantize.py does for the edit graphs. GRU weights (dirs, 3H, in) are
quantized per row of the 3H axis.
"""
from pack import qdq_weights


def quantize(src, dst):
    """Rewrites src's float weights as int8 and saves dst. -> (float bytes, int8 bytes)."""
    def axis_of(g, name, w):
        gru = any(n.op_type == 'GRU' and name in n.input[1:3] for n in g.node)
        return 1 if gru else 0
    return qdq_weights(src, dst, axis_of)
