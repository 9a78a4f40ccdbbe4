// The tape itself: recording rules, backward's seeds and errors, accumulation,
// retain_graph, NoGradGuard, detach, the protection of saved arrays (read-only values
// and versions), releasing memory, iteration and the DOT view.
#include "autograd_test_support.h"

namespace {

using ag::Tensor;
using nd::Slice;

class TapeTest : public ::testing::Test {
 protected:
  void SetUp() override { ag::Tape::current().clear(); }
  void TearDown() override { ag::Tape::current().clear(); }
};

TEST_F(TapeTest, ConstantsRecordNothing) {
  Tensor a(nd::ones({3})), b(nd::ones({3}));
  Tensor c = a * b + 1.0;
  EXPECT_EQ(ag::Tape::current().size(), 0u);
  EXPECT_FALSE(c.requires_grad());
  EXPECT_TRUE(c.is_leaf());
}

TEST_F(TapeTest, OneRecordPerOpWhoseInputsNeedGradients) {
  Tensor w(nd::ones({3}), true), x(nd::ones({3}));
  Tensor y = ag::exp(x);     // constant: not recorded
  Tensor z = w * y;          // recorded
  Tensor loss = ag::sum(z);  // recorded
  ASSERT_EQ(ag::Tape::current().size(), 2u);
  EXPECT_STREQ(ag::Tape::current()[0].op(), "multiply");
  EXPECT_STREQ(ag::Tape::current()[1].op(), "sum");
  EXPECT_EQ(ag::Tape::current()[0].inputs()[0], w.node());
  EXPECT_EQ(ag::Tape::current()[0].inputs()[1], y.node());  // shown, but needs no gradient
  EXPECT_FALSE(ag::Tape::current()[0].inputs()[1]->requires_grad);
  EXPECT_EQ(ag::Tape::current()[0].output(), z.node());
  EXPECT_FALSE(z.is_leaf());
  std::vector<std::string> ops;
  for (const ag::Record& r : ag::Tape::current()) ops.push_back(r.op());
  EXPECT_EQ(ops, (std::vector<std::string>{"multiply", "sum"}));
  Tensor scaled = w * 2.0;  // a scalar operand is no tensor: no node
  EXPECT_EQ(ag::Tape::current()[2].inputs()[1], nullptr);
}

TEST_F(TapeTest, NoGradGuardRecordsNothingAndRestores) {
  Tensor w(nd::ones({2, 2}), true);
  {
    ag::NoGradGuard guard;
    EXPECT_FALSE(ag::is_grad_enabled());
    { ag::NoGradGuard nested; }
    EXPECT_FALSE(ag::is_grad_enabled());
    Tensor z = ag::matmul(w, w);
    EXPECT_FALSE(z.requires_grad());
  }
  EXPECT_TRUE(ag::is_grad_enabled());
  EXPECT_EQ(ag::Tape::current().size(), 0u);
}

TEST_F(TapeTest, BackwardOfAScalarSeedsOne) {
  Tensor x(nd::array({1.0, 2.0, 3.0}), true);
  Tensor loss = ag::sum(x * x);
  loss.backward();
  EXPECT_TRUE(nd_test::arrays_identical(x.grad(), nd::array({2.0, 4.0, 6.0})));
  EXPECT_EQ(ag::Tape::current().size(), 0u);  // released
}

TEST_F(TapeTest, BackwardWithAnExplicitGradient) {
  Tensor x(nd::array({1.0, 2.0}), true);
  Tensor y = x * 3.0;
  y.backward(nd::array({1.0, 10.0}));
  EXPECT_TRUE(nd_test::arrays_identical(x.grad(), nd::array({3.0, 30.0})));
}

TEST_F(TapeTest, GradientsAccumulateUntilZeroGrad) {
  Tensor x(nd::array({1.0, 2.0}), true);
  ag::sum(x * 2.0).backward();
  ag::sum(x * 3.0).backward();
  EXPECT_TRUE(nd_test::arrays_identical(x.grad(), nd::array({5.0, 5.0})));
  x.zero_grad();
  EXPECT_FALSE(x.has_grad());
  ag::sum(x).backward();
  EXPECT_TRUE(nd_test::arrays_identical(x.grad(), nd::array({1.0, 1.0})));
}

TEST_F(TapeTest, ATensorUsedTwiceGetsBothGradients) {
  Tensor x(nd::array({3.0}), true);
  Tensor y = x * x + x;  // dy/dx = 2x + 1
  y.backward(nd::array({1.0}));
  EXPECT_DOUBLE_EQ(x.grad().item<double>(), 7.0);
}

TEST_F(TapeTest, LeafGradientsAreTheirOwn) {
  // add passes one gradient array to both operands: each leaf must get its own copy.
  Tensor a(nd::zeros({2}), true), b(nd::zeros({2}), true);
  ag::sum(a + b).backward();
  nd::Array ga = a.grad();
  ga *= 10.0;
  EXPECT_TRUE(nd_test::arrays_identical(b.grad(), nd::array({1.0, 1.0})));
  EXPECT_FALSE(nd::shares_memory(a.grad(), b.grad()));
}

TEST_F(TapeTest, RetainGraphAllowsASecondBackward) {
  Tensor x(nd::array({2.0}), true);
  Tensor y = ag::sum(ag::exp(x));
  y.backward({}, /*retain_graph=*/true);
  EXPECT_EQ(ag::Tape::current().size(), 2u);
  y.backward({}, true);
  EXPECT_DOUBLE_EQ(x.grad().item<double>(), 2 * std::exp(2.0));
  y.backward();
  EXPECT_DOUBLE_EQ(x.grad().item<double>(), 3 * std::exp(2.0));
  EXPECT_EQ(ag::Tape::current().size(), 0u);
}

TEST_F(TapeTest, BackwardTwiceWithoutRetainGraphThrows) {
  Tensor x(nd::array({2.0}), true);
  Tensor y = ag::sum(ag::exp(x));
  y.backward();
  try {
    y.backward();
    FAIL() << "expected AutogradError";
  } catch (const ag::AutogradError& e) {
    EXPECT_NE(std::string(e.what()).find("released graph"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("sum"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("retain_graph"), std::string::npos) << e.what();
  }
  // Reusing an intermediate of a released graph in a new expression fails the same way.
  Tensor e = ag::exp(x);
  ag::sum(e).backward();
  Tensor again = ag::sum(e * 2.0);
  EXPECT_THROW(again.backward(), ag::AutogradError);
}

TEST_F(TapeTest, ClearedTapeCannotBackward) {
  Tensor x(nd::array({2.0}), true);
  Tensor y = ag::sum(x * x);
  ag::Tape::current().clear();
  EXPECT_THROW(y.backward(), ag::AutogradError);
}

TEST_F(TapeTest, NonScalarWithoutGradientThrows) {
  Tensor x(nd::ones({2, 3}), true);
  Tensor y = x * 2.0;
  try {
    y.backward();
    FAIL();
  } catch (const ag::AutogradError& e) {
    EXPECT_NE(std::string(e.what()).find("(2,3)"), std::string::npos) << e.what();
  }
  EXPECT_THROW(y.backward(nd::ones({3})), nd::ValueError);
  // A single-element tensor of any shape is a scalar here, as in PyTorch.
  Tensor one(nd::ones({1, 1}), true);
  (one * 5.0).backward();
  EXPECT_DOUBLE_EQ(one.grad().item<double>(), 5.0);
}

TEST_F(TapeTest, IntegerTensorsHaveNoGradients) {
  EXPECT_THROW(Tensor(nd::array({1, 2}), true), nd::TypeError);
  Tensor i(nd::array({1, 2}));
  try {
    ag::sum(i).backward();
    FAIL();
  } catch (const nd::TypeError& e) {
    EXPECT_NE(std::string(e.what()).find("integer tensor (int64)"), std::string::npos);
  }
  EXPECT_THROW(i.set_requires_grad(true), nd::TypeError);
  // A float tensor cast to integers leaves the graph: the result needs no gradient.
  Tensor x(nd::array({1.5}), true);
  EXPECT_FALSE(x.astype(nd::int64).requires_grad());
}

TEST_F(TapeTest, TensorThatNeedsNoGradientCannotBackward) {
  Tensor x(nd::array({1.0}));
  EXPECT_THROW(ag::sum(x).backward(), ag::AutogradError);
}

TEST_F(TapeTest, GradOfATensorWithoutGradientExplains) {
  Tensor w(nd::ones({2}), true);
  w.set_name("w");
  try {
    w.grad();
    FAIL();
  } catch (const ag::AutogradError& e) {
    EXPECT_NE(std::string(e.what()).find("tensor 'w'"), std::string::npos) << e.what();
  }
  Tensor hidden = w * 2.0;
  ag::sum(hidden).backward();
  try {
    hidden.grad();
    FAIL();
  } catch (const ag::AutogradError& e) {
    EXPECT_NE(std::string(e.what()).find("retain_grad"), std::string::npos) << e.what();
  }
}

TEST_F(TapeTest, RetainGradKeepsANonLeafGradient) {
  Tensor w(nd::array({1.0, 2.0}), true);
  Tensor hidden = w * 3.0;
  hidden.retain_grad();
  ag::sum(hidden * hidden).backward();
  EXPECT_TRUE(nd_test::arrays_identical(hidden.grad(), nd::array({6.0, 12.0})));
  EXPECT_TRUE(nd_test::arrays_identical(w.grad(), nd::array({18.0, 36.0})));
}

TEST_F(TapeTest, DetachCutsTheGraphAndSharesMemory) {
  Tensor w(nd::array({1.0, 2.0}), true);
  Tensor d = w.detach();
  EXPECT_FALSE(d.requires_grad());
  EXPECT_TRUE(nd::shares_memory(d.array(), w.array()));
  ag::sum(w * d).backward();  // d is a constant: dw = d
  EXPECT_TRUE(nd_test::arrays_identical(w.grad(), nd::array({1.0, 2.0})));
}

TEST_F(TapeTest, GradientOfWrongShapeNamesTheOpAndBothShapes) {
  Tensor x(nd::ones({2, 3}), true);
  Tensor y = ag::record("broken_op", x.array() * 2.0, {&x}, {}, [](ag::BackwardContext& c) {
    c.add_grad(0, nd::ones({3}));  // wrong: not the input's shape
  });
  try {
    ag::sum(y).backward();
    FAIL();
  } catch (const ag::AutogradError& e) {
    EXPECT_STREQ(e.what(),
                 "broken_op: the gradient for input 0 has shape (3,) but the input has shape "
                 "(2,3)");
  }
  // The failed backward left nothing half-done: a correct one works afterwards.
  ag::Tape::current().clear();
  ag::sum(x * 2.0).backward();
  EXPECT_TRUE(nd_test::arrays_identical(x.grad(), nd::full({2, 3}, 2.0)));
}

// --- writes into saved arrays --------------------------------------------------------------

TEST_F(TapeTest, ValueIsReadOnlyWhileSavedAndWritableAfterBackward) {
  Tensor x(nd::array({1.0, 2.0}), true);
  EXPECT_TRUE(x.value().writeable());
  Tensor y = ag::sum(ag::exp(x) * x);  // multiply saves x
  EXPECT_FALSE(x.value().writeable());
  try {
    x.value().index_put({0}, 5.0);
    FAIL();
  } catch (const nd::ValueError& e) {
    EXPECT_STREQ(e.what(), "assignment destination is read-only");
  }
  nd::Array v = x.value();
  EXPECT_THROW(v += 1.0, nd::ValueError);
  // Reading is fine, and the gradient is right.
  EXPECT_DOUBLE_EQ(nd::sum(x.value()).item<double>(), 3.0);
  y.backward();
  EXPECT_NEAR(x.grad().index({1}).item<double>(), std::exp(2.0) * 3.0, 1e-12);
  // After backward the value is writable again (an optimizer step).
  x.value().index_put({0}, 5.0);
  EXPECT_DOUBLE_EQ(x.array().index({0}).item<double>(), 5.0);
}

TEST_F(TapeTest, ViewsShareTheProtection) {
  Tensor w(nd::ones({3, 2}), true);
  Tensor y = ag::matmul(nd::ones({1, 2}) * ag::sum(w), w.T());  // saves a view of w
  EXPECT_FALSE(w.value().writeable());
  EXPECT_FALSE(w.T().value().writeable());
  y.backward(nd::ones({1, 3}));
  EXPECT_TRUE(w.value().writeable());
}

TEST_F(TapeTest, AWriteThatBumpsTheVersionMakesBackwardThrowNamingTheOp) {
  nd::Array data = nd::array({1.0, 2.0});
  Tensor x(data, true);
  Tensor y = ag::sum(ag::exp(x));  // exp saves its output; sum saves nothing
  Tensor z = ag::sum(x * x);       // multiply saves x
  // Memory ag cannot watch (the array x was built from) is written; the writer says so.
  data.index_put({0}, 10.0);
  x.bump_version();
  EXPECT_EQ(x.version(), 1u);
  y.backward({}, true);  // exp's saved output is untouched: fine
  try {
    z.backward();
    FAIL();
  } catch (const ag::AutogradError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("multiply: an array it saved for backward", 0), 0u)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("version 0, now 1"), std::string::npos) << e.what();
  }
}

TEST_F(TapeTest, BumpingAViewBumpsItsBase) {
  Tensor x(nd::ones({4}), true);
  Tensor view = x.index({Slice(1, 3)});
  Tensor y = ag::sum(x * x);
  view.bump_version();
  EXPECT_EQ(x.version(), 1u);
  EXPECT_THROW(y.backward(), ag::AutogradError);
}

// --- memory ----------------------------------------------------------------------------------

TEST_F(TapeTest, BackwardReleasesSavedArrays) {
  const nd::MemoryStats before = nd::memory_stats();
  {
    Tensor x(nd::ones({256, 256}), true);
    Tensor loss = ag::sum(ag::tanh(ag::exp(x) * x));
    EXPECT_GT(nd::memory_stats().live_buffers, before.live_buffers + 3);
    loss.backward();
  }
  EXPECT_EQ(nd::memory_stats().live_buffers, before.live_buffers);
}

// --- DOT -------------------------------------------------------------------------------------

TEST_F(TapeTest, ToDotShowsOpsShapesDtypesAndParameters) {
  Tensor w(nd::ones({3, 2}, nd::float32), true);
  w.set_name("w");
  Tensor x(nd::ones({4, 3}, nd::float32));
  Tensor y = ag::relu(ag::matmul(x, w));
  const std::string dot = ag::Tape::current().to_dot();
  EXPECT_EQ(dot.rfind("digraph tape {", 0), 0u);
  EXPECT_NE(dot.find("label=\"matmul\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"where\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"w\\n(3,2) float32\", shape=box, style=\"rounded,filled\""),
            std::string::npos)
      << dot;
  EXPECT_NE(dot.find("label=\"(4,2) float32\", shape=box, style=\"rounded\""), std::string::npos)
      << dot;
  EXPECT_NE(dot.find("label=\"(4,3) float32\", shape=box, style=\"rounded,dashed\""),
            std::string::npos)
      << dot;  // x: data
  EXPECT_NE(dot.find("t0 -> op0"), std::string::npos) << dot;
  EXPECT_NE(dot.find("t1 -> op0"), std::string::npos) << dot;
  EXPECT_NE(dot.find("op0 -> t2"), std::string::npos) << dot;
  EXPECT_EQ(dot.back(), '\n');
}

// --- gradcheck itself ---------------------------------------------------------------------

TEST_F(TapeTest, GradcheckNamesTheWorstElementOfAWrongRule) {
  // square with a backward that is wrong at one element only.
  auto wrong_square = [](const std::vector<Tensor>& in) {
    const Tensor& x = in[0];
    Tensor y = ag::record("wrong_square", nd::square(x.array()), {&x}, {x.array()},
                          [](ag::BackwardContext& c) {
                            nd::Array g = c.grad() * c.saved(0) * 2.0;
                            g.index_put({1, 2}, 0.0);
                            c.add_grad(0, g);
                          });
    return ag::sum(y);
  };
  Tensor x(nd::arange(6).reshape({2, 3}).astype(nd::float64) + 1.0, true);
  ag::GradcheckResult r = ag::gradcheck(wrong_square, {x});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.input, 0);
  EXPECT_EQ(r.index, (nd::Shape{1, 2}));
  EXPECT_EQ(r.analytic, 0.0);
  EXPECT_NEAR(r.numeric, 12.0, 1e-6);
  EXPECT_EQ(ag::to_string(r), "gradcheck failed: input 0 at (1, 2): analytic 0, numeric 12");
}

TEST_F(TapeTest, GradcheckLeavesTheCallersTapeAlone) {
  Tensor w(nd::ones({2}), true);
  Tensor pending = w * 2.0;
  ASSERT_EQ(ag::Tape::current().size(), 1u);
  EXPECT_TRUE(ag_test::gradcheck_ok([](const std::vector<Tensor>& in) { return ag::sum(in[0]); },
                                    {ag_test::param({3}, 1)}));
  EXPECT_EQ(ag::Tape::current().size(), 1u);
  ag::sum(pending).backward();
  EXPECT_TRUE(nd_test::arrays_identical(w.grad(), nd::array({2.0, 2.0})));
}

TEST_F(TapeTest, GradcheckChecksFloat32InputsInFloat64) {
  Tensor x(nd::array({0.5, -1.0}, nd::float32), true);
  ag::GradcheckResult r =
      ag::gradcheck([](const std::vector<Tensor>& in) { return ag::sum(ag::sin(in[0])); }, {x});
  EXPECT_TRUE(r.ok) << r;
  EXPECT_EQ(r.checked, 2);
}

}  // namespace
