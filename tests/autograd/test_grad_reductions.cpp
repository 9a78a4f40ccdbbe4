// gradcheck for the reductions over every axis combination, keepdims both ways, on
// contiguous and strided inputs; ties of max/min; prod through zeros; cumsum.
#include <functional>

#include "autograd_test_support.h"

namespace {

using ag::Tensor;
using ag_test::gradcheck_ok;
using ag_test::param;
using nd::Slice;
using Inputs = std::vector<Tensor>;
using Reduction = std::function<Tensor(const Tensor&, const nd::Axes&, bool)>;

const std::vector<std::pair<const char*, Reduction>>& reductions() {
  static const std::vector<std::pair<const char*, Reduction>> all = {
      {"sum", [](const Tensor& x, const nd::Axes& a, bool k) { return ag::sum(x, a, k); }},
      {"mean", [](const Tensor& x, const nd::Axes& a, bool k) { return ag::mean(x, a, k); }},
      {"var", [](const Tensor& x, const nd::Axes& a, bool k) { return ag::var(x, a, k); }},
      {"var ddof=1",
       [](const Tensor& x, const nd::Axes& a, bool k) { return ag::var(x, a, k, 1); }},
      {"std", [](const Tensor& x, const nd::Axes& a, bool k) { return ag::std(x, a, k); }},
      {"std ddof=1",
       [](const Tensor& x, const nd::Axes& a, bool k) { return ag::std(x, a, k, 1); }},
      {"max", [](const Tensor& x, const nd::Axes& a, bool k) { return ag::max(x, a, k); }},
      {"min", [](const Tensor& x, const nd::Axes& a, bool k) { return ag::min(x, a, k); }},
      {"amax", [](const Tensor& x, const nd::Axes& a, bool k) { return ag::amax(x, a, k); }},
      {"amin", [](const Tensor& x, const nd::Axes& a, bool k) { return ag::amin(x, a, k); }},
      {"prod", [](const Tensor& x, const nd::Axes& a, bool k) { return ag::prod(x, a, k); }},
      {"logsumexp",
       [](const Tensor& x, const nd::Axes& a, bool k) { return ag::logsumexp(x, a, k); }},
  };
  return all;
}

const std::vector<nd::Axes> kAxes = {nd::Axes(),       nd::Axes(0),      nd::Axes(-1),
                                     nd::Axes({0, 2}), nd::Axes({2, 1}), nd::Axes({0, 1, 2})};

TEST(GradReductions, EveryAxisChoiceAndKeepdims) {
  std::uint32_t seed = 1;
  for (const auto& [name, reduce] : reductions()) {
    for (const nd::Axes& axes : kAxes) {
      for (bool keepdims : {false, true}) {
        SCOPED_TRACE(std::string(name) + " axes " +
                     (axes.is_all() ? "all" : nd::to_string(axes.list())) +
                     (keepdims ? " keepdims" : ""));
        Tensor x = param({2, 3, 4}, seed++, 0.5, 2);
        EXPECT_TRUE(
            gradcheck_ok([&](const Inputs& in) { return reduce(in[0], axes, keepdims); }, {x}));
      }
    }
  }
}

TEST(GradReductions, StridedInputsAndSizeOneDims) {
  std::uint32_t seed = 100;
  for (const auto& [name, reduce] : reductions()) {
    SCOPED_TRACE(name);
    Tensor x = param({4, 1, 6}, seed++, 0.5, 2);
    EXPECT_TRUE(gradcheck_ok(
        [&](const Inputs& in) {
          Tensor view =
              in[0].index({Slice(nd::None, nd::None, -1), Slice(), Slice(1, nd::None, 2)});
          return reduce(view.transpose({2, 1, 0}), nd::Axes({0, 1}), false);
        },
        {x}));
    Tensor y = param({5}, seed++, 0.5, 2);
    EXPECT_TRUE(gradcheck_ok([&](const Inputs& in) { return reduce(in[0], {}, false); }, {y}));
  }
}

TEST(GradReductions, TwoWayTiesAgreeWithCentralDifferences) {
  Tensor x(nd::array({{1.0, 3.0, 3.0, -2.0}, {0.5, -1.0, 0.5, 0.25}}), true);
  for (const auto& [name, reduce] : reductions()) {
    const std::string n = name;
    if (n != "max" && n != "min" && n != "amax" && n != "amin") continue;
    SCOPED_TRACE(n);
    EXPECT_TRUE(gradcheck_ok([&](const Inputs& in) { return reduce(in[0], 1, false); }, {x}));
  }
}

TEST(GradReductions, TiedMaximaShareTheGradientEqually) {
  Tensor x(nd::array({{1.0, 3.0, 3.0, 3.0}, {7.0, 2.0, 7.0, 0.0}}), true);
  ag::sum(ag::max(x, 1)).backward();
  const double third = 1.0 / 3.0;
  EXPECT_TRUE(nd_test::arrays_identical(
      x.grad(), nd::array({{0.0, third, third, third}, {0.5, 0.0, 0.5, 0.0}})));
  Tensor y(nd::array({2.0, -1.0, -1.0}), true);
  ag::min(y).backward();
  EXPECT_TRUE(nd_test::arrays_identical(y.grad(), nd::array({0.0, 0.5, 0.5})));
}

TEST(GradReductions, ProdThroughZeros) {
  Tensor one_zero(nd::array({{2.0, 0.0, 3.0}, {1.5, -2.0, 0.5}}), true);
  Tensor two_zeros(nd::array({0.0, 4.0, 0.0, 2.0}), true);
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::prod(in[0], 1); }, {one_zero}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::prod(in[0]); }, {one_zero}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::prod(in[0]); }, {two_zeros}));
  ag::prod(one_zero.index({0})).backward();
  EXPECT_TRUE(
      nd_test::arrays_identical(one_zero.grad(), nd::array({{0.0, 6.0, 0.0}, {0.0, 0.0, 0.0}})));
}

TEST(GradReductions, LogsumexpIsStableForLargeValues) {
  Tensor x(nd::array({1000.0, 1000.0, -1000.0}), true);
  Tensor y = ag::logsumexp(x);
  EXPECT_DOUBLE_EQ(y.item(), 1000.0 + std::log(2.0));
  y.backward();
  // exp(x - (1000 + log 2)) rounds the log: a few ulps off one half.
  EXPECT_TRUE(ag_test::all_close(x.grad(), nd::array({0.5, 0.5, 0.0}), 1e-13, 0));
}

TEST(GradReductions, Cumsum) {
  Tensor x = param({3, 4}, 500);
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::cumsum(in[0], 0); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::cumsum(in[0], -1); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::cumsum(in[0]); }, {x}));
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) {
        return ag::cumsum(in[0].T().index({Slice(nd::None, nd::None, -1)}), 1);
      },
      {x}));
}

TEST(GradReductions, ReductionsOfFloat32KeepFloat32Gradients) {
  Tensor x(nd::ones({2, 3}, nd::float32), true);
  ag::sum(ag::mean(x, 0) + ag::std(x, 1, false).index({0}) + ag::logsumexp(x)).backward();
  EXPECT_EQ(x.grad().dtype(), nd::float32);
}

}  // namespace
