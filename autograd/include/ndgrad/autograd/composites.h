// Composite ops, written from the primitives above. They are the reference: the nn
// layer's fused versions (hand-written backward, less memory) are checked against them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ndgrad/autograd/tensor.h"

namespace ag {

// exp(x - max) / sum(exp(x - max)) along `axis` (the max is a constant shift).
Tensor softmax(const Tensor& x, std::int64_t axis = -1);
// x - logsumexp(x) along `axis`.
Tensor log_softmax(const Tensor& x, std::int64_t axis = -1);
// 1 / (1 + exp(-x)), written as (1 + tanh(x / 2)) / 2 so that no exp overflows.
Tensor sigmoid(const Tensor& x);
// where(x > 0, x, 0): relu'(0) = 0, as PyTorch.
Tensor relu(const Tensor& x);
// x * Phi(x): approximate "none" is 0.5 x (1 + erf(x / sqrt 2)); "tanh" is
// 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))), PyTorch's two forms.
Tensor gelu(const Tensor& x, const std::string& approximate = "none");
// (x - mean) / sqrt(var + eps) * weight + bias over the last normalized_shape.size()
// axes, which must equal normalized_shape; biased variance, as PyTorch.
Tensor layer_norm(const Tensor& x, const nd::Shape& normalized_shape,
                  const std::optional<Tensor>& weight = std::nullopt,
                  const std::optional<Tensor>& bias = std::nullopt, double eps = 1e-5);
// The mean over the batch of -log_softmax(logits)[i, targets[i]]: logits (N, C), targets
// integer class indices (N,) (nd::IndexError for a class outside [0, C)).
Tensor cross_entropy(const Tensor& logits, const nd::Array& targets);

}  // namespace ag
