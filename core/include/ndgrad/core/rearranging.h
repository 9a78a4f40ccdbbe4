// Rearranging elements: NumPy's repeat, tile, flip (fliplr, flipud), roll, rot90, pad,
// diag, diagonal, trace, take, take_along_axis and put_along_axis.
//
// flip, rot90, diagonal and diag of a 2-D array return views, as NumPy does (diagonal's
// view is read-only); the others return new arrays, except put_along_axis, which writes
// into its argument.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "ndgrad/core/array.h"
#include "ndgrad/core/array_like.h"
#include "ndgrad/core/axes.h"

namespace nd {

// Each element repeated `repeats` times (or repeats[i] times for element i) along `axis`,
// or along the flattened array when the axis is omitted.
Array repeat(const Array& a, std::int64_t repeats, std::optional<std::int64_t> axis = {});
Array repeat(const Array& a, const std::vector<std::int64_t>& repeats,
             std::optional<std::int64_t> axis = {});
Array repeat(const Array& a, const Array& repeats, std::optional<std::int64_t> axis = {});

// `a` repeated reps[i] times along axis i; `reps` shorter than a.ndim() counts for the
// last axes, longer adds leading axes.
Array tile(const Array& a, const Shape& reps);
Array tile(const Array& a, std::int64_t reps);

// A view with the order of elements reversed along `axis` (all axes when omitted).
Array flip(const Array& a, const Axes& axis = {});
Array fliplr(const Array& a);  // flip(a, 1)
Array flipud(const Array& a);  // flip(a, 0)

// Elements shifted by `shift` along `axis` (or along the flattened array), those that
// fall off one end coming back at the other. Lists of shifts and axes are broadcast
// together; the shift is a template so that a braced list, even {2}, is a list.
Array roll(const Array& a, const std::vector<std::int64_t>& shift, const Axes& axis = {});
template <class Int>
requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool>) Array
    roll(const Array& a, Int shift, const Axes& axis = {}) {
  return roll(a, std::vector<std::int64_t>{static_cast<std::int64_t>(shift)}, axis);
}

// A view rotated k times by 90 degrees in the plane of `axes`, from the first axis
// towards the second.
Array rot90(const Array& m, std::int64_t k = 1, const std::vector<std::int64_t>& axes = {0, 1});

// The pad_width argument of pad, as NumPy accepts it: one width for both sides of every
// axis (`2`, `{2}`), one {before, after} pair for every axis (`{1, 2}`, `{{1, 2}}`), or
// one pair per axis (`{{0, 0}, {2, 2}}`).
class PadWidth {
 public:
  PadWidth(std::int64_t width) : values_{width}, shape_{} {}
  PadWidth(std::initializer_list<std::int64_t> widths)
      : values_(widths), shape_{static_cast<std::int64_t>(widths.size())} {}
  PadWidth(std::initializer_list<std::pair<std::int64_t, std::int64_t>> pairs)
      : PadWidth(std::vector<std::pair<std::int64_t, std::int64_t>>(pairs)) {}
  PadWidth(const std::vector<std::pair<std::int64_t, std::int64_t>>& pairs);

  // NumPy's _as_pairs: the (before, after) widths of each of `ndim` axes. Throws
  // ValueError for negative widths and for a shape that does not broadcast to (ndim, 2).
  std::vector<std::pair<std::int64_t, std::int64_t>> resolve(std::int64_t ndim) const;

 private:
  std::vector<std::int64_t> values_;  // in C order
  Shape shape_;                       // NumPy's shape of the argument: (), (n,) or (n, 2)
};

// `a` grown by pad_width[i] elements before and after along each axis i. `mode` is
// "constant" (with `value`), "edge", "reflect", "symmetric", "wrap", "linear_ramp" (a
// ramp from the edge to `value`), "maximum", "minimum", "mean" (over the whole axis) or
// "empty". Widths larger than the axis repeat the reflection or wrap as NumPy does.
Array pad(const Array& a, const PadWidth& pad_width, const std::string& mode = "constant",
          const ArrayLike& value = 0);

// A 1-D `v` gives a 2-D array with v on its k-th diagonal; a 2-D `v` gives its k-th
// diagonal (a read-only view).
Array diag(const Array& v, std::int64_t k = 0);
// A read-only view of the diagonal of the (axis1, axis2) planes, as the last axis.
Array diagonal(const Array& a, std::int64_t offset = 0, std::int64_t axis1 = 0,
               std::int64_t axis2 = 1);
// The sum along that diagonal (with nd::sum's dtypes).
Array trace(const Array& a, std::int64_t offset = 0, std::int64_t axis1 = 0, std::int64_t axis2 = 1,
            std::optional<DType> dtype = {});

// The elements at `indices` along `axis` (of the flattened array when omitted): the
// indexed axis is replaced by the indices' shape. Negative indices count from the end;
// others out of range throw IndexError (NumPy's mode "raise").
Array take(const Array& a, const Array& indices, std::optional<std::int64_t> axis = {});
template <class Int>
requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool>) Array
    take(const Array& a, Int index, std::optional<std::int64_t> axis = {}) {
  return take(a, scalar(static_cast<std::int64_t>(index)), axis);
}

// out[..., j, ...] = arr[..., indices[..., j, ...], ...] along `axis` (the result of
// argsort or argpartition picks the sorted values); arr and indices broadcast on the
// other axes. An omitted axis works on the flattened arr with 1-D indices.
Array take_along_axis(const Array& arr, const Array& indices, std::optional<std::int64_t> axis);
// The reverse, in place: arr[..., indices[..., j, ...], ...] = values[..., j, ...].
void put_along_axis(const Array& arr, const Array& indices, const ArrayLike& values,
                    std::optional<std::int64_t> axis);

}  // namespace nd
