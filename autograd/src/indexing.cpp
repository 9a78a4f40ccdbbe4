// Indexing and its gradients. Basic indexing is a view, so its gradient is added into
// the matching part of the input's gradient; a gather (integer arrays, boolean masks)
// scatter-adds its gradient back to the flat positions it read.
#include "ndgrad/autograd/indexing.h"

#include "ndgrad/autograd/function.h"
#include "scatter.h"

namespace ag {

namespace {

bool has_array_index(const std::vector<nd::Index>& indices) {
  for (const nd::Index& i : indices)
    if (i.is_array()) return true;
  return false;
}

bool has_integer_array_index(const std::vector<nd::Index>& indices) {
  for (const nd::Index& i : indices)
    if (i.is_array() && !nd::is_bool(i.array().dtype())) return true;
  return false;
}

// The flat (C order) position in an array of `shape` of every element x[indices] reads:
// one gather per axis from a broadcast coordinate view, so the cost is that of the
// result, not of x.
nd::Array flat_positions(const nd::Shape& shape, const std::vector<nd::Index>& indices) {
  nd::Array positions = nd::broadcast_to(nd::zeros({}, nd::int64), shape).index(indices);
  std::int64_t step = 1;
  for (std::size_t d = shape.size(); d-- > 0;) {
    nd::Shape along(shape.size(), 1);
    along[d] = shape[d];
    nd::Array coordinate = nd::broadcast_to(nd::arange(shape[d]).reshape(along), shape);
    positions = positions + coordinate.index(indices) * step;
    step *= shape[d];
  }
  return positions;
}

// The gradient of x[indices] for a gather: every output element's gradient added at
// the position it was read from.
nd::Array gather_grad(const nd::Array& grad, const nd::Shape& shape,
                      const std::vector<nd::Index>& indices) {
  const std::int64_t k = grad.size();
  nd::Array positions = flat_positions(shape, indices).reshape({1, k});
  return detail::scatter_add_lanes(grad.reshape({1, k}), positions, shape.product()).reshape(shape);
}

}  // namespace

Tensor index(const Tensor& x, const std::vector<nd::Index>& indices) {
  nd::Array out = x.array().index(indices);
  if (!has_array_index(indices))
    return record("index", std::move(out), {&x}, {},
                  [indices](BackwardContext& c) { c.add_grad_at(0, indices, c.grad()); });
  return record("index", std::move(out), {&x}, {}, [indices](BackwardContext& c) {
    c.add_grad(0, gather_grad(c.grad(), c.input_shape(0), indices));
  });
}

Tensor index_put(const Tensor& x, const std::vector<nd::Index>& indices, const Operand& value) {
  nd::Array out = x.array().copy();
  out.index_put(indices, value.like());
  const nd::Shape value_shape = value.shape();
  return record("index_put", std::move(out), {&x, value.tensor()}, {},
                [indices, value_shape](BackwardContext& c) {
                  if (c.needs_grad(0)) {
                    // The overwritten elements no longer depend on x.
                    nd::Array g = c.grad().copy();
                    g.index_put(indices, 0);
                    c.add_grad(0, std::move(g));
                  }
                  if (!c.needs_grad(1)) return;
                  nd::Array selected = c.grad().index(indices);
                  if (has_integer_array_index(indices)) {
                    // Where an index repeats, only the write NumPy keeps (the last) counts:
                    // write each write's number, read back which survived.
                    nd::Array order = nd::arange(selected.size()).reshape(selected.shape());
                    nd::Array survivor = nd::full(c.grad().shape(), -1, nd::int64);
                    survivor.index_put(indices, order);
                    selected = nd::where(survivor.index(indices) == order, selected, 0);
                  }
                  c.add_grad(1, unbroadcast(selected, value_shape));
                });
}

Tensor take_along_axis(const Tensor& x, const nd::Array& indices,
                       std::optional<std::int64_t> axis) {
  nd::Array out = nd::take_along_axis(x.array(), indices, axis);
  std::optional<std::int64_t> normalized;
  if (axis) normalized = nd::normalize_axis(*axis, x.ndim());
  return record(
      "take_along_axis", std::move(out), {&x}, {indices}, [normalized](BackwardContext& c) {
        c.add_grad(
            0, detail::take_along_axis_grad(c.grad(), c.saved(0), normalized, c.input_shape(0)));
      });
}

}  // namespace ag
