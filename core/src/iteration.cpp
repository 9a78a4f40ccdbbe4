#include "iteration.h"

#include <algorithm>
#include <numeric>

#include "ndgrad/core/creation.h"

namespace nd::detail {

Shape broadcast_strides(const Array& a, const Shape& shape) {
  Shape out(shape.size(), 0);
  const std::size_t lead = shape.size() - a.shape().size();
  for (std::size_t d = 0; d < a.shape().size(); ++d)
    if (a.shape()[d] != 1) out[lead + d] = a.strides()[d];
  return out;
}

Array empty_like_layout(const Shape& shape, DType dtype, const Array* like) {
  const std::int64_t item = nd::itemsize(dtype);
  if (like == nullptr || !(like->shape() == shape) || like->is_c_contiguous() || shape.size() < 2 ||
      shape.product() == 0)
    return empty(shape, dtype);
  // Lay the axes out from the largest |stride| of `like` to the smallest (stable, so
  // ties keep C order), then give them contiguous strides in that order.
  std::vector<std::size_t> order(shape.size());
  std::iota(order.begin(), order.end(), 0);
  auto magnitude = [&](std::size_t d) {
    std::int64_t s = like->strides()[d];
    return s < 0 ? -s : s;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return magnitude(a) > magnitude(b); });
  Shape strides(shape.size());
  std::int64_t step = item;
  for (std::size_t i = order.size(); i-- > 0;) {
    strides[order[i]] = step;
    step *= std::max<std::int64_t>(shape[order[i]], 1);
  }
  return Array(Storage::allocate(shape.product() * item), dtype, shape, strides, 0);
}

}  // namespace nd::detail
