"""NumPy's legacy RandomState streams for tests/core/test_random.cpp.

Run with Debian's interpreter: /usr/bin/python3 tests/gen_random.py
Writes fixtures/random/script.txt, one call per line:
  <stream> <function> <name>=<value> ... -> <dtype> <shape>
  <stream> <function> <name>=<value> ... -> !<ExceptionClass> <message>
  <stream> get_state -> state <index> <pos> <has_gauss> <cached_gaussian>
and fixtures/random/values.npz: each dtype's outputs concatenated in call order under
its dtype name ("float64", "int64", ...), the input arrays under "in_<name>" and the
state keys under "state_<index>". The C++ test replays the script line by line and
compares every value bit for bit.

Streams: "g" is the global np.random (nd::random::<function>); any other name is a
RandomState created by a "<name> new seed=<seed>" line (nd::random::RandomState).
Values: sizes are None, () or (2,3) tuples or a bare int; floats are Python reprs; an
array argument is in:<name>, optionally viewed with view=T (transpose), view=rev
(reversed along axis 0) or view=step2 (every other row).
"""
import os
import random

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "random")

lines = []
values = {name: [] for name in ("float64", "float32", "int64", "int32", "uint8", "bool")}
inputs = {}
states = []
streams = {"g": np.random}


def fmt(value):
    if value is None:
        return "None"
    if isinstance(value, tuple):
        return "(" + ",".join(str(int(v)) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return value
    return str(int(value))


def add_input(name, array):
    inputs[name] = np.asarray(array)
    return "in:" + name


def view(array, how):
    if how == "T":
        return array.T
    if how == "rev":
        return array[::-1]
    if how == "step2":
        return array[::2]
    return array


def record_output(stream, function, args, result, dtype):
    result = np.asarray(result, dtype=dtype)
    values[result.dtype.name].append(result.ravel())
    text = " ".join(f"{k}={fmt(v)}" for k, v in args.items())
    lines.append(f"{stream} {function} {text} -> {result.dtype.name} {fmt(result.shape)}".replace("  ", " "))


def record_error(stream, function, args, error):
    text = " ".join(f"{k}={fmt(v)}" for k, v in args.items())
    lines.append(f"{stream} {function} {text} -> !{type(error).__name__} {error}".replace("  ", " "))


def resolve(value):
    """The Python value of a script argument (in:<name> becomes the input array)."""
    if isinstance(value, str) and value.startswith("in:"):
        return inputs[value[3:]]
    return value


# --- the calls, as NumPy spells them ----------------------------------------------------------

INT_TYPES = {"int64": np.int64, "int32": np.int32, "uint8": np.uint8, "bool": np.bool_}


def call(stream, function, out_dtype="float64", **args):
    """Calls np.random.<function> (or a RandomState's) and records the result or error."""
    rs = streams[stream]
    dtype = out_dtype
    py = {k: resolve(v) for k, v in args.items()}
    view_how = py.pop("view", None)
    if "x" in py:
        py["x"] = view(py["x"].copy(), view_how) if function == "shuffle" else view(py["x"], view_how)
    if "a" in py and isinstance(py["a"], np.ndarray):
        py["a"] = view(py["a"], view_how)
    try:
        if function == "shuffle":
            rs.shuffle(py["x"])
            result = py["x"]
            dtype = result.dtype
        elif function in ("rand", "randn"):
            size = py.get("size")
            result = getattr(rs, function)(*(() if size is None else size))
        elif function == "randint":
            result = rs.randint(py["low"], py.get("high"), py.get("size"), dtype=INT_TYPES[py.get("dtype", "int64")])
            dtype = py.get("dtype", "int64")
        elif function == "choice":
            result = rs.choice(py["a"], py.get("size"), bool(py.get("replace", True)), py.get("p"))
            dtype = py["a"].dtype if isinstance(py["a"], np.ndarray) and py["a"].ndim == 1 else "int64"
        elif function == "permutation":
            result = rs.permutation(py["n"] if "n" in py else py["x"])
            dtype = py["x"].dtype if "x" in py else "int64"
        else:
            result = getattr(rs, function)(**py)
    except Exception as error:  # noqa: BLE001 - every error is part of the fixture
        record_error(stream, function, args, error)
        return
    record_output(stream, function, args, result, dtype)


def seed(stream, value):
    if isinstance(value, list):
        streams[stream].seed(value)
        lines.append(f"{stream} seed list={','.join(str(v) for v in value)}")
    else:
        streams[stream].seed(value)
        lines.append(f"{stream} seed seed={value}")


def new_stream(name, value):
    streams[name] = np.random.RandomState(value)
    if isinstance(value, list):
        lines.append(f"{name} new list={','.join(str(v) for v in value)}")
    else:
        lines.append(f"{name} new seed={value}")


def snapshot(stream):
    key, pos, has_gauss, gauss = streams[stream].get_state()[1:]
    states.append(np.asarray(key, dtype=np.int64))
    lines.append(f"{stream} get_state -> state {len(states) - 1} {pos} {has_gauss} {gauss!r}")


def restore(stream, index):
    """set_state to snapshot `index` (taken earlier in the script)."""
    line = next(l for l in lines if l.split(" -> ")[-1].startswith(f"state {index} "))
    _, _, pos, has_gauss, gauss = line.split(" -> ")[-1].split(" ")
    key = states[index].astype(np.uint32)
    streams[stream].set_state(("MT19937", key, int(pos), int(has_gauss), float(gauss)))
    lines.append(f"{stream} set_state from={index}")


# --- the API.md example, verbatim ------------------------------------------------------------

seed("g", 42)
call("g", "randn", size=(4, 4))
call("g", "rand", size=(1, 5))
call("g", "randint", low=0, high=50000, size=(10,))
call("g", "choice", out_dtype="int64", a=4, size=1, replace=True, p=add_input("p_api", [0.1, 0.5, 0.2, 0.2]))
call("g", "gumbel", loc=0.0, scale=1.0, size=(3,))
call("g", "permutation", n=5)
call("g", "normal", loc=0.0, scale=1.0, size=(2, 3))
new_stream("rs7", 7)
call("rs7", "randn", size=(3,))

# --- random mixes of every function, several seeds --------------------------------------------

add_input("f64_10", np.linspace(-1.0, 1.0, 10))
add_input("i32_7", np.arange(7, dtype=np.int32) * 3 - 5)
add_input("u8_6", np.array([0, 1, 2, 250, 254, 255], dtype=np.uint8))
add_input("b_5", np.array([True, False, True, True, False]))
add_input("f32_4", np.array([0.5, -1.5, 2.25, 3.0], dtype=np.float32))
add_input("i64_4x3", np.arange(12).reshape(4, 3))
add_input("f64_5x2", np.arange(10.0).reshape(5, 2) / 4)
add_input("p5", np.array([0.1, 0.0, 0.3, 0.4, 0.2]))
add_input("p7_f32", np.full(7, 1 / 7, dtype=np.float32))
add_input("p10", np.arange(1.0, 11.0) / 55.0)
add_input("alpha3", np.array([0.5, 1.0, 2.5]))
add_input("alpha_small", np.array([0.05, 0.2]))
add_input("pvals4", np.array([0.2, 0.3, 0.1, 0.4]))
add_input("pvals_short", np.array([0.25, 0.25, 0.0, 0.2]))  # sums to 0.7: the last takes the rest
add_input("empty_f64", np.zeros(0))
add_input("zero_rows", np.zeros((3, 0)))


def random_size(rng, max_elements=12):
    kind = rng.randrange(6)
    if kind == 0:
        return None
    if kind == 1:
        return ()
    if kind == 2:
        return rng.randrange(0, max_elements)
    if kind == 3:
        return (rng.randrange(1, 4), rng.randrange(1, 4))
    if kind == 4:
        return (rng.randrange(1, 3), 0, 2) if rng.random() < 0.3 else (rng.randrange(1, max_elements),)
    return (2, rng.randrange(1, 3), 3)


def random_call(rng, stream):
    size = random_size(rng)
    function = rng.choice([
        "rand", "random_sample", "random", "randn", "standard_normal", "normal", "uniform",
        "randint", "randint_dtype", "choice_int", "choice_p", "choice_noreplace", "choice_array",
        "choice_noreplace_p", "permutation_int", "permutation_array", "shuffle",
        "standard_exponential", "exponential", "standard_gamma", "gamma", "beta", "gumbel",
        "laplace", "logistic", "binomial", "poisson", "dirichlet", "multinomial",
        "randn_odd_then_normal",
    ])
    if function in ("rand", "randn"):
        tuple_size = None if size is None else ((size,) if isinstance(size, int) else size)
        call(stream, function, size=tuple_size)
    elif function in ("random_sample", "random", "standard_normal", "standard_exponential"):
        call(stream, function, size=size)
    elif function == "normal":
        call(stream, "normal", loc=rng.choice([0.0, -3.5, 1e3]), scale=rng.choice([1.0, 0.25, 0.0]), size=size)
    elif function == "uniform":
        call(stream, "uniform", low=rng.choice([0.0, -2.0, 5.5]), high=rng.choice([1.0, 10.0, -1.0]), size=size)
    elif function == "randint":
        low = rng.choice([0, -100, 7, -(2**40)])
        high = low + rng.choice([1, 2, 3, 17, 50000, 2**31, 2**32 - 1, 2**32, 2**33 + 5, 2**62])
        call(stream, "randint", low=low, high=high, size=size)
    elif function == "randint_dtype":
        dtype, low, high = rng.choice([
            ("int32", -(2**31), 2**31), ("int32", -5, 6), ("int32", 0, 1000),
            ("uint8", 0, 256), ("uint8", 3, 10), ("uint8", 0, 2),
            ("bool", 0, 2), ("bool", 0, 1), ("bool", 1, 2), ("int64", -(2**63), 2**63 - 1),
        ])
        call(stream, "randint", low=low, high=high, size=size, dtype=dtype)
    elif function == "choice_int":
        call(stream, "choice", a=rng.choice([1, 5, 100, 2**20]), size=size)
    elif function == "choice_p":
        p = rng.choice(["p5", "p7_f32", "p10"])
        call(stream, "choice", a={"p5": 5, "p7_f32": 7, "p10": 10}[p], size=size, p="in:" + p)
    elif function == "choice_noreplace":
        count = 1 if size is None else int(np.prod(size))
        if count <= 12:
            call(stream, "choice", a=rng.choice([12, 40]), size=size, replace=False)
    elif function == "choice_noreplace_p":
        count = 1 if size is None else int(np.prod(size))
        if count <= 9:
            call(stream, "choice", a=10, size=size, replace=False, p="in:p10")
    elif function == "choice_array":
        name = rng.choice(["f64_10", "i32_7", "u8_6", "b_5", "f32_4"])
        call(stream, "choice", a="in:" + name, size=size, replace=rng.random() < 0.7)
    elif function == "permutation_int":
        call(stream, "permutation", n=rng.choice([0, 1, 2, 9, 33]))
    elif function == "permutation_array":
        name, how = rng.choice([("f64_10", None), ("i64_4x3", None), ("i64_4x3", "T"),
                                ("f64_5x2", "rev"), ("u8_6", "step2"), ("zero_rows", None),
                                ("empty_f64", None)])
        call(stream, "permutation", x="in:" + name, **({"view": how} if how else {}))
    elif function == "shuffle":
        name, how = rng.choice([("f64_10", None), ("i32_7", None), ("b_5", None), ("u8_6", "rev"),
                                ("i64_4x3", None), ("i64_4x3", "T"), ("f64_5x2", "step2"),
                                ("zero_rows", None)])
        call(stream, "shuffle", x="in:" + name, **({"view": how} if how else {}))
    elif function == "exponential":
        call(stream, "exponential", scale=rng.choice([1.0, 0.5, 3.0]), size=size)
    elif function == "standard_gamma":
        call(stream, "standard_gamma", shape=rng.choice([0.0, 0.3, 1.0, 2.5, 100.0]), size=size)
    elif function == "gamma":
        call(stream, "gamma", shape=rng.choice([0.5, 1.0, 3.0, 9.0]), scale=rng.choice([1.0, 2.0]), size=size)
    elif function == "beta":
        a, b = rng.choice([(0.5, 0.5), (0.2, 0.9), (1.0, 1.0), (2.0, 5.0), (0.5, 3.0), (1e-3, 1e-3)])
        call(stream, "beta", a=a, b=b, size=size)
    elif function in ("gumbel", "laplace", "logistic"):
        call(stream, function, loc=rng.choice([0.0, 2.0]), scale=rng.choice([1.0, 0.1]), size=size)
    elif function == "binomial":
        n, p = rng.choice([(10, 0.5), (100, 0.1), (1000, 0.3), (1000, 0.7), (5, 0.99), (0, 0.5),
                           (20, 0.0), (20, 1.0), (100000, 0.5), (50, 0.45)])
        call(stream, "binomial", out_dtype="int64", n=n, p=p, size=size)
    elif function == "poisson":
        call(stream, "poisson", out_dtype="int64", lam=rng.choice([0.0, 0.5, 3.0, 9.99, 10.0, 50.0, 1e6]), size=size)
    elif function == "dirichlet":
        call(stream, "dirichlet", alpha="in:" + rng.choice(["alpha3", "alpha_small"]), size=size)
    elif function == "multinomial":
        call(stream, "multinomial", out_dtype="int64", n=rng.choice([0, 1, 20, 1000]),
             pvals="in:" + rng.choice(["pvals4", "pvals_short"]), size=size)
    elif function == "randn_odd_then_normal":  # the cached second Gaussian crosses calls
        call(stream, "randn", size=(rng.choice([1, 3, 5]),))
        call(stream, "normal", loc=1.0, scale=2.0, size=size)
        call(stream, "standard_gamma", shape=2.0, size=(1,))


mix = random.Random(20240611)
for value in [0, 1, 42, 12345, 2**32 - 1]:
    seed("g", value)
    for _ in range(110):
        random_call(mix, "g")
    snapshot("g")

for name, value in [("rs0", 0), ("rs_list", [1, 2, 3]), ("rs_big", 2**32 - 1)]:
    new_stream(name, value)
    for _ in range(40):
        random_call(mix, name)
        random_call(mix, "g")  # the global stream stays independent
seed("g", [123456789, 0, 2**32 - 1])
for _ in range(30):
    random_call(mix, "g")

# --- long calls: several MT19937 regenerations inside one call ----------------------------------

seed("g", 2024)
call("g", "randn", size=(1001,))
call("g", "rand", size=(401, 3))
call("g", "randint", low=0, high=2**40, size=(700,))
call("g", "randint", low=0, high=256, size=(3001,), dtype="uint8")
call("g", "randint", low=0, high=2, size=(2000,), dtype="bool")
call("g", "binomial", out_dtype="int64", n=500, p=0.2, size=(800,))
call("g", "poisson", out_dtype="int64", lam=25.0, size=(800,))
call("g", "gamma", shape=0.7, scale=1.0, size=(500,))
call("g", "beta", a=0.6, b=0.4, size=(500,))
call("g", "choice", a=10, size=(2, 300), p="in:p10")
call("g", "permutation", n=1500)
call("g", "beta", a=1e-3, b=1e-3, size=(200,))  # X + Y underflows: the log-space branch
call("g", "standard_gamma", shape=0.3, size=(300,))
call("g", "binomial", out_dtype="int64", n=30, p=0.0, size=(5,))  # still one draw each
call("g", "binomial", out_dtype="int64", n=0, p=0.3, size=(5,))
call("g", "binomial", out_dtype="int64", n=2**40, p=0.25, size=(100,))
call("g", "multinomial", out_dtype="int64", n=100, pvals="in:p10", size=(50,))
call("g", "choice", a=10, size=(9,), replace=False, p="in:p10")
call("g", "choice", a=1000, size=(50,), replace=False, p=add_input("p1000", np.arange(1000.0) / 499500.0))
call("g", "choice", a="in:u8_6", size=(40,), p=add_input("p6_f32", np.array([0.1, 0.2, 0.3, 0.1, 0.2, 0.1], dtype=np.float32)))
call("g", "randint", low=-(2**63), high=2**63 - 1, size=(20,))
call("g", "randint", low=-(2**31), high=2**31, size=(20,), dtype="int32")
call("g", "randint", low=5, high=6, size=(4,), dtype="uint8")  # a one-value range draws nothing
call("g", "rand", size=(2,))

# --- state save / restore -----------------------------------------------------------------------

seed("g", 5)
call("g", "randn", size=(3,))   # leaves a cached Gaussian
snapshot("g")
call("g", "normal", loc=0.0, scale=1.0, size=(4,))
call("g", "rand", size=(2,))
restore("g", len(states) - 1)
call("g", "normal", loc=0.0, scale=1.0, size=(4,))  # the same values again
call("g", "rand", size=(2,))
restore("rs0", 0)               # another stream takes the global stream's saved state
call("rs0", "rand", size=(3,))
snapshot("rs0")

# --- errors: NumPy's exception classes and messages -----------------------------------------------

seed("g", 9)
call("g", "randint", low=0, high=0)
call("g", "randint", low=-5)
call("g", "randint", low=3, high=2)
call("g", "randint", low=5, high=2, size=(0,))   # an empty size skips the checks
call("g", "randint", low=-1, high=5, dtype="uint8")
call("g", "randint", low=0, high=300, dtype="uint8")
call("g", "randint", low=0, high=3, dtype="bool")
call("g", "randint", low=-(2**31) - 1, high=0, dtype="int32")
call("g", "randint", low=0, high=2**31 + 1, dtype="int32")
call("g", "randint", low=0, high=5, size=(2, -1))
call("g", "normal", loc=0.0, scale=-1.0)
call("g", "normal", loc=0.0, scale=-0.0)
call("g", "normal", loc=0.0, scale=float("nan"), size=(2,))
call("g", "uniform", low=0.0, high=float("inf"))
call("g", "exponential", scale=-2.0)
call("g", "gamma", shape=-1.0)
call("g", "gamma", shape=1.0, scale=-1.0)
call("g", "standard_gamma", shape=-0.5)
call("g", "beta", a=0.0, b=1.0)
call("g", "beta", a=1.0, b=-1.0)
call("g", "gumbel", loc=0.0, scale=-1.0)
call("g", "laplace", loc=0.0, scale=-1.0)
call("g", "logistic", loc=0.0, scale=-1.0)
call("g", "binomial", n=-1, p=0.5)
call("g", "binomial", n=5, p=1.5)
call("g", "binomial", n=5, p=float("nan"))
call("g", "poisson", lam=-1.0)
call("g", "poisson", lam=float("nan"))
call("g", "poisson", lam=1e19)
call("g", "choice", a=0, size=3)
call("g", "choice", a=0, size=0)
call("g", "choice", a=-1)
call("g", "choice", a="in:empty_f64", size=2)
call("g", "choice", a="in:i64_4x3")
call("g", "choice", a=3, size=2, p="in:p5")
call("g", "choice", a=2, size=2, p=add_input("p_sum", [0.5, 0.6]))
call("g", "choice", a=2, size=2, p=add_input("p_negative", [1.5, -0.5]))
call("g", "choice", a=2, size=2, p=add_input("p_nan", [float("nan"), 0.5]))
call("g", "choice", a=2, size=2, p=add_input("p_2d", [[0.5, 0.5]]))
call("g", "choice", a=3, size=2, p=add_input("p_f32_bad", np.full(3, 0.3, dtype=np.float32)))
call("g", "choice", a=3, size=4, replace=False)
call("g", "choice", a=3, size=-1, replace=False)
call("g", "choice", a=3, size=2, replace=False, p=add_input("p_one", [1.0, 0.0, 0.0]))
call("g", "permutation", x=add_input("zero_d", np.array(3.0)))
call("g", "shuffle", x="in:zero_d")
call("g", "dirichlet", alpha=add_input("alpha_bad", [1.0, 0.0]))
call("g", "dirichlet", alpha="in:zero_d")
call("g", "dirichlet", alpha="in:i64_4x3")
call("g", "multinomial", n=5, pvals=add_input("pvals_big", [0.6, 0.6, 0.1]))
call("g", "multinomial", n=5, pvals=add_input("pvals_bad", [1.2, -0.2]))
call("g", "multinomial", n=-1, pvals="in:pvals4")
call("g", "multinomial", n=5, pvals="in:zero_d")
call("g", "multinomial", n=5, pvals="in:i64_4x3")
call("g", "rand", size=(2, -1))
call("g", "rand", size=(3,))    # the errors above drew nothing
for bad in [-1, 2**32]:
    try:
        np.random.seed(bad)
    except ValueError as error:
        lines.append(f"g seed seed={bad} -> !ValueError {error}")
for bad in [[], [1, -2], [2**32]]:
    try:
        np.random.seed(bad)
    except ValueError as error:
        lines.append(f"g seed list={','.join(str(v) for v in bad)} -> !ValueError {error}")
call("g", "rand", size=(3,))

# --- write ------------------------------------------------------------------------------------

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "script.txt"), "w") as f:
    f.write("\n".join(lines) + "\n")
arrays = {name: np.concatenate(chunks) if chunks else np.zeros(0, dtype=name)
          for name, chunks in values.items()}
arrays.update({"in_" + name: array for name, array in inputs.items()})
arrays.update({f"state_{i}": key for i, key in enumerate(states)})
np.savez_compressed(os.path.join(OUT, "values.npz"), **arrays)
print(len(lines), "lines;", {name: array.size for name, array in arrays.items() if not name[:3] in ("in_", "sta")})
