// Scatter-add, the gradient of every gather (internal header).
#pragma once

#include <ndgrad/core.h>

#include <optional>

namespace ag::detail {

// out[l, index[l, j]] += grad[l, j] for every lane l and j, into zeros of shape
// (lanes, length). `grad` is (lanes, k) float32/float64; `index` is (lanes, k) or
// (1, k) (one index list for every lane), integer, negative values counting from the
// end. Lanes run in parallel; within a lane the additions happen in order, so repeated
// indices accumulate.
nd::Array scatter_add_lanes(const nd::Array& grad, const nd::Array& index, std::int64_t length);

// The scatter-add along one axis: grad has x's shape except along `axis` (length k);
// index is (k,) shared by every lane, or has grad's shape.
nd::Array scatter_add_along(const nd::Array& grad, const nd::Array& index, std::int64_t axis,
                            std::int64_t length);

// The gradient of take_along_axis(x, indices, axis) (axis normalised, or none for the
// flattened x): x and indices were broadcast on the other axes, so after the scatter the
// gradient is summed back to x's shape.
nd::Array take_along_axis_grad(const nd::Array& grad, const nd::Array& indices,
                               std::optional<std::int64_t> axis, const nd::Shape& x_shape);

}  // namespace ag::detail
