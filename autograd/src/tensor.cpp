#include "ndgrad/autograd/tensor.h"

#include <ostream>

#include "ndgrad/autograd/errors.h"
#include "ndgrad/autograd/tape.h"

namespace ag {

namespace {

void check_can_require_grad(nd::DType dtype) {
  if (!nd::is_floating(dtype))
    throw nd::TypeError(std::string("only float32 and float64 tensors can require gradients, "
                                    "not ") +
                        nd::name(dtype));
}

std::shared_ptr<Node> leaf_node(const nd::Array& value, bool requires_grad) {
  auto node = std::make_shared<Node>();
  node->shape = value.shape();
  node->dtype = value.dtype();
  node->requires_grad = requires_grad;
  return node;
}

std::string describe(const Node& node) {
  return node.name.empty() ? std::string("the tensor") : "tensor '" + node.name + "'";
}

}  // namespace

Tensor::Tensor() : Tensor(nd::Array()) {}

Tensor::Tensor(nd::Array value, bool requires_grad) : value_(std::move(value)) {
  if (requires_grad) check_can_require_grad(value_.dtype());
  node_ = leaf_node(value_, requires_grad);
}

Tensor::Tensor(nd::Array value, std::shared_ptr<Node> node)
    : value_(std::move(value)), node_(std::move(node)) {}

nd::Array Tensor::value() const {
  if (node_->storage().live_saves == 0) return value_;
  // A record on the tape holds an array of this memory for its backward: writing now
  // would make that backward wrong, so this handle refuses writes.
  nd::Array read_only = value_;
  read_only.set_writeable(false);
  return read_only;
}

Tensor& Tensor::set_requires_grad(bool requires_grad) {
  if (!node_->is_leaf)
    throw AutogradError(
        "set_requires_grad: only leaf tensors can change requires_grad; this one was made by " +
        std::string(node_->producer) + " (use detach() for a leaf copy)");
  if (requires_grad) check_can_require_grad(value_.dtype());
  node_->requires_grad = requires_grad;
  return *this;
}

nd::Array Tensor::grad() const {
  if (node_->grad.array) return *node_->grad.array;
  std::string why;
  if (!node_->requires_grad)
    why = "it does not require gradients";
  else if (!node_->is_leaf && !node_->retains_grad)
    why = std::string("it is not a leaf (made by ") + node_->producer +
          "); call retain_grad() before backward to keep its gradient";
  else
    why = "no backward has reached it since it was made or since zero_grad()";
  throw AutogradError("grad: " + describe(*node_) + " has no gradient: " + why);
}

void Tensor::zero_grad() {
  node_->grad = GradSlot{};
}

Tensor& Tensor::retain_grad() {
  if (!node_->is_leaf) node_->retains_grad = true;
  return *this;
}

Tensor& Tensor::set_name(std::string name) {
  node_->name = std::move(name);
  return *this;
}

Tensor Tensor::detach() const {
  auto node = leaf_node(value_, false);
  node->storage_owner = node_->storage_owner ? node_->storage_owner : node_;
  return Tensor(value_, std::move(node));
}

void Tensor::backward(const std::optional<nd::Array>& grad, bool retain_graph) const {
  if (!nd::is_floating(dtype()))
    throw nd::TypeError(std::string("backward through an integer tensor (") + nd::name(dtype()) +
                        "): only float32 and float64 tensors have gradients");
  if (!requires_grad())
    throw AutogradError("backward: " + describe(*node_) +
                        " does not require gradients (no input of the ops that made it "
                        "requires them, or it was made under NoGradGuard)");
  nd::Array seed;
  if (!grad) {
    if (size() != 1)
      throw AutogradError(
          "backward: a gradient can be implied only for a single-element "
          "tensor; this one has shape " +
          nd::shape_repr_compact(shape()) + ": pass the gradient of the loss with respect to it");
    seed = nd::ones(shape(), dtype());
  } else {
    if (!(grad->shape() == shape()))
      throw nd::ValueError("backward: the gradient has shape " +
                           nd::shape_repr_compact(grad->shape()) + " but the tensor has shape " +
                           nd::shape_repr_compact(shape()));
    seed = grad->dtype() == dtype() ? *grad : grad->astype(dtype());
  }
  detail::run_backward(node_, seed, retain_graph);
}

std::ostream& operator<<(std::ostream& os, const Tensor& t) {
  os << t.array();
  if (t.requires_grad()) os << " (requires_grad)";
  return os;
}

}  // namespace ag
