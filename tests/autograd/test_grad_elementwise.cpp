// gradcheck (float64 central differences) for the elementwise ops: arithmetic with
// broadcasting and constants, unary math on its domain, maximum/minimum at ties,
// where, clip, and non-contiguous / negative-stride / repeated operands.
#include <functional>

#include "autograd_test_support.h"

namespace {

using ag::Tensor;
using ag_test::gradcheck_ok;
using ag_test::param;
using nd::Slice;
using Inputs = std::vector<Tensor>;

struct BinaryCase {
  const char* name;
  std::function<Tensor(const Tensor&, const Tensor&)> op;
  double lo_a, hi_a, lo_b, hi_b;  // domains where the op is smooth
};

const std::vector<BinaryCase>& binary_cases() {
  static const std::vector<BinaryCase> cases = {
      {"add", [](const Tensor& a, const Tensor& b) { return ag::add(a, b); }, -2, 2, -2, 2},
      {"subtract", [](const Tensor& a, const Tensor& b) { return a - b; }, -2, 2, -2, 2},
      {"multiply", [](const Tensor& a, const Tensor& b) { return a * b; }, -2, 2, -2, 2},
      {"divide", [](const Tensor& a, const Tensor& b) { return a / b; }, -2, 2, 0.5, 2},
      {"power", [](const Tensor& a, const Tensor& b) { return ag::power(a, b); }, 0.5, 2, -2, 2},
      {"maximum", [](const Tensor& a, const Tensor& b) { return ag::maximum(a, b); }, -2, 2, -2, 2},
      {"minimum", [](const Tensor& a, const Tensor& b) { return ag::minimum(a, b); }, -2, 2, -2, 2},
      {"arctan2", [](const Tensor& a, const Tensor& b) { return ag::arctan2(a, b); }, -2, 2, 0.5,
       2},
  };
  return cases;
}

// Operand shape pairs: equal, broadcast either way, size-1 dims, a 0-d operand.
const std::vector<std::pair<nd::Shape, nd::Shape>> kShapes = {
    {{2, 3}, {2, 3}}, {{3, 4}, {4}}, {{4}, {3, 4}},   {{2, 1, 3}, {4, 1}},
    {{}, {2, 3}},     {{1}, {5}},    {{3, 1}, {1, 3}}};

TEST(GradElementwise, BinaryOpsWithBroadcasting) {
  std::uint32_t seed = 1;
  for (const BinaryCase& c : binary_cases()) {
    for (const auto& [sa, sb] : kShapes) {
      SCOPED_TRACE(std::string(c.name) + " " + nd::to_string(sa) + " " + nd::to_string(sb));
      Tensor a = param(sa, seed++, c.lo_a, c.hi_a), b = param(sb, seed++, c.lo_b, c.hi_b);
      EXPECT_TRUE(gradcheck_ok([&](const Inputs& in) { return c.op(in[0], in[1]); }, {a, b}));
    }
  }
}

TEST(GradElementwise, NonContiguousAndNegativeStrideOperands) {
  std::uint32_t seed = 100;
  for (const BinaryCase& c : binary_cases()) {
    SCOPED_TRACE(c.name);
    Tensor a = param({4, 3}, seed++, c.lo_a, c.hi_a), b = param({3, 4}, seed++, c.lo_b, c.hi_b);
    // a.T() is F-ordered, b[::-1, ::-2]... a negative-stride, strided view.
    EXPECT_TRUE(gradcheck_ok(
        [&](const Inputs& in) {
          Tensor reversed = in[1].index({Slice(nd::None, nd::None, -1)});
          return c.op(in[0].T(), reversed);
        },
        {a, b}));
    Tensor wide = param({3, 8}, seed++, c.lo_b, c.hi_b);
    EXPECT_TRUE(gradcheck_ok(
        [&](const Inputs& in) {
          return c.op(in[0].T(), in[1].index({Slice(), Slice(nd::None, nd::None, -2)}));
        },
        {a, wide}));
  }
}

TEST(GradElementwise, OneTensorOnBothSidesAccumulates) {
  std::uint32_t seed = 200;
  for (const BinaryCase& c : binary_cases()) {
    if (std::string(c.name) == "arctan2") continue;  // arctan2(x, x) is constant in x > 0
    SCOPED_TRACE(c.name);
    Tensor a = param({2, 3}, seed++, 0.5, 2);
    EXPECT_TRUE(gradcheck_ok([&](const Inputs& in) { return c.op(in[0], in[0]); }, {a}));
    EXPECT_TRUE(
        gradcheck_ok([&](const Inputs& in) { return c.op(in[0], in[0] * 1.5) + in[0]; }, {a}));
  }
}

TEST(GradElementwise, ConstantOperands) {
  Tensor a = param({2, 3}, 7, 0.5, 2);
  nd::Array k = ag_test::uniform({3}, 8, 0.5, 2);
  const std::vector<std::function<Tensor(const Tensor&)>> fns = {
      [](const Tensor& x) { return x * 2.0 + 1; },
      [](const Tensor& x) { return 2.0 - x; },
      [](const Tensor& x) { return 3 / x; },
      [](const Tensor& x) { return -x / 4.0f; },
      [&](const Tensor& x) { return x * k - k; },
      [&](const Tensor& x) {
        return k / x + ag::power(x, 3) + ag::power(2.0, x) + ag::power(x, k);
      },
      [&](const Tensor& x) { return ag::maximum(x, 1.0) + ag::minimum(k, x) + ag::arctan2(k, x); },
  };
  for (std::size_t i = 0; i < fns.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_TRUE(gradcheck_ok([&](const Inputs& in) { return fns[i](in[0]); }, {a}));
  }
}

TEST(GradElementwise, MaximumAndMinimumSplitTiesInHalf) {
  // Central differences at a tie see half the slope on each side: the 0.5/0.5 rule.
  nd::Array values = nd::array({1.0, -0.5, 2.0, 0.25});
  Tensor a(values.copy(), true), b(nd::array({1.0, 0.5, 2.0, -3.0}), true);
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::maximum(in[0], in[1]); }, {a, b}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::minimum(in[0], in[1]); }, {a, b}));
  ag::sum(ag::maximum(a, b)).backward();
  EXPECT_TRUE(nd_test::arrays_identical(a.grad(), nd::array({0.5, 0.0, 0.5, 1.0})));
  EXPECT_TRUE(nd_test::arrays_identical(b.grad(), nd::array({0.5, 1.0, 0.5, 0.0})));
  // A tie with a constant: the constant's half is simply lost, as PyTorch does.
  Tensor x(nd::array({0.0, 1.0}), true);
  ag::sum(ag::maximum(x, 0.0)).backward();
  EXPECT_TRUE(nd_test::arrays_identical(x.grad(), nd::array({0.5, 1.0})));
}

struct UnaryCase {
  const char* name;
  Tensor (*op)(const Tensor&);
  double lo, hi;
};

TEST(GradElementwise, UnaryMath) {
  const std::vector<UnaryCase> cases = {
      {"negative", ag::negative, -2, 2},
      {"positive", ag::positive, -2, 2},
      {"abs", ag::abs, -2, 2},
      {"square", ag::square, -2, 2},
      {"sqrt", ag::sqrt, 0.2, 3},
      {"cbrt", ag::cbrt, 0.2, 3},
      {"reciprocal", ag::reciprocal, 0.5, 2},
      {"exp", ag::exp, -2, 2},
      {"expm1", ag::expm1, -2, 2},
      {"exp2", ag::exp2, -2, 2},
      {"log", ag::log, 0.2, 3},
      {"log1p", ag::log1p, -0.5, 2},
      {"log2", ag::log2, 0.2, 3},
      {"log10", ag::log10, 0.2, 3},
      {"sin", ag::sin, -3, 3},
      {"cos", ag::cos, -3, 3},
      {"tan", ag::tan, -1.2, 1.2},
      {"arcsin", ag::arcsin, -0.9, 0.9},
      {"arccos", ag::arccos, -0.9, 0.9},
      {"arctan", ag::arctan, -2, 2},
      {"sinh", ag::sinh, -2, 2},
      {"cosh", ag::cosh, -2, 2},
      {"tanh", ag::tanh, -2, 2},
      {"arcsinh", ag::arcsinh, -2, 2},
      {"arccosh", ag::arccosh, 1.2, 3},
      {"arctanh", ag::arctanh, -0.9, 0.9},
      {"erf", ag::erf, -2, 2},
      {"sign", ag::sign, -2, 2},
      {"floor", ag::floor, -2, 2},
      {"ceil", ag::ceil, -2, 2},
      {"trunc", ag::trunc, -2, 2},
      {"rint", ag::rint, -2, 2},
  };
  std::uint32_t seed = 300;
  for (const UnaryCase& c : cases) {
    SCOPED_TRACE(c.name);
    Tensor x = param({3, 4}, seed++, c.lo, c.hi);
    EXPECT_TRUE(gradcheck_ok([&](const Inputs& in) { return c.op(in[0]); }, {x}));
    // On a transposed, reversed view too.
    EXPECT_TRUE(gradcheck_ok(
        [&](const Inputs& in) { return c.op(in[0].T().index({Slice(nd::None, nd::None, -1)})); },
        {x}));
  }
  Tensor x = param({5}, seed++, -2, 2);
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::round(in[0], 1); }, {x}));
}

TEST(GradElementwise, AbsAtZeroHasZeroGradient) {
  Tensor x(nd::array({-1.0, 0.0, 2.0}), true);
  ag::sum(ag::abs(x)).backward();
  EXPECT_TRUE(nd_test::arrays_identical(x.grad(), nd::array({-1.0, 0.0, 1.0})));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::abs(in[0]); },
                           {Tensor(nd::array({-1.0, 0.0, 2.0}), true)}));
}

TEST(GradElementwise, ErfMatchesTheStandardLibrary) {
  Tensor x(nd::array({-1.5f, 0.0f, 0.5f}, nd::float32), true);
  Tensor y = ag::erf(x);
  EXPECT_EQ(y.dtype(), nd::float32);
  EXPECT_FLOAT_EQ(y.array().index({0}).item<float>(), std::erf(-1.5f));
  ag::sum(y).backward();
  EXPECT_EQ(x.grad().dtype(), nd::float32);
  EXPECT_NEAR(x.grad().index({1}).item<float>(), 2 / std::sqrt(M_PI), 1e-6);
}

TEST(GradElementwise, WhereRoutesTheGradient) {
  nd::Array condition = nd::array({true, false, true});
  Tensor a = param({2, 3}, 400), b = param({3}, 401);
  EXPECT_TRUE(
      gradcheck_ok([&](const Inputs& in) { return ag::where(condition, in[0], in[1]); }, {a, b}));
  EXPECT_TRUE(
      gradcheck_ok([&](const Inputs& in) { return ag::where(condition, in[0], 0.0); }, {a}));
  EXPECT_TRUE(gradcheck_ok(
      [&](const Inputs& in) { return ag::where(in[0] > 0, in[0] * in[0], -in[0]); }, {a}));
}

TEST(GradElementwise, ClipPassesTheGradientInsideInclusiveBounds) {
  Tensor x = param({4, 3}, 500);
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::clip(in[0], -1, 1.5); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::clip(in[0], nd::None, 0.5); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::clip(in[0], -0.5, nd::None); }, {x}));
  nd::Array lo = nd::array({-1.0, 0.0, -0.5});
  EXPECT_TRUE(gradcheck_ok([&](const Inputs& in) { return ag::clip(in[0], lo, 1.0); }, {x}));
  // On the bounds the gradient passes (PyTorch's clamp).
  Tensor edge(nd::array({-1.0, 0.0, 1.0, 2.0, double(NAN)}), true);
  ag::sum(ag::clip(edge, -1, 1)).backward();
  EXPECT_TRUE(nd_test::arrays_identical(edge.grad(), nd::array({1.0, 1.0, 1.0, 0.0, 0.0})));
}

TEST(GradElementwise, Float32StaysFloat32) {
  Tensor x(nd::array({1.0f, 2.0f}, nd::float32), true);
  Tensor y = x * 2.0 + 1 - x / 3.0f;
  EXPECT_EQ(y.dtype(), nd::float32);
  ag::sum(ag::exp(y)).backward();
  EXPECT_EQ(x.grad().dtype(), nd::float32);
  // A float64 operand promotes the result; the float32 input's gradient stays float32.
  Tensor w(nd::array({1.0, 1.0}), true);
  Tensor z = x * w;
  EXPECT_EQ(z.dtype(), nd::float64);
  x.zero_grad();
  ag::sum(z).backward();
  EXPECT_EQ(x.grad().dtype(), nd::float32);
  EXPECT_EQ(w.grad().dtype(), nd::float64);
}

}  // namespace
