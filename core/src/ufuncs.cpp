// The ufunc engine and NumPy's elementwise operations.
//
// One call: decide the loop dtype from NumPy 2's promotion (NEP 50), cast the inputs to
// it (0-d scalars cost nothing), broadcast, plan the iteration once, and run a kernel
// chosen once per call, whose inner loop has a contiguous, a scalar-operand and a strided
// form. Results that need another dtype than the `out` array go through a temporary.
#include "ndgrad/core/ufuncs.h"

#include <cmath>
#include <limits>
#include <type_traits>

#include "cast.h"
#include "iteration.h"
#include "ndgrad/core/errors.h"
#include "ndgrad/core/creation.h"
#include "ndgrad/core/shape_ops.h"

namespace nd {

namespace {

// --- how a ufunc chooses its loop ----------------------------------------------------------

enum class Loop {
  Same,     // computes and returns the promoted dtype (add, maximum, ...)
  Float,    // integers and bools computed in float64 (divide, arctan2)
  Compare,  // promoted dtype in, bool out
  Bits,     // bools and integers only (bitwise_and, invert)
  NoBool,   // the promoted dtype, but bool is refused (subtract, negative)
  IntBool,    // the promoted dtype, bool computed as int64 (square, reciprocal)
  FloatMath,  // floats as they are, bool/uint8 in float32, wider integers in float64
};

std::string dtype_repr(DType d) {
  return std::string("dtype('") + name(d) + "')";
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
      if (is_bool(promoted)) {
        if (std::string(ufunc) == "subtract")
          throw TypeError(
              "numpy boolean subtract, the `-` operator, is not supported, use the "
              "bitwise_xor, the `^` operator, or the logical_xor function instead.");
        if (std::string(ufunc) == "sign")
          throw TypeError("ufunc 'sign' did not contain a loop with signature matching types");
        throw TypeError(
            "The numpy boolean negative, the `-` operator, is not supported, use the `~` "
            "operator or the logical_not function instead.");
      }
      return promoted;
    default:
      return promoted;
  }
}

DType result_dtype(Loop rule, DType loop) {
  return rule == Loop::Compare ? bool_ : loop;
}

// The array the result is written to: `out` itself when it has the right dtype, else a
// fresh array (laid out like `like`) that is copied into `out` afterwards.
struct Destination {
  Array result;
  const Array* out;
  void finish() const {
    if (out != nullptr && result.storage() != out->storage()) detail::assign(*out, result);
  }
};

Destination prepare_output(const char* ufunc, const Shape& shape, DType dtype, const Array* out,
                           const Array* like) {
  if (out == nullptr) return {detail::empty_like_layout(shape, dtype, like), nullptr};
  if (!(out->shape() == shape))
    throw ValueError("non-broadcastable output operand with shape " +
                     shape_repr_compact(out->shape()) + " doesn't match the broadcast shape " +
                     shape_repr_compact(shape));
  if (!can_cast(dtype, out->dtype(), Casting::SameKind))
    throw TypeError(std::string("Cannot cast ufunc '") + ufunc + "' output from " +
                    dtype_repr(dtype) + " to " + dtype_repr(out->dtype()) +
                    " with casting rule 'same_kind'");
  if (!out->writeable()) throw ValueError("output array is read-only");
  if (out->dtype() == dtype) return {*out, out};
  return {detail::empty_like_layout(shape, dtype, out), out};
}

// An input that overlaps the output in any other way than element-for-element would be
// overwritten while still being read: NumPy copies it first, and so do we.
Array guard_overlap(const Array& input, const Array& output, const Shape& shape) {
  if (input.storage() != output.storage() || !may_share_memory(input, output)) return input;
  if (input.offset() == output.offset() &&
      detail::broadcast_strides(input, shape) == output.strides())
    return input;
  return input.copy();
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
  const DType loop = loop_dtype(rule, result_type(a, b), ufunc);
  Array x = a.as_dtype(loop), y = b.as_dtype(loop);
  const Shape shape = broadcast_shapes({x.shape(), y.shape()});
  const Array* like = !a.is_weak_scalar() ? &a.array() : &b.array();
  Destination dest = prepare_output(ufunc, shape, result_dtype(rule, loop), out, like);
  x = guard_overlap(x, dest.result, shape);
  y = guard_overlap(y, dest.result, shape);
  auto plan = detail::make_plan<3>(shape, {dest.result.bytes(), x.bytes(), y.bytes()},
                                   {dest.result.strides(), detail::broadcast_strides(x, shape),
                                    detail::broadcast_strides(y, shape)});
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
  Array x = a.astype(loop);
  if (loop == a.dtype()) x = a;
  Destination dest = prepare_output(ufunc, a.shape(), result_dtype(rule, loop), out, &a);
  x = guard_overlap(x, dest.result, a.shape());
  auto plan = detail::make_plan<2>(a.shape(), {dest.result.bytes(), x.bytes()},
                                   {dest.result.strides(), x.strides()});
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
template <class T>
struct Maximum {
  T operator()(T x, T y) const { return (x >= y || is_nan(x)) ? x : y; }
};
template <class T>
struct Minimum {
  T operator()(T x, T y) const { return (x <= y || is_nan(x)) ? x : y; }
};
template <class T>
struct Fmax {
  T operator()(T x, T y) const { return (x >= y || is_nan(y)) ? x : y; }
};
template <class T>
struct Fmin {
  T operator()(T x, T y) const { return (x <= y || is_nan(y)) ? x : y; }
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

template <class T> struct Positive { T operator()(T x) const { return x; } };
template <class T> struct Absolute {
  T operator()(T x) const {
    if constexpr (std::is_same_v<T, bool> || std::is_unsigned_v<T>) return x;
    else if constexpr (std::is_integral_v<T>) return x < 0 ? T(Wide<T>(0) - Wide<T>(x)) : x;
    else return std::fabs(x);
  }
};
template <class T> struct Sign {
  T operator()(T x) const {
    if constexpr (std::is_floating_point_v<T>)
      if (std::isnan(x)) return x;
    return x > T(0) ? T(1) : x < T(0) ? T(-1) : T(0);
  }
};
template <class T> struct Square {
  T operator()(T x) const { return T(Wide<T>(x) * Wide<T>(x)); }
};
// Integer reciprocal is integer division 1 / x (0 for |x| > 1); 1 / 0 gives NumPy's
// INT_MIN instead of undefined behaviour.
template <class T> struct Reciprocal {
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
#define NDGRAD_FLOAT_FUNCTOR(Name, expr)                      \
  template <class T> struct Name {                            \
    T operator()(T x) const {                                 \
      if constexpr (std::is_floating_point_v<T>) return expr; \
      else return x;                                          \
    }                                                         \
  };
NDGRAD_FLOAT_FUNCTOR(Exp, std::exp(x))
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

template <class T> struct IsNan {
  bool operator()(T x) const { return is_nan(x); }
};
template <class T> struct IsInf {
  bool operator()(T x) const {
    if constexpr (std::is_floating_point_v<T>) return std::isinf(x);
    else return false;
  }
};
template <class T> struct IsFinite {
  bool operator()(T x) const {
    if constexpr (std::is_floating_point_v<T>) return std::isfinite(x);
    else return true;
  }
};
template <class T> struct Signbit {
  bool operator()(T x) const {
    if constexpr (std::is_floating_point_v<T>) return std::signbit(x);
    else if constexpr (std::is_signed_v<T>) return x < 0;
    else return false;
  }
};

void check_integer_power(const ArrayLike& a, const ArrayLike& b) {
  const DType d = result_type(a, b);
  if (!is_integer(d)) return;
  Array e = b.as_dtype(d).astype(int64);
  Array flat = ascontiguousarray(e);
  const std::int64_t* p = flat.data<std::int64_t>();
  for (std::int64_t i = 0; i < flat.size(); ++i)
    if (p[i] < 0) throw ValueError("Integers to negative integer powers are not allowed.");
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
NDGRAD_DEFINE_BINARY(floor_divide, FloorDivide, Loop::Same, 8)
NDGRAD_DEFINE_BINARY(mod, Mod, Loop::Same, 8)
NDGRAD_DEFINE_BINARY(remainder, Mod, Loop::Same, 8)
NDGRAD_DEFINE_BINARY(maximum, Maximum, Loop::Same, 1)
NDGRAD_DEFINE_BINARY(minimum, Minimum, Loop::Same, 1)
NDGRAD_DEFINE_BINARY(fmax, Fmax, Loop::Same, 1)
NDGRAD_DEFINE_BINARY(fmin, Fmin, Loop::Same, 1)
NDGRAD_DEFINE_BINARY(arctan2, Arctan2, Loop::Float, 16)
NDGRAD_DEFINE_BINARY(equal, Equal, Loop::Compare, 1)
NDGRAD_DEFINE_BINARY(not_equal, NotEqual, Loop::Compare, 1)
NDGRAD_DEFINE_BINARY(less, Less, Loop::Compare, 1)
NDGRAD_DEFINE_BINARY(less_equal, LessEqual, Loop::Compare, 1)
NDGRAD_DEFINE_BINARY(greater, Greater, Loop::Compare, 1)
NDGRAD_DEFINE_BINARY(greater_equal, GreaterEqual, Loop::Compare, 1)
NDGRAD_DEFINE_BINARY(logical_and, LogicalAnd, Loop::Compare, 1)
NDGRAD_DEFINE_BINARY(logical_or, LogicalOr, Loop::Compare, 1)
NDGRAD_DEFINE_BINARY(logical_xor, LogicalXor, Loop::Compare, 1)
NDGRAD_DEFINE_BINARY(bitwise_and, BitAnd, Loop::Bits, 1)
NDGRAD_DEFINE_BINARY(bitwise_or, BitOr, Loop::Bits, 1)
NDGRAD_DEFINE_BINARY(bitwise_xor, BitXor, Loop::Bits, 1)
#undef NDGRAD_DEFINE_BINARY

Array power(const ArrayLike& a, const ArrayLike& b) {
  check_integer_power(a, b);
  return binary_ufunc<Power>("power", Loop::Same, 16, a, b, nullptr);
}
Array power(const ArrayLike& a, const ArrayLike& b, const Array& out) {
  check_integer_power(a, b);
  return binary_ufunc<Power>("power", Loop::Same, 16, a, b, &out);
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
NDGRAD_DEFINE_UNARY(logical_not, LogicalNot, Loop::Compare, 1)
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
NDGRAD_DEFINE_UNARY(isnan, IsNan, Loop::Compare, 1)
NDGRAD_DEFINE_UNARY(isinf, IsInf, Loop::Compare, 1)
NDGRAD_DEFINE_UNARY(isfinite, IsFinite, Loop::Compare, 1)
NDGRAD_DEFINE_UNARY(signbit, Signbit, Loop::Compare, 1)
#undef NDGRAD_DEFINE_UNARY

// NumPy's PyArray_Round: scale by 10**decimals, round half to even, scale back, in the
// array's float dtype; integers with decimals >= 0 come back unchanged.
Array round(const Array& a, int decimals) {
  if (!is_floating(a.dtype())) {
    if (decimals >= 0) return a.copy();
    return round(a.astype(float64), decimals).astype(a.dtype());
  }
  Array factor = full({}, std::pow(10.0, std::abs(decimals)), a.dtype());
  Array scaled = decimals >= 0 ? multiply(a, factor) : divide(a, factor);
  rint(scaled, scaled);
  return decimals >= 0 ? divide(scaled, factor, scaled) : multiply(scaled, factor, scaled);
}
Array around(const Array& a, int decimals) { return round(a, decimals); }

namespace {
template <class T>
void where_run(const std::array<std::byte*, 4>& p, const std::array<std::int64_t, 4>& s,
               std::int64_t n) {
  for (std::int64_t i = 0; i < n; ++i) {
    const int pick = *reinterpret_cast<const bool*>(p[1] + i * s[1]) ? 2 : 3;
    *reinterpret_cast<T*>(p[0] + i * s[0]) = *reinterpret_cast<const T*>(p[pick] + i * s[pick]);
  }
}
}  // namespace

Array where(const Array& condition, const ArrayLike& x, const ArrayLike& y) {
  const DType dtype = result_type(x, y);
  Array c = condition.astype(bool_), xs = x.as_dtype(dtype), ys = y.as_dtype(dtype);
  const Shape shape = broadcast_shapes({c.shape(), xs.shape(), ys.shape()});
  Array out = detail::empty_like_layout(shape, dtype, c.shape() == shape ? &c : nullptr);
  auto plan = detail::make_plan<4>(
      shape, {out.bytes(), c.bytes(), xs.bytes(), ys.bytes()},
      {out.strides(), detail::broadcast_strides(c, shape), detail::broadcast_strides(xs, shape),
       detail::broadcast_strides(ys, shape)});
  dispatch(dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    detail::for_each_run(plan, 2, [](const auto& p, const auto& s, std::int64_t n) {
      where_run<T>(p, s, n);
    });
  });
  return out;
}

// np.clip is minimum(maximum(a, lo), hi), NaN propagating, in the promoted dtype.
Array clip(const Array& a, const ArrayLike& lo, const ArrayLike& hi) {
  return minimum(maximum(a, lo), hi);
}
Array clip(const Array& a, const ArrayLike& lo, const ArrayLike& hi, const Array& out) {
  const DType dtype = result_type({a, lo, hi});
  if (!can_cast(dtype, out.dtype(), Casting::SameKind))
    throw TypeError(std::string("Cannot cast ufunc 'clip' output from ") + dtype_repr(dtype) +
                    " to " + dtype_repr(out.dtype()) + " with casting rule 'same_kind'");
  maximum(a, lo, out);
  return minimum(out, hi, out);
}
Array clip(const Array& a, NoneType, const ArrayLike& hi) { return minimum(a, hi); }
Array clip(const Array& a, const ArrayLike& lo, NoneType) { return maximum(a, lo); }
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
        if (std::isnan(p[i])) p[i] = T(nan);
        else if (std::isinf(p[i])) p[i] = p[i] > 0 ? big : small;
      }
    }
  });
  return out;
}

}  // namespace nd
