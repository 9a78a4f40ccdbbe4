// Axes: the axis argument of NumPy functions. An int (negative counts from the end), a
// braced list of ints, or None / nothing for "all axes".
#pragma once

#include <cstdint>
#include <initializer_list>
#include <type_traits>

#include "ndgrad/core/index.h"
#include "ndgrad/core/shape.h"

namespace nd {

class Axes {
 public:
  Axes() = default;  // all axes
  Axes(NoneType) {}  // all axes
  template <class T>
  requires(std::is_integral_v<T> && !std::is_same_v<T, bool>) Axes(T axis)
      : list_{static_cast<std::int64_t>(axis)}, all_(false) {}
  Axes(std::initializer_list<std::int64_t> axes) : list_(axes), all_(false) {}
  explicit Axes(const Shape& axes) : list_(axes), all_(false) {}

  bool is_all() const { return all_; }
  const Shape& list() const { return list_; }

  // The axes as non-negative indices into an array of `ndim` dimensions. Out-of-range
  // axes throw AxisError("axis 2 is out of bounds for array of dimension 2"); a repeated
  // axis throws ValueError("duplicate value in 'axis'"). "All" gives 0..ndim-1.
  Shape normalize(std::int64_t ndim) const;

 private:
  Shape list_;
  bool all_ = true;
};

// One axis made non-negative, with NumPy's AxisError text; `prefix` names the argument
// in functions that have several ("axis1: ").
std::int64_t normalize_axis(std::int64_t axis, std::int64_t ndim, const char* prefix = "");

}  // namespace nd
