// matmul and the products built on it (dot, vdot, inner, outer, tensordot, kron).
#include "ndgrad/core/products.h"

#include <omp.h>

#include <Eigen/Core>
#include <algorithm>
#include <numeric>

#include "cast.h"
#include "iteration.h"
#include "ndgrad/core/creation.h"
#include "ndgrad/core/errors.h"
#include "ndgrad/core/shape_ops.h"
#include "ndgrad/core/ufuncs.h"

namespace nd {

namespace {

template <class T>
using RowMajor = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class T>
using ColMajor = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;

// One (rows x cols) matrix inside an array: its first element and byte strides.
struct MatrixView {
  const std::byte* data;
  std::int64_t rows, cols, row_stride, col_stride;
};

// Calls fn(eigen_map) with a zero-copy Eigen view of `m` when one of its strides is the
// element size (row-major or column-major, i.e. plain or transposed), else with a map of
// a contiguous copy held in `scratch`.
template <class T, class Fn>
void with_eigen_map(MatrixView m, std::vector<T>& scratch, Fn&& fn) {
  const std::int64_t item = sizeof(T);
  // A length-1 dim may carry any stride; pretend it is the packed one.
  if (m.rows == 1) m.row_stride = m.cols * item;
  if (m.cols == 1) m.col_stride = item;
  const T* p = reinterpret_cast<const T*>(m.data);
  if (m.col_stride == item && m.row_stride > 0 && m.row_stride % item == 0) {
    fn(Eigen::Map<const RowMajor<T>, Eigen::Unaligned, Eigen::OuterStride<>>(
        p, m.rows, m.cols, Eigen::OuterStride<>(std::max<std::int64_t>(m.row_stride / item, m.cols))));
  } else if (m.row_stride == item && m.col_stride > 0 && m.col_stride % item == 0) {
    fn(Eigen::Map<const ColMajor<T>, Eigen::Unaligned, Eigen::OuterStride<>>(
        p, m.rows, m.cols, Eigen::OuterStride<>(std::max<std::int64_t>(m.col_stride / item, m.rows))));
  } else {
    scratch.resize(m.rows * m.cols);
    for (std::int64_t i = 0; i < m.rows; ++i)
      for (std::int64_t j = 0; j < m.cols; ++j)
        scratch[i * m.cols + j] =
            *reinterpret_cast<const T*>(m.data + i * m.row_stride + j * m.col_stride);
    fn(Eigen::Map<const RowMajor<T>>(scratch.data(), m.rows, m.cols));
  }
}

// C (row-major, contiguous) = A * B for floating types, through Eigen's GEMM.
template <class T>
void gemm(MatrixView a, MatrixView b, T* c) {
  std::vector<T> scratch_a, scratch_b;
  Eigen::Map<RowMajor<T>> out(c, a.rows, b.cols);
  with_eigen_map<T>(a, scratch_a, [&](const auto& A) {
    with_eigen_map<T>(b, scratch_b, [&](const auto& B) { out.noalias() = A * B; });
  });
}

// The same for integers and bools: a cache-friendly i-k-j loop with wrapping arithmetic
// (and/or for bools), as NumPy's integer matmul computes.
template <class T>
void integer_matmul(MatrixView a, MatrixView b, T* c) {
  using Acc = std::conditional_t<std::is_same_v<T, bool>, bool, std::make_unsigned_t<
                                                                     std::conditional_t<std::is_same_v<T, bool>, int, T>>>;
  std::vector<Acc> row(b.cols);
  for (std::int64_t i = 0; i < a.rows; ++i) {
    std::fill(row.begin(), row.end(), Acc(0));
    for (std::int64_t k = 0; k < a.cols; ++k) {
      const Acc x = Acc(*reinterpret_cast<const T*>(a.data + i * a.row_stride + k * a.col_stride));
      const std::byte* brow = b.data + k * b.row_stride;
      for (std::int64_t j = 0; j < b.cols; ++j) {
        const Acc y = Acc(*reinterpret_cast<const T*>(brow + j * b.col_stride));
        if constexpr (std::is_same_v<T, bool>) row[j] = row[j] || (x && y);
        else row[j] = Acc(row[j] + Acc(x * y));
      }
    }
    for (std::int64_t j = 0; j < b.cols; ++j) c[i * b.cols + j] = T(row[j]);
  }
}

std::string core_mismatch(std::int64_t operand, std::int64_t got, std::int64_t want) {
  return "matmul: Input operand " + std::to_string(operand) +
         " has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) "
         "(size " +
         std::to_string(got) + " is different from " + std::to_string(want) + ")";
}

// Work below which a batch of GEMMs is split across threads rather than each GEMM.
constexpr std::int64_t kSmallGemm = 96 * 96 * 96;

}  // namespace

Array matmul(const Array& a_in, const Array& b_in) {
  for (int k = 0; k < 2; ++k)
    if ((k == 0 ? a_in : b_in).ndim() == 0)
      throw ValueError("matmul: Input operand " + std::to_string(k) +
                       " does not have enough dimensions (has 0, gufunc core with signature "
                       "(n?,k),(k,m?)->(n?,m?) requires 1)");
  const bool a_vector = a_in.ndim() == 1, b_vector = b_in.ndim() == 1;
  Array a = a_vector ? a_in.reshape({1, a_in.shape()[0]}) : a_in;
  Array b = b_vector ? b_in.reshape({b_in.shape()[0], 1}) : b_in;
  const std::int64_t M = a.shape()[a.ndim() - 2], K = a.shape()[a.ndim() - 1];
  const std::int64_t K2 = b.shape()[b.ndim() - 2], N = b.shape()[b.ndim() - 1];
  if (K != K2) throw ValueError(core_mismatch(1, K2, K));

  const DType dtype = promote_types(a.dtype(), b.dtype());
  if (a.dtype() != dtype) a = a.astype(dtype);
  if (b.dtype() != dtype) b = b.astype(dtype);
  Shape a_batch(a.shape().begin(), a.shape().end() - 2), b_batch(b.shape().begin(), b.shape().end() - 2);
  const Shape batch = broadcast_shapes({a_batch, b_batch});
  Shape out_shape = batch;
  out_shape.push_back(M);
  out_shape.push_back(N);
  Array out = zeros(out_shape, dtype);

  // Byte offsets of each batch's matrices, with broadcasting (stride 0) along batch dims.
  Shape a_full = batch, b_full = batch;
  for (std::int64_t d : {M, K}) a_full.push_back(d);
  for (std::int64_t d : {K, N}) b_full.push_back(d);
  const Shape as = detail::broadcast_strides(a, a_full), bs = detail::broadcast_strides(b, b_full);
  const std::int64_t count = batch.product(), nb = std::int64_t(batch.size());
  auto offset = [&](const Shape& strides, std::int64_t index) {
    std::int64_t off = 0;
    for (std::int64_t d = nb; d-- > 0;) {
      off += (index % batch[d]) * strides[d];
      index /= batch[d];
    }
    return off;
  };
  dispatch(dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    auto one = [&](std::int64_t i) {
      MatrixView ma{a.bytes() + offset(as, i), M, K, as[nb], as[nb + 1]};
      MatrixView mb{b.bytes() + offset(bs, i), K, N, bs[nb], bs[nb + 1]};
      T* c = out.data<T>() + i * M * N;
      if constexpr (std::is_floating_point_v<T>) gemm<T>(ma, mb, c);
      else integer_matmul<T>(ma, mb, c);
    };
    const bool across_batch = count > 1 && (M * N * K < kSmallGemm || !std::is_floating_point_v<T>);
#pragma omp parallel for schedule(static) if (across_batch && !omp_in_parallel())
    for (std::int64_t i = 0; i < count; ++i) one(i);
  });
  if (a_vector && b_vector) return out.reshape(batch);
  if (a_vector) return squeeze(out, -2);
  if (b_vector) return squeeze(out, -1);
  return out;
}

Array tensordot(const Array& a, const Array& b,
                const std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>>& axes) {
  const auto& [axes_a, axes_b] = axes;
  if (axes_a.size() != axes_b.size()) throw ValueError("shape-mismatch for sum");
  std::vector<bool> summed_a(a.ndim(), false), summed_b(b.ndim(), false);
  Shape order_a, order_b, free_shape;
  std::int64_t k = 1;
  for (std::size_t i = 0; i < axes_a.size(); ++i) {
    std::int64_t x = normalize_axis(axes_a[i], a.ndim()), y = normalize_axis(axes_b[i], b.ndim());
    if (a.shape()[x] != b.shape()[y]) throw ValueError("shape-mismatch for sum");
    summed_a[x] = summed_b[y] = true;
    k *= a.shape()[x];
  }
  // a -> (free_a, summed) and b -> (summed, free_b), then one matmul.
  std::int64_t m = 1, n = 1;
  for (std::int64_t d = 0; d < a.ndim(); ++d)
    if (!summed_a[d]) order_a.push_back(d), free_shape.push_back(a.shape()[d]), m *= a.shape()[d];
  for (std::int64_t x : axes_a) order_a.push_back(normalize_axis(x, a.ndim()));
  for (std::int64_t y : axes_b) order_b.push_back(normalize_axis(y, b.ndim()));
  for (std::int64_t d = 0; d < b.ndim(); ++d)
    if (!summed_b[d]) order_b.push_back(d), free_shape.push_back(b.shape()[d]), n *= b.shape()[d];
  Array product = matmul(a.transpose(order_a).reshape({m, k}), b.transpose(order_b).reshape({k, n}));
  return product.reshape(free_shape);
}

Array tensordot(const Array& a, const Array& b, std::int64_t axes) {
  std::vector<std::int64_t> axes_a, axes_b;
  for (std::int64_t i = 0; i < axes; ++i) {
    axes_a.push_back(a.ndim() - axes + i);
    axes_b.push_back(i);
  }
  return tensordot(a, b, {axes_a, axes_b});
}

Array dot(const Array& a, const Array& b) {
  if (a.ndim() == 0 || b.ndim() == 0) return multiply(a, b);
  const std::int64_t b_axis = b.ndim() == 1 ? 0 : b.ndim() - 2;
  if (a.shape().back() != b.shape()[b_axis])
    throw ValueError("shapes " + shape_repr_compact(a.shape()) + " and " +
                     shape_repr_compact(b.shape()) + " not aligned: " +
                     std::to_string(a.shape().back()) + " (dim " + std::to_string(a.ndim() - 1) +
                     ") != " + std::to_string(b.shape()[b_axis]) + " (dim " +
                     std::to_string(b_axis) + ")");
  if (a.ndim() <= 2 && b.ndim() <= 2) return matmul(a, b);
  return tensordot(a, b, {{a.ndim() - 1}, {b_axis}});
}

Array vdot(const Array& a, const Array& b) {
  if (a.size() != b.size()) throw ValueError("cannot reshape array of size " +
                                             std::to_string(b.size()) + " into shape (" +
                                             std::to_string(a.size()) + ",)");
  return matmul(a.ravel(), b.ravel());
}

Array inner(const Array& a, const Array& b) {
  if (a.ndim() == 0 || b.ndim() == 0) return multiply(a, b);
  if (a.shape().back() != b.shape().back())
    throw ValueError("shapes " + shape_repr_compact(a.shape()) + " and " +
                     shape_repr_compact(b.shape()) + " not aligned: " +
                     std::to_string(a.shape().back()) + " (dim " + std::to_string(a.ndim() - 1) +
                     ") != " + std::to_string(b.shape().back()) + " (dim " +
                     std::to_string(b.ndim() - 1) + ")");
  return tensordot(a, b, {{a.ndim() - 1}, {b.ndim() - 1}});
}

Array outer(const Array& a, const Array& b) {
  return multiply(a.ravel().reshape({-1, 1}), b.ravel().reshape({1, -1}));
}

// np.kron: the block matrix of a[i, j] * b, for operands of any (equalised) rank.
Array kron(const Array& a_in, const Array& b_in) {
  const std::int64_t nd = std::max(a_in.ndim(), b_in.ndim());
  Shape sa(nd - a_in.ndim(), 1), sb(nd - b_in.ndim(), 1);
  for (std::int64_t d : a_in.shape()) sa.push_back(d);
  for (std::int64_t d : b_in.shape()) sb.push_back(d);
  Array a = a_in.reshape(sa), b = b_in.reshape(sb);
  // Interleave axes: a -> (a0, 1, a1, 1, ...), b -> (1, b0, 1, b1, ...).
  Shape ia, ib, out;
  for (std::int64_t d = 0; d < nd; ++d) {
    ia.push_back(sa[d]), ia.push_back(1);
    ib.push_back(1), ib.push_back(sb[d]);
    out.push_back(sa[d] * sb[d]);
  }
  return multiply(a.reshape(ia), b.reshape(ib)).reshape(out);
}

}  // namespace nd
