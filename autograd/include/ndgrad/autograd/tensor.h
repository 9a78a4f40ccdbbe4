// ag::Tensor: an nd::Array value (float32 or float64 when it takes part in gradients)
// and a small shared Node holding its autograd state (see node.h).
//
// Copying a Tensor copies the handle: both copies name the same value and the same
// gradient slot, as two Python names for one torch.Tensor do.
//
// Writing into a tensor's value. The tape saves arrays for backward (exp saves its
// output, multiply its operands, ...). While a record saves an array of a tensor's
// storage, value() returns a read-only handle: `x.value().index_put(...)` then throws
// nd::ValueError("assignment destination is read-only") at the write itself, and the
// gradient stays right. Once backward has run (or the tape was cleared) value() is
// writable again, so an optimizer updates parameters through it. Memory that ag cannot
// see being written (an nd::Array you kept from before the forward, the array you built
// the tensor from) is yours to guard: call bump_version() after writing into it, and a
// backward that would use an array saved before that write throws AutogradError naming
// the op, instead of returning a wrong gradient.
#pragma once

#include <ndgrad/core.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ndgrad/autograd/node.h"

namespace ag {

class Tensor {
 public:
  // An empty float64 tensor of shape (0,), for containers.
  Tensor();
  // A leaf tensor sharing `value`'s memory. requires_grad needs a float32 or float64
  // value (nd::TypeError otherwise).
  explicit Tensor(nd::Array value, bool requires_grad = false);
  // The result of an op: `node` was made for `value` by the tape (see function.h).
  Tensor(nd::Array value, std::shared_ptr<Node> node);

  // --- the value ------------------------------------------------------------------------
  // The array sharing this tensor's memory; read-only while the tape holds a saved array
  // of that memory (see the top of this file).
  nd::Array value() const;
  // The value for reading without copying the handle (what ops use). Never write
  // through it: that would bypass the protection value() gives.
  const nd::Array& array() const { return value_; }
  const nd::Shape& shape() const { return value_.shape(); }
  nd::DType dtype() const { return value_.dtype(); }
  std::int64_t ndim() const { return value_.ndim(); }
  std::int64_t size() const { return value_.size(); }
  // The single element, as nd's item<T>() (double by default).
  template <nd::Scalar T = double>
  T item() const {
    return value_.item<T>();
  }

  // --- autograd state -------------------------------------------------------------------
  bool requires_grad() const { return node_->requires_grad; }
  // Leaves only: turns gradient tracking on or off (on needs a floating dtype).
  Tensor& set_requires_grad(bool requires_grad);
  bool is_leaf() const { return node_->is_leaf; }
  // True once a backward has reached this tensor (a leaf, or a non-leaf that called
  // retain_grad()) and until zero_grad().
  bool has_grad() const { return node_->grad.array != nullptr; }
  // The accumulated gradient, of this tensor's shape and dtype; AutogradError when
  // has_grad() is false.
  nd::Array grad() const;
  // Forgets the gradient: the next backward starts from zero.
  void zero_grad();
  // Keeps this non-leaf's gradient after backward (leaves always keep theirs).
  Tensor& retain_grad();
  const std::string& name() const { return node_->name; }
  Tensor& set_name(std::string name);
  // A tensor on the same memory with no history and no gradient (it shares the version).
  Tensor detach() const;
  // The version of this tensor's storage, and the call that says "I wrote into it".
  std::uint64_t version() const { return node_->storage().version; }
  void bump_version() const { ++node_->storage().version; }

  // Replays the tape in reverse from this tensor, accumulating into the .grad() of every
  // leaf that requires it. Without `grad` the tensor must hold a single element (the
  // seed is 1); otherwise `grad` has this tensor's shape. Unless `retain_graph`, the
  // tape's records and their saved arrays are released afterwards.
  void backward(const std::optional<nd::Array>& grad = std::nullopt,
                bool retain_graph = false) const;

  // --- nd's array methods, differentiable -----------------------------------------------
  Tensor reshape(const nd::Shape& shape) const;
  Tensor transpose() const;
  Tensor transpose(const nd::Shape& axes) const;
  Tensor T() const { return transpose(); }
  Tensor flatten() const;
  Tensor ravel() const;
  Tensor copy() const;
  // Between float32 and float64 the gradient is cast back; to another dtype the result
  // does not require gradients (the graph stops there).
  Tensor astype(nd::DType dtype) const;
  // x[indices]: basic indexing gives a view, integer arrays and boolean masks a gather.
  Tensor index(const std::vector<nd::Index>& indices) const;
  // NumPy's `y = x.copy(); y[indices] = value`, as a new tensor: the tape never changes
  // a value that is already recorded.
  Tensor index_put(const std::vector<nd::Index>& indices, const Tensor& value) const;
  Tensor index_put(const std::vector<nd::Index>& indices, const nd::ArrayLike& value) const;

  // The tape's view of this tensor.
  const std::shared_ptr<Node>& node() const { return node_; }

 private:
  nd::Array value_;
  std::shared_ptr<Node> node_;
};

// Prints the value and, when it requires gradients, "requires_grad" (no newline).
std::ostream& operator<<(std::ostream& os, const Tensor& t);

}  // namespace ag
