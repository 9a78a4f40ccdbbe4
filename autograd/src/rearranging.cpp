// pad, flip, roll, repeat, tile, tril/triu and their gradients.
#include "ndgrad/autograd/rearranging.h"

#include <algorithm>

#include "ndgrad/autograd/function.h"
#include "scatter.h"

namespace ag {

namespace {

using Widths = std::vector<std::pair<std::int64_t, std::int64_t>>;

std::vector<nd::Index> slice_along(std::int64_t axis, std::int64_t start, std::int64_t stop) {
  std::vector<nd::Index> index(static_cast<std::size_t>(axis), nd::Slice());
  index.push_back(nd::Slice(start, stop));
  return index;
}

// `v` (1-D) shaped to broadcast along `axis` of an ndim-dimensional array.
nd::Array along_axis(const nd::Array& v, std::int64_t axis, std::int64_t ndim) {
  nd::Shape shape(static_cast<std::size_t>(ndim), 1);
  shape[axis] = v.size();
  return v.reshape(shape);
}

// The gradient of padding one axis (NumPy pads the axes one after another, each on the
// array already padded along the axes before it). `grad` is that step's output's
// gradient; `source` the array it padded (only the statistic modes need it); the result
// has source's shape.
nd::Array pad_axis_grad(const nd::Array& grad, std::int64_t axis, std::int64_t before,
                        std::int64_t after, const std::string& mode, const nd::Array& source) {
  const std::int64_t n = grad.shape()[axis] - before - after;
  nd::Array interior = grad.index(slice_along(axis, before, before + n));
  if (mode == "constant" || mode == "empty") return interior;
  const nd::PadWidth width{{before, after}};
  if (mode == "edge" || mode == "reflect" || mode == "symmetric" || mode == "wrap") {
    // Each padded element copies one element: where from is the same pad of 0..n-1.
    nd::Array from = nd::pad(nd::arange(n), width, mode);
    return detail::scatter_add_along(grad, from, axis, n);
  }
  if (mode == "linear_ramp") {
    // A ramp element is end + (edge - end) * w: it passes w of its gradient to the edge.
    nd::Array w = nd::pad(nd::ones({n}, grad.dtype()), width, "linear_ramp", 0);
    nd::Array from = nd::pad(nd::arange(n), width, "edge");
    return detail::scatter_add_along(grad * along_axis(w, axis, grad.ndim()), from, axis, n);
  }
  // "maximum", "minimum", "mean": every padded element is the statistic of its lane.
  nd::Array padded = nd::sum(grad, axis, true) - nd::sum(interior, axis, true);
  if (mode == "mean") return interior + padded / n;
  nd::Array extreme = mode == "maximum" ? nd::max(source, axis, true) : nd::min(source, axis, true);
  nd::Array is_extreme = source == extreme;
  nd::Array ties = nd::sum(is_extreme, axis, true).astype(grad.dtype());
  return interior + nd::where(is_extreme, padded / ties, 0);
}

}  // namespace

Tensor pad(const Tensor& x, const nd::PadWidth& pad_width, const std::string& mode,
           const nd::ArrayLike& value) {
  nd::Array out = nd::pad(x.array(), pad_width, mode, value);
  const Widths widths = pad_width.resolve(x.ndim());
  return record("pad", std::move(out), {&x}, {x.array()},
                [widths, mode, value](BackwardContext& c) {
                  const bool statistic = mode == "maximum" || mode == "minimum";
                  nd::Array g = c.grad();
                  for (std::int64_t axis = std::int64_t(widths.size()); axis-- > 0;) {
                    const auto [before, after] = widths[axis];
                    if (before == 0 && after == 0) continue;
                    nd::Array source;
                    if (statistic) {  // x padded along the axes before this one
                      Widths earlier = widths;
                      for (std::size_t d = std::size_t(axis); d < earlier.size(); ++d)
                        earlier[d] = {0, 0};
                      source = nd::pad(c.saved(0), nd::PadWidth(earlier), mode, value);
                    }
                    g = pad_axis_grad(g, axis, before, after, mode, source);
                  }
                  c.add_grad(0, std::move(g));
                });
}

Tensor flip(const Tensor& x, const nd::Axes& axis) {
  return record("flip", nd::flip(x.array(), axis), {&x}, {},
                [axis](BackwardContext& c) { c.add_grad(0, nd::flip(c.grad(), axis)); });
}

Tensor roll(const Tensor& x, const std::vector<std::int64_t>& shift, const nd::Axes& axis) {
  std::vector<std::int64_t> back;
  for (std::int64_t s : shift) back.push_back(-s);
  return record(
      "roll", nd::roll(x.array(), shift, axis), {&x}, {},
      [back, axis](BackwardContext& c) { c.add_grad(0, nd::roll(c.grad(), back, axis)); });
}

namespace {

// Every output element of repeat is a copy of one input element: scatter back.
template <class Repeats>
Tensor repeat_impl(const Tensor& x, const Repeats& repeats, std::optional<std::int64_t> axis) {
  nd::Array out = nd::repeat(x.array(), repeats, axis);
  std::optional<std::int64_t> a;
  if (axis) a = nd::normalize_axis(*axis, x.ndim());
  const std::int64_t n = a ? x.shape()[*a] : x.size();
  nd::Array from = nd::repeat(nd::arange(n), repeats);  // which element each copy is
  return record("repeat", std::move(out), {&x}, {from}, [a](BackwardContext& c) {
    const nd::Array& from = c.saved(0);
    if (a)
      return c.add_grad(0, detail::scatter_add_along(c.grad(), from, *a, c.input_shape(0)[*a]));
    const std::int64_t n = c.input_shape(0).product(), k = from.size();
    c.add_grad(0, detail::scatter_add_lanes(c.grad().reshape({1, k}), from.reshape({1, k}), n)
                      .reshape(c.input_shape(0)));
  });
}

}  // namespace

Tensor repeat(const Tensor& x, std::int64_t repeats, std::optional<std::int64_t> axis) {
  return repeat_impl(x, repeats, axis);
}
Tensor repeat(const Tensor& x, const std::vector<std::int64_t>& repeats,
              std::optional<std::int64_t> axis) {
  return repeat_impl(x, repeats, axis);
}

Tensor tile(const Tensor& x, const nd::Shape& reps) {
  nd::Array out = nd::tile(x.array(), reps);
  // With both padded to the same length d, out's axis i is reps[i] copies of x's axis i:
  // seen as (reps[0], n[0], reps[1], n[1], ...), the gradient sums over the copies.
  const std::size_t d = std::max<std::size_t>(x.shape().size(), reps.size());
  nd::Shape split, copy_axes;
  for (std::size_t i = 0; i < d; ++i) {
    const std::int64_t r = i + reps.size() < d ? 1 : reps[i + reps.size() - d];
    const std::int64_t n = i + x.shape().size() < d ? 1 : x.shape()[i + x.shape().size() - d];
    copy_axes.push_back(std::int64_t(split.size()));
    split.push_back(r);
    split.push_back(n);
  }
  return record("tile", std::move(out), {&x}, {}, [split, copy_axes](BackwardContext& c) {
    nd::Array g = nd::sum(c.grad().reshape(split), nd::Axes(copy_axes));
    c.add_grad(0, g.reshape(c.input_shape(0)));
  });
}
Tensor tile(const Tensor& x, std::int64_t reps) {
  return tile(x, nd::Shape{reps});
}

namespace {

template <bool kLower>
Tensor triangle(const char* op, const Tensor& x, std::int64_t k) {
  nd::Array out = kLower ? nd::tril(x.array(), k) : nd::triu(x.array(), k);
  return record(op, std::move(out), {&x}, {}, [k](BackwardContext& c) {
    nd::Array g = kLower ? nd::tril(c.grad(), k) : nd::triu(c.grad(), k);
    // A 1-D input was broadcast to rows of a square: sum the rows back.
    c.add_grad(0, c.input_shape(0).size() == 1 ? nd::sum(g, 0) : g);
  });
}

}  // namespace

Tensor tril(const Tensor& x, std::int64_t k) {
  return triangle<true>("tril", x, k);
}
Tensor triu(const Tensor& x, std::int64_t k) {
  return triangle<false>("triu", x, k);
}

}  // namespace ag
