// Helpers for the autograd tests: deterministic inputs and gradcheck as a gtest
// assertion that prints the worst element on failure.
#pragma once

#include <ndgrad/autograd.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace ag_test {

// Values spread over [-2, 2) from a fixed linear congruential sequence: the same inputs
// on every run and machine, no dependence on nd::random.
inline nd::Array uniform(const nd::Shape& shape, std::uint32_t seed, double lo = -2.0,
                         double hi = 2.0) {
  nd::Array a = nd::empty(shape, nd::float64);
  double* p = a.data<double>();
  std::uint32_t state = seed * 2654435761u + 1u;
  for (std::int64_t i = 0; i < a.size(); ++i) {
    state = state * 1664525u + 1013904223u;
    p[i] = lo + (hi - lo) * ((state >> 8) * (1.0 / 16777216.0));
  }
  return a;
}

// A float64 leaf requiring gradients.
inline ag::Tensor param(const nd::Shape& shape, std::uint32_t seed, double lo = -2.0,
                        double hi = 2.0) {
  return ag::Tensor(uniform(shape, seed, lo, hi), true);
}

inline ::testing::AssertionResult gradcheck_ok(const ag::GradcheckFunction& fn,
                                               const std::vector<ag::Tensor>& inputs,
                                               double atol = 1e-6, double rtol = 1e-5) {
  ag::GradcheckResult r = ag::gradcheck(fn, inputs, 1e-6, atol, rtol);
  if (r.ok && r.checked > 0) return ::testing::AssertionSuccess() << ag::to_string(r);
  if (r.checked == 0) return ::testing::AssertionFailure() << "nothing was checked";
  return ::testing::AssertionFailure() << ag::to_string(r);
}

// |a - b| <= atol + rtol * |b| elementwise, same shape; prints the first difference.
inline ::testing::AssertionResult all_close(const nd::Array& actual, const nd::Array& expected,
                                            double rtol, double atol) {
  if (!(actual.shape() == expected.shape()))
    return ::testing::AssertionFailure()
           << "shape " << actual.shape() << " != " << expected.shape();
  nd::Array a = nd::ascontiguousarray(actual, nd::float64).reshape({actual.size()});
  nd::Array e = nd::ascontiguousarray(expected, nd::float64).reshape({expected.size()});
  for (std::int64_t i = 0; i < a.size(); ++i) {
    const double x = a.data<double>()[i], y = e.data<double>()[i];
    if (!(std::abs(x - y) <= atol + rtol * std::abs(y)))
      return ::testing::AssertionFailure() << "element " << i << ": " << x << " vs " << y;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace ag_test
