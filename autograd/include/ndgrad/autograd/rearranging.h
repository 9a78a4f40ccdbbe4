// Rearranging elements: pad (every mode), flip, roll, repeat, tile, and the triangles
// tril/triu, with nd's signatures. Each output element is one input element (or a
// constant, or for pad's "linear_ramp", "mean", "maximum" and "minimum" modes a function
// of a few), so each gradient adds the output's gradient back to where it came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "ndgrad/autograd/tensor.h"

namespace ag {

// np.pad. The padded values of "constant" and "empty" have no gradient; "edge",
// "reflect", "symmetric" and "wrap" copy elements, which get the copies' gradients;
// "linear_ramp" values mix the edge and the constant end value; "maximum"/"minimum"
// pass theirs to the extreme elements (shared at ties), "mean" to every element.
Tensor pad(const Tensor& x, const nd::PadWidth& pad_width, const std::string& mode = "constant",
           const nd::ArrayLike& value = 0);
Tensor flip(const Tensor& x, const nd::Axes& axis = {});
Tensor roll(const Tensor& x, const std::vector<std::int64_t>& shift, const nd::Axes& axis = {});
template <class Int>
requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool>) Tensor
    roll(const Tensor& x, Int shift, const nd::Axes& axis = {}) {
  return roll(x, std::vector<std::int64_t>{static_cast<std::int64_t>(shift)}, axis);
}
Tensor repeat(const Tensor& x, std::int64_t repeats, std::optional<std::int64_t> axis = {});
Tensor repeat(const Tensor& x, const std::vector<std::int64_t>& repeats,
              std::optional<std::int64_t> axis = {});
Tensor tile(const Tensor& x, const nd::Shape& reps);
Tensor tile(const Tensor& x, std::int64_t reps);
// Lower / upper triangle of the last two axes; the gradient is masked the same way.
Tensor tril(const Tensor& x, std::int64_t k = 0);
Tensor triu(const Tensor& x, std::int64_t k = 0);

}  // namespace ag
