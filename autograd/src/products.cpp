// matmul, dot and einsum, and their gradients.
#include "ndgrad/autograd/products.h"

#include <algorithm>

#include "ndgrad/autograd/elementwise.h"
#include "ndgrad/autograd/function.h"
#include "ndgrad/autograd/shape_ops.h"

namespace ag {

// C = A @ B with A (..., m, k) and B (..., k, n): dA = dC @ B^T, dB = A^T @ dC, each
// summed over the batch dims its operand was broadcast along. A 1-D operand is treated
// as matmul treats it (a row for A, a column for B), and the axis matmul removed from
// the result is put back into dC first.
Tensor matmul(const Tensor& a, const Tensor& b) {
  return record("matmul", nd::matmul(a.array(), b.array()), {&a, &b}, {a.array(), b.array()},
                [](BackwardContext& c) {
                  const nd::Array &A = c.saved(0), &B = c.saved(1);
                  nd::Array a2 = A.ndim() == 1 ? A.reshape({1, A.shape()[0]}) : A;
                  nd::Array b2 = B.ndim() == 1 ? B.reshape({B.shape()[0], 1}) : B;
                  nd::Array g = c.grad();
                  if (A.ndim() == 1) g = nd::expand_dims(g, g.ndim() - (B.ndim() == 1 ? 0 : 1));
                  if (B.ndim() == 1) g = nd::expand_dims(g, g.ndim());
                  if (c.needs_grad(0)) {
                    nd::Array ga = nd::matmul(g, nd::swapaxes(b2, -1, -2));
                    c.add_grad(0, unbroadcast(ga, a2.shape()).reshape(A.shape()));
                  }
                  if (c.needs_grad(1)) {
                    nd::Array gb = nd::matmul(nd::swapaxes(a2, -1, -2), g);
                    c.add_grad(1, unbroadcast(gb, b2.shape()).reshape(B.shape()));
                  }
                });
}

// np.dot from the ops above: scalars multiply; when b has at most 2 dims dot is matmul;
// otherwise b's second-to-last axis is moved to the front and the rest flattened, so
// that one matmul sums over it.
Tensor dot(const Tensor& a, const Tensor& b) {
  if (a.ndim() == 0 || b.ndim() == 0) return multiply(a, b);
  if (b.ndim() <= 2) return matmul(a, b);
  const std::int64_t k = b.shape()[b.ndim() - 2];
  Tensor columns = reshape(moveaxis(b, -2, 0), {k, -1});
  nd::Shape shape;
  for (std::int64_t d = 0; d + 1 < a.ndim(); ++d) shape.push_back(a.shape()[d]);
  for (std::int64_t d = 0; d < b.ndim(); ++d)
    if (d != b.ndim() - 2) shape.push_back(b.shape()[d]);
  return reshape(matmul(a, columns), shape);
}

// --- einsum ------------------------------------------------------------------------------

namespace {

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The subscripts with every '...' replaced by letters of their own (right-aligned across
// operands, as broadcasting aligns them) and the output made explicit. The forward has
// already validated the subscripts with nd::einsum.
struct EinsumLabels {
  std::vector<std::string> operands;  // one letter per dim
  std::string output;
};

EinsumLabels expand_subscripts(std::string subscripts, const std::vector<nd::Array>& arrays) {
  subscripts.erase(std::remove(subscripts.begin(), subscripts.end(), ' '), subscripts.end());
  const std::size_t arrow = subscripts.find("->");
  const std::string lhs = subscripts.substr(0, arrow);
  std::vector<std::string> terms(1);
  for (char ch : lhs) {
    if (ch == ',')
      terms.emplace_back();
    else
      terms.back() += ch;
  }
  // Letters no subscript uses stand for the dims of the ellipsis.
  std::string unused;
  for (const char* letters : {"ZYXWVUTSRQPONMLKJIHGFEDCBA", "zyxwvutsrqponmlkjihgfedcba"})
    for (const char* p = letters; *p; ++p)
      if (subscripts.find(*p) == std::string::npos) unused += *p;
  std::int64_t ellipsis_dims = 0;
  std::vector<std::int64_t> own_dims(terms.size(), 0);
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (terms[i].find("...") == std::string::npos) continue;
    own_dims[i] = arrays[i].ndim() - std::int64_t(terms[i].size() - 3);
    ellipsis_dims = std::max(ellipsis_dims, own_dims[i]);
  }
  if (ellipsis_dims > std::int64_t(unused.size()))
    throw nd::ValueError("einsum: too many broadcast dimensions to differentiate");
  const std::string ellipsis = unused.substr(0, std::size_t(ellipsis_dims));
  EinsumLabels labels;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    std::string term = terms[i];
    const std::size_t dots = term.find("...");
    if (dots != std::string::npos)
      term.replace(dots, 3, ellipsis.substr(std::size_t(ellipsis_dims - own_dims[i])));
    labels.operands.push_back(term);
  }
  if (arrow != std::string::npos) {
    labels.output = subscripts.substr(arrow + 2);
    const std::size_t dots = labels.output.find("...");
    if (dots != std::string::npos) labels.output.replace(dots, 3, ellipsis);
  } else {
    // NumPy's implicit output: the ellipsis dims, then the letters used exactly once, in
    // ASCII order.
    labels.output = ellipsis;
    std::string all;
    for (const std::string& t : terms) all += t;
    for (char ch = 'A'; ch <= 'z'; ++ch)
      if (is_letter(ch) && std::count(all.begin(), all.end(), ch) == 1) labels.output += ch;
  }
  return labels;
}

// The gradient of operand i: the output's gradient contracted with the other operands
// onto the letters operand i shares with them, then broadcast along the letters only it
// has, summed along dims it broadcast (length 1), and written onto its diagonals when a
// letter repeats in its subscripts.
nd::Array einsum_operand_grad(const EinsumLabels& labels, const nd::Array& grad,
                              const std::vector<nd::Array>& operands, std::size_t i) {
  const std::string& own = labels.operands[i];
  const nd::Shape& shape = operands[i].shape();
  std::string unique;
  nd::Shape sizes;  // operand i's length for each letter of `unique`
  for (std::size_t d = 0; d < own.size(); ++d) {
    if (unique.find(own[d]) != std::string::npos) continue;
    unique += own[d];
    sizes.push_back(shape[d]);
  }
  std::string spec = labels.output, available = labels.output;
  std::vector<nd::Array> terms{grad};
  for (std::size_t j = 0; j < operands.size(); ++j) {
    if (j == i) continue;
    spec += "," + labels.operands[j];
    available += labels.operands[j];
    terms.push_back(operands[j]);
  }
  std::string kept;
  nd::Shape expanded;  // the contraction's shape with a 1 for each letter it lacks
  for (char letter : unique)
    if (available.find(letter) != std::string::npos) kept += letter;
  nd::Array g = nd::einsum(spec + "->" + kept, terms);
  for (std::size_t k = 0, j = 0; k < unique.size(); ++k)
    expanded.push_back(kept.find(unique[k]) != std::string::npos ? g.shape()[j++] : 1);
  g = g.reshape(expanded);
  nd::Shape broadcast_axes;
  for (std::size_t k = 0; k < unique.size(); ++k)
    if (sizes[k] == 1 && expanded[k] != 1) broadcast_axes.push_back(std::int64_t(k));
  if (!broadcast_axes.empty()) g = nd::sum(g, nd::Axes(broadcast_axes), true);
  g = nd::broadcast_to(g, sizes);
  if (unique.size() == own.size()) return g;
  // Repeated letters: operand i's diagonal is a strided view; write the gradient there.
  nd::Array full = nd::zeros(shape, g.dtype());
  nd::Shape strides(unique.size(), 0);
  for (std::size_t d = 0; d < own.size(); ++d) strides[unique.find(own[d])] += full.strides()[d];
  full.as_strided(sizes, strides, full.offset()).index_put({nd::Ellipsis}, g);
  return full;
}

}  // namespace

Tensor einsum(const std::string& subscripts, const std::vector<Tensor>& operands) {
  std::vector<nd::Array> arrays;
  std::vector<const Tensor*> inputs;
  for (const Tensor& t : operands) {
    arrays.push_back(t.array());
    inputs.push_back(&t);
  }
  nd::Array out = nd::einsum(subscripts, arrays);
  return record("einsum", std::move(out), inputs, arrays, [subscripts](BackwardContext& c) {
    std::vector<nd::Array> operands;
    for (std::size_t i = 0; i < c.num_inputs(); ++i) operands.push_back(c.saved(i));
    const EinsumLabels labels = expand_subscripts(subscripts, operands);
    for (std::size_t i = 0; i < operands.size(); ++i)
      if (c.needs_grad(i)) c.add_grad(i, einsum_operand_grad(labels, c.grad(), operands, i));
  });
}

}  // namespace ag
