// Rearranging elements, as NumPy's item_selection.c (take, repeat), shape_base.py
// (tile, take_along_axis, put_along_axis), function_base.py (flip, rot90), arraypad.py
// (pad) and twodim_base.py (diag) do it: NumPy's checks, order of checks and words.
//
// Views wherever NumPy returns views. Copies go through detail::assign on views (one
// planned, parallel strided copy per piece); gathers (take, repeat, take_along_axis)
// dispatch on the dtype once and copy whole blocks or lanes.
#include "ndgrad/core/rearranging.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <tuple>

#include "cast.h"
#include "iteration.h"
#include "ndgrad/core/creation.h"
#include "ndgrad/core/errors.h"
#include "ndgrad/core/reductions.h"
#include "ndgrad/core/shape_ops.h"
#include "ndgrad/core/ufuncs.h"

namespace nd {

namespace {

std::string dtype_repr(DType d) {
  return std::string("dtype('") + name(d) + "')";
}

// Python's a % b, which has the sign of b.
std::int64_t python_mod(std::int64_t a, std::int64_t b) {
  const std::int64_t r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}

// The view x[:, ..., :, slice] with `slice` at position `axis` (what x.index() makes of
// it, without parsing an index list: pad and split make many of these).
Array slab(const Array& x, std::int64_t axis, Slice slice) {
  const Slice::Bounds bounds = slice.normalize(x.shape()[axis]);
  Shape shape = x.shape(), strides = x.strides();
  shape[axis] = bounds.length;
  strides[axis] *= bounds.step;
  const std::int64_t start = bounds.length > 0 ? bounds.start * x.strides()[axis] : 0;
  return x.as_strided(shape, strides, x.offset() + start);
}

// Positions hi, hi - 1, ..., lo of `axis`: a view with a negative stride.
Array reversed_slab(const Array& x, std::int64_t axis, std::int64_t lo, std::int64_t hi) {
  return slab(x, axis, Slice(hi, lo > 0 ? std::optional<std::int64_t>(lo - 1) : std::nullopt, -1));
}

std::int64_t product(const Shape& shape, std::size_t begin, std::size_t end) {
  std::int64_t p = 1;
  for (std::size_t d = begin; d < end; ++d) p *= shape[d];
  return p;
}

// Index and count arrays must cast to int64 under NumPy's 'safe' rule (bools and
// integers do, floats do not).
void check_index_dtype(const Array& indices) {
  if (!can_cast(indices.dtype(), int64, Casting::Safe))
    throw TypeError(std::string("Cannot cast ") + (indices.ndim() == 0 ? "scalar" : "array data") +
                    " from " + dtype_repr(indices.dtype()) +
                    " to dtype('int64') according to the rule 'safe'");
}

// The values of an index or count array in C order, as int64 (one pass, the dtype fixed
// once; check_index_dtype has ruled out floats).
std::vector<std::int64_t> index_values(const Array& indices) {
  const Array c = ascontiguousarray(indices);
  return dispatch(c.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* p = c.data<T>();
    return std::vector<std::int64_t>(p, p + c.size());
  });
}

// The same values without a copy when the array already is C-contiguous int64; otherwise
// they are converted into `converted`, which must outlive the returned pointer.
const std::int64_t* index_data(const Array& indices, std::vector<std::int64_t>& converted) {
  if (indices.dtype() == int64 && indices.is_c_contiguous()) return indices.data<std::int64_t>();
  converted = index_values(indices);
  return converted.data();
}

// Copies out blocks [begin, end) of the (row, k) order below; false if a source was out
// of range (that block is skipped). The sizes come by value, so the loop keeps them in
// registers.
template <class T>
bool gather_range(const T* from, T* to, std::int64_t src_blocks, const std::int64_t* source,
                  std::int64_t blocks, std::int64_t block, std::int64_t begin, std::int64_t end) {
  bool in_bounds = true;
  std::int64_t row = begin / blocks, k = begin % blocks;
  for (std::int64_t b = begin; b < end; ++b) {
    const std::int64_t j = source[k] < 0 ? source[k] + src_blocks : source[k];
    if (j >= 0 && j < src_blocks) {
      const T* s = from + (row * src_blocks + j) * block;
      if (block == 1)
        to[b] = *s;
      else
        std::copy_n(s, block, to + b * block);
    } else {
      in_bounds = false;
    }
    if (++k == blocks) {
      k = 0;
      ++row;
    }
  }
  return in_bounds;
}

// NumPy's take loop, shared by repeat: block k of every row of `out` is block source[k]
// of the same row of `src` (a negative source counts from the end). Both arrays are
// C-contiguous with `rows` rows; a row of `src` holds `src_blocks` blocks and a row of
// `out` `blocks` blocks, of `block` elements each. Sources outside the row are skipped
// and make the result false, so that the indices are read only once when they are fine
// (and no exception has to leave the parallel loop).
bool gather_blocks(const Array& src, const Array& out, std::int64_t rows, std::int64_t src_blocks,
                   const std::int64_t* source, std::int64_t blocks, std::int64_t block) {
  const std::int64_t total = rows * blocks;
  if (total == 0) return true;
  const int threads =
      total * block >= detail::kParallelWork && !omp_in_parallel() ? omp_get_max_threads() : 1;
  return dispatch(src.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* from = src.data<T>();
    T* to = out.data<T>();
    bool in_bounds = true;
#pragma omp parallel num_threads(threads) reduction(&& : in_bounds) if (threads > 1)
    {
      const std::int64_t t = omp_get_thread_num(), nt = omp_get_num_threads();
      const std::int64_t chunk = (total + nt - 1) / nt;
      const std::int64_t begin = std::min(total, t * chunk), end = std::min(total, begin + chunk);
      in_bounds = gather_range(from, to, src_blocks, source, blocks, block, begin, end);
    }
    return in_bounds;
  });
}

// The axes of NumPy's normalize_axis_tuple: each one checked, "all" meaning every axis.
Shape axis_tuple(const Axes& axis, std::int64_t ndim, bool allow_duplicates) {
  if (axis.is_all()) return Axes().normalize(ndim);
  Shape out;
  for (std::int64_t a : axis.list()) {
    const std::int64_t d = normalize_axis(a, ndim);
    if (!allow_duplicates && std::find(out.begin(), out.end(), d) != out.end())
      throw ValueError("repeated axis");
    out.push_back(d);
  }
  return out;
}

}  // namespace

// --- repeat and tile --------------------------------------------------------------------------

namespace {

// The repeat count of each of the `length` elements along the axis: one count broadcasts,
// otherwise there is one per element, never negative.
std::vector<std::int64_t> repeat_counts(const std::vector<std::int64_t>& repeats,
                                        std::int64_t length) {
  const auto n = static_cast<std::int64_t>(repeats.size());
  if (n == 1) {
    if (repeats[0] * length < 0) throw ValueError("negative dimensions are not allowed");
    return std::vector<std::int64_t>(static_cast<std::size_t>(length), repeats[0]);
  }
  if (n != length)
    throw ValueError("operands could not be broadcast together with shape (" +
                     std::to_string(length) + ",) (" + std::to_string(n) + ",)");
  for (std::int64_t r : repeats)
    if (r < 0) throw ValueError("repeats may not contain negative values.");
  return repeats;
}

}  // namespace

Array repeat(const Array& a, const Array& repeats, std::optional<std::int64_t> axis) {
  if (repeats.ndim() > 1) throw ValueError("object too deep for desired array");
  check_index_dtype(repeats);
  // Without an axis NumPy repeats the flattened array; a 0-d array counts as 1-D.
  const Array src = ascontiguousarray(axis ? a : a.ravel());
  const std::int64_t along = normalize_axis(axis.value_or(0), src.ndim());
  const std::int64_t length = src.shape()[along];
  const std::vector<std::int64_t> counts = repeat_counts(index_values(repeats), length);

  // Output block k along the axis is input block source[k].
  std::vector<std::int64_t> source;
  for (std::int64_t j = 0; j < length; ++j)
    source.insert(source.end(), static_cast<std::size_t>(counts[j]), j);
  Shape shape = src.shape();
  shape[along] = static_cast<std::int64_t>(source.size());
  Array out = empty(shape, src.dtype());
  gather_blocks(src, out, product(shape, 0, along), length, source.data(), shape[along],
                product(shape, along + 1, shape.size()));
  return out;
}

Array repeat(const Array& a, std::int64_t repeats, std::optional<std::int64_t> axis) {
  return repeat(a, scalar(repeats), axis);
}

Array repeat(const Array& a, const std::vector<std::int64_t>& repeats,
             std::optional<std::int64_t> axis) {
  return repeat(a, array(repeats), axis);
}

Array tile(const Array& a, const Shape& reps) {
  // `a` gains leading length-1 axes up to reps' length, reps leading 1s up to a's rank.
  Shape in_shape = a.shape();
  while (in_shape.size() < reps.size()) in_shape.insert(0, 1);
  const Array c = a.reshape(in_shape);
  Shape all_reps(in_shape.size() - reps.size(), 1);
  for (std::int64_t r : reps) all_reps.push_back(r);

  Shape shape;
  for (std::size_t d = 0; d < in_shape.size(); ++d) {
    shape.push_back(in_shape[d] * all_reps[d]);
    if (shape.back() < 0) throw ValueError("negative dimensions are not allowed");
  }
  // An empty result is a reshape in NumPy (nothing to copy), so its strides are C-order
  // ones rather than the zeros of a new empty array.
  if (shape.product() == 0)
    return Array(Storage::allocate(0), a.dtype(), shape, c_strides(shape, a.itemsize()), 0);
  Array out = empty(shape, a.dtype());
  // Seen as (reps0, size0, reps1, size1, ...), every block (r0, r1, ...) of `out` is a
  // copy of `c`: one broadcasting assign fills them all.
  Shape blocks_shape, blocks_strides, source_strides;
  for (std::size_t d = 0; d < in_shape.size(); ++d) {
    blocks_shape.push_back(all_reps[d]);
    blocks_shape.push_back(in_shape[d]);
    blocks_strides.push_back(out.strides()[d] * in_shape[d]);
    blocks_strides.push_back(out.strides()[d]);
    source_strides.push_back(0);
    source_strides.push_back(c.strides()[d]);
  }
  detail::assign(out.as_strided(blocks_shape, blocks_strides, out.offset()),
                 c.as_strided(blocks_shape, source_strides, c.offset()));
  return out;
}

Array tile(const Array& a, std::int64_t reps) {
  return tile(a, Shape{reps});
}

// --- flips, roll, rot90 ------------------------------------------------------------------------

Array flip(const Array& a, const Axes& axis) {
  std::vector<Index> index(static_cast<std::size_t>(a.ndim()), Slice());
  for (std::int64_t d : axis_tuple(axis, a.ndim(), false)) index[d] = Slice(None, None, -1);
  return a.index(index);
}

Array fliplr(const Array& a) {
  if (a.ndim() < 2) throw ValueError("Input must be >= 2-d.");
  return flip(a, 1);
}

Array flipud(const Array& a) {
  if (a.ndim() < 1) throw ValueError("Input must be >= 1-d.");
  return flip(a, 0);
}

Array roll(const Array& a, const std::vector<std::int64_t>& shift, const Axes& axis) {
  if (axis.is_all()) return roll(a.ravel(), shift, 0).reshape(a.shape());
  const Shape axes = axis_tuple(axis, a.ndim(), true);
  // np.broadcast(shift, axis): equal lengths, or one of them a single value.
  const std::size_t n_shift = shift.size(), n_axes = axes.size();
  if (n_shift != n_axes && n_shift != 1 && n_axes != 1)
    throw ValueError(
        "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between "
        "arg 0 with shape (" +
        std::to_string(n_shift) + ",) and arg 1 with shape (" + std::to_string(n_axes) + ",).");
  const std::size_t n_pairs = n_shift == 1 ? n_axes : n_shift;
  Shape total_shift(static_cast<std::size_t>(a.ndim()), 0);
  for (std::size_t i = 0; i < n_pairs; ++i)
    total_shift[axes[n_axes == 1 ? 0 : i]] += shift[n_shift == 1 ? 0 : i];

  // Along each shifted axis the result is two pieces of the input: a[:-k] goes to
  // result[k:] and a[-k:] to result[:k]. Over several axes, every combination.
  using Piece = std::pair<std::vector<Index>, std::vector<Index>>;  // (source, destination)
  std::vector<Piece> pieces{
      {std::vector<Index>(a.ndim(), Slice()), std::vector<Index>(a.ndim(), Slice())}};
  for (std::int64_t d = 0; d < a.ndim(); ++d) {
    const std::int64_t k = python_mod(total_shift[d], std::max<std::int64_t>(a.shape()[d], 1));
    if (k == 0) continue;
    std::vector<Piece> split;
    for (const Piece& p : pieces) {
      Piece head = p, tail = p;
      head.first[d] = Slice(None, -k);
      head.second[d] = Slice(k, None);
      tail.first[d] = Slice(-k, None);
      tail.second[d] = Slice(None, k);
      split.push_back(head);
      split.push_back(tail);
    }
    pieces.swap(split);
  }
  Array out = detail::empty_like_layout(a.shape(), a.dtype(), &a);
  for (const Piece& p : pieces) detail::assign(out.index(p.second), a.index(p.first));
  return out;
}

Array rot90(const Array& m, std::int64_t k, const std::vector<std::int64_t>& axes) {
  if (axes.size() != 2) throw ValueError("len(axes) must be 2.");
  const std::int64_t ndim = m.ndim(), first = axes[0], second = axes[1];
  if (first == second || std::abs(first - second) == ndim)
    throw ValueError("Axes must be different.");
  if (first >= ndim || first < -ndim || second >= ndim || second < -ndim)
    throw ValueError("Axes=(" + std::to_string(first) + ", " + std::to_string(second) +
                     ") out of range for array of ndim=" + std::to_string(ndim) + ".");
  const std::int64_t turns = python_mod(k, 4);
  if (turns == 0) return m.index({Ellipsis});
  if (turns == 2) return flip(flip(m, first), second);
  Shape perm = Axes().normalize(ndim);
  std::swap(perm[normalize_axis(first, ndim)], perm[normalize_axis(second, ndim)]);
  return turns == 1 ? flip(m, second).transpose(perm) : flip(m.transpose(perm), second);
}

// --- pad ------------------------------------------------------------------------------------

namespace {

enum class PadMode {
  Constant,
  Edge,
  LinearRamp,
  Maximum,
  Minimum,
  Mean,
  Reflect,
  Symmetric,
  Wrap,
  Empty
};

PadMode parse_pad_mode(const std::string& mode) {
  static const std::pair<const char*, PadMode> kModes[] = {{"constant", PadMode::Constant},
                                                           {"edge", PadMode::Edge},
                                                           {"linear_ramp", PadMode::LinearRamp},
                                                           {"maximum", PadMode::Maximum},
                                                           {"minimum", PadMode::Minimum},
                                                           {"mean", PadMode::Mean},
                                                           {"reflect", PadMode::Reflect},
                                                           {"symmetric", PadMode::Symmetric},
                                                           {"wrap", PadMode::Wrap},
                                                           {"empty", PadMode::Empty}};
  for (const auto& [text, value] : kModes)
    if (mode == text) return value;
  throw ValueError("mode '" + mode + "' is not supported");
}

// NumPy's _as_pairs: `x` as an (ndim, 2) array of (before, after) values. One value
// serves every side, two values (before, after) every axis; anything else must broadcast.
Array as_pairs(const Array& x, std::int64_t ndim) {
  if (x.size() == 1) return broadcast_to(x.reshape({1}), {ndim, 2});
  if (x.size() == 2 && !(x.shape() == Shape{2, 1})) return broadcast_to(x.reshape({2}), {ndim, 2});
  return broadcast_to(x, {ndim, 2});
}

using PadPairs = std::vector<std::pair<std::int64_t, std::int64_t>>;

// The region of interest while padding `axis`: everything along the axes up to `axis`,
// only the original area along the later ones (their pads are filled later, corners
// included), as NumPy's _view_roi.
Array region_of_interest(const Array& padded, const PadPairs& widths, const Shape& original,
                         std::int64_t axis) {
  std::vector<Index> index(static_cast<std::size_t>(axis) + 1, Slice());
  for (auto d = static_cast<std::size_t>(axis) + 1; d < widths.size(); ++d)
    index.push_back(Slice(widths[d].first, widths[d].first + original[d]));
  return padded.index(index);
}

// At most this many elements after the padded axis (an image's channels) count as few.
constexpr std::int64_t kFewTrailing = 4;

// detail::assign for a pad area along `axis`. When the source runs backwards (reflect)
// or stands still (edge, statistics) along `axis` but varies over the few elements after
// it, one copy would move a single pixel per inner run; copying each of those trailing
// positions on its own lets the runs go along `axis` instead (ten times fewer for RGB).
void assign_pad(const Array& dst, const Array& src, std::int64_t axis) {
  const Shape& shape = dst.shape();
  const auto first = static_cast<std::size_t>(axis) + 1;  // the first trailing axis
  const std::int64_t trailing = product(shape, first, shape.size());
  bool backwards_or_still = false, varies = false;
  if (src.ndim() == dst.ndim()) {
    backwards_or_still = src.shape()[axis] == 1 || src.strides()[axis] <= 0;
    for (std::size_t d = first; d < shape.size(); ++d)
      varies |= src.shape()[d] > 1 && src.strides()[d] != 0;
  }
  if (!backwards_or_still || !varies || trailing > kFewTrailing || shape[axis] < 2 * trailing)
    return detail::assign(dst, src);
  std::vector<Index> index(shape.size() - first + 1, 0);
  index[0] = Ellipsis;
  for (std::int64_t t = 0; t < trailing; ++t) {
    std::int64_t rest = t;  // t as a position over the trailing axes, C order
    for (std::size_t d = shape.size(); d-- > first; rest /= shape[d])
      index[1 + d - first] = rest % shape[d];
    detail::assign(dst.index(index), src.index(index));
  }
}

// Fills the `before` and `after` pads of `axis` with the two values (arrays that
// broadcast to the pads, e.g. length 1 along the axis).
void set_pad_area(const Array& roi, std::int64_t axis, std::pair<std::int64_t, std::int64_t> width,
                  const Array& before_value, const Array& after_value) {
  const std::int64_t length = roi.shape()[axis];
  assign_pad(slab(roi, axis, Slice(0, width.first)), before_value, axis);
  assign_pad(slab(roi, axis, Slice(length - width.second, length)), after_value, axis);
}

// The first and last valid elements along the axis (length 1 along it).
std::pair<Array, Array> edges(const Array& roi, std::int64_t axis,
                              std::pair<std::int64_t, std::int64_t> width) {
  const std::int64_t last = roi.shape()[axis] - width.second;
  return {slab(roi, axis, Slice(width.first, width.first + 1)),
          slab(roi, axis, Slice(last - 1, last))};
}

// NumPy 2's linspace(end_value, edge, width, endpoint=False) along `axis`, computed in
// float64 (floored for integer results) for every lane of `edge` (length 1 along the axis).
// As NumPy, one zero step anywhere switches every lane to the (i / width) * delta form.
Array linear_ramp(const Array& edge, std::int64_t axis, std::int64_t width, double end_value,
                  DType dtype) {
  Shape shape = edge.shape();
  shape[axis] = width;
  Array ramp = empty(shape, float64);
  if (width == 0) return ramp;
  const Array stop = ascontiguousarray(edge, float64);  // lane j at stop[j]
  const double* e = stop.data<double>();
  bool any_step_zero = false;
  for (std::int64_t i = 0; i < stop.size(); ++i)
    any_step_zero |= (e[i] - end_value) / double(width) == 0.0;
  const bool floor_it = is_integer(dtype);
  detail::for_each_lane(moveaxis(ramp, axis, -1), [&](std::byte* p, std::int64_t stride,
                                                      std::int64_t n, std::int64_t lane) {
    const double delta = e[lane] - end_value, step = delta / double(width);
    for (std::int64_t i = 0; i < n; ++i) {
      double y = any_step_zero ? double(i) / double(width) * delta : double(i) * step;
      y += end_value;
      *reinterpret_cast<double*>(p + i * stride) = floor_it ? std::floor(y) : y;
    }
  });
  return ramp;
}

// The statistic of the valid area along `axis` (length 1 along it), rounded for integer
// results, as NumPy's _get_stats with stat_length=None.
Array statistic(const Array& roi, std::int64_t axis, std::pair<std::int64_t, std::int64_t> width,
                PadMode mode, DType dtype) {
  const Array valid = slab(roi, axis, Slice(width.first, roi.shape()[axis] - width.second));
  Array stat = mode == PadMode::Maximum   ? nd::max(valid, axis, true)
               : mode == PadMode::Minimum ? nd::min(valid, axis, true)
                                          : nd::mean(valid, axis, true);
  if (is_integer(dtype) && is_floating(stat.dtype())) stat = nd::round(stat);
  return stat;
}

// One pass of NumPy's _set_reflect_both: next to the valid area (between the pads), each
// pad receives at most one mirror image of it; later passes mirror what earlier ones
// wrote, exactly as NumPy does for pads wider than the axis. Returns the widths left.
std::pair<std::int64_t, std::int64_t> reflect_once(const Array& roi, std::int64_t axis,
                                                   std::int64_t left, std::int64_t right,
                                                   bool include_edge) {
  const std::int64_t length = roi.shape()[axis];
  const std::int64_t edge = include_edge ? 1 : 0;
  const std::int64_t longest = length - left - right - (1 - edge);  // the edge is not repeated
  if (left > 0) {
    const std::int64_t chunk = std::min(longest, left);
    assign_pad(slab(roi, axis, Slice(left - chunk, left)),
               reversed_slab(roi, axis, left - edge + 1, left - edge + chunk), axis);
    left -= chunk;
  }
  if (right > 0) {
    const std::int64_t chunk = std::min(longest, right);
    const std::int64_t nearest = length - right - 2 + edge;
    assign_pad(slab(roi, axis, Slice(length - right, length - right + chunk)),
               reversed_slab(roi, axis, nearest - chunk + 1, nearest), axis);
    right -= chunk;
  }
  return {left, right};
}

// One pass of NumPy 2's _set_wrap_both: each pad receives the far end of the valid area,
// in whole multiples of the original length (NumPy 1.24 could wrap a partial period for
// pads wider than the axis; NumPy 1.25 fixed that). Returns the widths left.
std::pair<std::int64_t, std::int64_t> wrap_once(const Array& roi, std::int64_t axis,
                                                std::int64_t left, std::int64_t right,
                                                std::int64_t original_length) {
  const std::int64_t length = roi.shape()[axis];
  const std::int64_t period = (length - left - right) / original_length * original_length;
  if (left > 0) {
    const std::int64_t chunk = std::min(period, left);
    detail::assign(slab(roi, axis, Slice(left - chunk, left)),
                   slab(roi, axis, Slice(left + period - chunk, left + period)));
    left -= chunk;
  }
  if (right > 0) {
    const std::int64_t chunk = std::min(period, right);
    const std::int64_t start = length - right - period;
    detail::assign(slab(roi, axis, Slice(length - right, length - right + chunk)),
                   slab(roi, axis, Slice(start, start + chunk)));
    right -= chunk;
  }
  return {left, right};
}

// Fills the pads of `axis` in every mode but "constant" and "empty".
void pad_axis(const Array& roi, std::int64_t axis, std::pair<std::int64_t, std::int64_t> width,
              std::int64_t original_length, PadMode mode, const Array& end_values) {
  auto [left, right] = width;
  switch (mode) {
    case PadMode::LinearRamp: {
      const auto [first, last] = edges(roi, axis, width);
      const Array before =
          linear_ramp(first, axis, left, end_values.index({axis, 0}).item<double>(), roi.dtype());
      const Array after =
          linear_ramp(last, axis, right, end_values.index({axis, 1}).item<double>(), roi.dtype());
      set_pad_area(roi, axis, width, before, flip(after, axis));
      return;
    }
    case PadMode::Maximum:
    case PadMode::Minimum:
    case PadMode::Mean: {
      const Array stat = statistic(roi, axis, width, mode, roi.dtype());
      set_pad_area(roi, axis, width, stat, stat);
      return;
    }
    case PadMode::Reflect:
    case PadMode::Symmetric:
      // NumPy extends a length-1 axis with its edge in both modes.
      if (original_length > 1) {
        while (left > 0 || right > 0)
          std::tie(left, right) = reflect_once(roi, axis, left, right, mode == PadMode::Symmetric);
        return;
      }
      [[fallthrough]];
    case PadMode::Edge: {
      const auto [first, last] = edges(roi, axis, width);
      set_pad_area(roi, axis, width, first, last);
      return;
    }
    case PadMode::Wrap:
      while (left > 0 || right > 0)
        std::tie(left, right) = wrap_once(roi, axis, left, right, original_length);
      return;
    case PadMode::Constant:
    case PadMode::Empty:
      return;
  }
}

// The (uninitialised) padded array, in Fortran order when `a` is Fortran- but not
// C-contiguous, as NumPy's _pad_simple.
Array empty_padded(const Array& a, const PadPairs& widths) {
  Shape shape;
  for (std::size_t d = 0; d < widths.size(); ++d)
    shape.push_back(widths[d].first + a.shape()[d] + widths[d].second);
  Shape reversed = shape;
  std::reverse(reversed.begin(), reversed.end());
  const bool fortran = a.is_f_contiguous() && !a.is_c_contiguous();
  return fortran ? empty(reversed, a.dtype()).transpose() : empty(shape, a.dtype());
}

// NumPy's pad on an allocated `padded`: `a` into the middle, then the pads of one axis
// after the other (each axis also fills the corners that earlier axes left).
void fill_padded(const Array& padded, const Array& a, const PadPairs& widths, PadMode mode,
                 const Array& values) {
  std::vector<Index> original_area;
  for (std::size_t d = 0; d < widths.size(); ++d)
    original_area.push_back(Slice(widths[d].first, widths[d].first + a.shape()[d]));
  detail::assign(padded.index(original_area), a);
  // Only a constant can fill pads next to an empty array (the other modes read values).
  if (mode == PadMode::Empty || (a.size() == 0 && mode != PadMode::Constant)) return;
  for (std::int64_t d = 0; d < a.ndim(); ++d) {
    if (widths[d].first == 0 && widths[d].second == 0) continue;
    const Array roi = region_of_interest(padded, widths, a.shape(), d);
    if (mode == PadMode::Constant)
      set_pad_area(roi, d, widths[d], values.index({d, 0}), values.index({d, 1}));
    else
      pad_axis(roi, d, widths[d], a.shape()[d], mode, values);
  }
}

// Output bytes per block of pad_in_blocks: a block's reads and writes stay in the 1 MB
// L2 cache between copying the middle and filling the pads, and blocks are large enough
// that the ~10 us of setting up a block's copies stays small.
constexpr std::int64_t kPadBlockBytes = 512 * 1024;

// When the first axis is not padded (a batch of images), its slices are independent:
// they are padded a block at a time, so that filling the pads finds the rows just copied
// still in cache, and the blocks are spread over threads. linear_ramp stays whole: NumPy
// chooses its formula from all lanes at once.
void pad_in_blocks(const Array& padded, const Array& a, const PadPairs& widths, PadMode mode,
                   const Array& values) {
  const bool independent = a.ndim() > 1 && a.shape()[0] > 1 && widths[0].first == 0 &&
                           widths[0].second == 0 && mode != PadMode::LinearRamp;
  if (!independent) return fill_padded(padded, a, widths, mode, values);
  const std::int64_t n = a.shape()[0];
  const std::int64_t slice_bytes = std::max<std::int64_t>(padded.nbytes() / n, 1);
  const std::int64_t per_block = std::max<std::int64_t>(kPadBlockBytes / slice_bytes, 1);
  const std::int64_t blocks = (n + per_block - 1) / per_block;
  const bool parallel = blocks > 1 && padded.nbytes() >= detail::kParallelWork &&
                        !omp_in_parallel() && omp_get_max_threads() > 1;
  // Blocks write disjoint parts of `padded`, so handing them out dynamically keeps the
  // result deterministic, and a thread that the (shared) machine delays holds up one
  // block instead of half of them.
#pragma omp parallel for schedule(dynamic) if (parallel)
  for (std::int64_t b = 0; b < blocks; ++b) {
    const Slice rows(b * per_block, std::min(n, (b + 1) * per_block));
    fill_padded(slab(padded, 0, rows), slab(a, 0, rows), widths, mode, values);
  }
}

}  // namespace

PadWidth::PadWidth(const std::vector<std::pair<std::int64_t, std::int64_t>>& pairs)
    : shape_{static_cast<std::int64_t>(pairs.size()), 2} {
  for (const auto& [before, after] : pairs) {
    values_.push_back(before);
    values_.push_back(after);
  }
}

std::vector<std::pair<std::int64_t, std::int64_t>> PadWidth::resolve(std::int64_t ndim) const {
  if (std::any_of(values_.begin(), values_.end(), [](std::int64_t w) { return w < 0; }))
    throw ValueError("index can't contain negative values");
  const Array pairs = ascontiguousarray(as_pairs(array(values_, shape_), ndim));
  const std::int64_t* p = pairs.data<std::int64_t>();
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (std::int64_t d = 0; d < ndim; ++d) out.emplace_back(p[2 * d], p[2 * d + 1]);
  return out;
}

Array pad(const Array& a, const PadWidth& pad_width, const std::string& mode_name,
          const ArrayLike& value) {
  const PadPairs widths = pad_width.resolve(a.ndim());
  const PadMode mode = parse_pad_mode(mode_name);
  // NumPy's pair values are NumPy scalars, so a constant is cast unsafely (300 -> 44 in
  // uint8), unlike a Python int written into an array.
  const Array values = as_pairs(value.array(), a.ndim());
  if (a.size() == 0 && mode != PadMode::Constant && mode != PadMode::Empty) {
    // The other modes read the array's values: an empty axis cannot grow.
    for (std::int64_t d = 0; d < a.ndim(); ++d)
      if (a.shape()[d] == 0 && (widths[d].first > 0 || widths[d].second > 0))
        throw ValueError("can't extend empty axis " + std::to_string(d) +
                         " using modes other than 'constant' or 'empty'");
  }
  Array padded = empty_padded(a, widths);
  pad_in_blocks(padded, a, widths, mode, values);
  return padded;
}

// --- diagonals ---------------------------------------------------------------------------------

Array diagonal(const Array& a, std::int64_t offset, std::int64_t axis1, std::int64_t axis2) {
  if (a.ndim() < 2) throw ValueError("diag requires an array of at least two dimensions");
  const std::int64_t d1 = normalize_axis(axis1, a.ndim(), "axis1: ");
  const std::int64_t d2 = normalize_axis(axis2, a.ndim(), "axis2: ");
  if (d1 == d2) throw ValueError("axis1 and axis2 cannot be the same");
  // A positive offset starts `offset` columns (axis2) in, a negative one rows (axis1) down.
  std::int64_t rows = a.shape()[d1], columns = a.shape()[d2];
  std::int64_t start = a.offset();
  if (offset >= 0) {
    columns -= offset;
    start += offset * a.strides()[d2];
  } else {
    rows += offset;
    start -= offset * a.strides()[d1];
  }
  const std::int64_t length = std::max<std::int64_t>(std::min(rows, columns), 0);
  if (length == 0) start = a.offset();
  Shape shape, strides;
  for (std::int64_t d = 0; d < a.ndim(); ++d) {
    if (d == d1 || d == d2) continue;
    shape.push_back(a.shape()[d]);
    strides.push_back(a.strides()[d]);
  }
  shape.push_back(length);
  strides.push_back(a.strides()[d1] + a.strides()[d2]);
  Array view = a.as_strided(shape, strides, start);
  view.set_writeable(false);
  return view;
}

Array diag(const Array& v, std::int64_t k) {
  if (v.ndim() == 2) return diagonal(v, k);
  if (v.ndim() != 1) throw ValueError("Input must be 1- or 2-d.");
  const std::int64_t n = v.shape()[0] + std::abs(k);
  Array out = zeros({n, n}, v.dtype());
  const std::int64_t first = k >= 0 ? k : -k * n;  // flat position of the first element
  detail::assign(
      out.as_strided({v.shape()[0]}, {(n + 1) * v.itemsize()}, out.offset() + first * v.itemsize()),
      v);
  return out;
}

Array trace(const Array& a, std::int64_t offset, std::int64_t axis1, std::int64_t axis2,
            std::optional<DType> dtype) {
  return sum(diagonal(a, offset, axis1, axis2), -1, false, dtype);
}

// --- take --------------------------------------------------------------------------------------

Array take(const Array& a, const Array& indices, std::optional<std::int64_t> axis) {
  // Without an axis NumPy takes from the flattened array; a 0-d array counts as 1-D.
  const Array src = ascontiguousarray(axis ? a : a.ravel());
  const std::int64_t along = normalize_axis(axis.value_or(0), src.ndim());
  check_index_dtype(indices);
  const std::int64_t length = src.shape()[along];
  if (length == 0 && indices.size() > 0)
    throw IndexError("cannot do a non-empty take from an empty axes.");

  const std::int64_t rows = product(src.shape(), 0, along), count = indices.size();
  std::vector<std::int64_t> converted;
  const std::int64_t* source = index_data(indices, converted);
  Shape shape;
  for (std::int64_t d = 0; d < along; ++d) shape.push_back(src.shape()[d]);
  for (std::int64_t s : indices.shape()) shape.push_back(s);
  for (std::int64_t d = along + 1; d < src.ndim(); ++d) shape.push_back(src.shape()[d]);
  Array out = empty(shape, src.dtype());
  // As NumPy, the indices are checked in the copy loop, which never runs without rows.
  if (gather_blocks(src, out, rows, length, source, count,
                    product(src.shape(), along + 1, src.ndim())))
    return out;
  const std::int64_t* bad = std::find_if(
      source, source + count, [&](std::int64_t i) { return i < -length || i >= length; });
  throw IndexError("index " + std::to_string(*bad) + " is out of bounds for axis " +
                   std::to_string(along) + " with size " + std::to_string(length));
}

// --- take_along_axis, put_along_axis -------------------------------------------------------

namespace {

// The operands of take_along_axis / put_along_axis, seen as NumPy sees them: `arr` indexed
// with `indices` along `axis` and with an arange along every other axis, all broadcast.
// Views are given the result's shape (arr keeps its own length along `axis`) and have
// `axis` moved last, so that lane j of each view belongs to lane j of the result.
struct AlongAxis {
  Shape shape;                    // of the result
  Array arr;                      // arr, broadcast on the other axes
  Array indices;                  // int64, made non-negative
  bool arr_is_broadcast = false;  // several result lanes share one lane of arr
};

AlongAxis plan_along_axis(const Array& arr, const Array& indices, std::int64_t axis) {
  if (!is_integer(indices.dtype())) throw IndexError("`indices` must be an integer array");
  if (indices.ndim() != arr.ndim())
    throw ValueError("`indices` and `arr` must have the same number of dimensions");
  // The shapes of NumPy's fancy index: arange(n) along each axis, `indices` at `axis`.
  std::vector<Shape> index_shapes;
  for (std::int64_t d = 0; d < arr.ndim(); ++d) {
    Shape s(static_cast<std::size_t>(arr.ndim()), 1);
    s[d] = arr.shape()[d];
    index_shapes.push_back(d == axis ? indices.shape() : s);
  }
  AlongAxis plan;
  try {
    plan.shape = broadcast_shapes(index_shapes);
  } catch (const ValueError&) {
    std::string text =
        "shape mismatch: indexing arrays could not be broadcast together with shapes ";
    for (const Shape& s : index_shapes) text += shape_repr_compact(s) + " ";
    throw IndexError(text);
  }
  const std::int64_t length = arr.shape()[axis];
  Array index64 = empty(indices.shape(), int64);  // a C-order copy, normalised in place
  detail::assign(index64, indices);
  std::int64_t* p = index64.data<std::int64_t>();
  for (std::int64_t k = 0; k < index64.size(); ++k) {
    if (p[k] < -length || p[k] >= length)
      throw IndexError("index " + std::to_string(p[k]) + " is out of bounds for axis " +
                       std::to_string(axis) + " with size " + std::to_string(length));
    if (p[k] < 0) p[k] += length;
  }
  Shape arr_shape = plan.shape;
  arr_shape[axis] = length;
  for (std::int64_t d = 0; d < arr.ndim(); ++d)
    plan.arr_is_broadcast |= d != axis && arr.shape()[d] == 1 && plan.shape[d] > 1;
  plan.arr = moveaxis(
      arr.as_strided(arr_shape, detail::broadcast_strides(arr, arr_shape), arr.offset()), axis, -1);
  plan.indices = moveaxis(broadcast_to(index64, plan.shape), axis, -1);
  return plan;
}

// The first element of lane `lane` of `a`: lanes run along the last axis and are numbered
// in C order, as detail::for_each_lane numbers them.
std::byte* lane_start(const Array& a, std::int64_t lane) {
  std::byte* p = a.bytes();
  for (std::size_t d = a.shape().size() - 1; d-- > 0;) {
    p += (lane % a.shape()[d]) * a.strides()[d];
    lane /= a.shape()[d];
  }
  return p;
}

// The fancy index of NumPy's _make_along_axis_idx, for Array::index_put.
std::vector<Index> fancy_index(const Array& arr, const Array& indices, std::int64_t axis) {
  std::vector<Index> index;
  for (std::int64_t d = 0; d < arr.ndim(); ++d) {
    Shape s(static_cast<std::size_t>(arr.ndim()), 1);
    s[d] = -1;
    index.push_back(d == axis ? indices : arange(arr.shape()[d]).reshape(s));
  }
  return index;
}

}  // namespace

Array take_along_axis(const Array& arr, const Array& indices, std::optional<std::int64_t> axis) {
  if (!axis) return take_along_axis(arr.ravel(), indices, 0);
  const std::int64_t along = normalize_axis(*axis, arr.ndim());
  const AlongAxis plan = plan_along_axis(arr, indices, along);
  Array out = empty(plan.shape, arr.dtype());
  const std::int64_t src_step = plan.arr.strides().back();
  const std::int64_t index_step = plan.indices.strides().back();
  dispatch(arr.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    auto gather_lane = [&](std::byte* dst, std::int64_t dst_step, std::int64_t n,
                           std::int64_t lane) {
      const std::byte* src = lane_start(plan.arr, lane);
      const std::byte* at = lane_start(plan.indices, lane);
      for (std::int64_t j = 0; j < n; ++j) {
        const std::int64_t i = *reinterpret_cast<const std::int64_t*>(at + j * index_step);
        *reinterpret_cast<T*>(dst + j * dst_step) = *reinterpret_cast<const T*>(src + i * src_step);
      }
    };
    detail::for_each_lane(moveaxis(out, along, -1), gather_lane);
  });
  return out;
}

void put_along_axis(const Array& arr, const Array& indices, const ArrayLike& values,
                    std::optional<std::int64_t> axis) {
  if (!arr.writeable()) throw ValueError("assignment destination is read-only");
  if (!axis) {
    // NumPy writes through arr.flat: a view when arr is C-contiguous, else a round trip.
    const Array flat = arr.is_c_contiguous() ? arr.reshape({-1}) : arr.flatten();
    put_along_axis(flat, indices, values, 0);
    if (!arr.is_c_contiguous()) detail::assign(arr, flat.reshape(arr.shape()));
    return;
  }
  const std::int64_t along = normalize_axis(*axis, arr.ndim());
  const AlongAxis plan = plan_along_axis(arr, indices, along);
  Array v = values.as_dtype(arr.dtype());
  bool fits = v.ndim() <= static_cast<std::int64_t>(plan.shape.size());
  for (std::int64_t i = 0; fits && i < v.ndim(); ++i) {
    const std::int64_t have = v.shape()[i], want = plan.shape[plan.shape.size() - v.ndim() + i];
    fits = have == want || have == 1;
  }
  if (!fits)
    throw ValueError("shape mismatch: value array of shape " + shape_repr_compact(v.shape()) +
                     " could not be broadcast to indexing result of shape " +
                     shape_repr_compact(plan.shape));
  if (may_share_memory(v, arr)) v = v.copy();
  if (plan.arr_is_broadcast) {
    // Several results land on the same element: NumPy's fancy assignment, in its order,
    // decides which one stays.
    arr.index_put(fancy_index(arr, indices, along), v);
    return;
  }
  const Array source = moveaxis(broadcast_to(v, plan.shape), along, -1);
  const std::int64_t dst_step = plan.arr.strides().back();
  const std::int64_t index_step = plan.indices.strides().back();
  dispatch(arr.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    auto scatter_lane = [&](std::byte* src, std::int64_t src_step, std::int64_t n,
                            std::int64_t lane) {
      std::byte* dst = lane_start(plan.arr, lane);
      const std::byte* at = lane_start(plan.indices, lane);
      for (std::int64_t j = 0; j < n; ++j) {
        const std::int64_t i = *reinterpret_cast<const std::int64_t*>(at + j * index_step);
        *reinterpret_cast<T*>(dst + i * dst_step) = *reinterpret_cast<const T*>(src + j * src_step);
      }
    };
    detail::for_each_lane(source, scatter_lane);
  });
}

}  // namespace nd
