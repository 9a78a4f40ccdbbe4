// nd::linalg, nd::cov and nd::corrcoef against NumPy (tests/gen_linalg.py).
//
// Values are compared with NumPy's where they are defined: singular values, eigenvalues,
// determinants, inverses, solutions, norms, cov/corrcoef, |R| of QR, the Cholesky factor.
// Where LAPACK's choices are arbitrary (the signs of singular vectors and eigenvectors,
// the order of eig's eigenvalues) the test checks what defines the result instead:
// reconstruction, orthonormality, eigen-residuals.
//
// Tolerances are relative to the largest magnitude of the expected array (the error
// bounds of these algorithms are norm-wise, not element-wise):
// - float64, kTol64 = 1e-12: LAPACK (behind NumPy) and Eigen are both backward stable and
//   the inputs are well conditioned (condition numbers below ~50), so the two differ by a
//   small multiple of n * eps * cond ~ 1e-14.
// - float32 results, kTol32 = 1e-6: NumPy and ndgrad both compute in float64 and round
//   once to float32, so they differ by at most one float32 ulp (6e-8 relative).
// - norms of float32 input, kTolNorm32 = 1e-5: computed in float32 arithmetic by both, in
//   different summation orders (NumPy uses BLAS's dot for the 2-norm), a few ulps.
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace {

namespace la = nd::linalg;
using nd::Ellipsis;
using nd::None;
using nd::Slice;

constexpr double kTol64 = 1e-12;
constexpr double kTol32 = 1e-6;
constexpr double kTolNorm32 = 1e-5;
constexpr double kInf = std::numeric_limits<double>::infinity();

const std::map<std::string, nd::Array>& fixtures() {
  static const std::map<std::string, nd::Array> arrays =
      nd::load_npz(nd_test::fixture_path("linalg/linalg.npz"));
  return arrays;
}

nd::Array expected(const std::string& key) {
  auto it = fixtures().find(key);
  if (it == fixtures().end()) throw std::runtime_error("no fixture " + key);
  return it->second;
}

nd::Array input(const std::string& name) {
  return expected("in/" + name);
}

// The views the generator names (views() in gen_linalg.py).
nd::Array view(const std::string& name) {
  if (name == "sq4_T") return input("sq4").T();
  if (name == "sq4_flip") return input("sq4").index({Slice(None, None, -1)});
  if (name == "rect_T") return input("rect").T();
  if (name == "big_cols") return input("big").index({Slice(), Slice(None, None, 2)});
  if (name == "sym4_flip")
    return input("sym4").index({Slice(None, None, -1), Slice(None, None, -1)});
  return input(name);
}

std::vector<double> values_of(const nd::Array& a) {
  nd::Array c = nd::ascontiguousarray(a, nd::float64);
  const double* p = c.data<double>();
  return std::vector<double>(p, p + c.size());
}

double max_abs(const std::vector<double>& v) {
  double m = 0;
  for (double x : v)
    if (std::isfinite(x)) m = std::max(m, std::abs(x));
  return m;
}

// Same dtype and shape; NaN where NumPy has NaN, the same infinities, and finite values
// within rtol * max|expected| (rtol absolute when the expected array is all zeros).
::testing::AssertionResult all_close(const nd::Array& actual, const nd::Array& expect,
                                     double rtol) {
  if (actual.dtype() != expect.dtype())
    return ::testing::AssertionFailure()
           << "dtype " << nd::name(actual.dtype()) << " != " << nd::name(expect.dtype());
  if (!(actual.shape() == expect.shape()))
    return ::testing::AssertionFailure() << "shape " << actual.shape() << " != " << expect.shape();
  const std::vector<double> a = values_of(actual), e = values_of(expect);
  const double scale = max_abs(e) > 0 ? max_abs(e) : 1.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const bool same_special =
        (std::isnan(a[i]) && std::isnan(e[i])) || (std::isinf(e[i]) && a[i] == e[i]);
    if (same_special) continue;
    if (!std::isfinite(e[i]) || !std::isfinite(a[i]) || std::abs(a[i] - e[i]) > rtol * scale)
      return ::testing::AssertionFailure()
             << "element " << i << ": " << a[i] << " vs NumPy's " << e[i] << " (scale " << scale
             << ", rtol " << rtol << ")\nactual:\n"
             << actual << "\nexpected:\n"
             << expect;
  }
  return ::testing::AssertionSuccess();
}

double tolerance_for(const nd::Array& expect) {
  return expect.dtype() == nd::float32 ? kTol32 : kTol64;
}

::testing::AssertionResult matches(const nd::Array& actual, const std::string& key) {
  const nd::Array e = expected(key);
  return all_close(actual, e, tolerance_for(e));
}

// --- plain matrices, to check decompositions without nd::matmul (tested elsewhere) ---------

struct Mat {
  std::int64_t rows = 0, cols = 0;
  std::vector<double> v;
  double operator()(std::int64_t i, std::int64_t j) const { return v[i * cols + j]; }
  double& operator()(std::int64_t i, std::int64_t j) { return v[i * cols + j]; }
};

Mat to_mat(const nd::Array& a) {
  return {a.shape()[0], a.shape()[1], values_of(a)};
}

// Matrix i of a stack (..., m, n).
Mat matrix_at(const nd::Array& stack, std::int64_t i) {
  const std::int64_t m = stack.shape()[stack.ndim() - 2], n = stack.shape()[stack.ndim() - 1];
  return to_mat(stack.reshape({-1, m, n}).index({i}));
}

Mat operator*(const Mat& a, const Mat& b) {
  Mat c{a.rows, b.cols, std::vector<double>(a.rows * b.cols, 0.0)};
  for (std::int64_t i = 0; i < a.rows; ++i)
    for (std::int64_t k = 0; k < a.cols; ++k)
      for (std::int64_t j = 0; j < b.cols; ++j) c(i, j) += a(i, k) * b(k, j);
  return c;
}

Mat transpose(const Mat& a) {
  Mat t{a.cols, a.rows, std::vector<double>(a.v.size())};
  for (std::int64_t i = 0; i < a.rows; ++i)
    for (std::int64_t j = 0; j < a.cols; ++j) t(j, i) = a(i, j);
  return t;
}

Mat identity(std::int64_t n) {
  Mat e{n, n, std::vector<double>(n * n, 0.0)};
  for (std::int64_t i = 0; i < n; ++i) e(i, i) = 1.0;
  return e;
}

// U with its columns scaled by s (U @ diag(s)), using the first s.size() columns.
Mat scale_columns(const Mat& u, const std::vector<double>& s) {
  Mat r{u.rows, std::int64_t(s.size()), {}};
  for (std::int64_t i = 0; i < u.rows; ++i)
    for (std::size_t j = 0; j < s.size(); ++j) r.v.push_back(u(i, j) * s[j]);
  return r;
}

Mat top_rows(const Mat& a, std::int64_t k) {
  return {k, a.cols, std::vector<double>(a.v.begin(), a.v.begin() + k * a.cols)};
}

double max_abs_diff(const Mat& a, const Mat& b) {
  double d = 0;
  for (std::size_t i = 0; i < a.v.size(); ++i) d = std::max(d, std::abs(a.v[i] - b.v[i]));
  return d;
}

// Backward-stable factorisations reproduce A to a small multiple of n * eps * max|A|.
double reconstruction_tolerance(const Mat& a) {
  return 1e-13 * double(std::max(a.rows, a.cols)) * std::max(max_abs(a.v), 1.0);
}

// Orthonormal columns: Q^T Q = I to a few n * eps.
void expect_orthonormal_columns(const Mat& q) {
  EXPECT_LT(max_abs_diff(transpose(q) * q, identity(q.cols)), 1e-13 * double(q.rows + 1));
}

// =====================================================================================
// API.md's lines
// =====================================================================================

TEST(Linalg, ApiExamples) {
  const nd::Array Q = input("Q");
  EXPECT_TRUE(matches(nd::linalg::norm(Q, 2, -1), "norm/Q_2_m1"));
  EXPECT_TRUE(matches(nd::linalg::norm(Q, "fro"), "norm/Q/fro"));

  auto [U, S, Vt] = nd::linalg::svd(Q, /*full_matrices=*/false);
  EXPECT_EQ(U.shape(), nd::Shape({3, 3}));
  EXPECT_EQ(Vt.shape(), nd::Shape({3, 4}));
  EXPECT_LT(max_abs_diff(scale_columns(to_mat(U), values_of(S)) * to_mat(Vt), to_mat(Q)),
            reconstruction_tolerance(to_mat(Q)));

  auto [w, V] = nd::linalg::eigh(nd::cov(Q, /*rowvar=*/false));
  EXPECT_EQ(w.shape(), nd::Shape({4}));
  const std::vector<double> wv = values_of(w);
  EXPECT_TRUE(std::is_sorted(wv.begin(), wv.end()));
  expect_orthonormal_columns(to_mat(V));

  EXPECT_TRUE(
      matches(nd::linalg::solve(nd::array({{2, 1}, {1, 3}}), nd::array({8, 13})), "solve/api"));
  const std::vector<double> solution = values_of(expected("solve/api"));
  EXPECT_NEAR(solution[0], 2.2, 1e-15);
  EXPECT_NEAR(solution[1], 3.6, 1e-15);

  nd::Array A2 = nd::array({{1, 1}, {1, 2}, {1, 3}}), b2 = nd::array({6, 0, 0});
  auto [xs, residuals, rank, sv] = nd::linalg::lstsq(A2, b2);
  EXPECT_TRUE(matches(xs, "lstsq/api/x"));
  EXPECT_NEAR(xs.index({0}).item<double>(), 8.0, 1e-13);
  EXPECT_NEAR(xs.index({1}).item<double>(), -3.0, 1e-13);
  EXPECT_TRUE(matches(residuals, "lstsq/api/residuals"));
  EXPECT_TRUE(nd_test::arrays_identical(rank, expected("lstsq/api/rank")));
  EXPECT_TRUE(matches(sv, "lstsq/api/s"));

  nd::Array A = input("sq4");  // API.md draws it from randn(4, 4) + 4 I
  EXPECT_TRUE(matches(nd::linalg::inv(A), "inv/sq4"));
  EXPECT_TRUE(matches(nd::linalg::det(A), "det/sq4"));
}

// =====================================================================================
// svd
// =====================================================================================

void expect_valid_svd(const nd::Array& a, bool full_matrices) {
  auto [U, S, Vh] = la::svd(a, full_matrices);
  const std::int64_t m = a.shape()[a.ndim() - 2], n = a.shape()[a.ndim() - 1];
  const std::int64_t k = std::min(m, n);
  EXPECT_EQ(U.shape().back(), full_matrices ? m : k);
  EXPECT_EQ(Vh.shape()[Vh.ndim() - 2], full_matrices ? n : k);
  const std::int64_t count = S.size() / std::max<std::int64_t>(k, 1);
  for (std::int64_t i = 0; i < count; ++i) {
    const Mat u = matrix_at(U, i), vh = matrix_at(Vh, i), ai = matrix_at(a, i);
    const std::vector<double> s = values_of(S.reshape({-1, k}).index({i}));
    EXPECT_TRUE(std::is_sorted(s.rbegin(), s.rend())) << "descending";
    EXPECT_LT(max_abs_diff(scale_columns(u, s) * top_rows(vh, k), ai),
              reconstruction_tolerance(ai));
    expect_orthonormal_columns(u);
    expect_orthonormal_columns(transpose(vh));
  }
}

TEST(Linalg, SvdSingularValuesMatchNumPy) {
  for (const char* name : {"sq4", "rect", "wide", "rect_stack", "big", "rect_f32", "deficient",
                           "sq4_T", "big_cols", "special"})
    EXPECT_TRUE(matches(la::svd(view(name), true, false).S, std::string("svdvals/") + name))
        << name;
  EXPECT_TRUE(matches(la::svdvals(input("big")), "svdvals/big"));
  EXPECT_TRUE(matches(la::svd(input("special")).S, "svd_S/special"));  // inf: NaN, no error
  EXPECT_TRUE(
      matches(la::svd(input("sym4"), true, false, /*hermitian=*/true).S, "svdvals_hermitian/sym4"));
}

TEST(Linalg, SvdReconstructsAndIsOrthonormal) {
  for (const char* name : {"sq4", "rect", "wide", "rect_stack", "big", "deficient", "sq4_flip",
                           "rect_T", "big_cols"}) {
    SCOPED_TRACE(name);
    expect_valid_svd(view(name), true);
    expect_valid_svd(view(name), false);
  }
}

TEST(Linalg, SvdHermitianReconstructs) {
  const nd::Array a = input("sym4");
  auto [U, S, Vh] = la::svd(a, true, true, /*hermitian=*/true);
  EXPECT_LT(max_abs_diff(scale_columns(to_mat(U), values_of(S)) * to_mat(Vh), to_mat(a)),
            reconstruction_tolerance(to_mat(a)));
  expect_orthonormal_columns(to_mat(U));
}

TEST(Linalg, SvdDtypesAndShapes) {
  for (const char* d : {"bool", "uint8", "int32", "int64", "float32", "float64"}) {
    const nd::Array a = input(std::string("m_") + d);
    auto [U, S, Vh] = la::svd(a);
    const nd::DType want = a.dtype() == nd::float32 ? nd::float32 : nd::float64;
    EXPECT_EQ(U.dtype(), want) << d;
    EXPECT_EQ(Vh.dtype(), want) << d;
    EXPECT_TRUE(matches(S, std::string("svdvals/m_") + d)) << d;
  }
  // compute_uv = false leaves U and Vh empty.
  auto [U, S, Vh] = la::svd(input("rect"), true, false);
  EXPECT_EQ(U.size(), 0);
  EXPECT_EQ(Vh.size(), 0);
  EXPECT_EQ(S.shape(), nd::Shape({3}));
  // Empty matrices: the identity completes the bases, as in NumPy.
  auto [U0, S0, Vh0] = la::svd(nd::zeros({0, 3}));
  EXPECT_EQ(U0.shape(), nd::Shape({0, 0}));
  EXPECT_EQ(S0.shape(), nd::Shape({0}));
  EXPECT_TRUE(nd_test::arrays_identical(Vh0, nd::eye(3)));
  auto [U1, S1, Vh1] = la::svd(nd::zeros({3, 0}), false);
  EXPECT_EQ(U1.shape(), nd::Shape({3, 0}));
  EXPECT_EQ(Vh1.shape(), nd::Shape({0, 0}));
  EXPECT_EQ(la::svd(nd::zeros({2, 0, 0})).S.shape(), nd::Shape({2, 0}));
}

// =====================================================================================
// eigh, eigvalsh, eig, eigvals
// =====================================================================================

TEST(Linalg, EigvalshMatchesNumPy) {
  for (const char* name : {"sym4", "sym_stack", "sym_big", "sym4_f32", "sym4_flip"})
    EXPECT_TRUE(matches(la::eigvalsh(view(name)), std::string("eigvalsh/") + name)) << name;
  // A non-symmetric matrix: only the named triangle is read.
  EXPECT_TRUE(matches(la::eigvalsh(input("sq4"), "U"), "eigvalsh_U/sq4"));
  EXPECT_TRUE(matches(la::eigvalsh(input("sq4"), "u"), "eigvalsh_U/sq4"));
  EXPECT_TRUE(matches(la::eigvalsh(input("sq4")), "eigvalsh_L/sq4"));
  for (const char* d : {"bool", "uint8", "int32", "int64", "float32", "float64"})
    EXPECT_TRUE(matches(la::eigvalsh(input(std::string("m_") + d)), std::string("eigvalsh/m_") + d))
        << d;
}

// A v = lambda v for every eigenpair, and orthonormal eigenvectors.
TEST(Linalg, EighEigenpairs) {
  for (const char* name : {"sym4", "sym_stack", "sym_big", "sym4_flip"}) {
    SCOPED_TRACE(name);
    const nd::Array a = view(name);
    auto [w, V] = la::eigh(a);
    EXPECT_TRUE(matches(w, std::string("eigvalsh/") + name));
    const std::int64_t n = a.shape().back();
    for (std::int64_t i = 0; i < a.size() / (n * n); ++i) {
      const Mat ai = matrix_at(a, i), v = matrix_at(V, i);
      const std::vector<double> lambda = values_of(w.reshape({-1, n}).index({i}));
      EXPECT_LT(max_abs_diff(ai * v, scale_columns(v, lambda)), reconstruction_tolerance(ai));
      expect_orthonormal_columns(v);
    }
  }
  // "U" on a non-symmetric matrix: the pairs are those of its upper triangle mirrored.
  const nd::Array sq = input("sq4");
  auto [w, V] = la::eigh(sq, "U");
  const nd::Array mirrored = nd::triu(sq) + nd::triu(sq, 1).T();
  EXPECT_LT(max_abs_diff(to_mat(mirrored) * to_mat(V), scale_columns(to_mat(V), values_of(w))),
            reconstruction_tolerance(to_mat(sq)));
  EXPECT_EQ(la::eigh(input("sym4_f32")).eigenvectors.dtype(), nd::float32);
  auto [w0, V0] = la::eigh(nd::zeros({2, 0, 0}));
  EXPECT_EQ(w0.shape(), nd::Shape({2, 0}));
  EXPECT_EQ(V0.shape(), nd::Shape({2, 0, 0}));
}

TEST(Linalg, EigRealSpectra) {
  EXPECT_TRUE(matches(nd::sort(la::eigvals(input("eig_real"))), "eigvals/eig_real"));
  EXPECT_TRUE(matches(nd::sort(la::eigvals(input("eig_stack")), -1), "eigvals/eig_stack"));
  for (const char* name : {"eig_real", "eig_stack"}) {
    SCOPED_TRACE(name);
    const nd::Array a = input(name);
    auto [w, V] = la::eig(a);
    const std::int64_t n = a.shape().back();
    for (std::int64_t i = 0; i < a.size() / (n * n); ++i) {
      const Mat ai = matrix_at(a, i), v = matrix_at(V, i);
      const std::vector<double> lambda = values_of(w.reshape({-1, n}).index({i}));
      // The eigenvectors of a non-normal matrix are less well conditioned: 1e-12.
      EXPECT_LT(max_abs_diff(ai * v, scale_columns(v, lambda)), 1e-12 * max_abs(ai.v));
      const Mat gram = transpose(v) * v;
      for (std::int64_t j = 0; j < n; ++j) EXPECT_NEAR(gram(j, j), 1.0, 1e-14);  // unit norm
    }
  }
  EXPECT_EQ(la::eigvals(input("fib")).dtype(), nd::float64);  // (1 +- sqrt(5)) / 2
  EXPECT_EQ(la::eig(input("sym4_f32")).eigenvectors.dtype(), nd::float32);
  EXPECT_EQ(la::eigvals(nd::zeros({0, 0})).shape(), nd::Shape({0}));
}

TEST(Linalg, EigComplexSpectrumThrows) {
  const nd::Array rotation = nd::array({{0.0, -1.0}, {1.0, 0.0}});
  try {
    la::eig(rotation);
    FAIL() << "no exception";
  } catch (const nd::LinAlgError& e) {
    EXPECT_STREQ(e.what(),
                 "eig: the matrix has complex eigenvalues, which ndgrad cannot represent (it has "
                 "no complex dtype)");
  }
  EXPECT_THROW(la::eigvals(nd::stack({nd::eye(2), rotation})), nd::LinAlgError);
}

// =====================================================================================
// det, slogdet, inv, solve
// =====================================================================================

TEST(Linalg, DetAndSlogdet) {
  for (const char* name : {"sq4", "sq_stack", "singular", "sq4_f32", "with_nan"}) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(matches(la::det(input(name)), std::string("det/") + name));
    auto [sign, logabsdet] = la::slogdet(input(name));
    EXPECT_TRUE(matches(sign, std::string("slogdet/") + name + "/sign"));
    EXPECT_TRUE(matches(logabsdet, std::string("slogdet/") + name + "/logabsdet"));
  }
  EXPECT_TRUE(matches(la::det(view("sq4_flip")), "det/sq4_flip"));
  // Singular: exactly 0, sign 0, -inf.
  EXPECT_EQ(la::det(input("singular")).item<double>(), 0.0);
  EXPECT_EQ(la::slogdet(input("singular")).logabsdet.item<double>(), -kInf);
  // Empty matrices have determinant 1.
  EXPECT_TRUE(nd_test::arrays_identical(la::det(nd::zeros({2, 0, 0})), nd::ones({2})));
  EXPECT_TRUE(nd_test::arrays_identical(la::slogdet(nd::zeros({0, 0})).logabsdet, nd::zeros({})));
}

TEST(Linalg, DetAndInvOfEveryDtype) {
  for (const char* d : {"bool", "uint8", "int32", "int64", "float32", "float64"}) {
    SCOPED_TRACE(d);
    const nd::Array a = input(std::string("m_") + d);
    EXPECT_TRUE(matches(la::det(a), std::string("det/m_") + d));
    EXPECT_TRUE(matches(la::inv(a), std::string("inv/m_") + d));
  }
}

TEST(Linalg, Inv) {
  for (const char* name : {"sq4", "sq_stack", "sq4_f32", "sq4_T"})
    EXPECT_TRUE(matches(la::inv(view(name)), std::string("inv/") + name)) << name;
  const nd::Array a = input("sq_stack");
  const nd::Array inverse = la::inv(a);
  for (std::int64_t i = 0; i < 6; ++i)
    EXPECT_LT(max_abs_diff(matrix_at(a, i) * matrix_at(inverse, i), identity(3)), 1e-14);
  EXPECT_EQ(la::inv(nd::zeros({0, 0})).shape(), nd::Shape({0, 0}));
}

// Many small matrices go through the threaded path: each must equal its own inverse.
TEST(Linalg, LargeStacksMatchOneByOne) {
  const nd::Array stack = nd::arange(0, 400 * 36, 1, nd::float64).reshape({400, 6, 6});
  const nd::Array a = nd::sin(stack) + nd::eye(6) * 6;
  const nd::Array all = la::inv(a);
  const nd::Array dets = la::det(a);
  for (std::int64_t i : {0, 1, 199, 399}) {
    EXPECT_TRUE(nd_test::arrays_identical(all.index({i}), la::inv(a.index({i}))));
    EXPECT_TRUE(nd_test::arrays_identical(dets.index({i}), la::det(a.index({i}))));
  }
}

TEST(Linalg, Solve) {
  const nd::Array sq4 = input("sq4"), stack = input("sq_stack");
  EXPECT_TRUE(matches(la::solve(sq4, input("b4")), "solve/sq4_b4"));
  EXPECT_TRUE(matches(la::solve(sq4, input("B4")), "solve/sq4_B4"));
  EXPECT_TRUE(matches(la::solve(stack, input("b_stack")), "solve/stack_bstack"));
  EXPECT_TRUE(matches(la::solve(stack, input("b3")), "solve/stack_b3"));
  EXPECT_TRUE(matches(la::solve(stack.index({0, 0}), input("b_stack")), "solve/a_bcast"));
  EXPECT_TRUE(
      matches(la::solve(stack.index({Slice(), Slice(None, 1)}), input("b_stack").index({0})),
              "solve/both_bcast"));
  const nd::Array f32 = input("m_float32");
  EXPECT_TRUE(matches(la::solve(input("m_int64"), f32.index({Slice(), 0})), "solve/m_int64_f32"));
  EXPECT_TRUE(matches(la::solve(f32, f32.index({Slice(), 0})), "solve/f32_f32"));
  EXPECT_EQ(la::solve(nd::zeros({0, 0}), nd::zeros({0})).shape(), nd::Shape({0}));
  EXPECT_EQ(la::solve(nd::zeros({2, 0, 0}), nd::zeros({2, 0, 3})).shape(), nd::Shape({2, 0, 3}));
}

// =====================================================================================
// lstsq, pinv
// =====================================================================================

void expect_lstsq(const std::string& name, const la::LstsqResult& r) {
  SCOPED_TRACE(name);
  EXPECT_TRUE(matches(r.x, "lstsq/" + name + "/x"));
  EXPECT_TRUE(matches(r.residuals, "lstsq/" + name + "/residuals"));
  EXPECT_TRUE(nd_test::arrays_identical(r.rank, expected("lstsq/" + name + "/rank")));
  EXPECT_TRUE(matches(r.s, "lstsq/" + name + "/s"));
}

TEST(Linalg, Lstsq) {
  expect_lstsq("rect_b5", la::lstsq(input("rect"), input("b5")));
  expect_lstsq("rect_B5", la::lstsq(input("rect"), input("B5")));
  expect_lstsq("wide", la::lstsq(input("wide"), input("b3")));            // M < N: no residuals
  expect_lstsq("deficient", la::lstsq(input("deficient"), input("B5")));  // rank 2 < N
  expect_lstsq("deficient_rcond", la::lstsq(input("deficient"), input("b5"), 0.5));
  expect_lstsq("rect_f32", la::lstsq(input("rect_f32"), input("b5").astype(nd::float32)));
  expect_lstsq("square", la::lstsq(input("sq4"), input("b4")));
  expect_lstsq("empty_rows", la::lstsq(nd::zeros({0, 3}), nd::zeros({0, 2})));
  expect_lstsq("empty_cols", la::lstsq(nd::zeros({3, 0}), input("b3")));
  expect_lstsq("no_rhs", la::lstsq(input("rect"), nd::zeros({5, 0})));
}

TEST(Linalg, Pinv) {
  for (const char* name : {"rect", "wide", "deficient", "rect_stack", "sq4_f32", "rect_T"})
    EXPECT_TRUE(matches(la::pinv(view(name)), std::string("pinv/") + name)) << name;
  EXPECT_TRUE(matches(la::pinv(input("deficient"), 0.5), "pinv/deficient_rcond"));
  EXPECT_TRUE(matches(la::pinv(input("sym4"), 1e-15, /*hermitian=*/true), "pinv_hermitian/sym4"));
  EXPECT_TRUE(matches(la::pinv(input("m_int32")), "pinv/m_int32"));
  // Empty input keeps its dtype, as NumPy's shortcut does.
  const nd::Array empty = la::pinv(nd::zeros({0, 2}, nd::int32));
  EXPECT_EQ(empty.dtype(), nd::int32);
  EXPECT_EQ(empty.shape(), nd::Shape({2, 0}));
}

// =====================================================================================
// qr, cholesky
// =====================================================================================

void expect_valid_qr(const nd::Array& a, const std::string& mode) {
  auto [Q, R] = la::qr(a, mode);
  const std::int64_t m = a.shape()[a.ndim() - 2], n = a.shape()[a.ndim() - 1];
  for (std::int64_t i = 0; i < a.size() / (m * n); ++i) {
    const Mat q = matrix_at(Q, i), r = matrix_at(R, i), ai = matrix_at(a, i);
    EXPECT_LT(max_abs_diff(q * r, ai), reconstruction_tolerance(ai));
    expect_orthonormal_columns(q);
    for (std::int64_t row = 0; row < r.rows; ++row)
      for (std::int64_t col = 0; col < std::min(row, r.cols); ++col)
        EXPECT_EQ(r(row, col), 0.0) << "R is upper triangular";
  }
}

TEST(Linalg, Qr) {
  for (const char* name : {"sq4", "rect", "wide", "rect_stack"}) {
    SCOPED_TRACE(name);
    // R is unique up to the signs of its rows for full-rank input.
    EXPECT_TRUE(matches(nd::abs(la::qr(input(name)).R), std::string("qr_absR/") + name));
    expect_valid_qr(input(name), "reduced");
    expect_valid_qr(input(name), "complete");
  }
  expect_valid_qr(view("rect_T"), "reduced");
  auto [Q, R] = la::qr(input("rect"), "complete");
  EXPECT_EQ(Q.shape(), nd::Shape({5, 5}));
  EXPECT_TRUE(matches(nd::abs(R), "qr_absR_complete/rect"));
  auto [no_q, r_only] = la::qr(input("rect"), "r");
  EXPECT_EQ(no_q.size(), 0);
  EXPECT_TRUE(matches(nd::abs(r_only), "qr_absR_r/rect"));
  EXPECT_EQ(la::qr(input("rect_f32")).Q.dtype(), nd::float32);
  // Empty shapes as NumPy's.
  auto [Q0, R0] = la::qr(nd::zeros({3, 0}), "complete");
  EXPECT_TRUE(nd_test::arrays_identical(Q0, nd::eye(3)));
  EXPECT_EQ(R0.shape(), nd::Shape({3, 0}));
  auto [Q1, R1] = la::qr(nd::zeros({0, 3}));
  EXPECT_EQ(Q1.shape(), nd::Shape({0, 0}));
  EXPECT_EQ(R1.shape(), nd::Shape({0, 3}));
  EXPECT_THROW(la::qr(nd::eye(2), "raw"), nd::ValueError);  // not offered
}

TEST(Linalg, Cholesky) {
  for (const char* name : {"spd4", "spd_stack"})
    EXPECT_TRUE(matches(la::cholesky(input(name)), std::string("cholesky/") + name)) << name;
  EXPECT_TRUE(matches(la::cholesky(input("spd4").astype(nd::float32)), "cholesky/spd4_f32"));
  const Mat l = to_mat(la::cholesky(input("spd4")));
  for (std::int64_t i = 0; i < 4; ++i)
    for (std::int64_t j = i + 1; j < 4; ++j) EXPECT_EQ(l(i, j), 0.0);
  EXPECT_EQ(la::cholesky(nd::zeros({0, 0})).shape(), nd::Shape({0, 0}));
}

// =====================================================================================
// matrix_rank, matrix_power, cond
// =====================================================================================

TEST(Linalg, MatrixRank) {
  auto same = [](const nd::Array& actual, const std::string& key) {
    return nd_test::arrays_identical(actual, expected("matrix_rank/" + key));
  };
  EXPECT_TRUE(same(la::matrix_rank(input("sq4")), "sq4"));
  EXPECT_TRUE(same(la::matrix_rank(input("deficient")), "deficient"));
  EXPECT_TRUE(same(la::matrix_rank(nd::stack({input("singular"), nd::eye(2)})), "singular_stack"));
  EXPECT_TRUE(same(la::matrix_rank(input("sq4"), 4.0), "tol"));
  EXPECT_TRUE(same(la::matrix_rank(input("vec")), "vec"));
  EXPECT_TRUE(same(la::matrix_rank(nd::zeros({3})), "zeros"));
  EXPECT_TRUE(same(la::matrix_rank(nd::eye(3, {}, 0, nd::float32)), "f32_eye"));
  EXPECT_TRUE(same(la::matrix_rank(input("sym4"), {}, /*hermitian=*/true), "hermitian"));
}

TEST(Linalg, MatrixPower) {
  const nd::Array sq4 = input("sq4");
  for (int n : {0, 1, 2, 3, 5, 6, -1, -3})
    EXPECT_TRUE(matches(la::matrix_power(sq4, n), "matrix_power/sq4/" + std::to_string(n))) << n;
  EXPECT_TRUE(matches(la::matrix_power(input("sq_stack"), 4), "matrix_power/sq_stack/4"));
  EXPECT_TRUE(matches(la::matrix_power(input("m_float32"), 3), "matrix_power/m_float32/3"));
  // Integer and bool powers are exact, in the input's dtype, wrapping as NumPy's do.
  auto exact = [](const nd::Array& actual, const std::string& key) {
    return nd_test::arrays_identical(actual, expected("matrix_power/" + key));
  };
  EXPECT_TRUE(exact(la::matrix_power(input("fib"), 40), "fib/40"));
  EXPECT_TRUE(exact(la::matrix_power(input("wrap_uint8"), 5), "wrap_uint8/5"));
  EXPECT_TRUE(exact(la::matrix_power(input("wrap_int32"), 20), "wrap_int32/20"));
  EXPECT_TRUE(exact(la::matrix_power(input("shift_bool"), 2), "shift_bool/2"));
  EXPECT_TRUE(exact(la::matrix_power(input("shift_bool"), 3), "shift_bool/3"));
  EXPECT_TRUE(exact(la::matrix_power(input("path_bool"), 5), "path_bool/5"));
  EXPECT_TRUE(exact(la::matrix_power(input("m_int32"), 0), "m_int32/0"));
  EXPECT_TRUE(matches(la::matrix_power(input("path_bool"), -1), "matrix_power/path_bool/-1"));
}

TEST(Linalg, Cond) {
  const std::vector<std::pair<la::Ord, std::string>> ords = {
      {None, "none"}, {2, "2"},        {-2, "-2"},     {1, "1"},      {-1, "-1"},
      {kInf, "inf"},  {-kInf, "-inf"}, {"fro", "fro"}, {"nuc", "nuc"}};
  for (const auto& [p, tag] : ords) {
    SCOPED_TRACE(tag);
    EXPECT_TRUE(matches(la::cond(input("sq4"), p), "cond/sq4/" + tag));
    // A singular matrix: inf where inv fails ("nuc" is an error case). The SVD ratios
    // (None, 2, -2) divide by a singular value that is zero up to rounding: see below.
    if (tag != "nuc" && tag != "none" && tag != "2" && tag != "-2") {
      EXPECT_TRUE(matches(la::cond(input("singular"), p), "cond/singular/" + tag));
      EXPECT_EQ(la::cond(input("singular"), p).item<double>(), kInf);
    }
  }
  EXPECT_TRUE(matches(la::cond(input("sq_stack")), "cond/sq_stack/none"));
  EXPECT_TRUE(matches(la::cond(input("sq_stack"), 1), "cond/sq_stack/1"));
  EXPECT_TRUE(matches(la::cond(input("rect")), "cond/rect/none"));
  EXPECT_TRUE(matches(la::cond(input("sq4_f32")), "cond/sq4_f32/none"));
  EXPECT_TRUE(matches(la::cond(input("sq4_f32"), 1), "cond/sq4_f32/1"));
  EXPECT_TRUE(matches(la::cond(input("with_nan"), 1), "cond/with_nan/1"));  // NaN stays NaN
  EXPECT_TRUE(matches(la::cond(input("m_int64"), kInf), "cond/m_int64/inf"));
}

TEST(Linalg, CondOfSingularSvdRatioIsLarge) {
  // The smallest singular value of [[1, 2], [2, 4]] is zero up to rounding: LAPACK leaves
  // 2e-16 (NumPy's cond is 2.5e16), Eigen an exact 0 (inf). Only the size is meaningful.
  EXPECT_GT(la::cond(input("singular")).item<double>(), 1e15);
  EXPECT_GT(la::cond(input("singular"), 2).item<double>(), 1e15);
  EXPECT_LT(la::cond(input("singular"), -2).item<double>(), 1e-15);
}

// =====================================================================================
// norm
// =====================================================================================

const std::vector<std::pair<la::Ord, std::string>>& vector_ords() {
  static const std::vector<std::pair<la::Ord, std::string>> ords = {
      {None, "none"}, {2, "2"}, {1, "1"},     {kInf, "inf"}, {-kInf, "-inf"},
      {0, "0"},       {3, "3"}, {0.5, "0.5"}, {-1, "-1"}};
  return ords;
}

const std::vector<std::pair<la::Ord, std::string>>& matrix_ords() {
  static const std::vector<std::pair<la::Ord, std::string>> ords = {
      {None, "none"}, {"fro", "fro"}, {"nuc", "nuc"}, {1, "1"},       {-1, "-1"},
      {2, "2"},       {-2, "-2"},     {kInf, "inf"},  {-kInf, "-inf"}};
  return ords;
}

TEST(Linalg, VectorNorms) {
  for (const auto& [ord, tag] : vector_ords()) {
    SCOPED_TRACE(tag);
    EXPECT_TRUE(matches(la::norm(input("vec"), ord), "norm/vec/" + tag));
    EXPECT_TRUE(
        all_close(la::norm(input("vec_f32"), ord), expected("norm/vec_f32/" + tag), kTolNorm32));
    EXPECT_TRUE(matches(la::norm(input("vec_int32"), ord), "norm/vec_int32/" + tag));
    EXPECT_TRUE(matches(la::norm(input("cube"), ord, 1), "norm/cube_axis1/" + tag));
    EXPECT_TRUE(matches(la::norm(input("cube"), ord, -1, true), "norm/cube_axis-1_keep/" + tag));
  }
}

// max, min, count and sum of |x| along an axis are NumPy's own reductions: identical bits.
TEST(Linalg, VectorNormsByReductionAreExact) {
  for (const char* tag : {"inf", "-inf", "0", "1"}) {
    const la::Ord ord = std::string(tag) == "inf"    ? la::Ord(kInf)
                        : std::string(tag) == "-inf" ? la::Ord(-kInf)
                                                     : la::Ord(std::stod(tag));
    EXPECT_TRUE(nd_test::arrays_identical(la::norm(input("vec"), ord),
                                          expected(std::string("norm/vec/") + tag)))
        << tag;
    EXPECT_TRUE(nd_test::arrays_identical(la::norm(input("cube"), ord, 1),
                                          expected(std::string("norm/cube_axis1/") + tag)))
        << tag;
  }
}

TEST(Linalg, MatrixNorms) {
  for (const auto& [ord, tag] : matrix_ords()) {
    SCOPED_TRACE(tag);
    EXPECT_TRUE(matches(la::norm(input("Q"), ord), "norm/Q/" + tag));
    EXPECT_TRUE(
        all_close(la::norm(input("Q_f32"), ord), expected("norm/Q_f32/" + tag), kTolNorm32));
    EXPECT_TRUE(matches(la::norm(view("rect_T"), ord), "norm/rect_T/" + tag));
    EXPECT_TRUE(matches(la::norm(input("cube"), ord, {0, 2}), "norm/cube_02/" + tag));
    EXPECT_TRUE(matches(la::norm(input("cube"), ord, {2, 0}), "norm/cube_20/" + tag));
    EXPECT_TRUE(
        matches(la::norm(input("cube"), ord, {-1, -2}, true), "norm/cube_m1m2_keep/" + tag));
    EXPECT_TRUE(matches(la::norm(input("m_int32"), ord), "norm/m_int32/" + tag));
  }
}

TEST(Linalg, NormSpecialInputs) {
  EXPECT_TRUE(matches(la::norm(input("cube")), "norm/cube_none"));
  EXPECT_TRUE(matches(la::norm(input("cube"), None, None, true), "norm/cube_none_keep"));
  EXPECT_TRUE(matches(la::norm(input("special")), "norm/special/none"));  // inf
  EXPECT_TRUE(matches(la::norm(input("special"), 1), "norm/special/1"));
  EXPECT_TRUE(matches(la::norm(input("with_nan"), kInf), "norm/with_nan/inf"));  // NaN
  EXPECT_TRUE(matches(la::norm(input("m_bool")), "norm/m_bool/none"));
  EXPECT_TRUE(matches(la::norm(nd::zeros({0, 3})), "norm/empty/none"));
  EXPECT_TRUE(matches(la::norm(nd::zeros({0, 3}), "nuc"), "norm/empty/nuc"));
  EXPECT_TRUE(matches(la::norm(nd::scalar(-3.0)), "norm/scalar/none"));
}

// =====================================================================================
// cov, corrcoef
// =====================================================================================

TEST(Linalg, Cov) {
  const nd::Array obs = input("obs"), y = input("obs_y"), one = input("obs_1d");
  EXPECT_TRUE(matches(nd::cov(obs), "cov/obs"));
  EXPECT_TRUE(matches(nd::cov(obs.T(), false), "cov/obs_T_rowvar"));
  EXPECT_TRUE(matches(nd::cov(obs, true, /*bias=*/true), "cov/obs_bias"));
  EXPECT_TRUE(matches(nd::cov(obs, true, false, 3), "cov/obs_ddof3"));
  EXPECT_TRUE(matches(nd::cov(obs, y), "cov/obs_y"));
  EXPECT_TRUE(matches(nd::cov(obs.T(), y.T(), false), "cov/obs_y_rowvar"));
  EXPECT_TRUE(matches(nd::cov(one), "cov/obs_1d"));  // one variable: 0-d
  EXPECT_TRUE(matches(nd::cov(one, one.index({Slice(None, None, -1)})), "cov/obs_1d_y"));
  EXPECT_TRUE(matches(nd::cov(input("obs_int")), "cov/obs_int"));
  EXPECT_TRUE(matches(nd::cov(input("Q_f32"), false), "cov/Q_f32_rowvar"));    // float64
  EXPECT_TRUE(matches(nd::cov(nd::array({{1.0}, {2.0}})), "cov/single_obs"));  // N - ddof = 0
  EXPECT_TRUE(matches(nd::cov(obs, true, false, 6), "cov/ddof_big"));
  EXPECT_TRUE(matches(nd::cov(nd::zeros({0, 3})), "cov/empty_vars"));
  EXPECT_TRUE(matches(nd::cov(obs.index({Slice(None, 1)}), false), "cov/row_1_rowvar"));
  // Exactly symmetric, as BLAS's syrk makes NumPy's.
  const nd::Array c = nd::cov(input("obs"));
  EXPECT_TRUE(nd_test::arrays_identical(c, nd::ascontiguousarray(c.T())));
}

TEST(Linalg, Corrcoef) {
  const nd::Array obs = input("obs");
  EXPECT_TRUE(matches(nd::corrcoef(obs), "corrcoef/obs"));
  EXPECT_TRUE(matches(nd::corrcoef(obs, input("obs_y")), "corrcoef/obs_y"));
  EXPECT_TRUE(matches(nd::corrcoef(obs.T(), false), "corrcoef/obs_T_rowvar"));
  EXPECT_TRUE(matches(nd::corrcoef(input("obs_1d")), "corrcoef/obs_1d"));
  EXPECT_TRUE(matches(nd::corrcoef(input("const_row")), "corrcoef/const_row"));  // NaN row
  EXPECT_TRUE(matches(nd::corrcoef(input("obs_int")), "corrcoef/obs_int"));
  const std::vector<double> r = values_of(nd::corrcoef(obs));
  for (double v : r) EXPECT_LE(std::abs(v), 1.0);  // clipped
}

// =====================================================================================
// Errors: NumPy's class and text (fixtures/linalg/errors.txt)
// =====================================================================================

std::map<std::string, std::function<void()>> error_calls() {
  const nd::Array singular = input("singular"), with_nan = input("with_nan");
  const nd::Array special = input("special");
  return {
      {"inv_1d", [] { la::inv(nd::zeros({3})); }},
      {"inv_0d", [] { la::inv(nd::scalar(3.0)); }},
      {"inv_not_square",
       [] {
         la::inv(nd::zeros({2, 3}));
       }},
      {"inv_singular", [=] { la::inv(singular); }},
      {"inv_singular_stack",
       [=] {
         la::inv(nd::stack({nd::eye(2), singular}));
       }},
      {"det_1d", [] { la::det(nd::zeros({3})); }},
      {"det_not_square",
       [] {
         la::det(nd::zeros({3, 2}));
       }},
      {"slogdet_not_square",
       [] {
         la::slogdet(nd::zeros({3, 2}));
       }},
      {"solve_singular", [=] { la::solve(singular, nd::ones({2})); }},
      {"solve_vector_mismatch", [] { la::solve(nd::eye(3), nd::ones({2})); }},
      {"solve_matrix_mismatch",
       [] {
         la::solve(nd::eye(3), nd::ones({2, 2}));
       }},
      {"solve_batch_mismatch",
       [] {
         la::solve(nd::ones({2, 3, 3}), nd::ones({4, 3, 1}));
       }},
      {"solve_b_0d", [] { la::solve(nd::eye(3), nd::ones({})); }},
      {"solve_a_1d", [] { la::solve(nd::ones({3}), nd::ones({3})); }},
      {"solve_not_square",
       [] {
         la::solve(nd::ones({2, 3}), nd::ones({2}));
       }},
      {"cholesky_not_pd",
       [] {
         la::cholesky(nd::array({{1.0, 2.0}, {2.0, 1.0}}));
       }},
      {"cholesky_not_square",
       [] {
         la::cholesky(nd::ones({2, 3}));
       }},
      {"svd_nan", [=] { la::svd(with_nan); }},
      {"svd_1d", [] { la::svd(nd::ones({3})); }},
      {"eig_nan", [=] { la::eig(with_nan); }},
      {"eigvals_inf", [=] { la::eigvals(special); }},
      {"eig_not_square",
       [] {
         la::eig(nd::ones({2, 3}));
       }},
      {"eigh_uplo", [] { la::eigh(nd::eye(2), "X"); }},
      {"eigvalsh_uplo", [] { la::eigvalsh(nd::eye(2), "lower"); }},
      {"eigh_not_square",
       [] {
         la::eigh(nd::ones({2, 3}));
       }},
      {"eigh_1d", [] { la::eigh(nd::ones({3})); }},
      {"qr_mode", [] { la::qr(nd::eye(2), "x"); }},
      {"qr_1d", [] { la::qr(nd::ones({3})); }},
      {"lstsq_incompatible", [] { la::lstsq(nd::eye(3), nd::ones({2})); }},
      {"lstsq_3d",
       [] {
         la::lstsq(nd::ones({2, 3, 3}), nd::ones({3}));
       }},
      {"lstsq_b_0d",
       [] {
         la::lstsq(nd::ones({3, 3}), nd::ones({}));
       }},
      {"lstsq_nan", [=] { la::lstsq(with_nan, nd::ones({2})); }},
      {"matrix_power_singular", [=] { la::matrix_power(singular, -2); }},
      {"matrix_power_not_square",
       [] {
         la::matrix_power(nd::ones({2, 3}), 2);
       }},
      {"matrix_power_1d", [] { la::matrix_power(nd::ones({3}), 2); }},
      {"pinv_1d", [] { la::pinv(nd::ones({3})); }},
      {"matrix_rank_empty",
       [] {
         la::matrix_rank(nd::zeros({0, 3}));
       }},
      {"norm_fro_vector", [] { la::norm(nd::ones({3}), "fro"); }},
      {"norm_nuc_axis",
       [] {
         la::norm(nd::ones({3, 3}), "nuc", 0);
       }},
      {"norm_3_matrix",
       [] {
         la::norm(nd::ones({3, 3}), 3);
       }},
      {"norm_name_matrix",
       [] {
         la::norm(nd::ones({3, 3}), "foo");
       }},
      {"norm_3d_ord",
       [] {
         la::norm(nd::ones({3, 3, 3}), 2);
       }},
      {"norm_three_axes",
       [] {
         la::norm(nd::ones({3, 3, 3}), None, {0, 1, 2});
       }},
      {"norm_duplicate",
       [] {
         la::norm(nd::ones({3, 3}), None, {0, -2});
       }},
      {"norm_axis",
       [] {
         la::norm(nd::ones({3, 3}), None, 2);
       }},
      {"norm_axis_pair",
       [] {
         la::norm(nd::ones({3, 3}), None, {0, 2});
       }},
      {"norm_0d_ord", [] { la::norm(nd::scalar(3.0), 1); }},
      {"norm_2_empty",
       [] {
         la::norm(nd::zeros({0, 3}), 2);
       }},
      {"cond_empty",
       [] {
         la::cond(nd::zeros({0, 3}));
       }},
      {"cond_not_square",
       [] {
         la::cond(nd::ones({2, 3}), 1);
       }},
      {"cond_bad_p", [] { la::cond(nd::eye(2), 3); }},
      {"cond_singular_nuc", [=] { la::cond(singular, "nuc"); }},
      {"cov_3d",
       [] {
         nd::cov(nd::ones({2, 2, 2}));
       }},
      {"cov_y_3d",
       [] {
         nd::cov(nd::ones({2, 2}), nd::ones({2, 2, 2}));
       }},
      {"cov_mismatch",
       [] {
         nd::cov(nd::ones({2, 3}), nd::ones({2, 2}));
       }},
  };
}

// True when `e` is exactly NumPy's class `kind` (a LinAlgError is also a ValueError in
// both libraries, so a ValueError case must not be a LinAlgError).
bool is_class(const nd::Error& e, const std::string& kind) {
  const bool linalg = dynamic_cast<const nd::LinAlgError*>(&e) != nullptr;
  const bool axis = dynamic_cast<const nd::AxisError*>(&e) != nullptr;
  if (kind == "LinAlgError") return linalg;
  if (kind == "AxisError") return axis;
  if (kind == "ValueError")
    return dynamic_cast<const nd::ValueError*>(&e) != nullptr && !linalg && !axis;
  return false;
}

TEST(Linalg, ErrorsMatchNumPy) {
  const auto calls = error_calls();
  std::istringstream lines(nd_test::read_text_file(nd_test::fixture_path("linalg/errors.txt")));
  std::string line;
  std::size_t checked = 0;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    const std::size_t bar1 = line.find('|'), bar2 = line.find('|', bar1 + 1);
    const std::string name = line.substr(0, bar1), kind = line.substr(bar1 + 1, bar2 - bar1 - 1);
    const std::string message = line.substr(bar2 + 1);
    SCOPED_TRACE(name);
    auto it = calls.find(name);
    ASSERT_NE(it, calls.end()) << "no C++ call for " << name;
    try {
      it->second();
      ADD_FAILURE() << "no exception";
    } catch (const nd::Error& e) {
      EXPECT_TRUE(is_class(e, kind)) << "expected " << kind;
      EXPECT_EQ(std::string(e.what()), message);
    }
    ++checked;
  }
  EXPECT_EQ(checked, calls.size());
}

}  // namespace
