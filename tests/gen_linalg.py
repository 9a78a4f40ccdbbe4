"""NumPy's numpy.linalg results, cov and corrcoef, for tests/core/test_linalg.cpp.

Run with Debian's interpreter: /usr/bin/python3 tests/gen_linalg.py

Writes fixtures/linalg/linalg.npz: the input matrices (key "in/<name>") and, for every
case, NumPy's result (key "<case>", or "<case>/<field>" for several results). The C++
test rebuilds each case from the same inputs and the same views (named in CASES'
comments and in the test) and compares values with the tolerances it states.

Also writes fixtures/linalg/errors.txt, one line per error case:
    <name>|<ExceptionClass>|<message>
with the exception NumPy raises; the test repeats each call (same names) in C++.

Choices that follow NumPy 2 rather than Debian's 1.24 are computed the NumPy-2 way here:
lstsq's rcond defaults to None (eps * max(M, N)); solve treats b as a vector only when b
is 1-D (solve2 calls the gufunc NumPy 2 would pick).
"""
import os
import warnings

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "linalg")
L = np.linalg
rng = np.random.RandomState(1234)


def well_conditioned(*shape):
    """Square (..., n, n) float64 matrices randn + n * I: condition numbers below ~10."""
    n = shape[-1]
    return rng.randn(*shape) + n * np.eye(n)


def symmetric(*shape):
    b = rng.randn(*shape)
    return b + np.swapaxes(b, -1, -2)


def spd(*shape):
    b = rng.randn(*shape)
    return b @ np.swapaxes(b, -1, -2) + shape[-1] * np.eye(shape[-1])


def rank_two(m, n):
    """(m, n) whose last column is the sum of the first two: rank 2."""
    c = rng.randn(m, 2)
    return np.column_stack([c] + [c[:, 0] + c[:, 1]] * (n - 2))


def real_spectrum(n, values):
    """A non-symmetric matrix P diag(values) P^-1 whose eigenvalues are `values`."""
    p = well_conditioned(n, n)
    return p @ np.diag(values) @ L.inv(p)


INPUTS = {
    "sq4": well_conditioned(4, 4),
    "sq_stack": well_conditioned(2, 3, 3, 3),
    "rect": rng.randn(5, 3),
    "wide": rng.randn(3, 5),
    "rect_stack": rng.randn(2, 5, 3),
    "big": rng.randn(40, 30),  # past BDCSVD's switch to divide and conquer (16)
    "sym4": symmetric(4, 4),
    "sym_stack": symmetric(3, 4, 4),
    "sym_big": symmetric(40, 40),
    "spd4": spd(4, 4),
    "spd_stack": spd(2, 3, 3),
    "eig_real": real_spectrum(4, [3.0, -1.0, 0.5, 2.0]),
    "eig_stack": np.stack([real_spectrum(3, [1.0, 2.0, -4.0]), real_spectrum(3, [0.25, 5.0, 6.0])]),
    "deficient": rank_two(5, 3),
    "singular": np.array([[1.0, 2.0], [2.0, 4.0]]),
    "vec": np.array([3.0, -4.0, 0.0, 1.5, -2.5]),
    "Q": rng.randn(3, 4),
    "cube": rng.randn(2, 3, 4),
    "special": np.array([[1.0, np.inf], [-2.0, 3.0]]),
    "with_nan": np.array([[1.0, np.nan], [-2.0, 3.0]]),
    "b4": rng.randn(4),
    "B4": rng.randn(4, 2),
    "b_stack": rng.randn(2, 3, 3, 2),
    "b5": rng.randn(5),
    "B5": rng.randn(5, 2),
    "b3": rng.randn(3),
    "obs": rng.randn(3, 6),
    "obs_y": rng.randn(2, 6),
    "obs_1d": rng.randn(7),
    "const_row": np.array([[1.0, 1.0, 1.0, 1.0], [1.0, 2.0, 4.0, 3.0], [2.0, 0.5, 1.0, 3.0]]),
    # One small matrix per dtype: results are float64 (float32 for float32).
    "m_bool": np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1]], dtype=bool),
    "m_uint8": np.array([[4, 1, 2], [0, 3, 1], [2, 1, 5]], dtype=np.uint8),
    "m_int32": np.array([[4, -1, 2], [0, 3, 1], [-2, 1, 5]], dtype=np.int32),
    "m_int64": np.array([[4, -1, 2], [0, 3, 1], [-2, 1, 5]], dtype=np.int64),
    "m_float32": np.array([[4.5, -1, 2], [0.25, 3, 1], [-2, 1, 5]], dtype=np.float32),
    "m_float64": np.array([[4.5, -1, 2], [0.25, 3, 1], [-2, 1, 5]], dtype=np.float64),
    "fib": np.array([[1, 1], [1, 0]], dtype=np.int64),
    "wrap_uint8": np.array([[1, 2], [3, 4]], dtype=np.uint8),
    "wrap_int32": np.array([[3, 1], [2, 7]], dtype=np.int32),
    "shift_bool": np.array([[0, 1, 0], [0, 0, 1], [0, 0, 0]], dtype=bool),
    "path_bool": np.array([[1, 1], [0, 1]], dtype=bool),
}
INPUTS["rect_f32"] = INPUTS["rect"].astype(np.float32)
INPUTS["sq4_f32"] = INPUTS["sq4"].astype(np.float32)
INPUTS["sym4_f32"] = INPUTS["sym4"].astype(np.float32)
INPUTS["Q_f32"] = INPUTS["Q"].astype(np.float32)
INPUTS["vec_f32"] = INPUTS["vec"].astype(np.float32)
INPUTS["vec_int32"] = np.array([3, -4, 0, 1, -2], dtype=np.int32)
INPUTS["obs_int"] = np.array([[1, 4, 2, 8], [3, 3, 0, 1]], dtype=np.int64)

I = INPUTS
DTYPES = ["bool", "uint8", "int32", "int64", "float32", "float64"]


def solve2(a, b):
    """np.linalg.solve with NumPy 2's rule (b is one vector only when 1-D), in 1.24."""
    from numpy.linalg import _umath_linalg
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    gufunc = _umath_linalg.solve1 if b.ndim == 1 else _umath_linalg.solve
    return gufunc(a, b, signature="dd->d")


def views():
    """Non-contiguous and negative-stride views, spelled the same way in the test."""
    return {
        "sq4_T": I["sq4"].T,                 # sq4.T()
        "sq4_flip": I["sq4"][::-1],          # sq4.index({Slice(None, None, -1)})
        "rect_T": I["rect"].T,               # rect.T()
        "big_cols": I["big"][:, ::2],        # big.index({Slice(), Slice(None, None, 2)})
        "sym4_flip": I["sym4"][::-1, ::-1],  # flipped both ways: still symmetric
    }


V = views()


def cases():
    out = {}
    # --- svd: singular values (values compared), shapes --------------------------------
    for name in ["sq4", "rect", "wide", "rect_stack", "big", "rect_f32", "deficient"]:
        out["svdvals/" + name] = L.svd(I[name], compute_uv=False)
    for name in ["sq4_T", "big_cols"]:
        out["svdvals/" + name] = L.svd(V[name], compute_uv=False)
    out["svdvals/special"] = L.svd(I["special"], compute_uv=False)  # inf: NaNs, no error
    out["svd_S/special"] = L.svd(I["special"])[1]
    out["svdvals_hermitian/sym4"] = L.svd(I["sym4"], compute_uv=False, hermitian=True)
    for d in DTYPES:
        out["svdvals/m_" + d] = L.svd(I["m_" + d], compute_uv=False)
    # --- eigh / eigvalsh / eigvals ------------------------------------------------------
    for name in ["sym4", "sym_stack", "sym_big", "sym4_f32"]:
        out["eigvalsh/" + name] = L.eigvalsh(I[name])
    out["eigvalsh/sym4_flip"] = L.eigvalsh(V["sym4_flip"])
    out["eigvalsh_U/sq4"] = L.eigvalsh(I["sq4"], UPLO="U")  # reads the upper triangle only
    out["eigvalsh_L/sq4"] = L.eigvalsh(I["sq4"], UPLO="L")
    out["eigvals/eig_real"] = np.sort(L.eigvals(I["eig_real"]).real)
    out["eigvals/eig_stack"] = np.sort(L.eigvals(I["eig_stack"]).real, axis=-1)
    for d in DTYPES:
        out["eigvalsh/m_" + d] = L.eigvalsh(I["m_" + d])  # reads the lower triangle
    # --- det / slogdet / inv / solve ----------------------------------------------------
    for name in ["sq4", "sq_stack", "singular", "sq4_f32", "with_nan"]:
        out["det/" + name] = L.det(I[name])
        sign, logdet = L.slogdet(I[name])
        out["slogdet/" + name + "/sign"] = sign
        out["slogdet/" + name + "/logabsdet"] = logdet
    out["det/sq4_flip"] = L.det(V["sq4_flip"])
    for d in DTYPES:
        out["det/m_" + d] = L.det(I["m_" + d])
        out["inv/m_" + d] = L.inv(I["m_" + d])
    for name in ["sq4", "sq_stack", "sq4_f32"]:
        out["inv/" + name] = L.inv(I[name])
    out["inv/sq4_T"] = L.inv(V["sq4_T"])
    out["solve/api"] = L.solve(np.array([[2, 1], [1, 3]]), np.array([8, 13]))
    out["solve/sq4_b4"] = L.solve(I["sq4"], I["b4"])
    out["solve/sq4_B4"] = L.solve(I["sq4"], I["B4"])
    out["solve/stack_bstack"] = L.solve(I["sq_stack"], I["b_stack"])
    # NumPy 2: a 1-D b is one vector, broadcast against the stack of a.
    out["solve/stack_b3"] = solve2(I["sq_stack"], I["b3"])
    # batch broadcasting: a (3, 3) with b (2, 3, 3, 2); a (2, 1, 3, 3) with b (3, 3, 2)
    out["solve/a_bcast"] = solve2(I["sq_stack"][0, 0], I["b_stack"])
    out["solve/both_bcast"] = solve2(I["sq_stack"][:, :1], I["b_stack"][0])
    out["solve/m_int64_f32"] = L.solve(I["m_int64"], I["m_float32"][:, 0])
    out["solve/f32_f32"] = L.solve(I["m_float32"], I["m_float32"][:, 0])
    # --- lstsq --------------------------------------------------------------------------
    def lstsq(case, a, b, rcond=None):
        x, res, rank, s = L.lstsq(a, b, rcond=rcond)
        out["lstsq/" + case + "/x"] = x
        out["lstsq/" + case + "/residuals"] = res
        out["lstsq/" + case + "/rank"] = np.asarray(rank)
        out["lstsq/" + case + "/s"] = s

    lstsq("api", np.array([[1, 1], [1, 2], [1, 3]]), np.array([6, 0, 0]))
    lstsq("rect_b5", I["rect"], I["b5"])
    lstsq("rect_B5", I["rect"], I["B5"])
    lstsq("wide", I["wide"], I["b3"])
    lstsq("deficient", I["deficient"], I["B5"])
    lstsq("deficient_rcond", I["deficient"], I["b5"], rcond=0.5)  # cuts a real value
    lstsq("rect_f32", I["rect_f32"], I["b5"].astype(np.float32))
    lstsq("square", I["sq4"], I["b4"])
    lstsq("empty_rows", np.zeros((0, 3)), np.zeros((0, 2)))
    lstsq("empty_cols", np.zeros((3, 0)), I["b3"])
    lstsq("no_rhs", I["rect"], np.zeros((5, 0)))
    # --- pinv ---------------------------------------------------------------------------
    for name in ["rect", "wide", "deficient", "rect_stack", "sq4_f32"]:
        out["pinv/" + name] = L.pinv(I[name])
    out["pinv/rect_T"] = L.pinv(V["rect_T"])
    out["pinv/deficient_rcond"] = L.pinv(I["deficient"], rcond=0.5)
    out["pinv_hermitian/sym4"] = L.pinv(I["sym4"], hermitian=True)
    out["pinv/m_int32"] = L.pinv(I["m_int32"])
    # --- qr (|R| is unique for full-rank input), cholesky (unique) ----------------------
    for name in ["sq4", "rect", "wide", "rect_stack"]:
        out["qr_absR/" + name] = np.abs(L.qr(I[name])[1])
    out["qr_absR_complete/rect"] = np.abs(L.qr(I["rect"], mode="complete")[1])
    out["qr_absR_r/rect"] = np.abs(L.qr(I["rect"], mode="r"))
    for name in ["spd4", "spd_stack"]:
        out["cholesky/" + name] = L.cholesky(I[name])
    out["cholesky/spd4_f32"] = L.cholesky(I["spd4"].astype(np.float32))
    # --- matrix_rank --------------------------------------------------------------------
    out["matrix_rank/sq4"] = np.asarray(L.matrix_rank(I["sq4"]))
    out["matrix_rank/deficient"] = np.asarray(L.matrix_rank(I["deficient"]))
    out["matrix_rank/singular_stack"] = L.matrix_rank(np.stack([I["singular"], np.eye(2)]))
    out["matrix_rank/tol"] = np.asarray(L.matrix_rank(I["sq4"], tol=4.0))
    out["matrix_rank/vec"] = np.asarray(L.matrix_rank(I["vec"]), dtype=np.int64)
    out["matrix_rank/zeros"] = np.asarray(L.matrix_rank(np.zeros(3)), dtype=np.int64)
    out["matrix_rank/f32_eye"] = np.asarray(L.matrix_rank(np.eye(3, dtype=np.float32)))
    out["matrix_rank/hermitian"] = np.asarray(L.matrix_rank(I["sym4"], hermitian=True))
    # --- matrix_power -------------------------------------------------------------------
    for n in [0, 1, 2, 3, 5, 6, -1, -3]:
        out["matrix_power/sq4/%d" % n] = L.matrix_power(I["sq4"], n)
    out["matrix_power/sq_stack/4"] = L.matrix_power(I["sq_stack"], 4)
    out["matrix_power/fib/40"] = L.matrix_power(I["fib"], 40)
    out["matrix_power/wrap_uint8/5"] = L.matrix_power(I["wrap_uint8"], 5)
    out["matrix_power/wrap_int32/20"] = L.matrix_power(I["wrap_int32"], 20)
    out["matrix_power/shift_bool/2"] = L.matrix_power(I["shift_bool"], 2)
    out["matrix_power/shift_bool/3"] = L.matrix_power(I["shift_bool"], 3)
    out["matrix_power/path_bool/5"] = L.matrix_power(I["path_bool"], 5)
    out["matrix_power/path_bool/-1"] = L.matrix_power(I["path_bool"], -1)
    out["matrix_power/m_int32/0"] = L.matrix_power(I["m_int32"], 0)
    out["matrix_power/m_float32/3"] = L.matrix_power(I["m_float32"], 3)
    # --- cond ---------------------------------------------------------------------------
    with np.errstate(all="ignore"):
        for p, tag in [(None, "none"), (2, "2"), (-2, "-2"), (1, "1"), (-1, "-1"),
                       (np.inf, "inf"), (-np.inf, "-inf"), ("fro", "fro"), ("nuc", "nuc")]:
            out["cond/sq4/" + tag] = np.asarray(L.cond(I["sq4"], p))
            if tag != "nuc":  # the SVD of inv's NaNs fails: an error case below
                out["cond/singular/" + tag] = np.asarray(L.cond(I["singular"], p))
        out["cond/sq_stack/none"] = L.cond(I["sq_stack"])
        out["cond/sq_stack/1"] = L.cond(I["sq_stack"], 1)
        out["cond/rect/none"] = np.asarray(L.cond(I["rect"]))
        out["cond/sq4_f32/none"] = np.asarray(L.cond(I["sq4_f32"]))
        out["cond/sq4_f32/1"] = np.asarray(L.cond(I["sq4_f32"], 1))
        out["cond/with_nan/1"] = np.asarray(L.cond(I["with_nan"], 1))
        out["cond/m_int64/inf"] = np.asarray(L.cond(I["m_int64"], np.inf))
    # --- norm ---------------------------------------------------------------------------
    vector_ords = [(None, "none"), (2, "2"), (1, "1"), (np.inf, "inf"), (-np.inf, "-inf"),
                   (0, "0"), (3, "3"), (0.5, "0.5"), (-1, "-1")]
    for p, tag in vector_ords:
        for name in ["vec", "vec_f32", "vec_int32"]:
            out["norm/%s/%s" % (name, tag)] = np.asarray(L.norm(I[name], p))
        out["norm/cube_axis1/" + tag] = L.norm(I["cube"], p, axis=1)
        out["norm/cube_axis-1_keep/" + tag] = L.norm(I["cube"], p, axis=-1, keepdims=True)
    matrix_ords = [(None, "none"), ("fro", "fro"), ("nuc", "nuc"), (1, "1"), (-1, "-1"),
                   (2, "2"), (-2, "-2"), (np.inf, "inf"), (-np.inf, "-inf")]
    for p, tag in matrix_ords:
        out["norm/Q/" + tag] = np.asarray(L.norm(I["Q"], p))
        out["norm/Q_f32/" + tag] = np.asarray(L.norm(I["Q_f32"], p))
        out["norm/rect_T/" + tag] = np.asarray(L.norm(V["rect_T"], p))
        out["norm/cube_02/" + tag] = L.norm(I["cube"], p, axis=(0, 2))
        out["norm/cube_20/" + tag] = L.norm(I["cube"], p, axis=(2, 0))
        out["norm/cube_m1m2_keep/" + tag] = L.norm(I["cube"], p, axis=(-1, -2), keepdims=True)
        out["norm/m_int32/" + tag] = np.asarray(L.norm(I["m_int32"], p))
    out["norm/Q_2_m1"] = L.norm(I["Q"], 2, -1)  # API.md's line
    out["norm/cube_none"] = np.asarray(L.norm(I["cube"]))
    out["norm/cube_none_keep"] = L.norm(I["cube"], keepdims=True)
    out["norm/special/none"] = np.asarray(L.norm(I["special"]))
    out["norm/special/1"] = np.asarray(L.norm(I["special"], 1))
    out["norm/with_nan/inf"] = np.asarray(L.norm(I["with_nan"], np.inf))
    out["norm/m_bool/none"] = np.asarray(L.norm(I["m_bool"]))
    out["norm/empty/none"] = np.asarray(L.norm(np.zeros((0, 3))))
    out["norm/empty/nuc"] = np.asarray(L.norm(np.zeros((0, 3)), "nuc"))
    out["norm/scalar/none"] = np.asarray(L.norm(np.float64(-3.0)))
    # --- cov / corrcoef -----------------------------------------------------------------
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            out["cov/obs"] = np.cov(I["obs"])
            out["cov/obs_T_rowvar"] = np.cov(I["obs"].T, rowvar=False)
            out["cov/obs_bias"] = np.cov(I["obs"], bias=True)
            out["cov/obs_ddof3"] = np.cov(I["obs"], ddof=3)
            out["cov/obs_y"] = np.cov(I["obs"], I["obs_y"])
            out["cov/obs_y_rowvar"] = np.cov(I["obs"].T, I["obs_y"].T, rowvar=False)
            out["cov/obs_1d"] = np.asarray(np.cov(I["obs_1d"]))
            out["cov/obs_1d_y"] = np.cov(I["obs_1d"], I["obs_1d"][::-1])
            out["cov/obs_int"] = np.cov(I["obs_int"])
            out["cov/Q_f32_rowvar"] = np.cov(I["Q_f32"], rowvar=False)
            out["cov/single_obs"] = np.cov(np.array([[1.0], [2.0]]))  # fact = 0: NaN
            out["cov/ddof_big"] = np.cov(I["obs"], ddof=6)  # fact = 0: inf and NaN
            out["cov/empty_vars"] = np.cov(np.zeros((0, 3)))
            out["cov/row_1_rowvar"] = np.cov(I["obs"][:1], rowvar=False)  # one row: kept
            out["corrcoef/obs"] = np.corrcoef(I["obs"])
            out["corrcoef/obs_y"] = np.corrcoef(I["obs"], I["obs_y"])
            out["corrcoef/obs_T_rowvar"] = np.corrcoef(I["obs"].T, rowvar=False)
            out["corrcoef/obs_1d"] = np.asarray(np.corrcoef(I["obs_1d"]))
            out["corrcoef/const_row"] = np.corrcoef(I["const_row"])
            out["corrcoef/obs_int"] = np.corrcoef(I["obs_int"])
    return out


def error_cases():
    """name -> callable raising NumPy's exception (repeated in C++ under the same name)."""
    eye2 = np.eye(2)
    return {
        "inv_1d": lambda: L.inv(np.zeros(3)),
        "inv_0d": lambda: L.inv(np.float64(3.0)),
        "inv_not_square": lambda: L.inv(np.zeros((2, 3))),
        "inv_singular": lambda: L.inv(I["singular"]),
        "inv_singular_stack": lambda: L.inv(np.stack([eye2, I["singular"]])),
        "det_1d": lambda: L.det(np.zeros(3)),
        "det_not_square": lambda: L.det(np.zeros((3, 2))),
        "slogdet_not_square": lambda: L.slogdet(np.zeros((3, 2))),
        "solve_singular": lambda: L.solve(I["singular"], np.ones(2)),
        "solve_vector_mismatch": lambda: L.solve(np.eye(3), np.ones(2)),
        "solve_matrix_mismatch": lambda: L.solve(np.eye(3), np.ones((2, 2))),
        "solve_batch_mismatch": lambda: L.solve(np.ones((2, 3, 3)), np.ones((4, 3, 1))),
        "solve_b_0d": lambda: L.solve(np.eye(3), np.ones(())),
        "solve_a_1d": lambda: L.solve(np.ones(3), np.ones(3)),
        "solve_not_square": lambda: L.solve(np.ones((2, 3)), np.ones(2)),
        "cholesky_not_pd": lambda: L.cholesky(np.array([[1.0, 2.0], [2.0, 1.0]])),
        "cholesky_not_square": lambda: L.cholesky(np.ones((2, 3))),
        "svd_nan": lambda: L.svd(I["with_nan"]),
        "svd_1d": lambda: L.svd(np.ones(3)),
        "eig_nan": lambda: L.eig(I["with_nan"]),
        "eigvals_inf": lambda: L.eigvals(I["special"]),
        "eig_not_square": lambda: L.eig(np.ones((2, 3))),
        "eigh_uplo": lambda: L.eigh(eye2, "X"),
        "eigvalsh_uplo": lambda: L.eigvalsh(eye2, "lower"),
        "eigh_not_square": lambda: L.eigh(np.ones((2, 3))),
        "eigh_1d": lambda: L.eigh(np.ones(3)),
        "qr_mode": lambda: L.qr(eye2, "x"),
        "qr_1d": lambda: L.qr(np.ones(3)),
        "lstsq_incompatible": lambda: L.lstsq(np.eye(3), np.ones(2), rcond=None),
        "lstsq_3d": lambda: L.lstsq(np.ones((2, 3, 3)), np.ones(3), rcond=None),
        "lstsq_b_0d": lambda: L.lstsq(np.ones((3, 3)), np.ones(()), rcond=None),
        "lstsq_nan": lambda: L.lstsq(I["with_nan"], np.ones(2), rcond=None),
        "matrix_power_singular": lambda: L.matrix_power(I["singular"], -2),
        "matrix_power_not_square": lambda: L.matrix_power(np.ones((2, 3)), 2),
        "matrix_power_1d": lambda: L.matrix_power(np.ones(3), 2),
        "pinv_1d": lambda: L.pinv(np.ones(3)),
        "matrix_rank_empty": lambda: L.matrix_rank(np.zeros((0, 3))),
        "norm_fro_vector": lambda: L.norm(np.ones(3), "fro"),
        "norm_nuc_axis": lambda: L.norm(np.ones((3, 3)), "nuc", axis=0),
        "norm_3_matrix": lambda: L.norm(np.ones((3, 3)), 3),
        "norm_name_matrix": lambda: L.norm(np.ones((3, 3)), "foo"),
        "norm_3d_ord": lambda: L.norm(np.ones((3, 3, 3)), 2),
        "norm_three_axes": lambda: L.norm(np.ones((3, 3, 3)), axis=(0, 1, 2)),
        "norm_duplicate": lambda: L.norm(np.ones((3, 3)), axis=(0, -2)),
        "norm_axis": lambda: L.norm(np.ones((3, 3)), axis=2),
        "norm_axis_pair": lambda: L.norm(np.ones((3, 3)), axis=(0, 2)),
        "norm_0d_ord": lambda: L.norm(np.float64(3.0), 1),
        "norm_2_empty": lambda: L.norm(np.zeros((0, 3)), 2),
        "cond_empty": lambda: L.cond(np.zeros((0, 3))),
        "cond_not_square": lambda: L.cond(np.ones((2, 3)), 1),
        "cond_bad_p": lambda: L.cond(eye2, 3),
        "cond_singular_nuc": lambda: L.cond(I["singular"], "nuc"),
        "cov_3d": lambda: np.cov(np.ones((2, 2, 2))),
        "cov_y_3d": lambda: np.cov(np.ones((2, 2)), np.ones((2, 2, 2))),
        "cov_mismatch": lambda: np.cov(np.ones((2, 3)), np.ones((2, 2))),
    }


# Debian's 1.24 ends lstsq of a NaN matrix in a SystemError (LAPACK's xerbla fires inside
# NumPy's error callback); ndgrad raises what that callback means to raise.
INTENDED = {"lstsq_nan": ("LinAlgError", "SVD did not converge in Linear Least Squares")}


def error_lines():
    lines = []
    for name, fn in error_cases().items():
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - recording whatever NumPy raises
            kind, text = INTENDED.get(name, (type(e).__name__, str(e)))
            lines.append("%s|%s|%s" % (name, kind, text))
        else:
            raise AssertionError(name + " did not raise")
    return lines


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    arrays = {"in/" + k: v for k, v in INPUTS.items()}
    arrays.update(cases())
    np.savez_compressed(os.path.join(OUT, "linalg.npz"), **arrays)
    with open(os.path.join(OUT, "errors.txt"), "w") as fh:
        fh.write("\n".join(error_lines()) + "\n")
