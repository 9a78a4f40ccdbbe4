// np.einsum: parse the subscripts, take diagonals of repeated labels, sum away labels
// that nothing else needs, and contract the operands pairwise (greedy: the pair with
// the smallest result first). A pairwise contraction is a transpose + reshape + batched
// GEMM (matmul), or a broadcast multiply when nothing is summed over.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "ndgrad/core/creation.h"
#include "ndgrad/core/errors.h"
#include "ndgrad/core/products.h"
#include "ndgrad/core/reductions.h"
#include "ndgrad/core/shape_ops.h"
#include "ndgrad/core/ufuncs.h"

namespace nd {

namespace {

// Labels are chars: the letters of the subscripts, and codes from 1 up for the
// dimensions an ellipsis stands for (right-aligned across operands, as broadcasting).
using Labels = std::string;

struct Term {
  Array array;
  Labels labels;  // one per dim, no repeats once diagonals are taken
};

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Splits one operand's subscripts into letters, expanding "..." into `ellipsis_dims`
// broadcast labels.
Labels expand_term(const std::string& term, std::int64_t ndim, std::size_t index,
                   std::int64_t& ellipsis_dims_out) {
  const std::size_t dots = term.find("...");
  std::string letters = term;
  if (dots != std::string::npos) letters.erase(dots, 3);
  for (char c : letters) {
    if (c == '.')
      throw ValueError("einstein sum subscripts string contains a '.' that is not part of an "
                       "ellipsis ('...') in operand " + std::to_string(index));
    if (!is_letter(c))
      throw ValueError(std::string("invalid subscript '") + c +
                       "' in einstein sum subscripts string, subscripts must be letters");
  }
  const std::int64_t n = std::int64_t(letters.size());
  if (n > ndim)
    throw ValueError("einstein sum subscripts string contains too many subscripts for operand " +
                     std::to_string(index));
  if (dots == std::string::npos) {
    if (n < ndim)
      throw ValueError("operand has more dimensions than subscripts given in einstein sum, but "
                       "no '...' ellipsis provided to broadcast the extra dimensions.");
    ellipsis_dims_out = 0;
    return letters;
  }
  const std::int64_t e = ndim - n;
  ellipsis_dims_out = e;
  Labels broadcast;
  for (std::int64_t i = 0; i < e; ++i) broadcast += char(e - i);  // codes e..1, right-aligned
  return term.substr(0, dots) + broadcast + term.substr(dots + 3);
}

// A view with one dim per distinct label: repeated labels become their diagonal.
Term take_diagonals(const Array& a, const Labels& labels, std::size_t index) {
  Labels unique;
  Shape shape, strides;
  for (std::size_t d = 0; d < labels.size(); ++d) {
    const std::size_t at = unique.find(labels[d]);
    if (at == std::string::npos) {
      unique += labels[d];
      shape.push_back(a.shape()[d]);
      strides.push_back(a.strides()[d]);
    } else {
      if (shape[at] != a.shape()[d])
        throw ValueError("dimensions in operand " + std::to_string(index) +
                         " for collapsing index '" + labels[d] + "' don't match (" +
                         std::to_string(shape[at]) + " != " + std::to_string(a.shape()[d]) + ")");
      strides[at] += a.strides()[d];
    }
  }
  if (unique.size() == labels.size()) return {a, labels};
  return {a.as_strided(shape, strides, a.offset()), unique};
}

// Sums away the labels of `t` that are not in `keep`.
Term sum_unneeded(const Term& t, const Labels& keep) {
  Shape axes;
  Labels kept;
  for (std::size_t d = 0; d < t.labels.size(); ++d) {
    if (keep.find(t.labels[d]) == std::string::npos) axes.push_back(std::int64_t(d));
    else kept += t.labels[d];
  }
  if (axes.empty()) return t;
  return {sum(t.array, Axes(axes), false, t.array.dtype()), kept};
}

// `t` with its dims put in `order` (labels missing from t become length-1 dims).
Array arrange(const Term& t, const Labels& order) {
  Shape perm, shape;
  for (char l : order) {
    const std::size_t at = t.labels.find(l);
    if (at != std::string::npos) perm.push_back(std::int64_t(at));
  }
  Array moved = t.array.transpose(perm);
  std::size_t next = 0;
  for (char l : order)
    shape.push_back(t.labels.find(l) == std::string::npos ? 1 : moved.shape()[next++]);
  return moved.reshape(shape);
}

std::int64_t label_size(const std::vector<Term>& terms, char label) {
  std::int64_t size = 1;
  for (const Term& t : terms)
    for (std::size_t d = 0; d < t.labels.size(); ++d)
      if (t.labels[d] == label) size = std::max(size, t.array.shape()[d]);
  return size;
}

// Contracts a and b, keeping the labels in `keep` (others are summed).
Term contract(Term a, Term b, const Labels& keep) {
  auto needed = [&](char l, const Term& other) {
    return keep.find(l) != std::string::npos || other.labels.find(l) != std::string::npos;
  };
  Labels keep_a, keep_b;
  for (char l : a.labels) if (needed(l, b)) keep_a += l;
  for (char l : b.labels) if (needed(l, a)) keep_b += l;
  a = sum_unneeded(a, keep_a);
  b = sum_unneeded(b, keep_b);
  Labels batch, summed, left, right;
  for (char l : a.labels) {
    const bool shared = b.labels.find(l) != std::string::npos;
    const bool kept = keep.find(l) != std::string::npos;
    (shared ? (kept ? batch : summed) : left) += l;
  }
  for (char l : b.labels)
    if (a.labels.find(l) == std::string::npos) right += l;
  const std::vector<Term> both = {a, b};
  auto sizes = [&](const Labels& ls) {
    Shape s;
    for (char l : ls) s.push_back(label_size(both, l));
    return s;
  };
  const Labels result_labels = batch + left + right;
  const std::int64_t L = sizes(left).product(), R = sizes(right).product();
  if (summed.empty() || L * R <= 16) {
    // Nothing to sum, or outputs so small per batch element that a GEMM per element would
    // cost more than multiplying out and summing.
    Array prod = multiply(arrange(a, batch + left + right + summed),
                          arrange(b, batch + left + right + summed));
    Shape summed_axes;
    for (std::size_t i = 0; i < summed.size(); ++i)
      summed_axes.push_back(std::int64_t(result_labels.size() + i));
    if (!summed.empty()) prod = sum(prod, Axes(summed_axes), false, prod.dtype());
    return {prod, result_labels};
  }
  const Shape bs = sizes(batch), ks = sizes(summed);
  Shape a_shape = bs, b_shape = bs;
  for (std::int64_t d : sizes(left)) a_shape.push_back(d);
  for (std::int64_t d : ks) a_shape.push_back(d), b_shape.push_back(d);
  for (std::int64_t d : sizes(right)) b_shape.push_back(d);
  const std::int64_t B = bs.product(), K = ks.product();
  Array a3 = broadcast_to(arrange(a, batch + left + summed), a_shape).reshape({B, L, K});
  Array b3 = broadcast_to(arrange(b, batch + summed + right), b_shape).reshape({B, K, R});
  Shape out_shape = bs;
  for (std::int64_t d : sizes(left)) out_shape.push_back(d);
  for (std::int64_t d : sizes(right)) out_shape.push_back(d);
  return {matmul(a3, b3).reshape(out_shape), result_labels};
}

// The labels still needed after terms i and j are merged: the output's and the others'.
Labels still_needed(const std::vector<Term>& terms, std::size_t i, std::size_t j,
                    const Labels& output) {
  Labels need = output;
  for (std::size_t k = 0; k < terms.size(); ++k)
    if (k != i && k != j) need += terms[k].labels;
  return need;
}

std::int64_t result_size(const std::vector<Term>& terms, std::size_t i, std::size_t j,
                         const Labels& output) {
  const Labels need = still_needed(terms, i, j, output);
  Labels seen;
  std::int64_t size = 1;
  for (char l : terms[i].labels + terms[j].labels)
    if (need.find(l) != std::string::npos && seen.find(l) == std::string::npos)
      seen += l, size *= label_size(terms, l);
  return size;
}

Labels parse_output(const std::string& spec, const std::vector<Labels>& inputs,
                    std::int64_t ellipsis_dims) {
  Labels broadcast;
  for (std::int64_t i = ellipsis_dims; i > 0; --i) broadcast += char(i);
  std::string letters = spec;
  const std::size_t dots = spec.find("...");
  if (dots != std::string::npos) letters.erase(dots, 3);
  std::string all_inputs;
  for (const Labels& l : inputs) all_inputs += l;
  for (std::size_t k = 0; k < letters.size(); ++k) {
    const char c = letters[k];
    if (!is_letter(c))
      throw ValueError(std::string("invalid subscript '") + c +
                       "' in einstein sum subscripts string, subscripts must be letters");
    if (letters.find(c) != k)
      throw ValueError(std::string("einstein sum subscripts string includes output subscript '") +
                       c + "' multiple times");
    if (all_inputs.find(c) == std::string::npos)
      throw ValueError(
          std::string("einstein sum subscripts string included output subscript '") + c +
          "' which never appeared in an input");
  }
  if (dots == std::string::npos) return letters;
  return spec.substr(0, dots) + broadcast + spec.substr(dots + 3);
}

// Implicit mode: the broadcast dims, then every letter used exactly once, in ASCII order.
Labels implicit_output(const std::vector<Labels>& inputs, std::int64_t ellipsis_dims) {
  std::map<char, int> count;
  for (const Labels& l : inputs)
    for (char c : l)
      if (is_letter(c)) ++count[c];
  Labels out;
  for (std::int64_t i = ellipsis_dims; i > 0; --i) out += char(i);
  for (auto [c, n] : count)
    if (n == 1) out += c;
  return out;
}

}  // namespace

Array einsum(const std::string& subscripts_in, const std::vector<Array>& operands) {
  std::string subscripts;
  for (char c : subscripts_in)
    if (c != ' ') subscripts += c;
  const std::size_t arrow = subscripts.find("->");
  const std::string lhs = subscripts.substr(0, arrow);
  std::vector<std::string> terms_text;
  for (std::size_t start = 0;;) {
    const std::size_t comma = lhs.find(',', start);
    terms_text.push_back(lhs.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  // NumPy's two messages read the wrong way round; they are kept as NumPy words them.
  if (terms_text.size() > operands.size())
    throw ValueError("more operands provided to einstein sum function than specified in the "
                     "subscripts string");
  if (terms_text.size() < operands.size())
    throw ValueError("fewer operands provided to einstein sum function than specified in the "
                     "subscripts string");

  std::vector<Labels> labels;
  std::int64_t ellipsis_dims = 0;
  for (std::size_t i = 0; i < operands.size(); ++i) {
    std::int64_t e = 0;
    labels.push_back(expand_term(terms_text[i], operands[i].ndim(), i, e));
    ellipsis_dims = std::max(ellipsis_dims, e);
  }
  const Labels output = arrow == std::string::npos
                            ? implicit_output(labels, ellipsis_dims)
                            : parse_output(subscripts.substr(arrow + 2), labels, ellipsis_dims);

  std::vector<Array> cast;
  DType dtype = operands[0].dtype();
  for (const Array& a : operands) dtype = promote_types(dtype, a.dtype());
  std::vector<Term> terms;
  for (std::size_t i = 0; i < operands.size(); ++i)
    terms.push_back(take_diagonals(operands[i].astype(dtype), labels[i], i));
  // Every size must agree (or be 1, which broadcasts).
  for (const Term& t : terms)
    for (std::size_t d = 0; d < t.labels.size(); ++d) {
      const std::int64_t want = label_size(terms, t.labels[d]);
      if (t.array.shape()[d] != want && t.array.shape()[d] != 1) {
        std::string text = "operands could not be broadcast together with remapped shapes "
                           "[original->remapped]: ";
        for (const Array& a : operands) text += shape_repr_compact(a.shape()) + " ";
        throw ValueError(text + "(label '" + std::string(1, t.labels[d]) + "' has sizes " +
                         std::to_string(t.array.shape()[d]) + " and " + std::to_string(want) + ")");
      }
    }

  while (terms.size() > 1) {
    std::size_t bi = 0, bj = 1;
    std::int64_t best = -1;
    for (std::size_t i = 0; i < terms.size(); ++i)
      for (std::size_t j = i + 1; j < terms.size(); ++j) {
        const std::int64_t s = result_size(terms, i, j, output);
        if (best < 0 || s < best) best = s, bi = i, bj = j;
      }
    Term merged = contract(terms[bi], terms[bj], still_needed(terms, bi, bj, output));
    terms.erase(terms.begin() + std::ptrdiff_t(bj));
    terms[bi] = merged;
  }
  Term last = sum_unneeded(terms[0], output);
  Shape out_shape;
  for (char l : output) out_shape.push_back(label_size({last}, l));
  return broadcast_to(arrange(last, output), out_shape).copy();
}

}  // namespace nd
