"""NumPy's results for the joining and splitting routines (concatenate, stack, hstack,
vstack, dstack, column_stack, split, array_split), for tests/core/test_joining.cpp.

Run with Debian's interpreter: /usr/bin/python3 tests/gen_joining.py
Writes fixtures/joining/:
  values.npz  the inputs ("x_<dtype>", "e_<dtype>") and, for every case "<case>_<dtype>",
              the result (C order). A case that returns a list of arrays stores
              "<case>_<dtype>__<i>" and "<case>_<dtype>__count".
  strides.txt one line per result: <name> <byte strides, comma-separated>, so that
              memory layouts (and views) are checked too.
  errors.txt  one line per error case: <name> TAB <exception class> TAB <message>.
The C++ test repeats each named expression (the names say what they do).
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "joining")

DTYPES = {"bool": np.bool_, "uint8": np.uint8, "int32": np.int32, "int64": np.int64,
          "float32": np.float32, "float64": np.float64}


def make_input(dtype):
    """(2, 3, 4) values with negatives, and NaN and infinities for floats."""
    base = np.arange(24).reshape(2, 3, 4) - 5
    if dtype == np.bool_:
        return base % 3 == 0
    if np.issubdtype(dtype, np.floating):
        x = (base * 0.5).astype(dtype)
        x[0, 0, 1], x[1, 2, 3], x[0, 2, 0] = np.nan, np.inf, -np.inf
        return x
    return base.astype(dtype)


# Every case runs once per dtype on x (2, 3, 4) and e (0, 3), both of that dtype.
CASES = {
    "cat0": lambda x, e: np.concatenate([x, x[::-1]], 0),
    "cat1": lambda x, e: np.concatenate([x, x[:, :2]], 1),
    "cat_m1": lambda x, e: np.concatenate([x, x[..., ::2], x[..., :0]], -1),
    "cat_none": lambda x, e: np.concatenate([x, x[0, 0], x[1, 1, 1]], None),
    "cat_fortran0": lambda x, e: np.concatenate([x.T, x.T], 0),
    "cat_fortran2": lambda x, e: np.concatenate([x.T, x.T[:, :, :1]], 2),
    "cat_transposed_mixed": lambda x, e: np.concatenate([x.transpose(1, 0, 2), x[:, ::-1].transpose(1, 0, 2)], 1),
    "cat_empty0": lambda x, e: np.concatenate([e, e], 0),
    "cat_empty1": lambda x, e: np.concatenate([e, e[:, :1]], 1),
    "cat_single": lambda x, e: np.concatenate([x[1]], 1),
    "stack0": lambda x, e: np.stack([x, x[::-1]]),
    "stack1": lambda x, e: np.stack([x, x, x], 1),
    "stack_m1": lambda x, e: np.stack([x, x[:, ::-1]], -1),
    "stack_fortran": lambda x, e: np.stack([x.T, x.T], 2),
    "stack_0d": lambda x, e: np.stack([x[0, 0, 0], x[1, 2, 3]]),
    "stack_empty": lambda x, e: np.stack([e, e], 1),
    "hstack3d": lambda x, e: np.hstack([x, x]),
    "hstack1d": lambda x, e: np.hstack([x[0, 0], x[1, 1, ::-1]]),
    "hstack0d": lambda x, e: np.hstack([x[0, 0, 0], x[1, 1, 1]]),
    "vstack2d": lambda x, e: np.vstack([x[0], x[1], x[0, 0]]),
    "vstack1d": lambda x, e: np.vstack([x[0, 0], x[1, 2]]),
    "vstack3d": lambda x, e: np.vstack([x, x[:1]]),
    "dstack2d": lambda x, e: np.dstack([x[0], x[1]]),
    "dstack1d": lambda x, e: np.dstack([x[0, 0], x[0, 1]]),
    "column_stack": lambda x, e: np.column_stack([x[0, :, 0], x[0], x[1, :, ::-1]]),
    "column_stack0d": lambda x, e: np.column_stack([x[0, 0, 0], x[1, 1, 1]]),
    "split2": lambda x, e: np.split(x, 2, 0),
    "split4": lambda x, e: np.split(x, 4, -1),
    "split_indices": lambda x, e: np.split(x, [1, 3], 2),
    "split_unsorted": lambda x, e: np.split(x, [3, 1, 10, -1], -1),
    "split_no_indices": lambda x, e: np.split(x, [], 1),
    "split_view": lambda x, e: np.split(x[:, ::-1], 3, 1),
    "array_split3": lambda x, e: np.array_split(x, 3, 2),
    "array_split5": lambda x, e: np.array_split(x, 5, 1),
    "array_split_indices": lambda x, e: np.array_split(x, [1], -2),
    "array_split_empty": lambda x, e: np.array_split(e, 2, 0),
}

# Promotion: concatenate of every pair of dtypes follows the array-array table.
PAIRS = [(a, b) for a in DTYPES for b in DTYPES]

# dtype= and casting= (NumPy's keyword arguments, positional in C++).
DTYPE_CASES = {
    "cat_dtype_float32": lambda x: np.concatenate([x["int64"], x["float64"]], 1, dtype=np.float32),
    "cat_dtype_unsafe": lambda x: np.concatenate([x["float64"], x["int64"]], 0, dtype=np.int32,
                                                 casting="unsafe"),
    "cat_none_dtype": lambda x: np.concatenate([x["uint8"], x["bool"]], None, dtype=np.int32),
    "stack_dtype": lambda x: np.stack([x["uint8"], x["int32"]], 1, dtype=np.float64),
    "hstack_dtype": lambda x: np.hstack([x["int32"], x["bool"]], dtype=np.int64),
    "vstack_dtype": lambda x: np.vstack([x["float32"], x["float64"]], dtype=np.float32,
                                        casting="same_kind"),
}

a = np.arange(0, 24, 2).reshape(3, 4)

# The lines of shared/API.md, on its `a`.
API_CASES = {
    "api_concatenate": lambda: np.concatenate([a, a], 1),
    "api_stack": lambda: np.stack([a, a], 0),
    "api_hstack": lambda: np.hstack([a, a]),
    "api_vstack": lambda: np.vstack([a, a]),
    "api_split": lambda: np.split(a, 2, 1),
}

ERRORS = {
    "concatenate_nothing": lambda: np.concatenate([]),
    "concatenate_0d": lambda: np.concatenate([np.array(1), np.array(2)]),
    "concatenate_axis": lambda: np.concatenate([a, a], 2),
    "concatenate_ndim": lambda: np.concatenate([a, a[0]]),
    "concatenate_shape": lambda: np.concatenate([a, a[:, :3]]),
    "concatenate_shape_axis1": lambda: np.concatenate([a, a[:2], a[:1, :3]], 1),
    "concatenate_cast": lambda: np.concatenate([a, a.astype(float)], dtype=np.int64),
    "concatenate_cast_no": lambda: np.concatenate([a, a], dtype=np.float32, casting="no"),
    "stack_nothing": lambda: np.stack([]),
    "stack_shape": lambda: np.stack([a, a[:2]]),
    "stack_axis": lambda: np.stack([a, a], 3),
    "stack_axis_negative": lambda: np.stack([a, a], -4),
    "hstack_nothing": lambda: np.hstack([]),
    "vstack_nothing": lambda: np.vstack([]),
    "dstack_nothing": lambda: np.dstack([]),
    "column_stack_nothing": lambda: np.column_stack([]),
    "vstack_shape": lambda: np.vstack([a, a[:, :3]]),
    "split_unequal": lambda: np.split(a, 3, 1),
    "split_negative_divides": lambda: np.split(a, -2, 1),
    "split_negative_does_not_divide": lambda: np.split(a, -3, 1),
    "split_axis": lambda: np.split(a, 2, 2),
    "split_indices_axis": lambda: np.split(a, [1], -3),
    "split_0d": lambda: np.split(np.array(5), 1),
    "array_split_zero": lambda: np.array_split(a, 0, 1),
}


def store(values, strides, name, result):
    if isinstance(result, list):
        values[name + "__count"] = np.array(len(result))
        for i, piece in enumerate(result):
            store(values, strides, "%s__%d" % (name, i), piece)
        return
    values[name] = np.array(result, order="C")  # (ascontiguousarray would make 0-d 1-d)
    strides[name] = np.asarray(result).strides


def write_strides(strides):
    with open(os.path.join(OUT, "strides.txt"), "w") as fh:
        for name, s in strides.items():
            fh.write("%s %s\n" % (name, ",".join(str(v) for v in s)))


def main():
    os.makedirs(OUT, exist_ok=True)
    values, strides, inputs = {}, {}, {}
    for dt_name, dt in DTYPES.items():
        x, e = make_input(dt), np.zeros((0, 3), dt)
        inputs[dt_name] = x
        values["x_" + dt_name], values["e_" + dt_name] = x, e
        for case, fn in CASES.items():
            store(values, strides, "%s_%s" % (case, dt_name), fn(x, e))
    for p, q in PAIRS:
        store(values, strides, "pair_%s_%s" % (p, q), np.concatenate([inputs[p], inputs[q][:1]]))
    with np.errstate(invalid="ignore"):  # NaN and inf cast to int32 on purpose
        for case, fn in DTYPE_CASES.items():
            store(values, strides, case, fn(inputs))
    for case, fn in API_CASES.items():
        store(values, strides, case, fn())
    np.savez_compressed(os.path.join(OUT, "values.npz"), **values)
    write_strides(strides)

    lines = []
    for name, fn in ERRORS.items():
        try:
            fn()
        except Exception as exc:  # the class and text are the fixture
            lines.append("%s\t%s\t%s" % (name, type(exc).__name__, exc))
        else:
            raise AssertionError(name + " did not raise")
    with open(os.path.join(OUT, "errors.txt"), "w") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
