"""NumPy's side of bench/bench_math.cpp: the same cases, printed as RESULT <name> <ms>.

Run by the C++ benchmark with Debian's interpreter (/usr/bin/python3); NumPy is
single-threaded for all of these. Median of 11 after one warm-up, like the C++ side.
"""
import time

import numpy as np


def median_ms(fn, repeats=11):
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return sorted(times)[len(times) // 2]


def main():
    rng = np.random.default_rng(0)
    f = lambda *s: rng.standard_normal(s, dtype=np.float32)
    a, b, c = f(10**7), f(10**7), f(10**7)
    sq, sq2 = f(4096, 4096), f(4096, 4096)
    s2 = f(1000, 10000)
    rows = f(4096, 1024)
    keys = f(10**6)
    images = (f(64, 224, 224, 3) * 40 + 128).astype(np.uint8)

    def softmax():
        e = np.exp(rows - rows.max(axis=-1, keepdims=True))
        e /= e.sum(axis=-1, keepdims=True)

    cases = {
        "fma": lambda: a * b + c,
        "exp": lambda: np.exp(a),
        "transpose_add": lambda: sq.T + sq2,
        "sum_axis0": lambda: s2.sum(axis=0),
        "sum_axis1": lambda: s2.sum(axis=1),
        "sum_all": lambda: s2.sum(),
        "max_keepdims": lambda: rows.max(axis=-1, keepdims=True),
        "softmax": softmax,
        "argsort": lambda: np.argsort(keys, kind="stable"),
        "pad_reflect": lambda: np.pad(images, ((0, 0), (16, 16), (16, 16), (0, 0)), mode="reflect"),
    }
    for name, fn in cases.items():
        print("RESULT %s %.4f" % (name, median_ms(fn)), flush=True)


if __name__ == "__main__":
    main()
