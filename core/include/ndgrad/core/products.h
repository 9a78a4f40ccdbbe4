// Products of arrays: matmul, dot, vdot, inner, outer, tensordot, kron, einsum.
//
// float32 and float64 products run on Eigen's GEMM, reading strided operands in place
// whenever one of their two inner strides is the element size (transposes included);
// integer and bool products use a plain blocked loop. Batched products parallelise
// across the batch when the matrices are small, inside each GEMM when they are large,
// never both.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ndgrad/core/array.h"

namespace nd {

// NumPy's matmul (the @ operator): 1-D operands are promoted and the added axis
// removed, leading (batch) dims broadcast.
Array matmul(const Array& a, const Array& b);
// NumPy's dot: the product summing over the last axis of a and the second-to-last of b.
Array dot(const Array& a, const Array& b);
Array vdot(const Array& a, const Array& b);
Array inner(const Array& a, const Array& b);
Array outer(const Array& a, const Array& b);
// Sums over the last `axes` axes of a and the first `axes` of b.
Array tensordot(const Array& a, const Array& b, std::int64_t axes = 2);
// Sums over the paired axes: nd::tensordot(a, b, {{1, 0}, {0, 1}}).
Array tensordot(const Array& a, const Array& b,
                const std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>>& axes);
Array kron(const Array& a, const Array& b);

// np.einsum with any number of operands, implicit or explicit ('->') output, '...'
// broadcasting, repeated subscripts (diagonals) and sums. Contractions become
// transposes, reshapes and batched GEMMs, pairwise in a greedy order for 3+ operands.
Array einsum(const std::string& subscripts, const std::vector<Array>& operands);
template <class... Arrays>
Array einsum(const std::string& subscripts, const Array& first, const Arrays&... rest) {
  return einsum(subscripts, std::vector<Array>{first, rest...});
}

}  // namespace nd
