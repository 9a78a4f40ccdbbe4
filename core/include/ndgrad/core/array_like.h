// ArrayLike: what NumPy calls array_like, here an nd::Array or a C++ scalar. Scalars are
// "weak" in NumPy 2's promotion (NEP 50): only their kind counts, so uint8_array + 50
// stays uint8 and float32_array * 2.0 stays float32.
#pragma once

#include <vector>

#include "ndgrad/core/array.h"

namespace nd {

class ArrayLike {
 public:
  ArrayLike(const Array& a) : array_(a), weak_(false) {}
  template <Scalar T>
  ArrayLike(T value) : array_(scalar_of(value)), weak_(true) {}

  // The operand as an array; a scalar is a 0-d array of its default dtype.
  const Array& array() const { return array_; }
  bool is_weak_scalar() const { return weak_; }
  // The operand as an array of `dtype`. A weak integer that does not fit throws
  // OverflowError("Python integer 300 out of bounds for uint8"), as NumPy 2 does.
  Array as_dtype(DType dtype) const;

 private:
  Array array_;
  bool weak_;
};

// NumPy 2's result_type for two operands: the array-array table, with weak scalars
// contributing only their kind.
DType result_type(const ArrayLike& a, const ArrayLike& b);
DType result_type(const std::vector<ArrayLike>& operands);

}  // namespace nd
