// The "Autograd" block of API.md, compiled unchanged, and checks that each line does what
// its comment says.
#include <ndgrad/autograd.h>

#include "autograd_test_support.h"

namespace {

TEST(ApiBlock, AutogradBlockCompilesAndDoesWhatItSays) {
  ag::Tape::current().clear();
  nd::random::seed(42);
  // ---- the block, verbatim -------------------------------------------------------------
  // clang-format off
ag::Tensor w(nd::random::randn({10, 5}).astype(nd::float32), /*requires_grad=*/true);
ag::Tensor b(nd::zeros({5}, nd::float32), true);
ag::Tensor x(nd::random::randn({32, 10}).astype(nd::float32));
ag::Tensor y = ag::matmul(x, w) + b;                   // ops mirror the nd names
ag::Tensor loss = ag::mean(ag::square(y - 1.0f));
loss.backward();                                       // replays the tape in reverse
nd::Array gw = w.grad();
{ ag::NoGradGuard no_grad; ag::Tensor z = ag::matmul(x, w); }   // records nothing
std::string dot = ag::Tape::current().to_dot();        // Graphviz view of the tape
ag::Tape::current().clear();
ag::GradcheckResult r = ag::gradcheck(
    [](const std::vector<ag::Tensor>& in) { return ag::sum(ag::tanh(in[0]) * in[1]); },
    {ag::Tensor(nd::random::randn({3, 4}), true), ag::Tensor(nd::random::randn({4}), true)});
bool ok = r.ok;                                        // r names the worst element on failure
  // clang-format on
  // ---- what the comments promise ----------------------------------------------------
  EXPECT_EQ(y.dtype(), nd::float32);
  EXPECT_TRUE(ag_test::all_close(y.array(), nd::matmul(x.array(), w.array()) + b.array(), 0, 0));
  EXPECT_EQ(loss.dtype(), nd::float32);
  EXPECT_EQ(loss.ndim(), 0);
  // dL/dw = x^T (2 (y - 1) / (32 * 5)), computed here with nd.
  nd::Array expected = nd::matmul(x.array().T(), (y.array() - 1.0f) * (2.0f / 160.0f));
  EXPECT_EQ(gw.dtype(), nd::float32);
  EXPECT_TRUE(ag_test::all_close(gw, expected, 1e-5, 1e-6));
  EXPECT_TRUE(
      ag_test::all_close(b.grad(), nd::sum(y.array() - 1.0f, 0) * (2.0f / 160.0f), 1e-5, 1e-6));
  // The backward released the tape; the no-grad matmul recorded nothing.
  EXPECT_EQ(dot.find("->"), std::string::npos) << dot;
  EXPECT_EQ(dot.rfind("digraph tape {", 0), 0u);
  EXPECT_TRUE(ag::Tape::current().empty());
  EXPECT_TRUE(ok) << r;
  EXPECT_EQ(r.checked, 16);
}

TEST(ApiBlock, ToDotOfTheBlocksGraphBeforeBackward) {
  ag::Tape::current().clear();
  ag::Tensor w(nd::ones({10, 5}, nd::float32), true);
  ag::Tensor b(nd::zeros({5}, nd::float32), true);
  ag::Tensor x(nd::ones({32, 10}, nd::float32));
  ag::Tensor loss = ag::mean(ag::square(ag::matmul(x, w) + b - 1.0f));
  const std::string dot = ag::Tape::current().to_dot();
  for (const char* op : {"matmul", "add", "subtract", "square", "mean"})
    EXPECT_NE(dot.find(std::string("label=\"") + op + "\""), std::string::npos) << op;
  EXPECT_NE(dot.find("(10,5) float32\", shape=box, style=\"rounded,filled\""), std::string::npos);
  EXPECT_NE(dot.find("() float32"), std::string::npos);
  EXPECT_EQ(ag::Tape::current().size(), 5u);
  ag::Tape::current().clear();
}

}  // namespace
