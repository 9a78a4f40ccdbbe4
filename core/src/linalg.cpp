// numpy.linalg on Eigen, following numpy/linalg/linalg.py (NumPy 1.24) step by step:
// the same argument checks in the same order, the same error texts, the same dtypes
// and the same formulas around the LAPACK calls, which Eigen's decompositions replace
// (PartialPivLU for getrf/gesv, SelfAdjointEigenSolver for syevd, EigenSolver for
// geev, BDCSVD for gesdd/gelsd, HouseholderQR for geqrf/orgqr, LLT for potrf). Two
// choices follow NumPy 2 instead: solve's b is a vector only when 1-D, and lstsq's
// rcond defaults to eps * max(M, N).
//
// Every stack of matrices is first copied to one C-contiguous float64 buffer (NumPy's
// linalg also computes in double for every real input), so matrix i is a row-major
// Eigen map at a fixed offset. Stacks are spread over threads matrix by matrix; inside
// a parallel region Eigen keeps its own products single-threaded, so the two levels
// never nest. This is the only file that includes Eigen.
#include "ndgrad/core/linalg.h"

#include <omp.h>

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <Eigen/QR>
#include <Eigen/SVD>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "cast.h"
#include "iteration.h"
#include "ndgrad/core/creation.h"
#include "ndgrad/core/errors.h"
#include "ndgrad/core/joining.h"
#include "ndgrad/core/rearranging.h"
#include "ndgrad/core/reductions.h"
#include "ndgrad/core/shape_ops.h"
#include "ndgrad/core/ufuncs.h"

namespace nd {

namespace {

using Matrix = Eigen::MatrixXd;  // Eigen's own (column-major) storage
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<RowMatrix>;
using ConstMatrixMap = Eigen::Map<const RowMatrix>;
using VectorMap = Eigen::Map<Eigen::VectorXd>;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kEps = std::numeric_limits<double>::epsilon();

// =====================================================================================
// Argument checks (linalg.py's _assert_* helpers, same texts)
// =====================================================================================

void check_stacked_2d(const Array& a) {
  if (a.ndim() < 2)
    throw LinAlgError(std::to_string(a.ndim()) +
                      "-dimensional array given. Array must be at least two-dimensional");
}

void check_2d(const Array& a) {
  if (a.ndim() != 2)
    throw LinAlgError(std::to_string(a.ndim()) +
                      "-dimensional array given. Array must be two-dimensional");
}

void check_square(const Array& a) {
  if (a.shape()[a.ndim() - 1] != a.shape()[a.ndim() - 2])
    throw LinAlgError("Last 2 dimensions of the array must be square");
}

// NumPy's _commonType: the result is float32 only when every input is float32 (the
// computation itself is float64 either way).
DType result_dtype(std::initializer_list<DType> inputs) {
  for (DType d : inputs)
    if (d != float32) return float64;
  return float32;
}

Array to_dtype(const Array& result, DType dtype) {
  return result.dtype() == dtype ? result : result.astype(dtype);
}

// =====================================================================================
// Stacks of matrices
// =====================================================================================

Shape batch_shape(const Array& a) {
  return Shape(a.shape().begin(), a.shape().end() - 2);
}

// `batch` followed by the core dimensions.
Shape with_core(const Shape& batch, std::initializer_list<std::int64_t> core) {
  Shape shape = batch;
  for (std::int64_t d : core) shape.push_back(d);
  return shape;
}

// A (..., rows, cols) array as one C-contiguous float64 buffer (the array itself when it
// already is one), matrix i a row-major map.
struct MatrixStack {
  explicit MatrixStack(const Array& a)
      : data(ascontiguousarray(a, float64)),
        batch(batch_shape(a)),
        count(batch.product()),
        rows(a.shape()[a.ndim() - 2]),
        cols(a.shape()[a.ndim() - 1]) {}

  ConstMatrixMap operator[](std::int64_t i) const {
    return ConstMatrixMap(data.data<double>() + i * rows * cols, rows, cols);
  }
  bool all_finite() const {
    const double* p = data.data<double>();
    return std::all_of(p, p + data.size(), [](double v) { return std::isfinite(v); });
  }

  Array data;
  Shape batch;
  std::int64_t count, rows, cols;
};

// Matrix / vector i of a C-contiguous float64 output stack.
MatrixMap matrix_of(const Array& out, std::int64_t i, std::int64_t rows, std::int64_t cols) {
  return MatrixMap(out.data<double>() + i * rows * cols, rows, cols);
}
VectorMap vector_of(const Array& out, std::int64_t i, std::int64_t n) {
  return VectorMap(out.data<double>() + i * n, n);
}

// Calls fn(i) for every matrix of a stack, matrices spread over threads when there are
// several and enough work (`work_each` ~ flops per matrix). fn returns false when a
// matrix fails (singular, not positive definite, no convergence); the result says
// whether all succeeded, so the caller throws outside the parallel region.
template <class Fn>
bool for_each_matrix(std::int64_t count, std::int64_t work_each, Fn&& fn) {
  std::atomic<bool> all_ok{true};
  const bool parallel = count > 1 && !omp_in_parallel() && omp_get_max_threads() > 1 &&
                        count * std::max<std::int64_t>(work_each, 1) >= detail::kParallelWork;
#pragma omp parallel for schedule(static) if (parallel)
  for (std::int64_t i = 0; i < count; ++i)
    if (!fn(i)) all_ok.store(false, std::memory_order_relaxed);
  return all_ok.load();
}

std::int64_t cube(std::int64_t n) {
  return n * n * n;
}

// =====================================================================================
// LU: det, slogdet, inv, solve
// =====================================================================================

// getrf reports a singular matrix when a pivot is exactly zero; Eigen's PartialPivLU
// factorises in the same way (it skips the zero column) but does not report it.
bool has_zero_pivot(const Eigen::PartialPivLU<Matrix>& lu) {
  return (lu.matrixLU().diagonal().array() == 0.0).any();
}

// umath_linalg's slogdet of one matrix: the permutation's sign times the signs of U's
// diagonal, and the sum of log|u_ii| accumulated in order; sign 0 and -inf when singular.
std::pair<double, double> slogdet_of(ConstMatrixMap a) {
  if (a.rows() == 0) return {1.0, 0.0};
  const Eigen::PartialPivLU<Matrix> lu(a);
  if (has_zero_pivot(lu)) return {0.0, -kInf};
  double sign = lu.permutationP().determinant(), logdet = 0.0;
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    const double u = lu.matrixLU()(i, i);
    if (u < 0) sign = -sign;
    logdet += std::log(std::abs(u));
  }
  return {sign, logdet};
}

// slogdet_of for every matrix of a stack: float64 (sign, logabsdet) arrays.
std::pair<Array, Array> slogdet_stack(const Array& a) {
  check_stacked_2d(a);
  check_square(a);
  const MatrixStack s(a);
  Array sign = empty(s.batch, float64), logabsdet = empty(s.batch, float64);
  double* signs = sign.data<double>();
  double* logs = logabsdet.data<double>();
  for_each_matrix(s.count, cube(s.rows), [&](std::int64_t i) {
    const auto [matrix_sign, matrix_log] = slogdet_of(s[i]);
    signs[i] = matrix_sign;
    logs[i] = matrix_log;
    return true;
  });
  return {sign, logabsdet};
}

// The inverses of a square stack (float64); a singular matrix gives NaNs (what cond
// wants) and a false `all_ok`.
Array inverse_stack(const Array& a, bool& all_ok) {
  const MatrixStack s(a);
  const std::int64_t n = s.rows;
  Array out = empty(s.data.shape(), float64);
  all_ok = for_each_matrix(s.count, cube(n), [&](std::int64_t i) {
    if (n == 0) return true;
    const Eigen::PartialPivLU<Matrix> lu(s[i]);
    MatrixMap inverse = matrix_of(out, i, n, n);
    if (has_zero_pivot(lu)) {
      inverse.setConstant(kNaN);
      return false;
    }
    inverse = lu.inverse();
    return true;
  });
  return out;
}

// NumPy's gufunc text when the loop (batch) dimensions of two operands do not
// broadcast: each operand's shape with its core dimensions shown as newaxis, then the
// output's core dimensions.
std::string remapped_shapes_text(const Array& a, std::size_t a_core, const Array& b,
                                 std::size_t b_core, const Shape& out_core) {
  auto remapped = [](const Array& x, std::size_t core) {
    std::string text = shape_repr_compact(x.shape()) + "->(";
    const std::size_t loop = x.shape().size() - core;
    for (std::size_t d = 0; d < x.shape().size(); ++d)
      text += (d ? "," : "") + (d < loop ? std::to_string(x.shape()[d]) : std::string("newaxis"));
    return text + ")";
  };
  std::string requested = "(";
  for (std::size_t d = 0; d < out_core.size(); ++d)
    requested += (d ? "," : "") + std::to_string(out_core[d]);
  return "operands could not be broadcast together with remapped shapes "
         "[original->remapped]: " +
         remapped(a, a_core) + " " + remapped(b, b_core) + "  and requested shape " + requested +
         ")";
}

// The broadcast of the loop dimensions of a and b (those before their core dimensions).
Shape broadcast_loop_shapes(const Array& a, std::size_t a_core, const Array& b, std::size_t b_core,
                            const Shape& out_core) {
  const Shape la(a.shape().begin(), a.shape().end() - a_core);
  const Shape lb(b.shape().begin(), b.shape().end() - b_core);
  const std::size_t n = std::max(la.size(), lb.size());
  Shape out(n, 1);
  for (std::size_t d = 0; d < n; ++d) {
    const std::int64_t da = d + la.size() >= n ? la[d + la.size() - n] : 1;
    const std::int64_t db = d + lb.size() >= n ? lb[d + lb.size() - n] : 1;
    if (da != db && da != 1 && db != 1)
      throw ValueError(remapped_shapes_text(a, a_core, b, b_core, out_core));
    out[d] = da == 1 ? db : da;
  }
  return out;
}

// =====================================================================================
// SVD of one matrix (general: BDCSVD, as gesdd; hermitian: from eigh, as NumPy)
// =====================================================================================

struct MatrixSVD {
  Matrix U;           // columns: left singular vectors
  Eigen::VectorXd S;  // descending
  Matrix V;           // columns: right singular vectors
  bool ok = true;
};

MatrixSVD general_svd(ConstMatrixMap a, bool compute_uv, bool full_matrices) {
  unsigned options = 0;
  if (compute_uv)
    options = full_matrices ? (Eigen::ComputeFullU | Eigen::ComputeFullV)
                            : (Eigen::ComputeThinU | Eigen::ComputeThinV);
  Eigen::BDCSVD<Matrix> svd(a, options);
  MatrixSVD r;
  if (svd.info() != Eigen::Success) {  // Eigen refuses NaN and inf input
    // What LAPACK's gesdd does instead: NaN does not converge, inf gives NaNs.
    r.ok = !a.array().isNaN().any();
    const Eigen::Index m = a.rows(), n = a.cols(), k = std::min(m, n);
    r.S = Eigen::VectorXd::Constant(k, kNaN);
    if (compute_uv) {
      r.U = Matrix::Constant(m, full_matrices ? m : k, kNaN);
      r.V = Matrix::Constant(n, full_matrices ? n : k, kNaN);
    }
    return r;
  }
  r.S = svd.singularValues();
  if (compute_uv) r.U = svd.matrixU(), r.V = svd.matrixV();
  return r;
}

// NumPy's svd(hermitian=True): s, u = eigh(a); the singular values are |s| in
// descending order (argsort ascending, then reversed), and the signs of s move into V.
MatrixSVD hermitian_svd(ConstMatrixMap a, bool compute_uv) {
  Eigen::SelfAdjointEigenSolver<Matrix> eigh(
      a, compute_uv ? Eigen::ComputeEigenvectors : Eigen::EigenvaluesOnly);
  MatrixSVD r;
  r.ok = eigh.info() == Eigen::Success;
  if (!r.ok) return r;
  const Eigen::VectorXd& w = eigh.eigenvalues();
  const Eigen::Index n = w.size();
  std::vector<Eigen::Index> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](Eigen::Index i, Eigen::Index j) { return std::abs(w(i)) < std::abs(w(j)); });
  std::reverse(order.begin(), order.end());
  r.S.resize(n);
  if (compute_uv) r.U.resize(n, n), r.V.resize(n, n);
  for (Eigen::Index k = 0; k < n; ++k) {
    const double value = w(order[k]);
    r.S(k) = std::abs(value);
    if (!compute_uv) continue;
    const double sign = value > 0 ? 1.0 : (value < 0 ? -1.0 : 0.0);  // np.sign: 0 stays 0
    r.U.col(k) = eigh.eigenvectors().col(order[k]);
    r.V.col(k) = sign * r.U.col(k);
  }
  return r;
}

MatrixSVD svd_of(ConstMatrixMap a, bool compute_uv, bool full_matrices, bool hermitian) {
  return hermitian ? hermitian_svd(a, compute_uv) : general_svd(a, compute_uv, full_matrices);
}

// =====================================================================================
// Products that matrix_power needs (nd::matmul lives elsewhere)
// =====================================================================================

template <class T>
using RowMatrixOf = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// acc + a * b, wrapping for integers (computed unsigned, as NumPy's integer loops
// behave) and "or of ands" for bool.
template <class T>
T multiply_add(T acc, T a, T b) {
  if constexpr (std::is_same_v<T, bool>) {
    return acc || (a && b);
  } else {
    using U = std::make_unsigned_t<T>;
    return T(U(acc) + U(a) * U(b));
  }
}

// out = x @ y for one n x n matrix of an integer or bool dtype: row i of out gathers
// x[i, k] * (row k of y), an order whose inner loop runs over contiguous memory.
template <class T>
void integer_matrix_product(const T* x, const T* y, T* out, std::int64_t n) {
  std::fill(out, out + n * n, T(0));
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t k = 0; k < n; ++k) {
      const T xik = x[i * n + k];
      for (std::int64_t j = 0; j < n; ++j)
        out[i * n + j] = multiply_add(out[i * n + j], xik, y[k * n + j]);
    }
}

// x @ y for two C-contiguous square stacks of one shape and dtype.
Array stack_product(const Array& x, const Array& y) {
  Array out = empty(x.shape(), x.dtype());
  const std::int64_t n = x.shape().back();
  const std::int64_t count = n == 0 ? 0 : x.size() / (n * n);
  dispatch(x.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* px = x.data<T>();
    const T* py = y.data<T>();
    T* po = out.data<T>();
    for_each_matrix(count, cube(n), [&](std::int64_t i) {
      const std::int64_t at = i * n * n;
      if constexpr (std::is_floating_point_v<T>) {
        using Map = Eigen::Map<const RowMatrixOf<T>>;
        Eigen::Map<RowMatrixOf<T>>(po + at, n, n).noalias() =
            Map(px + at, n, n) * Map(py + at, n, n);
      } else {
        integer_matrix_product(px + at, py + at, po + at, n);
      }
      return true;
    });
  });
  return out;
}

// =====================================================================================
// Eigenvalue helpers
// =====================================================================================

std::string upper_uplo(const std::string& UPLO) {
  std::string uplo = UPLO;
  for (char& c : uplo) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (uplo != "L" && uplo != "U") throw ValueError("UPLO argument must be 'L' or 'U'");
  return uplo;
}

// eigh / eigvalsh: Eigen reads the lower triangle of what it is given, so the upper
// triangle is read as the lower triangle of the transpose.
linalg::EighResult symmetric_eigen(const Array& a, const std::string& UPLO, bool vectors) {
  const bool lower = upper_uplo(UPLO) == "L";
  check_stacked_2d(a);
  check_square(a);
  const MatrixStack s(a);
  const std::int64_t n = s.rows;
  Array w = empty(with_core(s.batch, {n}), float64);
  Array v = vectors ? empty(s.data.shape(), float64) : Array();
  const int options = vectors ? Eigen::ComputeEigenvectors : Eigen::EigenvaluesOnly;
  const bool ok = for_each_matrix(s.count, cube(n), [&](std::int64_t i) {
    if (n == 0) return true;
    Eigen::SelfAdjointEigenSolver<Matrix> solver;
    if (lower)
      solver.compute(s[i], options);
    else
      solver.compute(s[i].transpose(), options);
    if (solver.info() != Eigen::Success) return false;
    vector_of(w, i, n) = solver.eigenvalues();
    if (vectors) matrix_of(v, i, n, n) = solver.eigenvectors();
    return true;
  });
  if (!ok) throw LinAlgError("Eigenvalues did not converge");
  const DType dtype = result_dtype({a.dtype()});
  return {to_dtype(w, dtype), vectors ? to_dtype(v, dtype) : Array()};
}

// eig / eigvals: real Schur form; all eigenvalues must come out real.
linalg::EigResult general_eigen(const Array& a, bool vectors, const char* name) {
  check_stacked_2d(a);
  check_square(a);
  const MatrixStack s(a);
  if (!s.all_finite()) throw LinAlgError("Array must not contain infs or NaNs");
  const std::int64_t n = s.rows;
  Array w = empty(with_core(s.batch, {n}), float64);
  Array v = vectors ? empty(s.data.shape(), float64) : Array();
  std::atomic<bool> complex{false};
  const bool ok = for_each_matrix(s.count, 10 * cube(n), [&](std::int64_t i) {
    if (n == 0) return true;
    const Eigen::EigenSolver<Matrix> solver(s[i], vectors);
    if (solver.info() != Eigen::Success) return false;
    if ((solver.eigenvalues().imag().array() != 0.0).any()) {
      complex.store(true, std::memory_order_relaxed);
      return true;
    }
    vector_of(w, i, n) = solver.eigenvalues().real();
    if (vectors) matrix_of(v, i, n, n) = solver.eigenvectors().real();  // unit columns
    return true;
  });
  if (!ok) throw LinAlgError("Eigenvalues did not converge");
  if (complex)
    throw LinAlgError(std::string(name) +
                      ": the matrix has complex eigenvalues, which ndgrad cannot represent "
                      "(it has no complex dtype)");
  const DType dtype = result_dtype({a.dtype()});
  return {to_dtype(w, dtype), vectors ? to_dtype(v, dtype) : Array()};
}

// =====================================================================================
// norm helpers
// =====================================================================================

// f(singular values of the (row, col) planes of x) along the last axis, as
// _multi_svd_norm (f is amax, amin or sum).
template <class Reduce>
Array singular_value_norm(const Array& x, std::int64_t row, std::int64_t col, Reduce reduce) {
  return reduce(linalg::svdvals(moveaxis(x, Axes{row, col}, Axes{-2, -1})));
}

Array vector_norm(const Array& x, const linalg::Ord& ord, std::int64_t axis, bool keepdims) {
  if (ord == kInf) return max(abs(x), axis, keepdims);
  if (ord == -kInf) return min(abs(x), axis, keepdims);
  if (ord == 0) return sum(not_equal(x, 0).astype(x.dtype()), axis, keepdims);
  if (ord == 1) return sum(abs(x), axis, keepdims);
  if (ord.is_none() || ord == 2) return sqrt(sum(multiply(x, x), axis, keepdims));
  if (ord.is_name()) throw ValueError("Invalid norm order '" + ord.name() + "' for vectors");
  // sum(|x|^p)^(1/p), with 1/p rounded to x's dtype (NumPy's reciprocal(ord, dtype=)).
  const double p = ord.number();
  const double inverse_p = x.dtype() == float32 ? double(1.0f / float(p)) : 1.0 / p;
  Array total = sum(power(abs(x), p), axis, keepdims);
  return power(total, inverse_p, total);
}

Array matrix_norm(const Array& x, const linalg::Ord& ord, std::int64_t row, std::int64_t col,
                  bool keepdims) {
  if (row == col) throw ValueError("Duplicate axes given.");
  // The axis left to reduce once `removed` is gone.
  auto after_removing = [](std::int64_t axis, std::int64_t removed) {
    return axis > removed ? axis - 1 : axis;
  };
  Array r;
  if (ord == 2) {
    r = singular_value_norm(x, row, col, [](const Array& s) { return max(s, -1); });
  } else if (ord == -2) {
    r = singular_value_norm(x, row, col, [](const Array& s) { return min(s, -1); });
  } else if (ord == 1) {
    r = max(sum(abs(x), row), after_removing(col, row));
  } else if (ord == kInf) {
    r = max(sum(abs(x), col), after_removing(row, col));
  } else if (ord == -1) {
    r = min(sum(abs(x), row), after_removing(col, row));
  } else if (ord == -kInf) {
    r = min(sum(abs(x), col), after_removing(row, col));
  } else if (ord.is_none() || (ord.is_name() && (ord.name() == "fro" || ord.name() == "f"))) {
    r = sqrt(sum(multiply(x, x), Axes{row, col}));
  } else if (ord.is_name() && ord.name() == "nuc") {
    r = singular_value_norm(x, row, col, [](const Array& s) { return sum(s, -1); });
  } else {
    throw ValueError("Invalid norm order for matrices.");
  }
  if (!keepdims) return r;
  Shape shape = x.shape();
  shape[row] = shape[col] = 1;
  return r.reshape(shape);
}

// =====================================================================================
// cov helpers
// =====================================================================================

// np.array(m, ndmin=2, dtype=float64): a float64 copy with 1s prepended up to 2-D.
Array float64_at_least_2d(const Array& m) {
  Array x = m.astype(float64);
  if (x.ndim() == 0) return x.reshape({1, 1});
  if (x.ndim() == 1) return x.reshape({1, x.shape()[0]});
  return x;
}

// X @ X.T of a C-contiguous float64 (V, N) array, as BLAS's syrk: one triangle
// computed, the other mirrored, so the result is exactly symmetric.
Array gram_matrix(const Array& x) {
  const std::int64_t v = x.shape()[0], n = x.shape()[1];
  Matrix c = Matrix::Zero(v, v);
  c.selfadjointView<Eigen::Lower>().rankUpdate(ConstMatrixMap(x.data<double>(), v, n));
  Array out = empty({v, v}, float64);
  matrix_of(out, 0, v, v) = c.selfadjointView<Eigen::Lower>();  // mirrored in full
  return out;
}

}  // namespace

namespace linalg {

// =====================================================================================
// norm, svd, eigenvalues
// =====================================================================================

Array norm(const Array& x_in, const Ord& ord, const Axes& axis, bool keepdims) {
  const Array x = is_floating(x_in.dtype()) ? x_in : x_in.astype(float64);
  const std::int64_t ndim = x.ndim();
  if (axis.is_all()) {
    // NumPy's shortcut: the 2-norm of the flattened array.
    const bool frobenius = ord.is_name() && (ord.name() == "fro" || ord.name() == "f");
    if (ord.is_none() || (frobenius && ndim == 2) || (ord == 2 && ndim == 1)) {
      Array r = sqrt(sum(multiply(x, x)));
      return keepdims ? r.reshape(Shape(static_cast<std::size_t>(ndim), 1)) : r;
    }
  }
  Shape axes;
  if (axis.is_all())
    for (std::int64_t d = 0; d < ndim; ++d) axes.push_back(d);
  else
    for (std::int64_t ax : axis.list()) axes.push_back(normalize_axis(ax, ndim));
  if (axes.size() == 1) return vector_norm(x, ord, axes[0], keepdims);
  if (axes.size() == 2) return matrix_norm(x, ord, axes[0], axes[1], keepdims);
  throw ValueError("Improper number of dimensions to norm.");
}

SVDResult svd(const Array& a, bool full_matrices, bool compute_uv, bool hermitian) {
  check_stacked_2d(a);
  if (hermitian) check_square(a);  // NumPy's eigh path checks this
  const MatrixStack s(a);
  const std::int64_t m = s.rows, n = s.cols, k = std::min(m, n);
  const std::int64_t u_cols = full_matrices ? m : k, v_rows = full_matrices ? n : k;
  Array S = empty(with_core(s.batch, {k}), float64);
  Array U = compute_uv ? empty(with_core(s.batch, {m, u_cols}), float64) : Array();
  Array Vh = compute_uv ? empty(with_core(s.batch, {v_rows, n}), float64) : Array();
  const bool ok = for_each_matrix(s.count, m * n * k, [&](std::int64_t i) {
    if (k == 0) {  // nothing to decompose: the identity completes the bases
      if (compute_uv) {
        matrix_of(U, i, m, u_cols).setIdentity();
        matrix_of(Vh, i, v_rows, n).setIdentity();
      }
      return true;
    }
    const MatrixSVD r = svd_of(s[i], compute_uv, full_matrices, hermitian);
    if (!r.ok) return false;
    vector_of(S, i, k) = r.S;
    if (compute_uv) {
      matrix_of(U, i, m, u_cols) = r.U;
      matrix_of(Vh, i, v_rows, n) = r.V.transpose();
    }
    return true;
  });
  if (!ok) throw LinAlgError(hermitian ? "Eigenvalues did not converge" : "SVD did not converge");
  const DType dtype = result_dtype({a.dtype()});
  if (!compute_uv) return {Array(), to_dtype(S, dtype), Array()};
  return {to_dtype(U, dtype), to_dtype(S, dtype), to_dtype(Vh, dtype)};
}

Array svdvals(const Array& x) {
  return svd(x, /*full_matrices=*/false, /*compute_uv=*/false).S;
}

EighResult eigh(const Array& a, const std::string& UPLO) {
  return symmetric_eigen(a, UPLO, true);
}

Array eigvalsh(const Array& a, const std::string& UPLO) {
  return symmetric_eigen(a, UPLO, false).eigenvalues;
}

EigResult eig(const Array& a) {
  return general_eigen(a, true, "eig");
}

Array eigvals(const Array& a) {
  return general_eigen(a, false, "eigvals").eigenvalues;
}

// =====================================================================================
// Solving and inverting
// =====================================================================================

Array solve(const Array& a, const Array& b) {
  check_stacked_2d(a);
  check_square(a);
  // NumPy 2: b is one vector only when it is 1-D, else a stack of (M, K) matrices.
  const bool vector_rhs = b.ndim() == 1;
  const std::string name = vector_rhs ? "solve1" : "solve";
  const std::string signature = vector_rhs ? "(m,m),(m)->(m)" : "(m,m),(m,n)->(m,n)";
  const std::size_t b_core = vector_rhs ? 1 : 2;
  if (b.ndim() < std::int64_t(b_core))
    throw ValueError(name + ": Input operand 1 does not have enough dimensions (has " +
                     std::to_string(b.ndim()) + ", gufunc core with signature " + signature +
                     " requires 2)");
  const std::int64_t m = a.shape().back();
  const std::int64_t bm = b.shape()[b.ndim() - b_core];
  if (bm != m)
    throw ValueError(name + ": Input operand 1 has a mismatch in its core dimension 0, " +
                     "with gufunc signature " + signature + " (size " + std::to_string(bm) +
                     " is different from " + std::to_string(m) + ")");
  const std::int64_t k = vector_rhs ? 1 : b.shape().back();
  const Shape out_core = vector_rhs ? Shape{m} : Shape{m, k};
  const Shape batch = broadcast_loop_shapes(a, 2, b, b_core, out_core);

  const MatrixStack sa(broadcast_to(a, with_core(batch, {m, m})));
  const MatrixStack sb(broadcast_to(vector_rhs ? b.reshape({m, 1}) : b, with_core(batch, {m, k})));
  Array x = empty(sb.data.shape(), float64);
  const bool ok = for_each_matrix(sa.count, cube(m) + m * m * k, [&](std::int64_t i) {
    if (m == 0) return true;
    const Eigen::PartialPivLU<Matrix> lu(sa[i]);
    if (has_zero_pivot(lu)) return false;
    matrix_of(x, i, m, k) = lu.solve(sb[i]);
    return true;
  });
  if (!ok) throw LinAlgError("Singular matrix");
  if (vector_rhs) x = x.reshape(with_core(batch, {m}));
  return to_dtype(x, result_dtype({a.dtype(), b.dtype()}));
}

LstsqResult lstsq(const Array& a, const Array& b_in, std::optional<double> rcond) {
  const bool vector_rhs = b_in.ndim() == 1;
  const Array b = vector_rhs ? b_in.reshape({b_in.shape()[0], 1}) : b_in;
  check_2d(a);
  check_2d(b);
  const std::int64_t m = a.shape()[0], n = a.shape()[1], k = b.shape()[1];
  if (b.shape()[0] != m) throw LinAlgError("Incompatible dimensions");
  const DType dtype = result_dtype({a.dtype(), b.dtype()});
  // gelsd treats singular values <= rcond * largest as zero (a negative rcond: eps).
  double cutoff_ratio = rcond.value_or(kEps * double(std::max(m, n)));
  if (cutoff_ratio < 0) cutoff_ratio = kEps;

  const MatrixStack sa(a), sb(b);
  const std::int64_t mn = std::min(m, n);
  Array x = zeros({n, k}), s = empty({mn}, float64);
  std::int32_t rank = 0;
  if (mn > 0) {
    const MatrixSVD r = general_svd(sa[0], true, false);
    if (!r.ok) throw LinAlgError("SVD did not converge in Linear Least Squares");
    vector_of(s, 0, mn) = r.S;
    const double cutoff = cutoff_ratio * r.S(0);
    while (rank < mn && r.S(rank) > cutoff) ++rank;
    // x = V_r diag(1 / s_r) U_r^T b over the rank kept singular triplets.
    const Eigen::VectorXd inverse_s = r.S.head(rank).cwiseInverse();
    matrix_of(x, 0, n, k) =
        r.V.leftCols(rank) * (inverse_s.asDiagonal() * (r.U.leftCols(rank).transpose() * sb[0]));
  }
  // Squared residual norms per column, only for full column rank with more rows.
  Array residuals = empty({0}, float64);
  if (rank == n && m > n) {
    residuals = empty({k}, float64);
    const Matrix difference = ConstMatrixMap(sa[0]) * matrix_of(x, 0, n, k) - sb[0];
    vector_of(residuals, 0, k) = difference.colwise().squaredNorm().transpose();
  }
  if (vector_rhs) x = x.reshape({n});
  Array rank_array = empty({}, int32);
  *rank_array.data<std::int32_t>() = rank;
  return {to_dtype(x, dtype), to_dtype(residuals, dtype), rank_array, to_dtype(s, dtype)};
}

Array inv(const Array& a) {
  check_stacked_2d(a);
  check_square(a);
  bool ok = true;
  Array out = inverse_stack(a, ok);
  if (!ok) throw LinAlgError("Singular matrix");
  return to_dtype(out, result_dtype({a.dtype()}));
}

Array pinv(const Array& a, double rcond, bool hermitian) {
  check_stacked_2d(a);
  const std::int64_t m = a.shape()[a.ndim() - 2], n = a.shape()[a.ndim() - 1];
  if (m * n == 0) return empty(with_core(batch_shape(a), {n, m}), a.dtype());
  if (hermitian) check_square(a);
  const MatrixStack s(a);
  Array out = empty(with_core(s.batch, {n, m}), float64);
  const bool ok = for_each_matrix(s.count, m * n * std::min(m, n), [&](std::int64_t i) {
    const MatrixSVD r = svd_of(s[i], true, false, hermitian);
    if (!r.ok) return false;
    // Singular values at or below rcond * largest count as zero.
    const double cutoff = rcond * r.S.maxCoeff();
    Eigen::VectorXd inverse_s = r.S;
    for (Eigen::Index j = 0; j < inverse_s.size(); ++j)
      inverse_s(j) = r.S(j) > cutoff ? 1.0 / r.S(j) : 0.0;
    matrix_of(out, i, n, m) = r.V * inverse_s.asDiagonal() * r.U.transpose();
    return true;
  });
  if (!ok) throw LinAlgError(hermitian ? "Eigenvalues did not converge" : "SVD did not converge");
  return to_dtype(out, result_dtype({a.dtype()}));
}

SlogdetResult slogdet(const Array& a) {
  const DType dtype = result_dtype({a.dtype()});
  auto [sign, logabsdet] = slogdet_stack(a);
  return {to_dtype(sign, dtype), to_dtype(logabsdet, dtype)};
}

Array det(const Array& a) {
  auto [sign, logabsdet] = slogdet_stack(a);
  // umath_linalg's det_from_slogdet: sign * exp(logdet), in double.
  return to_dtype(multiply(sign, exp(logabsdet)), result_dtype({a.dtype()}));
}

// =====================================================================================
// Factorisations
// =====================================================================================

QRResult qr(const Array& a, const std::string& mode) {
  if (mode == "raw")
    throw ValueError("qr: mode 'raw' (LAPACK's Householder reflectors) is not supported");
  if (mode != "reduced" && mode != "complete" && mode != "r")
    throw ValueError("Unrecognized mode '" + mode + "'");
  check_stacked_2d(a);
  const MatrixStack s(a);
  const std::int64_t m = s.rows, n = s.cols, k = std::min(m, n);
  const bool want_q = mode != "r";
  // NumPy: Q has m columns in complete mode when m > n, else k; R keeps as many rows.
  const std::int64_t q_cols = mode == "complete" && m > n ? m : k;
  const std::int64_t r_rows = want_q ? q_cols : k;
  Array Q = want_q ? empty(with_core(s.batch, {m, q_cols}), float64) : Array();
  Array R = empty(with_core(s.batch, {r_rows, n}), float64);
  for_each_matrix(s.count, m * n * k, [&](std::int64_t i) {
    MatrixMap r = matrix_of(R, i, r_rows, n);
    if (k == 0) {
      r.setZero();
      if (want_q) matrix_of(Q, i, m, q_cols).setIdentity();
      return true;
    }
    const Eigen::HouseholderQR<Matrix> householder(s[i]);
    r.setZero();
    r.topRows(k) = householder.matrixQR().topRows(k).triangularView<Eigen::Upper>();
    if (want_q) {
      Matrix q = Matrix::Identity(m, q_cols);
      q.applyOnTheLeft(householder.householderQ());
      matrix_of(Q, i, m, q_cols) = q;
    }
    return true;
  });
  const DType dtype = result_dtype({a.dtype()});
  return {want_q ? to_dtype(Q, dtype) : Array(), to_dtype(R, dtype)};
}

Array cholesky(const Array& a) {
  check_stacked_2d(a);
  check_square(a);
  const MatrixStack s(a);
  const std::int64_t n = s.rows;
  Array L = empty(s.data.shape(), float64);
  const bool ok = for_each_matrix(s.count, cube(n), [&](std::int64_t i) {
    if (n == 0) return true;
    const Eigen::LLT<Matrix, Eigen::Lower> llt(s[i]);  // reads the lower triangle, as potrf
    if (llt.info() != Eigen::Success) return false;
    matrix_of(L, i, n, n) = llt.matrixL();  // zeros above the diagonal
    return true;
  });
  if (!ok) throw LinAlgError("Matrix is not positive definite");
  return to_dtype(L, result_dtype({a.dtype()}));
}

// =====================================================================================
// Derived quantities
// =====================================================================================

Array matrix_rank(const Array& A, std::optional<double> tol, bool hermitian) {
  if (A.ndim() < 2) return any(not_equal(A, 0)).astype(int64);  // 1 unless all zero
  const Array S = svd(A, false, false, hermitian).S;
  Array threshold;
  if (tol) {
    threshold = scalar(*tol);
  } else {
    // largest * max(M, N) * eps, in S's dtype (float32 eps for float32 input).
    const std::int64_t size = std::max(A.shape()[A.ndim() - 2], A.shape()[A.ndim() - 1]);
    const double eps = S.dtype() == float32 ? double(std::numeric_limits<float>::epsilon()) : kEps;
    threshold = multiply(multiply(max(S, -1, true), size), eps);
  }
  return count_nonzero(greater(S, threshold), -1);
}

Array matrix_power(const Array& a, std::int64_t n) {
  check_stacked_2d(a);
  check_square(a);
  if (n == 0) {  // the identity, in a's dtype
    Array out = empty(a.shape(), a.dtype());
    detail::assign(out, eye(a.shape().back(), {}, 0, a.dtype()));
    return out;
  }
  Array base = ascontiguousarray(n < 0 ? inv(a) : a);
  std::uint64_t exponent = n < 0 ? 0 - std::uint64_t(n) : std::uint64_t(n);
  if (exponent == 1) return n < 0 ? base : a;
  if (exponent == 2) return stack_product(base, base);
  if (exponent == 3) return stack_product(stack_product(base, base), base);
  // NumPy's binary decomposition: square z bit by bit, multiply the set bits into result.
  std::optional<Array> z, result;
  while (exponent > 0) {
    z = z ? stack_product(*z, *z) : base;
    if (exponent % 2 == 1) result = result ? stack_product(*result, *z) : *z;
    exponent /= 2;
  }
  return *result;
}

Array cond(const Array& x, const Ord& p) {
  if (x.size() == 0 && x.ndim() >= 1 &&
      x.shape().back() * (x.ndim() >= 2 ? x.shape()[x.ndim() - 2] : 1) == 0)
    throw LinAlgError("cond is not defined on empty arrays");
  Array r;
  if (p.is_none() || p == 2 || p == -2) {
    const Array s = svdvals(x);
    const Array largest = s.index({Ellipsis, 0}), smallest = s.index({Ellipsis, -1});
    r = p == -2 ? divide(smallest, largest) : divide(largest, smallest);
  } else {
    check_stacked_2d(x);
    check_square(x);
    bool invertible = true;
    const Array x_inv = inverse_stack(x, invertible);  // NaN where singular
    const Array product = multiply(norm(x, p, Axes{-2, -1}), norm(x_inv, p, Axes{-2, -1}));
    r = to_dtype(product, result_dtype({x.dtype()}));
  }
  // NaN (a singular matrix) becomes inf, unless the matrix itself held a NaN.
  if (!is_floating(x.dtype())) return where(isnan(r), kInf, r);
  const Array from_singular = logical_and(isnan(r), logical_not(any(isnan(x), Axes{-2, -1})));
  return where(from_singular, kInf, r);
}

}  // namespace linalg

// =====================================================================================
// cov, corrcoef (numpy/lib/function_base.py)
// =====================================================================================

Array cov(const Array& m, const std::optional<Array>& y, bool rowvar, bool bias,
          std::optional<std::int64_t> ddof) {
  if (m.ndim() > 2) throw ValueError("m has more than 2 dimensions");
  if (y && y->ndim() > 2) throw ValueError("y has more than 2 dimensions");
  Array X = float64_at_least_2d(m);
  if (!rowvar && X.shape()[0] != 1) X = X.T();
  if (X.shape()[0] == 0) return empty({0, 0}, float64);
  if (y) {
    Array Y = float64_at_least_2d(*y);
    if (!rowvar && Y.shape()[0] != 1) Y = Y.T();
    X = concatenate({X, Y}, 0);
  }
  const std::int64_t delta = ddof.value_or(bias ? 0 : 1);
  // NumPy warns "Degrees of freedom <= 0 for slice" and divides by zero.
  const double fact = std::max<double>(double(X.shape()[1] - delta), 0.0);
  const Array avg = mean(X, 1);
  const Array centred = ascontiguousarray(subtract(X, avg.reshape({X.shape()[0], 1})));
  Array c = gram_matrix(centred);
  multiply(c, 1.0 / fact, c);
  return squeeze(c);
}

Array cov(const Array& m, bool rowvar, bool bias, std::optional<std::int64_t> ddof) {
  return cov(m, std::nullopt, rowvar, bias, ddof);
}

Array corrcoef(const Array& x, const std::optional<Array>& y, bool rowvar) {
  Array c = cov(x, y, rowvar);
  if (c.ndim() == 0) return divide(c, c);  // NaN for a zero or non-finite variance, else 1
  const std::int64_t n = c.shape()[0];
  const Array stddev = sqrt(diagonal(c));
  divide(c, stddev.reshape({n, 1}), c);
  divide(c, stddev.reshape({1, n}), c);
  return clip(c, -1, 1, c);
}

Array corrcoef(const Array& x, bool rowvar) {
  return corrcoef(x, std::nullopt, rowvar);
}

}  // namespace nd
