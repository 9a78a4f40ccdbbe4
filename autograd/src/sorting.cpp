// sort, differentiable through the permutation it applies.
#include "ndgrad/autograd/sorting.h"

#include "ndgrad/autograd/function.h"
#include "scatter.h"

namespace ag {

Tensor sort(const Tensor& x, std::optional<std::int64_t> axis) {
  // Sorting is take_along_axis with the (stable) argsort: its gradient scatters back.
  nd::Array order = nd::argsort(x.array(), axis);
  std::optional<std::int64_t> normalized;
  if (axis) normalized = nd::normalize_axis(*axis, x.ndim());
  nd::Array out = nd::take_along_axis(x.array(), order, normalized);
  return record("sort", std::move(out), {&x}, {order}, [normalized](BackwardContext& c) {
    c.add_grad(0, detail::take_along_axis_grad(c.grad(), c.saved(0), normalized, c.input_shape(0)));
  });
}

}  // namespace ag
