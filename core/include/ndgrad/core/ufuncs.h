// Universal functions: elementwise operations with NumPy's broadcasting and NumPy 2's
// type promotion (C++ scalars are weak, see ArrayLike). Every function also has a form
// with an `out` array (NumPy's out=): the inputs broadcast to out's shape, which must
// accept the result under same_kind casting; out may overlap the inputs (an input that
// overlaps it other than element for element is copied first, as NumPy does). Results
// are allocated in the memory order NumPy gives them (order 'K').
//
// Where NumPy computes in a dtype ndgrad lacks, ndgrad uses the next one: float16
// results (exp, sqrt, arctan2, ... of bool and uint8) are float32, and int8 results of
// two bools (floor_divide, mod, power, square, reciprocal) are int64.
#pragma once

#include "ndgrad/core/array.h"
#include "ndgrad/core/array_like.h"

#include <optional>

namespace nd {

#define NDGRAD_DECLARE_BINARY(name)                   \
  Array name(const ArrayLike& a, const ArrayLike& b); \
  Array name(const ArrayLike& a, const ArrayLike& b, const Array& out);

// Arithmetic.
NDGRAD_DECLARE_BINARY(add)
NDGRAD_DECLARE_BINARY(subtract)
NDGRAD_DECLARE_BINARY(multiply)
NDGRAD_DECLARE_BINARY(divide)  // true division: integers give float64
NDGRAD_DECLARE_BINARY(true_divide)
NDGRAD_DECLARE_BINARY(floor_divide)
NDGRAD_DECLARE_BINARY(mod)  // Python's %: the sign of the divisor
NDGRAD_DECLARE_BINARY(remainder)
NDGRAD_DECLARE_BINARY(power)
NDGRAD_DECLARE_BINARY(maximum)  // NaN propagates
NDGRAD_DECLARE_BINARY(minimum)
NDGRAD_DECLARE_BINARY(fmax)  // NaN is ignored
NDGRAD_DECLARE_BINARY(fmin)
NDGRAD_DECLARE_BINARY(arctan2)
// Comparisons (bool results). As in NumPy 2, comparing integers with a C++ integer
// outside their dtype's range gives the exact answer (uint8_array < 300 is all true).
NDGRAD_DECLARE_BINARY(equal)
NDGRAD_DECLARE_BINARY(not_equal)
NDGRAD_DECLARE_BINARY(less)
NDGRAD_DECLARE_BINARY(less_equal)
NDGRAD_DECLARE_BINARY(greater)
NDGRAD_DECLARE_BINARY(greater_equal)
// Logic on truth values, and bits of bools and integers.
NDGRAD_DECLARE_BINARY(logical_and)
NDGRAD_DECLARE_BINARY(logical_or)
NDGRAD_DECLARE_BINARY(logical_xor)
NDGRAD_DECLARE_BINARY(bitwise_and)
NDGRAD_DECLARE_BINARY(bitwise_or)
NDGRAD_DECLARE_BINARY(bitwise_xor)
#undef NDGRAD_DECLARE_BINARY

#define NDGRAD_DECLARE_UNARY(name) \
  Array name(const Array& a);      \
  Array name(const Array& a, const Array& out);

NDGRAD_DECLARE_UNARY(negative)
NDGRAD_DECLARE_UNARY(positive)
NDGRAD_DECLARE_UNARY(logical_not)
NDGRAD_DECLARE_UNARY(invert)  // bitwise not; logical not for bool
NDGRAD_DECLARE_UNARY(abs)
NDGRAD_DECLARE_UNARY(absolute)
NDGRAD_DECLARE_UNARY(sign)
NDGRAD_DECLARE_UNARY(square)
NDGRAD_DECLARE_UNARY(reciprocal)
// Floating-point functions: integer inputs are computed in float64 (bool and uint8 in
// float32, where NumPy uses float16, which ndgrad does not have).
NDGRAD_DECLARE_UNARY(exp)
NDGRAD_DECLARE_UNARY(expm1)
NDGRAD_DECLARE_UNARY(exp2)
NDGRAD_DECLARE_UNARY(log)
NDGRAD_DECLARE_UNARY(log1p)
NDGRAD_DECLARE_UNARY(log2)
NDGRAD_DECLARE_UNARY(log10)
NDGRAD_DECLARE_UNARY(sqrt)
NDGRAD_DECLARE_UNARY(cbrt)
NDGRAD_DECLARE_UNARY(sin)
NDGRAD_DECLARE_UNARY(cos)
NDGRAD_DECLARE_UNARY(tan)
NDGRAD_DECLARE_UNARY(arcsin)
NDGRAD_DECLARE_UNARY(arccos)
NDGRAD_DECLARE_UNARY(arctan)
NDGRAD_DECLARE_UNARY(sinh)
NDGRAD_DECLARE_UNARY(cosh)
NDGRAD_DECLARE_UNARY(tanh)
NDGRAD_DECLARE_UNARY(arcsinh)
NDGRAD_DECLARE_UNARY(arccosh)
NDGRAD_DECLARE_UNARY(arctanh)
NDGRAD_DECLARE_UNARY(floor)
NDGRAD_DECLARE_UNARY(ceil)
NDGRAD_DECLARE_UNARY(trunc)
NDGRAD_DECLARE_UNARY(rint)
// Predicates (bool results).
NDGRAD_DECLARE_UNARY(isnan)
NDGRAD_DECLARE_UNARY(isinf)
NDGRAD_DECLARE_UNARY(isfinite)
NDGRAD_DECLARE_UNARY(signbit)
#undef NDGRAD_DECLARE_UNARY

// NumPy's round / around: half to even at the given decimal (negative decimals round
// to tens, hundreds, ...), computed as NumPy does (scale, rint, scale back), so results
// match NumPy's bits, including its inexact results for many decimals.
Array round(const Array& a, int decimals = 0);
Array around(const Array& a, int decimals = 0);

// np.where(cond, x, y): elements of x where cond holds, else of y (broadcast together).
Array where(const Array& condition, const ArrayLike& x, const ArrayLike& y);
// np.clip(a, lo, hi[, out]); either bound may be nd::None.
Array clip(const Array& a, const ArrayLike& lo, const ArrayLike& hi);
Array clip(const Array& a, const ArrayLike& lo, const ArrayLike& hi, const Array& out);
Array clip(const Array& a, NoneType, const ArrayLike& hi);
Array clip(const Array& a, const ArrayLike& lo, NoneType);
Array clip(const Array& a, NoneType, const ArrayLike& hi, const Array& out);
Array clip(const Array& a, const ArrayLike& lo, NoneType, const Array& out);
// np.nan_to_num: NaN to `nan`, +inf to `posinf`, -inf to `neginf` (defaults: 0 and the
// dtype's largest / lowest finite values). Integer arrays come back unchanged (a copy).
Array nan_to_num(const Array& a, double nan = 0.0, std::optional<double> posinf = {},
                 std::optional<double> neginf = {});

// C++ operators, one per ufunc. `a == b` is elementwise, as in NumPy.
#define NDGRAD_BINARY_OPERATOR(op, fn)                       \
  inline Array operator op(const Array& a, const Array& b) { \
    return fn(a, b);                                         \
  }                                                          \
  template <Scalar T>                                        \
  Array operator op(const Array& a, T b) {                   \
    return fn(a, b);                                         \
  }                                                          \
  template <Scalar T>                                        \
  Array operator op(T a, const Array& b) {                   \
    return fn(a, b);                                         \
  }

namespace detail {
// Whether `temp`, an operand nothing else holds, can take the result of an arithmetic
// op with `other`: floating, writeable, C-contiguous, and already of the result's dtype
// and shape.
bool can_elide(const Array& temp, const ArrayLike& other);
}  // namespace detail

// Arithmetic on a temporary writes into the temporary, as NumPy's temporary elision
// does: `a * b + c` makes one new array, not two, and moves a third less memory.
#define NDGRAD_ELIDING_OPERATOR(op, fn)                      \
  NDGRAD_BINARY_OPERATOR(op, fn)                             \
  inline Array operator op(Array&& a, const Array& b) {      \
    return detail::can_elide(a, b) ? fn(a, b, a) : fn(a, b); \
  }                                                          \
  inline Array operator op(const Array& a, Array&& b) {      \
    return detail::can_elide(b, a) ? fn(a, b, b) : fn(a, b); \
  }                                                          \
  inline Array operator op(Array&& a, Array&& b) {           \
    if (detail::can_elide(a, b)) return fn(a, b, a);         \
    return detail::can_elide(b, a) ? fn(a, b, b) : fn(a, b); \
  }                                                          \
  template <Scalar T>                                        \
  Array operator op(Array&& a, T b) {                        \
    return detail::can_elide(a, b) ? fn(a, b, a) : fn(a, b); \
  }                                                          \
  template <Scalar T>                                        \
  Array operator op(T a, Array&& b) {                        \
    return detail::can_elide(b, a) ? fn(a, b, b) : fn(a, b); \
  }
NDGRAD_ELIDING_OPERATOR(+, add)
NDGRAD_ELIDING_OPERATOR(-, subtract)
NDGRAD_ELIDING_OPERATOR(*, multiply)
NDGRAD_ELIDING_OPERATOR(/, divide)
#undef NDGRAD_ELIDING_OPERATOR
NDGRAD_BINARY_OPERATOR(%, mod)
NDGRAD_BINARY_OPERATOR(==, equal)
NDGRAD_BINARY_OPERATOR(!=, not_equal)
NDGRAD_BINARY_OPERATOR(<, less)
NDGRAD_BINARY_OPERATOR(<=, less_equal)
NDGRAD_BINARY_OPERATOR(>, greater)
NDGRAD_BINARY_OPERATOR(>=, greater_equal)
NDGRAD_BINARY_OPERATOR(&, bitwise_and)
NDGRAD_BINARY_OPERATOR(|, bitwise_or)
NDGRAD_BINARY_OPERATOR(^, bitwise_xor)
#undef NDGRAD_BINARY_OPERATOR

inline Array operator-(const Array& a) {
  return negative(a);
}
inline Array operator~(const Array& a) {
  return invert(a);
}
inline Array operator!(const Array& a) {
  return logical_not(a);
}

// In-place operators write into `a` (and so into whatever `a` views), with NumPy's
// same_kind check: `int_array *= 1.5` throws TypeError.
#define NDGRAD_INPLACE_OPERATOR(op, fn)                     \
  inline Array& operator op(Array& a, const ArrayLike& b) { \
    fn(a, b, a);                                            \
    return a;                                               \
  }
NDGRAD_INPLACE_OPERATOR(+=, add)
NDGRAD_INPLACE_OPERATOR(-=, subtract)
NDGRAD_INPLACE_OPERATOR(*=, multiply)
NDGRAD_INPLACE_OPERATOR(/=, divide)
NDGRAD_INPLACE_OPERATOR(%=, mod)
NDGRAD_INPLACE_OPERATOR(&=, bitwise_and)
NDGRAD_INPLACE_OPERATOR(|=, bitwise_or)
NDGRAD_INPLACE_OPERATOR(^=, bitwise_xor)
#undef NDGRAD_INPLACE_OPERATOR

}  // namespace nd
