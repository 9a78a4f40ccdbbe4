"""Expected results of isclose / allclose / array_equal / array_equiv, from NumPy.

Run with Debian's interpreter: /usr/bin/python3 tests/gen_comparison.py
Writes tests/fixtures/comparison/cases.npz: for case i, a_i and b_i (the operands),
params_i = [rtol, atol, equal_nan] and the results isclose_i, allclose_i,
array_equal_i, array_equal_nan_i, array_equiv_i.
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "comparison")

inf, nan = np.inf, np.nan


def cases():
    f64 = lambda *v: np.array(v, dtype=np.float64)
    f32 = lambda *v: np.array(v, dtype=np.float32)
    yield f64(1.0, 1e10, 1e-8, 0.0), f64(1.0 + 1e-6, 1.00001e10, 1e-9, 1e-9), 1e-5, 1e-8, False
    yield f64(1.0, 2.0), f64(1.0 + 2e-5, 2.0), 1e-5, 1e-8, False
    yield f64(inf, -inf, inf, 1.0, nan, nan), f64(inf, -inf, -inf, inf, nan, 1.0), 1e-5, 1e-8, False
    yield f64(inf, -inf, inf, 1.0, nan, nan), f64(inf, -inf, -inf, inf, nan, 1.0), 1e-5, 1e-8, True
    yield f64(1.0, 1.1, 0.9), f64(1.0), 0.1, 0.0, False  # not symmetric: scaled by |b|
    yield f64(1.0, 1.1), f64(1.1, 1.0), 0.0909091, 0.0, False
    yield f32(1.0, 1.0000001, 3.0), f32(1.0000002, 1.0, 3.0000005), 1e-7, 0.0, False
    yield np.arange(6).reshape(2, 3), np.arange(3), 1e-5, 1e-8, False  # ints, broadcast
    yield np.array([np.iinfo(np.int64).min, 0]), np.array([np.iinfo(np.int64).min, 0]), 1e-5, 1e-8, False
    yield np.array([True, False]), np.array([1.0, 0.0]), 1e-5, 1e-8, False
    yield f64(0.0, 1e-9), f64(0.0, 0.0), 0.0, 0.0, False
    yield np.zeros((0, 3)), np.zeros((3,)), 1e-5, 1e-8, False
    yield f64(1.0, 2.0).reshape(2, 1), f64(1.0, 2.0, 3.0), 1e-5, 1e-8, False
    yield f64(1.0, 2.0, 3.0), f64(1.0, 2.0, 3.0), 1e-5, 1e-8, False


def main():
    os.makedirs(OUT, exist_ok=True)
    out = {}
    for i, (a, b, rtol, atol, equal_nan) in enumerate(cases()):
        out["a_%d" % i], out["b_%d" % i] = a, b
        out["params_%d" % i] = np.array([rtol, atol, float(equal_nan)])
        with np.errstate(all="ignore"):
            out["isclose_%d" % i] = np.isclose(a, b, rtol, atol, equal_nan)
            out["allclose_%d" % i] = np.array(np.allclose(a, b, rtol, atol, equal_nan))
        out["array_equal_%d" % i] = np.array(np.array_equal(a, b))
        out["array_equal_nan_%d" % i] = np.array(
            np.array_equal(a, b, equal_nan=True) if a.dtype.kind == "f" and b.dtype.kind == "f"
            else np.array_equal(a, b))
        out["array_equiv_%d" % i] = np.array(np.array_equiv(a, b))
    np.savez_compressed(os.path.join(OUT, "cases.npz"), **out)


if __name__ == "__main__":
    main()
