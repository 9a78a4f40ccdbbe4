"""NumPy twin of examples/numpy_tour.cpp: the same tour, statement for statement.

Both programs print the same text byte for byte. The C++ test
`numpy_tour_matches_numpy` (tests/CMakeLists.txt) runs the C++ binary and compares its
output with tests/fixtures/tour/numpy_tour.txt, which this script produced. After
changing the tour (change both files together), regenerate the fixture from the
repository root with a Python that has NumPy 1.24 (Debian bookworm's system python3):

    python3 examples/numpy_tour.py > tests/fixtures/tour/numpy_tour.txt

ndgrad promotes like NumPy 2 (NEP 50); this script avoids every statement where NumPy
1.24 and NumPy 2 print differently, and prints 0-d results with str(), never repr().
"""

import numpy as np


def section(title):
    print()
    print("##", title)


def creating_arrays():
    section("Creating arrays")
    # An array is one block of memory plus a description of it: the element type (dtype),
    # the shape, and the strides (bytes to step to reach the next element along each axis).
    v = np.array([1, 2, 3])
    print(repr(v))
    print("dtype:", v.dtype, "shape:", v.shape, "ndim:", v.ndim, "size:", v.size,
          "itemsize:", v.itemsize)
    m = np.array([[1.5, 2.0, 3.0], [4.0, 5.0, 6.0]])
    print(m)
    print("dtype:", m.dtype, "shape:", m.shape, "strides:", m.strides)
    cube = np.array([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
    print(cube)
    print("ndim:", cube.ndim, "shape:", cube.shape, "strides:", cube.strides)
    flags = np.array([True, False, True])
    print(repr(flags), flags.dtype, flags.itemsize)
    print(repr(np.array([1, 2, 3], dtype=np.float32)))

    # Filled arrays: the default dtype is float64, except full(), which takes the value's.
    print(np.zeros((2, 3)))
    print(repr(np.ones((2, 2), dtype=np.int32)))
    print(repr(np.full((2, 3), 7)))
    print(repr(np.full((2, 2), -np.inf)))

    # eye(N, M, k): ones on the k-th diagonal of an N x M matrix; identity(n) is eye(n).
    print(np.eye(3, 4, k=1))
    print(np.eye(4, None, -1))
    print(repr(np.identity(3, dtype=np.uint8)))

    # arange is half-open like range(); its length is ceil((stop - start) / step), so
    # floating-point steps can surprise: (1.3 - 1) / 0.1 is 3.0000000000000004.
    print(np.arange(5))
    print(np.arange(2, 10, 3), np.arange(10, 0, -3))
    print(np.arange(0, 1, 0.1))
    print(np.arange(1, 1.3, 0.1), "<- 1.3 is included!")
    # linspace counts points instead, and includes the stop unless endpoint=False.
    print(np.linspace(0, 1, 5))
    print(np.linspace(0, 1, 5, endpoint=False))

    # astype always copies. Float to int truncates toward zero, and out-of-range values wrap
    # around modulo 2**bits: -1.7 -> -1 -> 255 and 300.5 -> 300 -> 44 as uint8.
    raw = np.array([-1.7, 2.9, 300.5])
    print(raw.astype(np.int64))
    print(repr(np.array([-1.7, 300.5]).astype(np.uint8)))
    print(repr(np.array([0, 3, -2]).astype(np.bool_)))


def shapes():
    section("Shapes")
    # reshape only re-describes the same elements: one dimension may be -1 ("whatever fits").
    x = np.arange(12)
    grid = x.reshape(3, 4)
    print(grid)
    print(x.reshape(2, -1).shape, x.reshape(-1, 3).shape, x.reshape(2, 3, -1).shape)

    # Transposing swaps the strides instead of moving data.
    print(grid.T)
    print("grid strides:", grid.strides, "grid.T strides:", grid.T.strides)
    t = np.arange(24).reshape(2, 3, 4)
    print(np.transpose(t, (1, 0, 2)).shape, np.transpose(t, (1, 0, 2)).strides)
    print(np.swapaxes(t, 0, 2).shape)
    print(np.moveaxis(t, -1, 0).shape, np.moveaxis(t, 0, -1).shape)

    # New axes of length 1 (expand_dims, or None in an index) and removing them (squeeze).
    row = np.array([1, 2, 3])
    print(np.expand_dims(row, 0).shape, np.expand_dims(row, 1).shape,
          np.expand_dims(row, (0, 2)).shape)
    print(row[:, None])
    print(row[None, :])
    ones3 = np.ones((1, 3, 1))
    print(np.squeeze(ones3).shape, np.squeeze(ones3, 0).shape, np.squeeze(ones3, -1).shape)

    # ravel returns a view when it can; flatten always copies.
    print(np.ravel(grid.T))
    print(grid.flatten())

    # broadcast_to repeats an array without copying it: the repeated axis has stride 0.
    wide = np.broadcast_to(row, (3, 3))
    print(wide)
    print("strides:", wide.strides, "writeable:", wide.flags.writeable)


def arithmetic():
    section("Arithmetic and broadcasting")
    # Operators work elementwise. Shapes are compared from the right; a dimension of length
    # 1 (or a missing one) is stretched to match the other operand.
    a = np.arange(6).reshape(2, 3)
    print(a * 10 + 1)
    print(a / 2)
    print(a - np.array([10, 20, 30]))
    print(a + np.array([[100], [200]]))
    print(a > 2)
    print(np.maximum(a, 3))
    print(np.minimum(a, np.array([1, 4, 2])))
    # A Python number adopts the array's dtype (NumPy 2's rule; NumPy 1.24 agrees here
    # because 50 fits in uint8), so uint8 arithmetic wraps around at 256. Convert first
    # when you need the real sum.
    pixels = np.array([200, 250, 10], dtype=np.uint8)
    print(repr(pixels + 50))
    print(repr(pixels.astype(np.int64) + 50))
    print(repr(np.array([1.5, 2.5], dtype=np.float32) * 2.0))


def indexing():
    section("Indexing and slicing")
    x = np.arange(10) * 10
    print(x)
    # An integer removes its axis; a negative one counts from the end.
    print(x[3], x[-1])
    # A slice start:stop:step keeps the axis. Bounds are clamped, never out of range.
    print(x[2:7], x[::3], x[-3:], x[8:100])
    print(x[::-1], x[7:2:-2])

    grid = np.arange(12).reshape(3, 4)
    print(grid[1], grid[1, -1], grid[-1, -1])
    print(grid[:, 1])
    print(grid[:, 1:2])
    print(grid[1:, ::2])
    print(grid[::-1, ::-1])
    # Ellipsis stands for "all the remaining axes"; None inserts a new one.
    t = np.arange(24).reshape(2, 3, 4)
    print(t[..., 0])
    print(t[0, ...].shape, t[..., 1:3].shape, t[:, None].shape, t[..., None].shape)

    # Integer arrays pick elements: the result has the index array's shape.
    print(x[np.array([1, 3, 5])])
    print(x[np.array([[0, 1], [8, 9]])])
    # One array per axis: they are broadcast together and walked in lockstep.
    print(grid[np.array([0, 2]), np.array([1, 3])])
    print(grid[np.array([[0], [2]]), np.array([1, 3])])

    # A boolean mask of the same shape picks the True positions, as a 1-D result.
    mask = x > 40
    print(mask)
    print(x[mask])
    print(grid[grid % 2 == 0])
    print(grid[np.array([True, False, True])])
    print(grid[:, np.array([True, False, True, False])])
    # A mask over the leading axes selects whole sub-arrays: t[:, :, 0] > 5 is 2 x 3, so
    # the result is (number of True, 4).
    print(t[t[:, :, 0] > 5])

    # Mixing slices with advanced indices (arrays; an integer counts as one too): the
    # broadcast index dimensions replace the indexed axes where they stand, but when
    # a slice separates the advanced indices, nobody can say where they belong, so they
    # move to the front.
    # So in t[0, :, [0, 1]] the 0 and [0, 1] broadcast to shape (2,), and
    # because the slice stands between them, that 2 comes first: (2, 3), not (3, 2).
    print(t[:, np.array([0, 1]), 0])
    print("t[:, [0, 1], 0].shape:", t[:, np.array([0, 1]), 0].shape)
    print(t[np.array([0, 1]), :, np.array([0, 1])])
    print("t[[0, 1], :, [0, 1]].shape:", t[np.array([0, 1]), :, np.array([0, 1])].shape)
    print("t[0, :, [0, 1]].shape:", t[0, :, np.array([0, 1])].shape, "(not (3, 2)!)")
    print("t[:, :, [0, 1]].shape:", t[:, :, np.array([0, 1])].shape)

    # Assignment: the value is broadcast to the selection and cast to the array's dtype.
    y = np.zeros((3, 4), dtype=np.int64)
    y[1] = 5
    y[:, 0] = np.array([1, 2, 3])
    y[0, 1:] = np.array([7, 8, 9])
    y[2, ::2] = -1
    y[:, 3:] = np.array([[10], [20], [30]])
    y[np.array([0, 2]), np.array([1, 1])] = 99
    print(y)
    y[y > 8] = 0
    print(y)
    y[1, :] = np.array([1.9, -1.9, 2.5, 7.99])
    print(y[1])


def views_and_copies():
    section("Views vs copies")
    # Basic indexing (ints, slices, None, ...) and reshape/transpose make views: new
    # shape and strides over the same memory. That makes slicing cheap, whatever the size,
    # and lets you write into part of an array, but a write is seen by every view.
    base = np.arange(8)
    part = base[2:6]
    part[0] = 100
    print(base)
    print("shares memory:", np.shares_memory(base, part), "part owns its data:",
          part.flags.owndata, "base owns its data:", base.flags.owndata)
    every_other = base[::2]
    every_other *= -1
    print(base)
    # A reversed view just walks the memory backwards: its stride is negative.
    backwards = base[::-1]
    print(backwards, "strides:", backwards.strides, "C-contiguous:",
          backwards.flags.c_contiguous)

    # Advanced indexing cannot be expressed by strides, so it always copies.
    picked = base[np.array([2, 3])]
    picked[0] = -1
    print(base, picked)
    print("shares memory:", np.shares_memory(base, picked),
          np.shares_memory(base, base[base > 4]))
    copied = base[2:6].copy()
    print("copy shares memory:", np.shares_memory(base, copied), "owns its data:",
          copied.flags.owndata)

    # Contiguity: C order means the last index varies fastest in memory.
    m = np.arange(6).reshape(2, 3)
    print("m: C", m.flags.c_contiguous, "F", m.flags.f_contiguous, "strides", m.strides)
    mt = m.T
    print("m.T: C", mt.flags.c_contiguous, "F", mt.flags.f_contiguous, "strides", mt.strides)
    print("m.T shares memory with m:", np.shares_memory(m, mt))
    print("m[:, ::2] is C-contiguous:", m[:, ::2].flags.c_contiguous)
    # Axes of length 1 never move the pointer, so a single row is both C and F contiguous.
    print("m[0:1]: C", m[0:1].flags.c_contiguous, "F", m[0:1].flags.f_contiguous)

    # ascontiguousarray copies into C order (and does nothing to an array already in it).
    c = np.ascontiguousarray(mt)
    print(c)
    print("C", c.flags.c_contiguous, "strides", c.strides, "shares memory:",
          np.shares_memory(c, mt))
    print("already contiguous, shares memory:", np.shares_memory(np.ascontiguousarray(m), m))

    # reshape is a view when the strides can express it, and a copy when they cannot.
    print("m.reshape(3, 2) shares memory:", np.shares_memory(m.reshape(3, 2), m))
    flat_t = mt.reshape(6)
    print(flat_t, "shares memory:", np.shares_memory(flat_t, m))
    print("ravel(m) shares memory:", np.shares_memory(np.ravel(m), m),
          "m.flatten() shares memory:", np.shares_memory(m.flatten(), m))

    # A write through a transposed view lands in the original.
    mt[2, 0] = -7
    print(m)


def main():
    print("# A tour of n-d arrays for NumPy users")
    creating_arrays()
    shapes()
    arithmetic()
    indexing()
    views_and_copies()


if __name__ == "__main__":
    main()
