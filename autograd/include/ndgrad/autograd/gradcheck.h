// ag::gradcheck: the analytic gradient of a function against central differences, in
// float64 (inputs of another floating dtype are checked on float64 copies).
//
// For a function with a single-element output the gradient itself is checked; for a
// larger output, the gradient of sum(output * v) for a fixed pseudo-random v (one
// vector-Jacobian product, which exposes a wrong rule as surely as the full Jacobian
// would, at the cost of one backward). Each element passes when
// |analytic - numeric| <= atol + rtol * |numeric|, PyTorch's test.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "ndgrad/autograd/tensor.h"

namespace ag {

struct GradcheckResult {
  bool ok = true;
  // The worst element (the one furthest outside its tolerance, or closest to it when
  // all pass): which input, where in it, and the two values.
  int input = -1;
  nd::Shape index;
  double analytic = 0, numeric = 0;
  double max_abs_error = 0;  // over all checked elements
  std::int64_t checked = 0;  // number of elements compared
};

using GradcheckFunction = std::function<Tensor(const std::vector<Tensor>&)>;

// Runs on a clean tape: the records the caller had are put back afterwards.
GradcheckResult gradcheck(const GradcheckFunction& fn, const std::vector<Tensor>& inputs,
                          double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3);

// "gradcheck passed (N elements, max |error| e)" or "gradcheck failed: input 1 at (2, 0):
// analytic 0.5, numeric 0.25".
std::string to_string(const GradcheckResult& result);
std::ostream& operator<<(std::ostream& os, const GradcheckResult& result);

}  // namespace ag
