"""int8 weights for the understanding graph: embedding tables per row, GRU and linear weights per output row.

Every float initializer with >= 2 dims becomes int8 + DequantizeLinear (symmetric, per-axis scales) whose
output keeps the original name, as quantize.py does for the edit graphs. GRU weights (dirs, 3H, in) are
quantized per row of the 3H axis.
"""
import numpy as np
import onnx
from onnx import helper, numpy_helper

from pack import quantize_rows


def quantize(src, dst):
    """Rewrites src's float weights as int8 and saves dst. -> (float bytes, int8 bytes)."""
    model = onnx.load(src)
    g = model.graph
    gru = {i for n in g.node if n.op_type == 'GRU' for i in n.input[1:3]}
    keep, nodes, fb, qb = [], [], 0, 0
    for init in g.initializer:
        w = numpy_helper.to_array(init)
        if w.dtype != np.float32 or w.ndim < 2:
            keep.append(init)
            continue
        axis = 1 if init.name in gru else 0
        q, scale = quantize_rows(np.moveaxis(w, axis, 0))
        q = np.ascontiguousarray(np.moveaxis(q, 0, axis))
        keep += [numpy_helper.from_array(q, init.name + '_quantized'), numpy_helper.from_array(scale, init.name + '_scale'),
                 numpy_helper.from_array(np.zeros_like(scale, dtype=np.int8), init.name + '_zero')]
        nodes.append(helper.make_node('DequantizeLinear', [init.name + '_quantized', init.name + '_scale', init.name + '_zero'],
                                      [init.name], name=init.name + '_DequantizeLinear', axis=axis))
        fb += w.nbytes
        qb += q.nbytes + 2 * scale.nbytes
    del g.initializer[:]
    g.initializer.extend(keep)
    old = list(g.node)
    del g.node[:]
    g.node.extend(nodes + old)
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    return fb, qb
