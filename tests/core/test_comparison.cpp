// isclose, allclose, array_equal and array_equiv against NumPy (tests/gen_comparison.py):
// tolerances scaled by |b| only, infinities, NaNs with and without equal_nan, integer and
// bool operands, broadcasting, empty arrays.
#include <ndgrad/core.h>

#include <map>

#include "support/test_support.h"

namespace {

using Results = std::map<std::string, nd::Array>;

TEST(Comparison, MatchesNumPyOnEveryCase) {
  Results want = nd::load_npz(nd_test::fixture_path("comparison/cases.npz"));
  int cases = 0;
  for (int i = 0; want.count("a_" + std::to_string(i)) != 0; ++i, ++cases) {
    const std::string n = std::to_string(i);
    SCOPED_TRACE("case " + n);
    const nd::Array a = want.at("a_" + n), b = want.at("b_" + n), p = want.at("params_" + n);
    const double rtol = p.index({0}).item<double>(), atol = p.index({1}).item<double>();
    const bool equal_nan = p.index({2}).item<double>() != 0;
    EXPECT_TRUE(nd_test::arrays_identical(nd::isclose(a, b, rtol, atol, equal_nan),
                                          want.at("isclose_" + n)));
    EXPECT_EQ(nd::allclose(a, b, rtol, atol, equal_nan), want.at("allclose_" + n).item<bool>());
    EXPECT_EQ(nd::array_equal(a, b), want.at("array_equal_" + n).item<bool>());
    EXPECT_EQ(nd::array_equal(a, b, true), want.at("array_equal_nan_" + n).item<bool>());
    EXPECT_EQ(nd::array_equiv(a, b), want.at("array_equiv_" + n).item<bool>());
  }
  EXPECT_EQ(cases, 14);
}

TEST(Comparison, ScalarsAreWeak) {
  // np.isclose(np.float32([1, 1.0000001]), 1.0, rtol=0, atol=0): compared in float32.
  nd::Array f = nd::array({1.0f, 1.0000001f});
  EXPECT_TRUE(nd_test::arrays_identical(nd::isclose(f, 1.0, 0.0, 0.0), nd::array({true, false})));
  EXPECT_TRUE(nd::allclose(nd::array({1, 2}), nd::array({1.0, 2.0000001})));
  EXPECT_TRUE(nd::allclose(2, 2.0));
  EXPECT_EQ(nd::isclose(1.0, 1.0).ndim(), 0);
}

TEST(Comparison, AllcloseRefusesShapesThatDoNotBroadcast) {
  try {
    nd::allclose(nd::zeros({2}), nd::zeros({3}));
    FAIL();
  } catch (const nd::ValueError& e) {
    EXPECT_STREQ(e.what(), "operands could not be broadcast together with shapes (2,) (3,) ");
  }
  EXPECT_FALSE(nd::array_equal(nd::zeros({2}), nd::zeros({3})));
  EXPECT_FALSE(nd::array_equiv(nd::zeros({2}), nd::zeros({3})));
}

}  // namespace
