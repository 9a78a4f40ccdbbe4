// Sorting tensors. The values are differentiable: each output element passes its
// gradient back to the input element it came from. Equal values keep their order (the
// sort is stable), so at ties the gradient goes to the element that landed there.
#pragma once

#include <optional>

#include "ndgrad/autograd/tensor.h"

namespace ag {

Tensor sort(const Tensor& x, std::optional<std::int64_t> axis = -1);

}  // namespace ag
