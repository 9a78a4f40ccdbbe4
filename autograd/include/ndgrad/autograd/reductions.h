// Reductions on tensors, with nd's signatures: `axis` an int, a braced list, or omitted
// for all axes; `keepdims` next.
//
// At ties, max and min (and amax, amin) share the gradient equally among the tied
// elements of each reduced group (PyTorch's amax/amin rule; gradcheck's central
// differences agree for two-way ties). The gradient of a NaN maximum is NaN.
#pragma once

#include <optional>

#include "ndgrad/autograd/tensor.h"

namespace ag {

Tensor sum(const Tensor& x, const nd::Axes& axis = {}, bool keepdims = false);
Tensor mean(const Tensor& x, const nd::Axes& axis = {}, bool keepdims = false);
Tensor var(const Tensor& x, const nd::Axes& axis = {}, bool keepdims = false,
           std::int64_t ddof = 0);
Tensor std(const Tensor& x, const nd::Axes& axis = {}, bool keepdims = false,
           std::int64_t ddof = 0);
Tensor max(const Tensor& x, const nd::Axes& axis = {}, bool keepdims = false);
Tensor min(const Tensor& x, const nd::Axes& axis = {}, bool keepdims = false);
Tensor amax(const Tensor& x, const nd::Axes& axis = {}, bool keepdims = false);
Tensor amin(const Tensor& x, const nd::Axes& axis = {}, bool keepdims = false);
// The product; its gradient is the product of the other elements of each group, exact
// also where elements are zero (no division).
Tensor prod(const Tensor& x, const nd::Axes& axis = {}, bool keepdims = false);
// log(sum(exp(x))), computed as max + log(sum(exp(x - max))) (SciPy's logsumexp);
// its gradient is softmax(x) along the axes.
Tensor logsumexp(const Tensor& x, const nd::Axes& axis = {}, bool keepdims = false);
// Running sum along `axis` (of the flattened tensor when omitted).
Tensor cumsum(const Tensor& x, std::optional<std::int64_t> axis = {});

}  // namespace ag
