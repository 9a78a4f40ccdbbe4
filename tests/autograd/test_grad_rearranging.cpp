// gradcheck for pad in every mode (widths beyond the axis length included), flip, roll,
// repeat, tile, tril/triu and sort (with ties).
#include "autograd_test_support.h"

namespace {

using ag::Tensor;
using ag_test::gradcheck_ok;
using ag_test::param;
using nd::Slice;
using Inputs = std::vector<Tensor>;

TEST(GradRearranging, PadEveryMode) {
  Tensor x = param({3, 4}, 1);
  for (const char* mode : {"constant", "edge", "reflect", "symmetric", "wrap", "linear_ramp",
                           "maximum", "minimum", "mean"}) {
    SCOPED_TRACE(mode);
    EXPECT_TRUE(gradcheck_ok(
        [&](const Inputs& in) {
          return ag::pad(in[0], {{1, 2}, {3, 0}}, mode, 0.5);
        },
        {x}));
    EXPECT_TRUE(gradcheck_ok([&](const Inputs& in) { return ag::pad(in[0], 2, mode); }, {x}));
    // Wider than the axis: reflections and wraps repeat.
    EXPECT_TRUE(gradcheck_ok(
        [&](const Inputs& in) {
          return ag::pad(in[0].T(), {{0, 0}, {7, 5}}, mode);
        },
        {x}));
  }
  Tensor line = param({1, 5}, 2);
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) {
        return ag::pad(in[0], {{2, 2}, {0, 1}}, "reflect");
      },
      {line}));
  // "empty" pads with whatever memory holds: only the interior is checked.
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) {
        return ag::pad(in[0], 2, "empty").index({Slice(2, -2), Slice(2, -2)});
      },
      {x}));
}

TEST(GradRearranging, PadMaximumSharesTiedGradient) {
  Tensor x(nd::array({1.0, 4.0, 4.0, 2.0}), true);
  ag::sum(ag::pad(x, {{1, 2}}, "maximum")).backward();  // three padded copies of the max
  EXPECT_TRUE(nd_test::arrays_identical(x.grad(), nd::array({1.0, 2.5, 2.5, 1.0})));
}

TEST(GradRearranging, FlipRoll) {
  Tensor x = param({3, 4, 2}, 10);
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::flip(in[0]); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::flip(in[0], {0, 2}); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::roll(in[0], 5); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::roll(in[0], -1, 1); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::roll(in[0], {1, 3}, {0, 1}); }, {x}));
}

TEST(GradRearranging, RepeatTile) {
  Tensor x = param({2, 3}, 20);
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::repeat(in[0], 3); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::repeat(in[0], 2, 1); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::repeat(in[0], {0, 3, 1}, -1); }, {x}));
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) {
        return ag::repeat(in[0], {1, 0, 2, 1, 1, 3});
      },
      {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::repeat(in[0].T(), 2, 0); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::tile(in[0], 2); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::tile(in[0], {3, 1}); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::tile(in[0], {2, 1, 2}); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::tile(in[0], {0, 2}); }, {x}));
}

TEST(GradRearranging, TrilTriu) {
  Tensor x = param({2, 3, 4}, 30);
  for (std::int64_t k : {-1, 0, 2}) {
    EXPECT_TRUE(gradcheck_ok([k](const Inputs& in) { return ag::tril(in[0], k); }, {x}));
    EXPECT_TRUE(gradcheck_ok([k](const Inputs& in) { return ag::triu(in[0], k); }, {x}));
  }
  Tensor v = param({4}, 31);
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::tril(in[0]); }, {v}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::triu(in[0], 1); }, {v}));
}

TEST(GradRearranging, Sort) {
  Tensor x = param({3, 5}, 40);
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::sort(in[0]); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::sort(in[0], 0); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::sort(in[0], nd::None); }, {x}));
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) { return ag::sort(in[0].T().index({Slice(nd::None, nd::None, -1)})); },
      {x}));
  // Ties: the sort is stable, so the gradient of each sorted position goes to the element
  // that landed there (the first 1.0 to position 1, the second to position 2).
  Tensor t(nd::array({1.0, 1.0, 0.0}), true);
  Tensor sorted = ag::sort(t);
  (sorted * nd::array({10.0, 20.0, 30.0})).backward(nd::ones({3}));
  EXPECT_TRUE(nd_test::arrays_identical(t.grad(), nd::array({20.0, 30.0, 10.0})));
}

}  // namespace
