"""NumPy's sorting and searching results, for tests/core/test_sorting.cpp.

Run with Debian's interpreter: /usr/bin/python3 tests/gen_sorting.py
Writes fixtures/sorting/values.npz and fixtures/sorting/errors.txt.

values.npz holds the inputs ("in.<input>") and, per input view, NumPy's results under
"<input>.<view>.<op>" names that the C++ test rebuilds (see `views` and `record_view`
below and their twins in the test). Sorts use kind='stable', which ndgrad always is: NumPy's default quicksort
gives the same values except that it may swap -0.0 and 0.0 (or NaNs of different sign)
among themselves. errors.txt has one line per error case: name, exception class and
message, separated by tabs.
"""
import os
import warnings

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "sorting")
DTYPES = ["bool", "uint8", "int32", "int64", "float32", "float64"]
VIEW_DTYPES = ["int32", "float64"]  # the lane code does not depend on the dtype
rng = np.random.default_rng(20240611)


def sample(dtype, shape, wide=False):
    """Values with many repeats (ties test stability); floats with NaN, +-inf, +-0."""
    n = int(np.prod(shape))
    if dtype == "bool":
        x = rng.random(n) < 0.5
    elif dtype == "uint8":
        x = rng.integers(0, 256 if wide else 6, n)
    elif dtype in ("int32", "int64"):
        info = np.iinfo(dtype)
        x = rng.integers(info.min, info.max, n, dtype=dtype, endpoint=True) if wide \
            else rng.integers(-4, 5, n)
    else:
        x = rng.standard_normal(n) * 1e3 if wide else rng.integers(-3, 4, n) * 0.5
        specials = [np.nan, np.inf, -np.inf, -0.0, 0.0, np.copysign(np.nan, -1), -0.0]
        at = rng.choice(n, size=min(n, len(specials)), replace=False)
        x[at] = specials[:len(at)]
    return np.asarray(x).astype(dtype).reshape(shape)


# Inputs per dtype: "v" 1-D, "m" 2-D, "w" a long 1-D lane of wide-range values (every
# radix byte matters), "e" empty, "s" 0-d; "t" 3-D for VIEW_DTYPES.
def make_inputs():
    inputs = {}
    for d in DTYPES:
        inputs["v_" + d] = sample(d, (40,))
        inputs["m_" + d] = sample(d, (6, 7))
        if d in VIEW_DTYPES:
            inputs["t_" + d] = sample(d, (3, 4, 5))
        inputs["w_" + d] = sample(d, (400,), wide=True)
        inputs["e_" + d] = sample(d, (0, 3))
        inputs["s_" + d] = sample(d, ())
    return inputs


def views(kind, dtype, x):
    """The views the C++ test makes of each input: the input itself and, for VIEW_DTYPES,
    non-contiguous and reversed views."""
    if dtype not in VIEW_DTYPES:
        return {"id": x}
    if kind == "v":
        return {"id": x, "rev": x[::-3]}
    if kind == "m":
        return {"id": x, "T": x.T, "sub": x[::-2, 1::2]}
    if kind == "t":
        return {"id": x, "perm": x.transpose(1, 2, 0)}
    return {"id": x}


# Test sets for isin; the C++ test builds the same arrays. None: every third element of
# the input itself.
ISIN_TESTS = [
    None,
    np.array([0.5, 1.0, -0.0, np.nan, 3.0, -2.0, np.inf]),
    np.array([257, 2, -1, 0, 1, -3]),
]


def record_view(out, name, x, haystack):
    """NumPy's results for one input view, packed into few arrays (each npz entry costs
    ~200 bytes, so related results share one):
      sort.None, argsort.None       the flattened forms
      sort.axes, argsort.axes       results along axis 0, 1, ... stacked on a new first axis
      unique.values, unique.rest    values; index, inverse and counts concatenated
      unique<k>.values, unique<k>.rest   the same with axis=k
      nonzero                       np.nonzero stacked into (ndim, N) (argwhere is its .T)
      flatnonzero
      isin                          np.isin against each ISIN_TESTS set, stacked
      searchsorted                  into `haystack`, sides left and right, stacked
    """
    out[name + ".sort.None"] = np.sort(x, axis=None, kind="stable")
    out[name + ".argsort.None"] = np.argsort(x, axis=None, kind="stable")
    if x.ndim > 0:
        out[name + ".sort.axes"] = np.stack(
            [np.sort(x, axis=k, kind="stable") for k in range(x.ndim)])
        out[name + ".argsort.axes"] = np.stack(
            [np.argsort(x, axis=k, kind="stable") for k in range(x.ndim)])
    for label, axis in [("unique", None)] + [("unique%d" % k, k) for k in range(x.ndim)]:
        values, index, inverse, counts = np.unique(x, True, True, True, axis=axis)
        out[name + "." + label + ".values"] = values
        out[name + "." + label + ".rest"] = np.concatenate([index, inverse, counts])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # 0-d: NumPy 1.24 deprecation
        out[name + ".nonzero"] = np.array(np.nonzero(x)).reshape(max(x.ndim, 1), -1)
    out[name + ".flatnonzero"] = np.flatnonzero(x)
    tests = [x.ravel()[::3] if t is None else t for t in ISIN_TESTS]
    out[name + ".isin"] = np.stack([np.isin(x, t) for t in tests])
    out[name + ".searchsorted"] = np.stack(
        [np.searchsorted(haystack, x, side) for side in ("left", "right")])


def main():
    os.makedirs(OUT, exist_ok=True)
    inputs = make_inputs()
    out = {"in." + k: v for k, v in inputs.items()}
    # searchsorted haystacks: the wide lane of each dtype sorted, and a shuffled copy
    # ("in.shuffled_<dtype>") with the sorter that sorts it ("perm.<dtype>").
    haystacks = {}
    for dtype in DTYPES:
        haystack = np.sort(inputs["w_" + dtype], kind="stable")
        perm = rng.permutation(haystack.size)
        shuffled = np.empty_like(haystack)
        shuffled[perm] = haystack
        out["in.shuffled_" + dtype] = shuffled
        out["perm." + dtype] = perm
        haystacks[dtype] = (haystack, shuffled, perm)
    for key, x in inputs.items():
        kind, dtype = key.split("_", 1)
        for vname, view in views(kind, dtype, x).items():
            record_view(out, "%s.%s" % (key, vname), view, haystacks[dtype][0])

    # Scalar keys for searchsorted, compared in the promoted dtype (exactly, as NumPy).
    for dtype in DTYPES:
        haystack = haystacks[dtype][0]
        for label, v in (("int2", 2), ("flt2_5", 2.5), ("int300", 300), ("intm3", -3)):
            for side in ("left", "right"):
                out["scalar.%s.%s.%s" % (dtype, label, side)] = np.array(
                    np.searchsorted(haystack, v, side), dtype=np.int64)

    # lexsort: keys of mixed dtypes (last key primary), 1-D and 2-D along each axis.
    v = [inputs["v_" + d] for d in ("float64", "int32", "bool", "uint8")]
    out["lexsort.1d"] = np.lexsort(v)
    out["lexsort.1d_rev"] = np.lexsort([k[::-3] for k in v])
    m = [inputs["m_" + d] for d in ("float32", "int64", "bool")]
    for axis in (-1, 0, 1, -2):
        out["lexsort.2d.%d" % axis] = np.lexsort(m, axis=axis)
    out["lexsort.2d_T"] = np.lexsort([k.T for k in m])

    # Edge cases whose C++ twins are spelled out in the test.
    out["special.sorter_unused_bad_index"] = np.array(
        np.searchsorted(np.arange(3), 1, sorter=[0, 1, 3]), dtype=np.int64)
    out["special.searchsorted_empty_haystack"] = np.searchsorted(np.zeros(0), [1, -1])
    out["special.searchsorted_empty_keys"] = np.searchsorted(np.zeros(3), np.zeros((2, 0)))
    out["special.searchsorted_nan_left"] = np.searchsorted(np.array([1.0, np.nan]), [np.nan, 2.0])
    out["special.searchsorted_nan_right"] = np.searchsorted(np.array([1.0, np.nan]),
                                                            [np.nan, 2.0], "right")
    out["special.searchsorted_u8_int64"] = np.searchsorted(np.array([1, 2], np.uint8),
                                                           np.array([300, -3, 2]))
    out["special.searchsorted_f32_f64"] = np.searchsorted(np.array([0.1], np.float32),
                                                          np.array([0.1]), "right")
    out["special.isin_scalar"] = np.isin(5, [5])
    out["special.isin_empty_test"] = np.isin(np.arange(3), np.zeros(0, np.int64))
    out["special.isin_2d_test"] = np.isin(np.array([[1, 2], [3, 4]]), np.array([[4], [1]]),
                                          invert=True)
    out["special.isin_u8_wide"] = np.isin(np.arange(256, dtype=np.uint8),
                                          np.array([3, 255, 256, -1, 1000]))
    out["special.isin_i64_wide"] = np.isin(np.array([-2**63, 0, 2**63 - 1, 5]),
                                           np.array([2**63 - 1, -2**63]))
    out["special.unique_rows_empty_cols"] = np.unique(np.zeros((3, 0)), True, True, True, axis=0)[0]
    out["special.unique_rows_empty_cols.counts"] = np.unique(np.zeros((3, 0)), False, False,
                                                             True, axis=0)[1]
    out["special.unique_3d_empty_axis1"] = np.unique(np.zeros((2, 0, 3)), axis=1)
    out["special.unique_3d_empty_axis0"] = np.unique(np.zeros((2, 0, 3)), axis=0)
    out["special.partition_no_kth"] = np.partition(np.array([3, 1, 2]), np.array([], dtype=int))
    out["special.argpartition_no_kth"] = np.argpartition(np.array([3, 1, 2]),
                                                         np.array([], dtype=int))
    out["special.lexsort_0d"] = np.array(np.lexsort([np.array(1)]), dtype=np.int64)
    out["special.lexsort_empty"] = np.lexsort(np.zeros((2, 0)))
    out["special.api_unique"] = np.unique(np.array([5, 5, 2, 8, 2, 1]))
    out["special.api_isin"] = np.isin(np.array([101, 2045, 300, 102]), np.array([101, 102]))
    np.savez_compressed(os.path.join(OUT, "values.npz"), **out)

    errors = {
        "sort_0d": lambda: np.sort(np.array(5)),
        "sort_axis": lambda: np.sort(np.arange(3), axis=1),
        "argsort_axis": lambda: np.argsort(np.arange(3), axis=-2),
        "argsort_0d_axis": lambda: np.argsort(np.array(5), axis=1),
        "partition_0d": lambda: np.partition(np.array(5), 0),
        "partition_axis": lambda: np.partition(np.zeros((2, 3)), 1, axis=2),
        "partition_kth": lambda: np.partition(np.arange(5), 5),
        "partition_kth_negative": lambda: np.partition(np.arange(5), -6),
        "partition_kth_list": lambda: np.partition(np.arange(5), [1, 7]),
        "partition_kth_axis0": lambda: np.partition(np.zeros((2, 3)), 3, axis=0),
        "argpartition_kth": lambda: np.argpartition(np.arange(5), 5),
        "argpartition_0d_kth": lambda: np.argpartition(np.array(5), 1),
        "argpartition_axis": lambda: np.argpartition(np.zeros((2, 3)), 1, axis=-3),
        "unique_axis": lambda: np.unique(np.zeros((2, 3)), axis=2),
        "unique_axis_negative": lambda: np.unique(np.zeros((2, 3)), axis=-3),
        "unique_0d_axis": lambda: np.unique(np.array(1), axis=0),
        "searchsorted_0d": lambda: np.searchsorted(np.array(5), 3),
        "searchsorted_2d": lambda: np.searchsorted(np.zeros((2, 2)), 3),
        "searchsorted_side": lambda: np.searchsorted(np.arange(3), 1, side="foo"),
        "searchsorted_side_before_sorter": lambda: np.searchsorted(np.arange(3), 1, side="up",
                                                                   sorter=[0.0, 1, 2]),
        "searchsorted_depth_before_sorter": lambda: np.searchsorted(np.zeros((2, 2)), 1,
                                                                    sorter=[0.0, 1]),
        "searchsorted_sorter_float": lambda: np.searchsorted(np.arange(3), 1,
                                                             sorter=np.array([0.0, 1, 2])),
        "searchsorted_sorter_bool": lambda: np.searchsorted(np.arange(3), 1,
                                                            sorter=np.array([True, False, True])),
        "searchsorted_sorter_2d": lambda: np.searchsorted(np.zeros(2), 1,
                                                          sorter=np.array([[0, 1]])),
        "searchsorted_sorter_size": lambda: np.searchsorted(np.zeros(2), 1,
                                                            sorter=np.array([0, 1, 2])),
        "searchsorted_sorter_range": lambda: np.searchsorted(np.zeros(3), 1,
                                                             sorter=np.array([0, 1, 5])),
        "lexsort_no_keys": lambda: np.lexsort([]),
        "lexsort_shapes": lambda: np.lexsort([np.arange(3), np.arange(4)]),
        "lexsort_shapes_before_axis": lambda: np.lexsort([np.arange(3), np.arange(4)], axis=3),
        "lexsort_axis": lambda: np.lexsort([np.arange(3)], axis=3),
        "lexsort_0d_axis": lambda: np.lexsort([np.array(1)], axis=3),
    }
    lines = []
    for name, fn in errors.items():
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - recording whatever NumPy raises
            lines.append("%s\t%s\t%s" % (name, type(e).__name__, e))
        else:
            raise SystemExit("expected an error from " + name)
    with open(os.path.join(OUT, "errors.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
