// Joins and splits. A join's gradient is cut into one slice per input; each piece of a
// split is a slice of the input whose gradient is added into the matching part of one
// gradient buffer (so n pieces cost one buffer, not n).
#include "ndgrad/autograd/joining.h"

#include "ndgrad/autograd/function.h"

namespace ag {

namespace {

// x[..., start:stop, ...] along `axis`.
std::vector<nd::Index> slice_along(std::int64_t axis, std::int64_t start, std::int64_t stop) {
  std::vector<nd::Index> index(static_cast<std::size_t>(axis), nd::Slice());
  index.push_back(nd::Slice(start, stop));
  return index;
}

std::vector<const Tensor*> pointers(const std::vector<Tensor>& tensors) {
  std::vector<const Tensor*> result;
  for (const Tensor& t : tensors) result.push_back(&t);
  return result;
}

std::vector<nd::Array> values(const std::vector<Tensor>& tensors) {
  std::vector<nd::Array> result;
  for (const Tensor& t : tensors) result.push_back(t.array());
  return result;
}

}  // namespace

Tensor concatenate(const std::vector<Tensor>& tensors, std::optional<std::int64_t> axis) {
  nd::Array out = nd::concatenate(values(tensors), axis);
  // Each input's extent along the joined axis (of the flattened inputs without an axis).
  const std::int64_t a = axis ? nd::normalize_axis(*axis, tensors[0].ndim()) : 0;
  std::vector<std::int64_t> lengths;
  for (const Tensor& t : tensors) lengths.push_back(axis ? t.shape()[a] : t.size());
  return record(
      "concatenate", std::move(out), pointers(tensors), {}, [a, lengths](BackwardContext& c) {
        std::int64_t start = 0;
        for (std::size_t i = 0; i < lengths.size(); ++i) {
          const std::int64_t stop = start + lengths[i];
          if (c.needs_grad(i))
            c.add_grad(i, c.grad().index(slice_along(a, start, stop)).reshape(c.input_shape(i)));
          start = stop;
        }
      });
}

Tensor stack(const std::vector<Tensor>& tensors, std::int64_t axis) {
  nd::Array out = nd::stack(values(tensors), axis);
  const std::int64_t a = nd::normalize_axis(axis, out.ndim());
  return record("stack", std::move(out), pointers(tensors), {}, [a](BackwardContext& c) {
    for (std::size_t i = 0; i < c.num_inputs(); ++i) {
      if (!c.needs_grad(i)) continue;
      std::vector<nd::Index> index(static_cast<std::size_t>(a), nd::Slice());
      index.push_back(std::int64_t(i));
      c.add_grad(i, c.grad().index(index));
    }
  });
}

namespace {

// The pieces x[..., bounds[i]:bounds[i+1], ...] along `axis`, each recorded as "split".
std::vector<Tensor> split_at(const Tensor& x, const std::vector<nd::Slice>& pieces,
                             std::int64_t axis) {
  std::vector<Tensor> result;
  for (const nd::Slice& piece : pieces) {
    std::vector<nd::Index> index(static_cast<std::size_t>(axis), nd::Slice());
    index.push_back(piece);
    result.push_back(record("split", x.array().index(index), {&x}, {},
                            [index](BackwardContext& c) { c.add_grad_at(0, index, c.grad()); }));
  }
  return result;
}

}  // namespace

std::vector<Tensor> split(const Tensor& x, const std::vector<std::int64_t>& indices,
                          std::int64_t axis) {
  nd::split(x.array(), indices, axis);  // nd's checks and errors
  const std::int64_t a = nd::normalize_axis(axis, x.ndim());
  // Python's slices between consecutive indices, as nd::split cuts.
  std::vector<nd::Slice> pieces;
  std::optional<std::int64_t> start;
  for (std::int64_t stop : indices) {
    pieces.emplace_back(start, stop);
    start = stop;
  }
  pieces.emplace_back(start, std::nullopt);
  return split_at(x, pieces, a);
}

std::vector<Tensor> split_sections(const Tensor& x, std::int64_t sections, std::int64_t axis) {
  nd::split(x.array(), sections, axis);  // nd's checks and errors
  const std::int64_t a = nd::normalize_axis(axis, x.ndim());
  const std::int64_t length = x.shape()[a] / sections;
  std::vector<nd::Slice> pieces;
  for (std::int64_t i = 0; i < sections; ++i) pieces.emplace_back(i * length, (i + 1) * length);
  return split_at(x, pieces, a);
}

}  // namespace ag
