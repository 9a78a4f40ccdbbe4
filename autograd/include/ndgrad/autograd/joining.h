// Joining and splitting tensors: concatenate, stack and split, with nd's signatures.
// The gradient of a join is cut back into pieces; the pieces of a split are slices of
// the input, whose gradients are written into one buffer.
#pragma once

#include <cstdint>
#include <optional>
#include <type_traits>
#include <vector>

#include "ndgrad/autograd/tensor.h"

namespace ag {

Tensor concatenate(const std::vector<Tensor>& tensors, std::optional<std::int64_t> axis = 0);
Tensor stack(const std::vector<Tensor>& tensors, std::int64_t axis = 0);
// `sections` equal pieces (nd::ValueError when the axis does not divide), or the pieces
// between the given indices, as nd::split.
std::vector<Tensor> split(const Tensor& x, const std::vector<std::int64_t>& indices,
                          std::int64_t axis = 0);
std::vector<Tensor> split_sections(const Tensor& x, std::int64_t sections, std::int64_t axis = 0);
template <class Int>
requires(std::is_integral_v<Int> &&
         !std::is_same_v<Int, bool>) std::vector<Tensor> split(const Tensor& x, Int sections,
                                                               std::int64_t axis = 0) {
  return split_sections(x, static_cast<std::int64_t>(sections), axis);
}

}  // namespace ag
