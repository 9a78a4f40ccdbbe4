// Elementwise ops on tensors: nd's ufuncs with their gradients.
//
// Binary ops take tensors, nd::Arrays or C++ scalars on either side (constants have no
// gradient) and follow nd's broadcasting and NEP 50 promotion: a float32 tensor times
// 2.0 stays float32. Each operand's gradient is summed back to its own shape
// (ag::unbroadcast).
//
// Subgradients where the derivative does not exist, chosen as PyTorch chooses them:
//   abs'(0) = 0 (sign(0) = 0);
//   maximum/minimum: at a tie (a == b) each operand gets half the gradient;
//   clip: the gradient passes where lo <= x <= hi (bounds included), else 0;
//   sign, floor, ceil, trunc, rint, round: gradient 0 everywhere;
//   sqrt'(0) = inf, log'(0) = inf, as the formulas give; power: d(a**b)/db is taken as 0
//   where a == 0 and b >= 0 (instead of 0 * log(0) = NaN), and d/da as 0 where b == 0.
#pragma once

#include <optional>

#include "ndgrad/autograd/tensor.h"

namespace ag {

// An operand of a binary op: a tensor, or a constant (nd::Array or C++ scalar).
// Only an argument type: it points at the tensor it was made from.
class Operand {
 public:
  Operand(const Tensor& t) : tensor_(&t) {}
  Operand(const nd::Array& a) : constant_(a) {}
  Operand(const nd::ArrayLike& a) : constant_(a) {}
  template <nd::Scalar T>
  Operand(T value) : constant_(nd::ArrayLike(value)) {}

  // The tensor, or null for a constant.
  const Tensor* tensor() const { return tensor_; }
  // The operand as nd sees it (a C++ scalar stays weak).
  nd::ArrayLike like() const { return tensor_ ? nd::ArrayLike(tensor_->array()) : *constant_; }
  // The operand as an array; a weak scalar takes `dtype` (the result's, as NEP 50 does).
  nd::Array array_as(nd::DType dtype) const;
  const nd::Shape& shape() const;

 private:
  const Tensor* tensor_ = nullptr;
  std::optional<nd::ArrayLike> constant_;
};

// --- arithmetic ---------------------------------------------------------------------------
Tensor add(const Operand& a, const Operand& b);
Tensor subtract(const Operand& a, const Operand& b);
Tensor multiply(const Operand& a, const Operand& b);
Tensor divide(const Operand& a, const Operand& b);  // true division
Tensor power(const Operand& a, const Operand& b);
Tensor maximum(const Operand& a, const Operand& b);
Tensor minimum(const Operand& a, const Operand& b);
Tensor arctan2(const Operand& y, const Operand& x);

// Operators for expressions with at least one tensor (`nd::Array op nd::Array` stays
// nd's). Comparisons give nd::Array masks: they have no gradient.
Tensor operator+(const Tensor& a, const Operand& b);
Tensor operator+(const nd::ArrayLike& a, const Tensor& b);
Tensor operator-(const Tensor& a, const Operand& b);
Tensor operator-(const nd::ArrayLike& a, const Tensor& b);
Tensor operator*(const Tensor& a, const Operand& b);
Tensor operator*(const nd::ArrayLike& a, const Tensor& b);
Tensor operator/(const Tensor& a, const Operand& b);
Tensor operator/(const nd::ArrayLike& a, const Tensor& b);
Tensor operator-(const Tensor& a);
nd::Array operator<(const Tensor& a, const nd::ArrayLike& b);
nd::Array operator<=(const Tensor& a, const nd::ArrayLike& b);
nd::Array operator>(const Tensor& a, const nd::ArrayLike& b);
nd::Array operator>=(const Tensor& a, const nd::ArrayLike& b);
nd::Array operator==(const Tensor& a, const nd::ArrayLike& b);
nd::Array operator!=(const Tensor& a, const nd::ArrayLike& b);

// --- unary math ---------------------------------------------------------------------------
Tensor negative(const Tensor& x);
Tensor positive(const Tensor& x);
Tensor abs(const Tensor& x);
Tensor absolute(const Tensor& x);
Tensor square(const Tensor& x);
Tensor sqrt(const Tensor& x);
Tensor cbrt(const Tensor& x);
Tensor reciprocal(const Tensor& x);
Tensor exp(const Tensor& x);
Tensor expm1(const Tensor& x);
Tensor exp2(const Tensor& x);
Tensor log(const Tensor& x);
Tensor log1p(const Tensor& x);
Tensor log2(const Tensor& x);
Tensor log10(const Tensor& x);
Tensor sin(const Tensor& x);
Tensor cos(const Tensor& x);
Tensor tan(const Tensor& x);
Tensor arcsin(const Tensor& x);
Tensor arccos(const Tensor& x);
Tensor arctan(const Tensor& x);
Tensor sinh(const Tensor& x);
Tensor cosh(const Tensor& x);
Tensor tanh(const Tensor& x);
Tensor arcsinh(const Tensor& x);
Tensor arccosh(const Tensor& x);
Tensor arctanh(const Tensor& x);
// The error function (nd has none; SciPy's scipy.special.erf), for the exact GELU.
Tensor erf(const Tensor& x);
// Piecewise constant: gradient 0.
Tensor sign(const Tensor& x);
Tensor floor(const Tensor& x);
Tensor ceil(const Tensor& x);
Tensor trunc(const Tensor& x);
Tensor rint(const Tensor& x);
Tensor round(const Tensor& x, int decimals = 0);

// --- selections ---------------------------------------------------------------------------
// np.where(condition, x, y): the gradient goes to x where the condition holds, else to y.
Tensor where(const nd::Array& condition, const Operand& x, const Operand& y);
// np.clip with constant bounds (either may be nd::None). For bounds that are tensors,
// write ag::minimum(ag::maximum(x, lo), hi).
Tensor clip(const Tensor& x, const nd::ArrayLike& lo, const nd::ArrayLike& hi);
Tensor clip(const Tensor& x, nd::NoneType, const nd::ArrayLike& hi);
Tensor clip(const Tensor& x, const nd::ArrayLike& lo, nd::NoneType);

}  // namespace ag
