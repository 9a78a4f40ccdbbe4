// Composite ops, from the primitives: no backward of their own.
#include "ndgrad/autograd/composites.h"

#include <cmath>
#include <numbers>

#include "ndgrad/autograd/elementwise.h"
#include "ndgrad/autograd/indexing.h"
#include "ndgrad/autograd/reductions.h"
#include "reduce_util.h"

namespace ag {

Tensor softmax(const Tensor& x, std::int64_t axis) {
  // Softmax does not change when a constant is subtracted along the axis; the maximum
  // keeps exp from overflowing (a row of -inf shifts by 0).
  nd::Array shift = nd::max(x.array(), axis, true);
  shift = nd::where(nd::isfinite(shift), shift, 0);
  Tensor e = exp(x - shift);
  return e / sum(e, axis, true);
}

Tensor log_softmax(const Tensor& x, std::int64_t axis) {
  return x - logsumexp(x, axis, true);
}

Tensor sigmoid(const Tensor& x) {
  return (tanh(x * 0.5) + 1) * 0.5;
}

Tensor relu(const Tensor& x) {
  return where(x > 0, x, 0);
}

Tensor gelu(const Tensor& x, const std::string& approximate) {
  if (approximate == "tanh") {
    const double scale = std::sqrt(2 / std::numbers::pi);
    Tensor inner = (x + x * x * x * 0.044715) * scale;
    return x * (tanh(inner) + 1) * 0.5;
  }
  if (approximate != "none")
    throw nd::ValueError("gelu: approximate must be \"none\" or \"tanh\", not \"" + approximate +
                         "\"");
  return x * (erf(x * (1 / std::numbers::sqrt2)) + 1) * 0.5;
}

Tensor layer_norm(const Tensor& x, const nd::Shape& normalized_shape,
                  const std::optional<Tensor>& weight, const std::optional<Tensor>& bias,
                  double eps) {
  const std::int64_t k = std::int64_t(normalized_shape.size()), first = x.ndim() - k;
  bool matches = first >= 0;
  for (std::int64_t i = 0; matches && i < k; ++i)
    matches = x.shape()[first + i] == normalized_shape[i];
  if (!matches)
    throw nd::ValueError(
        "layer_norm: normalized_shape " + nd::shape_repr_compact(normalized_shape) +
        " is not the trailing shape of the input, " + nd::shape_repr_compact(x.shape()));
  nd::Shape axes;
  for (std::int64_t i = first; i < x.ndim(); ++i) axes.push_back(i);
  Tensor centred = x - mean(x, nd::Axes(axes), true);
  Tensor variance = mean(square(centred), nd::Axes(axes), true);
  Tensor y = centred / sqrt(variance + eps);
  if (weight) y = y * *weight;
  if (bias) y = y + *bias;
  return y;
}

Tensor cross_entropy(const Tensor& logits, const nd::Array& targets) {
  if (logits.ndim() != 2)
    throw nd::ValueError("cross_entropy: logits must be (N, C), not " +
                         nd::shape_repr_compact(logits.shape()));
  const std::int64_t n = logits.shape()[0], classes = logits.shape()[1];
  if (!nd::is_integer(targets.dtype()) || !(targets.shape() == nd::Shape{n}))
    throw nd::ValueError("cross_entropy: targets must be integer class indices of shape (" +
                         std::to_string(n) + ",), not " + nd::name(targets.dtype()) + " " +
                         nd::shape_repr_compact(targets.shape()));
  if (n > 0) {
    const std::int64_t lo = nd::min(targets).item<std::int64_t>();
    const std::int64_t hi = nd::max(targets).item<std::int64_t>();
    if (lo < 0 || hi >= classes)
      throw nd::IndexError("cross_entropy: target " + std::to_string(lo < 0 ? lo : hi) +
                           " is out of bounds for " + std::to_string(classes) + " classes");
  }
  Tensor picked = index(log_softmax(logits, 1), {nd::arange(n), targets});
  return -mean(picked);
}

}  // namespace ag
