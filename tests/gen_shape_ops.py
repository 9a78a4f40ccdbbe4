"""NumPy's shapes, byte strides, flags and view-or-copy answers for the shape
operations, for tests/core/test_shape_ops.cpp.

Run with Debian's interpreter: /usr/bin/python3 tests/gen_shape_ops.py
Writes fixtures/shape_ops/cases.txt, one line per case:
  <name> <shape> <strides> <c_contiguous> <f_contiguous> <shares_memory_with_input>
and fixtures/shape_ops/values.npz with each result's values under <name>.
The C++ test repeats each named expression (the names say what they do).
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "shape_ops")

a = np.arange(24).reshape(2, 3, 4)      # "a" in the test
t = a.transpose(2, 0, 1)                # "t"
r = a[:, ::-1, ::2]                     # "r"
f32 = np.arange(12, dtype=np.float32).reshape(3, 4)

CASES = {
    "a": (a, a),
    "a_reshape_6_4": (a.reshape(6, 4), a),
    "a_reshape_m1": (a.reshape(-1), a),
    "a_reshape_4_m1_2": (a.reshape(4, -1, 2), a),
    "a_reshape_1_24_1": (a.reshape(1, 24, 1), a),
    "t_reshape_4_6": (t.reshape(4, 6), t),
    "t_reshape_4_2_3": (t.reshape(4, 2, 3), t),
    "t_reshape_2_2_6": (t.reshape(2, 2, 6), t),
    "r_reshape_m1": (r.reshape(-1), r),
    "r_reshape_2_6": (r.reshape(2, 6), r),
    "a_T": (a.T, a),
    "a_transpose_1_0_2": (a.transpose(1, 0, 2), a),
    "a_swapaxes_0_2": (np.swapaxes(a, 0, 2), a),
    "a_swapaxes_m1_1": (np.swapaxes(a, -1, 1), a),
    "a_moveaxis_0_m1": (np.moveaxis(a, 0, -1), a),
    "a_moveaxis_m1_0": (np.moveaxis(a, -1, 0), a),
    "a_moveaxis_01_m1m2": (np.moveaxis(a, [0, 1], [-1, -2]), a),
    "a_expand_0": (np.expand_dims(a, 0), a),
    "a_expand_m1": (np.expand_dims(a, -1), a),
    "a_expand_0_3": (np.expand_dims(a, (0, 3)), a),
    "t_expand_1": (np.expand_dims(t, 1), t),
    "sq_all": (np.squeeze(a.reshape(1, 2, 1, 12, 1)), a),
    "sq_2": (np.squeeze(a.reshape(1, 2, 1, 12, 1), 2), a),
    "sq_0_m1": (np.squeeze(a.reshape(1, 2, 1, 12, 1), (0, -1)), a),
    "bcast_row": (np.broadcast_to(np.arange(4), (3, 4)), None),
    "bcast_col": (np.broadcast_to(np.arange(3).reshape(3, 1), (2, 3, 5)), None),
    "a_ravel": (a.ravel(), a),
    "t_ravel": (t.ravel(), t),
    "r_ravel": (r.ravel(), r),
    "t_flatten": (t.flatten(), t),
    "a_flatten": (a.flatten(), a),
    "t_contig": (np.ascontiguousarray(t), t),
    "a_contig": (np.ascontiguousarray(a), a),
    "r_contig": (np.ascontiguousarray(r), r),
    "a_fortran": (np.asfortranarray(a), a),
    "t_copy": (t.copy(), t),
    "f32_T_astype": (f32.T.astype(np.float64), f32),
    "r_astype": (r.astype(np.float32), r),
    "atleast2d_1d": (np.atleast_2d(np.arange(3)), None),
    "atleast3d_2d": (np.atleast_3d(f32), f32),
    "zeros_3_1": (np.zeros((3, 1)), None),
    "zeros_1_3_T": (np.zeros((1, 3)).T, None),
    "empty_0_3": (np.zeros((0, 3)), None),
}


def fmt(tup):
    return "(" + ",".join(str(v) for v in tup) + ")"


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    lines, values = [], {}
    for name, (res, src) in CASES.items():
        shares = "-" if src is None else str(int(np.shares_memory(res, src)))
        lines.append("%s %s %s %d %d %s" % (name, fmt(res.shape), fmt(res.strides),
                                             res.flags.c_contiguous, res.flags.f_contiguous,
                                             shares))
        values[name] = res
    with open(os.path.join(OUT, "cases.txt"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    np.savez_compressed(os.path.join(OUT, "values.npz"), **values)
