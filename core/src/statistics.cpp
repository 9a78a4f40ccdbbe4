// Order statistics and counting, ported step for step from NumPy 1.24:
// percentile/quantile/median from numpy/lib/function_base.py (_ureduce, _quantile,
// _get_indexes, _get_gamma, _lerp and the _QuantileMethods table), histogram from
// numpy/lib/histograms.py and bincount from compiled_base.c.
//
// The reduced axes are moved last and merged, so every result element comes from one
// 1-D lane. Each lane is copied to a per-thread scratch buffer and partially ordered with
// std::nth_element at the positions the quantiles read (NumPy's partition); the values
// are then combined with NumPy's formulas, in NumPy's order of operations.
#include "ndgrad/core/statistics.h"

#include <omp.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <numeric>
#include <string_view>
#include <type_traits>
#include <vector>

#include "cast.h"
#include "iteration.h"
#include "ndgrad/core/creation.h"
#include "ndgrad/core/errors.h"
#include "ndgrad/core/printing.h"
#include "ndgrad/core/reductions.h"
#include "ndgrad/core/shape_ops.h"
#include "ndgrad/core/ufuncs.h"

namespace nd {

namespace {

// =====================================================================================
// Lanes: the reduced axes merged into one last axis (NumPy's _ureduce)
// =====================================================================================

struct Lanes {
  Array values;          // shape kept_shape + (length,)
  Shape kept_shape;      // the result's shape (the axes not reduced)
  Shape keepdims_shape;  // the same with the reduced axes kept as length 1
  std::int64_t length = 0;
};

// NumPy's normalize_axis_tuple, whose text for a repeated axis ("repeated axis") differs
// from the ufunc reductions' ("duplicate value in 'axis'").
Shape normalize_axis_tuple(const Axes& axis, std::int64_t ndim) {
  Shape axes;
  for (std::int64_t ax : axis.list()) axes.push_back(normalize_axis(ax, ndim));
  for (std::size_t i = 0; i < axes.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (axes[i] == axes[j]) throw ValueError("repeated axis");
  return axes;
}

Lanes to_lanes(const Array& a, const Axes& axis) {
  Lanes lanes;
  if (axis.is_all()) {
    lanes.values = a.reshape({a.size()});
    lanes.keepdims_shape = Shape(a.shape().size(), 1);
    lanes.length = a.size();
    return lanes;
  }
  const Shape reduced = normalize_axis_tuple(axis, a.ndim());
  Shape order;  // the kept axes first, then the reduced ones
  lanes.keepdims_shape = a.shape();
  lanes.length = 1;
  for (std::int64_t d = 0; d < a.ndim(); ++d) {
    if (std::find(reduced.begin(), reduced.end(), d) != reduced.end()) {
      lanes.keepdims_shape[d] = 1;
      lanes.length *= a.shape()[d];
    } else {
      order.push_back(d);
      lanes.kept_shape.push_back(a.shape()[d]);
    }
  }
  for (std::int64_t d : reduced) order.push_back(d);
  Shape lane_shape = lanes.kept_shape;
  lane_shape.push_back(lanes.length);
  lanes.values = a.transpose(order).reshape(lane_shape);
  return lanes;
}

Shape concat(const Shape& a, const Shape& b) {
  Shape out = a;
  for (std::int64_t v : b) out.push_back(v);
  return out;
}

// One scratch buffer per thread that for_each_lane may run on, allocated on first use.
// (Inside an enclosing parallel region for_each_lane runs serially: one buffer.) The
// buffers come from Storage::allocate, whose cache and huge pages spare a large lane
// the page faults of fresh memory.
template <class T>
class LaneScratch {
 public:
  explicit LaneScratch(std::int64_t length)
      : bytes_(std::size_t(std::max<std::int64_t>(length, 1)) * sizeof(T)),
        nested_(omp_in_parallel()),
        buffers_(nested_ ? 1 : omp_get_max_threads()) {}
  T* get() {
    std::shared_ptr<Storage>& buffer = buffers_[nested_ ? 0 : omp_get_thread_num()];
    if (!buffer) buffer = Storage::allocate(bytes_);
    return reinterpret_cast<T*>(buffer->data());
  }

 private:
  std::size_t bytes_;
  bool nested_;
  std::vector<std::shared_ptr<Storage>> buffers_;
};

// Copies one strided lane to `out`; returns true when it holds a NaN.
template <class T>
bool gather_lane(const std::byte* p, std::int64_t stride, std::int64_t n, T* out) {
  if (stride == std::int64_t(sizeof(T))) {
    std::memcpy(out, p, std::size_t(n) * sizeof(T));
  } else {
    for (std::int64_t i = 0; i < n; ++i) out[i] = *reinterpret_cast<const T*>(p + i * stride);
  }
  bool has_nan = false;
  if constexpr (std::is_floating_point_v<T>)
    for (std::int64_t i = 0; i < n; ++i) has_nan |= out[i] != out[i];  // a loop that vectorises
  return has_nan;
}

// Puts the k-th smallest value at position k for each k in `ks` (ascending, distinct),
// as NumPy's partition does. After one selection nothing before k is larger than what
// follows, so the next search starts after k; the next position (the upper neighbour of
// an interpolation) is then just the minimum of the rest. Many positions cost less as
// one sort.
template <class T>
void select_positions(T* values, std::int64_t n, const std::vector<std::int64_t>& ks) {
  if (ks.size() > std::size_t(std::bit_width(std::uint64_t(n))) / 2) {
    std::sort(values, values + n);
    return;
  }
  std::int64_t start = 0;
  for (std::int64_t k : ks) {
    if (k == start && k > 0)
      std::iter_swap(values + k, std::min_element(values + k, values + n));
    else
      std::nth_element(values + start, values + k, values + n);
    start = k + 1;
  }
}

// =====================================================================================
// Quantiles
// =====================================================================================

enum class Method {
  InvertedCdf,
  AveragedInvertedCdf,
  ClosestObservation,
  InterpolatedInvertedCdf,
  Hazen,
  Weibull,
  Linear,
  MedianUnbiased,
  NormalUnbiased,
  Lower,
  Higher,
  Midpoint,
  Nearest,
};

// NumPy's _QuantileMethods, in its order (which its error message lists).
constexpr std::array<std::pair<std::string_view, Method>, 13> kMethods{{
    {"inverted_cdf", Method::InvertedCdf},
    {"averaged_inverted_cdf", Method::AveragedInvertedCdf},
    {"closest_observation", Method::ClosestObservation},
    {"interpolated_inverted_cdf", Method::InterpolatedInvertedCdf},
    {"hazen", Method::Hazen},
    {"weibull", Method::Weibull},
    {"linear", Method::Linear},
    {"median_unbiased", Method::MedianUnbiased},
    {"normal_unbiased", Method::NormalUnbiased},
    {"lower", Method::Lower},
    {"higher", Method::Higher},
    {"midpoint", Method::Midpoint},
    {"nearest", Method::Nearest},
}};

// Python's repr of a str: single quotes unless the text holds one and no double quote.
std::string python_repr(const std::string& s) {
  const char quote =
      (s.find('\'') != std::string::npos && s.find('"') == std::string::npos) ? '"' : '\'';
  std::string out(1, quote);
  for (char c : s) {
    if (c == '\\' || c == quote) out += '\\';
    out += c;
  }
  return out + quote;
}

Method parse_method(const std::string& name) {
  std::string names;
  for (const auto& [method_name, method] : kMethods) {
    if (name == method_name) return method;
    names += (names.empty() ? "'" : ", '") + std::string(method_name) + "'";
  }
  throw ValueError(python_repr(name) + " is not a valid method. Use one of: dict_keys([" + names +
                   "])");
}

// Whether NumPy's virtual index comes out as an integer array, so that one element is
// taken and nothing interpolated: always for the methods that pick an element, and for
// four more when q is an integer array, because their formulas then stay in integers.
bool picks_element(Method m, bool integer_q) {
  switch (m) {
    case Method::InvertedCdf:
    case Method::ClosestObservation:
    case Method::Lower:
    case Method::Higher:
    case Method::Nearest:
      return true;
    case Method::Linear:
    case Method::AveragedInvertedCdf:
    case Method::InterpolatedInvertedCdf:
    case Method::Weibull:
      return integer_q;
    default:
      return false;
  }
}

// Hyndman & Fan's continuous estimators: n*q + (alpha + q*(1 - alpha - beta)) - 1.
double hyndman_fan_index(std::int64_t n, double q, double alpha, double beta) {
  return double(n) * q + (alpha + q * (1 - alpha - beta)) - 1;
}

// NumPy's _discret_interpolation_to_boundaries: the index below `index` when `index` is
// whole (and, if `even_only`, even), else the one above; never below 0.
double discrete_boundary(double index, bool even_only) {
  const double previous = std::floor(index);
  const bool take_previous = index - previous == 0 && (!even_only || std::fmod(previous, 2.0) == 0);
  return std::max(0.0, take_previous ? previous : previous + 1);
}

// NumPy's get_virtual_index of each method: where quantile q of n sorted values lies.
double virtual_index(Method m, std::int64_t n, double q) {
  const double scaled = double(n - 1) * q;
  switch (m) {
    case Method::InvertedCdf:  // the first value whose empirical CDF reaches q
      return discrete_boundary(double(n) * q - 1, false);
    case Method::AveragedInvertedCdf:
      return double(n) * q - 1;
    case Method::ClosestObservation:  // the nearest order statistic, ties to the even one
      return discrete_boundary(double(n) * q - 1 - 0.5, true);
    case Method::InterpolatedInvertedCdf:
      return hyndman_fan_index(n, q, 0, 1);
    case Method::Hazen:
      return hyndman_fan_index(n, q, 0.5, 0.5);
    case Method::Weibull:
      return hyndman_fan_index(n, q, 0, 0);
    case Method::Linear:  // NumPy's (n - 1) * q: H&F(1, 1) with fewer roundings
      return scaled;
    case Method::MedianUnbiased:
      return hyndman_fan_index(n, q, 1 / 3.0, 1 / 3.0);
    case Method::NormalUnbiased:
      return hyndman_fan_index(n, q, 3 / 8.0, 3 / 8.0);
    case Method::Lower:
      return std::floor(scaled);
    case Method::Higher:
      return std::ceil(scaled);
    case Method::Midpoint:
      return 0.5 * (std::floor(scaled) + std::ceil(scaled));
    case Method::Nearest:  // np.around: halves to even
      return std::nearbyint(scaled);
  }
  return scaled;
}

// Where one quantile is read in a sorted lane: the values at `below` and `above`, mixed
// with weight `gamma` (for an element-picking method, below == above).
struct Reading {
  std::int64_t below, above;
  double gamma;
};

// NumPy's _get_indexes and _get_gamma for virtual index v. Outside [0, n-1] both
// neighbours are the first or the last value; gamma is measured from the clamped index.
Reading interpolation_reading(Method m, std::int64_t n, double v) {
  double below = std::floor(v), above = below + 1;
  if (v >= double(n - 1)) below = above = -1;  // index -1: the last value
  if (v < 0) below = above = 0;
  double gamma = v - below;
  if (m == Method::AveragedInvertedCdf) gamma = gamma == 0 ? 0.5 : 1.0;
  if (m == Method::Midpoint) gamma = std::fmod(v, 1.0) == 0 ? 0.0 : 0.5;
  auto position = [n](double i) { return i < 0 ? n + std::int64_t(i) : std::int64_t(i); };
  return {position(below), position(above), gamma};
}

struct QuantilePlan {
  std::vector<Reading> readings;        // one per q, positions in [0, n)
  std::vector<std::int64_t> positions;  // the distinct positions read, ascending
};

// `check_bounds`: NumPy's partition validates its kth only when the array is not empty.
QuantilePlan plan_quantiles(const std::vector<double>& qs, std::int64_t n, Method m, bool picks,
                            bool check_bounds) {
  QuantilePlan plan;
  for (double q : qs) {
    const double v = virtual_index(m, n, q);
    if (!picks) {
      plan.readings.push_back(interpolation_reading(m, n, v));
      continue;
    }
    std::int64_t k = std::int64_t(v);
    if (k < 0) k += n;                      // an integer q can give -1 (python's last element)
    if (check_bounds && (k < 0 || k >= n))  // weibull with q = 1 gives n
      throw ValueError("kth(=" + std::to_string(k) + ") out of bounds (" + std::to_string(n) + ")");
    plan.readings.push_back({k, k, 0.0});
  }
  for (const Reading& r : plan.readings) {
    plan.positions.push_back(r.below);
    plan.positions.push_back(r.above);
  }
  std::sort(plan.positions.begin(), plan.positions.end());
  plan.positions.erase(std::unique(plan.positions.begin(), plan.positions.end()),
                       plan.positions.end());
  return plan;
}

// NumPy 1.24 has no check for empty lanes: its np.take (or indexing) of the empty axis
// fails, with a text that depends on what it was taking. `result_size` counts the result
// elements per quantile.
void check_empty_lanes(DType dtype, const std::vector<double>& qs, Method m, bool picks,
                       std::int64_t result_size) {
  const std::string out_of_bounds = " is out of bounds for axis 0 with size 0";
  const std::string empty_take = "cannot do a non-empty take from an empty axes.";
  if (is_floating(dtype)) {  // the NaN check reads the last value first
    if (picks || result_size == 0) throw IndexError("index -1" + out_of_bounds);
    throw IndexError(empty_take);
  }
  if (qs.empty()) return;  // nothing to take: an empty result
  if (result_size > 0) throw IndexError(empty_take);
  const double v = virtual_index(m, 0, qs[0]);
  const std::int64_t first = picks ? std::int64_t(v) : (v < 0 ? 0 : -1);
  throw IndexError("index " + std::to_string(first) + out_of_bounds);
}

template <class T>
T wrapping_subtract(T a, T b) {
  if constexpr (std::is_integral_v<T>)
    return T(std::make_unsigned_t<T>(a) - std::make_unsigned_t<T>(b));
  else
    return a - b;
}

// NumPy's _lerp: a + (b - a) * t, taken from b's side when t >= 0.5 so that t = 1 gives
// b exactly. b - a is computed in the input's dtype (wrapping for integers), the rest in
// float64, as NumPy's promotion does.
template <class T>
double lerp(T a, T b, double t) {
  const double diff = double(wrapping_subtract(b, a));
  return t >= 0.5 ? double(b) - diff * (1 - t) : double(a) + diff * t;
}

// Fills out[j * lanes + lane] with quantile j of each lane: the picked value itself (in
// a's dtype) or the interpolation of two neighbours (float64).
template <class T, bool kPicks>
void quantile_lanes(const Lanes& lanes, const QuantilePlan& plan, const Array& out) {
  using Out = std::conditional_t<kPicks, T, double>;
  Out* results = out.data<Out>();
  const std::int64_t n = lanes.length, count = lanes.values.size() / n;
  LaneScratch<T> scratch(n);
  auto one_lane = [&](const std::byte* p, std::int64_t stride, std::int64_t, std::int64_t lane) {
    T* values = scratch.get();
    const bool has_nan = gather_lane(p, stride, n, values);
    if (!has_nan) select_positions(values, n, plan.positions);
    for (std::size_t j = 0; j < plan.readings.size(); ++j) {
      const Reading& r = plan.readings[j];
      Out& result = results[std::int64_t(j) * count + lane];
      if constexpr (kPicks)
        result = has_nan ? std::numeric_limits<T>::quiet_NaN() : values[r.below];
      else
        result = has_nan ? std::numeric_limits<double>::quiet_NaN()
                         : lerp(values[r.below], values[r.above], r.gamma);
    }
  };
  detail::for_each_lane(lanes.values, one_lane, 16);
}

// The shared body of percentile and quantile, q already scaled to [0, 1].
Array quantile_of(const Array& a, const Array& q, bool integer_q, const Axes& axis, bool keepdims,
                  const std::string& method_name) {
  const Lanes lanes = to_lanes(a, axis);
  if (q.ndim() > 2) throw ValueError("q must be a scalar or 1d");
  const Method method = parse_method(method_name);
  const bool picks = picks_element(method, integer_q);
  const Array q_flat = q.flatten();
  const std::vector<double> qs(q_flat.data<double>(), q_flat.data<double>() + q_flat.size());
  const std::int64_t n = lanes.length, result_size = lanes.kept_shape.product();
  if (n == 0) check_empty_lanes(a.dtype(), qs, method, picks, result_size);
  if (!picks && a.dtype() == bool_)  // NumPy's _lerp subtracts the neighbours
    throw TypeError(
        "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the "
        "`^` operator, or the logical_xor function instead.");

  const Shape out_shape = concat(q.shape(), keepdims ? lanes.keepdims_shape : lanes.kept_shape);
  Array out = empty(out_shape, picks ? a.dtype() : float64);
  if (out.size() == 0) return out;
  const QuantilePlan plan = plan_quantiles(qs, n, method, picks, /*check_bounds=*/true);
  dispatch(a.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if (picks)
      quantile_lanes<T, true>(lanes, plan, out);
    else if constexpr (!std::is_same_v<T, bool>)
      quantile_lanes<T, false>(lanes, plan, out);
  });
  return out;
}

// q as float64, divided by `scale` (NumPy's np.true_divide(q, 100) for percentiles) and
// checked to lie in [0, 1] (a NaN does not).
Array checked_q(const Array& q, double scale, const char* message) {
  Array scaled = q.astype(float64);
  if (scale != 1) scaled = divide(scaled, scale);
  const Array flat = scaled.flatten();
  const double* p = flat.data<double>();
  if (!std::all_of(p, p + flat.size(), [](double v) { return 0.0 <= v && v <= 1.0; }))
    throw ValueError(message);
  return scaled;
}

// Copies the middle value (odd length) or the two middle values (even length) of every
// lane into `middle` (shape kept + (1 or 2,)); NaN where the lane holds a NaN.
template <class T>
void gather_middles(const Lanes& lanes, const Array& middle) {
  const std::int64_t n = lanes.length, m = middle.shape().back();
  const std::vector<std::int64_t> ks =
      m == 1 ? std::vector<std::int64_t>{n / 2} : std::vector<std::int64_t>{n / 2 - 1, n / 2};
  T* out = middle.data<T>();
  LaneScratch<T> scratch(n);
  auto one_lane = [&](const std::byte* p, std::int64_t stride, std::int64_t, std::int64_t lane) {
    T* values = scratch.get();
    const bool has_nan = gather_lane(p, stride, n, values);
    if (!has_nan) select_positions(values, n, ks);
    for (std::int64_t i = 0; i < m; ++i) {
      if constexpr (std::is_floating_point_v<T>)
        out[lane * m + i] = has_nan ? std::numeric_limits<T>::quiet_NaN() : values[ks[i]];
      else
        out[lane * m + i] = values[ks[i]];
    }
  };
  detail::for_each_lane(lanes.values, one_lane, 8);
}

// =====================================================================================
// Histograms
// =====================================================================================

// NumPy's BLOCK: the fast path sums each block's weights separately.
constexpr std::int64_t kHistogramBlock = 65536;

// Python's str() of a float, which NumPy puts in its range messages.
std::string python_float(double v) {
  return array_str(scalar(v));
}

// Values (bool converted to uint8, as NumPy does) and weights, both flat and contiguous.
struct HistogramInput {
  Array values;
  std::optional<Array> weights;
};

HistogramInput ravel_and_check_weights(const Array& a, const std::optional<Array>& weights) {
  if (weights && !(weights->shape() == a.shape()))
    throw ValueError("weights should have the same shape as a.");
  HistogramInput in;
  in.values = ascontiguousarray(ravel(a), a.dtype() == bool_ ? uint8 : a.dtype());
  if (weights) in.weights = ascontiguousarray(ravel(*weights));
  return in;
}

// NumPy's _get_outer_edges: the range, or the data's minimum and maximum; a range of
// zero width is widened by 0.5 on each side.
std::pair<double, double> outer_edges(const Array& values,
                                      const std::optional<std::pair<double, double>>& range) {
  double first = 0, last = 1;
  if (range) {
    std::tie(first, last) = *range;
    if (first > last) throw ValueError("max must be larger than min in range parameter.");
    if (!(std::isfinite(first) && std::isfinite(last)))
      throw ValueError("supplied range of [" + python_float(first) + ", " + python_float(last) +
                       "] is not finite");
  } else if (values.size() > 0) {
    const Array lo = min(values), hi = max(values);
    first = lo.item<double>();
    last = hi.item<double>();
    if (!(std::isfinite(first) && std::isfinite(last)))
      throw ValueError("autodetected range of [" + array_str(lo) + ", " + array_str(hi) +
                       "] is not finite");
  }
  if (first == last) {
    first -= 0.5;
    last += 0.5;
  }
  return {first, last};
}

// NumPy's fast path for equal bins: the bin from arithmetic, then moved by at most one so
// that it agrees with the edges. E is the edges' dtype, in which NumPy computes.
template <class E>
struct UniformBins {
  E first, last, norm;
  const E* edges;
  std::int64_t nbins;

  std::int64_t operator()(E x) const {
    if (!(x >= first && x <= last)) return -1;  // outside the range, or NaN
    const E f = (x - first) * norm;
    std::int64_t i = f < E(nbins) ? std::int64_t(f) : nbins - 1;  // f == nbins: x == last
    if (x < edges[i]) --i;
    if (x >= edges[i + 1] && i != nbins - 1) ++i;
    return std::max<std::int64_t>(i, 0);  // only a NaN edge could give -1
  }
};

// Explicit edges: bin i holds edges[i] <= x < edges[i + 1]; the last bin also holds its
// right edge (NumPy's searchsorted 'left' for every edge but the last, 'right' there).
template <class C>
struct EdgeBins {
  const C* edges;
  std::int64_t nbins;

  std::int64_t operator()(C x) const {
    if (!(x >= edges[0] && x <= edges[nbins])) return -1;
    // The last edge <= x, by a binary search without branches (which mispredict here).
    const C* at = edges;
    for (std::int64_t len = nbins + 1; len > 1;) {
      const std::int64_t half = len / 2;
      at = at[half] <= x ? at + half : at;
      len -= half;
    }
    return std::min<std::int64_t>(at - edges, nbins - 1);
  }
};

// Counts per bin; large inputs are split across threads, each with its own counts.
template <class C, class Binner>
Array count_bins(const C* x, std::int64_t n, const Binner& bin_of, std::int64_t nbins) {
  const int threads =
      (n >= detail::kParallelWork && !omp_in_parallel()) ? omp_get_max_threads() : 1;
  std::vector<std::vector<std::int64_t>> partial(threads, std::vector<std::int64_t>(nbins));
#pragma omp parallel num_threads(threads)
  {
    std::int64_t* counts = partial[omp_get_thread_num()].data();
#pragma omp for schedule(static)
    for (std::int64_t i = 0; i < n; ++i) {
      const std::int64_t b = bin_of(x[i]);
      if (b >= 0) ++counts[b];
    }
  }
  Array hist = zeros({nbins}, int64);
  std::int64_t* h = hist.data<std::int64_t>();
  for (const auto& counts : partial)
    for (std::int64_t b = 0; b < nbins; ++b) h[b] += counts[b];
  return hist;
}

// a + b in W as NumPy's `n += ...` computes it (logical or for bool, wrapping integers).
template <class W>
W add_in(W a, W b) {
  if constexpr (std::is_same_v<W, bool>)
    return a || b;
  else if constexpr (std::is_integral_v<W>)
    return W(std::make_unsigned_t<W>(a) + std::make_unsigned_t<W>(b));
  else
    return a + b;
}

// NumPy's fast path with weights: np.bincount sums each block's weights in float64, the
// sums are cast to the weights' dtype and added to the histogram.
template <class C, class Binner>
Array sum_weights_by_block(const C* x, const Array& weights, const Binner& bin_of,
                           std::int64_t nbins) {
  const Array w = weights.astype(float64);
  const double* wp = w.data<double>();
  const std::int64_t n = w.size();
  Array hist = zeros({nbins}, weights.dtype());
  std::vector<double> block(nbins);
  dispatch(weights.dtype(), [&](auto tag) {
    using W = typename decltype(tag)::type;
    W* h = hist.data<W>();
    for (std::int64_t start = 0; start < n; start += kHistogramBlock) {
      std::fill(block.begin(), block.end(), 0.0);
      for (std::int64_t i = start; i < std::min(n, start + kHistogramBlock); ++i) {
        const std::int64_t b = bin_of(x[i]);
        if (b >= 0) block[b] += wp[i];
      }
      for (std::int64_t b = 0; b < nbins; ++b) h[b] = add_in(h[b], detail::convert<W>(block[b]));
    }
  });
  return hist;
}

// Explicit edges with integer weights: NumPy's running sums and differences are exact in
// integers, so they equal plain (wrapping) sums per bin.
template <class C, class Binner>
Array sum_integer_weights(const C* x, const Array& weights, const Binner& bin_of,
                          std::int64_t nbins) {
  const Array w = weights.astype(int64);
  const std::int64_t* wp = w.data<std::int64_t>();
  std::vector<std::int64_t> sums(nbins);
  for (std::int64_t i = 0; i < w.size(); ++i) {
    const std::int64_t b = bin_of(x[i]);
    if (b >= 0) sums[b] = add_in(sums[b], wp[i]);
  }
  Array hist = empty({nbins}, weights.dtype());
  dispatch(weights.dtype(), [&](auto tag) {
    using W = typename decltype(tag)::type;
    std::transform(sums.begin(), sums.end(), hist.data<W>(),
                   [](std::int64_t s) { return detail::convert<W>(s); });
  });
  return hist;
}

// NumPy's order for searchsorted and sort: NaN after everything.
template <class C>
bool sort_less(C a, C b) {
  if constexpr (std::is_floating_point_v<C>)
    return a < b || (std::isnan(b) && !std::isnan(a));
  else
    return a < b;
}

// NumPy's argsort (kind "quicksort") of v[0..n), written into idx. np.histogram adds up
// weights in the order this sort leaves equal values, and the sort is not stable, so
// NumPy's bits need NumPy's sort: NumPy 1.24's introsort, i.e. a median-of-three
// quicksort that continues with the smaller part and stacks the larger one, insertion
// sort for parts of at most 16 elements, and heapsort for a part whose depth budget
// (2 log2 n) is spent.
template <class C>
void numpy_heap_argsort(const C* v, std::int64_t* idx, std::int64_t n) {
  // Heap positions are 1-based: node k lives in idx[k - 1], its children at 2k, 2k + 1.
  auto sift_down = [&](std::int64_t k, std::int64_t size, std::int64_t item) {
    for (std::int64_t child = 2 * k; child <= size; k = child, child *= 2) {
      if (child < size && sort_less(v[idx[child - 1]], v[idx[child]])) ++child;
      if (!sort_less(v[item], v[idx[child - 1]])) break;
      idx[k - 1] = idx[child - 1];
    }
    idx[k - 1] = item;
  };
  for (std::int64_t k = n / 2; k > 0; --k) sift_down(k, n, idx[k - 1]);
  for (std::int64_t size = n; size > 1; --size) {
    const std::int64_t item = idx[size - 1];
    idx[size - 1] = idx[0];
    sift_down(1, size - 1, item);
  }
}

template <class C>
void numpy_argsort(const C* v, std::int64_t* idx, std::int64_t n) {
  struct Part {
    std::int64_t lo, hi;
    int depth;
  };
  std::vector<Part> pending;
  std::int64_t lo = 0, hi = n - 1;
  int depth = 2 * (int(std::bit_width(std::uint64_t(std::max<std::int64_t>(n, 1)))) - 1);
  auto less_at = [&](std::int64_t i, std::int64_t j) { return sort_less(v[idx[i]], v[idx[j]]); };
  for (;;) {
    if (depth < 0) {
      numpy_heap_argsort(v, idx + lo, hi - lo + 1);
    } else {
      while (hi - lo > 15) {
        const std::int64_t mid = lo + ((hi - lo) >> 1);
        if (less_at(mid, lo)) std::swap(idx[mid], idx[lo]);
        if (less_at(hi, mid)) std::swap(idx[hi], idx[mid]);
        if (less_at(mid, lo)) std::swap(idx[mid], idx[lo]);
        const C pivot = v[idx[mid]];
        std::int64_t i = lo, j = hi - 1;
        std::swap(idx[mid], idx[j]);
        for (;;) {
          do ++i;
          while (sort_less(v[idx[i]], pivot));
          do --j;
          while (sort_less(pivot, v[idx[j]]));
          if (i >= j) break;
          std::swap(idx[i], idx[j]);
        }
        std::swap(idx[i], idx[hi - 1]);
        --depth;
        if (i - lo < hi - i) {
          pending.push_back({i + 1, hi, depth});
          hi = i - 1;
        } else {
          pending.push_back({lo, i - 1, depth});
          lo = i + 1;
        }
      }
      for (std::int64_t k = lo + 1; k <= hi; ++k) {  // insertion sort
        const std::int64_t item = idx[k];
        std::int64_t j = k;
        for (; j > lo && sort_less(v[item], v[idx[j - 1]]); --j) idx[j] = idx[j - 1];
        idx[j] = item;
      }
    }
    if (pending.empty()) break;
    lo = pending.back().lo;
    hi = pending.back().hi;
    depth = pending.back().depth;
    pending.pop_back();
  }
}

// Explicit edges with float weights, as NumPy computes them: per block, the values are
// argsorted, the running sum of their weights (in W) is read at every edge and added to
// the totals, and the histogram is the difference of consecutive totals. Those running
// sums round as NumPy's only when they add the weights in NumPy's order.
template <class C, class W>
Array cumulative_weighted_histogram(const C* x, const W* w, std::int64_t n, const C* edges,
                                    std::int64_t nbins) {
  std::vector<W> at_edge(nbins + 1, W(0));
  std::vector<std::int64_t> order;
  std::vector<C> sorted;
  std::vector<W> running;
  for (std::int64_t start = 0; start < n; start += kHistogramBlock) {
    const std::int64_t len = std::min(kHistogramBlock, n - start);
    order.resize(len);
    std::iota(order.begin(), order.end(), 0);
    numpy_argsort(x + start, order.data(), len);
    sorted.resize(len);
    running.assign(len + 1, W(0));
    for (std::int64_t k = 0; k < len; ++k) {
      sorted[k] = x[start + order[k]];
      running[k + 1] = running[k] + w[start + order[k]];
    }
    for (std::int64_t e = 0; e <= nbins; ++e) {
      auto at = e < nbins ? std::lower_bound(sorted.begin(), sorted.end(), edges[e], sort_less<C>)
                          : std::upper_bound(sorted.begin(), sorted.end(), edges[e], sort_less<C>);
      at_edge[e] += running[at - sorted.begin()];
    }
  }
  Array hist = empty({nbins}, dtype_of<W>);
  W* h = hist.data<W>();
  for (std::int64_t b = 0; b < nbins; ++b) h[b] = at_edge[b + 1] - at_edge[b];
  return hist;
}

// density: hist / bin widths / hist.sum(), NumPy's n/db/n.sum().
Array normalise_density(const Array& hist, const Array& edges) {
  const Array widths =
      subtract(edges.index({Slice(1, None)}), edges.index({Slice(None, -1)})).astype(float64);
  return divide(divide(hist, widths), sum(hist));
}

HistogramResult uniform_histogram(const HistogramInput& in, std::int64_t nbins, double first,
                                  double last) {
  // NumPy's result_type(first, last, a), made float: float32 data keeps float32 edges.
  const DType edge_dtype = in.values.dtype() == float32 ? float32 : float64;
  const Array edges = detail::linspace(first, last, nbins + 1, true, edge_dtype);
  const Array x = in.values.dtype() == edge_dtype ? in.values : in.values.astype(edge_dtype);
  Array hist;
  dispatch(edge_dtype, [&](auto tag) {
    using E = typename decltype(tag)::type;
    if constexpr (std::is_floating_point_v<E>) {
      const UniformBins<E> bins{E(first), E(last), E(double(nbins) / (last - first)),
                                edges.data<E>(), nbins};
      hist = in.weights ? sum_weights_by_block(x.data<E>(), *in.weights, bins, nbins)
                        : count_bins(x.data<E>(), x.size(), bins, nbins);
    }
  });
  return {hist, edges};
}

Array edges_histogram(const HistogramInput& in, const Array& bin_edges) {
  const std::int64_t nbins = std::max<std::int64_t>(bin_edges.size() - 1, 0);
  if (in.weights && in.weights->dtype() == bool_)  // NumPy adds the int64 running sums to bool
    throw TypeError(
        "Cannot cast ufunc 'add' output from dtype('int64') to dtype('bool') with casting rule "
        "'same_kind'");
  // NumPy's searchsorted compares in the common dtype of the values and the edges.
  const DType common = promote_types(in.values.dtype(), bin_edges.dtype());
  const Array x = ascontiguousarray(in.values, common);
  const Array edges = ascontiguousarray(bin_edges, common);
  Array hist;
  dispatch(common, [&](auto tag) {
    using C = typename decltype(tag)::type;
    if constexpr (!std::is_same_v<C, bool>) {  // bool values were made uint8
      const C* xp = x.data<C>();
      const EdgeBins<C> bins{edges.data<C>(), nbins};
      if (nbins == 0)
        hist = zeros({0}, in.weights ? in.weights->dtype() : int64);
      else if (!in.weights)
        hist = count_bins(xp, x.size(), bins, nbins);
      else if (!is_floating(in.weights->dtype()))
        hist = sum_integer_weights(xp, *in.weights, bins, nbins);
      else if (in.weights->dtype() == float32)
        hist = cumulative_weighted_histogram(xp, in.weights->data<float>(), x.size(),
                                             edges.data<C>(), nbins);
      else
        hist = cumulative_weighted_histogram(xp, in.weights->data<double>(), x.size(),
                                             edges.data<C>(), nbins);
    }
  });
  return hist;
}

HistogramResult equal_bins_histogram(const HistogramInput& in, std::int64_t bins,
                                     const std::optional<std::pair<double, double>>& range,
                                     bool density) {
  if (bins < 1) throw ValueError("`bins` must be positive, when an integer");
  const auto [first, last] = outer_edges(in.values, range);
  HistogramResult result = uniform_histogram(in, bins, first, last);
  if (density) result.hist = normalise_density(result.hist, result.bin_edges);
  return result;
}

// np.bincount's depth check (PyArray_ContiguousFromAny with depth 1..1).
void check_one_dimensional(const Array& a) {
  if (a.ndim() == 0) throw ValueError("object of too small depth for desired array");
  if (a.ndim() > 1) throw ValueError("object too deep for desired array");
}

}  // namespace

// =====================================================================================
// Public functions
// =====================================================================================

Array percentile(const Array& a, const ArrayLike& q, const Axes& axis, bool keepdims,
                 const std::string& method) {
  const Array q01 = checked_q(q.array(), 100, "Percentiles must be in the range [0, 100]");
  return quantile_of(a, q01, /*integer_q=*/false, axis, keepdims, method);
}

Array quantile(const Array& a, const ArrayLike& q, const Axes& axis, bool keepdims,
               const std::string& method) {
  const Array q01 = checked_q(q.array(), 1, "Quantiles must be in the range [0, 1]");
  return quantile_of(a, q01, !is_floating(q.array().dtype()), axis, keepdims, method);
}

// NumPy's _median: partition at the middle, then np.mean of the one or two middle values
// (which gives the dtype: float64 for integers, float32 stays float32).
Array median(const Array& a, const Axes& axis, bool keepdims) {
  const Lanes lanes = to_lanes(a, axis);
  const std::int64_t n = lanes.length;
  Shape middle_shape = lanes.kept_shape;
  middle_shape.push_back(n == 0 ? 0 : 2 - n % 2);
  const Array middle = empty(middle_shape, a.dtype());
  if (middle.size() > 0)
    dispatch(a.dtype(),
             [&](auto tag) { gather_middles<typename decltype(tag)::type>(lanes, middle); });
  Array result = mean(middle, -1);  // an empty lane gives 0/0 = NaN, as NumPy's mean
  return keepdims ? result.reshape(lanes.keepdims_shape) : result;
}

HistogramResult histogram(const Array& a, std::int64_t bins,
                          const std::optional<std::pair<double, double>>& range, bool density,
                          const std::optional<Array>& weights) {
  return equal_bins_histogram(ravel_and_check_weights(a, weights), bins, range, density);
}

HistogramResult histogram(const Array& a, const Array& bins,
                          const std::optional<std::pair<double, double>>& range, bool density,
                          const std::optional<Array>& weights) {
  const HistogramInput in = ravel_and_check_weights(a, weights);
  if (bins.ndim() == 0) {  // NumPy's operator.index(bins)
    if (is_floating(bins.dtype()))
      throw TypeError("`bins` must be an integer, a string, or an array");
    return equal_bins_histogram(in, bins.item<std::int64_t>(), range, density);
  }
  if (bins.ndim() > 1) throw ValueError("`bins` must be 1d, when an array");
  if (bins.size() > 1 &&
      any(greater(bins.index({Slice(None, -1)}), bins.index({Slice(1, None)}))).item<bool>())
    throw ValueError("`bins` must increase monotonically, when an array");
  HistogramResult result{edges_histogram(in, bins), bins};
  if (density) result.hist = normalise_density(result.hist, result.bin_edges);
  return result;
}

Array bincount(const Array& x, const std::optional<Array>& weights, std::int64_t minlength) {
  check_one_dimensional(x);
  if (is_floating(x.dtype()))
    throw TypeError(std::string("Cannot cast array data from dtype('") + name(x.dtype()) +
                    "') to dtype('int64') according to the rule 'safe'");
  if (minlength < 0) throw ValueError("'minlength' must not be negative");
  if (x.size() == 0) return zeros({minlength}, int64);  // int64 even with weights, as NumPy

  const Array list = ascontiguousarray(x, int64);
  const std::int64_t* v = list.data<std::int64_t>();
  std::int64_t lo = v[0], hi = v[0];
  for (std::int64_t i = 1; i < list.size(); ++i) {  // two reductions that vectorise
    lo = std::min(lo, v[i]);
    hi = std::max(hi, v[i]);
  }
  if (lo < 0) throw ValueError("'list' argument must have no negative elements");
  const std::int64_t length = std::max(hi + 1, minlength);
  if (!weights) {
    Array counts = zeros({length}, int64);
    std::int64_t* c = counts.data<std::int64_t>();
    for (std::int64_t i = 0; i < list.size(); ++i) ++c[v[i]];
    return counts;
  }
  check_one_dimensional(*weights);
  const Array w = ascontiguousarray(*weights, float64);
  if (w.size() != list.size()) throw ValueError("The weights and list don't have the same length.");
  Array sums = zeros({length}, float64);
  double* s = sums.data<double>();
  const double* wp = w.data<double>();
  for (std::int64_t i = 0; i < list.size(); ++i) s[v[i]] += wp[i];
  return sums;
}

}  // namespace nd
