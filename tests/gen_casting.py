"""NumPy's astype() of special values between every pair of ndgrad dtypes, for
tests/core/test_casting.cpp.

Run with Debian's interpreter: /usr/bin/python3 tests/gen_casting.py
fixtures/casting/casting.npz holds, for each source dtype S, the input "S" and for each
target T the result "S_to_T" (NumPy's unsafe cast on this x86-64 machine: float to
integer goes through a truncating signed conversion whose overflow value is INT_MIN).
"""
import os
import warnings

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "casting")

FLOATS = [0.0, -0.0, 0.5, -0.5, 1.7, -1.7, 127.9, 128.0, 255.5, 256.0, 300.5, -300.5,
          2.0**31, -2.0**31 - 1, 1e10, -1e10, 2.0**63, -2.0**63, 1e19, np.nan, np.inf,
          -np.inf, 1e-300, 3.4e38, 1e300]
INTS = [0, 1, -1, 127, 128, 255, 256, -129, 2**31 - 1, 2**31, -2**31 - 1, 2**53 + 1,
        2**62, -2**63, 2**63 - 1]

INPUTS = {
    "bool": np.array([True, False, True]),
    "uint8": np.array([0, 1, 127, 128, 255], dtype=np.uint8),
    "int32": np.array([0, 1, -1, 255, 256, -129, 2**31 - 1, -2**31], dtype=np.int32),
    "int64": np.array(INTS, dtype=np.int64),
    "float32": np.array(FLOATS, dtype=np.float64).astype(np.float32),
    "float64": np.array(FLOATS, dtype=np.float64),
}

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for src, values in INPUTS.items():
            out[src] = values
            for dst in INPUTS:
                out["%s_to_%s" % (src, dst)] = values.astype(dst)
    np.savez_compressed(os.path.join(OUT, "casting.npz"), **out)
