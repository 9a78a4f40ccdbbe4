// Views and their gradients: the inverse view of the output's gradient.
#include "ndgrad/autograd/shape_ops.h"

#include "ndgrad/autograd/function.h"
#include "ndgrad/autograd/indexing.h"

namespace ag {

namespace {

// The gradient of any op that only changes the shape: reshaped back.
Tensor reshaping(const char* op, const Tensor& x, nd::Array out) {
  return record(op, std::move(out), {&x}, {},
                [](BackwardContext& c) { c.add_grad(0, c.grad().reshape(c.input_shape(0))); });
}

}  // namespace

Tensor reshape(const Tensor& x, const nd::Shape& shape) {
  return reshaping("reshape", x, x.array().reshape(shape));
}
Tensor ravel(const Tensor& x) {
  return reshaping("ravel", x, nd::ravel(x.array()));
}
Tensor expand_dims(const Tensor& x, const nd::Axes& axis) {
  return reshaping("expand_dims", x, nd::expand_dims(x.array(), axis));
}
Tensor squeeze(const Tensor& x, const nd::Axes& axis) {
  return reshaping("squeeze", x, nd::squeeze(x.array(), axis));
}

Tensor transpose(const Tensor& x) {
  return record("transpose", x.array().transpose(), {&x}, {},
                [](BackwardContext& c) { c.add_grad(0, c.grad().transpose()); });
}

Tensor transpose(const Tensor& x, const nd::Shape& axes) {
  nd::Array out = x.array().transpose(axes);
  // The inverse permutation, with the axes normalised by the forward's checks.
  nd::Shape inverse(axes.size());
  for (std::size_t i = 0; i < axes.size(); ++i)
    inverse[nd::normalize_axis(axes[i], x.ndim())] = std::int64_t(i);
  return record("transpose", std::move(out), {&x}, {},
                [inverse](BackwardContext& c) { c.add_grad(0, c.grad().transpose(inverse)); });
}

Tensor swapaxes(const Tensor& x, std::int64_t axis1, std::int64_t axis2) {
  return record(
      "swapaxes", nd::swapaxes(x.array(), axis1, axis2), {&x}, {},
      [axis1, axis2](BackwardContext& c) { c.add_grad(0, nd::swapaxes(c.grad(), axis1, axis2)); });
}

Tensor moveaxis(const Tensor& x, const nd::Axes& source, const nd::Axes& destination) {
  nd::Array out = nd::moveaxis(x.array(), source, destination);
  const nd::Shape from = source.normalize(x.ndim()), to = destination.normalize(x.ndim());
  return record("moveaxis", std::move(out), {&x}, {}, [from, to](BackwardContext& c) {
    c.add_grad(0, nd::moveaxis(c.grad(), nd::Axes(to), nd::Axes(from)));
  });
}

Tensor broadcast_to(const Tensor& x, const nd::Shape& shape) {
  return record("broadcast_to", nd::broadcast_to(x.array(), shape), {&x}, {},
                [](BackwardContext& c) { c.add_grad(0, unbroadcast(c.grad(), c.input_shape(0))); });
}

// --- the methods of Tensor -------------------------------------------------------------------

Tensor Tensor::reshape(const nd::Shape& shape) const {
  return ag::reshape(*this, shape);
}
Tensor Tensor::transpose() const {
  return ag::transpose(*this);
}
Tensor Tensor::transpose(const nd::Shape& axes) const {
  return ag::transpose(*this, axes);
}
Tensor Tensor::ravel() const {
  return ag::ravel(*this);
}
Tensor Tensor::flatten() const {
  return reshaping("flatten", *this, value_.flatten());
}
Tensor Tensor::copy() const {
  return record("copy", value_.copy(), {this}, {},
                [](BackwardContext& c) { c.add_grad(0, c.grad()); });
}
Tensor Tensor::astype(nd::DType dtype) const {
  // add_grad casts the gradient back to this tensor's dtype.
  return record("astype", value_.astype(dtype), {this}, {},
                [](BackwardContext& c) { c.add_grad(0, c.grad()); });
}
Tensor Tensor::index(const std::vector<nd::Index>& indices) const {
  return ag::index(*this, indices);
}
Tensor Tensor::index_put(const std::vector<nd::Index>& indices, const Tensor& value) const {
  return ag::index_put(*this, indices, value);
}
Tensor Tensor::index_put(const std::vector<nd::Index>& indices, const nd::ArrayLike& value) const {
  return ag::index_put(*this, indices, Operand(value));
}

}  // namespace ag
