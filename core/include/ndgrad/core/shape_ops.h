// Changing how an array is seen without touching its elements: reshape, transpose,
// swapaxes, moveaxis, expand_dims, squeeze, broadcasting. All return views (sharing
// memory) except where NumPy copies: reshape/ravel of a layout that no strides can
// express, flatten, and ascontiguousarray of a non-contiguous array.
#pragma once

#include <array>
#include <vector>

#include "ndgrad/core/array.h"
#include "ndgrad/core/axes.h"

namespace nd {

Array reshape(const Array& a, const Shape& shape);
Array ravel(const Array& a);
Array transpose(const Array& a);
Array transpose(const Array& a, const Shape& axes);
Array swapaxes(const Array& a, std::int64_t axis1, std::int64_t axis2);
Array moveaxis(const Array& a, const Axes& source, const Axes& destination);
Array expand_dims(const Array& a, const Axes& axis);
// Removes the given length-1 axes, or all of them when `axis` is omitted.
Array squeeze(const Array& a, const Axes& axis = {});
// A read-only view of `a` broadcast to `shape`.
Array broadcast_to(const Array& a, const Shape& shape);
// The shape that NumPy's broadcasting rules give the operands; throws ValueError
// "operands could not be broadcast together with shapes (2,3) (4,) ".
Shape broadcast_shapes(const std::vector<Shape>& shapes);
std::vector<Array> broadcast_arrays(const std::vector<Array>& arrays);
// A C-contiguous array with ndim >= 1: `a` itself when it already is, else a copy.
Array ascontiguousarray(const Array& a, std::optional<DType> dtype = {});
Array asfortranarray(const Array& a, std::optional<DType> dtype = {});
Array atleast_1d(const Array& a);
Array atleast_2d(const Array& a);
Array atleast_3d(const Array& a);

}  // namespace nd
