#include "ndgrad/autograd/function.h"

#include "engine.h"
#include "ndgrad/autograd/grad_mode.h"

namespace ag {

nd::Array unbroadcast(const nd::Array& grad, const nd::Shape& shape) {
  if (grad.shape() == shape) return grad;
  const std::int64_t extra = grad.ndim() - static_cast<std::int64_t>(shape.size());
  if (extra < 0) return grad;  // not a broadcast of `shape`: add_grad's check reports it
  nd::Shape axes;
  for (std::int64_t d = 0; d < extra; ++d) axes.push_back(d);
  for (std::size_t d = 0; d < shape.size(); ++d)
    if (shape[d] == 1 && grad.shape()[extra + d] != 1) axes.push_back(extra + std::int64_t(d));
  if (axes.empty()) return grad;
  return nd::sum(grad, nd::Axes(axes), /*keepdims=*/true).reshape(shape);
}

void BackwardContext::add_grad(std::size_t input, nd::Array grad) {
  Node* node = record_.inputs()[input].get();
  if (node == nullptr || !node->requires_grad) return;
  if (!(grad.shape() == node->shape))
    throw AutogradError(std::string(op()) + ": the gradient for input " + std::to_string(input) +
                        " has shape " + nd::shape_repr_compact(grad.shape()) +
                        " but the input has shape " + nd::shape_repr_compact(node->shape));
  if (grad.dtype() != node->dtype) grad = grad.astype(node->dtype);
  detail::deliver(*node, std::move(grad));
}

void BackwardContext::add_grad_at(std::size_t input, const std::vector<nd::Index>& index,
                                  const nd::Array& grad) {
  Node* node = record_.inputs()[input].get();
  if (node == nullptr || !node->requires_grad) return;
  nd::Array target = detail::own_slot(*node).index(index);
  if (!(grad.shape() == target.shape()))
    throw AutogradError(std::string(op()) + ": the gradient for a part of input " +
                        std::to_string(input) + " has shape " +
                        nd::shape_repr_compact(grad.shape()) + " but that part has shape " +
                        nd::shape_repr_compact(target.shape()));
  nd::add(target, grad, target);
}

namespace detail {

bool should_record(const nd::Array& output, const Tensor* const* inputs, std::size_t n) {
  if (!is_grad_enabled() || !nd::is_floating(output.dtype())) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (inputs[i] != nullptr && inputs[i]->requires_grad()) return true;
  return false;
}

std::shared_ptr<Node> make_output_node(const nd::Array& output, const Tensor* const* inputs,
                                       std::size_t n, bool requires_grad) {
  auto node = std::make_shared<Node>();
  node->shape = output.shape();
  node->dtype = output.dtype();
  node->requires_grad = requires_grad;
  node->is_leaf = !requires_grad;
  for (std::size_t i = 0; i < n; ++i) {
    if (inputs[i] != nullptr && inputs[i]->array().storage() == output.storage()) {
      const std::shared_ptr<Node>& input = inputs[i]->node();
      node->storage_owner = input->storage_owner ? input->storage_owner : input;
      break;
    }
  }
  return node;
}

}  // namespace detail

}  // namespace ag
