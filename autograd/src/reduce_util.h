// Shapes of reductions, shared by the reductions and the composites (internal header).
#pragma once

#include <ndgrad/core.h>

namespace ag::detail {

// `shape` with the reduced `axes` (normalised) kept as length 1.
inline nd::Shape kept_shape(const nd::Shape& shape, const nd::Shape& axes) {
  nd::Shape kept = shape;
  for (std::int64_t axis : axes) kept[axis] = 1;
  return kept;
}

// `shape` without the reduced `axes` (normalised).
inline nd::Shape removed_shape(const nd::Shape& shape, const nd::Shape& axes) {
  nd::Shape out;
  for (std::size_t d = 0; d < shape.size(); ++d) {
    bool reduced = false;
    for (std::int64_t axis : axes) reduced |= axis == std::int64_t(d);
    if (!reduced) out.push_back(shape[d]);
  }
  return out;
}

// How many elements each reduced group has.
inline std::int64_t group_size(const nd::Shape& shape, const nd::Shape& axes) {
  std::int64_t n = 1;
  for (std::int64_t axis : axes) n *= shape[axis];
  return n;
}

// A reduction's output gradient seen with the reduced axes kept (length 1), so that it
// broadcasts against the input.
inline nd::Array with_kept_axes(const nd::Array& grad, const nd::Shape& kept) {
  return grad.shape() == kept ? grad : grad.reshape(kept);
}

// `a` reversed along `axis` (a view).
inline nd::Array reversed(const nd::Array& a, std::int64_t axis) {
  std::vector<nd::Index> index(static_cast<std::size_t>(axis), nd::Slice());
  index.push_back(nd::Slice(nd::None, nd::None, -1));
  return a.index(index);
}

}  // namespace ag::detail
