// Products of tensors: matmul, dot, einsum, with nd's semantics (1-D operands, batch
// broadcasting, any subscripts nd::einsum accepts). Gradients are products again:
// for C = A @ B, dA = dC @ B^T and dB = A^T @ dC, summed over broadcast batch dims.
#pragma once

#include <string>
#include <vector>

#include "ndgrad/autograd/tensor.h"

namespace ag {

Tensor matmul(const Tensor& a, const Tensor& b);
// NumPy's dot: products of scalars, inner products of vectors, matmul of matrices, and
// for N-d operands the sum over a's last axis and b's second-to-last.
Tensor dot(const Tensor& a, const Tensor& b);
// The gradient of each operand is another einsum: the output's gradient contracted with
// the other operands, written back onto diagonals for repeated subscripts and
// broadcast along subscripts only that operand had.
Tensor einsum(const std::string& subscripts, const std::vector<Tensor>& operands);
template <class... Tensors>
Tensor einsum(const std::string& subscripts, const Tensor& first, const Tensors&... rest) {
  return einsum(subscripts, std::vector<Tensor>{first, rest...});
}

}  // namespace ag
