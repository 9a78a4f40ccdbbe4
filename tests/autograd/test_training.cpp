// End to end: 2-layer MLPs written with ag ops learn XOR (plain gradient descent) and a
// small regression (Adam), and a training loop holds steady memory.
#include "autograd_test_support.h"

namespace {

using ag::Tensor;

struct Mlp {
  Tensor w1, b1, w2, b2;
  Mlp(std::int64_t in, std::int64_t hidden, std::int64_t out, std::uint32_t seed)
      : w1(ag_test::uniform({in, hidden}, seed, -1, 1), true),
        b1(nd::zeros({hidden}), true),
        w2(ag_test::uniform({hidden, out}, seed + 1, -1, 1), true),
        b2(nd::zeros({out}), true) {}
  Tensor operator()(const Tensor& x) const {
    return ag::matmul(ag::tanh(ag::matmul(x, w1) + b1), w2) + b2;
  }
  std::vector<Tensor*> parameters() { return {&w1, &b1, &w2, &b2}; }
  void sgd_step(double lr) {
    for (Tensor* p : parameters()) {
      nd::Array value = p->value();  // writable: the backward has released the tape
      value -= p->grad() * lr;
      p->zero_grad();
    }
  }
};

// Adam (Kingma & Ba) with the usual betas, on a model's parameters.
class Adam {
 public:
  Adam(std::vector<Tensor*> parameters, double lr) : parameters_(std::move(parameters)), lr_(lr) {
    for (Tensor* p : parameters_) {
      m_.push_back(nd::zeros(p->shape()));
      v_.push_back(nd::zeros(p->shape()));
    }
  }
  void step() {
    ++t_;
    const double c1 = 1 - std::pow(0.9, t_), c2 = 1 - std::pow(0.999, t_);
    for (std::size_t i = 0; i < parameters_.size(); ++i) {
      const nd::Array g = parameters_[i]->grad();
      m_[i] = m_[i] * 0.9 + g * 0.1;
      v_[i] = v_[i] * 0.999 + nd::square(g) * 0.001;
      nd::Array value = parameters_[i]->value();
      value -= (m_[i] / c1) / (nd::sqrt(v_[i] / c2) + 1e-8) * lr_;
      parameters_[i]->zero_grad();
    }
  }

 private:
  std::vector<Tensor*> parameters_;
  std::vector<nd::Array> m_, v_;
  double lr_;
  int t_ = 0;
};

TEST(Training, MlpLearnsXor) {
  Tensor x(nd::array({{0.0, 0.0}, {0.0, 1.0}, {1.0, 0.0}, {1.0, 1.0}}));
  nd::Array labels = nd::array({0, 1, 1, 0});
  Mlp model(2, 8, 2, 11);
  double loss_value = 0;
  for (int step = 0; step < 500; ++step) {
    Tensor loss = ag::cross_entropy(model(x), labels);
    loss_value = loss.item();
    loss.backward();
    model.sgd_step(0.5);
  }
  EXPECT_LT(loss_value, 0.02);
  nd::Array predicted = nd::argmax(model(x).array(), 1);
  EXPECT_TRUE(nd_test::arrays_identical(predicted, labels));
}

TEST(Training, MlpFitsASine) {
  Tensor x(nd::linspace(-1, 1, 64).reshape({64, 1}));
  nd::Array y = nd::sin(x.array() * 3.0);
  Mlp model(1, 16, 1, 21);
  Adam adam(model.parameters(), 0.01);
  double loss_value = 0;
  for (int step = 0; step < 2000; ++step) {
    Tensor loss = ag::mean(ag::square(model(x) - y));
    loss_value = loss.item();
    loss.backward();
    adam.step();
  }
  // The targets have variance 0.48: a mean squared error below 1e-4 explains 99.98%.
  EXPECT_LT(loss_value, 1e-4);
}

TEST(Training, MemoryHoldsSteadyOverManySteps) {
  Tensor x(ag_test::uniform({32, 8}, 5).astype(nd::float32));
  nd::Array labels = nd::arange(32) % 3;
  Tensor w1(ag_test::uniform({8, 32}, 6, -0.3, 0.3).astype(nd::float32), true);
  Tensor w2(ag_test::uniform({32, 3}, 7, -0.3, 0.3).astype(nd::float32), true);
  auto train_step = [&] {
    Tensor loss = ag::cross_entropy(ag::matmul(ag::gelu(ag::matmul(x, w1)), w2), labels);
    loss.backward();
    for (Tensor* p : {&w1, &w2}) {
      nd::Array value = p->value();
      value -= p->grad() * 0.1f;
      p->zero_grad();
    }
  };
  for (int i = 0; i < 5; ++i) train_step();
  const std::int64_t live = nd::memory_stats().live_buffers;
  for (int i = 0; i < 200; ++i) train_step();
  EXPECT_EQ(nd::memory_stats().live_buffers, live);
  EXPECT_EQ(ag::Tape::current().size(), 0u);
}

}  // namespace
