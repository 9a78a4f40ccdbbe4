// gradcheck: one backward for the analytic gradient, two evaluations per input element
// for the central differences (f(x + eps) - f(x - eps)) / (2 eps), all in float64.
#include "ndgrad/autograd/gradcheck.h"

#include <cmath>
#include <ostream>
#include <sstream>

#include "ndgrad/autograd/grad_mode.h"
#include "ndgrad/autograd/tape.h"

namespace ag {

namespace {

// The cotangent v for sum(output * v): fixed values in [0.5, 1.5) (a linear
// congruential sequence), so every output element counts and none cancels another.
nd::Array cotangent(const nd::Shape& shape) {
  nd::Array v = nd::empty(shape, nd::float64);
  double* p = v.data<double>();
  std::uint32_t state = 12345u;
  for (std::int64_t i = 0; i < v.size(); ++i) {
    state = state * 1664525u + 1013904223u;
    p[i] = 0.5 + (state >> 8) * (1.0 / 16777216.0);
  }
  return v;
}

// sum(output * v) in float64.
double project(const Tensor& output, const nd::Array& v) {
  return nd::sum(output.array().astype(nd::float64) * v).item<double>();
}

nd::Shape unravel(std::int64_t flat, const nd::Shape& shape) {
  nd::Shape index(shape.size());
  for (std::size_t d = shape.size(); d-- > 0;) {
    index[d] = shape[d] == 0 ? 0 : flat % shape[d];
    flat = shape[d] == 0 ? 0 : flat / shape[d];
  }
  return index;
}

}  // namespace

GradcheckResult gradcheck(const GradcheckFunction& fn, const std::vector<Tensor>& inputs,
                          double eps, double atol, double rtol) {
  // A tape of its own, so the caller's records stay untouched.
  Tape tape;
  detail::TapeSwitch use_own_tape(tape);
  // Fresh float64 leaves for the inputs that require gradients; the others as given.
  std::vector<Tensor> leaves;
  for (const Tensor& t : inputs)
    leaves.push_back(t.requires_grad() ? Tensor(t.array().astype(nd::float64), true) : t);

  Tensor output = fn(leaves);
  const nd::Array v = output.size() == 1 ? nd::ones(output.shape()) : cotangent(output.shape());
  if (output.requires_grad()) output.backward(v);

  GradcheckResult result;
  double worst = -1;  // how far the worst element is into (or past) its tolerance
  NoGradGuard no_grad;
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    if (!inputs[i].requires_grad()) continue;
    const nd::Array analytic = leaves[i].has_grad() ? nd::ascontiguousarray(leaves[i].grad())
                                                    : nd::zeros(leaves[i].shape(), nd::float64);
    double* x = leaves[i].array().data<double>();  // a fresh contiguous copy: ours to perturb
    for (std::int64_t k = 0; k < leaves[i].size(); ++k) {
      const double original = x[k];
      x[k] = original + eps;
      const double plus = project(fn(leaves), v);
      x[k] = original - eps;
      const double minus = project(fn(leaves), v);
      x[k] = original;
      const double numeric = (plus - minus) / (2 * eps);
      const double a = analytic.data<double>()[k];
      const double error = std::abs(a - numeric);
      const double allowed = atol + rtol * std::abs(numeric);
      const double badness = std::isnan(error) ? INFINITY : error / allowed;
      ++result.checked;
      if (!std::isnan(error)) result.max_abs_error = std::max(result.max_abs_error, error);
      if (badness > 1) result.ok = false;
      if (badness > worst) {
        worst = badness;
        result.input = int(i);
        result.index = unravel(k, leaves[i].shape());
        result.analytic = a;
        result.numeric = numeric;
      }
    }
  }
  return result;
}

std::string to_string(const GradcheckResult& r) {
  std::ostringstream os;
  if (r.ok) {
    os << "gradcheck passed (" << r.checked << " elements, max |error| " << r.max_abs_error << ")";
  } else {
    os << "gradcheck failed: input " << r.input << " at " << nd::to_string(r.index) << ": analytic "
       << r.analytic << ", numeric " << r.numeric;
  }
  return os.str();
}

std::ostream& operator<<(std::ostream& os, const GradcheckResult& result) {
  return os << to_string(result);
}

}  // namespace ag
