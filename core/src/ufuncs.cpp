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
};

std::string dtype_repr(DType d) {
  return std::string("dtype('") + name(d) + "')";
}

DType loop_dtype(Loop rule, DType promoted, const char* ufunc) {
  switch (rule) {
    case Loop::Float:
      return is_floating(promoted) ? promoted : float64;
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
NDGRAD_DEFINE_UNARY(logical_not, LogicalNot, Loop::Compare, 1)
NDGRAD_DEFINE_UNARY(invert, Invert, Loop::Bits, 1)
#undef NDGRAD_DEFINE_UNARY

}  // namespace nd
