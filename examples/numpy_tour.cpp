// A guided tour of ndgrad for NumPy users: creating arrays, shapes, arithmetic, indexing,
// and views versus copies. Every statement has a twin in examples/numpy_tour.py, and
// both programs print the same text byte for byte (the test numpy_tour_matches_numpy
// checks it against tests/fixtures/tour/numpy_tour.txt).
//
// How NumPy spellings translate:
//   print(a)                  std::cout << a             (NumPy's str)
//   repr(a)                   nd::repr(a)
//   a.shape, a.strides        a.shape(), a.strides()     (printed as Python tuples)
//   a[1:, ::2, None, ...]     a.index({Slice(1), Slice(None, None, 2), None, Ellipsis})
//   a[i] = v                  a.index_put({i}, v)
//   np.zeros((2, 3))          nd::zeros({2, 3})
#include <ndgrad/core.h>

#include <cmath>
#include <iostream>

using nd::Ellipsis;
using nd::None;
using nd::Slice;

namespace {

// Python prints booleans as True / False.
const char* py(bool b) {
  return b ? "True" : "False";
}

void section(const char* title) {
  std::cout << "\n## " << title << "\n";
}

void creating_arrays() {
  section("Creating arrays");
  // An array is one block of memory plus a description of it: the element type (dtype),
  // the shape, and the strides (bytes to step to reach the next element along each axis).
  nd::Array v = nd::array({1, 2, 3});
  std::cout << nd::repr(v) << "\n";
  std::cout << "dtype: " << v.dtype() << " shape: " << v.shape() << " ndim: " << v.ndim()
            << " size: " << v.size() << " itemsize: " << v.itemsize() << "\n";
  nd::Array m = nd::array({{1.5, 2.0, 3.0}, {4.0, 5.0, 6.0}});
  std::cout << m << "\n";
  std::cout << "dtype: " << m.dtype() << " shape: " << m.shape() << " strides: " << m.strides()
            << "\n";
  nd::Array cube = nd::array({{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}});
  std::cout << cube << "\n";
  std::cout << "ndim: " << cube.ndim() << " shape: " << cube.shape()
            << " strides: " << cube.strides() << "\n";
  nd::Array flags = nd::array({true, false, true});
  std::cout << nd::repr(flags) << " " << flags.dtype() << " " << flags.itemsize() << "\n";
  std::cout << nd::repr(nd::array({1, 2, 3}, nd::float32)) << "\n";

  // Filled arrays: the default dtype is float64, except full(), which takes the value's.
  std::cout << nd::zeros({2, 3}) << "\n";
  std::cout << nd::repr(nd::ones({2, 2}, nd::int32)) << "\n";
  std::cout << nd::repr(nd::full({2, 3}, 7)) << "\n";
  std::cout << nd::repr(nd::full({2, 2}, -INFINITY)) << "\n";

  // eye(N, M, k): ones on the k-th diagonal of an N x M matrix; identity(n) is eye(n).
  std::cout << nd::eye(3, 4, 1) << "\n";
  std::cout << nd::eye(4, None, -1) << "\n";
  std::cout << nd::repr(nd::identity(3, nd::uint8)) << "\n";

  // arange is half-open like range(); its length is ceil((stop - start) / step), so
  // floating-point steps can surprise: (1.3 - 1) / 0.1 is 3.0000000000000004.
  std::cout << nd::arange(5) << "\n";
  std::cout << nd::arange(2, 10, 3) << " " << nd::arange(10, 0, -3) << "\n";
  std::cout << nd::arange(0, 1, 0.1) << "\n";
  std::cout << nd::arange(1, 1.3, 0.1) << " <- 1.3 is included!\n";
  // linspace counts points instead, and includes the stop unless endpoint=False.
  std::cout << nd::linspace(0, 1, 5) << "\n";
  std::cout << nd::linspace(0, 1, 5, /*endpoint=*/false) << "\n";

  // astype always copies. Float to int truncates toward zero, and out-of-range values wrap
  // around modulo 2**bits: -1.7 -> -1 -> 255 and 300.5 -> 300 -> 44 as uint8.
  nd::Array raw = nd::array({-1.7, 2.9, 300.5});
  std::cout << raw.astype(nd::int64) << "\n";
  std::cout << nd::repr(nd::array({-1.7, 300.5}).astype(nd::uint8)) << "\n";
  std::cout << nd::repr(nd::array({0, 3, -2}).astype(nd::bool_)) << "\n";
}

void shapes() {
  section("Shapes");
  // reshape only re-describes the same elements: one dimension may be -1 ("whatever fits").
  nd::Array x = nd::arange(12);
  nd::Array grid = x.reshape({3, 4});
  std::cout << grid << "\n";
  std::cout << x.reshape({2, -1}).shape() << " " << x.reshape({-1, 3}).shape() << " "
            << x.reshape({2, 3, -1}).shape() << "\n";

  // Transposing swaps the strides instead of moving data.
  std::cout << grid.T() << "\n";
  std::cout << "grid strides: " << grid.strides() << " grid.T strides: " << grid.T().strides()
            << "\n";
  nd::Array t = nd::arange(24).reshape({2, 3, 4});
  std::cout << nd::transpose(t, {1, 0, 2}).shape() << " " << nd::transpose(t, {1, 0, 2}).strides()
            << "\n";
  std::cout << nd::swapaxes(t, 0, 2).shape() << "\n";
  std::cout << nd::moveaxis(t, -1, 0).shape() << " " << nd::moveaxis(t, 0, -1).shape() << "\n";

  // New axes of length 1 (expand_dims, or None in an index) and removing them (squeeze).
  nd::Array row = nd::array({1, 2, 3});
  std::cout << nd::expand_dims(row, 0).shape() << " " << nd::expand_dims(row, 1).shape() << " "
            << nd::expand_dims(row, {0, 2}).shape() << "\n";
  std::cout << row.index({Slice(), None}) << "\n";
  std::cout << row.index({None, Slice()}) << "\n";
  nd::Array ones3 = nd::ones({1, 3, 1});
  std::cout << nd::squeeze(ones3).shape() << " " << nd::squeeze(ones3, 0).shape() << " "
            << nd::squeeze(ones3, -1).shape() << "\n";

  // ravel returns a view when it can; flatten always copies.
  std::cout << nd::ravel(grid.T()) << "\n";
  std::cout << grid.flatten() << "\n";

  // broadcast_to repeats an array without copying it: the repeated axis has stride 0.
  nd::Array wide = nd::broadcast_to(row, {3, 3});
  std::cout << wide << "\n";
  std::cout << "strides: " << wide.strides() << " writeable: " << py(wide.flags().writeable)
            << "\n";
}

void arithmetic() {
  section("Arithmetic and broadcasting");
  // Operators work elementwise. Shapes are compared from the right; a dimension of length
  // 1 (or a missing one) is stretched to match the other operand.
  nd::Array a = nd::arange(6).reshape({2, 3});
  std::cout << a * 10 + 1 << "\n";
  std::cout << a / 2 << "\n";
  std::cout << a - nd::array({10, 20, 30}) << "\n";
  std::cout << a + nd::array({{100}, {200}}) << "\n";
  std::cout << (a > 2) << "\n";
  std::cout << nd::maximum(a, 3) << "\n";
  std::cout << nd::minimum(a, nd::array({1, 4, 2})) << "\n";
  // A C++ number adopts the array's dtype (NumPy 2's rule), so uint8 arithmetic wraps
  // around at 256. Convert first when you need the real sum.
  nd::Array pixels = nd::array({200, 250, 10}, nd::uint8);
  std::cout << nd::repr(pixels + 50) << "\n";
  std::cout << nd::repr(pixels.astype(nd::int64) + 50) << "\n";
  std::cout << nd::repr(nd::array({1.5, 2.5}, nd::float32) * 2.0) << "\n";
}

void indexing() {
  section("Indexing and slicing");
  nd::Array x = nd::arange(10) * 10;
  std::cout << x << "\n";
  // An integer removes its axis; a negative one counts from the end.
  std::cout << x.index({3}) << " " << x.index({-1}) << "\n";
  // A slice start:stop:step keeps the axis. Bounds are clamped, never out of range.
  std::cout << x.index({Slice(2, 7)}) << " " << x.index({Slice(None, None, 3)}) << " "
            << x.index({Slice(-3)}) << " " << x.index({Slice(8, 100)}) << "\n";
  std::cout << x.index({Slice(None, None, -1)}) << " " << x.index({Slice(7, 2, -2)}) << "\n";

  nd::Array grid = nd::arange(12).reshape({3, 4});
  std::cout << grid.index({1}) << " " << grid.index({1, -1}) << " " << grid.index({-1, -1}) << "\n";
  std::cout << grid.index({Slice(), 1}) << "\n";
  std::cout << grid.index({Slice(), Slice(1, 2)}) << "\n";
  std::cout << grid.index({Slice(1), Slice(None, None, 2)}) << "\n";
  std::cout << grid.index({Slice(None, None, -1), Slice(None, None, -1)}) << "\n";
  // Ellipsis stands for "all the remaining axes"; None inserts a new one.
  nd::Array t = nd::arange(24).reshape({2, 3, 4});
  std::cout << t.index({Ellipsis, 0}) << "\n";
  std::cout << t.index({0, Ellipsis}).shape() << " " << t.index({Ellipsis, Slice(1, 3)}).shape()
            << " " << t.index({Slice(), None}).shape() << " " << t.index({Ellipsis, None}).shape()
            << "\n";

  // Integer arrays pick elements: the result has the index array's shape.
  std::cout << x.index({nd::array({1, 3, 5})}) << "\n";
  std::cout << x.index({nd::array({{0, 1}, {8, 9}})}) << "\n";
  // One array per axis: they are broadcast together and walked in lockstep.
  std::cout << grid.index({nd::array({0, 2}), nd::array({1, 3})}) << "\n";
  std::cout << grid.index({nd::array({{0}, {2}}), nd::array({1, 3})}) << "\n";

  // A boolean mask of the same shape picks the True positions, as a 1-D result.
  nd::Array mask = x > 40;
  std::cout << mask << "\n";
  std::cout << x.index({mask}) << "\n";
  std::cout << grid.index({grid % 2 == 0}) << "\n";
  std::cout << grid.index({nd::array({true, false, true})}) << "\n";
  std::cout << grid.index({Slice(), nd::array({true, false, true, false})}) << "\n";
  // A mask over the leading axes selects whole sub-arrays: t[:, :, 0] > 5 is 2 x 3, so
  // the result is (number of True, 4).
  std::cout << t.index({t.index({Slice(), Slice(), 0}) > 5}) << "\n";

  // Mixing slices with advanced indices (arrays; an integer counts as one too): the
  // broadcast index dimensions replace the indexed axes where they stand, but when
  // a slice separates the advanced indices, nobody can say where they belong, so they
  // move to the front.
  // So in t[0, :, [0, 1]] the 0 and [0, 1] broadcast to shape (2,), and
  // because the slice stands between them, that 2 comes first: (2, 3), not (3, 2).
  std::cout << t.index({Slice(), nd::array({0, 1}), 0}) << "\n";
  std::cout << "t[:, [0, 1], 0].shape: " << t.index({Slice(), nd::array({0, 1}), 0}).shape()
            << "\n";
  std::cout << t.index({nd::array({0, 1}), Slice(), nd::array({0, 1})}) << "\n";
  std::cout << "t[[0, 1], :, [0, 1]].shape: "
            << t.index({nd::array({0, 1}), Slice(), nd::array({0, 1})}).shape() << "\n";
  std::cout << "t[0, :, [0, 1]].shape: " << t.index({0, Slice(), nd::array({0, 1})}).shape()
            << " (not (3, 2)!)\n";
  std::cout << "t[:, :, [0, 1]].shape: " << t.index({Slice(), Slice(), nd::array({0, 1})}).shape()
            << "\n";

  // Assignment: the value is broadcast to the selection and cast to the array's dtype.
  nd::Array y = nd::zeros({3, 4}, nd::int64);
  y.index_put({1}, 5);
  y.index_put({Slice(), 0}, nd::array({1, 2, 3}));
  y.index_put({0, Slice(1)}, nd::array({7, 8, 9}));
  y.index_put({2, Slice(None, None, 2)}, -1);
  y.index_put({Slice(), Slice(3)}, nd::array({{10}, {20}, {30}}));
  y.index_put({nd::array({0, 2}), nd::array({1, 1})}, 99);
  std::cout << y << "\n";
  y.index_put({y > 8}, 0);
  std::cout << y << "\n";
  y.index_put({1, Slice()}, nd::array({1.9, -1.9, 2.5, 7.99}));
  std::cout << y.index({1}) << "\n";
}

void views_and_copies() {
  section("Views vs copies");
  // Basic indexing (ints, slices, None, ...) and reshape/transpose make views: new
  // shape and strides over the same memory. That makes slicing cheap, whatever the size,
  // and lets you write into part of an array, but a write is seen by every view.
  nd::Array base = nd::arange(8);
  nd::Array part = base.index({Slice(2, 6)});
  part.index_put({0}, 100);
  std::cout << base << "\n";
  std::cout << "shares memory: " << py(nd::shares_memory(base, part))
            << " part owns its data: " << py(part.flags().owndata)
            << " base owns its data: " << py(base.flags().owndata) << "\n";
  nd::Array every_other = base.index({Slice(None, None, 2)});
  every_other *= -1;
  std::cout << base << "\n";
  // A reversed view just walks the memory backwards: its stride is negative.
  nd::Array backwards = base.index({Slice(None, None, -1)});
  std::cout << backwards << " strides: " << backwards.strides()
            << " C-contiguous: " << py(backwards.flags().c_contiguous) << "\n";

  // Advanced indexing cannot be expressed by strides, so it always copies.
  nd::Array picked = base.index({nd::array({2, 3})});
  picked.index_put({0}, -1);
  std::cout << base << " " << picked << "\n";
  std::cout << "shares memory: " << py(nd::shares_memory(base, picked)) << " "
            << py(nd::shares_memory(base, base.index({base > 4}))) << "\n";
  nd::Array copied = base.index({Slice(2, 6)}).copy();
  std::cout << "copy shares memory: " << py(nd::shares_memory(base, copied))
            << " owns its data: " << py(copied.flags().owndata) << "\n";

  // Contiguity: C order means the last index varies fastest in memory.
  nd::Array m = nd::arange(6).reshape({2, 3});
  std::cout << "m: C " << py(m.flags().c_contiguous) << " F " << py(m.flags().f_contiguous)
            << " strides " << m.strides() << "\n";
  nd::Array mt = m.T();
  std::cout << "m.T: C " << py(mt.flags().c_contiguous) << " F " << py(mt.flags().f_contiguous)
            << " strides " << mt.strides() << "\n";
  std::cout << "m.T shares memory with m: " << py(nd::shares_memory(m, mt)) << "\n";
  std::cout << "m[:, ::2] is C-contiguous: "
            << py(m.index({Slice(), Slice(None, None, 2)}).flags().c_contiguous) << "\n";
  // Axes of length 1 never move the pointer, so a single row is both C and F contiguous.
  std::cout << "m[0:1]: C " << py(m.index({Slice(0, 1)}).flags().c_contiguous) << " F "
            << py(m.index({Slice(0, 1)}).flags().f_contiguous) << "\n";

  // ascontiguousarray copies into C order (and does nothing to an array already in it).
  nd::Array c = nd::ascontiguousarray(mt);
  std::cout << c << "\n";
  std::cout << "C " << py(c.flags().c_contiguous) << " strides " << c.strides()
            << " shares memory: " << py(nd::shares_memory(c, mt)) << "\n";
  std::cout << "already contiguous, shares memory: "
            << py(nd::shares_memory(nd::ascontiguousarray(m), m)) << "\n";

  // reshape is a view when the strides can express it, and a copy when they cannot.
  std::cout << "m.reshape(3, 2) shares memory: " << py(nd::shares_memory(m.reshape({3, 2}), m))
            << "\n";
  nd::Array flat_t = mt.reshape({6});
  std::cout << flat_t << " shares memory: " << py(nd::shares_memory(flat_t, m)) << "\n";
  std::cout << "ravel(m) shares memory: " << py(nd::shares_memory(nd::ravel(m), m))
            << " m.flatten() shares memory: " << py(nd::shares_memory(m.flatten(), m)) << "\n";

  // A write through a transposed view lands in the original.
  mt.index_put({2, 0}, -7);
  std::cout << m << "\n";
}

}  // namespace

int main() {
  std::cout << "# A tour of n-d arrays for NumPy users\n";
  creating_arrays();
  shapes();
  arithmetic();
  indexing();
  views_and_copies();
  return 0;
}
