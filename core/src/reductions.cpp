// Reductions, computed in the order NumPy computes them.
//
// NumPy reduces with its iterator: the output has stride 0 along reduced axes, the axes
// are ordered by the input's strides (never flipped), and the inner loop sees at most
// NPY_BUFSIZE = 8192 elements at a time. When the innermost axes are reduced, each such
// chunk is summed pairwise and added to the output; otherwise each output element just
// accumulates its inputs one after the other. Reproducing this gives NumPy's bits; the
// chunks are independent, so they are what we spread across threads.
//
// The order depends on the input's memory layout only: NumPy allocates the result in
// the input's memory order and casts (int to float64 for a mean) inside its iterator.
// So do we: the result follows the input's layout (result_like), and a cast copy keeps
// the input's axis order (cast_in_place_order). A C-order result or copy would reorder
// the plan's axes and change the bits of sums over transposed inputs.
#include "ndgrad/core/reductions.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <type_traits>
#include <vector>

#include "cast.h"
#include "iteration.h"
#include "ndgrad/core/creation.h"
#include "ndgrad/core/errors.h"
#include "ndgrad/core/shape_ops.h"
#include "ndgrad/core/ufuncs.h"

namespace nd {

namespace {

constexpr std::int64_t kChunk = 8192;  // NumPy's NPY_BUFSIZE

template <class T>
T wrapping_add(T a, T b) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
    return T(std::make_unsigned_t<T>(a) + std::make_unsigned_t<T>(b));
  else
    return T(a + b);
}
template <class T>
T wrapping_mul(T a, T b) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
    return T(std::make_unsigned_t<T>(a) * std::make_unsigned_t<T>(b));
  else
    return T(a * b);
}

// NumPy's pairwise_sum (loops_utils.h), for floats: eight accumulators up to 128
// elements, halves (rounded to multiples of 8) above. (Written with a plain `+`: GCC
// compiles the wrapping_add form of this recursion into markedly slower code.)
template <class T>
T pairwise_sum(const T* a, std::int64_t n) {
  if (n < 8) {
    T res = T(0);
    for (std::int64_t i = 0; i < n; ++i) res = res + a[i];
    return res;
  }
  if (n <= 128) {
    T r[8];
    for (int j = 0; j < 8; ++j) r[j] = a[j];
    std::int64_t i = 8;
    for (; i < n - (n % 8); i += 8)
      for (int j = 0; j < 8; ++j) r[j] = r[j] + a[i + j];
    T res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res = res + a[i];
    return res;
  }
  std::int64_t n2 = n / 2;
  n2 -= n2 % 8;
  return pairwise_sum(a, n2) + pairwise_sum(a + n2, n - n2);
}

// Integer sums wrap modulo 2**bits, in any order alike: one flat loop the compiler
// vectorises.
template <class T>
T wrapping_sum(const T* a, std::int64_t n) {
  T res = T(0);
  for (std::int64_t i = 0; i < n; ++i) res = wrapping_add(res, a[i]);
  return res;
}

// --- the reducers: how one output element absorbs its inputs --------------------------------

template <class T>
struct SumReducer {
  static constexpr bool kChunked = true;  // chunk results combine in NumPy's own way
  static T identity() { return T(0); }
  static T chunk(const T* p, std::int64_t n) {
    if constexpr (std::is_floating_point_v<T>)
      return pairwise_sum(p, n);
    else
      return wrapping_sum(p, n);
  }
  static T combine(T acc, T v) { return wrapping_add(acc, v); }
};
template <class T>
struct ProdReducer {
  static constexpr bool kChunked = false;  // NumPy multiplies strictly in sequence
  static T identity() { return T(1); }
  static T chunk(const T* p, std::int64_t n) {
    T acc = T(1);
    for (std::int64_t i = 0; i < n; ++i) acc = wrapping_mul(acc, p[i]);
    return acc;
  }
  static T combine(T acc, T v) { return wrapping_mul(acc, v); }
};
template <class T>
bool is_nan(T v) {
  if constexpr (std::is_floating_point_v<T>)
    return std::isnan(v);
  else
    return false;
}

// Folds n >= 1 values into one with R::combine. Short runs are folded in order. Long
// ones use kLanes independent running results, combined at the end: a single running
// result cannot be vectorised (every step waits for the one before), this can. Only for
// reducers whose result does not depend on the grouping (maximum, minimum: NaN still
// wins; of two equal zeros either may be kept, as with NumPy's own SIMD loops).
template <class R, class T>
T fold_in_lanes(const T* p, std::int64_t n) {
  constexpr std::int64_t kLanes =
      64;  // GCC unrolls narrower lane loops and then does not vectorise
  T result = p[0];
  if (n < 2 * kLanes) {
    for (std::int64_t i = 1; i < n; ++i) result = R::combine(result, p[i]);
    return result;
  }
  T lanes[kLanes];
  std::copy(p, p + kLanes, lanes);
  std::int64_t i = kLanes;
  for (; i + kLanes <= n; i += kLanes)
    for (std::int64_t j = 0; j < kLanes; ++j) lanes[j] = R::combine(lanes[j], p[i + j]);
  result = lanes[0];
  for (std::int64_t j = 1; j < kLanes; ++j) result = R::combine(result, lanes[j]);
  for (; i < n; ++i) result = R::combine(result, p[i]);
  return result;
}

template <class T>
struct MaxReducer {
  static constexpr bool kChunked = true;  // the maximum does not depend on grouping
  static T identity() {
    if constexpr (std::is_floating_point_v<T>)
      return -std::numeric_limits<T>::infinity();
    else
      return std::numeric_limits<T>::lowest();
  }
  // NumPy's maximum: NaN propagates, and of two equal values (0.0 and -0.0) the later wins.
  static T combine(T acc, T v) { return (acc > v || is_nan(acc)) ? acc : v; }
  static T chunk(const T* p, std::int64_t n) { return fold_in_lanes<MaxReducer>(p, n); }
};
template <class T>
struct MinReducer {
  static constexpr bool kChunked = true;
  static T identity() {
    if constexpr (std::is_floating_point_v<T>)
      return std::numeric_limits<T>::infinity();
    else
      return std::numeric_limits<T>::max();
  }
  static T combine(T acc, T v) { return (acc < v || is_nan(acc)) ? acc : v; }
  static T chunk(const T* p, std::int64_t n) { return fold_in_lanes<MinReducer>(p, n); }
};
template <class T>
struct AllReducer {
  static constexpr bool kChunked = true;
  static T identity() { return T(1); }
  static T combine(T acc, T v) { return T(acc && v); }
  static T chunk(const T* p, std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i)
      if (!p[i]) return T(0);
    return T(1);
  }
};
template <class T>
struct AnyReducer {
  static constexpr bool kChunked = true;
  static T identity() { return T(0); }
  static T combine(T acc, T v) { return T(acc || v); }
  static T chunk(const T* p, std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i)
      if (p[i]) return T(1);
    return T(0);
  }
};

// --- the engine ---------------------------------------------------------------------------

// Scratch memory of n elements (std::vector<bool> has no contiguous storage).
template <class T>
struct Buffer : std::unique_ptr<T[]> {
  explicit Buffer(std::int64_t n) : std::unique_ptr<T[]>(new T[std::max<std::int64_t>(n, 1)]) {}
};

// Copies elements [start, start + n) (C order) of a strided block into `buffer`.
template <class T>
void gather_block(const std::byte* base, const Shape& shape, const Shape& strides,
                  std::int64_t start, std::int64_t n, T* buffer) {
  const std::size_t nd = shape.size();
  Shape coord(nd);
  std::int64_t rest = start, offset = 0;
  for (std::size_t d = nd; d-- > 0;) {
    coord[d] = rest % shape[d];
    rest /= shape[d];
    offset += coord[d] * strides[d];
  }
  for (std::int64_t i = 0; i < n; ++i) {
    buffer[i] = *reinterpret_cast<const T*>(base + offset);
    for (std::size_t d = nd; d-- > 0;) {
      offset += strides[d];
      if (++coord[d] < shape[d]) break;
      offset -= coord[d] * strides[d];
      coord[d] = 0;
    }
  }
}

// Byte offsets (one per operand) of flat position `index` of the leading `dims` plan dims.
std::array<std::int64_t, 2> outer_offsets(const detail::LoopPlan<2>& plan, std::size_t dims,
                                          std::int64_t index) {
  std::array<std::int64_t, 2> off{0, 0};
  for (std::size_t d = dims; d-- > 0;) {
    std::int64_t c = index % plan.shape[d];
    index /= plan.shape[d];
    for (int k = 0; k < 2; ++k) off[k] += c * plan.strides[k][d];
  }
  return off;
}

bool go_parallel(std::int64_t work) {
  return !omp_in_parallel() && omp_get_max_threads() > 1 && work >= detail::kParallelWork;
}

// Innermost axis not reduced: out[j] = combine(out[j], x[j]) row after row. Threads take
// disjoint ranges of that axis, so each output element is still summed in order.
template <class T, class R>
void reduce_elementwise(const detail::LoopPlan<2>& plan) {
  auto run = [](const auto& p, const auto& s, std::int64_t n) {
    T* out = reinterpret_cast<T*>(p[0]);
    const T* in = reinterpret_cast<const T*>(p[1]);
    if (s[0] == sizeof(T) && s[1] == sizeof(T)) {  // both contiguous: a vectorised loop
      for (std::int64_t i = 0; i < n; ++i) out[i] = R::combine(out[i], in[i]);
      return;
    }
    for (std::int64_t i = 0; i < n; ++i) {
      T* o = reinterpret_cast<T*>(p[0] + i * s[0]);
      *o = R::combine(*o, *reinterpret_cast<const T*>(p[1] + i * s[1]));
    }
  };
  const std::int64_t inner = plan.shape.back();
  if (!go_parallel(plan.size) || inner < 2) {
    detail::run_range(plan, 0, plan.size, run);
    return;
  }
#pragma omp parallel
  {
    const std::int64_t t = omp_get_thread_num(), nt = omp_get_num_threads();
    const std::int64_t lo = inner * t / nt, hi = inner * (t + 1) / nt;
    detail::LoopPlan<2> part = plan;
    part.shape.back() = hi - lo;
    part.size = plan.size / inner * (hi - lo);
    for (int k = 0; k < 2; ++k) part.pointer[k] += lo * plan.strides[k].back();
    auto local = run;
    detail::run_range(part, 0, part.size, local);
  }
}

// Products: NumPy multiplies each output's elements strictly one after the other, so
// every block is folded in sequence (through a gather buffer when it is strided). Outer
// positions are spread across threads only when each one has an output element of its
// own; otherwise several of them feed one output, in order.
template <class T, class R>
void fold_blocks(const detail::LoopPlan<2>& plan, std::size_t outer_dims, const Shape& block_shape,
                 const Shape& block_strides) {
  const std::int64_t block = block_shape.product(), outer = plan.size / block;
  const bool contiguous = block_shape.size() == 1 && block_strides[0] == std::int64_t(sizeof(T));
  auto fold = [&](std::int64_t o, T* buffer) {
    const auto off = outer_offsets(plan, outer_dims, o);
    T* out = reinterpret_cast<T*>(plan.pointer[0] + off[0]);
    const std::byte* in = plan.pointer[1] + off[1];
    T acc = *out;
    for (std::int64_t start = 0; start < block; start += kChunk) {
      const std::int64_t n = std::min(kChunk, block - start);
      const T* values = reinterpret_cast<const T*>(in) + start;
      if (!contiguous) {
        gather_block(in, block_shape, block_strides, start, n, buffer);
        values = buffer;
      }
      for (std::int64_t i = 0; i < n; ++i) acc = R::combine(acc, values[i]);
    }
    *out = acc;
  };
  bool own_outputs = true;
  for (std::size_t d = 0; d < outer_dims; ++d) own_outputs &= plan.strides[0][d] != 0;
  if (own_outputs && outer > 1 && go_parallel(plan.size)) {
#pragma omp parallel
    {
      Buffer<T> buffer(std::min(block, kChunk));
#pragma omp for schedule(static)
      for (std::int64_t o = 0; o < outer; ++o) fold(o, buffer.get());
    }
    return;
  }
  Buffer<T> buffer(std::min(block, kChunk));
  for (std::int64_t o = 0; o < outer; ++o) fold(o, buffer.get());
}

// The innermost `block_dims` axes are reduced: every outer position contributes its
// block, in chunks of 8192, to one output element.
template <class T, class R>
void reduce_blocks(const detail::LoopPlan<2>& plan, std::size_t block_dims) {
  const std::size_t outer_dims = plan.shape.size() - block_dims;
  Shape block_shape, block_strides;
  for (std::size_t d = outer_dims; d < plan.shape.size(); ++d) {
    block_shape.push_back(plan.shape[d]);
    block_strides.push_back(plan.strides[1][d]);
  }
  const std::int64_t block = block_shape.product(), outer = plan.size / block;
  const bool contiguous = block_dims == 1 && block_strides[0] == std::int64_t(sizeof(T));

  if constexpr (!R::kChunked) {
    fold_blocks<T, R>(plan, outer_dims, block_shape, block_strides);
    return;
  }
  // Phase 1: every (outer position, chunk) reduced independently, in parallel.
  const std::int64_t chunks = (block + kChunk - 1) / kChunk;
  Buffer<T> partial(outer * chunks);
  auto reduce_chunk = [&](std::int64_t job, T* buffer) {
    const std::int64_t o = job / chunks, start = (job % chunks) * kChunk;
    const std::int64_t n = std::min(kChunk, block - start);
    const std::byte* in = plan.pointer[1] + outer_offsets(plan, outer_dims, o)[1];
    if (contiguous) {
      partial[job] = R::chunk(reinterpret_cast<const T*>(in) + start, n);
    } else {
      gather_block(in, block_shape, block_strides, start, n, buffer);
      partial[job] = R::chunk(buffer, n);
    }
  };
  const std::int64_t jobs = outer * chunks;
  if (go_parallel(plan.size) && jobs > 1) {
#pragma omp parallel
    {
      Buffer<T> buffer(std::min(block, kChunk));
#pragma omp for schedule(static)
      for (std::int64_t job = 0; job < jobs; ++job) reduce_chunk(job, buffer.get());
    }
  } else {
    Buffer<T> buffer(std::min(block, kChunk));
    for (std::int64_t job = 0; job < jobs; ++job) reduce_chunk(job, buffer.get());
  }
  // Phase 2: each output absorbs its chunks in NumPy's order.
  for (std::int64_t o = 0; o < outer; ++o) {
    T* out = reinterpret_cast<T*>(plan.pointer[0] + outer_offsets(plan, outer_dims, o)[0]);
    for (std::int64_t c = 0; c < chunks; ++c) *out = R::combine(*out, partial[o * chunks + c]);
  }
}

// Reduces x (already of the accumulator dtype) into `out`, a view of x's shape with
// stride 0 along the reduced axes.
template <class T, class R>
void reduce_into(const Array& out, const Array& x) {
  auto plan = detail::make_plan<2>(x.shape(), {out.bytes(), x.bytes()},
                                   {out.strides(), x.strides()}, /*may_flip=*/false);
  if (plan.size == 0) return;
  std::size_t block_dims = 0;
  while (block_dims < plan.shape.size() && plan.strides[0][plan.shape.size() - 1 - block_dims] == 0)
    ++block_dims;
  if (plan.shape.empty()) {  // a single element
    T* o = reinterpret_cast<T*>(plan.pointer[0]);
    *o = R::combine(*o, *reinterpret_cast<const T*>(plan.pointer[1]));
  } else if (block_dims == 0) {
    reduce_elementwise<T, R>(plan);
  } else {
    reduce_blocks<T, R>(plan, block_dims);
  }
}

Shape kept_shape(const Shape& shape, const Shape& axes) {
  Shape keep = shape;
  for (std::int64_t ax : axes) keep[ax] = 1;
  return keep;
}

Shape dropped_shape(const Shape& shape, const Shape& axes) {
  Shape out;
  for (std::size_t d = 0; d < shape.size(); ++d)
    if (std::find(axes.begin(), axes.end(), std::int64_t(d)) == axes.end()) out.push_back(shape[d]);
  return out;
}

std::int64_t reduced_count(const Array& a, const Shape& axes) {
  std::int64_t n = 1;
  for (std::int64_t ax : axes) n *= a.shape()[ax];
  return n;
}

// `a` converted to `dtype` in `a`'s own memory order. NumPy casts inside the reduction's
// iterator, which walks the input in its memory order; a C-order copy would change the
// order of summation. A broadcast axis keeps its zero stride (NumPy does not expand it).
Array cast_in_place_order(const Array& a, DType dtype) {
  if (a.dtype() == dtype) return a;
  Shape compact = a.shape();
  // An empty array has zero strides too (NumPy 1.24's), but nothing to compact.
  for (std::size_t d = 0; d < compact.size(); ++d)
    if (a.strides()[d] == 0 && compact[d] > 0) compact[d] = 1;
  Array values = a.as_strided(compact, a.strides(), a.offset()).astype(dtype);
  return values.as_strided(a.shape(), detail::broadcast_strides(values, a.shape()),
                           values.offset());
}

// The result array (reduced axes kept as length 1), laid out in the input's memory order
// as NumPy's iterator allocates it. This makes a later reduction of the result walk it
// in NumPy's order too, and keeps the plan's axis order the input's.
Array result_like(const Array& x, const Shape& kept, DType dtype) {
  const Array like = x.as_strided(kept, x.strides(), x.offset());
  return detail::empty_like_layout(kept, dtype, &like);
}

// One reduction: cast to the accumulator dtype, start every output at the reducer's
// identity, run the engine, drop the reduced axes unless keepdims.
template <template <class> class R>
Array reduce(const Array& a, const Shape& axes, bool keepdims, DType acc) {
  const Array x = cast_in_place_order(a, acc);
  Array out = result_like(x, kept_shape(a.shape(), axes), acc);
  Shape view_strides = out.size() == 0 ? Shape(a.shape().size(), 0) : out.strides();
  for (std::int64_t ax : axes) view_strides[ax] = 0;
  dispatch(acc, [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* p = out.data<T>();  // the result is dense from its first element on
    std::fill(p, p + out.size(), R<T>::identity());
    reduce_into<T, R<T>>(out.as_strided(a.shape(), view_strides, out.offset()), x);
  });
  return keepdims ? out : squeeze(out, Axes(axes));
}

// The reduced axes. Like NumPy's ufunc.reduce (sum, prod, max, ...), a 0-d array also
// accepts a single axis 0 or -1, for backward compatibility; mean and var do not.
Shape reduction_axes(const Axes& axis, const Array& a) {
  if (a.ndim() == 0 && !axis.is_all() && axis.list().size() == 1 &&
      (axis.list()[0] == 0 || axis.list()[0] == -1))
    return {};
  return axis.normalize(a.ndim());
}

DType sum_dtype(DType d) {
  return is_floating(d) ? d : int64;
}
DType mean_dtype(DType d) {
  return is_floating(d) ? d : float64;
}

void check_nonempty(const Array& a, const Shape& axes, const char* op) {
  if (reduced_count(a, axes) == 0 && dropped_shape(a.shape(), axes).product() != 0)
    throw ValueError(std::string("zero-size array to reduction operation ") + op +
                     " which has no identity");
}

}  // namespace

Array sum(const Array& a, const Axes& axis, bool keepdims, std::optional<DType> dtype) {
  return reduce<SumReducer>(a, reduction_axes(axis, a), keepdims,
                            dtype.value_or(sum_dtype(a.dtype())));
}

Array prod(const Array& a, const Axes& axis, bool keepdims, std::optional<DType> dtype) {
  return reduce<ProdReducer>(a, reduction_axes(axis, a), keepdims,
                             dtype.value_or(sum_dtype(a.dtype())));
}

Array mean(const Array& a, const Axes& axis, bool keepdims, std::optional<DType> dtype) {
  Shape axes = axis.normalize(a.ndim());
  DType acc = dtype.value_or(mean_dtype(a.dtype()));
  Array total = reduce<SumReducer>(a, axes, keepdims, acc);
  return divide(total, reduced_count(a, axes), total);
}

// NumPy's _var: the mean with keepdims, squared deviations, their sum over count - ddof.
Array var(const Array& a, const Axes& axis, bool keepdims, std::int64_t ddof) {
  Shape axes = axis.normalize(a.ndim());
  const DType acc = mean_dtype(a.dtype());
  const std::int64_t n = reduced_count(a, axes);
  Array mu = reduce<SumReducer>(a, axes, true, acc);
  divide(mu, n, mu);
  Array dev = subtract(cast_in_place_order(a, acc), mu);
  multiply(dev, dev, dev);
  Array total = reduce<SumReducer>(dev, axes, keepdims, acc);
  return divide(total, std::max<std::int64_t>(n - ddof, 0), total);
}

Array std(const Array& a, const Axes& axis, bool keepdims, std::int64_t ddof) {
  Array v = var(a, axis, keepdims, ddof);
  return sqrt(v, v);
}

Array max(const Array& a, const Axes& axis, bool keepdims) {
  Shape axes = reduction_axes(axis, a);
  check_nonempty(a, axes, "maximum");
  return reduce<MaxReducer>(a, axes, keepdims, a.dtype());
}

Array min(const Array& a, const Axes& axis, bool keepdims) {
  Shape axes = reduction_axes(axis, a);
  check_nonempty(a, axes, "minimum");
  return reduce<MinReducer>(a, axes, keepdims, a.dtype());
}

Array amax(const Array& a, const Axes& axis, bool keepdims) {
  return max(a, axis, keepdims);
}
Array amin(const Array& a, const Axes& axis, bool keepdims) {
  return min(a, axis, keepdims);
}

Array ptp(const Array& a, const Axes& axis, bool keepdims) {
  Array high = max(a, axis, keepdims);  // first, for NumPy's error message on empty input
  return subtract(high, min(a, axis, keepdims));
}

Array all(const Array& a, const Axes& axis, bool keepdims) {
  return reduce<AllReducer>(a, reduction_axes(axis, a), keepdims, bool_);
}

Array any(const Array& a, const Axes& axis, bool keepdims) {
  return reduce<AnyReducer>(a, reduction_axes(axis, a), keepdims, bool_);
}

Array count_nonzero(const Array& a, const Axes& axis, bool keepdims) {
  return reduce<SumReducer>(cast_in_place_order(a, bool_), reduction_axes(axis, a), keepdims,
                            int64);
}

Array average(const Array& a, const Axes& axis, const std::optional<Array>& weights,
              bool keepdims) {
  if (!weights) return mean(a, axis, keepdims);
  Array w = *weights;
  if (!(w.shape() == a.shape())) {
    // NumPy accepts 1-D weights along a single axis.
    if (axis.is_all() || axis.list().size() != 1)
      throw TypeError("Axis must be specified when shapes of a and weights differ.");
    if (w.ndim() != 1) throw TypeError("1D weights expected when shapes of a and weights differ.");
    std::int64_t ax = normalize_axis(axis.list()[0], a.ndim());
    if (w.shape()[0] != a.shape()[ax])
      throw ValueError("Length of weights not compatible with specified axis.");
    Shape shape(a.ndim(), 1);
    shape[ax] = w.shape()[0];
    w = w.reshape(shape);
  }
  // As NumPy: the weights are summed as they are (not broadcast to a's shape, which
  // would change the order of summation), the products in the result dtype.
  const DType acc = promote_types(mean_dtype(a.dtype()), w.dtype());
  Array scale = sum(w, axis, keepdims, acc);
  if (any(equal(scale, 0)).item<bool>())
    throw ValueError("Weights sum to zero, can't be normalized");  // NumPy: ZeroDivisionError
  Array total = sum(multiply(cast_in_place_order(a, acc), w.astype(acc)), axis, keepdims, acc);
  return divide(total, scale, total);
}

// --- arg reductions and running totals: one lane (1-D line along the axis) at a time ----

namespace {

// The index of the first of n contiguous values that satisfies `pred` (n if none). Each
// block is first tested as a whole, in a loop the compiler vectorises.
template <class T, class Pred>
std::int64_t first_index(const T* v, std::int64_t n, Pred pred) {
  constexpr std::int64_t kBlock = 256;
  for (std::int64_t start = 0; start < n; start += kBlock) {
    const std::int64_t m = std::min(kBlock, n - start);
    int hit = 0;
    for (std::int64_t i = 0; i < m; ++i) hit |= pred(v[start + i]);
    if (!hit) continue;
    for (std::int64_t i = 0; i < m; ++i)
      if (pred(v[start + i])) return start + i;
  }
  return n;
}

// NumPy's argmax / argmin of one lane: the first occurrence of the extreme, or the first
// NaN. A contiguous lane is scanned twice, for the extreme and then for where it first
// occurs, both vectorised; a strided one once, in order.
template <bool kMax, class T>
std::int64_t arg_extreme_lane(const std::byte* p, std::int64_t stride, std::int64_t n) {
  if (stride == sizeof(T)) {
    using R = std::conditional_t<kMax, MaxReducer<T>, MinReducer<T>>;
    const T* v = reinterpret_cast<const T*>(p);
    const T best = fold_in_lanes<R>(v, n);
    if (is_nan(best)) return first_index(v, n, [](T x) { return is_nan(x); });
    return first_index(v, n, [best](T x) { return x == best; });
  }
  std::int64_t best = 0;
  T best_value = *reinterpret_cast<const T*>(p);
  for (std::int64_t i = 1; i < n && !is_nan(best_value); ++i) {
    const T v = *reinterpret_cast<const T*>(p + i * stride);
    if (is_nan(v) || (kMax ? v > best_value : v < best_value)) best = i, best_value = v;
  }
  return best;
}

template <bool kMax>
Array arg_extreme(const Array& a, std::optional<std::int64_t> axis, bool keepdims) {
  const char* what = kMax ? "argmax" : "argmin";
  Array x = axis ? a : a.ravel();
  if (x.ndim() == 0) x = x.reshape({1});  // NumPy treats a 0-d input as 1-D here
  const std::int64_t ax = axis ? normalize_axis(*axis, x.ndim()) : 0;
  if (x.shape()[ax] == 0)
    throw ValueError(std::string("attempt to get ") + what + " of an empty sequence");
  Array lanes = moveaxis(x, ax, -1);
  Shape out_shape(lanes.shape().begin(), lanes.shape().end() - 1);
  Array out = empty(out_shape, int64);
  std::int64_t* result = out.data<std::int64_t>();
  dispatch(a.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    detail::for_each_lane(
        lanes, [&](const std::byte* p, std::int64_t stride, std::int64_t n, std::int64_t lane) {
          result[lane] = arg_extreme_lane<kMax, T>(p, stride, n);
        });
  });
  if (a.ndim() == 0) return out.reshape({});
  if (!keepdims) return out;
  if (!axis) return out.reshape(Shape(a.ndim(), 1));
  return expand_dims(out, ax);
}

template <bool kProduct>
Array running(const Array& a, std::optional<std::int64_t> axis, std::optional<DType> dtype) {
  const DType acc = dtype.value_or(sum_dtype(a.dtype()));
  Array out = (axis ? a : a.ravel()).astype(acc);
  if (out.ndim() == 0) out = out.reshape({1});  // NumPy treats a 0-d input as 1-D here
  if (!out.is_c_contiguous()) out = out.copy();
  const std::int64_t ax = axis ? normalize_axis(*axis, out.ndim()) : 0;
  Array lanes = moveaxis(out, ax, -1);
  dispatch(acc, [&](auto tag) {
    using T = typename decltype(tag)::type;
    detail::for_each_lane(lanes,
                          [](std::byte* p, std::int64_t stride, std::int64_t n, std::int64_t) {
                            for (std::int64_t i = 1; i < n; ++i) {
                              T& cur = *reinterpret_cast<T*>(p + i * stride);
                              const T prev = *reinterpret_cast<const T*>(p + (i - 1) * stride);
                              cur = kProduct ? wrapping_mul(prev, cur) : wrapping_add(prev, cur);
                            }
                          });
  });
  return out;
}

}  // namespace

Array argmax(const Array& a, std::optional<std::int64_t> axis, bool keepdims) {
  return arg_extreme<true>(a, axis, keepdims);
}
Array argmin(const Array& a, std::optional<std::int64_t> axis, bool keepdims) {
  return arg_extreme<false>(a, axis, keepdims);
}
Array cumsum(const Array& a, std::optional<std::int64_t> axis, std::optional<DType> dtype) {
  return running<false>(a, axis, dtype);
}
Array cumprod(const Array& a, std::optional<std::int64_t> axis, std::optional<DType> dtype) {
  return running<true>(a, axis, dtype);
}

}  // namespace nd
