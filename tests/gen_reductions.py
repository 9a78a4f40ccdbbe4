"""NumPy's reductions on many layouts, dtypes and axes, for tests/core/test_reductions.cpp.

Run with Debian's interpreter: /usr/bin/python3 tests/gen_reductions.py

Inputs are not stored: each case names a deterministic generator ("kind:dtype:shape:seed",
see make_base) that the C++ test reproduces bit for bit (splitmix64 plus IEEE float
arithmetic), then a view of it (an index expression in the syntax of
tests/support/index_parser.h, a transpose, a broadcast). Each case is one line:

    name|base|index|perm|broadcast|op|axis|keepdims|extra|expected

`expected` is "ok:dtype:shape:offset" (the result is that slice of the flat array
"values_<dtype>") or "ErrorClass:message" when NumPy raises. The table itself is the
uint8 array "cases" of fixtures/reductions/reductions.npz (stored compressed). ndgrad has no uint64: NumPy's uint64 sums and products of uint8 input
are stored as int64, which holds the same bits (both wrap modulo 2**64).
"""
import os
import warnings

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "reductions")

M64 = (1 << 64) - 1


def splitmix64(seed, n):
    """n successive outputs of the splitmix64 generator started at `seed` (uint64)."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + np.arange(1, n + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def make_base(spec):
    """kind:dtype:shape:seed -> array. Mirrored by make_base() in test_reductions.cpp."""
    kind, dtype, shape, seed = spec.split(":")
    shape = () if shape == "0d" else tuple(int(s) for s in shape.split("x"))
    n = int(np.prod(shape, dtype=np.int64))
    z = splitmix64(int(seed), n)
    unit = (z >> np.uint64(11)).astype(np.float64) * 2.0**-53  # [0, 1), exact
    if kind == "wide":  # signs and magnitudes over 2**-16 .. 2**15: every add rounds
        exps = (z & np.uint64(31)).astype(np.int64) - 16
        values = (2.0 * unit - 1.0) * np.ldexp(1.0, exps)
    elif kind == "unit":  # within 1/128 of one: long products neither overflow nor vanish
        values = 1.0 + (unit - 0.5) / 64.0
    elif kind == "nan":  # wide values with a NaN at every position where z % 7 == 0
        exps = (z & np.uint64(31)).astype(np.int64) - 16
        values = (2.0 * unit - 1.0) * np.ldexp(1.0, exps)
        values[(z % np.uint64(7)) == 0] = np.nan
    elif kind == "small":  # 0..3: many ties
        values = (z % np.uint64(4)).astype(np.float64)
    elif kind == "special":  # zeros of both signs, infinities, NaN, small integers
        table = np.array([0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, 2.5, -3.0, np.nan])
        values = table[(z % np.uint64(9)).astype(np.int64)]
    elif kind == "bits":  # the raw 64 bits as an integer of the dtype (wraps)
        values = None
    else:
        raise ValueError(kind)
    if values is None:
        out = z.view(np.int64).astype(dtype) if dtype != "bool" else (z & np.uint64(1)) == 1
    elif dtype == "bool":
        out = values != 0
    elif dtype in ("uint8", "int32", "int64"):
        out = (z % np.uint64(1000)).astype(np.int64) - (0 if dtype == "uint8" else 500)
        if kind == "small":
            out = values.astype(np.int64)
        out = out.astype(dtype)
    else:
        out = values.astype(dtype)
    return out.reshape(shape)


def parse_index(text):
    """The index language of tests/support/index_parser.h (the subset used here)."""
    if text == "":
        return ()
    items = []
    for t in text.split(";"):
        if t == "None":
            items.append(None)
        elif t == "...":
            items.append(Ellipsis)
        elif ":" in t:
            parts = [int(p) if p else None for p in t.split(":")]
            items.append(slice(*parts))
        else:
            items.append(int(t))
    return tuple(items)


def make_view(base, index, perm, bcast):
    a = make_base(base)
    a = a[parse_index(index)]
    if perm == "T":
        a = a.T
    elif perm:
        a = a.transpose([int(p) for p in perm.split(",")])
    if bcast:
        a = np.broadcast_to(a, tuple(int(s) for s in bcast.split("x")))
    return a


def parse_axis(text):
    if text == "None":
        return None
    parts = [int(p) for p in text.split(",")]
    return parts[0] if len(parts) == 1 and "," not in text else tuple(parts)


def run(op, a, axis, keepdims, extra):
    kd = bool(keepdims)
    if op in ("sum", "prod", "mean", "max", "min", "ptp", "all", "any"):
        return getattr(np, op)(a, axis=axis, keepdims=kd)
    if op == "count_nonzero":
        return np.asarray(np.count_nonzero(a, axis=axis, keepdims=kd), dtype=np.int64)
    if op in ("var", "std"):
        return getattr(np, op)(a, axis=axis, keepdims=kd, ddof=int(extra))
    if op in ("argmax", "argmin"):
        return getattr(np, op)(a, axis=axis, keepdims=kd)
    if op in ("cumsum", "cumprod"):
        return getattr(np, op)(a, axis=axis)
    if op == "average":
        weights = None
        if extra:
            wbase, windex = (extra.split("@") + [""])[:2]
            weights = make_view(wbase, windex, "", "")
        return np.average(a, axis=axis, weights=weights, keepdims=kd)
    raise ValueError(op)


def normalize(result):
    r = np.asarray(result)
    if r.dtype == np.uint64:  # ndgrad's int64 holds the same bits
        r = r.view(np.int64)
    return np.ascontiguousarray(r) if r.ndim else r


CASES = []


def case(base, op, axis="None", keepdims=0, index="", perm="", bcast="", extra=""):
    CASES.append((base, index, perm, bcast, op, axis, keepdims, extra))


FLOATS = ("float32", "float64")
DTYPES = ("bool", "uint8", "int32", "int64", "float32", "float64")


def summation_order_cases():
    """Where the chunks of 8192 and the pairwise blocks fall: NumPy's bits. The kept
    (non-reduced) dimensions stay small so that the fixture stays small."""
    for dt in FLOATS:
        for n in (7, 8, 9, 16, 127, 128, 129, 1000, 8191, 8192, 8193, 20000, 100000):
            case("wide:%s:%d:%d" % (dt, n, n), "sum")
        base = "wide:%s:100000:1" % dt
        case(base, "sum", "0", 1)
        case(base, "sum", index="::-1")
        case(base, "sum", index="::3")
        case(base, "sum", index="-5::-7")
        case(base, "mean")
        case("wide:%s:20000:2" % dt, "sum", index="::-1")
        m = "wide:%s:60x500:3" % dt
        for axis in ("None", "0", "1", "-1", "0,1", "-1,0"):
            case(m, "sum", axis)
            case(m, "sum", axis, perm="T")
            case(m, "sum", axis, index="::2;::3")
            case(m, "sum", axis, index="::-1")
            case(m, "sum", axis, index=":;::-1")
            case(m, "sum", axis, index="::-1;::-1", perm="T")
        case(m, "sum", "0", 1)
        case(m, "sum", "1", 1, perm="T")
        long_rows = "wide:%s:3x20000:4" % dt
        for axis in ("None", "1"):
            case(long_rows, "sum", axis)
            case(long_rows, "sum", axis, index=":;::-1")
            case(long_rows, "mean", axis, index="::-1;1::2")
        case(long_rows, "sum", "0", perm="T")
        case(long_rows, "sum", "0", index=":;::997")
        cube = "wide:%s:10x12x70:5" % dt
        for axis in ("None", "0", "1", "2", "0,1", "0,2", "1,2", "-1,-3", "2,1,0"):
            case(cube, "sum", axis, perm="2,0,1")
            case(cube, "sum", axis, perm="1,2,0")
            case(cube, "sum", axis, index=":;::2;1::3")
        for axis in ("None", "0,1", "0,2", "1,2"):
            case(cube, "sum", axis)
            case(cube, "sum", axis, index="::-1;:;::-1")
            case(cube, "mean", axis, perm="2,1,0", index="::2")
        # Reduced blocks larger than a chunk that cannot be merged into one axis.
        big = "wide:%s:4x100x300:6" % dt
        for axis in ("1,2", "0,1,2", "None"):
            case(big, "sum", axis, index="...;::2")
            case(big, "sum", axis, perm="0,2,1")
        case(big, "sum", "0,2", index="...;::2;::-25")
        case(big, "sum", "0,1", 1, perm="2,0,1", index="::-1;::50")
        long_cube = "wide:%s:3000x7x5:7" % dt
        case(long_cube, "sum", "0,2")
        case(long_cube, "sum", "0,2", perm="2,1,0")
        case(long_cube, "sum", "0,1")
        case(long_cube, "sum", "0,1", index="::-1;::2")
        case("wide:%s:9000x3:8" % dt, "sum", "0", index="::-1")
        # Broadcast inputs (stride 0 along an axis).
        case("wide:%s:300:9" % dt, "sum", "0", bcast="40x300")
        case("wide:%s:300:9" % dt, "sum", "1", bcast="40x300")
        case("wide:%s:300:9" % dt, "sum", "None", bcast="40x300")
        case("wide:%s:30x1:9" % dt, "sum", "1", bcast="30x300")
        case("wide:%s:30x1:9" % dt, "sum", "0", bcast="30x300")
        # var/std: a mean, squared deviations, a second sum, in NumPy's layout.
        for axis in ("None", "1", "0,1"):
            for ddof in ("0", "1"):
                case(m, "var", axis, 0, extra=ddof)
                case(m, "std", axis, 1, perm="T", extra=ddof)
                case(m, "var", axis, 0, index="::-1;::3", extra=ddof)
        case(m, "var", "0", 0, index=":;::10", extra="0")
        case(cube, "var", "0,2", 0, perm="2,0,1", extra="0")
        case(cube, "std", "1", 1, index=":;::-1", extra="1")
        case(big, "var", "1,2", 0, index="...;::2", extra="0")


def dtype_cases():
    """Every reduction on every dtype, with axes None / int / negative / list."""
    for dt in DTYPES:
        base = ("wide:%s:4x5x6:11" if dt in FLOATS else "bits:%s:4x5x6:11") % dt
        small = "small:%s:4x5x6:12" % dt
        unit = ("unit:%s:4x5x6:13" % dt) if dt in FLOATS else base
        for op in ("sum", "mean", "max", "min", "ptp", "all", "any", "count_nonzero"):
            for axis in ("None", "0", "-1", "1", "0,2", "-1,-2,0"):
                case(base, op, axis)
            case(base, op, "1", 1)
            case(base, op, "None", 1)
            case(base, op, "0,2", 1, perm="2,0,1")
            case(base, op, "1", 0, index="::-1;::2")
        for axis in ("None", "0", "-1", "0,2"):
            case(unit, "prod", axis)
            case(small, "prod", axis, index="...;::-1")
        case(unit, "prod", "1", 1, perm="1,2,0")
        for op in ("var", "std"):
            for axis in ("None", "0", "-1", "0,2"):
                for ddof in ("0", "1", "2"):
                    case(base, op, axis, 0, extra=ddof)
            case(base, op, "1", 1, perm="T", extra="1")
            case("small:%s:4x2:14" % dt, op, "1", 0, extra="2")   # ddof == n: inf/nan
            case("small:%s:4x2:14" % dt, op, "1", 0, extra="3")   # ddof > n
        for op in ("argmax", "argmin"):
            for axis in ("None", "0", "1", "-1"):
                case(base, op, axis)
                case(small, op, axis)  # ties: the first occurrence
                case(small, op, axis, perm="2,0,1", index="::-1")
            case(small, op, "1", 1)
            case(small, op, "None", 1)
        for op in ("cumsum", "cumprod"):
            for axis in ("None", "0", "1", "-1"):
                case(small if op == "cumprod" else base, op, axis)
                case(base, op, axis, perm="2,0,1", index=":;::-1")
        for op in ("sum", "prod", "max", "argmax", "cumsum", "mean", "all"):
            case("small:%s:0d:15" % dt, op, "None")  # 0-d input
        case("small:%s:0d:15" % dt, "sum", "0")
        case("small:%s:0d:15" % dt, "sum", "-1", 1)
        case("small:%s:0d:15" % dt, "argmin", "None", 1)
    # Long integer and bool reductions, and wrap-around of int64 sums.
    case("bits:int64:100000:16", "sum")
    case("bits:int64:100000:16", "prod")
    case("bits:uint8:100000:17", "sum")
    case("bits:uint8:300x400:17", "sum", "0")
    case("bits:uint8:64:18", "prod")
    case("bits:int32:100000:19", "sum", index="::-1")
    case("bits:bool:100000:20", "sum")
    case("bits:bool:100000:20", "count_nonzero")
    case("bits:int64:100000:21", "mean")
    case("bits:int32:300x400:22", "mean", "0", perm="T")
    case("bits:int32:300x400:22", "var", "None", extra="0")
    case("bits:uint8:300x400:22", "std", "1", extra="1")


def special_value_cases():
    """NaN propagation, infinities, signed zeros, first-occurrence arg reductions."""
    for dt in FLOATS:
        for op in ("max", "min", "sum", "argmax", "argmin", "ptp", "mean", "cumsum", "prod",
                   "all", "any", "count_nonzero"):
            for axis in ("None", "0", "1"):
                case("nan:%s:12x10:30" % dt, op, axis)
                case("special:%s:12x10:31" % dt, op, axis)
            case("special:%s:12x10:31" % dt, op, "0", index="::-1")
        case("nan:%s:20000:32" % dt, "max")
        case("nan:%s:20000:32" % dt, "argmin", index="::-1")
        case("special:%s:8:33" % dt, "max")  # signed zeros: short arrays are deterministic
        case("special:%s:8:34" % dt, "min")
        for seed in range(40, 46):
            case("special:%s:5:%d" % (dt, seed), "max")
            case("special:%s:5:%d" % (dt, seed), "min")
            case("special:%s:5:%d" % (dt, seed), "argmax")
            case("special:%s:5:%d" % (dt, seed), "argmin")
            case("special:%s:5:%d" % (dt, seed), "sum")


def ddof_for(op):
    return "0" if op in ("var", "std") else ""


def empty_cases():
    for dt in DTYPES:
        for shape in ("0", "0x3", "3x0", "2x0x4"):
            for op in ("sum", "prod", "mean", "max", "min", "argmax", "argmin", "all", "any",
                       "count_nonzero", "cumsum", "cumprod", "var", "std", "ptp", "average"):
                for axis in ("None", "0", "-1"):
                    # (np.average itself fails with ZeroDivisionError for empty results)
                    if op != "average" or axis == "None":
                        case("small:%s:%s:50" % (dt, shape), op, axis, extra=ddof_for(op))
            case("small:%s:%s:50" % (dt, shape), "sum", "None", 1)
            case("small:%s:%s:50" % (dt, shape), "max", "-1", 1)


def average_cases():
    for dt in ("float32", "float64", "int32", "uint8", "bool"):
        a = "wide:%s:30x40:60" % dt if dt in FLOATS else "bits:%s:30x40:60" % dt
        for axis in ("None", "0", "1", "-1"):
            case(a, "average", axis)
            case(a, "average", axis, extra="unit:float64:30x40:61")  # weights of a's shape
            case(a, "average", axis, 1, extra="unit:float32:30x40:62")
        case(a, "average", "0", extra="unit:float64:30:63")  # 1-D weights along the axis
        case(a, "average", "1", extra="unit:float32:40:64")
        case(a, "average", "-2", 1, extra="bits:int32:30:65")
        case(a, "average", "1", 0, perm="T", extra="unit:float64:30:66")
        case(a, "average", "0,1", extra="unit:float64:30x40:67")
        case(a, "average", "None", extra="unit:float64:40:68")  # shapes differ: needs axis
        case(a, "average", "0", extra="unit:float64:3x40:69")   # 2-D weights of another shape
        case(a, "average", "0", extra="unit:float64:40:70")     # wrong length
    case("wide:float64:30x40:60", "average", "0", extra="small:float64:30x40:71@:;:")
    case("wide:float64:5:72", "average", "0", extra="small:int64:5:73")


def axis_error_cases():
    m = "wide:float64:3x4:80"
    for op in ("sum", "max", "mean", "var", "all", "argmax", "cumsum", "prod", "count_nonzero"):
        case(m, op, "2", extra=ddof_for(op))
        case(m, op, "-3", extra=ddof_for(op))
    for op in ("sum", "max", "mean", "std", "any"):
        case(m, op, "0,-2", extra=ddof_for(op))
        case(m, op, "1,5", extra=ddof_for(op))


def pack(results):
    """All results of one dtype in one flat array (one .npy entry each keeps the
    fixture small); a case refers to its result as dtype:shape:offset."""
    flat = {}
    refs = []
    for r in results:
        values = flat.setdefault(r.dtype.name, [])
        offset = sum(v.size for v in values)
        values.append(r.reshape(-1))
        shape = "x".join(str(d) for d in r.shape) if r.ndim else "0d"
        refs.append("%s:%s:%d" % (r.dtype.name, shape, offset))
    arrays = {"values_" + k: np.concatenate(v) for k, v in flat.items()}
    return arrays, refs


if __name__ == "__main__":
    summation_order_cases()
    dtype_cases()
    special_value_cases()
    empty_cases()
    average_cases()
    axis_error_cases()
    os.makedirs(OUT, exist_ok=True)
    results = []
    expectations = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for base, index, perm, bcast, op, axis, keepdims, extra in CASES:
            a = make_view(base, index, perm, bcast)
            try:
                results.append(normalize(run(op, a, parse_axis(axis), keepdims, extra)))
                expectations.append(None)
            except Exception as e:  # NumPy's refusal is part of the expectation
                expectations.append("%s:%s" % (type(e).__name__, e))
    arrays, refs = pack(results)
    refs = iter(refs)
    lines = []
    for i, (c, expected) in enumerate(zip(CASES, expectations)):
        base, index, perm, bcast, op, axis, keepdims, extra = c
        fields = ["c%d" % i, base, index, perm, bcast, op, axis, str(keepdims), extra,
                  expected if expected is not None else "ok:" + next(refs)]
        lines.append("|".join(fields))
    text = "\n".join(lines) + "\n"
    arrays["cases"] = np.frombuffer(text.encode(), dtype=np.uint8)
    np.savez_compressed(os.path.join(OUT, "reductions.npz"), **arrays)
    print(len(lines), "cases,", sum(a.nbytes for a in arrays.values()), "bytes before compression")
