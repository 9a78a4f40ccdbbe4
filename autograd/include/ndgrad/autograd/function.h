// Writing a differentiable op: compute the forward with nd, then record() it with the
// arrays backward needs and a backward function. Every ag op is written this way, and so
// can a fused op of a later layer be:
//
//   Tensor exp(const Tensor& x) {
//     nd::Array y = nd::exp(x.array());
//     return record("exp", y, {&x}, {y}, [](BackwardContext& c) {
//       c.add_grad(0, c.grad() * c.saved(0));          // d exp(x) = exp(x) dx
//     });
//   }
//
// record() appends nothing when recording is off (NoGradGuard), when no input requires
// a gradient, or when the output is not floating: then the result is a plain tensor and
// the backward function and saved arrays are simply dropped. The backward function runs
// once per backward pass; it reads the output's gradient and the saved arrays, and hands
// each input's gradient to add_grad(), which checks it against the input's shape (the
// check catches a wrong backward rule at the op that has it, naming the op).
#pragma once

#include <initializer_list>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include "ndgrad/autograd/errors.h"
#include "ndgrad/autograd/tape.h"
#include "ndgrad/autograd/tensor.h"

namespace ag {

// Sums a gradient of a broadcast result back to the shape of the operand that was
// broadcast: leading dims it did not have are summed away, dims where it had length 1
// are summed with keepdims. The one place where broadcasting is undone.
nd::Array unbroadcast(const nd::Array& grad, const nd::Shape& shape);

// What a backward function sees of its record.
class BackwardContext {
 public:
  BackwardContext(Record& record, const nd::Array& grad) : record_(record), grad_(grad) {}

  const char* op() const { return record_.op(); }
  // The gradient of the loss with respect to the op's output (the output's shape).
  const nd::Array& grad() const { return grad_; }
  // The i-th array given to record() in `saved`.
  const nd::Array& saved(std::size_t i) const { return record_.saved()[i].array(); }
  std::size_t num_inputs() const { return record_.inputs().size(); }
  // Whether input i wants a gradient (skip computing it when not).
  bool needs_grad(std::size_t input) const {
    const Node* node = record_.inputs()[input].get();
    return node != nullptr && node->requires_grad;
  }
  // Shape and dtype of input i; only for inputs that need a gradient.
  const nd::Shape& input_shape(std::size_t input) const { return record_.inputs()[input]->shape; }
  nd::DType input_dtype(std::size_t input) const { return record_.inputs()[input]->dtype; }

  // Adds `grad` to input i's gradient. It must have the input's shape exactly
  // (AutogradError naming the op and both shapes otherwise); its dtype is cast to the
  // input's. Pass a fresh array as an rvalue when nothing else holds it: the tape then
  // adds later gradients into it in place instead of allocating.
  void add_grad(std::size_t input, nd::Array grad);
  // Adds `grad` to input i's gradient at input[index] (basic indexing only: ints,
  // slices, None, Ellipsis), zero elsewhere; `grad` has the shape of that selection.
  void add_grad_at(std::size_t input, const std::vector<nd::Index>& index, const nd::Array& grad);

 private:
  Record& record_;
  const nd::Array& grad_;
};

namespace detail {

// Whether an op with these inputs and this output records (grad mode on, some input
// requires a gradient, floating output).
bool should_record(const nd::Array& output, const Tensor* const* inputs, std::size_t n);
// The output's node. When `output` lives in an input's memory (a view), the node shares
// that input's storage state.
std::shared_ptr<Node> make_output_node(const nd::Array& output, const Tensor* const* inputs,
                                       std::size_t n, bool requires_grad);
template <class Backward>
class LambdaRecord final : public Record {
 public:
  template <class... RecordArguments>
  LambdaRecord(Backward backward, RecordArguments&&... arguments)
      : Record(std::forward<RecordArguments>(arguments)...), backward_(std::move(backward)) {}
  void backward(BackwardContext& context) override { backward_(context); }

 private:
  Backward backward_;
};

template <class Backward>
Tensor record_impl(const char* op, nd::Array output, const Tensor* const* inputs,
                   std::size_t n_inputs, const nd::Array* saved, std::size_t n_saved,
                   Backward&& backward) {
  const bool recording = should_record(output, inputs, n_inputs);
  std::shared_ptr<Node> node = make_output_node(output, inputs, n_inputs, recording);
  if (!recording) return Tensor(std::move(output), std::move(node));
  // The record is built in the tape's arena, which also holds its lists.
  using R = LambdaRecord<std::decay_t<Backward>>;
  Tape& tape = Tape::current();
  void* memory = tape.arena().allocate(sizeof(R), alignof(R));
  tape.push(new (memory) R(std::forward<Backward>(backward), op, inputs, n_inputs, saved, n_saved,
                           output, node, &tape.arena()));
  return Tensor(std::move(output), std::move(node));
}

}  // namespace detail

// Records one op (see the top of this file). `inputs` are the tensor operands in the
// order the backward function numbers them; a null pointer stands for an operand that
// is a constant. `op` must be a string literal (records keep the pointer).
template <class Backward>
Tensor record(const char* op, nd::Array output, std::initializer_list<const Tensor*> inputs,
              std::initializer_list<nd::Array> saved, Backward&& backward) {
  return detail::record_impl(op, std::move(output), inputs.begin(), inputs.size(), saved.begin(),
                             saved.size(), std::forward<Backward>(backward));
}
template <class Backward>
Tensor record(const char* op, nd::Array output, const std::vector<const Tensor*>& inputs,
              const std::vector<nd::Array>& saved, Backward&& backward) {
  return detail::record_impl(op, std::move(output), inputs.data(), inputs.size(), saved.data(),
                             saved.size(), std::forward<Backward>(backward));
}

}  // namespace ag
