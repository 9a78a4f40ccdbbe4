// The "Array math" block of shared/API.md, compiled unchanged, and every statement's
// result checked against NumPy's for the same statement (tests/gen_api.py).
#include <ndgrad/core.h>

#include <cmath>
#include <map>

#include "support/test_support.h"

namespace {

using Results = std::map<std::string, nd::Array>;

TEST(ApiMathBlock, CompilesAndRuns) {
  // clang-format off
  // ---- begin: shared/API.md, "Array math" ----
nd::Array a = nd::arange(0, 24, 2).reshape({3, 4});
nd::sum(a); nd::sum(a, 1, true); nd::mean(a, 0, true); nd::mean(a, {0, 1}, true);
nd::max(a, 1, true); nd::min(a, 1, true); nd::prod(a, 1, true); nd::std(a, -1, true);
nd::var(a, -1, true); nd::argmax(a); nd::argmax(a, 1); nd::cumsum(a, 0);
nd::where(a > 5, a, 0.0); nd::clip(a, 0, 255); nd::maximum(a, 0); nd::minimum(a, 3);
nd::exp(a); nd::log(a); nd::sqrt(a); nd::tanh(a); nd::abs(a); nd::floor(a);
nd::nan_to_num(nd::array({1.0, NAN, INFINITY}));
nd::multiply(a, 2, a);                                 // np.multiply(a, 2, out=a)
a -= 3;                                                // in place; `a *= 1.2` on this int64
                                                       // array throws nd::TypeError, as NumPy does
nd::Array a1 = nd::linspace(-3, 3, 1000).astype(nd::float32);
a1 -= nd::mean(a1); a1 /= nd::std(a1); a1 *= 1.2f;     // stays float32, no temporaries
nd::clip(a1, -1, 1, a1);                               // np.clip(a1, -1, 1, out=a1)
nd::argsort(a, -1); nd::sort(a, 0); nd::unique(nd::array({5, 5, 2, 8, 2, 1}));
nd::isin(nd::array({101, 2045, 300, 102}), nd::array({101, 102}));
nd::percentile(nd::array({10, 15, 200, 12, 18, 500}), 95);   // 425.0
nd::median(a); nd::argpartition(a, 2, -1);
nd::concatenate({a, a}, 1); nd::stack({a, a}, 0); nd::hstack({a, a}); nd::vstack({a, a});
nd::repeat(nd::full({1, 1}, 1), 3, 1); nd::tile(a, {3, 1}); nd::flip(a, 1);
nd::roll(a, 10, 1); nd::pad(a, {{0, 0}, {2, 2}}, "constant", 255);
nd::pad(a, {{1, 1}, {1, 1}}, "reflect"); nd::pad(a, {{1, 1}, {1, 1}}, "edge");
nd::split(a, 2, 1); nd::take_along_axis(a, nd::argsort(a, 1), 1);
  // ---- end ----
  // clang-format on
  Results want = nd::load_npz(nd_test::fixture_path("api/math_block.npz"));
  EXPECT_TRUE(nd_test::arrays_identical(a, want.at("a_final")));
  EXPECT_TRUE(nd_test::arrays_identical(a1, want.at("a1_final")));
  EXPECT_EQ(a1.dtype(), nd::float32);
  nd::Array b = a.copy();
  EXPECT_THROW(b *= 1.2, nd::TypeError);
}

// The same statements again, each result compared with NumPy's.
TEST(ApiMathBlock, ResultsMatchNumPy) {
  Results want = nd::load_npz(nd_test::fixture_path("api/math_block.npz"));
  nd::Array a = nd::arange(0, 24, 2).reshape({3, 4});
  auto check = [&](const std::string& key, const nd::Array& got) {
    SCOPED_TRACE(key);
    EXPECT_TRUE(nd_test::arrays_identical(got, want.at(key)));
  };
  check("sum", nd::sum(a));
  check("sum1k", nd::sum(a, 1, true));
  check("mean0k", nd::mean(a, 0, true));
  check("mean01k", nd::mean(a, {0, 1}, true));
  check("max1k", nd::max(a, 1, true));
  check("min1k", nd::min(a, 1, true));
  check("prod1k", nd::prod(a, 1, true));
  check("std", nd::std(a, -1, true));
  check("var", nd::var(a, -1, true));
  check("argmax", nd::argmax(a));
  check("argmax1", nd::argmax(a, 1));
  check("cumsum0", nd::cumsum(a, 0));
  check("where", nd::where(a > 5, a, 0.0));
  check("clip", nd::clip(a, 0, 255));
  check("maximum", nd::maximum(a, 0));
  check("minimum", nd::minimum(a, 3));
  check("abs", nd::abs(a));
  check("floor", nd::floor(a));
  check("sqrt", nd::sqrt(a));  // correctly rounded in both
  // exp, log and tanh come from different libm/SIMD implementations: within 2 ulp.
  for (const char* fn : {"exp", "log", "tanh"}) {
    nd::Array got = std::string(fn) == "exp" ? nd::exp(a) : std::string(fn) == "log" ? nd::log(a) : nd::tanh(a);
    nd::Array expected = want.at(fn);
    for (std::int64_t i = 0; i < got.size(); ++i) {
      double g = got.ravel().index({i}).item<double>(), e = expected.ravel().index({i}).item<double>();
      if (std::isinf(e)) EXPECT_EQ(g, e) << fn;
      else EXPECT_NEAR(g, e, 2 * std::abs(e) * 2.3e-16) << fn << " at " << i;
    }
  }
  check("nan_to_num", nd::nan_to_num(nd::array({1.0, NAN, INFINITY})));
  nd::multiply(a, 2, a);
  a -= 3;
  check("argsort", nd::argsort(a, -1));
  check("sort0", nd::sort(a, 0));
  check("unique", nd::unique(nd::array({5, 5, 2, 8, 2, 1})).values);
  check("isin", nd::isin(nd::array({101, 2045, 300, 102}), nd::array({101, 102})));
  check("percentile", nd::percentile(nd::array({10, 15, 200, 12, 18, 500}), 95));
  EXPECT_EQ(nd::percentile(nd::array({10, 15, 200, 12, 18, 500}), 95).item<double>(), 425.0);
  check("median", nd::median(a));
  check("concatenate1", nd::concatenate({a, a}, 1));
  check("stack0", nd::stack({a, a}, 0));
  check("hstack", nd::hstack({a, a}));
  check("vstack", nd::vstack({a, a}));
  check("repeat", nd::repeat(nd::full({1, 1}, 1), 3, 1));
  check("tile", nd::tile(a, {3, 1}));
  check("flip1", nd::flip(a, 1));
  check("roll", nd::roll(a, 10, 1));
  check("pad_const", nd::pad(a, {{0, 0}, {2, 2}}, "constant", 255));
  check("pad_reflect", nd::pad(a, {{1, 1}, {1, 1}}, "reflect"));
  check("pad_edge", nd::pad(a, {{1, 1}, {1, 1}}, "edge"));
  std::vector<nd::Array> parts = nd::split(a, 2, 1);
  ASSERT_EQ(parts.size(), 2u);
  check("split0", parts[0]);
  check("split1", parts[1]);
  check("take_along", nd::take_along_axis(a, nd::argsort(a, 1), 1));
  // argpartition's order is NumPy-implementation defined: check the partition property.
  nd::Array part = nd::take_along_axis(a, nd::argpartition(a, 2, -1), -1);
  nd::Array sorted = nd::sort(a, -1);
  for (std::int64_t r = 0; r < 3; ++r) {
    const std::int64_t kth = sorted.index({r, 2}).item<std::int64_t>();
    EXPECT_EQ(part.index({r, 2}).item<std::int64_t>(), kth);
    for (std::int64_t c = 0; c < 4; ++c) {
      const std::int64_t v = part.index({r, c}).item<std::int64_t>();
      if (c < 2) {
        EXPECT_LE(v, kth);
      }
      if (c > 2) {
        EXPECT_GE(v, kth);
      }
    }
  }
}

}  // namespace
