// Joining and splitting, as NumPy's multiarray/multiarraymodule.c (concatenate) and
// lib/shape_base.py (stack, split, ...) do it: checks in NumPy's order with its words,
// one output array laid out in the inputs' memory order, and one strided copy
// (detail::assign) per input into its slab of the output.
#include "ndgrad/core/joining.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "cast.h"
#include "ndgrad/core/creation.h"
#include "ndgrad/core/errors.h"
#include "ndgrad/core/shape_ops.h"

namespace nd {

namespace {

std::string dtype_repr(DType d) {
  return std::string("dtype('") + name(d) + "')";
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

// The axes of the result from outermost to innermost in memory, as NumPy's
// PyArray_CreateMultiSortedStridePerm chooses them: a stable insertion sort by decreasing
// |stride|, where the first input that has both axes longer than 1 decides, and any
// input that disagrees keeps C order. So joining Fortran arrays gives a Fortran array.
Shape memory_order(const std::vector<Array>& arrays, std::size_t ndim) {
  Shape order(ndim);
  for (std::size_t d = 0; d < ndim; ++d) order[d] = static_cast<std::int64_t>(d);
  auto should_swap = [&](std::int64_t inner, std::int64_t outer) -> std::optional<bool> {
    std::optional<bool> swap;
    for (const Array& a : arrays) {
      if (a.shape()[inner] == 1 || a.shape()[outer] == 1) continue;
      const bool larger = std::abs(a.strides()[inner]) > std::abs(a.strides()[outer]);
      if (!larger) return false;  // a conflict: C order wins
      if (!swap) swap = true;
    }
    return swap;  // nullopt: no input could tell
  };
  for (std::size_t i = 1; i < ndim; ++i) {
    const std::int64_t axis = order[i];
    std::size_t position = i;
    for (std::size_t j = i; j-- > 0;) {
      std::optional<bool> swap = should_swap(axis, order[j]);
      if (!swap) continue;
      if (!*swap) break;
      position = j;
    }
    for (std::size_t k = i; k > position; --k) order[k] = order[k - 1];
    order[position] = axis;
  }
  return order;
}

// An uninitialised array of `shape` whose axes lie in memory in `order` (outermost first).
Array empty_in_order(const Shape& shape, DType dtype, const Shape& order) {
  if (shape.product() == 0) return empty(shape, dtype);  // NumPy's all-zero strides
  Shape strides(shape.size());
  std::int64_t step = itemsize(dtype);
  for (std::size_t i = order.size(); i-- > 0;) {
    strides[order[i]] = step;
    step *= std::max<std::int64_t>(shape[order[i]], 1);
  }
  return Array(Storage::allocate(static_cast<std::size_t>(shape.product() * itemsize(dtype))),
               dtype, shape, strides, 0);
}

// The result dtype: `dtype` when given (every input must cast to it under `casting`),
// else the array-array promotion of all inputs.
DType joined_dtype(const std::vector<Array>& arrays, std::optional<DType> dtype, Casting casting) {
  if (!dtype) {
    DType result = arrays[0].dtype();
    for (const Array& a : arrays) result = promote_types(result, a.dtype());
    return result;
  }
  for (const Array& a : arrays)
    if (!can_cast(a.dtype(), *dtype, casting))
      throw TypeError("Cannot cast array data from " + dtype_repr(a.dtype()) + " to " +
                      dtype_repr(*dtype) + " according to the rule '" + casting_name(casting) +
                      "'");
  return *dtype;
}

// The shape of the joined array; throws NumPy's errors for inputs that do not fit.
Shape joined_shape(const std::vector<Array>& arrays, std::int64_t axis) {
  const Array& first = arrays[0];
  Shape shape = first.shape();
  for (std::size_t i = 1; i < arrays.size(); ++i) {
    const Array& a = arrays[i];
    if (a.ndim() != first.ndim())
      throw ValueError(
          "all the input arrays must have same number of dimensions, but the array at index 0 "
          "has " +
          std::to_string(first.ndim()) + " dimension(s) and the array at index " +
          std::to_string(i) + " has " + std::to_string(a.ndim()) + " dimension(s)");
    for (std::int64_t d = 0; d < first.ndim(); ++d) {
      if (d == axis) {
        shape[d] += a.shape()[d];
      } else if (a.shape()[d] != shape[d]) {
        throw ValueError(
            "all the input array dimensions except for the concatenation axis must match "
            "exactly, but along dimension " +
            std::to_string(d) + ", the array at index 0 has size " + std::to_string(shape[d]) +
            " and the array at index " + std::to_string(i) + " has size " +
            std::to_string(a.shape()[d]));
      }
    }
  }
  return shape;
}

// Copies each input into its slab of `out` along `axis`.
void fill_slabs(const Array& out, const std::vector<Array>& arrays, std::int64_t axis) {
  std::int64_t start = 0;
  for (const Array& a : arrays) {
    const std::int64_t length = a.shape()[axis];
    detail::assign(slab(out, axis, Slice(start, start + length)), a);
    start += length;
  }
}

Array concatenate_flattened(const std::vector<Array>& arrays, DType dtype) {
  std::vector<Array> flat;
  std::int64_t total = 0;
  for (const Array& a : arrays) {
    flat.push_back(a.ravel());
    total += a.size();
  }
  Array out = empty({total}, dtype);
  fill_slabs(out, flat, 0);
  return out;
}

}  // namespace

Array concatenate(const std::vector<Array>& arrays, std::optional<std::int64_t> axis,
                  std::optional<DType> dtype, Casting casting) {
  if (arrays.empty()) throw ValueError("need at least one array to concatenate");
  if (!axis) return concatenate_flattened(arrays, joined_dtype(arrays, dtype, casting));
  const std::int64_t ndim = arrays[0].ndim();
  if (ndim == 0) throw ValueError("zero-dimensional arrays cannot be concatenated");
  const std::int64_t along = normalize_axis(*axis, ndim);
  const Shape shape = joined_shape(arrays, along);
  const DType result_dtype = joined_dtype(arrays, dtype, casting);
  Array out = empty_in_order(shape, result_dtype, memory_order(arrays, ndim));
  fill_slabs(out, arrays, along);
  return out;
}

Array stack(const std::vector<Array>& arrays, std::int64_t axis, std::optional<DType> dtype,
            Casting casting) {
  if (arrays.empty()) throw ValueError("need at least one array to stack");
  for (const Array& a : arrays)
    if (!(a.shape() == arrays[0].shape()))
      throw ValueError("all input arrays must have the same shape");
  const std::int64_t along = normalize_axis(axis, arrays[0].ndim() + 1);
  std::vector<Array> expanded;
  for (const Array& a : arrays) expanded.push_back(expand_dims(a, along));
  return concatenate(expanded, along, dtype, casting);
}

Array hstack(const std::vector<Array>& arrays, std::optional<DType> dtype, Casting casting) {
  std::vector<Array> at_least_1d;
  for (const Array& a : arrays) at_least_1d.push_back(atleast_1d(a));
  const bool rows = !at_least_1d.empty() && at_least_1d[0].ndim() == 1;
  return concatenate(at_least_1d, rows ? 0 : 1, dtype, casting);
}

Array vstack(const std::vector<Array>& arrays, std::optional<DType> dtype, Casting casting) {
  std::vector<Array> at_least_2d;
  for (const Array& a : arrays) at_least_2d.push_back(atleast_2d(a));
  return concatenate(at_least_2d, 0, dtype, casting);
}

Array dstack(const std::vector<Array>& arrays) {
  std::vector<Array> at_least_3d;
  for (const Array& a : arrays) at_least_3d.push_back(atleast_3d(a));
  return concatenate(at_least_3d, 2);
}

Array column_stack(const std::vector<Array>& arrays) {
  std::vector<Array> columns;
  for (const Array& a : arrays) columns.push_back(a.ndim() < 2 ? atleast_2d(a).T() : a);
  return concatenate(columns, 1);
}

// --- splitting ------------------------------------------------------------------------------

namespace {

// NumPy reads the axis length as ary.shape[axis], a Python tuple lookup: negative axes
// count from the end, and anything else is Python's IndexError.
std::int64_t split_axis(const Array& a, std::int64_t axis) {
  if (axis < -a.ndim() || axis >= a.ndim()) throw IndexError("tuple index out of range");
  return axis < 0 ? axis + a.ndim() : axis;
}

// The pieces a[bounds[i]:bounds[i+1]] along `axis`, with Python's slice rules.
std::vector<Array> split_at(const Array& a, const std::vector<std::int64_t>& bounds,
                            std::int64_t axis) {
  std::vector<Array> pieces;
  for (std::size_t i = 0; i + 1 < bounds.size(); ++i)
    pieces.push_back(slab(a, axis, Slice(bounds[i], bounds[i + 1])));
  return pieces;
}

}  // namespace

namespace detail {

std::vector<Array> split_sections(const Array& a, std::int64_t sections, std::int64_t axis,
                                  bool equal_only) {
  const std::int64_t along = split_axis(a, axis);
  const std::int64_t length = a.shape()[along];
  // NumPy's split tests `length % sections` before array_split looks at the sign of
  // `sections` (and sections == 0 is Python's ZeroDivisionError there).
  if (equal_only && sections != 0 && length % sections != 0)
    throw ValueError("array split does not result in an equal division");
  if (sections <= 0) throw ValueError("number sections must be larger than 0.");
  // The first `length % sections` pieces get one element more.
  const std::int64_t each = length / sections, extras = length % sections;
  std::vector<std::int64_t> bounds{0};
  for (std::int64_t i = 0; i < sections; ++i) bounds.push_back(bounds.back() + each + (i < extras));
  return split_at(a, bounds, along);
}

}  // namespace detail

std::vector<Array> array_split(const Array& a, const std::vector<std::int64_t>& indices,
                               std::int64_t axis) {
  const std::int64_t along = split_axis(a, axis);
  std::vector<std::int64_t> bounds{0};
  bounds.insert(bounds.end(), indices.begin(), indices.end());
  bounds.push_back(a.shape()[along]);
  return split_at(a, bounds, along);
}

std::vector<Array> split(const Array& a, const std::vector<std::int64_t>& indices,
                         std::int64_t axis) {
  return array_split(a, indices, axis);
}

}  // namespace nd
