// ArrayLike: what NumPy calls array_like, here an nd::Array or a C++ scalar. Scalars are
// "weak" in NumPy 2's promotion (NEP 50): only their kind counts, so uint8_array + 50
// stays uint8 and float32_array * 2.0 stays float32.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>
#include <vector>

#include "ndgrad/core/array.h"

namespace nd {

class ArrayLike {
 public:
  ArrayLike(const Array& a) : array_(a), weak_(false) {}
  template <Scalar T>
  ArrayLike(T value) : array_(scalar_of(value)), weak_(true) {
    // An unsigned 64-bit value above int64's range is a Python int that no ndgrad integer
    // dtype holds: keep it exactly, to convert it to floats or refuse it for integers.
    if constexpr (std::is_unsigned_v<T> && sizeof(T) == sizeof(std::uint64_t))
      if (value > std::uint64_t(std::numeric_limits<std::int64_t>::max())) set_huge(value);
  }

  // The operand as an array; a scalar is a 0-d array of its default dtype (float64 for
  // an integer beyond int64's range).
  const Array& array() const { return array_; }
  bool is_weak_scalar() const { return weak_; }
  // The dtype the operand brings to promotion: the array's own, or for a scalar the
  // default of its kind (bool, int64, float64; any integer counts as int64).
  DType dtype() const { return huge_ ? int64 : array_.dtype(); }
  // Whether as_dtype(dtype) succeeds: false only for a weak integer outside the range
  // of the integer dtype `dtype`.
  bool fits(DType dtype) const;
  // The operand as an array of `dtype`. A weak integer that does not fit throws
  // OverflowError("Python integer 300 out of bounds for uint8"), as NumPy 2 does.
  Array as_dtype(DType dtype) const;

 private:
  void set_huge(std::uint64_t value);

  Array array_;
  bool weak_;
  std::optional<std::uint64_t> huge_;  // a scalar integer above int64's range
};

// NumPy 2's result_type for two operands: the array-array table, with weak scalars
// contributing only their kind.
DType result_type(const ArrayLike& a, const ArrayLike& b);
DType result_type(const std::vector<ArrayLike>& operands);

}  // namespace nd
