#include "scatter.h"

#include <omp.h>

#include "ndgrad/autograd/function.h"

namespace ag::detail {

nd::Array scatter_add_lanes(const nd::Array& grad, const nd::Array& index, std::int64_t length) {
  const nd::Array g = nd::ascontiguousarray(grad);
  const nd::Array idx = nd::ascontiguousarray(index, nd::int64);
  const std::int64_t lanes = g.shape()[0], k = g.shape()[1];
  const bool shared_index = idx.shape()[0] == 1;
  nd::Array out = nd::zeros({lanes, length}, g.dtype());
  auto kernel = [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* src = g.data<T>();
    const std::int64_t* positions = idx.data<std::int64_t>();
    T* dst = out.data<T>();
#pragma omp parallel for schedule(static) if (lanes > 1 && lanes * k >= 32768 && !omp_in_parallel())
    for (std::int64_t lane = 0; lane < lanes; ++lane) {
      const std::int64_t* p = positions + (shared_index ? 0 : lane * k);
      const T* s = src + lane * k;
      T* d = dst + lane * length;
      for (std::int64_t j = 0; j < k; ++j) d[p[j] < 0 ? p[j] + length : p[j]] += s[j];
    }
  };
  if (g.dtype() == nd::float32)
    kernel(nd::TypeTag<float>{});
  else
    kernel(nd::TypeTag<double>{});
  return out;
}

nd::Array scatter_add_along(const nd::Array& grad, const nd::Array& index, std::int64_t axis,
                            std::int64_t length) {
  nd::Array moved = nd::moveaxis(grad, axis, -1);
  const std::int64_t k = moved.shape().back();
  nd::Shape shape = moved.shape();
  shape.back() = length;
  if (k == 0) return nd::moveaxis(nd::zeros(shape, grad.dtype()), -1, axis);
  const std::int64_t lanes = moved.size() / k;
  nd::Array lanes_index =
      index.ndim() == 1 ? index.reshape({1, k}) : nd::moveaxis(index, axis, -1).reshape({lanes, k});
  nd::Array out = scatter_add_lanes(moved.reshape({lanes, k}), lanes_index, length);
  return nd::moveaxis(out.reshape(shape), -1, axis);
}

namespace {

// The shape take_along_axis broadcasts x and indices to (with the indices' length along
// the axis).
nd::Shape take_shape(const nd::Shape& x, const nd::Shape& indices, std::int64_t axis) {
  nd::Shape a = x, b = indices;
  a[axis] = 1;
  b[axis] = 1;
  nd::Shape shape = nd::broadcast_shapes({a, b});
  shape[axis] = indices[axis];
  return shape;
}

}  // namespace

// The gradient of take_along_axis(x, indices, axis), shared with sort.
nd::Array take_along_axis_grad(const nd::Array& grad, const nd::Array& indices,
                               std::optional<std::int64_t> axis, const nd::Shape& x_shape) {
  if (!axis) {
    const std::int64_t k = grad.size();
    return scatter_add_lanes(grad.reshape({1, k}), indices.reshape({1, k}), x_shape.product())
        .reshape(x_shape);
  }
  const std::int64_t a = *axis;
  const nd::Shape shape = take_shape(x_shape, indices.shape(), a);
  nd::Array g = scatter_add_along(nd::broadcast_to(grad, shape), nd::broadcast_to(indices, shape),
                                  a, x_shape[a]);
  return unbroadcast(g, x_shape);
}

}  // namespace ag::detail
