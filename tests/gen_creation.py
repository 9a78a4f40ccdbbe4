"""NumPy's results for the creation functions, for tests/core/test_creation.cpp.

Run with Debian's interpreter: /usr/bin/python3 tests/gen_creation.py
Each key of fixtures/creation/creation.npz names the call the C++ test repeats.
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "creation")

CASES = {
    "arange_10": np.arange(10),
    "arange_5_5": np.arange(5.5),
    "arange_2_11_3": np.arange(2, 11, 3),
    "arange_10_0": np.arange(10, 0),
    "arange_10_0_m3": np.arange(10, 0, -3),
    "arange_0_1_0p1": np.arange(0, 1, 0.1),
    "arange_1_m1_m0p3": np.arange(1, -1, -0.3),
    "arange_0p5_7_1p5": np.arange(0.5, 7, 1.5),
    "arange_0_5_1_f32": np.arange(0, 5, 1, dtype=np.float32),
    "arange_0_1_0p1_f32": np.arange(0, 1, 0.1, dtype=np.float32),
    "arange_0_300_1_u8": np.arange(0, 300, 1).astype(np.uint8),
    "linspace_0_1_5": np.linspace(0, 1, 5),
    "linspace_0_1_7": np.linspace(0, 1, 7),
    "linspace_m3_3_1000": np.linspace(-3, 3, 1000),
    "linspace_0_1_5_noend": np.linspace(0, 1, 5, endpoint=False),
    "linspace_2_2_4": np.linspace(2, 2, 4),
    "linspace_0_1_1": np.linspace(0, 1, 1),
    "linspace_0_1_0": np.linspace(0, 1, 0),
    "linspace_0_10_4_int": np.linspace(0, 10, 4, dtype=np.int64),
    "linspace_m1_1_5_f32": np.linspace(-1, 1, 5, dtype=np.float32),
    "linspace_10_0_6": np.linspace(10, 0, 6),
    "eye_3": np.eye(3),
    "eye_5_3": np.eye(5, 3),
    "eye_5_5_3": np.eye(5, k=3),
    "eye_4_6_m2": np.eye(4, 6, k=-2),
    "eye_3_3_5": np.eye(3, k=5),
    "eye_3_i32": np.eye(3, dtype=np.int32),
    "identity_4_bool": np.identity(4, dtype=bool),
    "tril_4x5": np.tril(np.arange(1, 21).reshape(4, 5)),
    "tril_4x5_k1": np.tril(np.arange(1, 21).reshape(4, 5), 1),
    "tril_4x5_km2": np.tril(np.arange(1, 21).reshape(4, 5), -2),
    "triu_4x5": np.triu(np.arange(1, 21).reshape(4, 5)),
    "triu_4x5_k2": np.triu(np.arange(1, 21).reshape(4, 5), 2),
    "triu_2x3x3_km1": np.triu(np.arange(18.0).reshape(2, 3, 3), -1),
    "tril_1d": np.tril(np.array([1, 2, 3])),
    "full_2x3_7": np.full((2, 3), 7),
    "full_2_1p5": np.full(2, 1.5),
    "full_2x2_true": np.full((2, 2), True),
    "full_3_250_u8": np.full(3, 250, dtype=np.uint8),
    "full_2_2p7_i32": np.full(2, 2.7, dtype=np.int32),
    "ones_2x2_f32": np.ones((2, 2), dtype=np.float32),
    "zeros_0x3": np.zeros((0, 3)),
    "zeros_scalar": np.zeros(()),
    "array_nested3": np.array([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]),
    "array_nested4": np.array([[[[1.5]], [[2.5]]]]),
    "array_bools": np.array([True, False, True]),
    "array_f32": np.array([1.0, 2.5], dtype=np.float32),
}
xs, ys = np.arange(3), np.arange(4.0)
zs = np.array([10, 20])
for name, grids in {
    "meshgrid_xy": np.meshgrid(xs, ys),
    "meshgrid_ij": np.meshgrid(xs, ys, indexing="ij"),
    "meshgrid3_xy": np.meshgrid(xs, ys, zs),
    "meshgrid3_ij": np.meshgrid(xs, ys, zs, indexing="ij"),
    "meshgrid1": np.meshgrid(xs),
}.items():
    for i, g in enumerate(grids):
        CASES["%s_%d" % (name, i)] = g

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    np.savez_compressed(os.path.join(OUT, "creation.npz"), **CASES)
