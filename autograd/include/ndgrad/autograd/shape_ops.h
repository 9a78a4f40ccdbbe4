// Changing how a tensor is seen: reshape, transpose, swapaxes, moveaxis, expand_dims,
// squeeze, broadcast_to, ravel. The results are views of the input when nd's are (they
// share its memory and its version), and the gradient is the inverse view of the
// output's gradient (broadcast_to's is summed back by unbroadcast).
#pragma once

#include "ndgrad/autograd/tensor.h"

namespace ag {

Tensor reshape(const Tensor& x, const nd::Shape& shape);
Tensor ravel(const Tensor& x);
Tensor transpose(const Tensor& x);
Tensor transpose(const Tensor& x, const nd::Shape& axes);
Tensor swapaxes(const Tensor& x, std::int64_t axis1, std::int64_t axis2);
Tensor moveaxis(const Tensor& x, const nd::Axes& source, const nd::Axes& destination);
Tensor expand_dims(const Tensor& x, const nd::Axes& axis);
Tensor squeeze(const Tensor& x, const nd::Axes& axis = {});
Tensor broadcast_to(const Tensor& x, const nd::Shape& shape);

}  // namespace ag
