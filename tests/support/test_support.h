// Helpers shared by the test files: where fixtures live and array comparisons that
// print both arrays on failure.
#pragma once

#include <gtest/gtest.h>

#include <ndgrad/core.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

namespace nd_test {

inline std::string fixture_path(const std::string& name) {
  return std::string(NDGRAD_FIXTURES_DIR) + "/" + name;
}

inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline ::testing::AssertionResult same_dtype_and_shape(const nd::Array& actual,
                                                       const nd::Array& expected) {
  if (actual.dtype() != expected.dtype())
    return ::testing::AssertionFailure()
           << "dtype " << nd::name(actual.dtype()) << " != " << nd::name(expected.dtype());
  if (!(actual.shape() == expected.shape()))
    return ::testing::AssertionFailure()
           << "shape " << actual.shape() << " != " << expected.shape();
  return ::testing::AssertionSuccess();
}

// Same dtype, same shape and every element bit-identical (NaNs compare equal to NaNs).
inline ::testing::AssertionResult arrays_identical(const nd::Array& actual,
                                                   const nd::Array& expected) {
  if (auto same = same_dtype_and_shape(actual, expected); !same) return same;
  nd::Array a = nd::ascontiguousarray(actual), e = nd::ascontiguousarray(expected);
  const auto* pa = reinterpret_cast<const unsigned char*>(a.bytes());
  const auto* pe = reinterpret_cast<const unsigned char*>(e.bytes());
  for (std::int64_t i = 0; i < a.nbytes(); ++i)
    if (pa[i] != pe[i]) return ::testing::AssertionFailure() << "byte " << i << " differs";
  return ::testing::AssertionSuccess();
}

// Same dtype and shape, and |actual - expected| <= atol + rtol * |expected| elementwise
// (np.allclose's rule, NaNs equal): for results whose summation order may differ from
// NumPy's BLAS/LAPACK.
inline ::testing::AssertionResult arrays_close(const nd::Array& actual, const nd::Array& expected,
                                               double rtol, double atol = 0.0) {
  if (auto same = same_dtype_and_shape(actual, expected); !same) return same;
  nd::Array a = nd::ascontiguousarray(actual.astype(nd::float64));
  nd::Array e = nd::ascontiguousarray(expected.astype(nd::float64));
  const double* pa = a.data<double>();
  const double* pe = e.data<double>();
  for (std::int64_t i = 0; i < a.size(); ++i) {
    if (std::isnan(pa[i]) && std::isnan(pe[i])) continue;
    if (!(std::fabs(pa[i] - pe[i]) <= atol + rtol * std::fabs(pe[i])))
      return ::testing::AssertionFailure()
             << "element " << i << ": " << pa[i] << " != " << pe[i] << " (rtol " << rtol
             << ", atol " << atol << ")";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace nd_test
