// Element conversion between dtypes, and the kernel that copies one array into another
// with broadcasting and casting (internal header).
#pragma once

#include <cstdint>
#include <limits>
#include <type_traits>

#include "ndgrad/core/array.h"

namespace nd::detail {

// Float to integer conversion as NumPy performs it on x86-64: the value is truncated
// through a 32-bit (or, for int64, 64-bit) signed conversion whose out-of-range result,
// NaN included, is the "integer indefinite" INT_MIN; narrower types then wrap. Written
// out so that C++ never sees an out-of-range conversion (undefined behaviour).
template <class F>
std::int64_t truncate_to_int64(F v) {
  constexpr F lo = F(-9223372036854775808.0), hi = F(9223372036854775808.0);
  return (v >= lo && v < hi) ? static_cast<std::int64_t>(v)
                             : std::numeric_limits<std::int64_t>::min();
}
template <class F>
std::int32_t truncate_to_int32(F v) {
  constexpr F lo = F(-2147483648.0), hi = F(2147483648.0);
  return (v >= lo && v < hi) ? static_cast<std::int32_t>(v)
                             : std::numeric_limits<std::int32_t>::min();
}

// NumPy's unsafe cast of one element.
template <class To, class From>
inline To convert(From v) {
  if constexpr (std::is_same_v<To, From>) {
    return v;
  } else if constexpr (std::is_same_v<To, bool>) {
    return v != From(0);  // NaN converts to True, as in NumPy
  } else if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To>) {
    if constexpr (sizeof(To) == 8)
      return static_cast<To>(truncate_to_int64(v));
    else
      return static_cast<To>(truncate_to_int32(v));
  } else {
    return static_cast<To>(v);  // integer wrap-around is well defined since C++20
  }
}

// dst[...] = src, with src broadcast to dst's shape and cast to dst's dtype (unsafe
// casting, as NumPy's assignment). Handles overlapping memory by copying src first.
void assign(const Array& dst, const Array& src);

}  // namespace nd::detail
