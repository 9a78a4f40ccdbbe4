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


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    core_block()
