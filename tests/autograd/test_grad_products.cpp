// gradcheck for matmul (1-D operands, batches, broadcast batch dims, transposed and
// reversed views), dot in every rank combination, and einsum over NumPy's kinds of
// subscripts: contractions, outer products, traces and diagonals, sums, ellipses,
// implicit outputs, broadcast size-1 dims, and an operand used twice.
#include "autograd_test_support.h"

namespace {

using ag::Tensor;
using ag_test::gradcheck_ok;
using ag_test::param;
using nd::Slice;
using Inputs = std::vector<Tensor>;

TEST(GradProducts, MatmulShapes) {
  const std::vector<std::pair<nd::Shape, nd::Shape>> shapes = {{{3, 4}, {4, 2}},
                                                               {{4}, {4, 2}},
                                                               {{3, 4}, {4}},
                                                               {{4}, {4}},
                                                               {{2, 3, 4}, {4, 5}},
                                                               {{3, 4}, {2, 4, 5}},
                                                               {{2, 1, 3, 4}, {3, 4, 2}},
                                                               {{2, 3, 4}, {4}},
                                                               {{4}, {2, 4, 3}},
                                                               {{1, 3, 4}, {2, 4, 2}}};
  std::uint32_t seed = 1;
  for (const auto& [sa, sb] : shapes) {
    SCOPED_TRACE(nd::to_string(sa) + " @ " + nd::to_string(sb));
    Tensor a = param(sa, seed++), b = param(sb, seed++);
    EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::matmul(in[0], in[1]); }, {a, b}));
  }
}

TEST(GradProducts, MatmulOfViewsAndOfOneTensorTwice) {
  Tensor a = param({4, 3}, 10), b = param({5, 4}, 11);
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) {
        return ag::matmul(in[0].T(), in[1].index({Slice(nd::None, nd::None, -1)}).T());
      },
      {a, b}));
  Tensor s = param({3, 3}, 12);
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::matmul(in[0], in[0].T()); }, {s}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::matmul(in[0], in[0]); }, {s}));
}

TEST(GradProducts, DotInEveryRankCombination) {
  const std::vector<std::pair<nd::Shape, nd::Shape>> shapes = {
      {{}, {3}},           {{2, 3}, {}},     {{3}, {3}},       {{2, 3}, {3}},
      {{3}, {3, 2}},       {{2, 3}, {3, 4}}, {{2, 2, 3}, {3}}, {{2, 2, 3}, {3, 4}},
      {{2, 3}, {2, 3, 4}}, {{3}, {2, 3, 2}}};
  std::uint32_t seed = 20;
  for (const auto& [sa, sb] : shapes) {
    SCOPED_TRACE(nd::to_string(sa) + " . " + nd::to_string(sb));
    Tensor a = param(sa, seed++), b = param(sb, seed++);
    Tensor d = ag::dot(a, b);
    EXPECT_TRUE(ag_test::all_close(d.array(), nd::dot(a.array(), b.array()), 1e-14, 1e-14));
    EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::dot(in[0], in[1]); }, {a, b}));
  }
}

struct EinsumCase {
  std::string subscripts;
  std::vector<nd::Shape> shapes;
};

TEST(GradProducts, EinsumSubscripts) {
  const std::vector<EinsumCase> cases = {
      {"ij,jk->ik", {{2, 3}, {3, 4}}},
      {"ik,jk->ij", {{3, 4}, {2, 4}}},
      {"bhqd,bhkd->bhqk", {{2, 2, 3, 4}, {2, 2, 5, 4}}},
      {"ij,jk", {{2, 3}, {3, 4}}},  // implicit output
      {"ba", {{2, 3}}},             // implicit transpose
      {"ab->", {{3, 4}}},           // total sum
      {"ij->j", {{3, 4}}},          // sum over one axis
      {"i,j->ij", {{3}, {4}}},      // outer product
      {"ii->", {{4, 4}}},           // trace
      {"ii->i", {{4, 4}}},          // diagonal
      {"iij->ij", {{3, 3, 2}}},     // diagonal of a 3-d operand
      {"ij,j->i", {{3, 4}, {4}}},
      {"i,i->", {{5}, {5}}},
      {"...ij,...jk->...ik", {{2, 3, 4}, {2, 4, 5}}},
      {"...ij,...jk->...ik", {{2, 1, 3, 4}, {3, 4, 2}}},  // broadcast ellipses
      {"i...,i...->...", {{3, 2, 2}, {3, 2, 2}}},
      {"ij,jk,kl->il", {{2, 3}, {3, 4}, {4, 2}}},  // three operands
      {"ij,ij->ij", {{3, 1}, {3, 4}}},             // broadcast size-1 dim
      {"ab,cd->", {{2, 3}, {2, 2}}},               // labels only one operand has
      {"iji,jk->k", {{3, 2, 3}, {2, 4}}},
  };
  std::uint32_t seed = 40;
  for (const EinsumCase& c : cases) {
    SCOPED_TRACE(c.subscripts);
    std::vector<Tensor> inputs;
    for (const nd::Shape& s : c.shapes) inputs.push_back(param(s, seed++));
    EXPECT_TRUE(
        gradcheck_ok([&](const Inputs& in) { return ag::einsum(c.subscripts, in); }, inputs));
  }
}

TEST(GradProducts, EinsumVariadicAndRepeatedOperand) {
  Tensor a = param({3, 3}, 70), v = param({3}, 71);
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) { return ag::einsum("i,ij,j->", in[1], in[0], in[1]); }, {a, v}));
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) { return ag::einsum("ij,jk->ik", in[0], in[0].T()); }, {a}));
}

}  // namespace
