"""NumPy twin of examples/numpy_tour.cpp: the same tour, statement for statement.

The tour: creating arrays, shapes, arithmetic, indexing, views and copies, math and
reductions, softmax and layer norm, searching and sorting, image arrays, statistics,
in-place updates, linear algebra and random sampling.

Both programs print the same text byte for byte. The C++ test
`numpy_tour_matches_numpy` (tests/CMakeLists.txt) runs the C++ binary and compares its
output with tests/fixtures/tour/numpy_tour.txt, which this script produced. After
changing the tour (change both files together), regenerate the fixture from the
repository root with a Python that has NumPy 1.24 (Debian bookworm's system python3):

    python3 examples/numpy_tour.py > tests/fixtures/tour/numpy_tour.txt

ndgrad promotes like NumPy 2 (NEP 50); this script avoids every statement where NumPy
1.24 and NumPy 2 print differently, and prints 0-d results with str(), never repr().
Where the C++ side adds a weak scalar whose NEP 50 result differs from NumPy 1.24's
value-based one, this script writes the scalar in the result dtype (u8 + np.uint8(50)
for u8 + 50). Results of SVD, eigh, lstsq and inv are printed with 4 decimals: LAPACK
and ndgrad's Eigen-based decompositions may differ in the last bits.
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


def math_section():
    section("Math")
    # Ufuncs never raise at the edges of their domains: they return inf, -inf or nan
    # (NumPy also warns; errstate silences that here).
    edges = np.array([0.0, 1.0, 4.0, -1.0])
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        print("log:", np.log(edges))
        print("sqrt:", np.sqrt(edges))
        print("exp:", np.exp(np.array([0.0, 1.0, 710.0, -1000.0])))
    # log1p and expm1 stay accurate where 1 + x rounds away the digits of a tiny x.
    tiny = np.array([1e-10])
    print(np.log(1 + tiny), np.log1p(tiny), np.expm1(tiny))

    # Broadcasting a column (3, 1) with a row (4,): both stretch to (3, 4), an outer sum.
    col = np.arange(3).reshape(3, 1)
    row = np.array([10, 20, 30, 40])
    print(col + row)
    print((col * row).shape)

    # Python numbers are "weak" (NEP 50, NumPy 2's rule): they take the array's dtype, so
    # uint8 + 50 wraps around at 256 and float32 * 2.0 stays float32. Arrays are strong:
    # uint8 + an int64 array is int64. Integer true division always gives float64.
    # (The NumPy 1.24 spelling np.uint8(50) / np.float32(2.0) prints NumPy 2's result.)
    u8 = np.array([100, 200, 250], dtype=np.uint8)
    print(repr(u8 + np.uint8(50)))
    print(repr(u8 + np.array([50, 50, 50])))
    f32 = np.array([0.5, 1.25], dtype=np.float32)
    print((f32 * np.float32(2.0)).dtype, (f32 * np.array([2.0, 2.0])).dtype)
    print(repr(np.array([1, 2, 3]) / np.array([2, 2, 2])), repr(np.array([7, -7]) // 2))

    # Reductions collapse the axes they are given; keepdims leaves them as length 1, so
    # the result still broadcasts against the input (here: each row divided by its sum).
    a = np.arange(12).reshape(3, 4)
    print(np.sum(a), np.sum(a, axis=0), np.sum(a, axis=1))
    row_sums = np.sum(a, axis=1, keepdims=True)
    print(row_sums.shape)
    print(a / row_sums)
    print(np.max(a, axis=0), np.min(a, axis=1), np.prod(a + 1, axis=1), np.ptp(a, axis=1))

    # mean, var and std; var divides by N (ddof=0) unless told ddof=1 (the sample variance).
    data = np.array([[1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 9.0]])
    print(np.mean(data), np.mean(data, axis=1), np.mean(data, axis=0))
    print(np.var(data, axis=1), np.std(data, axis=1), np.std(data, axis=1, ddof=1))

    # Running sums: over the flattened array, or down each column.
    print(np.cumsum(a))
    print(np.cumsum(a, axis=0))
    # argmax gives a flat index without an axis; along an axis, ties go to the first.
    print(np.argmax(a), np.argmax(a, axis=1), np.argmax(np.array([[1, 7, 7], [5, 5, 0]]), axis=1))


def softmax(x, axis=-1):
    # Subtracting the row maximum changes nothing mathematically (it cancels in the ratio)
    # but keeps exp() from overflowing: the largest exponent becomes exp(0) = 1.
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def layer_norm(x, gamma, beta, eps=1e-5):
    # Normalise each row to mean 0 and variance 1 (eps keeps a constant row finite), then
    # scale and shift with the learned per-feature gamma and beta.
    mu = np.mean(x, axis=-1, keepdims=True)
    var = np.var(x, axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * gamma + beta


def softmax_and_layer_norm():
    section("Softmax and layer norm with nd ops")
    logits = np.array([[1.0, 2.0, 3.0], [1000.0, 1001.0, 1002.0], [-5.0, 0.0, 5.0]])
    # The naive formula overflows: exp(1000) is inf, and inf / inf is nan.
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(logits) / np.sum(np.exp(logits), axis=-1, keepdims=True)
    print(naive)
    probs = softmax(logits)
    print(probs)
    # Rows 0 and 1 differ by a constant shift, so they get the same probabilities.
    print("row sums:", np.sum(probs, axis=-1), "argmax:", np.argmax(probs, axis=-1))
    print("rows sum to 1:", bool(np.all(np.abs(np.sum(probs, axis=-1) - 1) < 1e-12)))

    x = np.array([[1.0, 2.0, 3.0, 4.0], [10.0, 0.0, -10.0, 5.0], [3.0, 3.0, 3.0, 3.0]])
    plain = layer_norm(x, np.ones(4), np.zeros(4))
    print(plain)
    # Each normalised row has mean ~0 and variance ~1 (the constant row stays 0).
    print(np.round(np.mean(plain, axis=-1), 12), np.round(np.var(plain, axis=-1), 6))
    gamma = np.array([1.0, 2.0, 0.5, 1.0])
    beta = np.array([0.0, 0.1, 0.0, -0.1])
    print(layer_norm(x, gamma, beta))
    # In float32 everything stays float32: eps and the weak scalars do not promote it.
    x32 = x.astype(np.float32)
    y32 = layer_norm(x32, gamma.astype(np.float32), beta.astype(np.float32), np.float32(1e-5))
    print(y32.dtype, y32[0])


def searching_sorting_logic():
    section("Searching, sorting and logic")
    a = np.array([3, 1, 4, 1, 5, 9, 2, 6, 5, 3])
    print(np.sort(a))
    # A stable argsort keeps equal values in their original order: the 1 at index 1
    # comes before the 1 at index 3. Indexing with it sorts a (or any array aligned to a).
    order = np.argsort(a, kind="stable")
    print(order, a[order])
    # Descending order: sort the negated values (stable), or reverse an ascending sort.
    print(np.argsort(-a, kind="stable"), np.sort(a)[::-1])
    m = np.array([[3, 1, 2], [9, 7, 8], [6, 5, 4]])
    print(np.sort(m, axis=0))
    print(np.sort(m, axis=1))
    # partition only promises that element k is where sorting would put it, with nothing
    # larger before it and nothing smaller after: cheaper than a full sort for "top k".
    k = 4
    p = np.partition(a, k)
    print(p[k], np.sort(a)[k], np.all(p[:k] <= p[k]), np.all(p[k + 1:] >= p[k]))
    top3 = a[np.argpartition(a, -3)[-3:]]
    print("top 3:", np.sort(top3))

    # searchsorted: where each value would be inserted into a sorted array (binning).
    edges = np.array([0, 10, 20, 30])
    print(np.searchsorted(edges, np.array([-5, 0, 5, 10, 35])),
          np.searchsorted(edges, np.array([0, 10, 30]), side="right"))

    # unique: sorted distinct values, how often each occurs, and where each came from.
    values, counts = np.unique(a, return_counts=True)
    print(values, counts)
    values, first, inverse = np.unique(a, return_index=True, return_inverse=True)
    print(first, inverse, np.array_equal(values[inverse], a))

    # nonzero gives one index array per axis; argwhere gives one row per hit.
    g = np.array([[0, 2, 0], [3, 0, 4]])
    rows, cols = np.nonzero(g)
    print(rows, cols, g[rows, cols])
    print(np.argwhere(g))
    print(np.flatnonzero(g))

    # where(cond, x, y) picks elementwise; isin tests membership.
    print(np.where(a > 3, a, -1))
    print(np.isin(a, np.array([1, 5, 7])), np.isin(a, np.array([1, 5, 7]), invert=True))
    print(np.any(a > 8), np.all(a > 0), np.any(m > 8, axis=1), np.all(m > 2, axis=0))

    # Logical operators on truth values; on bool arrays &, | and ~ mean the same.
    x = np.array([True, True, False, False])
    y = np.array([True, False, True, False])
    print(np.logical_and(x, y), np.logical_or(x, y), np.logical_xor(x, y), np.logical_not(x))
    print(x & y, x | y, ~x)
    # Combine conditions with & and | (parenthesised: they bind tighter than >), never
    # with `and` / `or`, which need a single truth value.
    mask = (a > 2) & (a < 6)
    print(mask, a[mask], np.count_nonzero(mask))
    clipped = a.copy()
    clipped[~mask] = 0
    print(clipped)


def image_array_operations():
    section("Image-array operations")
    # A tiny 3 x 4 RGB image: (height, width, channel) uint8, values up to 245.
    img = (np.arange(36) * 7).astype(np.uint8).reshape(3, 4, 3)
    print(img.shape, img.dtype, img.strides)
    red = img[..., 0]
    print(red)
    # Flips are views with a negative stride: upside down (H), mirrored (W), or both.
    print(np.flip(img, axis=0)[..., 0])
    print(np.flip(img, axis=1)[..., 0])
    print(np.flip(img, axis=(0, 1))[..., 0], np.flip(img, axis=0).strides)

    # Pad height and width only: reflect mirrors around the edge pixel (no repeat),
    # constant fills a border (here white).
    reflected = np.pad(img, ((1, 1), (1, 1), (0, 0)), mode="reflect")
    print(reflected.shape)
    print(reflected[..., 0])
    print(np.pad(img, ((1, 1), (2, 2), (0, 0)), mode="constant", constant_values=255)[..., 0])
    # roll shifts pixels, wrapping those that fall off one side around to the other.
    print(np.roll(img, 1, axis=1)[..., 0])
    print(np.roll(img, (1, -1), axis=(0, 1))[..., 0])

    # Brightening in uint8 wraps: 245 + 40 becomes 29. Widen first, clip, narrow back.
    print(red + np.uint8(40))
    bright = np.clip(img.astype(np.int32) + 40, 0, 255).astype(np.uint8)
    print(bright[..., 0])
    # Contrast in floating point: scale around mid-grey, clip, then round to integers.
    contrast = np.clip((img.astype(np.float64) - 128) * 1.5 + 128, 0, 255)
    print(np.rint(contrast).astype(np.uint8)[..., 0])

    # tile repeats a pattern; on an image, along the width only.
    print(np.tile(np.array([[1, 2], [3, 4]]), (2, 3)))
    print(np.tile(img, (1, 2, 1)).shape)

    # Deep-learning libraries want channels first (C, H, W): moveaxis is a view.
    chw = np.moveaxis(img, -1, 0)
    print(chw.shape, chw.strides, np.shares_memory(chw, img), np.array_equal(chw[0], red))

    # meshgrid builds coordinate grids; with indexing="ij" ys varies down the rows.
    ys, xs = np.meshgrid(np.arange(5), np.arange(7), indexing="ij")
    print(ys)
    print(xs)
    # A radial mask: pixels within 2.5 of the centre (2, 3).
    dist = np.sqrt((ys - 2.0) ** 2 + (xs - 3.0) ** 2)
    print(dist[2])
    disc = dist <= 2.5
    print(disc.astype(np.uint8))
    # The default "xy" indexing swaps the roles: xs varies along the rows.
    gx, gy = np.meshgrid(np.linspace(-1, 1, 3), np.linspace(0, 1, 2))
    print(gx)
    print(gy)


def statistics():
    section("Statistics")
    scores = np.array([55, 70, 72, 88, 91, 60, 75, 99, 40, 82])
    # percentile interpolates linearly between the sorted values by default...
    print(np.percentile(scores, 50), np.percentile(scores, np.array([25, 75, 90])))
    print(np.quantile(scores, 0.9), np.quantile(scores, np.array([0.0, 0.5, 1.0])))
    # ...other methods pick an existing value ("lower", "nearest") or a midpoint.
    print(np.percentile(scores, np.array([25, 75, 90]), method="lower"),
          np.percentile(scores, np.array([25, 75, 90]), method="midpoint"),
          np.quantile(scores, 0.9, method="nearest"))
    print(np.median(scores), np.median(np.array([[1, 3, 2], [4, 6, 50]]), axis=1))
    # A median ignores outliers that drag the mean.
    print(np.mean(np.array([1, 2, 3, 4, 1000])), np.median(np.array([1, 2, 3, 4, 1000])))

    # histogram: counts per equal-width bin between min and max (the last bin is closed).
    hist, edges = np.histogram(scores, bins=5)
    print(hist, edges)
    hist, edges = np.histogram(scores, bins=4, range=(0, 100))
    print(hist, edges)
    hist, edges = np.histogram(scores, bins=np.array([0, 50, 70, 90, 100]))
    print(hist, edges)

    # bincount: how often each small non-negative integer occurs (e.g. class labels).
    labels = np.array([0, 1, 1, 3, 1, 0])
    print(np.bincount(labels), np.bincount(labels, minlength=6))
    print(np.bincount(labels, weights=np.array([0.5, 1.0, 1.0, 2.0, 1.0, 0.25])))

    # average with weights: sum(a * w) / sum(w).
    grades = np.array([80.0, 90.0, 70.0])
    print(np.average(grades), np.average(grades, weights=np.array([0.2, 0.3, 0.5])))
    table = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    print(np.average(table, axis=0, weights=np.array([3.0, 1.0, 0.0])))


def in_place_updates():
    section("In-place updates")
    # Augmented assignment on a view writes into the base array's memory.
    base = np.arange(1.0, 13.0).reshape(3, 4)
    row = base[1]
    row += 100
    corners = base[::2, ::3]
    corners *= -1
    print(base)
    # a[1:] += a[:-1] reads its input as it was before the write (NumPy buffers
    # overlapping operands), so this is not a running sum.
    x = np.arange(6)
    x[1:] += x[:-1]
    print(x, np.cumsum(np.arange(6)))

    # out= writes the result into an existing array instead of allocating a new one.
    result = np.empty((3, 4))
    np.add(base, 0.5, out=result)
    print(result[0])
    np.multiply(base, 2, out=base)
    print(base[1])
    np.sqrt(np.abs(base), out=result)
    print(result[2])

    # Boolean-mask assignment: a scalar, or one value per True element in C order.
    base[base > 200] = 0
    base[base < 0] = np.array([-1.0, -2.0, -3.0, -4.0])
    print(base)
    # clip in place, as used to keep activations or pixels in range.
    np.clip(base, -2, 20, out=base)
    print(base)
    # a[mask] += 10 reads the selection (a copy), adds, and writes the sum back.
    bumped = np.arange(6)
    even = bumped % 2 == 0
    bumped[even] += 10
    print(bumped)

    # In-place operations keep the array's dtype: a float32 array stays float32 ...
    f = np.linspace(-3, 3, 7).astype(np.float32)
    f -= np.mean(f)
    f /= np.std(f)
    f *= np.float32(1.5)
    print(f.dtype, f)
    # ... and an int array refuses a float result rather than silently truncating it.
    counts = np.arange(3)
    try:
        counts *= 1.5
    except TypeError as error:
        print("TypeError:", error)


def low_rank_and_pca():
    # Low-rank approximation: keep the two largest singular values. The Frobenius
    # error equals the root of the sum of the discarded squared singular values.
    data = np.random.randn(6, 4)
    u, s, vh = np.linalg.svd(data, full_matrices=False)
    print("singular values:", s)
    rank2 = (u[:, :2] * s[:2]) @ vh[:2]
    print("rank-2 error:", np.round(np.linalg.norm(data - rank2), 4),
          np.round(np.sqrt(np.sum(s[2:] ** 2)), 4))
    print("full reconstruction:", np.allclose((u * s) @ vh, data))

    # PCA: eigenvectors of the covariance matrix, largest variance first.
    mixing = np.array([[3.0, 0.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.5, 0.2]])
    points = np.random.randn(50, 3) @ mixing + np.array([5.0, -2.0, 0.0])
    cov = np.cov(points, rowvar=False)
    eigenvalues, eigenvectors = np.linalg.eigh(cov)
    order = np.argsort(eigenvalues)[::-1]
    eigenvalues, eigenvectors = eigenvalues[order], eigenvectors[:, order]
    print("eigenvalues:", eigenvalues)
    print("explained variance ratio:", eigenvalues / np.sum(eigenvalues))
    # An eigenvector's sign is arbitrary: make each one's largest component positive.
    largest = np.argmax(np.abs(eigenvectors), axis=0)
    eigenvectors = eigenvectors * np.sign(eigenvectors[largest, np.arange(3)])
    print(eigenvectors)
    projected = (points - np.mean(points, axis=0)) @ eigenvectors[:, :2]
    print(projected[:3])


def solving():
    # Solving A x = b directly is faster and more accurate than inv(A) @ b.
    a = np.array([[3.0, 1.0], [1.0, 2.0]])
    b = np.array([9.0, 8.0])
    x = np.linalg.solve(a, b)
    print("solve:", x, np.allclose(a @ x, b))
    # Least squares: the line y = m t + c closest to four noisy points.
    t = np.array([0.0, 1.0, 2.0, 3.0])
    y = np.array([-1.0, 0.2, 0.9, 2.1])
    design = np.vstack([t, np.ones(4)]).T
    coef, residuals, rank, sv = np.linalg.lstsq(design, y, rcond=None)
    print("lstsq:", coef, residuals, rank, sv)
    inverse = np.linalg.inv(a)
    print(inverse)
    print(a @ inverse)
    print("det:", np.round(np.linalg.det(a), 10), np.round(np.linalg.det(inverse), 10))


def linear_algebra():
    section("Linear algebra")
    # Seeded data so the tour is reproducible.
    np.random.seed(0)
    # Attention scores: each query row against each key row, scaled by 1/sqrt(d) so the
    # softmax that follows does not saturate as d grows.
    d = 4
    queries = np.random.randn(3, d)
    keys = np.random.randn(5, d)
    scores = queries @ keys.T / np.sqrt(d)
    print(scores.shape)
    print(scores)
    print(np.argmax(softmax(scores), axis=-1))

    # Norms: Euclidean by default, others by ord; matrix norms for 2-D input.
    v = np.array([3.0, -4.0])
    print(np.linalg.norm(v), np.linalg.norm(v, 1), np.linalg.norm(v, np.inf))
    mat = np.array([[1.0, 2.0], [3.0, 4.0]])
    print(np.linalg.norm(mat), np.linalg.norm(mat, "fro"), np.linalg.norm(mat, 1),
          np.linalg.norm(mat, np.inf))
    print(np.round(np.linalg.norm(mat, 2), 10), np.round(np.linalg.norm(mat, "nuc"), 10))
    print(np.linalg.norm(queries, axis=1))

    # einsum names each axis: batched attention is "bhqd,bhkd->bhqk" (sum over d).
    q4 = np.random.randn(1, 2, 3, 4)
    k4 = np.random.randn(1, 2, 3, 4)
    att = np.einsum("bhqd,bhkd->bhqk", q4, k4)
    print(att.shape, np.allclose(att, q4 @ np.swapaxes(k4, -1, -2)))
    ints = np.arange(9).reshape(3, 3)
    print(np.einsum("ii->", ints), np.trace(ints), np.einsum("ii->i", ints))
    print(np.einsum("i,j->ij", np.array([1, 2, 3]), np.array([10, 20])))
    print(np.einsum("ij->j", ints), np.einsum("ij,j->i", ints, np.array([1, 0, -1])))

    # LAPACK (NumPy) and Eigen (ndgrad) may differ in the last bits here: print 4 decimals.
    with np.printoptions(precision=4, suppress=True):
        low_rank_and_pca()
        solving()


def random_sampling():
    section("Random sampling")
    # The legacy global generator: the same seed gives the same numbers, call for call.
    np.random.seed(42)
    print(np.random.rand(3))
    print(np.random.randn(2, 3))
    print(np.random.randint(0, 10, size=8))
    print(np.random.randint(5, size=(2, 3)))
    # choice: with replacement (the default), without (a shuffled prefix), with weights.
    print(np.random.choice(5, 6), np.random.choice(5, 3, replace=False))
    print(np.random.choice(np.array([10, 20, 30, 40]), 8, p=np.array([0.1, 0.2, 0.3, 0.4])))
    print(np.random.choice(4, 2, replace=False, p=np.array([0.7, 0.1, 0.1, 0.1])))
    print(np.random.permutation(8))
    deck = np.arange(10).reshape(5, 2)
    np.random.shuffle(deck)  # in place, along the first axis only
    print(deck)
    print(np.random.normal(10, 2, size=3))
    print(np.random.uniform(-1, 1, size=(2, 2)))
    # A RandomState is an independent stream: drawing from it leaves the global one alone.
    rs = np.random.RandomState(7)
    print(rs.randn(3), rs.randint(0, 100, 4), rs.rand())
    print(np.random.rand())
    # Re-seeding replays the stream from the start.
    np.random.seed(42)
    print(np.random.rand(3))


def main():
    print("# A tour of n-d arrays for NumPy users")
    creating_arrays()
    shapes()
    arithmetic()
    indexing()
    views_and_copies()
    math_section()
    softmax_and_layer_norm()
    searching_sorting_logic()
    image_array_operations()
    statistics()
    in_place_updates()
    linear_algebra()
    random_sampling()


if __name__ == "__main__":
    main()
