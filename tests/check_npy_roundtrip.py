#!/usr/bin/env python3
"""Checks with NumPy itself that the .npy/.npz files ndgrad writes load correctly.

The C++ test NpyRoundTrip.WritesFilesForNumPyToCheck (tests/core/test_npy.cpp) loads
every .npy fixture and saves it again with ndgrad, together with two non-contiguous
views and two archives (np.savez / np.savez_compressed style) of all of them. When the
environment variable NDGRAD_NPY_ROUNDTRIP_DIR is set it keeps those files there. This
script then loads each of them with NumPy (allow_pickle=False) and compares it, bit for
bit, with NumPy's own load of the original fixture.

Run it by hand from the repository root, with a Python that has NumPy (on Debian:
/usr/bin/python3):

    cmake --build build --target test_core_npy
    NDGRAD_NPY_ROUNDTRIP_DIR=/tmp/ndgrad_roundtrip \\
        build/tests/test_core_npy --gtest_filter='NpyRoundTrip.*'
    /usr/bin/python3 tests/check_npy_roundtrip.py /tmp/ndgrad_roundtrip

It prints one line per checked array and exits non-zero if anything differs.
"""

import os
import sys

import numpy as np

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "npy")

# Views the C++ test saved, and how NumPy computes the same view of the fixture.
VIEWS = {
    "views_int64_3d_T.npy": ("int64_3d.npy", lambda a: a.T),
    "views_float64_2d_step.npy": ("float64_2d.npy", lambda a: a[:, ::2]),
}


def same(ours, expected):
    """Same native-order dtype, same shape, identical bytes in C order (NaNs included)."""
    expected = expected.astype(expected.dtype.newbyteorder("="))
    return (ours.dtype == expected.dtype and ours.shape == expected.shape
            and np.ascontiguousarray(ours).tobytes() == np.ascontiguousarray(expected).tobytes())


def check_npy(directory, name, failures):
    path = os.path.join(directory, name)
    with open(path, "rb") as f:
        version = np.lib.format.read_magic(f)
    ours = np.load(path, allow_pickle=False)
    if name in VIEWS:
        fixture, view = VIEWS[name]
        expected = view(np.load(os.path.join(FIXTURES, fixture)))
    else:
        expected = np.load(os.path.join(FIXTURES, name))
    ok = same(ours, expected) and version == (1, 0) and ours.dtype.byteorder in "<|="
    print(f"{'ok  ' if ok else 'FAIL'} {name} {ours.dtype} {ours.shape} format {version}")
    if not ok:
        failures.append(name)


def check_npz(directory, name, expected_members, failures):
    with np.load(os.path.join(directory, name), allow_pickle=False) as archive:
        members = set(archive.files)
        if members != expected_members:
            print(f"FAIL {name}: members {sorted(members)} != {sorted(expected_members)}")
            failures.append(name)
        for member in sorted(members & expected_members):
            expected = np.load(os.path.join(FIXTURES, member + ".npy"))
            ok = same(archive[member], expected)
            print(f"{'ok  ' if ok else 'FAIL'} {name}:{member}")
            if not ok:
                failures.append(f"{name}:{member}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    directory = sys.argv[1]
    failures = []
    npy_files = sorted(f for f in os.listdir(directory) if f.endswith(".npy"))
    if not npy_files:
        sys.exit(f"no .npy files in {directory}")
    for name in npy_files:
        check_npy(directory, name, failures)
    fixtures = {f[:-4] for f in npy_files if f not in VIEWS}
    for archive in ("all.npz", "all_compressed.npz"):
        check_npz(directory, archive, fixtures, failures)
    print(f"{len(failures)} failure(s)" if failures else "all files load in NumPy as expected")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
