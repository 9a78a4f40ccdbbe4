// Linear algebra: NumPy's numpy.linalg (norm, svd, eigh, eig, solve, lstsq, inv, pinv,
// det, slogdet, qr, cholesky, matrix_rank, matrix_power, cond) in nd::linalg, and
// NumPy's cov and corrcoef in nd.
//
// As in NumPy, the decompositions work on the last two axes and accept stacks of
// matrices (..., M, N); the leading axes are looped over (and, for binary functions,
// broadcast together). Every computation runs in float64, as NumPy's own linalg does
// (it calls the double-precision LAPACK routines for float32 input too); results are
// then float32 when every input is float32, float64 otherwise (bool and integer input
// included). The exceptions are norm, which computes in float32 for float32 input as
// NumPy does, and matrix_power, which keeps the input's dtype for n >= 0.
//
// ndgrad has no complex dtype: eig and eigvals throw LinAlgError when a matrix has
// complex eigenvalues instead of returning them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "ndgrad/core/array.h"
#include "ndgrad/core/axes.h"
#include "ndgrad/core/index.h"

namespace nd {
namespace linalg {

// The `ord` argument of norm and the `p` argument of cond: None (the default), a number
// (2, 1, -1, 0, 0.5, INFINITY, -INFINITY, ...) or a name ("fro", "f", "nuc").
class Ord {
 public:
  Ord() = default;
  Ord(NoneType) {}
  template <class T>
  requires(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) Ord(T number)
      : number_(static_cast<double>(number)) {}
  Ord(const char* name) : name_(name) {}
  Ord(std::string name) : name_(std::move(name)) {}

  bool is_none() const { return !number_ && !name_; }
  bool is_number() const { return number_.has_value(); }
  bool is_name() const { return name_.has_value(); }
  // Python's `ord == value`: false for None and for names.
  bool operator==(double value) const { return number_ && *number_ == value; }
  double number() const { return *number_; }
  const std::string& name() const { return *name_; }

 private:
  std::optional<double> number_;
  std::optional<std::string> name_;
};

// The results of the decompositions, with NumPy's field names (usable with structured
// bindings: auto [U, S, Vh] = nd::linalg::svd(a)).
struct SVDResult {
  Array U, S, Vh;
};
struct EigResult {
  Array eigenvalues, eigenvectors;
};
struct EighResult {
  Array eigenvalues, eigenvectors;
};
struct QRResult {
  Array Q, R;
};
struct SlogdetResult {
  Array sign, logabsdet;
};
struct LstsqResult {
  Array x;          // (N,) or (N, K)
  Array residuals;  // squared residual norms, (K,) or (1,); empty if rank < N or M <= N
  Array rank;       // 0-d int32, as NumPy's
  Array s;          // singular values of a, descending
};

// Vector or matrix norm. With axis omitted: ord None gives the 2-norm of the flattened
// array (any ndim); otherwise x must be 1-D (a vector norm) or 2-D (a matrix norm). An
// int axis gives vector norms along it, a pair {row, col} matrix norms of those planes.
// Vector ords: 2 (default), 1, INFINITY, -INFINITY, 0 (count of non-zeros), any other
// p (sum(|x|^p)^(1/p)). Matrix ords: "fro" (default), "nuc", 1, -1, 2, -2, INFINITY,
// -INFINITY. Integer and bool input give float64; float32 stays float32.
Array norm(const Array& x, const Ord& ord = {}, const Axes& axis = {}, bool keepdims = false);

// a = U @ diag(S) @ Vh with S descending. full_matrices: U is (..., M, M) and Vh
// (..., N, N); otherwise (..., M, K) and (..., K, N) with K = min(M, N). Without
// compute_uv only S is computed (U and Vh are left empty, shape (0,)). hermitian uses
// the symmetric eigendecomposition, as NumPy does.
SVDResult svd(const Array& a, bool full_matrices = true, bool compute_uv = true,
              bool hermitian = false);
// The singular values alone (NumPy 2's svdvals; svd(a, ..., false).S).
Array svdvals(const Array& x);

// Eigenvalues (ascending) and orthonormal eigenvectors (the columns) of symmetric
// matrices, reading only the lower ("L") or upper ("U") triangle.
EighResult eigh(const Array& a, const std::string& UPLO = "L");
Array eigvalsh(const Array& a, const std::string& UPLO = "L");
// Eigenvalues (in no particular order) and unit-norm eigenvectors of general square
// matrices whose eigenvalues are all real; LinAlgError otherwise.
EigResult eig(const Array& a);
Array eigvals(const Array& a);

// x with a @ x = b for square a (..., M, M). b is a vector (M,) or a stack of matrices
// (..., M, K) whose leading axes broadcast with a's (NumPy 2's rule: b counts as a
// vector only when it is 1-D).
Array solve(const Array& a, const Array& b);
// Least-squares solution of a @ x = b for a 2-D (M, N) and b (M,) or (M, K) (no stacks,
// as in NumPy), the minimum-norm one when a is rank deficient. Singular values at or
// below rcond * largest count as zero; rcond defaults to eps * max(M, N) (NumPy 2's
// default, rcond=None in NumPy 1.x).
LstsqResult lstsq(const Array& a, const Array& b, std::optional<double> rcond = {});

Array inv(const Array& a);
// Moore-Penrose pseudo-inverse (..., N, M) via the SVD; singular values at or below
// rcond * largest are treated as zero.
Array pinv(const Array& a, double rcond = 1e-15, bool hermitian = false);
// det = sign * exp(logabsdet) from an LU factorisation, as NumPy computes it.
Array det(const Array& a);
SlogdetResult slogdet(const Array& a);

// a = Q @ R, Q with orthonormal columns, R upper triangular. mode "reduced": Q (..., M,
// K), R (..., K, N); "complete": Q (..., M, M), R (..., M, N); "r": R (..., K, N) only
// (Q left empty). NumPy's "raw" mode (LAPACK's Householder reflectors) is not offered.
QRResult qr(const Array& a, const std::string& mode = "reduced");
// Lower-triangular L with a = L @ L.T, reading only a's lower triangle.
Array cholesky(const Array& a);

// The number of singular values above tol (default: largest * max(M, N) * eps of the
// result dtype); for 1-D or 0-d A, 1 unless all elements are zero. int64.
Array matrix_rank(const Array& A, std::optional<double> tol = {}, bool hermitian = false);
// a @ a @ ... (n times) with NumPy's order of products; n = 0 gives the identity in a's
// dtype, n < 0 powers of inv(a). Integer products wrap as NumPy's do.
Array matrix_power(const Array& a, std::int64_t n);
// Condition number: the ratio of extreme singular values for p None, 2, -2; otherwise
// norm(x, p) * norm(inv(x), p) (inf where x is singular).
Array cond(const Array& x, const Ord& p = {});

}  // namespace linalg

// Covariance matrix of the variables in the rows of m (the columns with rowvar false),
// with y's variables appended: X -= mean; c = X @ X.T * (1 / (N - ddof)), ddof
// defaulting to 1 (0 with bias); N - ddof <= 0 divides by zero, as NumPy does after its
// warning. float64 result, 0-d for a single variable. Without y: nd::cov(m, rowvar, ...).
// NumPy's fweights, aweights and dtype are not offered.
Array cov(const Array& m, const std::optional<Array>& y, bool rowvar = true, bool bias = false,
          std::optional<std::int64_t> ddof = {});
Array cov(const Array& m, bool rowvar = true, bool bias = false,
          std::optional<std::int64_t> ddof = {});
// Pearson correlation coefficients: cov / outer(stddev, stddev), clipped to [-1, 1].
Array corrcoef(const Array& x, const std::optional<Array>& y, bool rowvar = true);
Array corrcoef(const Array& x, bool rowvar = true);

}  // namespace nd
