// gradcheck for the composite ops, their subgradients and their argument errors.
#include "autograd_test_support.h"

namespace {

using ag::Tensor;
using ag_test::gradcheck_ok;
using ag_test::param;
using Inputs = std::vector<Tensor>;

TEST(GradComposites, SoftmaxFamily) {
  Tensor x = param({3, 4, 5}, 1, -3, 3);
  for (std::int64_t axis : {0, 1, -1}) {
    SCOPED_TRACE(axis);
    EXPECT_TRUE(gradcheck_ok([axis](const Inputs& in) { return ag::softmax(in[0], axis); }, {x}));
    EXPECT_TRUE(
        gradcheck_ok([axis](const Inputs& in) { return ag::log_softmax(in[0], axis); }, {x}));
  }
  // Rows sum to one; large logits do not overflow.
  Tensor big(nd::array({{1000.0, 1000.0}, {-1000.0, 0.0}}));
  nd::Array p = ag::softmax(big).array();
  EXPECT_TRUE(ag_test::all_close(p, nd::array({{0.5, 0.5}, {0.0, 1.0}}), 0, 1e-300));
}

TEST(GradComposites, Activations) {
  Tensor x = param({4, 6}, 2, -4, 4);
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::sigmoid(in[0]); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::relu(in[0]); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::gelu(in[0]); }, {x}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::gelu(in[0], "tanh"); }, {x}));
  EXPECT_THROW(ag::gelu(x, "fast"), nd::ValueError);
}

TEST(GradComposites, SigmoidIsFiniteEverywhere) {
  Tensor x(nd::array({-800.0, -30.0, 0.0, 30.0, 800.0}), true);
  Tensor y = ag::sigmoid(x);
  ag::sum(y).backward();
  EXPECT_TRUE(nd::all(nd::isfinite(x.grad())).item<bool>());
  EXPECT_DOUBLE_EQ(x.grad().index({2}).item<double>(), 0.25);
  EXPECT_DOUBLE_EQ(y.array().index({4}).item<double>(), 1.0);
}

TEST(GradComposites, ReluAtZeroHasZeroGradient) {
  Tensor x(nd::array({-1.0, 0.0, 2.0}), true);
  ag::sum(ag::relu(x)).backward();
  EXPECT_TRUE(nd_test::arrays_identical(x.grad(), nd::array({0.0, 0.0, 1.0})));
}

TEST(GradComposites, LayerNorm) {
  Tensor x = param({2, 3, 4}, 3), w = param({4}, 4), b = param({4}, 5);
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) { return ag::layer_norm(in[0], {4}, in[1], in[2]); }, {x, w, b}));
  Tensor w2 = param({3, 4}, 6);
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) {
        return ag::layer_norm(in[0], {3, 4}, in[1], std::nullopt, 1e-3);
      },
      {x, w2}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::layer_norm(in[0], {4}); }, {x}));
  // Each normalised row has mean 0 and variance 1 (up to eps).
  Tensor y = ag::layer_norm(x, {4}, std::nullopt, std::nullopt, 0.0);
  EXPECT_TRUE(ag_test::all_close(nd::mean(y.array(), -1), nd::zeros({2, 3}), 0, 1e-12));
  EXPECT_TRUE(ag_test::all_close(nd::var(y.array(), -1), nd::ones({2, 3}), 1e-12, 0));
  EXPECT_THROW(ag::layer_norm(x, {3}), nd::ValueError);
}

TEST(GradComposites, CrossEntropy) {
  Tensor logits = param({5, 4}, 7, -3, 3);
  nd::Array targets = nd::array({0, 3, 3, 1, 2});
  EXPECT_TRUE(
      gradcheck_ok([&](const Inputs& in) { return ag::cross_entropy(in[0], targets); }, {logits}));
  // The loss of uniform logits is log(C); its gradient is (softmax - onehot) / N.
  Tensor uniform(nd::zeros({2, 4}), true);
  Tensor loss = ag::cross_entropy(uniform, nd::array({1, 3}));
  EXPECT_DOUBLE_EQ(loss.item(), std::log(4.0));
  loss.backward();
  EXPECT_TRUE(ag_test::all_close(
      uniform.grad(), nd::array({{0.125, -0.375, 0.125, 0.125}, {0.125, 0.125, 0.125, -0.375}}),
      1e-15, 1e-15));
  EXPECT_THROW(ag::cross_entropy(logits, nd::array({0, 1, 2, 3, 4})), nd::IndexError);
  EXPECT_THROW(ag::cross_entropy(logits, nd::array({0, 1, 2, 3, -1})), nd::IndexError);
  EXPECT_THROW(ag::cross_entropy(logits, nd::array({0.0, 1.0, 2.0, 3.0, 1.0})), nd::ValueError);
  EXPECT_THROW(ag::cross_entropy(logits, nd::array({0, 1})), nd::ValueError);
  EXPECT_THROW(ag::cross_entropy(ag::sum(logits, 0), nd::array({0})), nd::ValueError);
}

}  // namespace
