// Indexing tensors: x[...] (basic indexing is a view; integer arrays and boolean masks
// gather), the functional index_put, and take_along_axis. Gathers scatter-add their
// gradient back: an element picked twice gets both gradients.
#pragma once

#include <optional>
#include <vector>

#include "ndgrad/autograd/elementwise.h"
#include "ndgrad/autograd/tensor.h"

namespace ag {

Tensor index(const Tensor& x, const std::vector<nd::Index>& indices);
// y = x.copy(); y[indices] = value, as a new tensor. The gradient reaches x everywhere
// except the selection, and `value` (broadcast to the selection) from the selection.
// Where integer indices repeat, NumPy keeps the last write, and only that write of
// `value` gets the gradient.
Tensor index_put(const Tensor& x, const std::vector<nd::Index>& indices, const Operand& value);
// out[..., j, ...] = x[..., indices[..., j, ...], ...] along `axis` (of the flattened x
// when omitted), as nd::take_along_axis.
Tensor take_along_axis(const Tensor& x, const nd::Array& indices, std::optional<std::int64_t> axis);

}  // namespace ag
