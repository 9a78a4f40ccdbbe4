#include "ndgrad/core/comparison.h"

#include <cmath>

#include "ndgrad/core/errors.h"
#include "ndgrad/core/reductions.h"
#include "ndgrad/core/shape_ops.h"
#include "ndgrad/core/ufuncs.h"

namespace nd {

namespace {

// NumPy makes the reference operand inexact first, so that abs() of the most negative
// integer cannot overflow: integers and bools become float64, a weak int a weak float.
ArrayLike inexact(const ArrayLike& b) {
  if (is_floating(b.dtype())) return b;
  if (b.is_weak_scalar()) return ArrayLike(b.as_dtype(float64).item<double>());
  return ArrayLike(b.array().astype(float64));
}

bool all_true(const Array& condition) {
  return nd::all(condition).item<bool>();
}

bool broadcastable(const Shape& a, const Shape& b) {
  try {
    broadcast_shapes({a, b});
    return true;
  } catch (const ValueError&) {
    return false;
  }
}

}  // namespace

// NumPy 2's formula: (|a - b| <= atol + rtol * |b|) & isfinite(b) | (a == b). The
// isfinite term keeps an infinite tolerance from accepting everything; the equality term
// lets inf match inf.
Array isclose(const ArrayLike& a, const ArrayLike& b_in, double rtol, double atol, bool equal_nan) {
  const ArrayLike b = inexact(b_in);
  // A scalar b keeps the tolerance a weak scalar too, so a float32 `a` compares in float32.
  const ArrayLike tolerance = b.is_weak_scalar()
                                  ? ArrayLike(atol + rtol * std::fabs(b.array().item<double>()))
                                  : ArrayLike(add(atol, multiply(rtol, nd::abs(b.array()))));
  const Array within = less_equal(nd::abs(subtract(a, b)), tolerance);
  Array result = logical_or(logical_and(within, isfinite(b.array())), equal(a, b));
  if (equal_nan) result = logical_or(result, logical_and(isnan(a.array()), isnan(b.array())));
  return result;
}

bool allclose(const ArrayLike& a, const ArrayLike& b, double rtol, double atol, bool equal_nan) {
  return all_true(isclose(a, b, rtol, atol, equal_nan));
}

bool array_equal(const ArrayLike& a1, const ArrayLike& a2, bool equal_nan) {
  const Array& x = a1.array();
  const Array& y = a2.array();
  if (!(x.shape() == y.shape())) return false;
  Array same = equal(a1, a2);
  if (equal_nan && is_floating(x.dtype()) && is_floating(y.dtype()))
    same = logical_or(same, logical_and(isnan(x), isnan(y)));
  return all_true(same);
}

bool array_equiv(const ArrayLike& a1, const ArrayLike& a2) {
  if (!broadcastable(a1.array().shape(), a2.array().shape())) return false;
  return all_true(equal(a1, a2));
}

}  // namespace nd
