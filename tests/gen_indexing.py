"""NumPy's answers to a table of index expressions, for tests/core/test_indexing.cpp.

Run with Debian's interpreter: /usr/bin/python3 tests/gen_indexing.py

The index items follow NumPy's own TestMultiIndexingAutomated (numpy/core/tests/
test_indexing.py): slices with odd bounds, Ellipsis, None, integers, integer arrays of
several shapes and boolean masks, combined in pairs and triples. Each case is written as
one line of cases.txt:  <op> <base> <index> <outcome>
  op      get (a[index]) or set (a[index] = value: the value is -(1 + arange(n)) over the
          result's last axis, or alternating True/False for a boolean base)
  base    a name the C++ test builds the same way (see BASES)
  index   items separated by ';' in a small language the test parses:
          7, -1, 1:4:2, ::-1, :, None, ..., [0,1,-2], [[2],[0],[1]], b[True,False]
  outcome ok:<key into cases.npz> | error:<ExceptionType>:<message>
Error texts are NumPy 2's: the boolean-mask message is rewritten from 1.24's wording.
Cases on which NumPy 1.24 only warns (out-of-bound indices into an empty result, a
deprecation) are left out: NumPy's answer there is about to change.
"""
import itertools
import os
import random
import re
import warnings

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "indexing")

BASES = {
    # name: (array, how the C++ test builds it)
    "A": np.arange(90).reshape(3, 1, 5, 6),
    "B": np.arange(120).reshape(4, 5, 6)[:, ::-1, 1:],
    "C": np.arange(42, dtype=np.float64).reshape(6, 7).T,
    "D": (np.arange(30) % 3 == 0).reshape(5, 6),
    "E": np.arange(120).astype(np.uint8).reshape(6, 4, 5)[::2],
    "F": np.arange(6, dtype=np.float32),
    "Z": np.array(5.5),
}

ITEMS = ["0", "-1", "2", "-4", "7", "1:1:100", "-5:5:2", "4:-1:-2", "::-3", ":", "1:",
         "::-1", "None", "...", "[0,1,-2]", "[[2],[0],[1]]", "[1]", "[]", "[[0,1],[1,0]]",
         "b[True,False,True]", "b[True]", "b[[True],[False],[True]]", "b[[True,False,True,False,True,False]]",
         "True", "False", "[5]", "[-7]"]


def parse_item(text):
    if text == "None":
        return None
    if text == "...":
        return Ellipsis
    if text in ("True", "False"):
        return text == "True"
    if text.startswith("b["):
        return np.array(eval(text[1:]), dtype=bool)
    if text.startswith("["):
        return np.array(eval(text), dtype=np.int64)
    if ":" in text:
        parts = [int(p) if p else None for p in text.split(":")]
        return slice(*parts)
    return int(text)


def numpy2_message(exc):
    msg = str(exc)
    m = re.match(r"boolean index did not match indexed array along dimension (\d+); "
                 r"dimension is (\d+) but corresponding boolean dimension is (\d+)", msg)
    if m:
        return ("boolean index did not match indexed array along axis %s; size of axis is %s "
                "but size of corresponding boolean axis is %s" % m.groups())
    return msg


def outcome(fn, key, arrays):
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            result = fn()
    except DeprecationWarning:
        return None  # 1.24 accepts it for now, NumPy will refuse it: not a stable answer
    except (IndexError, ValueError, TypeError) as exc:
        return "error:%s:%s" % (type(exc).__name__, numpy2_message(exc))
    arrays[key] = np.array(result)  # a copy; 0-d stays 0-d
    return "ok:" + key


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(1234)
    combos = [(i,) for i in ITEMS]
    combos += list(itertools.combinations(ITEMS, 2))
    combos += rng.sample(list(itertools.permutations(ITEMS, 3)), 300)
    lines, arrays = [], {}
    for n, combo in enumerate(combos):
        base_name = "ABCDEF"[n % 6] if n % 17 else "Z"
        base = BASES[base_name]
        index = tuple(parse_item(t) for t in combo)
        text = ";".join(combo)
        key = "get%d" % n
        result = outcome(lambda: base[index], key, arrays)
        if result is None:
            continue
        lines.append("get %s %s %s" % (base_name, text, result))
        if n % 3 == 0:  # assignment of a broadcast value: a[index] = -(1 + arange(last dim))
            def assign():
                target = base.copy()
                shape = target[index].shape
                value = (np.arange(shape[-1] if shape else 1) % 2 == 0) if target.dtype == bool \
                    else -(1 + np.arange(shape[-1] if shape else 1)).astype(target.dtype)
                target[index] = value if shape else value[0]
                return target
            key = "set%d" % n
            result = outcome(assign, key, arrays)
            if result is not None:
                lines.append("set %s %s %s" % (base_name, text, result))
    with open(os.path.join(OUT, "cases.txt"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    np.savez_compressed(os.path.join(OUT, "cases.npz"), **arrays)


if __name__ == "__main__":
    main()
