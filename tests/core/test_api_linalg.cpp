// The "Linear algebra, einsum, random" block of shared/API.md, compiled unchanged, and
// every statement's result checked against NumPy's for the same statements
// (tests/gen_api.py). The random stream runs through the whole block, so the arrays it
// leaves behind (Q, K, q4, k4, A) prove that every call before them drew exactly what
// NumPy draws.
#include <ndgrad/core.h>

#include <map>

#include "support/test_support.h"

namespace {

using Results = std::map<std::string, nd::Array>;

Results expected() {
  return nd::load_npz(nd_test::fixture_path("api/linalg_block.npz"));
}

// Products and decompositions sum in a different order than NumPy's OpenBLAS and
// LAPACK: a few ulps of float64 apart, never more.
constexpr double kRtol = 1e-12, kAtol = 1e-13;

TEST(ApiLinalgBlock, CompilesAndLeavesNumPysArrays) {
  // clang-format off
  // ---- begin: shared/API.md, "Linear algebra, einsum, random" ----
nd::random::seed(42);
nd::Array W = nd::random::randn({4, 4});   // first row 0.49671415 -0.1382643 0.64768854 1.52302986
nd::random::rand({1, 5}); nd::random::randint(0, 50000, {10});
nd::random::choice(4, 1, true, nd::array({0.1, 0.5, 0.2, 0.2}));
nd::random::gumbel(0, 1, {3}); nd::random::permutation(5); nd::random::normal(0, 1, {2, 3});
nd::random::RandomState rs(7); rs.randn({3});          // independent stream

nd::Array Q = nd::random::randn({3, 4}), K = nd::random::randn({3, 4});
nd::Array q4 = nd::random::randn({2, 2, 3, 4}), k4 = nd::random::randn({2, 2, 3, 4});
nd::matmul(Q, K.T()); nd::dot(Q.index({0}), K.index({0}));
nd::einsum("ik,jk->ij", Q, K); nd::einsum("bhqd,bhkd->bhqk", q4, k4); nd::einsum("ab->", Q);
nd::linalg::norm(Q, 2, -1); nd::linalg::norm(Q, "fro");
auto [U, S, Vt] = nd::linalg::svd(Q, /*full_matrices=*/false);
auto [w, V] = nd::linalg::eigh(nd::cov(Q, /*rowvar=*/false));
nd::linalg::solve(nd::array({{2, 1}, {1, 3}}), nd::array({8, 13}));   // [2.2 3.6]
nd::Array A2 = nd::array({{1, 1}, {1, 2}, {1, 3}}), b2 = nd::array({6, 0, 0});
auto [xs, residuals, rank, sv] = nd::linalg::lstsq(A2, b2);   // xs = [ 8. -3.]
nd::Array A = nd::random::randn({4, 4}) + nd::eye(4) * 4;
nd::linalg::inv(A); nd::linalg::det(A);
  // ---- end ----
  // clang-format on
  Results want = expected();
  for (const auto& [key, got] : std::map<std::string, nd::Array>{
           {"W", W}, {"Q", Q}, {"K", K}, {"q4", q4}, {"k4", k4}, {"A", A}}) {
    SCOPED_TRACE(key);
    EXPECT_TRUE(nd_test::arrays_identical(got, want.at(key)));
  }
  std::ostringstream first_row;
  first_row << W.index({0});
  EXPECT_EQ(first_row.str(), "[ 0.49671415 -0.1382643   0.64768854  1.52302986]");
  EXPECT_TRUE(nd_test::arrays_close(xs, want.at("lstsq_x"), kRtol, kAtol));
  (void)U, (void)S, (void)Vt, (void)w, (void)V, (void)residuals, (void)rank, (void)sv;
}

// The same statements again, each result compared with NumPy's.
TEST(ApiLinalgBlock, ResultsMatchNumPy) {
  Results want = expected();
  auto same = [&](const std::string& key, const nd::Array& got) {
    SCOPED_TRACE(key);
    EXPECT_TRUE(nd_test::arrays_identical(got, want.at(key)));
  };
  auto close = [&](const std::string& key, const nd::Array& got) {
    SCOPED_TRACE(key);
    EXPECT_TRUE(nd_test::arrays_close(got, want.at(key), kRtol, kAtol));
  };
  nd::random::seed(42);
  same("W", nd::random::randn({4, 4}));
  same("rand", nd::random::rand({1, 5}));
  same("randint", nd::random::randint(0, 50000, {10}));
  same("choice", nd::random::choice(4, 1, true, nd::array({0.1, 0.5, 0.2, 0.2})));
  same("gumbel", nd::random::gumbel(0, 1, {3}));
  same("permutation", nd::random::permutation(5));
  same("normal", nd::random::normal(0, 1, {2, 3}));
  nd::random::RandomState rs(7);
  same("rs_randn", rs.randn({3}));

  nd::Array Q = nd::random::randn({3, 4}), K = nd::random::randn({3, 4});
  nd::Array q4 = nd::random::randn({2, 2, 3, 4}), k4 = nd::random::randn({2, 2, 3, 4});
  close("QKt", nd::matmul(Q, K.T()));
  close("dot", nd::dot(Q.index({0}), K.index({0})));
  close("einsum_ikjk", nd::einsum("ik,jk->ij", Q, K));
  close("einsum_attn", nd::einsum("bhqd,bhkd->bhqk", q4, k4));
  close("einsum_sum", nd::einsum("ab->", Q));
  close("norm2", nd::linalg::norm(Q, 2, -1));
  close("normfro", nd::linalg::norm(Q, "fro"));

  // Singular vectors and eigenvectors carry LAPACK's sign choices: check what is defined.
  auto [U, S, Vt] = nd::linalg::svd(Q, /*full_matrices=*/false);
  close("S", S);
  nd::Array rebuilt = nd::matmul(U * S, Vt);
  EXPECT_TRUE(nd_test::arrays_close(rebuilt, Q, kRtol, kAtol));
  nd::Array C = nd::cov(Q, /*rowvar=*/false);
  auto [w, V] = nd::linalg::eigh(C);
  close("eigh_w", w);
  EXPECT_TRUE(nd_test::arrays_close(nd::matmul(C, V), V * w, 1e-10, 1e-12));

  nd::Array x = nd::linalg::solve(nd::array({{2, 1}, {1, 3}}), nd::array({8, 13}));
  close("solve", x);
  EXPECT_NEAR(x.index({0}).item<double>(), 2.2, 1e-15);
  EXPECT_NEAR(x.index({1}).item<double>(), 3.6, 1e-15);
  nd::Array A2 = nd::array({{1, 1}, {1, 2}, {1, 3}}), b2 = nd::array({6, 0, 0});
  auto [xs, residuals, rank, sv] = nd::linalg::lstsq(A2, b2);
  close("lstsq_x", xs);
  EXPECT_NEAR(xs.index({0}).item<double>(), 8.0, 1e-13);
  EXPECT_NEAR(xs.index({1}).item<double>(), -3.0, 1e-13);
  close("lstsq_residuals", residuals);
  same("lstsq_rank", rank);
  close("lstsq_s", sv);

  nd::Array A = nd::random::randn({4, 4}) + nd::eye(4) * 4;
  same("A", A);
  close("inv", nd::linalg::inv(A));
  close("det", nd::linalg::det(A));
}

}  // namespace
