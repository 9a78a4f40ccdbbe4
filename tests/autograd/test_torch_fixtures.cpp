// ag against PyTorch's autograd (tests/gen_autograd_torch.py): composite expressions
// (cross-entropy, softmax, log_softmax, sigmoid, relu, both GELUs, layer norm, causal
// attention written from primitives, a 2-layer MLP's loss), their outputs and every
// gradient. Tolerances: 1e-6 in float64 and 1e-4 in float32 (relative plus absolute):
// the two libraries sum in different orders and PyTorch fuses some ops, so the last bits
// differ; these bounds are the and hold with margin.
#include <cmath>
#include <map>

#include "autograd_test_support.h"

namespace {

using ag::Tensor;

struct Precision {
  const char* name;
  double tolerance;
};

class TorchFixtures : public ::testing::TestWithParam<Precision> {
 protected:
  void SetUp() override {
    arrays_ = nd::load_npz(
        nd_test::fixture_path(std::string("autograd/torch_") + GetParam().name + ".npz"));
  }
  const nd::Array& get(const std::string& key) {
    auto it = arrays_.find(key);
    if (it == arrays_.end()) throw std::runtime_error("fixture has no " + key);
    return it->second;
  }
  Tensor leaf(const std::string& key) { return Tensor(get(key).copy(), true); }
  ::testing::AssertionResult matches(const nd::Array& actual, const std::string& key) {
    const nd::Array& expected = get(key);
    if (actual.dtype() != expected.dtype())
      return ::testing::AssertionFailure()
             << key << ": dtype " << actual.dtype() << " vs " << expected.dtype();
    const double tol = GetParam().tolerance;
    return ag_test::all_close(actual, expected, tol, tol) << " (" << key << ")";
  }
  // loss = sum(y * r) for the cases with a tensor output.
  void backward_weighted(const Tensor& y, const std::string& c) {
    ag::sum(y * get(c + ".r")).backward();
  }

 private:
  std::map<std::string, nd::Array> arrays_;
};

TEST_P(TorchFixtures, CrossEntropy) {
  Tensor logits = leaf("cross_entropy.logits");
  Tensor loss = ag::cross_entropy(logits, get("cross_entropy.targets"));
  EXPECT_TRUE(matches(loss.array(), "cross_entropy.loss"));
  loss.backward();
  EXPECT_TRUE(matches(logits.grad(), "cross_entropy.grad_logits"));
}

TEST_P(TorchFixtures, SoftmaxAndLogSoftmax) {
  for (const char* c : {"softmax", "log_softmax"}) {
    SCOPED_TRACE(c);
    Tensor x = leaf(std::string(c) + ".x");
    Tensor y = std::string(c) == "softmax" ? ag::softmax(x, -1) : ag::log_softmax(x, -1);
    EXPECT_TRUE(matches(y.array(), std::string(c) + ".y"));
    backward_weighted(y, c);
    EXPECT_TRUE(matches(x.grad(), std::string(c) + ".grad_x"));
  }
}

TEST_P(TorchFixtures, Activations) {
  const std::vector<std::pair<std::string, Tensor (*)(const Tensor&)>> cases = {
      {"sigmoid", ag::sigmoid},
      {"relu", ag::relu},
      {"gelu", [](const Tensor& t) { return ag::gelu(t); }},
      {"gelu_tanh", [](const Tensor& t) { return ag::gelu(t, "tanh"); }},
  };
  for (const auto& [c, fn] : cases) {
    SCOPED_TRACE(c);
    Tensor x = leaf(c + ".x");
    Tensor y = fn(x);
    EXPECT_TRUE(matches(y.array(), c + ".y"));
    backward_weighted(y, c);
    EXPECT_TRUE(matches(x.grad(), c + ".grad_x"));
  }
}

TEST_P(TorchFixtures, LayerNorm) {
  Tensor x = leaf("layer_norm.x"), w = leaf("layer_norm.weight"), b = leaf("layer_norm.bias");
  Tensor y = ag::layer_norm(x, {8}, w, b, 1e-5);
  EXPECT_TRUE(matches(y.array(), "layer_norm.y"));
  backward_weighted(y, "layer_norm");
  EXPECT_TRUE(matches(x.grad(), "layer_norm.grad_x"));
  EXPECT_TRUE(matches(w.grad(), "layer_norm.grad_weight"));
  EXPECT_TRUE(matches(b.grad(), "layer_norm.grad_bias"));
}

TEST_P(TorchFixtures, CausalAttentionFromPrimitives) {
  Tensor q = leaf("attention.q"), k = leaf("attention.k"), v = leaf("attention.v");
  const std::int64_t t = q.shape()[2], d = q.shape()[3];
  Tensor scores = ag::matmul(q, ag::swapaxes(k, -1, -2)) / std::sqrt(double(d));
  nd::Array causal = nd::tril(nd::ones({t, t})) > 0;
  Tensor attention = ag::softmax(ag::where(causal, scores, -INFINITY), -1);
  Tensor y = ag::matmul(attention, v);
  EXPECT_TRUE(matches(y.array(), "attention.y"));
  backward_weighted(y, "attention");
  EXPECT_TRUE(matches(q.grad(), "attention.grad_q"));
  EXPECT_TRUE(matches(k.grad(), "attention.grad_k"));
  EXPECT_TRUE(matches(v.grad(), "attention.grad_v"));
}

TEST_P(TorchFixtures, TwoLayerMlpLoss) {
  Tensor x = leaf("mlp.x"), w1 = leaf("mlp.w1"), b1 = leaf("mlp.b1"), w2 = leaf("mlp.w2"),
         b2 = leaf("mlp.b2");
  Tensor hidden = ag::relu(ag::matmul(x, w1) + b1);
  Tensor loss = ag::cross_entropy(ag::matmul(hidden, w2) + b2, get("mlp.targets"));
  EXPECT_TRUE(matches(loss.array(), "mlp.loss"));
  loss.backward();
  EXPECT_TRUE(matches(x.grad(), "mlp.grad_x"));
  EXPECT_TRUE(matches(w1.grad(), "mlp.grad_w1"));
  EXPECT_TRUE(matches(b1.grad(), "mlp.grad_b1"));
  EXPECT_TRUE(matches(w2.grad(), "mlp.grad_w2"));
  EXPECT_TRUE(matches(b2.grad(), "mlp.grad_b2"));
}

INSTANTIATE_TEST_SUITE_P(Precisions, TorchFixtures,
                         ::testing::Values(Precision{"float64", 1e-6}, Precision{"float32", 1e-4}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
