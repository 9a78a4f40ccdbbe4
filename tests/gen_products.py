"""NumPy's results for matmul, dot, vdot, inner, outer, tensordot, kron and einsum, for
tests/core/test_products.cpp.

Run with Debian's interpreter: /usr/bin/python3 tests/gen_products.py
Inputs are small integer-valued arrays (exact in every dtype) made by `operand(shape,
seed)`, which the C++ test rebuilds the same way; cases.txt lists one case per line:
  <function> <spec> <shapes ;-separated> <dtype> <outcome: ok:<key> | error:<Type>>
The einsum subscripts come from NumPy's own test_einsum.py (and the attention shapes).
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "products")


def operand(shape, seed, dtype):
    """Deterministic small integers in [-4, 4], reshaped: exact in every dtype."""
    n = int(np.prod(shape))
    values = (np.arange(n) * 7 + seed * 13) % 9 - 4
    return values.reshape(shape).astype(dtype)


CASES = []  # (function, spec, shapes, dtype)


def add(fn, spec, shapes, dtype="float64"):
    CASES.append((fn, spec, shapes, dtype))


for dtype in ["float64", "float32", "int64", "int32", "uint8", "bool"]:
    add("matmul", "-", [(3, 4), (4, 5)], dtype)
add("matmul", "-", [(4,), (4, 5)])
add("matmul", "-", [(3, 4), (4,)])
add("matmul", "-", [(4,), (4,)])
add("matmul", "-", [(2, 1, 3, 4), (5, 4, 2)])
add("matmul", "-", [(7, 3, 4), (4, 2)], "float32")
add("matmul", "-", [(48, 64, 64), (48, 64, 64)], "float32")
add("matmul", "-", [(3, 4), (5, 6)])
add("matmul", "-", [(0, 4), (4, 3)])
add("matmul", "-", [(3, 0), (0, 2)])
add("matmul", "T", [(4, 3), (5, 4)])   # a.T @ b.T: strided (transposed) operands
add("matmul", "S", [(6, 8), (8, 10)])  # a[::2, ::2] @ b[::2, ::3]: strided copies
add("dot", "-", [(3,), (3,)])
add("dot", "-", [(2, 3), (3, 4)])
add("dot", "-", [(2, 3, 4), (4,)])
add("dot", "-", [(2, 3, 4), (5, 4, 2)])
add("dot", "-", [(2, 3), (2, 3)])
add("dot", "-", [(), (2, 3)])
add("vdot", "-", [(2, 3), (3, 2)])
add("inner", "-", [(2, 3), (4, 3)])
add("inner", "-", [(3,), (3,)])
add("outer", "-", [(3,), (2, 2)])
add("tensordot", "2", [(3, 4, 5), (4, 5, 6)])
add("tensordot", "0", [(2, 3), (4,)])
add("tensordot", "1,0;0,1", [(3, 4, 5), (4, 3, 2)])
add("kron", "-", [(2, 2), (3, 3)], "int64")
add("kron", "-", [(2,), (2, 3)], "int64")

EINSUM = [
    ("ij,jk->ik", [(3, 4), (4, 5)]), ("ij,jk", [(3, 4), (4, 5)]), ("ik,jk->ij", [(3, 4), (5, 4)]),
    ("ii", [(4, 4)]), ("ii->i", [(4, 4)]), ("ij->ji", [(3, 4)]), ("ij", [(3, 4)]),
    ("ji", [(3, 4)]), ("ab->", [(3, 4)]), ("...", [(2, 3)]), ("i,i", [(5,), (5,)]),
    ("i,j", [(3,), (4,)]), ("i,j->ij", [(3,), (4,)]), ("ij,j", [(3, 4), (4,)]),
    ("ji,j", [(3, 4), (3,)]), ("...i,...i", [(2, 3, 4), (3, 4)]),
    ("i...,i...", [(4, 2), (4, 2)]), ("...ij,...jk->...ik", [(2, 3, 4), (4, 5)]),
    ("bhqd,bhkd->bhqk", [(12, 4, 64, 32), (12, 4, 64, 32)]),
    ("bhqk,bhkd->bhqd", [(2, 3, 5, 6), (2, 3, 6, 4)]),
    ("ij,jk,kl->il", [(3, 4), (4, 5), (5, 2)]), ("ea,fb,abcd,gc,hd->efgh",
                                                  [(2, 3), (2, 3), (3, 3, 3, 3), (2, 3), (2, 3)]),
    ("iij,jk->ik", [(3, 3, 4), (4, 2)]), ("i,i,i->i", [(4,), (4,), (4,)]),
    ("ijk,ikl->ijl", [(2, 3, 4), (2, 4, 5)]), ("bn,anm,bm->ba", [(2, 3), (4, 3, 5), (2, 5)]),
    ("abc,cba->", [(2, 3, 4), (4, 3, 2)]), ("a,b,c->abc", [(2,), (3,), (2,)]),
    ("ijij->ij", [(2, 3, 2, 3)]), ("ij,ij->ij", [(1, 3), (2, 3)]), ("ij,ij->", [(3, 4), (3, 4)]),
    ("Ab,bC->AC", [(2, 3), (3, 2)]),
    # errors
    ("ij,jk->ik", [(3, 4), (5, 6)]), ("ij,jk", [(3, 4)]), ("ijk", [(3, 4)]), ("i", [(3, 4)]),
    ("ii", [(3, 4)]), ("ij->ix", [(3, 4)]), ("ij->ii", [(3, 4)]), ("i.j", [(3, 4)]),
    ("i2", [(3, 4)]),
]
for spec, shapes in EINSUM:
    add("einsum", spec, shapes)
add("einsum", "ij,jk->ik", [(3, 4), (4, 5)], "int32")
add("einsum", "bhqd,bhkd->bhqk", [(2, 2, 3, 4), (2, 2, 3, 4)], "float32")


def run(fn, spec, arrays):
    if fn == "matmul":
        a, b = arrays
        if spec == "T":
            return np.matmul(a.T, b.T)
        if spec == "S":
            return np.matmul(a[::2, ::2], b[::2, ::3])
        return np.matmul(a, b)
    if fn == "tensordot":
        if ";" in spec:
            left, right = spec.split(";")
            return np.tensordot(*arrays, axes=([int(x) for x in left.split(",")],
                                               [int(x) for x in right.split(",")]))
        return np.tensordot(*arrays, axes=int(spec))
    if fn == "einsum":
        return np.einsum(spec, *arrays)
    return getattr(np, fn)(*arrays)


def main():
    os.makedirs(OUT, exist_ok=True)
    lines, results = [], {}
    for n, (fn, spec, shapes, dtype) in enumerate(CASES):
        arrays = [operand(s, i + 1, dtype) for i, s in enumerate(shapes)]
        try:
            res = run(fn, spec, arrays)
            key = "c%d" % n
            results[key] = np.asarray(res)
            outcome = "ok:" + key
        except ValueError as exc:
            outcome = "error:ValueError:" + str(exc)
        shape_text = ";".join(",".join(str(d) for d in s) if s else "-" for s in shapes)
        lines.append("%s %s %s %s %s" % (fn, spec, shape_text, dtype, outcome))
    with open(os.path.join(OUT, "cases.txt"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    np.savez_compressed(os.path.join(OUT, "results.npz"), **results)


if __name__ == "__main__":
    main()
