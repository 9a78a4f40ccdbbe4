// Elementwise ops and their gradients. Each binary op hands every operand the output's
// gradient times its partial derivative, summed back to the operand's shape by
// unbroadcast (function.h).
#include "ndgrad/autograd/elementwise.h"

#include <omp.h>

#include <cmath>
#include <numbers>

#include "ndgrad/autograd/function.h"

namespace ag {

nd::Array Operand::array_as(nd::DType dtype) const {
  if (tensor_) return tensor_->array();
  return constant_->is_weak_scalar() ? constant_->as_dtype(dtype) : constant_->array();
}

const nd::Shape& Operand::shape() const {
  return tensor_ ? tensor_->shape() : constant_->array().shape();
}

namespace {

// Hands `grad` (of the broadcast output's shape) to input i, summed to its shape.
void add_broadcast_grad(BackwardContext& c, std::size_t i, const nd::Array& grad) {
  c.add_grad(i, unbroadcast(grad, c.input_shape(i)));
}

}  // namespace

// --- arithmetic -----------------------------------------------------------------------------

Tensor add(const Operand& a, const Operand& b) {
  return record("add", nd::add(a.like(), b.like()), {a.tensor(), b.tensor()}, {},
                [](BackwardContext& c) {
                  for (std::size_t i = 0; i < 2; ++i)
                    if (c.needs_grad(i)) add_broadcast_grad(c, i, c.grad());
                });
}

Tensor subtract(const Operand& a, const Operand& b) {
  return record("subtract", nd::subtract(a.like(), b.like()), {a.tensor(), b.tensor()}, {},
                [](BackwardContext& c) {
                  if (c.needs_grad(0)) add_broadcast_grad(c, 0, c.grad());
                  if (c.needs_grad(1)) add_broadcast_grad(c, 1, -c.grad());
                });
}

Tensor multiply(const Operand& a, const Operand& b) {
  nd::Array out = nd::multiply(a.like(), b.like());
  const nd::DType dtype = out.dtype();
  return record("multiply", std::move(out), {a.tensor(), b.tensor()},
                {a.array_as(dtype), b.array_as(dtype)}, [](BackwardContext& c) {
                  if (c.needs_grad(0)) add_broadcast_grad(c, 0, c.grad() * c.saved(1));
                  if (c.needs_grad(1)) add_broadcast_grad(c, 1, c.grad() * c.saved(0));
                });
}

Tensor divide(const Operand& a, const Operand& b) {
  nd::Array out = nd::divide(a.like(), b.like());
  const nd::DType dtype = out.dtype();
  return record("divide", std::move(out), {a.tensor(), b.tensor()},
                {a.array_as(dtype), b.array_as(dtype)}, [](BackwardContext& c) {
                  const nd::Array &x = c.saved(0), &y = c.saved(1);
                  if (c.needs_grad(0)) add_broadcast_grad(c, 0, c.grad() / y);
                  if (c.needs_grad(1)) add_broadcast_grad(c, 1, -(c.grad() * x) / (y * y));
                });
}

Tensor power(const Operand& a, const Operand& b) {
  nd::Array out = nd::power(a.like(), b.like());
  const nd::DType dtype = out.dtype();
  return record("power", out, {a.tensor(), b.tensor()}, {a.array_as(dtype), b.array_as(dtype), out},
                [](BackwardContext& c) {
                  const nd::Array &x = c.saved(0), &y = c.saved(1), &out = c.saved(2);
                  if (c.needs_grad(0)) {
                    // d/dx x**y = y x**(y-1); taken as 0 where y == 0 (x**0 is constant).
                    nd::Array d = c.grad() * y * nd::power(x, y - 1);
                    add_broadcast_grad(c, 0, nd::where(y == 0, 0, d));
                  }
                  if (c.needs_grad(1)) {
                    // d/dy x**y = x**y log x; taken as 0 where x == 0 and y >= 0.
                    nd::Array d = c.grad() * out * nd::log(x);
                    add_broadcast_grad(c, 1, nd::where((x == 0) & (y >= 0), 0, d));
                  }
                });
}

namespace {

// The gradient share of the operand that `wins` where `wins` holds, half of it at ties.
nd::Array winner_share(const nd::Array& grad, const nd::Array& wins, const nd::Array& ties) {
  return nd::where(wins, grad, nd::where(ties, grad * 0.5, 0));
}

template <bool kMaximum>
Tensor extremum(const char* op, const Operand& a, const Operand& b) {
  nd::Array out = kMaximum ? nd::maximum(a.like(), b.like()) : nd::minimum(a.like(), b.like());
  const nd::DType dtype = out.dtype();
  return record(
      op, std::move(out), {a.tensor(), b.tensor()}, {a.array_as(dtype), b.array_as(dtype)},
      [](BackwardContext& c) {
        const nd::Array &x = c.saved(0), &y = c.saved(1);
        nd::Array ties = x == y;
        if (c.needs_grad(0))
          add_broadcast_grad(c, 0, winner_share(c.grad(), kMaximum ? x > y : x < y, ties));
        if (c.needs_grad(1))
          add_broadcast_grad(c, 1, winner_share(c.grad(), kMaximum ? y > x : y < x, ties));
      });
}

}  // namespace

Tensor maximum(const Operand& a, const Operand& b) {
  return extremum<true>("maximum", a, b);
}
Tensor minimum(const Operand& a, const Operand& b) {
  return extremum<false>("minimum", a, b);
}

Tensor arctan2(const Operand& y, const Operand& x) {
  nd::Array out = nd::arctan2(y.like(), x.like());
  const nd::DType dtype = out.dtype();
  return record("arctan2", std::move(out), {y.tensor(), x.tensor()},
                {y.array_as(dtype), x.array_as(dtype)}, [](BackwardContext& c) {
                  const nd::Array &y = c.saved(0), &x = c.saved(1);
                  nd::Array scale = c.grad() / (x * x + y * y);
                  if (c.needs_grad(0)) add_broadcast_grad(c, 0, scale * x);
                  if (c.needs_grad(1)) add_broadcast_grad(c, 1, -scale * y);
                });
}

Tensor operator+(const Tensor& a, const Operand& b) {
  return add(a, b);
}
Tensor operator+(const nd::ArrayLike& a, const Tensor& b) {
  return add(a, b);
}
Tensor operator-(const Tensor& a, const Operand& b) {
  return subtract(a, b);
}
Tensor operator-(const nd::ArrayLike& a, const Tensor& b) {
  return subtract(a, b);
}
Tensor operator*(const Tensor& a, const Operand& b) {
  return multiply(a, b);
}
Tensor operator*(const nd::ArrayLike& a, const Tensor& b) {
  return multiply(a, b);
}
Tensor operator/(const Tensor& a, const Operand& b) {
  return divide(a, b);
}
Tensor operator/(const nd::ArrayLike& a, const Tensor& b) {
  return divide(a, b);
}
Tensor operator-(const Tensor& a) {
  return negative(a);
}
nd::Array operator<(const Tensor& a, const nd::ArrayLike& b) {
  return nd::less(a.array(), b);
}
nd::Array operator<=(const Tensor& a, const nd::ArrayLike& b) {
  return nd::less_equal(a.array(), b);
}
nd::Array operator>(const Tensor& a, const nd::ArrayLike& b) {
  return nd::greater(a.array(), b);
}
nd::Array operator>=(const Tensor& a, const nd::ArrayLike& b) {
  return nd::greater_equal(a.array(), b);
}
nd::Array operator==(const Tensor& a, const nd::ArrayLike& b) {
  return nd::equal(a.array(), b);
}
nd::Array operator!=(const Tensor& a, const nd::ArrayLike& b) {
  return nd::not_equal(a.array(), b);
}

// --- unary math ----------------------------------------------------------------------------
// Each op saves what its derivative is written in: the input x, or the output y when the
// derivative is simplest in y (exp, tanh, sqrt, ...).

namespace {

// grad * derivative, computed inside the derivative's array: `derivative` is a fresh
// array of grad's shape and dtype, so the product needs no further temporary (on small
// tensors an allocation costs more than the arithmetic).
nd::Array times_grad(nd::Array derivative, const nd::Array& grad) {
  nd::multiply(derivative, grad, derivative);
  return derivative;
}

// An op whose derivative is expressed in its input: grad * derivative(x), where
// derivative(x) returns a new array.
template <class Derivative>
Tensor unary_of_input(const char* op, const Tensor& x, nd::Array y, Derivative derivative) {
  return record(op, std::move(y), {&x}, {x.array()}, [derivative](BackwardContext& c) {
    c.add_grad(0, times_grad(derivative(c.saved(0)), c.grad()));
  });
}
// An op whose derivative is expressed in its output: grad * derivative(y).
template <class Derivative>
Tensor unary_of_output(const char* op, const Tensor& x, nd::Array y, Derivative derivative) {
  nd::Array saved = y;
  return record(op, std::move(y), {&x}, {saved}, [derivative](BackwardContext& c) {
    c.add_grad(0, times_grad(derivative(c.saved(0)), c.grad()));
  });
}
// A piecewise constant op: zero gradient.
Tensor unary_constant(const char* op, const Tensor& x, nd::Array y) {
  return record(op, std::move(y), {&x}, {}, [](BackwardContext& c) {
    c.add_grad(0, nd::zeros(c.input_shape(0), c.input_dtype(0)));
  });
}

}  // namespace

Tensor negative(const Tensor& x) {
  return record("negative", nd::negative(x.array()), {&x}, {},
                [](BackwardContext& c) { c.add_grad(0, -c.grad()); });
}
Tensor positive(const Tensor& x) {
  return record("positive", nd::positive(x.array()), {&x}, {},
                [](BackwardContext& c) { c.add_grad(0, c.grad()); });
}
Tensor abs(const Tensor& x) {
  return unary_of_input("abs", x, nd::abs(x.array()),
                        [](const nd::Array& x) { return nd::sign(x); });
}
Tensor absolute(const Tensor& x) {
  return abs(x);
}
Tensor square(const Tensor& x) {
  return unary_of_input("square", x, nd::square(x.array()),
                        [](const nd::Array& x) { return x * 2; });
}
Tensor sqrt(const Tensor& x) {
  return unary_of_output("sqrt", x, nd::sqrt(x.array()),
                         [](const nd::Array& y) { return nd::reciprocal(y * 2); });
}
Tensor cbrt(const Tensor& x) {
  return unary_of_output("cbrt", x, nd::cbrt(x.array()),
                         [](const nd::Array& y) { return nd::reciprocal(nd::square(y) * 3); });
}
Tensor reciprocal(const Tensor& x) {
  return unary_of_output("reciprocal", x, nd::reciprocal(x.array()),
                         [](const nd::Array& y) { return -nd::square(y); });
}
Tensor exp(const Tensor& x) {
  nd::Array y = nd::exp(x.array());
  return record("exp", y, {&x}, {y},
                [](BackwardContext& c) { c.add_grad(0, c.grad() * c.saved(0)); });
}
Tensor expm1(const Tensor& x) {
  return unary_of_output("expm1", x, nd::expm1(x.array()),
                         [](const nd::Array& y) { return y + 1; });
}
Tensor exp2(const Tensor& x) {
  return unary_of_output("exp2", x, nd::exp2(x.array()),
                         [](const nd::Array& y) { return y * std::numbers::ln2; });
}
Tensor log(const Tensor& x) {
  return unary_of_input("log", x, nd::log(x.array()),
                        [](const nd::Array& x) { return nd::reciprocal(x); });
}
Tensor log1p(const Tensor& x) {
  return unary_of_input("log1p", x, nd::log1p(x.array()),
                        [](const nd::Array& x) { return nd::reciprocal(x + 1); });
}
Tensor log2(const Tensor& x) {
  return unary_of_input("log2", x, nd::log2(x.array()),
                        [](const nd::Array& x) { return nd::reciprocal(x * std::numbers::ln2); });
}
Tensor log10(const Tensor& x) {
  return unary_of_input("log10", x, nd::log10(x.array()),
                        [](const nd::Array& x) { return nd::reciprocal(x * std::numbers::ln10); });
}
Tensor sin(const Tensor& x) {
  return unary_of_input("sin", x, nd::sin(x.array()),
                        [](const nd::Array& x) { return nd::cos(x); });
}
Tensor cos(const Tensor& x) {
  return unary_of_input("cos", x, nd::cos(x.array()),
                        [](const nd::Array& x) { return -nd::sin(x); });
}
Tensor tan(const Tensor& x) {
  return unary_of_output("tan", x, nd::tan(x.array()),
                         [](const nd::Array& y) { return nd::square(y) + 1; });
}
Tensor arcsin(const Tensor& x) {
  return unary_of_input("arcsin", x, nd::arcsin(x.array()), [](const nd::Array& x) {
    return nd::reciprocal(nd::sqrt(1 - nd::square(x)));
  });
}
Tensor arccos(const Tensor& x) {
  return unary_of_input("arccos", x, nd::arccos(x.array()), [](const nd::Array& x) {
    return -nd::reciprocal(nd::sqrt(1 - nd::square(x)));
  });
}
Tensor arctan(const Tensor& x) {
  return unary_of_input("arctan", x, nd::arctan(x.array()),
                        [](const nd::Array& x) { return nd::reciprocal(nd::square(x) + 1); });
}
Tensor sinh(const Tensor& x) {
  return unary_of_input("sinh", x, nd::sinh(x.array()),
                        [](const nd::Array& x) { return nd::cosh(x); });
}
Tensor cosh(const Tensor& x) {
  return unary_of_input("cosh", x, nd::cosh(x.array()),
                        [](const nd::Array& x) { return nd::sinh(x); });
}
Tensor tanh(const Tensor& x) {
  nd::Array y = nd::tanh(x.array());
  // g (1 - y^2) as g - (g y) y, in one array and without a scalar operand (which costs nd
  // two small arrays).
  return record("tanh", y, {&x}, {y}, [](BackwardContext& c) {
    const nd::Array &g = c.grad(), &y = c.saved(0);
    nd::Array d = g * y;
    nd::multiply(d, y, d);
    nd::subtract(g, d, d);
    c.add_grad(0, std::move(d));
  });
}
Tensor arcsinh(const Tensor& x) {
  return unary_of_input("arcsinh", x, nd::arcsinh(x.array()), [](const nd::Array& x) {
    return nd::reciprocal(nd::sqrt(nd::square(x) + 1));
  });
}
Tensor arccosh(const Tensor& x) {
  return unary_of_input("arccosh", x, nd::arccosh(x.array()), [](const nd::Array& x) {
    return nd::reciprocal(nd::sqrt(nd::square(x) - 1));
  });
}
Tensor arctanh(const Tensor& x) {
  return unary_of_input("arctanh", x, nd::arctanh(x.array()),
                        [](const nd::Array& x) { return nd::reciprocal(1 - nd::square(x)); });
}

namespace {

// erf elementwise (std::erf), in float32 or float64; other dtypes compute in float64.
nd::Array erf_array(const nd::Array& x) {
  nd::Array in = nd::is_floating(x.dtype()) ? x : x.astype(nd::float64);
  if (!in.is_c_contiguous()) in = in.copy();
  nd::Array out = nd::empty(in.shape(), in.dtype());
  const std::int64_t n = in.size();
  auto kernel = [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* src = in.data<T>();
    T* dst = out.data<T>();
    // std::erf costs about 20 additions: split large arrays across threads.
#pragma omp parallel for schedule(static) if (n >= 4096 && !omp_in_parallel())
    for (std::int64_t i = 0; i < n; ++i) dst[i] = std::erf(src[i]);
  };
  if (in.dtype() == nd::float32)
    kernel(nd::TypeTag<float>{});
  else
    kernel(nd::TypeTag<double>{});
  return out;
}

}  // namespace

Tensor erf(const Tensor& x) {
  return unary_of_input("erf", x, erf_array(x.array()), [](const nd::Array& x) {
    return nd::exp(-nd::square(x)) * (2 / std::sqrt(std::numbers::pi));
  });
}

Tensor sign(const Tensor& x) {
  return unary_constant("sign", x, nd::sign(x.array()));
}
Tensor floor(const Tensor& x) {
  return unary_constant("floor", x, nd::floor(x.array()));
}
Tensor ceil(const Tensor& x) {
  return unary_constant("ceil", x, nd::ceil(x.array()));
}
Tensor trunc(const Tensor& x) {
  return unary_constant("trunc", x, nd::trunc(x.array()));
}
Tensor rint(const Tensor& x) {
  return unary_constant("rint", x, nd::rint(x.array()));
}
Tensor round(const Tensor& x, int decimals) {
  return unary_constant("round", x, nd::round(x.array(), decimals));
}

// --- selections ----------------------------------------------------------------------------

Tensor where(const nd::Array& condition, const Operand& x, const Operand& y) {
  return record("where", nd::where(condition, x.like(), y.like()), {x.tensor(), y.tensor()},
                {condition}, [](BackwardContext& c) {
                  const nd::Array& condition = c.saved(0);
                  if (c.needs_grad(0)) add_broadcast_grad(c, 0, nd::where(condition, c.grad(), 0));
                  if (c.needs_grad(1)) add_broadcast_grad(c, 1, nd::where(condition, 0, c.grad()));
                });
}

namespace {

using Bound = std::optional<nd::ArrayLike>;

// The gradient passes where lo <= x <= hi; NaN passes nothing.
Tensor clip_between(const Tensor& x, nd::Array out, Bound lo, Bound hi) {
  return record("clip", std::move(out), {&x}, {x.array()}, [lo, hi](BackwardContext& c) {
    const nd::Array& x = c.saved(0);
    nd::Array inside = lo && hi ? nd::greater_equal(x, *lo) & nd::less_equal(x, *hi)
                       : lo     ? nd::greater_equal(x, *lo)
                                : nd::less_equal(x, *hi);
    add_broadcast_grad(c, 0, nd::where(inside, c.grad(), 0));
  });
}

}  // namespace

Tensor clip(const Tensor& x, const nd::ArrayLike& lo, const nd::ArrayLike& hi) {
  return clip_between(x, nd::clip(x.array(), lo, hi), lo, hi);
}
Tensor clip(const Tensor& x, nd::NoneType, const nd::ArrayLike& hi) {
  return clip_between(x, nd::clip(x.array(), nd::None, hi), std::nullopt, hi);
}
Tensor clip(const Tensor& x, const nd::ArrayLike& lo, nd::NoneType) {
  return clip_between(x, nd::clip(x.array(), lo, nd::None), lo, std::nullopt);
}

}  // namespace ag
