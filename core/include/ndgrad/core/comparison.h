// Whole-array comparisons: NumPy's isclose, allclose, array_equal and array_equiv.
#pragma once

#include "ndgrad/core/array.h"
#include "ndgrad/core/array_like.h"

namespace nd {

// Elementwise |a - b| <= atol + rtol * |b| (not symmetric in a and b, as NumPy's),
// broadcasting a with b. Infinities are close only to the same infinity; NaNs are close
// to nothing unless equal_nan. Integer operands compare as float64.
Array isclose(const ArrayLike& a, const ArrayLike& b, double rtol = 1e-05, double atol = 1e-08,
              bool equal_nan = false);
// True when every element of isclose(a, b, ...) is; throws ValueError if a and b do not
// broadcast.
bool allclose(const ArrayLike& a, const ArrayLike& b, double rtol = 1e-05, double atol = 1e-08,
              bool equal_nan = false);
// Same shape and equal elements; false (no error) for different shapes. With equal_nan,
// NaN equals NaN.
bool array_equal(const ArrayLike& a1, const ArrayLike& a2, bool equal_nan = false);
// Shapes that broadcast together and equal elements; false (no error) otherwise.
bool array_equiv(const ArrayLike& a1, const ArrayLike& a2);

}  // namespace nd
