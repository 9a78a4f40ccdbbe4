"""NumPy's results for the rearranging routines (repeat, tile, flip, roll, rot90, pad,
diag, diagonal, trace, take, take_along_axis, put_along_axis), for
tests/core/test_rearranging.cpp.

Run with Debian's interpreter: /usr/bin/python3 tests/gen_rearranging.py
Writes fixtures/rearranging/:
  values.npz  the inputs ("x_<dtype>" (2, 3, 4), "e_<dtype>" (0, 3), "z_<dtype>" 0-d, and
              the int64 index/value arrays "i_*", "v_*") and, for every case
              "<case>_<dtype>", the result in C order.
  strides.txt one line per result: <name> <byte strides, comma-separated>, so that
              views and memory layouts are checked too.
  errors.txt  one line per error case: <name> TAB <exception class> TAB <message>.
The C++ test repeats each named expression (the names say what they do).

Two results are NumPy 2's rather than this NumPy 1.24's, because ndgrad follows NumPy 2:
  - pad(mode="wrap") wider than the axis: NumPy >= 1.25 wraps whole periods of the
    original values (1.24 could wrap part of a period); computed here with np.take.
  - trace of uint8: NumPy's uint64 sum is int64 in ndgrad (which has no uint64).
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "rearranging")

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


rng = np.random.default_rng(20240601)
INDICES = {  # int64 index arrays with negative and repeated entries
    "i_axis1": rng.integers(-3, 3, (2, 5, 4)),
    "i_row": rng.integers(-3, 3, (1, 2, 4)),
    "i_column": rng.integers(-3, 3, (2, 2, 1)),
    "i_wide": rng.integers(-3, 3, (2, 2, 5)),
    "i_flat": rng.integers(-24, 24, (7,)),
    "i_last": rng.integers(-4, 4, (2, 3, 6)),
    "i_put": rng.integers(-3, 3, (2, 2, 4)),
    "v_put": np.arange(16).reshape(2, 2, 4) * 3 - 20,
    "v_row": np.array([[[9, -1, 0, 250]]]),
    "v_flat": np.arange(7) * 7 - 11,
    "v_wide": np.arange(20).reshape(2, 2, 5) - 10,
}
I = INDICES


def put(target, indices, values, axis):
    np.put_along_axis(target, indices, values, axis)


def put_case(prepare, indices, values, axis):
    """put_along_axis into a copy of x (seen through `prepare`); the result is the copy."""
    def run(x):
        r = x.copy()
        put(prepare(r), indices, values, axis)
        return r
    return run


CASES = {
    # repeat
    "repeat_flat": lambda x, e, z: np.repeat(x, 2),
    "repeat_axis1": lambda x, e, z: np.repeat(x, 3, 1),
    "repeat_list": lambda x, e, z: np.repeat(x, [1, 0, 2], 1),
    "repeat_single_list": lambda x, e, z: np.repeat(x[:, ::-1], [2], -1),
    "repeat_uint8_counts": lambda x, e, z: np.repeat(x, np.array([0, 1, 2, 3], np.uint8), 2),
    "repeat_bool_counts": lambda x, e, z: np.repeat(x, np.array([True, False, True]), 1),
    "repeat_0d": lambda x, e, z: np.repeat(z, 3),
    "repeat_0d_axis": lambda x, e, z: np.repeat(z, 2, 0),
    "repeat_transposed": lambda x, e, z: np.repeat(x.T, 2, 0),
    "repeat_empty": lambda x, e, z: np.repeat(e, 2, 0),
    "repeat_zero": lambda x, e, z: np.repeat(x, 0, 1),
    # tile
    "tile_int": lambda x, e, z: np.tile(x, 2),
    "tile_more_reps": lambda x, e, z: np.tile(x, (2, 1, 1, 2)),
    "tile_fewer_reps": lambda x, e, z: np.tile(x, (2,)),
    "tile_1d": lambda x, e, z: np.tile(x[0, 0], (3, 2)),
    "tile_transposed": lambda x, e, z: np.tile(x.T, (1, 2, 1)),
    "tile_0d": lambda x, e, z: np.tile(z, (2, 3)),
    "tile_no_reps": lambda x, e, z: np.tile(x, ()),
    "tile_empty": lambda x, e, z: np.tile(e, 3),
    "tile_zero": lambda x, e, z: np.tile(x, (1, 0, 2)),
    # flips (views)
    "flip_all": lambda x, e, z: np.flip(x),
    "flip1": lambda x, e, z: np.flip(x, 1),
    "flip_0_m1": lambda x, e, z: np.flip(x, (0, -1)),
    "fliplr": lambda x, e, z: np.fliplr(x),
    "flipud_reversed": lambda x, e, z: np.flipud(x[::-1]),
    "flip_0d": lambda x, e, z: np.flip(z),
    # roll
    "roll_flat": lambda x, e, z: np.roll(x, 1),
    "roll_flat_negative": lambda x, e, z: np.roll(x, -7),
    "roll_axis": lambda x, e, z: np.roll(x, 10, 1),
    "roll_two_axes": lambda x, e, z: np.roll(x, (1, 2), (0, 2)),
    "roll_same_axis_twice": lambda x, e, z: np.roll(x, [1, 2], [1, 1]),
    "roll_shift_list_one_axis": lambda x, e, z: np.roll(x, [1, -4], -1),
    "roll_one_shift_two_axes": lambda x, e, z: np.roll(x, 2, (0, 1)),
    "roll_transposed": lambda x, e, z: np.roll(x.T, 3, -1),
    "roll_empty": lambda x, e, z: np.roll(e, 1, 0),
    "roll_0d": lambda x, e, z: np.roll(z, 1),
    # rot90 (views)
    "rot90": lambda x, e, z: np.rot90(x),
    "rot90_2": lambda x, e, z: np.rot90(x, 2),
    "rot90_m1": lambda x, e, z: np.rot90(x, -1),
    "rot90_3_axes": lambda x, e, z: np.rot90(x, 3, (2, 0)),
    "rot90_5_negative_axes": lambda x, e, z: np.rot90(x, 5, (-1, -2)),
    "rot90_0": lambda x, e, z: np.rot90(x, 0),
    # diagonals
    "diag_2d": lambda x, e, z: np.diag(x[0]),
    "diag_2d_k1": lambda x, e, z: np.diag(x[0], 1),
    "diag_2d_km2": lambda x, e, z: np.diag(x[0], -2),
    "diag_1d": lambda x, e, z: np.diag(x[0, 0]),
    "diag_1d_k2": lambda x, e, z: np.diag(x[0, 0], 2),
    "diag_1d_km1": lambda x, e, z: np.diag(x[1, :, 1], -1),
    "diagonal": lambda x, e, z: np.diagonal(x),
    "diagonal_1_1_2": lambda x, e, z: np.diagonal(x, 1, 1, 2),
    "diagonal_m1_m1_0": lambda x, e, z: np.diagonal(x, -1, -1, 0),
    "diagonal_beyond": lambda x, e, z: np.diagonal(x, 5),
    "diagonal_transposed": lambda x, e, z: np.diagonal(x.T, 0, 2, 1),
    "trace": lambda x, e, z: np.trace(x[0]),
    "trace_1_1_2": lambda x, e, z: np.trace(x, 1, 1, 2),
    "trace_m1_0_2": lambda x, e, z: np.trace(x, -1, 0, 2),
    # take
    "take_flat": lambda x, e, z: np.take(x, [0, -1, 5, 23]),
    "take_2d_indices": lambda x, e, z: np.take(x, [[2, 0], [1, -1]], 1),
    "take_scalar": lambda x, e, z: np.take(x, 3, 2),
    "take_transposed": lambda x, e, z: np.take(x.T, [0, 0, 1], 0),
    "take_uint8_indices": lambda x, e, z: np.take(x, np.array([1, 0], np.uint8), -1),
    "take_bool_indices": lambda x, e, z: np.take(x, np.array([True, False]), 0),
    "take_no_indices": lambda x, e, z: np.take(x, np.zeros(0, np.int64), 1),
    "take_from_empty": lambda x, e, z: np.take(e, [1, 2], 1),
    "take_0d": lambda x, e, z: np.take(z, [0, -1]),
    # take_along_axis
    "tal_axis1": lambda x, e, z: np.take_along_axis(x, I["i_axis1"], 1),
    "tal_broadcast_indices": lambda x, e, z: np.take_along_axis(x, I["i_row"], 1),
    "tal_broadcast_last": lambda x, e, z: np.take_along_axis(x, I["i_column"], 1),
    "tal_broadcast_arr": lambda x, e, z: np.take_along_axis(x[:, :, :1], I["i_wide"], 1),
    "tal_flat": lambda x, e, z: np.take_along_axis(x, I["i_flat"], None),
    "tal_last_reversed": lambda x, e, z: np.take_along_axis(x[:, ::-1], I["i_last"], -1),
    # put_along_axis (into a copy of x, which is the result)
    "pal_axis1": lambda x, e, z: put_case(lambda r: r, I["i_put"], I["v_put"], 1)(x),
    "pal_scalar": lambda x, e, z: put_case(lambda r: r, I["i_put"], 7, 1)(x),
    "pal_row_values": lambda x, e, z: put_case(lambda r: r, I["i_put"], I["v_row"], 1)(x),
    "pal_transposed": lambda x, e, z: put_case(lambda r: r.transpose(2, 0, 1),
                                               I["i_put"].transpose(2, 0, 1),
                                               I["v_put"].transpose(2, 0, 1), 2)(x),
    "pal_flat_fortran": lambda x, e, z: put_case(lambda r: r.T, I["i_flat"], I["v_flat"],
                                                 None)(x),
    "pal_broadcast_arr": lambda x, e, z: put_case(lambda r: r[:, :, :1], I["i_wide"],
                                                  I["v_wide"], 1)(x),
}


def pad_numpy2(array, width, mode, **kwargs):
    """np.pad, with NumPy >= 1.25's whole-period wrap for pads wider than the axis."""
    result = np.pad(array, width, mode, **kwargs)
    if mode != "wrap":
        return result
    pairs = np.broadcast_to(np.array(width), (array.ndim, 2)) if array.ndim else []
    periodic = array
    for axis, (before, after) in enumerate(pairs):
        n = array.shape[axis]
        periodic = np.take(periodic, np.arange(-before, n + after) % n, axis=axis)
    if all(b <= n and a <= n for (b, a), n in zip(pairs, array.shape)):
        assert np.array_equal(result, periodic, equal_nan=True)  # both NumPys agree here
    result[...] = periodic  # keeps np.pad's memory layout
    return result


PAD_MODES = ["constant", "edge", "reflect", "symmetric", "wrap", "linear_ramp", "maximum",
             "minimum", "mean"]
# Each is (array from x and z, pad_width); the C++ test spells the same.
PAD_WIDTHS = {
    "pairs": (lambda x, z: x, ((0, 0), (2, 1), (1, 3))),
    "pair": (lambda x, z: x, (1, 2)),
    "wide": (lambda x, z: x, ((1, 0), (7, 9), (1, 10))),
    "noncontiguous": (lambda x, z: x[:, ::-1, ::2], 2),
    "fortran": (lambda x, z: x.T, 1),
    "singleton": (lambda x, z: x[:, :1, :], ((0, 0), (2, 3), (0, 0))),
    "0d": (lambda x, z: z, 2),
}
PAD_EXTRA = {
    "pad_constant_300": lambda x, e: np.pad(x, 1, constant_values=300),
    "pad_constant_per_axis": lambda x, e: np.pad(x, 1, constant_values=((1, 2), (3, 4), (5, 6))),
    "pad_ramp_end5": lambda x, e: np.pad(x, ((1, 2), (3, 1), (2, 2)), "linear_ramp",
                                         end_values=5),
    "pad_ramp_end_half": lambda x, e: np.pad(x, (2, 3), "linear_ramp", end_values=2.5),
    "pad_empty_constant": lambda x, e: np.pad(e, 1),
    "pad_empty_edge": lambda x, e: np.pad(e, ((0, 0), (1, 1)), "edge"),
}

# RGB images (2, 9, 10, 3), where pads along the width move whole pixels.
IMAGE_DTYPES = ["uint8", "float32"]
IMAGE_MODES = ["reflect", "symmetric", "edge", "wrap", "mean"]
IMAGE_WIDTHS = {
    "image": ((0, 0), (4, 5), (6, 7), (0, 0)),
    "image_wide": ((0, 0), (0, 0), (12, 25), (0, 0)),
}


def make_image(dtype):
    return (np.arange(2 * 9 * 10 * 3).reshape(2, 9, 10, 3) % 256 * 0.5).astype(dtype)


a = np.arange(0, 24, 2).reshape(3, 4)
API_INDEX = np.array([[3, 2, 1, 0], [0, 0, 1, 1], [2, 3, -1, -4]])
# The lines of shared/API.md, on its `a`.
API_CASES = {
    "api_repeat": lambda: np.repeat(np.full((1, 1), 1), 3, 1),
    "api_tile": lambda: np.tile(a, (3, 1)),
    "api_flip": lambda: np.flip(a, 1),
    "api_roll": lambda: np.roll(a, 10, 1),
    "api_pad_constant": lambda: np.pad(a, ((0, 0), (2, 2)), "constant", constant_values=255),
    "api_pad_reflect": lambda: np.pad(a, ((1, 1), (1, 1)), "reflect"),
    "api_pad_edge": lambda: np.pad(a, ((1, 1), (1, 1)), "edge"),
    "api_take_along_axis": lambda: np.take_along_axis(a, API_INDEX, 1),
}

ERRORS = {
    "repeat_negative": lambda: np.repeat(a, -1),
    "repeat_shape": lambda: np.repeat(a, [1, 2], 1),
    "repeat_float": lambda: np.repeat(a, np.array([1.0]), 1),
    "repeat_float_scalar": lambda: np.repeat(a, np.array(2.0)),
    "repeat_2d": lambda: np.repeat(a, np.array([[1, 2]]), 1),
    "repeat_negative_list": lambda: np.repeat(a, [1, 2, -1, 0], 1),
    "repeat_axis": lambda: np.repeat(a, 2, 2),
    "tile_negative": lambda: np.tile(a, -1),
    "tile_negative_pair": lambda: np.tile(a, (2, -1)),
    "roll_mismatch": lambda: np.roll(a, [1, 2], [0, 1, 1]),
    "roll_axis": lambda: np.roll(a, 1, 2),
    "roll_0d_axis": lambda: np.roll(np.array(5), 1, 0),
    "rot90_same": lambda: np.rot90(a, 1, (0, 0)),
    "rot90_ndim_apart": lambda: np.rot90(a, 1, (0, -2)),
    "rot90_range": lambda: np.rot90(a, 1, (0, 5)),
    "rot90_range_negative": lambda: np.rot90(a, 1, (-3, 1)),
    "rot90_len": lambda: np.rot90(a, 1, (0,)),
    "rot90_1d": lambda: np.rot90(np.arange(3), 1),
    "flip_axis": lambda: np.flip(a, 2),
    "flip_repeated": lambda: np.flip(a, (0, 0)),
    "fliplr_1d": lambda: np.fliplr(np.arange(3)),
    "flipud_0d": lambda: np.flipud(np.array(3)),
    "pad_negative": lambda: np.pad(a, -1),
    "pad_negative_pair": lambda: np.pad(a, ((1, 2), (0, -1))),
    "pad_too_many_pairs": lambda: np.pad(a, ((1, 2), (3, 4), (5, 6))),
    "pad_three_widths": lambda: np.pad(a, (1, 2, 3)),
    "pad_mode": lambda: np.pad(a, 1, "foo"),
    "pad_empty_axis": lambda: np.pad(np.zeros((0, 3)), 1, "edge"),
    "pad_empty_axis1_reflect": lambda: np.pad(np.zeros((3, 0)), ((1, 1), (0, 1)), "reflect"),
    "pad_0d_pairs": lambda: np.pad(np.array(5), ((1, 2), (3, 4))),
    "pad_constant_values_shape": lambda: np.pad(a, 1, constant_values=(1, 2, 3)),
    "diag_3d": lambda: np.diag(np.zeros((2, 2, 2))),
    "diagonal_1d": lambda: np.diagonal(np.arange(3)),
    "diagonal_same": lambda: np.diagonal(a, 0, 1, 1),
    "diagonal_same_negative": lambda: np.diagonal(a, 0, 1, -1),
    "diagonal_axis2": lambda: np.diagonal(a, 0, 0, 2),
    "diagonal_axis1": lambda: np.diagonal(a, 0, 2, 0),
    "trace_1d": lambda: np.trace(np.arange(3)),
    "take_oob": lambda: np.take(np.arange(3), 5),
    "take_oob_axis": lambda: np.take(a, [5], 1),
    "take_oob_negative_flat": lambda: np.take(a, [-13]),
    "take_float": lambda: np.take(a, np.array([1.0])),
    "take_float_scalar": lambda: np.take(a, np.array(1.0)),
    "take_empty_axis": lambda: np.take(np.zeros((3, 0)), [5], 1),
    "take_axis": lambda: np.take(a, 1, 2),
    "take_oob_zero_inner": lambda: np.take(np.zeros((3, 0)), [5], 0),
    "tal_oob": lambda: np.take_along_axis(a, np.array([[5]]), 1),
    "tal_oob_first": lambda: np.take_along_axis(a, np.array([[5, -20]]), 1),
    "tal_ndim": lambda: np.take_along_axis(a, np.array([5]), 1),
    "tal_float": lambda: np.take_along_axis(a, np.array([[1.0]]), 1),
    "tal_bool": lambda: np.take_along_axis(a, np.array([[True]]), 1),
    "tal_shape": lambda: np.take_along_axis(a, np.zeros((2, 1), np.int64), 1),
    "tal_axis": lambda: np.take_along_axis(a, np.zeros((1, 1), np.int64), 2),
    "tal_flat_ndim": lambda: np.take_along_axis(a, np.zeros((3, 1), np.int64), None),
    "pal_values_shape": lambda: put(a.copy(), np.zeros((3, 1), np.int64), np.zeros((2,)), 1),
    "pal_values_ndim": lambda: put(a.copy(), np.array([[1]]), np.zeros((1, 1, 1, 2)), 1),
    "pal_readonly": lambda: put(np.broadcast_to(a, (3, 4)), np.zeros((3, 1), np.int64), 1, 1),
    "pal_oob": lambda: put(a.copy(), np.array([[7]]), 1, 1),
}


def store(values, strides, name, result):
    values[name] = np.array(result, order="C")  # (ascontiguousarray would make 0-d 1-d)
    strides[name] = np.asarray(result).strides


def write_strides(strides):
    with open(os.path.join(OUT, "strides.txt"), "w") as fh:
        for name, s in strides.items():
            fh.write("%s %s\n" % (name, ",".join(str(v) for v in s)))


def main():
    os.makedirs(OUT, exist_ok=True)
    values, strides = dict(INDICES), {}
    for dt_name, dt in DTYPES.items():
        x, e = make_input(dt), np.zeros((0, 3), dt)
        z = np.array(x[1, 2, 1])
        values["x_" + dt_name], values["e_" + dt_name], values["z_" + dt_name] = x, e, z
        for case, fn in CASES.items():
            result = fn(x, e, z)
            if case.startswith("trace") and dt == np.uint8:
                result = result.astype(np.int64)  # NumPy's uint64
            store(values, strides, "%s_%s" % (case, dt_name), result)
        for mode in PAD_MODES:
            for width_name, (pick, width) in PAD_WIDTHS.items():
                name = "pad_%s_%s_%s" % (mode, width_name, dt_name)
                store(values, strides, name, pad_numpy2(pick(x, z), width, mode))
        for case, fn in PAD_EXTRA.items():
            store(values, strides, "%s_%s" % (case, dt_name), fn(x, e))
    for dt_name in IMAGE_DTYPES:
        image = make_image(DTYPES[dt_name])
        for mode in IMAGE_MODES:
            for width_name, width in IMAGE_WIDTHS.items():
                name = "pad_%s_%s_%s" % (mode, width_name, dt_name)
                store(values, strides, name, pad_numpy2(image, width, mode))
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
    with np.errstate(invalid="ignore"):  # the NaN and infinities in x are deliberate
        main()
