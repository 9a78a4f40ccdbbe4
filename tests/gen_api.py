"""Expected results of the code blocks of shared/API.md, computed with NumPy.

Run with Debian's interpreter: /usr/bin/python3 tests/gen_api.py
Writes tests/fixtures/api/: the text the "Array core" block prints and the arrays it
leaves behind, as NumPy computes them for the same statements.
"""
import io
import os
import contextlib

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "api")


def core_block():
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        print(np.zeros((2, 3)))
        print(np.full((2, 2), -np.inf))
        print(np.eye(5, 3))
        print(np.eye(5, k=3))
        print(np.arange(0, 10, 2))
        print(np.linspace(0, 1, 5))
    x = np.array([[1, 2], [2, 3], [3, 4], [4, 5], [5, 6], [6, 7]])
    views = {
        "x_step": x[1:4:2].copy(),
        "x_rev0": x[::-1, 0].copy(),
        "x_newaxis": x[:, None].copy(),
        "x_ell1": x[..., 1].copy(),
        "x_fancy": x[[1, 3, 5], [0, 1, 0]].copy(),
        "x_mask": x[np.array([True, False, False, True, True, False])].copy(),
    }
    x[:, 0] = np.array([-1, -2, -3, -4, -5, -6])
    x[x > 4] = 0
    img8 = np.full((1, 64, 64, 3), 250, np.uint8)
    f = img8.astype(np.float64) + 50
    wrapped = img8 + np.uint8(50)  # NEP 50: the Python int stays uint8
    data = np.arange(24).reshape(2, 3, 4)
    arrays = dict(views, x_final=x, f=f, wrapped=wrapped,
                  moveaxis=np.moveaxis(data, -1, 0), swapaxes=np.swapaxes(data, 0, 1),
                  tril=np.tril(np.ones((3, 3))),
                  transpose=np.transpose(data, (0, 2, 1)))
    xv, yv = np.meshgrid(np.linspace(0, 1, 64), np.linspace(0, 1, 64))
    arrays["xv"], arrays["yv"] = xv, yv
    with open(os.path.join(OUT, "core_block_stdout.txt"), "w") as fh:
        fh.write(buf.getvalue())
    np.savez_compressed(os.path.join(OUT, "core_block.npz"), **arrays)


def math_block():
    """The "Array math" block: results of each statement, keyed in order."""
    a = np.arange(0, 24, 2).reshape(3, 4)
    r = {}
    with np.errstate(all="ignore"):
        r["sum"] = np.sum(a)
        r["sum1k"] = np.sum(a, 1, keepdims=True)
        r["mean0k"] = np.mean(a, 0, keepdims=True)
        r["mean01k"] = np.mean(a, (0, 1), keepdims=True)
        r["max1k"] = np.max(a, 1, keepdims=True)
        r["min1k"] = np.min(a, 1, keepdims=True)
        r["prod1k"] = np.prod(a, 1, keepdims=True)
        r["std"] = np.std(a, -1, keepdims=True)
        r["var"] = np.var(a, -1, keepdims=True)
        r["argmax"] = np.argmax(a)
        r["argmax1"] = np.argmax(a, 1)
        r["cumsum0"] = np.cumsum(a, 0)
        r["where"] = np.where(a > 5, a, 0.0)
        r["clip"] = np.clip(a, 0, 255)
        r["maximum"] = np.maximum(a, 0)
        r["minimum"] = np.minimum(a, 3)
        for fn in ["exp", "log", "sqrt", "tanh", "abs", "floor"]:
            r[fn] = getattr(np, fn)(a)
        r["nan_to_num"] = np.nan_to_num(np.array([1.0, np.nan, np.inf]))
        np.multiply(a, 2, out=a)
        a -= 3
        r["a_final"] = a.copy()
        a1 = np.linspace(-3, 3, 1000).astype(np.float32)
        a1 -= np.mean(a1)
        a1 /= np.std(a1)
        a1 *= np.float32(1.2)
        np.clip(a1, -1, 1, out=a1)
        r["a1_final"] = a1
        r["argsort"] = np.argsort(a, -1, kind="stable")
        r["sort0"] = np.sort(a, 0)
        r["unique"] = np.unique(np.array([5, 5, 2, 8, 2, 1]))
        r["isin"] = np.isin(np.array([101, 2045, 300, 102]), np.array([101, 102]))
        r["percentile"] = np.percentile(np.array([10, 15, 200, 12, 18, 500]), 95)
        r["median"] = np.median(a)
        r["concatenate1"] = np.concatenate([a, a], 1)
        r["stack0"] = np.stack([a, a], 0)
        r["hstack"] = np.hstack([a, a])
        r["vstack"] = np.vstack([a, a])
        r["repeat"] = np.repeat(np.full((1, 1), 1), 3, 1)
        r["tile"] = np.tile(a, (3, 1))
        r["flip1"] = np.flip(a, 1)
        r["roll"] = np.roll(a, 10, 1)
        r["pad_const"] = np.pad(a, ((0, 0), (2, 2)), "constant", constant_values=255)
        r["pad_reflect"] = np.pad(a, ((1, 1), (1, 1)), "reflect")
        r["pad_edge"] = np.pad(a, ((1, 1), (1, 1)), "edge")
        for i, part in enumerate(np.split(a, 2, 1)):
            r["split%d" % i] = part
        r["take_along"] = np.take_along_axis(a, np.argsort(a, 1, kind="stable"), 1)
    np.savez_compressed(os.path.join(OUT, "math_block.npz"), **r)


def linalg_block():
    """The "Linear algebra, einsum, random" block: every draw of the random stream in
    order, and each product's and decomposition's result."""
    r = {}
    np.random.seed(42)
    r["W"] = np.random.randn(4, 4)
    r["rand"] = np.random.rand(1, 5)
    r["randint"] = np.random.randint(0, 50000, 10)
    r["choice"] = np.random.choice(4, 1, True, np.array([0.1, 0.5, 0.2, 0.2]))
    r["gumbel"] = np.random.gumbel(0, 1, 3)
    r["permutation"] = np.random.permutation(5)
    r["normal"] = np.random.normal(0, 1, (2, 3))
    rs = np.random.RandomState(7)
    r["rs_randn"] = rs.randn(3)
    Q, K = np.random.randn(3, 4), np.random.randn(3, 4)
    q4, k4 = np.random.randn(2, 2, 3, 4), np.random.randn(2, 2, 3, 4)
    r.update(Q=Q, K=K, q4=q4, k4=k4)
    r["QKt"] = np.matmul(Q, K.T)
    r["dot"] = np.dot(Q[0], K[0])
    r["einsum_ikjk"] = np.einsum("ik,jk->ij", Q, K)
    r["einsum_attn"] = np.einsum("bhqd,bhkd->bhqk", q4, k4)
    r["einsum_sum"] = np.einsum("ab->", Q)
    r["norm2"] = np.linalg.norm(Q, 2, -1)
    r["normfro"] = np.linalg.norm(Q, "fro")
    r["S"] = np.linalg.svd(Q, full_matrices=False)[1]
    r["eigh_w"] = np.linalg.eigh(np.cov(Q, rowvar=False))[0]
    r["solve"] = np.linalg.solve(np.array([[2, 1], [1, 3]]), np.array([8, 13]))
    A2, b2 = np.array([[1, 1], [1, 2], [1, 3]]), np.array([6, 0, 0])
    xs, residuals, rank, sv = np.linalg.lstsq(A2, b2, rcond=None)
    r.update(lstsq_x=xs, lstsq_residuals=residuals, lstsq_rank=np.asarray(rank), lstsq_s=sv)
    A = np.random.randn(4, 4) + np.eye(4) * 4
    r.update(A=A, inv=np.linalg.inv(A), det=np.linalg.det(A))
    np.savez_compressed(os.path.join(OUT, "linalg_block.npz"), **r)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    core_block()
    math_block()
    linalg_block()
