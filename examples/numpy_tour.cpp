// A guided tour of ndgrad for NumPy users: creating arrays, shapes, arithmetic, indexing,
// views versus copies, math and reductions, softmax and layer norm, searching and
// sorting, image arrays, statistics, in-place updates, linear algebra and random
// sampling. Every statement has a twin in examples/numpy_tour.py, and both programs print
// the same text byte for byte (the test numpy_tour_matches_numpy checks it against
// tests/fixtures/tour/numpy_tour.txt).
//
// How NumPy spellings translate:
//   print(a)                  std::cout << a             (NumPy's str)
//   repr(a)                   nd::repr(a)
//   a.shape, a.strides        a.shape(), a.strides()     (printed as Python tuples)
//   a[1:, ::2, None, ...]     a.index({Slice(1), Slice(None, None, 2), None, Ellipsis})
//   a[i] = v                  a.index_put({i}, v)
//   np.zeros((2, 3))          nd::zeros({2, 3})
//   a.sum(1, keepdims=True)   nd::sum(a, 1, true)
//   np.add(a, b, out=c)       nd::add(a, b, c)
//   a[mask] += 1              a.index_put({mask}, a.index({mask}) + 1)
//   np.random.randn(2, 3)     nd::random::randn({2, 3})
#include <ndgrad/core.h>

#include <cmath>
#include <cstdint>
#include <iostream>
#include <optional>
#include <utility>
#include <vector>

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

// np.printoptions(...) as a scope: the options hold until the end of the block.
class ScopedPrintOptions {
 public:
  ScopedPrintOptions(int precision, bool suppress) : saved_(nd::get_printoptions()) {
    nd::PrintOptions options = saved_;
    options.precision = precision;
    options.suppress = suppress;
    nd::set_printoptions(options);
  }
  ~ScopedPrintOptions() { nd::set_printoptions(saved_); }
  ScopedPrintOptions(const ScopedPrintOptions&) = delete;
  ScopedPrintOptions& operator=(const ScopedPrintOptions&) = delete;

 private:
  nd::PrintOptions saved_;
};

void math_section() {
  section("Math");
  // Ufuncs never raise at the edges of their domains: they return inf, -inf or nan
  // (NumPy also warns; ndgrad stays silent).
  nd::Array edges = nd::array({0.0, 1.0, 4.0, -1.0});
  std::cout << "log: " << nd::log(edges) << "\n";
  std::cout << "sqrt: " << nd::sqrt(edges) << "\n";
  std::cout << "exp: " << nd::exp(nd::array({0.0, 1.0, 710.0, -1000.0})) << "\n";
  // log1p and expm1 stay accurate where 1 + x rounds away the digits of a tiny x.
  nd::Array tiny = nd::array({1e-10});
  std::cout << nd::log(1 + tiny) << " " << nd::log1p(tiny) << " " << nd::expm1(tiny) << "\n";

  // Broadcasting a column (3, 1) with a row (4,): both stretch to (3, 4), an outer sum.
  nd::Array col = nd::arange(3).reshape({3, 1});
  nd::Array row = nd::array({10, 20, 30, 40});
  std::cout << col + row << "\n";
  std::cout << (col * row).shape() << "\n";

  // C++ numbers are "weak" (NEP 50, NumPy 2's rule): they take the array's dtype, so
  // uint8 + 50 wraps around at 256 and float32 * 2.0 stays float32. Arrays are strong:
  // uint8 + an int64 array is int64. Integer true division always gives float64.
  nd::Array u8 = nd::array({100, 200, 250}, nd::uint8);
  std::cout << nd::repr(u8 + 50) << "\n";
  std::cout << nd::repr(u8 + nd::array({50, 50, 50})) << "\n";
  nd::Array f32 = nd::array({0.5, 1.25}, nd::float32);
  std::cout << (f32 * 2.0).dtype() << " " << (f32 * nd::array({2.0, 2.0})).dtype() << "\n";
  std::cout << nd::repr(nd::array({1, 2, 3}) / nd::array({2, 2, 2})) << " "
            << nd::repr(nd::floor_divide(nd::array({7, -7}), 2)) << "\n";

  // Reductions collapse the axes they are given; keepdims leaves them as length 1, so
  // the result still broadcasts against the input (here: each row divided by its sum).
  nd::Array a = nd::arange(12).reshape({3, 4});
  std::cout << nd::sum(a) << " " << nd::sum(a, 0) << " " << nd::sum(a, 1) << "\n";
  nd::Array row_sums = nd::sum(a, 1, /*keepdims=*/true);
  std::cout << row_sums.shape() << "\n";
  std::cout << a / row_sums << "\n";
  std::cout << nd::max(a, 0) << " " << nd::min(a, 1) << " " << nd::prod(a + 1, 1) << " "
            << nd::ptp(a, 1) << "\n";

  // mean, var and std; var divides by N (ddof=0) unless told ddof=1 (the sample variance).
  nd::Array data = nd::array({{1.0, 2.0, 3.0, 4.0}, {2.0, 4.0, 6.0, 9.0}});
  std::cout << nd::mean(data) << " " << nd::mean(data, 1) << " " << nd::mean(data, 0) << "\n";
  std::cout << nd::var(data, 1) << " " << nd::std(data, 1) << " "
            << nd::std(data, 1, false, /*ddof=*/1) << "\n";

  // Running sums: over the flattened array, or down each column.
  std::cout << nd::cumsum(a) << "\n";
  std::cout << nd::cumsum(a, 0) << "\n";
  // argmax gives a flat index without an axis; along an axis, ties go to the first.
  std::cout << nd::argmax(a) << " " << nd::argmax(a, 1) << " "
            << nd::argmax(nd::array({{1, 7, 7}, {5, 5, 0}}), 1) << "\n";
}

nd::Array softmax(const nd::Array& x, std::int64_t axis = -1) {
  // Subtracting the row maximum changes nothing mathematically (it cancels in the ratio)
  // but keeps exp() from overflowing: the largest exponent becomes exp(0) = 1.
  nd::Array shifted = x - nd::max(x, axis, /*keepdims=*/true);
  nd::Array e = nd::exp(shifted);
  return e / nd::sum(e, axis, /*keepdims=*/true);
}

nd::Array layer_norm(const nd::Array& x, const nd::Array& gamma, const nd::Array& beta,
                     double eps = 1e-5) {
  // Normalise each row to mean 0 and variance 1 (eps keeps a constant row finite), then
  // scale and shift with the learned per-feature gamma and beta.
  nd::Array mu = nd::mean(x, -1, /*keepdims=*/true);
  nd::Array var = nd::var(x, -1, /*keepdims=*/true);
  return (x - mu) / nd::sqrt(var + eps) * gamma + beta;
}

void softmax_and_layer_norm() {
  section("Softmax and layer norm with nd ops");
  nd::Array logits = nd::array({{1.0, 2.0, 3.0}, {1000.0, 1001.0, 1002.0}, {-5.0, 0.0, 5.0}});
  // The naive formula overflows: exp(1000) is inf, and inf / inf is nan.
  nd::Array naive = nd::exp(logits) / nd::sum(nd::exp(logits), -1, true);
  std::cout << naive << "\n";
  nd::Array probs = softmax(logits);
  std::cout << probs << "\n";
  // Rows 0 and 1 differ by a constant shift, so they get the same probabilities.
  std::cout << "row sums: " << nd::sum(probs, -1) << " argmax: " << nd::argmax(probs, -1) << "\n";
  bool sums_to_one = nd::all(nd::abs(nd::sum(probs, -1) - 1) < 1e-12).item<bool>();
  std::cout << "rows sum to 1: " << py(sums_to_one) << "\n";

  nd::Array x = nd::array({{1.0, 2.0, 3.0, 4.0}, {10.0, 0.0, -10.0, 5.0}, {3.0, 3.0, 3.0, 3.0}});
  nd::Array plain = layer_norm(x, nd::ones({4}), nd::zeros({4}));
  std::cout << plain << "\n";
  // Each normalised row has mean ~0 and variance ~1 (the constant row stays 0).
  std::cout << nd::round(nd::mean(plain, -1), 12) << " " << nd::round(nd::var(plain, -1), 6)
            << "\n";
  nd::Array gamma = nd::array({1.0, 2.0, 0.5, 1.0});
  nd::Array beta = nd::array({0.0, 0.1, 0.0, -0.1});
  std::cout << layer_norm(x, gamma, beta) << "\n";
  // In float32 everything stays float32: eps and the weak scalars do not promote it.
  nd::Array y32 =
      layer_norm(x.astype(nd::float32), gamma.astype(nd::float32), beta.astype(nd::float32), 1e-5);
  std::cout << y32.dtype() << " " << y32.index({0}) << "\n";
}

void searching_sorting_logic() {
  section("Searching, sorting and logic");
  nd::Array a = nd::array({3, 1, 4, 1, 5, 9, 2, 6, 5, 3});
  std::cout << nd::sort(a) << "\n";
  // A stable argsort keeps equal values in their original order: the 1 at index 1
  // comes before the 1 at index 3. Indexing with it sorts a (or any array aligned to a).
  nd::Array order = nd::argsort(a);
  std::cout << order << " " << a.index({order}) << "\n";
  // Descending order: sort the negated values (stable), or reverse an ascending sort.
  std::cout << nd::argsort(-a) << " " << nd::sort(a).index({Slice(None, None, -1)}) << "\n";
  nd::Array m = nd::array({{3, 1, 2}, {9, 7, 8}, {6, 5, 4}});
  std::cout << nd::sort(m, 0) << "\n";
  std::cout << nd::sort(m, 1) << "\n";
  // partition only promises that element k is where sorting would put it, with nothing
  // larger before it and nothing smaller after: cheaper than a full sort for "top k".
  const std::int64_t k = 4;
  nd::Array p = nd::partition(a, k);
  nd::Array kth = p.index({k});
  std::cout << kth << " " << nd::sort(a).index({k}) << " "
            << nd::all(p.index({Slice(None, k)}) <= kth) << " "
            << nd::all(p.index({Slice(k + 1)}) >= kth) << "\n";
  nd::Array top3 = a.index({nd::argpartition(a, -3).index({Slice(-3)})});
  std::cout << "top 3: " << nd::sort(top3) << "\n";

  // searchsorted: where each value would be inserted into a sorted array (binning).
  nd::Array edges = nd::array({0, 10, 20, 30});
  std::cout << nd::searchsorted(edges, nd::array({-5, 0, 5, 10, 35})) << " "
            << nd::searchsorted(edges, nd::array({0, 10, 30}), "right") << "\n";

  // unique: sorted distinct values, how often each occurs, and where each came from.
  nd::UniqueResult counted = nd::unique(a, false, false, /*return_counts=*/true);
  std::cout << counted.values << " " << counted.counts << "\n";
  nd::UniqueResult located = nd::unique(a, /*return_index=*/true, /*return_inverse=*/true);
  std::cout << located.indices << " " << located.inverse << " "
            << py(nd::array_equal(located.values.index({located.inverse}), a)) << "\n";

  // nonzero gives one index array per axis; argwhere gives one row per hit.
  nd::Array g = nd::array({{0, 2, 0}, {3, 0, 4}});
  std::vector<nd::Array> hits = nd::nonzero(g);
  std::cout << hits[0] << " " << hits[1] << " " << g.index({hits[0], hits[1]}) << "\n";
  std::cout << nd::argwhere(g) << "\n";
  std::cout << nd::flatnonzero(g) << "\n";

  // where(cond, x, y) picks elementwise; isin tests membership.
  std::cout << nd::where(a > 3, a, -1) << "\n";
  std::cout << nd::isin(a, nd::array({1, 5, 7})) << " "
            << nd::isin(a, nd::array({1, 5, 7}), false, /*invert=*/true) << "\n";
  std::cout << nd::any(a > 8) << " " << nd::all(a > 0) << " " << nd::any(m > 8, 1) << " "
            << nd::all(m > 2, 0) << "\n";

  // Logical operators on truth values; on bool arrays &, | and ~ mean the same.
  nd::Array x = nd::array({true, true, false, false});
  nd::Array y = nd::array({true, false, true, false});
  std::cout << nd::logical_and(x, y) << " " << nd::logical_or(x, y) << " " << nd::logical_xor(x, y)
            << " " << nd::logical_not(x) << "\n";
  std::cout << (x & y) << " " << (x | y) << " " << ~x << "\n";
  // Combine conditions with & and |, never && and ||, which need a single truth value.
  // (Python needs the parentheses, since & binds tighter than > there; here they read well.)
  nd::Array mask = (a > 2) & (a < 6);
  std::cout << mask << " " << a.index({mask}) << " " << nd::count_nonzero(mask) << "\n";
  nd::Array clipped = a.copy();
  clipped.index_put({~mask}, 0);
  std::cout << clipped << "\n";
}

void image_array_operations() {
  section("Image-array operations");
  // A tiny 3 x 4 RGB image: (height, width, channel) uint8, values up to 245.
  nd::Array img = (nd::arange(36) * 7).astype(nd::uint8).reshape({3, 4, 3});
  std::cout << img.shape() << " " << img.dtype() << " " << img.strides() << "\n";
  nd::Array red = img.index({Ellipsis, 0});
  std::cout << red << "\n";
  // Flips are views with a negative stride: upside down (H), mirrored (W), or both.
  std::cout << nd::flip(img, 0).index({Ellipsis, 0}) << "\n";
  std::cout << nd::flip(img, 1).index({Ellipsis, 0}) << "\n";
  std::cout << nd::flip(img, {0, 1}).index({Ellipsis, 0}) << " " << nd::flip(img, 0).strides()
            << "\n";

  // Pad height and width only: reflect mirrors around the edge pixel (no repeat),
  // constant fills a border (here white).
  nd::Array reflected = nd::pad(img, {{1, 1}, {1, 1}, {0, 0}}, "reflect");
  std::cout << reflected.shape() << "\n";
  std::cout << reflected.index({Ellipsis, 0}) << "\n";
  std::cout << nd::pad(img, {{1, 1}, {2, 2}, {0, 0}}, "constant", 255).index({Ellipsis, 0}) << "\n";
  // roll shifts pixels, wrapping those that fall off one side around to the other.
  std::cout << nd::roll(img, 1, 1).index({Ellipsis, 0}) << "\n";
  std::cout << nd::roll(img, {1, -1}, {0, 1}).index({Ellipsis, 0}) << "\n";

  // Brightening in uint8 wraps: 245 + 40 becomes 29. Widen first, clip, narrow back
  // (int32: ndgrad has no int16).
  std::cout << red + 40 << "\n";
  nd::Array bright = nd::clip(img.astype(nd::int32) + 40, 0, 255).astype(nd::uint8);
  std::cout << bright.index({Ellipsis, 0}) << "\n";
  // Contrast in floating point: scale around mid-grey, clip, then round to integers.
  nd::Array contrast = nd::clip((img.astype(nd::float64) - 128) * 1.5 + 128, 0, 255);
  std::cout << nd::rint(contrast).astype(nd::uint8).index({Ellipsis, 0}) << "\n";

  // tile repeats a pattern; on an image, along the width only.
  std::cout << nd::tile(nd::array({{1, 2}, {3, 4}}), {2, 3}) << "\n";
  std::cout << nd::tile(img, {1, 2, 1}).shape() << "\n";

  // Deep-learning libraries want channels first (C, H, W): moveaxis is a view.
  nd::Array chw = nd::moveaxis(img, -1, 0);
  std::cout << chw.shape() << " " << chw.strides() << " " << py(nd::shares_memory(chw, img)) << " "
            << py(nd::array_equal(chw.index({0}), red)) << "\n";

  // meshgrid builds coordinate grids; with indexing "ij" ys varies down the rows.
  auto [ys, xs] = nd::meshgrid(nd::arange(5), nd::arange(7), "ij");
  std::cout << ys << "\n";
  std::cout << xs << "\n";
  // A radial mask: pixels within 2.5 of the centre (2, 3).
  nd::Array dist = nd::sqrt(nd::square(ys - 2.0) + nd::square(xs - 3.0));
  std::cout << dist.index({2}) << "\n";
  nd::Array disc = dist <= 2.5;
  std::cout << disc.astype(nd::uint8) << "\n";
  // The default "xy" indexing swaps the roles: xs varies along the rows.
  auto [gx, gy] = nd::meshgrid(nd::linspace(-1, 1, 3), nd::linspace(0, 1, 2));
  std::cout << gx << "\n";
  std::cout << gy << "\n";
}

void statistics() {
  section("Statistics");
  nd::Array scores = nd::array({55, 70, 72, 88, 91, 60, 75, 99, 40, 82});
  nd::Array quartiles = nd::array({25, 75, 90});
  // percentile interpolates linearly between the sorted values by default...
  std::cout << nd::percentile(scores, 50) << " " << nd::percentile(scores, quartiles) << "\n";
  std::cout << nd::quantile(scores, 0.9) << " " << nd::quantile(scores, nd::array({0.0, 0.5, 1.0}))
            << "\n";
  // ...other methods pick an existing value ("lower", "nearest") or a midpoint.
  std::cout << nd::percentile(scores, quartiles, None, false, "lower") << " "
            << nd::percentile(scores, quartiles, None, false, "midpoint") << " "
            << nd::quantile(scores, 0.9, None, false, "nearest") << "\n";
  std::cout << nd::median(scores) << " " << nd::median(nd::array({{1, 3, 2}, {4, 6, 50}}), 1)
            << "\n";
  // A median ignores outliers that drag the mean.
  nd::Array skewed = nd::array({1, 2, 3, 4, 1000});
  std::cout << nd::mean(skewed) << " " << nd::median(skewed) << "\n";

  // histogram: counts per equal-width bin between min and max (the last bin is closed).
  nd::HistogramResult five = nd::histogram(scores, 5);
  std::cout << five.hist << " " << five.bin_edges << "\n";
  nd::HistogramResult ranged = nd::histogram(scores, 4, std::pair{0.0, 100.0});
  std::cout << ranged.hist << " " << ranged.bin_edges << "\n";
  nd::HistogramResult explicit_edges = nd::histogram(scores, nd::array({0, 50, 70, 90, 100}));
  std::cout << explicit_edges.hist << " " << explicit_edges.bin_edges << "\n";

  // bincount: how often each small non-negative integer occurs (e.g. class labels).
  nd::Array labels = nd::array({0, 1, 1, 3, 1, 0});
  std::cout << nd::bincount(labels) << " " << nd::bincount(labels, std::nullopt, 6) << "\n";
  std::cout << nd::bincount(labels, nd::array({0.5, 1.0, 1.0, 2.0, 1.0, 0.25})) << "\n";

  // average with weights: sum(a * w) / sum(w).
  nd::Array grades = nd::array({80.0, 90.0, 70.0});
  std::cout << nd::average(grades) << " " << nd::average(grades, None, nd::array({0.2, 0.3, 0.5}))
            << "\n";
  nd::Array table = nd::array({{1.0, 2.0}, {3.0, 4.0}, {5.0, 6.0}});
  std::cout << nd::average(table, 0, nd::array({3.0, 1.0, 0.0})) << "\n";
}

void in_place_updates() {
  section("In-place updates");
  // Augmented assignment on a view writes into the base array's memory.
  nd::Array base = nd::arange(1.0, 13.0).reshape({3, 4});
  nd::Array row = base.index({1});
  row += 100;
  nd::Array corners = base.index({Slice(None, None, 2), Slice(None, None, 3)});
  corners *= -1;
  std::cout << base << "\n";
  // x[1:] += x[:-1] reads its input as it was before the write (overlapping operands
  // are buffered, as in NumPy), so this is not a running sum.
  nd::Array x = nd::arange(6);
  nd::Array tail = x.index({Slice(1)});
  tail += x.index({Slice(None, -1)});
  std::cout << x << " " << nd::cumsum(nd::arange(6)) << "\n";

  // The out argument writes the result into an existing array instead of a new one.
  nd::Array result = nd::empty({3, 4});
  nd::add(base, 0.5, result);
  std::cout << result.index({0}) << "\n";
  nd::multiply(base, 2, base);
  std::cout << base.index({1}) << "\n";
  nd::sqrt(nd::abs(base), result);
  std::cout << result.index({2}) << "\n";

  // Boolean-mask assignment: a scalar, or one value per True element in C order.
  base.index_put({base > 200}, 0);
  base.index_put({base < 0}, nd::array({-1.0, -2.0, -3.0, -4.0}));
  std::cout << base << "\n";
  // clip in place, as used to keep activations or pixels in range.
  nd::clip(base, -2, 20, base);
  std::cout << base << "\n";
  // Python's a[mask] += 10 reads the selection (a copy), adds, and writes the sum back;
  // index() with a mask is that copy, so the write back is an explicit index_put.
  nd::Array bumped = nd::arange(6);
  nd::Array even = bumped % 2 == 0;
  bumped.index_put({even}, bumped.index({even}) + 10);
  std::cout << bumped << "\n";

  // In-place operations keep the array's dtype: a float32 array stays float32 ...
  nd::Array f = nd::linspace(-3, 3, 7).astype(nd::float32);
  f -= nd::mean(f);
  f /= nd::std(f);
  f *= 1.5f;
  std::cout << f.dtype() << " " << f << "\n";
  // ... and an int array refuses a float result rather than silently truncating it.
  nd::Array counts = nd::arange(3);
  try {
    counts *= 1.5;
  } catch (const nd::TypeError& error) {
    std::cout << "TypeError: " << error.what() << "\n";
  }
}

void low_rank_and_pca() {
  // Low-rank approximation: keep the two largest singular values. The Frobenius error
  // equals the root of the sum of the discarded squared singular values.
  nd::Array data = nd::random::randn({6, 4});
  auto [u, s, vh] = nd::linalg::svd(data, /*full_matrices=*/false);
  std::cout << "singular values: " << s << "\n";
  nd::Array rank2 = nd::matmul(u.index({Slice(), Slice(None, 2)}) * s.index({Slice(None, 2)}),
                               vh.index({Slice(None, 2)}));
  std::cout << "rank-2 error: " << nd::round(nd::linalg::norm(data - rank2), 4) << " "
            << nd::round(nd::sqrt(nd::sum(nd::square(s.index({Slice(2)})))), 4) << "\n";
  std::cout << "full reconstruction: " << py(nd::allclose(nd::matmul(u * s, vh), data)) << "\n";

  // PCA: eigenvectors of the covariance matrix, largest variance first.
  nd::Array mixing = nd::array({{3.0, 0.0, 0.0}, {1.0, 1.0, 0.0}, {0.0, 0.5, 0.2}});
  nd::Array points = nd::matmul(nd::random::randn({50, 3}), mixing) + nd::array({5.0, -2.0, 0.0});
  nd::Array cov = nd::cov(points, /*rowvar=*/false);
  auto [ascending, vectors] = nd::linalg::eigh(cov);
  nd::Array order = nd::argsort(ascending).index({Slice(None, None, -1)});
  nd::Array eigenvalues = ascending.index({order});
  nd::Array eigenvectors = vectors.index({Slice(), order});
  std::cout << "eigenvalues: " << eigenvalues << "\n";
  std::cout << "explained variance ratio: " << eigenvalues / nd::sum(eigenvalues) << "\n";
  // An eigenvector's sign is arbitrary: make each one's largest component positive.
  nd::Array largest = nd::argmax(nd::abs(eigenvectors), 0);
  eigenvectors = eigenvectors * nd::sign(eigenvectors.index({largest, nd::arange(3)}));
  std::cout << eigenvectors << "\n";
  nd::Array projected =
      nd::matmul(points - nd::mean(points, 0), eigenvectors.index({Slice(), Slice(None, 2)}));
  std::cout << projected.index({Slice(None, 3)}) << "\n";
}

void solving() {
  // Solving A x = b directly is faster and more accurate than inv(A) @ b.
  nd::Array a = nd::array({{3.0, 1.0}, {1.0, 2.0}});
  nd::Array b = nd::array({9.0, 8.0});
  nd::Array x = nd::linalg::solve(a, b);
  std::cout << "solve: " << x << " " << py(nd::allclose(nd::matmul(a, x), b)) << "\n";
  // Least squares: the line y = m t + c closest to four noisy points.
  nd::Array t = nd::array({0.0, 1.0, 2.0, 3.0});
  nd::Array y = nd::array({-1.0, 0.2, 0.9, 2.1});
  nd::Array design = nd::vstack({t, nd::ones({4})}).T();
  auto [coef, residuals, rank, sv] = nd::linalg::lstsq(design, y);
  std::cout << "lstsq: " << coef << " " << residuals << " " << rank << " " << sv << "\n";
  nd::Array inverse = nd::linalg::inv(a);
  std::cout << inverse << "\n";
  std::cout << nd::matmul(a, inverse) << "\n";
  std::cout << "det: " << nd::round(nd::linalg::det(a), 10) << " "
            << nd::round(nd::linalg::det(inverse), 10) << "\n";
}

void linear_algebra() {
  section("Linear algebra");
  // Seeded data so the tour is reproducible.
  nd::random::seed(0);
  // Attention scores: each query row against each key row, scaled by 1/sqrt(d) so the
  // softmax that follows does not saturate as d grows.
  const std::int64_t d = 4;
  nd::Array queries = nd::random::randn({3, d});
  nd::Array keys = nd::random::randn({5, d});
  nd::Array scores = nd::matmul(queries, keys.T()) / std::sqrt(double(d));
  std::cout << scores.shape() << "\n";
  std::cout << scores << "\n";
  std::cout << nd::argmax(softmax(scores), -1) << "\n";

  // Norms: Euclidean by default, others by ord; matrix norms for 2-D input.
  nd::Array v = nd::array({3.0, -4.0});
  std::cout << nd::linalg::norm(v) << " " << nd::linalg::norm(v, 1) << " "
            << nd::linalg::norm(v, INFINITY) << "\n";
  nd::Array mat = nd::array({{1.0, 2.0}, {3.0, 4.0}});
  std::cout << nd::linalg::norm(mat) << " " << nd::linalg::norm(mat, "fro") << " "
            << nd::linalg::norm(mat, 1) << " " << nd::linalg::norm(mat, INFINITY) << "\n";
  std::cout << nd::round(nd::linalg::norm(mat, 2), 10) << " "
            << nd::round(nd::linalg::norm(mat, "nuc"), 10) << "\n";
  std::cout << nd::linalg::norm(queries, None, 1) << "\n";

  // einsum names each axis: batched attention is "bhqd,bhkd->bhqk" (sum over d).
  nd::Array q4 = nd::random::randn({1, 2, 3, 4});
  nd::Array k4 = nd::random::randn({1, 2, 3, 4});
  nd::Array att = nd::einsum("bhqd,bhkd->bhqk", q4, k4);
  std::cout << att.shape() << " " << py(nd::allclose(att, nd::matmul(q4, nd::swapaxes(k4, -1, -2))))
            << "\n";
  nd::Array ints = nd::arange(9).reshape({3, 3});
  std::cout << nd::einsum("ii->", ints) << " " << nd::trace(ints) << " "
            << nd::einsum("ii->i", ints) << "\n";
  std::cout << nd::einsum("i,j->ij", nd::array({1, 2, 3}), nd::array({10, 20})) << "\n";
  std::cout << nd::einsum("ij->j", ints) << " "
            << nd::einsum("ij,j->i", ints, nd::array({1, 0, -1})) << "\n";

  // LAPACK (NumPy) and Eigen (ndgrad) may differ in the last bits here: print 4 decimals.
  ScopedPrintOptions four_decimals(4, /*suppress=*/true);
  low_rank_and_pca();
  solving();
}

void random_sampling() {
  section("Random sampling");
  // The legacy global generator: the same seed gives the same numbers, call for call.
  nd::random::seed(42);
  std::cout << nd::random::rand(3) << "\n";
  std::cout << nd::random::randn({2, 3}) << "\n";
  std::cout << nd::random::randint(0, 10, 8) << "\n";
  std::cout << nd::random::randint(5, None, {2, 3}) << "\n";
  // choice: with replacement (the default), without (a shuffled prefix), with weights.
  std::cout << nd::random::choice(5, 6) << " " << nd::random::choice(5, 3, false) << "\n";
  std::cout << nd::random::choice(nd::array({10, 20, 30, 40}), 8, true,
                                  nd::array({0.1, 0.2, 0.3, 0.4}))
            << "\n";
  std::cout << nd::random::choice(4, 2, false, nd::array({0.7, 0.1, 0.1, 0.1})) << "\n";
  std::cout << nd::random::permutation(8) << "\n";
  nd::Array deck = nd::arange(10).reshape({5, 2});
  nd::random::shuffle(deck);  // in place, along the first axis only
  std::cout << deck << "\n";
  std::cout << nd::random::normal(10, 2, 3) << "\n";
  std::cout << nd::random::uniform(-1, 1, {2, 2}) << "\n";
  // A RandomState is an independent stream: drawing from it leaves the global one alone.
  nd::random::RandomState rs(7);
  std::cout << rs.randn(3) << " " << rs.randint(0, 100, 4) << " " << rs.rand() << "\n";
  std::cout << nd::random::rand() << "\n";
  // Re-seeding replays the stream from the start.
  nd::random::seed(42);
  std::cout << nd::random::rand(3) << "\n";
}

}  // namespace

int main() {
  std::cout << "# A tour of n-d arrays for NumPy users\n";
  creating_arrays();
  shapes();
  arithmetic();
  indexing();
  views_and_copies();
  math_section();
  softmax_and_layer_norm();
  searching_sorting_logic();
  image_array_operations();
  statistics();
  in_place_updates();
  linear_algebra();
  random_sampling();
  return 0;
}
