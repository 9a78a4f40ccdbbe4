// Reductions and their gradients. The output's gradient is first seen with the reduced
// axes kept (length 1), so that it broadcasts back over each group.
#include "ndgrad/autograd/reductions.h"

#include "ndgrad/autograd/function.h"
#include "reduce_util.h"

namespace ag {

using detail::group_size;
using detail::kept_shape;
using detail::with_kept_axes;

Tensor sum(const Tensor& x, const nd::Axes& axis, bool keepdims) {
  const nd::Shape kept = kept_shape(x.shape(), axis.normalize(x.ndim()));
  return record("sum", nd::sum(x.array(), axis, keepdims), {&x}, {}, [kept](BackwardContext& c) {
    c.add_grad(0, nd::broadcast_to(with_kept_axes(c.grad(), kept), c.input_shape(0)));
  });
}

Tensor mean(const Tensor& x, const nd::Axes& axis, bool keepdims) {
  const nd::Shape axes = axis.normalize(x.ndim());
  const nd::Shape kept = kept_shape(x.shape(), axes);
  const std::int64_t n = group_size(x.shape(), axes);
  return record("mean", nd::mean(x.array(), axis, keepdims), {&x}, {},
                [kept, n](BackwardContext& c) {
                  nd::Array share = with_kept_axes(c.grad(), kept) / n;
                  c.add_grad(0, nd::broadcast_to(share, c.input_shape(0)));
                });
}

namespace {

// d var / dx = 2 (x - mean) / (n - ddof); std = sqrt(var) adds a factor 1 / (2 std).
template <bool kStd>
Tensor variance(const char* op, const Tensor& x, const nd::Axes& axis, bool keepdims,
                std::int64_t ddof) {
  const nd::Shape axes = axis.normalize(x.ndim());
  const nd::Shape kept = kept_shape(x.shape(), axes);
  const std::int64_t n = group_size(x.shape(), axes);
  nd::Array out =
      kStd ? nd::std(x.array(), axis, keepdims, ddof) : nd::var(x.array(), axis, keepdims, ddof);
  nd::Array out_kept = with_kept_axes(out, kept);
  return record(
      op, std::move(out), {&x}, {x.array(), out_kept}, [axes, kept, n, ddof](BackwardContext& c) {
        const nd::Array &x = c.saved(0), &out = c.saved(1);
        nd::Array centred = x - nd::mean(x, nd::Axes(axes), true);
        nd::Array g = with_kept_axes(c.grad(), kept);
        nd::Array scale = kStd ? g / (out * double(n - ddof)) : g * (2.0 / double(n - ddof));
        c.add_grad(0, centred * scale);
      });
}

// The gradient of each group's extreme value, shared equally by the elements tied at it.
Tensor extreme(const char* op, nd::Array out, const Tensor& x, const nd::Axes& axis) {
  const nd::Shape axes = axis.normalize(x.ndim());
  const nd::Shape kept = kept_shape(x.shape(), axes);
  return record(op, out, {&x}, {x.array(), with_kept_axes(out, kept)},
                [axes, kept](BackwardContext& c) {
                  const nd::Array &x = c.saved(0), &extreme = c.saved(1);
                  nd::Array is_extreme = x == extreme;
                  nd::Array ties = nd::sum(is_extreme, nd::Axes(axes), true).astype(x.dtype());
                  nd::Array share = with_kept_axes(c.grad(), kept) / ties;
                  c.add_grad(0, nd::where(is_extreme, share, 0));
                });
}

}  // namespace

Tensor var(const Tensor& x, const nd::Axes& axis, bool keepdims, std::int64_t ddof) {
  return variance<false>("var", x, axis, keepdims, ddof);
}
Tensor std(const Tensor& x, const nd::Axes& axis, bool keepdims, std::int64_t ddof) {
  return variance<true>("std", x, axis, keepdims, ddof);
}
Tensor max(const Tensor& x, const nd::Axes& axis, bool keepdims) {
  return extreme("max", nd::max(x.array(), axis, keepdims), x, axis);
}
Tensor min(const Tensor& x, const nd::Axes& axis, bool keepdims) {
  return extreme("min", nd::min(x.array(), axis, keepdims), x, axis);
}
Tensor amax(const Tensor& x, const nd::Axes& axis, bool keepdims) {
  return extreme("amax", nd::amax(x.array(), axis, keepdims), x, axis);
}
Tensor amin(const Tensor& x, const nd::Axes& axis, bool keepdims) {
  return extreme("amin", nd::amin(x.array(), axis, keepdims), x, axis);
}

namespace {

// 1 followed by the running products of `lanes` (..., K) along the last axis, without
// the last: element k is the product of the elements before k.
nd::Array exclusive_cumprod(const nd::Array& lanes) {
  nd::Array result = nd::ones_like(lanes);
  const std::int64_t k = lanes.shape().back();
  if (k > 1)
    result.index_put({nd::Ellipsis, nd::Slice(1, nd::None)},
                     nd::cumprod(lanes.index({nd::Ellipsis, nd::Slice(nd::None, -1)}), -1));
  return result;
}

// For each element, the product of the other elements of its group: the products before
// it times the products after it (exact with zeros, unlike prod / x).
nd::Array product_of_others(const nd::Array& x, const nd::Shape& axes) {
  nd::Shape order, lanes_shape;
  std::int64_t group = 1;
  for (std::int64_t d = 0; d < x.ndim(); ++d) {
    bool reduced = false;
    for (std::int64_t a : axes) reduced |= a == d;
    if (!reduced) {
      order.push_back(d);
      lanes_shape.push_back(x.shape()[d]);
    }
  }
  for (std::int64_t a : axes) {
    order.push_back(a);
    group *= x.shape()[a];
  }
  lanes_shape.push_back(group);
  nd::Array moved = x.transpose(order);
  nd::Array lanes = moved.reshape(lanes_shape);
  const std::int64_t last = lanes.ndim() - 1;
  nd::Array before = exclusive_cumprod(lanes);
  nd::Array after = detail::reversed(exclusive_cumprod(detail::reversed(lanes, last)), last);
  nd::Array others = (before * after).reshape(moved.shape());
  nd::Shape inverse(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) inverse[order[i]] = std::int64_t(i);
  return others.transpose(inverse);
}

}  // namespace

Tensor prod(const Tensor& x, const nd::Axes& axis, bool keepdims) {
  const nd::Shape axes = axis.normalize(x.ndim());
  const nd::Shape kept = kept_shape(x.shape(), axes);
  return record("prod", nd::prod(x.array(), axis, keepdims), {&x}, {x.array()},
                [axes, kept](BackwardContext& c) {
                  nd::Array g = with_kept_axes(c.grad(), kept);
                  c.add_grad(0, g * product_of_others(c.saved(0), axes));
                });
}

Tensor logsumexp(const Tensor& x, const nd::Axes& axis, bool keepdims) {
  const nd::Shape axes = axis.normalize(x.ndim());
  const nd::Shape kept = kept_shape(x.shape(), axes);
  // Shift by the maximum so that exp cannot overflow; a group whose maximum is +-inf
  // shifts by 0 (its result is that infinity).
  nd::Array top = nd::max(x.array(), axis, true);
  top = nd::where(nd::isfinite(top), top, 0);
  nd::Array total = nd::sum(nd::exp(x.array() - top), axis, true);
  nd::Array out_kept = nd::log(total) + top;
  nd::Array out = keepdims ? out_kept : out_kept.reshape(detail::removed_shape(x.shape(), axes));
  return record("logsumexp", std::move(out), {&x}, {x.array(), out_kept},
                [kept](BackwardContext& c) {
                  // d/dx log(sum(exp(x))) = exp(x - logsumexp(x)) = softmax(x).
                  nd::Array softmax = nd::exp(c.saved(0) - c.saved(1));
                  c.add_grad(0, with_kept_axes(c.grad(), kept) * softmax);
                });
}

Tensor cumsum(const Tensor& x, std::optional<std::int64_t> axis) {
  nd::Array out = nd::cumsum(x.array(), axis);
  std::optional<std::int64_t> normalized;
  if (axis) normalized = nd::normalize_axis(*axis, x.ndim());
  return record("cumsum", std::move(out), {&x}, {}, [normalized](BackwardContext& c) {
    // Element i feeds every running sum from i on: the reversed running sum of grad.
    const std::int64_t a = normalized.value_or(0);
    nd::Array g = detail::reversed(nd::cumsum(detail::reversed(c.grad(), a), a), a);
    c.add_grad(0, normalized ? g : g.reshape(c.input_shape(0)));
  });
}

}  // namespace ag
