// The ufunc engine and NumPy's elementwise operations.
//
// One call: decide the loop dtype from NumPy 2's promotion (NEP 50), cast the inputs to
// it (0-d scalars cost nothing), broadcast, plan the iteration once, and run a kernel
// chosen once per call, whose inner loop has a contiguous, a scalar-operand and a strided
// form. Results that need another dtype than the `out` array go through a temporary.
#include "ndgrad/core/ufuncs.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "cast.h"
#include "fast_math.h"
#include "iteration.h"
#include "ndgrad/core/creation.h"
#include "ndgrad/core/errors.h"
#include "ndgrad/core/reductions.h"
#include "ndgrad/core/shape_ops.h"

namespace nd {

namespace {

// --- how a ufunc chooses its loop ----------------------------------------------------------

enum class Loop {
  Same,       // computes and returns the promoted dtype (add, maximum, ...)
  Float,      // integers and bools computed in float64 (divide)
  Compare,    // promoted dtype in, bool out (equal, less, ...)
  Logical,    // the same for logical_and, logical_or, logical_xor and the predicates
  Bits,       // bools and integers only (bitwise_and, invert)
  NoBool,     // the promoted dtype, but bool is refused (subtract, negative)
  IntBool,    // the promoted dtype, bool computed as int64 where NumPy uses int8 (square)
  FloatMath,  // floats as they are, bool/uint8 in float32 (NumPy: float16), wider integers
              // in float64 (exp, arctan2)
};

std::string dtype_repr(DType d) {
  return std::string("dtype('") + name(d) + "')";
}

// NumPy 2's refusals of boolean input to the arithmetic that has no boolean loop.
[[noreturn]] void refuse_bool(const std::string& ufunc) {
  if (ufunc == "subtract")
    throw TypeError(
        "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the "
        "`^` operator, or the logical_xor function instead.");
  if (ufunc == "negative")
    throw TypeError(
        "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator "
        "or the logical_not function instead.");
  throw TypeError("ufunc '" + ufunc +
                  "' did not contain a loop with signature matching types <class "
                  "'numpy.dtypes.BoolDType'> -> None");
}

DType loop_dtype(Loop rule, DType promoted, const char* ufunc) {
  switch (rule) {
    case Loop::Float:
      return is_floating(promoted) ? promoted : float64;
    case Loop::IntBool:
      return is_bool(promoted) ? int64 : promoted;
    case Loop::FloatMath:
      if (is_floating(promoted)) return promoted;
      return (is_bool(promoted) || promoted == uint8) ? float32 : float64;
    case Loop::Bits:
      if (is_floating(promoted))
        throw TypeError(std::string("ufunc '") + ufunc +
                        "' not supported for the input types, and the inputs could not be "
                        "safely coerced to any supported types according to the casting rule "
                        "''safe''");
      return promoted;
    case Loop::NoBool:
      if (is_bool(promoted)) refuse_bool(ufunc);
      return promoted;
    default:
      return promoted;
  }
}

DType result_dtype(Loop rule, DType loop) {
  return rule == Loop::Compare || rule == Loop::Logical ? bool_ : loop;
}

// NumPy 2 compares integers with Python ints outside their dtype's range exactly
// (uint8_array < 300 is all true) instead of refusing the scalar: such comparisons run
// in int64, or for an integer beyond int64 in float64.
DType exact_comparison_loop(DType loop, const ArrayLike& a, const ArrayLike& b) {
  if (!is_integer(loop) || (a.fits(loop) && b.fits(loop))) return loop;
  return a.fits(int64) && b.fits(int64) ? int64 : float64;
}

// NumPy's axis order for the outputs it allocates (order 'K', npyiter_find_best_axis_
// ordering), innermost axis first: a stable insertion sort by the inputs' byte strides,
// in which an input broadcast along either of two axes has no say, and C order wins when
// the inputs disagree.
std::vector<std::size_t> numpy_axis_order(std::size_t ndim, const std::vector<Shape>& strides) {
  std::vector<std::size_t> order;
  for (std::size_t d = ndim; d-- > 0;) order.push_back(d);
  auto magnitude = [](std::int64_t s) { return s < 0 ? -s : s; };
  // Whether `axis` belongs inside `other`: +1 yes, 0 no, -1 no input can tell.
  auto inside = [&](std::size_t axis, std::size_t other) {
    int verdict = -1;
    for (const Shape& s : strides) {
      if (s[axis] == 0 || s[other] == 0) continue;
      if (magnitude(s[other]) <= magnitude(s[axis]))
        verdict = 0;  // also against an earlier input's yes: C order wins
      else if (verdict == -1)
        verdict = 1;
    }
    return verdict;
  };
  for (std::size_t i = 1; i < ndim; ++i) {
    const std::size_t axis = order[i];
    std::size_t position = i;
    for (std::size_t j = i; j-- > 0;) {
      const int verdict = inside(axis, order[j]);
      if (verdict == 0) break;
      if (verdict == 1) position = j;  // when no input can tell, look further in
    }
    order.erase(order.begin() + i);
    order.insert(order.begin() + position, axis);
  }
  return order;
}

// A new array for a result of `shape`, laid out in NumPy's order for it (see above), so
// that later operations walk it as NumPy walks its own, which matters for sums.
Array allocate_like_inputs(const Shape& shape, DType dtype, const std::vector<Shape>& strides) {
  if (shape.product() == 0) return empty(shape, dtype);
  Shape result_strides(shape.size());
  std::int64_t step = itemsize(dtype);
  for (std::size_t axis : numpy_axis_order(shape.size(), strides)) {
    result_strides[axis] = step;
    step *= shape[axis];
  }
  return Array(Storage::allocate(shape.product() * itemsize(dtype)), dtype, shape, result_strides,
               0);
}

// Where a ufunc writes: `out` itself when it has the result dtype, else a fresh array
// (copied into `out` afterwards, with same_kind casting checked first).
struct Destination {
  Array result;
  const Array* out;
  void finish() const {
    if (out != nullptr && result.storage() != out->storage()) detail::assign(*out, result);
  }
};

// The broadcast shape of the inputs and, when given, `out`, which must already have it
// (NumPy broadcasts the inputs to out, never out to the inputs).
Shape operation_shape(std::vector<Shape> shapes, const Array* out) {
  if (out == nullptr) return broadcast_shapes(shapes);
  shapes.push_back(out->shape());
  Shape shape = broadcast_shapes(shapes);
  if (!(shape == out->shape()))
    throw ValueError("non-broadcastable output operand with shape " +
                     shape_repr_compact(out->shape()) + " doesn't match the broadcast shape " +
                     shape_repr_compact(shape));
  return shape;
}

void check_output_cast(const char* ufunc, DType dtype, const Array& out) {
  if (!can_cast(dtype, out.dtype(), Casting::SameKind))
    throw TypeError(std::string("Cannot cast ufunc '") + ufunc + "' output from " +
                    dtype_repr(dtype) + " to " + dtype_repr(out.dtype()) +
                    " with casting rule 'same_kind'");
  if (!out.writeable()) throw ValueError("output array is read-only");
}

// `inputs` are the operands' byte strides along `shape` (0 where broadcast).
Destination prepare_output(const char* ufunc, const Shape& shape, DType dtype, const Array* out,
                           const std::vector<Shape>& inputs) {
  if (out == nullptr) return {allocate_like_inputs(shape, dtype, inputs), nullptr};
  check_output_cast(ufunc, dtype, *out);
  if (out->dtype() == dtype) return {*out, out};
  return {allocate_like_inputs(shape, dtype, {out->strides()}), out};
}

// An input that overlaps the output in any other way than element-for-element would be
// overwritten while still being read: NumPy copies it first, and so do we. Returns
// whether `input` was replaced by a copy.
bool guard_overlap(Array& input, const Array& output, const Shape& shape) {
  if (input.storage() != output.storage() || !may_share_memory(input, output)) return false;
  if (input.offset() == output.offset() &&
      detail::broadcast_strides(input, shape) == output.strides())
    return false;
  input = input.copy();
  return true;
}

// NumPy 2 converts a weak scalar to the promoted dtype before it picks the loop, so
// uint8_array / -3 is refused even though the division itself runs in float64.
void check_weak_scalars(const ArrayLike& a, const ArrayLike& b, DType promoted) {
  for (const ArrayLike* operand : {&a, &b})
    if (!operand->fits(promoted)) operand->as_dtype(promoted);  // throws NumPy's OverflowError
}

// --- kernels ---------------------------------------------------------------------------------

template <class Out, class In, class Op>
void binary_run(const std::array<std::byte*, 3>& p, const std::array<std::int64_t, 3>& s,
                std::int64_t n, Op op) {
  Out* o = reinterpret_cast<Out*>(p[0]);
  const In* x = reinterpret_cast<const In*>(p[1]);
  const In* y = reinterpret_cast<const In*>(p[2]);
  constexpr std::int64_t so = sizeof(Out), si = sizeof(In);
  if (s[0] == so && s[1] == si && s[2] == si) {
    for (std::int64_t i = 0; i < n; ++i) o[i] = op(x[i], y[i]);
  } else if (s[0] == so && s[1] == si && s[2] == 0) {
    const In c = *y;
    for (std::int64_t i = 0; i < n; ++i) o[i] = op(x[i], c);
  } else if (s[0] == so && s[1] == 0 && s[2] == si) {
    const In c = *x;
    for (std::int64_t i = 0; i < n; ++i) o[i] = op(c, y[i]);
  } else {
    for (std::int64_t i = 0; i < n; ++i)
      *reinterpret_cast<Out*>(p[0] + i * s[0]) = op(*reinterpret_cast<const In*>(p[1] + i * s[1]),
                                                    *reinterpret_cast<const In*>(p[2] + i * s[2]));
  }
}

template <class Out, class In, class Op>
void unary_run(const std::array<std::byte*, 2>& p, const std::array<std::int64_t, 2>& s,
               std::int64_t n, Op op) {
  Out* o = reinterpret_cast<Out*>(p[0]);
  const In* x = reinterpret_cast<const In*>(p[1]);
  if (s[0] == sizeof(Out) && s[1] == sizeof(In)) {
    for (std::int64_t i = 0; i < n; ++i) o[i] = op(x[i]);
  } else {
    for (std::int64_t i = 0; i < n; ++i)
      *reinterpret_cast<Out*>(p[0] + i * s[0]) = op(*reinterpret_cast<const In*>(p[1] + i * s[1]));
  }
}

// Runs `Op` (a functor template on the element type) over broadcast a, b.
template <template <class> class Op>
Array binary_ufunc(const char* ufunc, Loop rule, std::int64_t cost, const ArrayLike& a,
                   const ArrayLike& b, const Array* out) {
  const DType promoted = result_type(a, b);
  DType loop = loop_dtype(rule, promoted, ufunc);
  if (rule == Loop::Compare)
    loop = exact_comparison_loop(loop, a, b);
  else
    check_weak_scalars(a, b, promoted);
  Array x = a.as_dtype(loop), y = b.as_dtype(loop);
  const Shape shape = operation_shape({x.shape(), y.shape()}, out);
  Shape x_strides = detail::broadcast_strides(x, shape);
  Shape y_strides = detail::broadcast_strides(y, shape);
  Destination dest =
      prepare_output(ufunc, shape, result_dtype(rule, loop), out, {x_strides, y_strides});
  if (guard_overlap(x, dest.result, shape)) x_strides = detail::broadcast_strides(x, shape);
  if (guard_overlap(y, dest.result, shape)) y_strides = detail::broadcast_strides(y, shape);
  auto plan = detail::make_plan<3>(shape, {dest.result.bytes(), x.bytes(), y.bytes()},
                                   {dest.result.strides(), x_strides, y_strides});
  dispatch(loop, [&](auto tag) {
    using T = typename decltype(tag)::type;
    using R = decltype(Op<T>{}(T{}, T{}));
    detail::for_each_run(plan, cost, [](const auto& p, const auto& s, std::int64_t n) {
      binary_run<R, T>(p, s, n, Op<T>{});
    });
  });
  dest.finish();
  return out ? *out : dest.result;
}

template <template <class> class Op>
Array unary_ufunc(const char* ufunc, Loop rule, std::int64_t cost, const Array& a,
                  const Array* out) {
  const DType loop = loop_dtype(rule, a.dtype(), ufunc);
  Array x = loop == a.dtype() ? a : a.astype(loop);
  const Shape shape = operation_shape({x.shape()}, out);
  Shape x_strides = detail::broadcast_strides(x, shape);
  Destination dest = prepare_output(ufunc, shape, result_dtype(rule, loop), out, {x_strides});
  if (guard_overlap(x, dest.result, shape)) x_strides = detail::broadcast_strides(x, shape);
  auto plan = detail::make_plan<2>(shape, {dest.result.bytes(), x.bytes()},
                                   {dest.result.strides(), x_strides});
  dispatch(loop, [&](auto tag) {
    using T = typename decltype(tag)::type;
    using R = decltype(Op<T>{}(T{}));
    detail::for_each_run(plan, cost, [](const auto& p, const auto& s, std::int64_t n) {
      unary_run<R, T>(p, s, n, Op<T>{});
    });
  });
  dest.finish();
  return out ? *out : dest.result;
}

// --- the operations, one functor template each --------------------------------------------

// Signed integer overflow is undefined in C++ but wraps in NumPy: compute unsigned.
template <class T>
struct WideOf {
  using type = T;
};
template <class T>
requires(std::is_integral_v<T> && !std::is_same_v<T, bool>) struct WideOf<T> {
  using type = std::make_unsigned_t<T>;
};
template <class T>
using Wide = typename WideOf<T>::type;

template <class T>
struct Add {
  T operator()(T x, T y) const {
    if constexpr (std::is_same_v<T, bool>)
      return x || y;
    else
      return T(Wide<T>(x) + Wide<T>(y));
  }
};
template <class T>
struct Subtract {
  T operator()(T x, T y) const {
    if constexpr (std::is_same_v<T, bool>)
      return x != y;  // unreachable: refused
    else
      return T(Wide<T>(x) - Wide<T>(y));
  }
};
template <class T>
struct Multiply {
  T operator()(T x, T y) const {
    if constexpr (std::is_same_v<T, bool>)
      return x && y;
    else
      return T(Wide<T>(x) * Wide<T>(y));
  }
};
template <class T>
struct Divide {
  T operator()(T x, T y) const { return x / y; }  // only instantiated usefully for floats
};

// Python's floor division and modulo (NumPy's npy_divmod for floats).
template <class T>
struct FloorDivide {
  T operator()(T x, T y) const {
    if constexpr (std::is_same_v<T, bool>) {
      return y ? x : false;
    } else if constexpr (std::is_integral_v<T>) {
      if (y == 0) return 0;
      if constexpr (std::is_signed_v<T>)
        if (y == -1) return T(Wide<T>(0) - Wide<T>(x));  // INT_MIN // -1 wraps
      T q = x / y;
      if ((x % y != 0) && ((x < 0) != (y < 0))) --q;
      return q;
    } else {
      if (y == 0) return x / y;
      T m = std::fmod(x, y);
      T div = (x - m) / y;
      if (m != 0 && ((y < 0) != (m < 0))) div -= T(1);
      if (div == 0) return std::copysign(T(0), x / y);
      T floor_div = std::floor(div);
      if (div - floor_div > T(0.5)) floor_div += T(1);
      return floor_div;
    }
  }
};
template <class T>
struct Mod {
  T operator()(T x, T y) const {
    if constexpr (std::is_same_v<T, bool>) {
      return false;
    } else if constexpr (std::is_integral_v<T>) {
      if (y == 0) return 0;
      if constexpr (std::is_signed_v<T>)
        if (y == -1) return 0;
      T r = x % y;
      if (r != 0 && ((r < 0) != (y < 0))) r += y;
      return r;
    } else {
      T m = std::fmod(x, y);
      if (y == 0) return m;
      if (m != 0) {
        if ((y < 0) != (m < 0)) m += y;
      } else {
        m = std::copysign(T(0), y);
      }
      return m;
    }
  }
};
template <class T>
struct Power {
  T operator()(T x, T y) const {
    if constexpr (std::is_floating_point_v<T>) {
      return std::pow(x, y);
    } else if constexpr (std::is_same_v<T, bool>) {
      return x || !y;
    } else {
      // Exponentiation by squaring with wrap-around; negative exponents were refused.
      Wide<T> result = 1, base = Wide<T>(x);
      for (Wide<T> e = Wide<T>(y); e != 0; e >>= 1) {
        if (e & 1) result = Wide<T>(result * base);
        base = Wide<T>(base * base);
      }
      return T(result);
    }
  }
};

template <class T>
bool is_nan(T v) {
  if constexpr (std::is_floating_point_v<T>)
    return std::isnan(v);
  else
    return false;
}
// maximum/minimum propagate NaN, fmax/fmin ignore it; of two equal values (0.0 and
// -0.0) all four return the second, as NumPy's SIMD loops do.
template <class T>
struct Maximum {
  T operator()(T x, T y) const { return (x > y || is_nan(x)) ? x : y; }
};
template <class T>
struct Minimum {
  T operator()(T x, T y) const { return (x < y || is_nan(x)) ? x : y; }
};
template <class T>
struct Fmax {
  T operator()(T x, T y) const { return (x > y || is_nan(y)) ? x : y; }
};
template <class T>
struct Fmin {
  T operator()(T x, T y) const { return (x < y || is_nan(y)) ? x : y; }
};
template <class T>
struct Arctan2 {
  T operator()(T x, T y) const {
    if constexpr (std::is_floating_point_v<T>)
      return std::atan2(x, y);
    else
      return T(std::atan2(double(x), double(y)));
  }
};

template <class T>
struct Equal {
  bool operator()(T x, T y) const { return x == y; }
};
template <class T>
struct NotEqual {
  bool operator()(T x, T y) const { return x != y; }
};
template <class T>
struct Less {
  bool operator()(T x, T y) const { return x < y; }
};
template <class T>
struct LessEqual {
  bool operator()(T x, T y) const { return x <= y; }
};
template <class T>
struct Greater {
  bool operator()(T x, T y) const { return x > y; }
};
template <class T>
struct GreaterEqual {
  bool operator()(T x, T y) const { return x >= y; }
};
template <class T>
struct LogicalAnd {
  bool operator()(T x, T y) const { return x != T(0) && y != T(0); }
};
template <class T>
struct LogicalOr {
  bool operator()(T x, T y) const { return x != T(0) || y != T(0); }
};
template <class T>
struct LogicalXor {
  bool operator()(T x, T y) const { return (x != T(0)) != (y != T(0)); }
};

// Bit operations exist for bools and integers; the float instantiations are never run
// (the loop rule refuses floats) but must compile.
template <class T>
struct BitAnd {
  T operator()(T x, T y) const {
    if constexpr (std::is_integral_v<T>)
      return T(x & y);
    else
      return x;
  }
};
template <class T>
struct BitOr {
  T operator()(T x, T y) const {
    if constexpr (std::is_integral_v<T>)
      return T(x | y);
    else
      return x;
  }
};
template <class T>
struct BitXor {
  T operator()(T x, T y) const {
    if constexpr (std::is_integral_v<T>)
      return T(x ^ y);
    else
      return x;
  }
};

template <class T>
struct Negative {
  T operator()(T x) const {
    if constexpr (std::is_same_v<T, bool>)
      return x;  // unreachable: refused
    else if constexpr (std::is_floating_point_v<T>)
      return -x;  // -(0.0) is -0.0, where 0 - 0.0 would be +0.0
    else
      return T(Wide<T>(0) - Wide<T>(x));
  }
};
template <class T>
struct LogicalNot {
  bool operator()(T x) const { return x == T(0); }
};
template <class T>
struct Invert {
  T operator()(T x) const {
    if constexpr (std::is_same_v<T, bool>)
      return !x;
    else if constexpr (std::is_integral_v<T>)
      return T(~x);
    else
      return x;
  }
};

template <class T>
struct Positive {
  T operator()(T x) const { return x; }
};
template <class T>
struct Absolute {
  T operator()(T x) const {
    if constexpr (std::is_same_v<T, bool> || std::is_unsigned_v<T>)
      return x;
    else if constexpr (std::is_integral_v<T>)
      return x < 0 ? T(Wide<T>(0) - Wide<T>(x)) : x;
    else
      return std::fabs(x);
  }
};
template <class T>
struct Sign {
  T operator()(T x) const {
    if constexpr (std::is_floating_point_v<T>)
      if (std::isnan(x)) return x;
    return x > T(0) ? T(1) : x < T(0) ? T(-1) : T(0);
  }
};
template <class T>
struct Square {
  T operator()(T x) const { return T(Wide<T>(x) * Wide<T>(x)); }
};
// Integer reciprocal is integer division 1 / x (0 for |x| > 1); 1 / 0 gives NumPy's
// INT_MIN instead of undefined behaviour.
template <class T>
struct Reciprocal {
  T operator()(T x) const {
    if constexpr (std::is_floating_point_v<T>) {
      return T(1) / x;
    } else {
      if (x == 0) return std::is_signed_v<T> ? std::numeric_limits<T>::min() : T(0);
      return T(T(1) / x);
    }
  }
};

// The floating-point functions: only their float instantiations ever run.
#define NDGRAD_FLOAT_FUNCTOR(Name, expr)         \
  template <class T>                             \
  struct Name {                                  \
    T operator()(T x) const {                    \
      if constexpr (std::is_floating_point_v<T>) \
        return expr;                             \
      else                                       \
        return x;                                \
    }                                            \
  };
NDGRAD_FLOAT_FUNCTOR(Expm1, std::expm1(x))
NDGRAD_FLOAT_FUNCTOR(Exp2, std::exp2(x))
NDGRAD_FLOAT_FUNCTOR(Log, std::log(x))
NDGRAD_FLOAT_FUNCTOR(Log1p, std::log1p(x))
NDGRAD_FLOAT_FUNCTOR(Log2, std::log2(x))
NDGRAD_FLOAT_FUNCTOR(Log10, std::log10(x))
NDGRAD_FLOAT_FUNCTOR(Sqrt, std::sqrt(x))
NDGRAD_FLOAT_FUNCTOR(Cbrt, std::cbrt(x))
NDGRAD_FLOAT_FUNCTOR(Sin, std::sin(x))
NDGRAD_FLOAT_FUNCTOR(Cos, std::cos(x))
NDGRAD_FLOAT_FUNCTOR(Tan, std::tan(x))
NDGRAD_FLOAT_FUNCTOR(Arcsin, std::asin(x))
NDGRAD_FLOAT_FUNCTOR(Arccos, std::acos(x))
NDGRAD_FLOAT_FUNCTOR(Arctan, std::atan(x))
NDGRAD_FLOAT_FUNCTOR(Sinh, std::sinh(x))
NDGRAD_FLOAT_FUNCTOR(Cosh, std::cosh(x))
NDGRAD_FLOAT_FUNCTOR(Tanh, std::tanh(x))
NDGRAD_FLOAT_FUNCTOR(Arcsinh, std::asinh(x))
NDGRAD_FLOAT_FUNCTOR(Arccosh, std::acosh(x))
NDGRAD_FLOAT_FUNCTOR(Arctanh, std::atanh(x))
NDGRAD_FLOAT_FUNCTOR(Floor, std::floor(x))
NDGRAD_FLOAT_FUNCTOR(Ceil, std::ceil(x))
NDGRAD_FLOAT_FUNCTOR(Trunc, std::trunc(x))
NDGRAD_FLOAT_FUNCTOR(Rint, std::nearbyint(x))  // half to even in the default rounding mode
#undef NDGRAD_FLOAT_FUNCTOR

// exp: float32 through detail::fast_expf, which the compiler vectorises (as NumPy's own
// AVX-512 kernel is vectorised) and which stays within 1 ulp of the exact result.
template <class T>
struct Exp {
  T operator()(T x) const {
    if constexpr (std::is_same_v<T, float>)
      return detail::fast_expf(x);
    else if constexpr (std::is_floating_point_v<T>)
      return std::exp(x);
    else
      return x;
  }
};

template <class T>
struct IsNan {
  bool operator()(T x) const { return is_nan(x); }
};
template <class T>
struct IsInf {
  bool operator()(T x) const {
    if constexpr (std::is_floating_point_v<T>)
      return std::isinf(x);
    else
      return false;
  }
};
template <class T>
struct IsFinite {
  bool operator()(T x) const {
    if constexpr (std::is_floating_point_v<T>)
      return std::isfinite(x);
    else
      return true;
  }
};
template <class T>
struct Signbit {
  bool operator()(T x) const {
    if constexpr (std::is_floating_point_v<T>)
      return std::signbit(x);
    else if constexpr (std::is_signed_v<T>)
      return x < 0;
    else
      return false;
  }
};

// NumPy's integer power refuses negative exponents (its loop raises on meeting one).
void check_integer_power(const ArrayLike& a, const ArrayLike& b) {
  const DType d = result_type(a, b);
  if (d != int32 && d != int64) return;  // unsigned and floating exponents are fine
  if (any(less(b.as_dtype(d), 0)).item<bool>())
    throw ValueError("Integers to negative integer powers are not allowed.");
}

}  // namespace

#define NDGRAD_DEFINE_BINARY(fn, Op, rule, cost)                       \
  Array fn(const ArrayLike& a, const ArrayLike& b) {                   \
    return binary_ufunc<Op>(#fn, rule, cost, a, b, nullptr);           \
  }                                                                    \
  Array fn(const ArrayLike& a, const ArrayLike& b, const Array& out) { \
    return binary_ufunc<Op>(#fn, rule, cost, a, b, &out);              \
  }

NDGRAD_DEFINE_BINARY(add, Add, Loop::Same, 1)
NDGRAD_DEFINE_BINARY(subtract, Subtract, Loop::NoBool, 1)
NDGRAD_DEFINE_BINARY(multiply, Multiply, Loop::Same, 1)
NDGRAD_DEFINE_BINARY(divide, Divide, Loop::Float, 2)
NDGRAD_DEFINE_BINARY(true_divide, Divide, Loop::Float, 2)
NDGRAD_DEFINE_BINARY(floor_divide, FloorDivide, Loop::IntBool, 8)
NDGRAD_DEFINE_BINARY(mod, Mod, Loop::IntBool, 8)
NDGRAD_DEFINE_BINARY(remainder, Mod, Loop::IntBool, 8)
NDGRAD_DEFINE_BINARY(maximum, Maximum, Loop::Same, 1)
NDGRAD_DEFINE_BINARY(minimum, Minimum, Loop::Same, 1)
NDGRAD_DEFINE_BINARY(fmax, Fmax, Loop::Same, 1)
NDGRAD_DEFINE_BINARY(fmin, Fmin, Loop::Same, 1)
NDGRAD_DEFINE_BINARY(arctan2, Arctan2, Loop::FloatMath, 16)
NDGRAD_DEFINE_BINARY(equal, Equal, Loop::Compare, 1)
NDGRAD_DEFINE_BINARY(not_equal, NotEqual, Loop::Compare, 1)
NDGRAD_DEFINE_BINARY(less, Less, Loop::Compare, 1)
NDGRAD_DEFINE_BINARY(less_equal, LessEqual, Loop::Compare, 1)
NDGRAD_DEFINE_BINARY(greater, Greater, Loop::Compare, 1)
NDGRAD_DEFINE_BINARY(greater_equal, GreaterEqual, Loop::Compare, 1)
NDGRAD_DEFINE_BINARY(logical_and, LogicalAnd, Loop::Logical, 1)
NDGRAD_DEFINE_BINARY(logical_or, LogicalOr, Loop::Logical, 1)
NDGRAD_DEFINE_BINARY(logical_xor, LogicalXor, Loop::Logical, 1)
NDGRAD_DEFINE_BINARY(bitwise_and, BitAnd, Loop::Bits, 1)
NDGRAD_DEFINE_BINARY(bitwise_or, BitOr, Loop::Bits, 1)
NDGRAD_DEFINE_BINARY(bitwise_xor, BitXor, Loop::Bits, 1)
#undef NDGRAD_DEFINE_BINARY

Array power(const ArrayLike& a, const ArrayLike& b) {
  check_weak_scalars(a, b, result_type(a, b));
  check_integer_power(a, b);
  return binary_ufunc<Power>("power", Loop::IntBool, 16, a, b, nullptr);
}
Array power(const ArrayLike& a, const ArrayLike& b, const Array& out) {
  check_weak_scalars(a, b, result_type(a, b));
  check_integer_power(a, b);
  return binary_ufunc<Power>("power", Loop::IntBool, 16, a, b, &out);
}

#define NDGRAD_DEFINE_UNARY(fn, Op, rule, cost)          \
  Array fn(const Array& a) {                             \
    return unary_ufunc<Op>(#fn, rule, cost, a, nullptr); \
  }                                                      \
  Array fn(const Array& a, const Array& out) {           \
    return unary_ufunc<Op>(#fn, rule, cost, a, &out);    \
  }

NDGRAD_DEFINE_UNARY(negative, Negative, Loop::NoBool, 1)
NDGRAD_DEFINE_UNARY(positive, Positive, Loop::NoBool, 1)
NDGRAD_DEFINE_UNARY(logical_not, LogicalNot, Loop::Logical, 1)
NDGRAD_DEFINE_UNARY(invert, Invert, Loop::Bits, 1)
NDGRAD_DEFINE_UNARY(abs, Absolute, Loop::Same, 1)
NDGRAD_DEFINE_UNARY(absolute, Absolute, Loop::Same, 1)
NDGRAD_DEFINE_UNARY(sign, Sign, Loop::NoBool, 1)
NDGRAD_DEFINE_UNARY(square, Square, Loop::IntBool, 1)
NDGRAD_DEFINE_UNARY(reciprocal, Reciprocal, Loop::IntBool, 2)
NDGRAD_DEFINE_UNARY(exp, Exp, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(expm1, Expm1, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(exp2, Exp2, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(log, Log, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(log1p, Log1p, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(log2, Log2, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(log10, Log10, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(sqrt, Sqrt, Loop::FloatMath, 2)
NDGRAD_DEFINE_UNARY(cbrt, Cbrt, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(sin, Sin, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(cos, Cos, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(tan, Tan, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(arcsin, Arcsin, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(arccos, Arccos, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(arctan, Arctan, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(sinh, Sinh, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(cosh, Cosh, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(tanh, Tanh, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(arcsinh, Arcsinh, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(arccosh, Arccosh, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(arctanh, Arctanh, Loop::FloatMath, 8)
NDGRAD_DEFINE_UNARY(floor, Floor, Loop::FloatMath, 1)
NDGRAD_DEFINE_UNARY(ceil, Ceil, Loop::FloatMath, 1)
NDGRAD_DEFINE_UNARY(trunc, Trunc, Loop::FloatMath, 1)
NDGRAD_DEFINE_UNARY(rint, Rint, Loop::FloatMath, 1)
NDGRAD_DEFINE_UNARY(isnan, IsNan, Loop::Logical, 1)
NDGRAD_DEFINE_UNARY(isinf, IsInf, Loop::Logical, 1)
NDGRAD_DEFINE_UNARY(isfinite, IsFinite, Loop::Logical, 1)
NDGRAD_DEFINE_UNARY(signbit, Signbit, Loop::Logical, 1)
#undef NDGRAD_DEFINE_UNARY

namespace {
// NumPy's power_of_ten (multiarray/calculation.c): a table up to 1e8, then repeated
// multiplication by ten. For 23 and more decimals this is not the correctly rounded
// power, and np.round uses it all the same.
double power_of_ten(int n) {
  static const double table[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
  if (n < 9) return table[n];
  double result = 1e9;
  while (n-- > 9) result *= 10.0;
  return result;
}
}  // namespace

// NumPy's PyArray_Round: integers with decimals >= 0 come back unchanged; otherwise scale
// by 10**decimals (a weak Python float, so float32 stays float32), round half to even,
// scale back, all in one array of the input's dtype (float64 for integers, cast back at
// the end). Bool input is refused as NumPy refuses it, by the same_kind check on the
// result of the scaling.
Array round(const Array& a, int decimals) {
  const bool integer = is_integer(a.dtype());
  if (decimals >= 0 && integer) return a.copy();
  if (decimals == 0) return rint(a);
  const DType dtype = integer ? float64 : a.dtype();
  const bool fortran = a.is_f_contiguous() && !a.is_c_contiguous();
  Array out = fortran ? asfortranarray(empty(a.shape(), dtype)) : empty(a.shape(), dtype);
  const double factor = power_of_ten(std::abs(decimals));
  if (decimals > 0) {
    multiply(a, factor, out);
    rint(out, out);
    divide(out, factor, out);
  } else {
    divide(a, factor, out);
    rint(out, out);
    multiply(out, factor, out);
  }
  return integer ? out.astype(a.dtype()) : out;
}
Array around(const Array& a, int decimals) {
  return round(a, decimals);
}

namespace {

template <class T>
void where_run(const std::array<std::byte*, 4>& p, const std::array<std::int64_t, 4>& s,
               std::int64_t n) {
  // The condition read as bytes (a bool is 0 or 1): GCC vectorises the select then, not
  // when it loads `bool`s.
  const std::uint8_t* c = reinterpret_cast<const std::uint8_t*>(p[1]);
  const T* x = reinterpret_cast<const T*>(p[2]);
  const T* y = reinterpret_cast<const T*>(p[3]);
  T* o = reinterpret_cast<T*>(p[0]);
  constexpr std::int64_t size = sizeof(T);
  if (s[0] == size && s[1] == 1 && s[2] == size && s[3] == size) {
    for (std::int64_t i = 0; i < n; ++i) o[i] = c[i] ? x[i] : y[i];
  } else if (s[0] == size && s[1] == 1 && s[2] == size && s[3] == 0) {
    const T other = *y;
    for (std::int64_t i = 0; i < n; ++i) o[i] = c[i] ? x[i] : other;
  } else {
    for (std::int64_t i = 0; i < n; ++i) {
      const int pick = c[i * s[1]] ? 2 : 3;
      *reinterpret_cast<T*>(p[0] + i * s[0]) = *reinterpret_cast<const T*>(p[pick] + i * s[pick]);
    }
  }
}

// NumPy's clip loop: minimum(maximum(x, lo), hi), NaN in any operand propagating.
template <class T>
void clip_run(const std::array<std::byte*, 4>& p, const std::array<std::int64_t, 4>& s,
              std::int64_t n) {
  const Maximum<T> maximum;
  const Minimum<T> minimum;
  T* o = reinterpret_cast<T*>(p[0]);
  const T* x = reinterpret_cast<const T*>(p[1]);
  constexpr std::int64_t size = sizeof(T);
  if (s[0] == size && s[1] == size && s[2] == 0 && s[3] == 0) {  // scalar bounds
    // One bound after the other, block by block: GCC vectorises a loop with one of these
    // selects but not with two in a row. The block stays in L1 between the passes.
    const T lo = *reinterpret_cast<const T*>(p[2]), hi = *reinterpret_cast<const T*>(p[3]);
    constexpr std::int64_t kBlock = 512;
    for (std::int64_t start = 0; start < n; start += kBlock) {
      const std::int64_t end = std::min(n, start + kBlock);
      for (std::int64_t i = start; i < end; ++i) o[i] = maximum(x[i], lo);
      for (std::int64_t i = start; i < end; ++i) o[i] = minimum(o[i], hi);
    }
  } else {
    for (std::int64_t i = 0; i < n; ++i)
      *reinterpret_cast<T*>(p[0] + i * s[0]) =
          minimum(maximum(*reinterpret_cast<const T*>(p[1] + i * s[1]),
                          *reinterpret_cast<const T*>(p[2] + i * s[2])),
                  *reinterpret_cast<const T*>(p[3] + i * s[3]));
  }
}

// Runs a three-input kernel (where, clip) over broadcast operands, like binary_ufunc.
template <class Kernel>
Array ternary(const char* ufunc, DType dtype, std::array<Array, 3> in, const Array* out,
              std::int64_t cost, Kernel kernel) {
  const Shape shape = operation_shape({in[0].shape(), in[1].shape(), in[2].shape()}, out);
  std::vector<Shape> strides;
  for (const Array& x : in) strides.push_back(detail::broadcast_strides(x, shape));
  Destination dest = prepare_output(ufunc, shape, dtype, out, strides);
  for (int k = 0; k < 3; ++k)
    if (guard_overlap(in[k], dest.result, shape))
      strides[k] = detail::broadcast_strides(in[k], shape);
  auto plan = detail::make_plan<4>(
      shape, {dest.result.bytes(), in[0].bytes(), in[1].bytes(), in[2].bytes()},
      {dest.result.strides(), strides[0], strides[1], strides[2]});
  dispatch(dtype, [&](auto tag) { detail::for_each_run(plan, cost, kernel(tag)); });
  dest.finish();
  return out ? *out : dest.result;
}

}  // namespace

Array where(const Array& condition, const ArrayLike& x, const ArrayLike& y) {
  const DType dtype = result_type(x, y);
  Array c = condition.dtype() == bool_ ? condition : condition.astype(bool_);
  return ternary("where", dtype, {c, x.as_dtype(dtype), y.as_dtype(dtype)}, nullptr, 2,
                 [](auto tag) {
                   return [](const auto& p, const auto& s, std::int64_t n) {
                     where_run<typename decltype(tag)::type>(p, s, n);
                   };
                 });
}

namespace {
Array clip_impl(const Array& a, const ArrayLike& lo, const ArrayLike& hi, const Array* out) {
  const DType dtype = result_type({a, lo, hi});
  return ternary("clip", dtype,
                 {a.dtype() == dtype ? a : a.astype(dtype), lo.as_dtype(dtype), hi.as_dtype(dtype)},
                 out, 2, [](auto tag) {
                   return [](const auto& p, const auto& s, std::int64_t n) {
                     clip_run<typename decltype(tag)::type>(p, s, n);
                   };
                 });
}
}  // namespace

// np.clip: one pass of NumPy's clip loop; a missing bound is maximum or minimum alone,
// as NumPy does it.
Array clip(const Array& a, const ArrayLike& lo, const ArrayLike& hi) {
  return clip_impl(a, lo, hi, nullptr);
}
Array clip(const Array& a, const ArrayLike& lo, const ArrayLike& hi, const Array& out) {
  return clip_impl(a, lo, hi, &out);
}
Array clip(const Array& a, NoneType, const ArrayLike& hi) {
  return minimum(a, hi);
}
Array clip(const Array& a, const ArrayLike& lo, NoneType) {
  return maximum(a, lo);
}
Array clip(const Array& a, NoneType, const ArrayLike& hi, const Array& out) {
  return minimum(a, hi, out);
}
Array clip(const Array& a, const ArrayLike& lo, NoneType, const Array& out) {
  return maximum(a, lo, out);
}

Array nan_to_num(const Array& a, double nan, std::optional<double> posinf,
                 std::optional<double> neginf) {
  Array out = a.copy();
  dispatch(a.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_floating_point_v<T>) {
      const T big = posinf ? T(*posinf) : std::numeric_limits<T>::max();
      const T small = neginf ? T(*neginf) : std::numeric_limits<T>::lowest();
      T* p = out.data<T>();
      for (std::int64_t i = 0; i < out.size(); ++i) {
        if (std::isnan(p[i]))
          p[i] = T(nan);
        else if (std::isinf(p[i]))
          p[i] = p[i] > 0 ? big : small;
      }
    }
  });
  return out;
}

namespace detail {

bool can_elide(const Array& temp, const ArrayLike& other) {
  if (temp.storage() == nullptr || temp.storage().use_count() != 1) return false;
  if (!is_floating(temp.dtype()) || !temp.writeable() || !temp.flags().c_contiguous) return false;
  if (result_type(temp, other) != temp.dtype()) return false;
  // `other` must broadcast to temp's shape without growing it.
  const Shape& big = temp.shape();
  const Shape& small = other.array().shape();
  if (small.size() > big.size()) return false;
  for (std::size_t i = 1; i <= small.size(); ++i) {
    const std::int64_t d = small[small.size() - i];
    if (d != 1 && d != big[big.size() - i]) return false;
  }
  return true;
}

}  // namespace detail

}  // namespace nd
