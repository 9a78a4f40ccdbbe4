#include "ndgrad/core/axes.h"

#include "ndgrad/core/errors.h"

namespace nd {

std::int64_t normalize_axis(std::int64_t axis, std::int64_t ndim, const char* prefix) {
  if (axis < -ndim || axis >= ndim)
    throw AxisError(std::string(prefix) + "axis " + std::to_string(axis) +
                    " is out of bounds for array of dimension " + std::to_string(ndim));
  return axis < 0 ? axis + ndim : axis;
}

Shape Axes::normalize(std::int64_t ndim) const {
  Shape out;
  if (all_) {
    for (std::int64_t i = 0; i < ndim; ++i) out.push_back(i);
    return out;
  }
  for (std::int64_t axis : list_) {
    std::int64_t a = normalize_axis(axis, ndim);
    for (std::int64_t seen : out)
      if (seen == a) throw ValueError("duplicate value in 'axis'");
    out.push_back(a);
  }
  return out;
}

}  // namespace nd
