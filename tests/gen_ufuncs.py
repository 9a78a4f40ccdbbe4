"""NumPy's elementwise functions, for tests/core/test_ufuncs.cpp and test_promotion.cpp.

Run with Debian's interpreter: /usr/bin/python3 tests/gen_ufuncs.py

Debian's NumPy 1.24 promotes Python scalars by value; ndgrad follows NumPy 2 (NEP 50).
Array-array operations are the same in both, so they are computed directly. A weak
scalar (a C++ int, double or bool) is turned here into an array of the dtype NEP 50
gives it before NumPy sees it. Where NumPy picks float16 or int8 (bool and uint8 input
to exp, arctan2, square, floor_divide, ...), ndgrad uses float32 or int64: those
results are computed from inputs cast to float32 / int64.

fixtures/ufuncs/ufuncs.npz holds:
  vals_<dtype>      the edge-case value set of each dtype
  cases             a table, one case per line, fields separated by '|', ending in
                    "ok:<dtype>:<shape>:<offset>" (a slice of values_<dtype>) or
                    "<ErrorClass>:<message>" when NumPy raises
  values_<dtype>    all expected results of one dtype, flattened one after another
  input_<domain>_<dtype>  dense inputs for measuring transcendental functions
"""
import os
import warnings

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "ufuncs")

DTYPES = ["bool", "uint8", "int32", "int64", "float32", "float64"]
FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 1e-3, 7.75, -1.5e10, 6.0, np.nan, np.inf,
          -np.inf]
VALUES = {
    "bool": np.array([False, True]),
    "uint8": np.array([0, 1, 2, 3, 7, 100, 128, 200, 255], dtype=np.uint8),
    "int32": np.array([0, 1, -1, 2, -3, 7, -128, 46341, -65536, 2**31 - 1, -2**31],
                      dtype=np.int32),
    "int64": np.array([0, 1, -1, 2, -3, 7, 255, -2**32, 3037000500, 2**62, 2**63 - 1, -2**63],
                      dtype=np.int64),
    "float32": np.array(FLOATS + [1e-40, 3.4e38], dtype=np.float32),
    "float64": np.array(FLOATS + [5e-324, 1e300, 2.0**53 + 2], dtype=np.float64),
}

BINARY = ["add", "subtract", "multiply", "divide", "true_divide", "floor_divide", "mod",
          "remainder", "power", "maximum", "minimum", "fmax", "fmin", "arctan2", "equal",
          "not_equal", "less", "less_equal", "greater", "greater_equal", "logical_and",
          "logical_or", "logical_xor", "bitwise_and", "bitwise_or", "bitwise_xor"]
UNARY = ["negative", "positive", "logical_not", "invert", "abs", "absolute", "sign", "square",
         "reciprocal", "exp", "expm1", "exp2", "log", "log1p", "log2", "log10", "sqrt", "cbrt",
         "sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh",
         "arccosh", "arctanh", "floor", "ceil", "trunc", "rint", "isnan", "isinf", "isfinite",
         "signbit"]

# Transcendental functions, measured on dense inputs of their domain (see make_dense).
DENSE = {
    "exp": "exp", "expm1": "small", "exp2": "exp2", "log": "positive", "log1p": "log1p",
    "log2": "positive", "log10": "positive", "sqrt": "positive", "cbrt": "real",
    "sin": "angle", "cos": "angle", "tan": "angle", "arcsin": "unit", "arccos": "unit",
    "arctan": "real", "sinh": "hyper", "cosh": "hyper", "tanh": "small", "arcsinh": "real",
    "arccosh": "above_one", "arctanh": "unit", "power": "positive", "arctan2": "real",
}


def splitmix64(seed, n):
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + np.arange(1, n + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def make_dense(domain, dtype, n=256):
    """n inputs spread over a function's domain (stored, not regenerated in C++)."""
    z = splitmix64(sum(map(ord, domain)) * 4 + (1 if dtype == "float32" else 2), n)
    u = (z >> np.uint64(11)).astype(np.float64) * 2.0**-53
    sign = np.where((z & np.uint64(1)) == 1, -1.0, 1.0)
    magnitude = lambda lo, hi: np.ldexp(1.0 + u, (lo + (z >> np.uint64(1)) % np.uint64(hi - lo))
                                        .astype(np.int64))
    top = 88.0 if dtype == "float32" else 700.0
    values = {
        "exp": (2 * u - 1) * (top + 15),
        "exp2": (2 * u - 1) * (1.44 * top + 20),
        "small": sign * magnitude(-30, 4),
        "positive": magnitude(-40, 40),
        "log1p": np.concatenate([-u[:64], magnitude(-30, 30)[64:]]),
        "real": sign * magnitude(-30, 30),
        "angle": sign * magnitude(-10, 12),
        "unit": 2 * u - 1,
        "hyper": (2 * u - 1) * (top + 5),
        "above_one": 1.0 + magnitude(-20, 20),
    }[domain]
    return values.astype(dtype)


def compute(fn, *args):
    """fn(*args) in NumPy, on ndgrad's dtypes (float32 for float16, int64 for int8)."""
    with np.errstate(all="ignore"):
        r = fn(*args)
        if r.dtype == np.float16:
            r = fn(*[a.astype(np.float32) for a in args])
        elif r.dtype == np.int8:
            r = fn(*[a.astype(np.int64) for a in args])
    return r


def error_text(e):
    text = "%s:%s" % (type(e).__name__, e)
    # NumPy 2 names the DType class differently in this message; ndgrad uses NumPy 2's.
    text = text.replace("<class 'numpy.dtype[bool_]'>", "<class 'numpy.dtypes.BoolDType'>")
    return text.replace("UFuncTypeError:", "TypeError:")


class Table:
    def __init__(self):
        self.lines, self.results = [], []

    def add(self, fields, fn):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                r = np.asarray(fn())
            self.results.append(r)
            self.lines.append((fields, len(self.results) - 1))
        except Exception as e:
            self.lines.append((fields, error_text(e)))

    def save(self, path, extra):
        flat, refs = {}, []
        for r in self.results:
            values = flat.setdefault(r.dtype.name, [])
            offset = sum(v.size for v in values)
            values.append(np.ascontiguousarray(r).reshape(-1))
            shape = "x".join(str(d) for d in r.shape) if r.ndim else "0d"
            refs.append("ok:%s:%s:%d" % (r.dtype.name, shape, offset))
        text = "".join("|".join(list(f) + [refs[x] if isinstance(x, int) else x]) + "\n"
                       for f, x in self.lines)
        arrays = {"values_" + k: np.concatenate(v) for k, v in flat.items()}
        arrays["cases"] = np.frombuffer(text.encode(), dtype=np.uint8)
        arrays.update(extra)
        np.savez_compressed(path, **arrays)
        return len(self.lines), sum(a.nbytes for a in arrays.values())


def binary_cases(t):
    """Every binary ufunc on every dtype pair: vals_A[:, None] op vals_B[None, :]."""
    for op in BINARY:
        for a in DTYPES:
            for b in DTYPES:
                x, y = VALUES[a][:, None], VALUES[b][None, :]
                if op == "power" and a in DTYPES[:4] and b in DTYPES[:4]:
                    y = y[y >= 0][None, :]  # integers to negative powers raise
                t.add(("binary", op, a, b), lambda: compute(getattr(np, op), x, y))


def unary_cases(t):
    for fn in UNARY:
        for d in DTYPES:
            t.add(("unary", fn, d), lambda: compute(getattr(np, fn), VALUES[d]))


def dense_cases(t, inputs):
    for fn, domain in DENSE.items():
        for d in ("float32", "float64"):
            x = make_dense(domain, d)
            inputs["input_%s_%s" % (domain, d)] = x
            if fn == "power":  # base in the domain, exponents in [-8, 8]
                y = ((np.arange(x.size) % 33) / 2.0 - 8).astype(d)
                t.add(("dense", fn, d, domain), lambda: np.power(x, y))
            elif fn == "arctan2":  # y in the domain, x the same inputs reversed
                t.add(("dense", fn, d, domain), lambda: np.arctan2(x, x[::-1]))
            else:
                t.add(("dense", fn, d, domain), lambda: getattr(np, fn)(x))


# --- NEP 50: an array with a weak C++ scalar ------------------------------------------------

SCALARS = [("b", True), ("i", 0), ("i", 2), ("i", -3), ("i", 200), ("i", 300), ("i", -129),
           ("i", 2**31), ("f", 2.5), ("f", -0.0), ("f", 1e300), ("f", float("nan"))]
WEAK_OPS = ["add", "subtract", "multiply", "divide", "floor_divide", "mod", "power", "maximum",
            "minimum", "less", "equal", "greater_equal", "bitwise_and", "arctan2"]
COMPARISONS = {"less", "equal", "greater_equal", "not_equal", "greater", "less_equal"}
KIND_RANK = {"b": 0, "u": 1, "i": 1, "f": 2}
DEFAULT = {"b": "bool", "i": "int64", "f": "float64"}


def nep50_dtype(array_dtype, scalar_kind):
    """NEP 50: a weak scalar only counts when its kind is higher than the array's."""
    kind = np.dtype(array_dtype).kind
    if KIND_RANK[scalar_kind] <= KIND_RANK[kind]:
        return np.dtype(array_dtype)
    return np.promote_types(array_dtype, DEFAULT[scalar_kind])


def weak_scalar(op, dtype, kind, value):
    """The scalar as NumPy 2 converts it: an array of the NEP 50 dtype, or OverflowError."""
    if kind == "i" and dtype.kind in "uib":
        info = np.iinfo(dtype) if dtype.kind != "b" else None
        if info is not None and not (info.min <= value <= info.max):
            if op in COMPARISONS:  # NumPy 2 compares with out-of-range Python ints exactly
                return None
            raise OverflowError("Python integer %d out of bounds for %s" % (value, dtype.name))
    return np.array(value).astype(dtype)


def weak_op(op, array_dtype, kind, value, scalar_first):
    """array op scalar (or scalar op array) as NumPy 2 computes it."""
    dtype = nep50_dtype(array_dtype, kind)
    s = weak_scalar(op, dtype, kind, value)  # OverflowError first, as in NumPy 2
    if s is None:  # an exact comparison with an integer outside the array's range
        a, s = VALUES[array_dtype].astype(np.int64), np.array(value, dtype=np.int64)
    else:
        a = VALUES[array_dtype].astype(dtype)
    full = np.full(a.shape, s, dtype=s.dtype)  # an array: NumPy 1.24 cannot look at its value
    fn = getattr(np, op)
    return compute(fn, full, a) if scalar_first else compute(fn, a, full)


def weak_cases(t):
    for d in DTYPES:
        for kind, value in SCALARS:
            for op in WEAK_OPS:
                for first in (0, 1):
                    t.add(("weak", op, d, "%s:%r" % (kind, value), str(first)),
                          lambda: weak_op(op, d, kind, value, first))


def inplace_cases(t):
    """a op= scalar: the NEP 50 result, cast back under same_kind (else TypeError)."""
    for d in DTYPES:
        for kind, value in [("b", True), ("i", 2), ("i", -3), ("i", 300), ("f", 2.5)]:
            for op in ("add", "subtract", "multiply", "divide", "mod", "bitwise_and"):
                def run():
                    r = weak_op(op, d, kind, value, 0)
                    if not np.can_cast(r.dtype, d, "same_kind"):
                        raise TypeError("Cannot cast ufunc '%s' output from dtype('%s') to "
                                        "dtype('%s') with casting rule 'same_kind'"
                                        % ("divide" if op == "divide" else op, r.dtype.name, d))
                    return r.astype(d)
                t.add(("inplace", op, d, "%s:%r" % (kind, value)), run)


# --- layouts: broadcasting, transposed / strided / reversed operands, out=, aliasing ----

BASES = {
    "f64": (np.arange(120, dtype=np.float64).reshape(4, 5, 6) * 0.37 - 20.5),
    "i32": (np.arange(120, dtype=np.int32).reshape(4, 5, 6) * 7919 % 201 - 100),
    "u8": (np.arange(120, dtype=np.int64).reshape(4, 5, 6) * 37 % 256).astype(np.uint8),
    "row": np.linspace(-3, 3, 6),
    "col": np.linspace(-2, 2, 5).reshape(5, 1),
    "f32": (np.arange(30, dtype=np.float32).reshape(5, 6) / 7 - 2),
    "f32t": (np.arange(30, dtype=np.float32).reshape(6, 5) / 5 - 3),
}
VIEWS = {  # name: (index, transpose) applied in that order
    "c": ("", ""),
    "T": ("", "T"),
    "rev": ("::-1;::2", ""),
    "mixed": (":;::-1;1::2", ""),
    "perm": ("", "1,2,0"),
}


def parse_index(text):
    items = []
    for part in text.split(";") if text else []:
        if ":" in part:
            items.append(slice(*[int(p) if p else None for p in part.split(":")]))
        else:
            items.append(int(part))
    return tuple(items)


def view(base, name):
    index, perm = VIEWS[name]
    a = BASES[base][parse_index(index)]
    if perm == "T":
        return a.T
    if perm:
        return a.transpose([int(p) for p in perm.split(",")])
    return a


def layout_cases(t):
    pairs = [("f32", "c", "f32t", "T"), ("f32t", "T", "f32", "c"), ("f32t", "T", "row", "c"), ("f64", "T", "f64", "T"), ("f64", "rev", "row", "c"),
             ("f64", "mixed", "col", "c"), ("f64", "perm", "f64", "perm"),
             ("f64", "T", "col", "c"), ("i32", "rev", "f64", "rev"), ("u8", "T", "i32", "T"),
             ("u8", "mixed", "u8", "mixed"), ("f32", "c", "row", "c"), ("row", "c", "col", "c"),
             ("f32", "T", "f32", "T"), ("col", "c", "f64", "T"), ("i32", "perm", "f64", "perm")]
    ops = ["add", "multiply", "subtract", "maximum", "floor_divide", "less", "power", "arctan2"]
    for a, va, b, vb in pairs:
        x, y = view(a, va), view(b, vb)
        np.broadcast_shapes(x.shape, y.shape)  # every pair must broadcast
        for op in ops:
            if op == "subtract" and x.dtype == bool:
                continue
            t.add(("layout", op, a, va, b, vb), lambda: compute(getattr(np, op), x, y))
            # The result's strides show the memory order NumPy allocates it in.
            t.add(("strides", op, a, va, b, vb),
                  lambda: np.array(compute(getattr(np, op), x, y).strides, dtype=np.int64))
    for base in ("f64", "i32", "u8", "f32"):
        for v in VIEWS:
            if base == "f32" and v in ("mixed", "perm", "rev"):
                continue
            x = view(base, v)
            for fn in ("negative", "exp", "sqrt", "abs", "square", "floor"):
                t.add(("layout_unary", fn, base, v), lambda: compute(getattr(np, fn), x))
                t.add(("strides_unary", fn, base, v),
                      lambda: np.array(compute(getattr(np, fn), x).strides, dtype=np.int64))


def out_cases(t):
    """out= into views of a larger array, and inputs that overlap the output."""
    def into_view():
        target = np.zeros((4, 5, 12))
        np.add(view("f64", "c"), view("row", "c"), out=target[..., ::2])
        return target
    t.add(("out", "add_into_strided_view"), into_view)

    def into_reversed():
        target = np.zeros((6, 5, 4))
        np.multiply(view("f64", "T"), 2.0, out=target[::-1])
        return target
    t.add(("out", "multiply_into_reversed_view"), into_reversed)

    def broadcast_inputs_to_out():
        target = np.ones((3, 4, 5, 6))
        np.subtract(view("f64", "c"), view("row", "c"), out=target)
        return target
    t.add(("out", "inputs_broadcast_to_out"), broadcast_inputs_to_out)

    def cast_into_int_out():
        target = np.zeros((4, 5, 6), dtype=np.int64)
        np.add(view("i32", "c"), np.int64(3), out=target)
        return target
    t.add(("out", "int32_into_int64_out"), cast_into_int_out)

    def float64_into_float32_out():
        target = np.zeros((4, 5, 6), dtype=np.float32)
        np.multiply(view("f64", "c"), 1.1, out=target)
        return target
    t.add(("out", "float64_into_float32_out"), float64_into_float32_out)

    def unary_into_view():
        target = np.zeros((6, 5, 4))
        np.exp(view("f64", "T") / 10, out=target)
        np.negative(target[::2], out=target[::2])
        return target
    t.add(("out", "unary_into_view"), unary_into_view)

    def add_reversed_self():
        a = BASES["f64"].copy()
        a += a[::-1]
        return a
    t.add(("alias", "a+=a[::-1]"), add_reversed_self)

    def shifted():
        a = BASES["f64"].reshape(-1).copy()
        a[1:] += a[:-1]
        return a
    t.add(("alias", "a[1:]+=a[:-1]"), shifted)

    def shifted_back():
        a = BASES["f64"].reshape(-1).copy()
        a[:-1] *= a[1:]
        return a
    t.add(("alias", "a[:-1]*=a[1:]"), shifted_back)

    def transposed_self():
        a = BASES["f64"][0, :5, :5].copy()
        np.add(a, a.T, out=a)
        return a
    t.add(("alias", "add(a,a.T,out=a)"), transposed_self)

    def negative_reversed():
        a = BASES["f64"].reshape(-1).copy()
        np.negative(a[::-1], out=a)
        return a
    t.add(("alias", "negative(a[::-1],out=a)"), negative_reversed)


# --- round, where, clip, nan_to_num ----------------------------------------------------------

ROUND_INPUT = np.array([0.5, 1.5, 2.5, -0.5, -1.5, 0.0, -0.0, 1.2345678, -2.675, 2.675,
                        123456.789, -98765.4321, 1e15 + 0.5, 1e300, 5e-324, 0.125, 0.375,
                        np.nan, np.inf, -np.inf])
ROUND_INTS = np.array([0, 5, 15, 25, -15, -25, 149, 150, 151, 250, -250, 12345, 99999])


def round_cases(t):
    for d in ("float64", "float32"):
        for decimals in (-3, -2, -1, 0, 1, 2, 3, 5, 8, 10, 24, 30):
            t.add(("round", d, str(decimals)), lambda: np.round(ROUND_INPUT.astype(d), decimals))
    for d in ("int32", "int64", "uint8"):
        for decimals in (-2, -1, 0, 2):
            x = ROUND_INTS.astype(d) if d != "uint8" else ROUND_INTS[ROUND_INTS >= 0].astype(d)
            # NumPy 2 scales integers by a float64 factor (1.24 may use float16 for uint8).
            t.add(("round", d, str(decimals)),
                  lambda: x.copy() if decimals >= 0 else
                  np.round(x.astype(np.float64), decimals).astype(d))
    t.add(("round", "bool", "0"), lambda: compute(np.rint, np.array([False, True])))
    def bool_with_decimals():  # NumPy 2 scales by a float64 (1.24: float16) and refuses
        raise TypeError("Cannot cast ufunc 'multiply' output from dtype('float64') to "
                        "dtype('bool') with casting rule 'same_kind'")
    t.add(("round", "bool", "1"), bool_with_decimals)


def where_cases(t):
    cond = np.array([[True, False, True], [False, False, True]])
    t.add(("where", "arrays"), lambda: np.where(cond, np.arange(6.0).reshape(2, 3), -np.ones(3)))
    t.add(("where", "int_and_float32"),
          lambda: np.where(cond, np.arange(3, dtype=np.int32), np.ones((2, 1), np.float32)))
    t.add(("where", "uint8_and_weak_int"),
          lambda: np.where(cond, np.arange(3, dtype=np.uint8), np.uint8(7)))
    t.add(("where", "int64_and_weak_float"),
          lambda: np.where(cond, np.arange(3), np.float64(0.5)))
    t.add(("where", "float_condition"),
          lambda: np.where(np.array([0.0, -0.0, np.nan, 2.0]), 1, np.arange(4)))
    t.add(("where", "transposed"),
          lambda: np.where(view("f64", "T") > 0, view("f64", "T"), view("i32", "T")))
    t.add(("where", "bool_values"), lambda: np.where(cond, True, np.zeros(3, bool)))
    t.add(("where", "mismatch"), lambda: np.where(np.ones(3, bool), np.ones(2), 0))


def clip_cases(t):
    x = np.array([-np.inf, -3.0, -0.0, 0.0, 0.5, 2.0, 7.0, np.nan, np.inf])
    t.add(("clip", "scalars"), lambda: np.clip(x, -1.0, 3.0))
    t.add(("clip", "no_lower"), lambda: np.clip(x, None, 1.0))
    t.add(("clip", "no_upper"), lambda: np.clip(x, 0.5, None))
    t.add(("clip", "zero_bounds"), lambda: np.clip(x, 0.0, 0.0))
    t.add(("clip", "neg_zero_bounds"), lambda: np.clip(x, -0.0, -0.0))
    # NumPy 1.24 still reads a NaN bound as "no bound" (deprecated); NumPy 2 propagates
    # it, as its clip ufunc does.
    t.add(("clip", "nan_lower"), lambda: np.core.umath.clip(x, np.nan, 1.0))
    t.add(("clip", "crossed_bounds"), lambda: np.clip(x, 3.0, -1.0))
    t.add(("clip", "array_bounds"),
          lambda: np.clip(view("f64", "c"), view("row", "c") - 5, view("col", "c") + 5))
    t.add(("clip", "int_with_float_bounds"),
          lambda: np.clip(view("i32", "c"), np.float64(-10.5), np.float64(20.5)))
    t.add(("clip", "uint8_with_int_bounds"),
          lambda: np.clip(view("u8", "T"), np.uint8(10), np.uint8(200)))
    t.add(("clip", "float32_with_weak_floats"),
          lambda: np.clip(view("f32", "c"), np.float32(-0.3), np.float32(0.7)))

    def into_self():
        a = BASES["f64"].copy()
        np.clip(a, -5.0, 5.0, out=a)
        return a
    t.add(("clip", "out_is_input"), into_self)

    def into_view():
        target = np.zeros((4, 5, 12), dtype=np.float32)
        np.clip(view("f64", "c"), -5.0, 5.0, out=target[..., 1::2])
        return target
    t.add(("clip", "out_float32_view"), into_view)


def nan_to_num_cases(t):
    x = np.array([0.0, -0.0, 1.5, np.nan, np.inf, -np.inf, -7.0])
    for d in ("float64", "float32"):
        t.add(("nan_to_num", d, "default"), lambda: np.nan_to_num(x.astype(d)))
        t.add(("nan_to_num", d, "custom"),
              lambda: np.nan_to_num(x.astype(d), nan=-1.0, posinf=1e300, neginf=-2.5))
    t.add(("nan_to_num", "int32", "default"), lambda: np.nan_to_num(VALUES["int32"]))
    t.add(("nan_to_num", "bool", "default"), lambda: np.nan_to_num(VALUES["bool"]))


def promotion_table():
    lines = []
    for a in DTYPES:
        for b in DTYPES:
            lines.append("%s %s %s" % (a, b, np.result_type(a, b).name))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    t = Table()
    inputs = {"vals_" + d: v for d, v in VALUES.items()}
    binary_cases(t)
    unary_cases(t)
    dense_cases(t, inputs)
    weak_cases(t)
    inplace_cases(t)
    layout_cases(t)
    out_cases(t)
    round_cases(t)
    where_cases(t)
    clip_cases(t)
    nan_to_num_cases(t)
    for k, v in BASES.items():
        inputs["base_" + k] = v
    inputs["promotion"] = np.frombuffer(promotion_table().encode(), dtype=np.uint8)
    n, size = t.save(os.path.join(OUT, "ufuncs.npz"), inputs)
    print(n, "cases,", size, "bytes before compression")
