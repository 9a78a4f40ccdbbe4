// Runtime element types. An nd::Array carries a DType value instead of a template
// parameter; kernels are templates instantiated once per dtype and chosen with one
// switch per call (dispatch below), never per element.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <type_traits>

#include "ndgrad/core/errors.h"

namespace nd {

enum class DType : std::uint8_t { Bool, UInt8, Int32, Int64, Float32, Float64 };

inline constexpr DType bool_ = DType::Bool;
inline constexpr DType uint8 = DType::UInt8;
inline constexpr DType int32 = DType::Int32;
inline constexpr DType int64 = DType::Int64;
inline constexpr DType float32 = DType::Float32;
inline constexpr DType float64 = DType::Float64;

inline constexpr int kNumDTypes = 6;

// The C++ element type of each dtype, and back.
template <DType D>
struct CppTypeOf;
template <>
struct CppTypeOf<DType::Bool> {
  using type = bool;
};
template <>
struct CppTypeOf<DType::UInt8> {
  using type = std::uint8_t;
};
template <>
struct CppTypeOf<DType::Int32> {
  using type = std::int32_t;
};
template <>
struct CppTypeOf<DType::Int64> {
  using type = std::int64_t;
};
template <>
struct CppTypeOf<DType::Float32> {
  using type = float;
};
template <>
struct CppTypeOf<DType::Float64> {
  using type = double;
};
template <DType D>
using cpp_type_t = typename CppTypeOf<D>::type;

template <class T>
struct DTypeOf;
template <>
struct DTypeOf<bool> {
  static constexpr DType value = DType::Bool;
};
template <>
struct DTypeOf<std::uint8_t> {
  static constexpr DType value = DType::UInt8;
};
template <>
struct DTypeOf<std::int32_t> {
  static constexpr DType value = DType::Int32;
};
template <>
struct DTypeOf<std::int64_t> {
  static constexpr DType value = DType::Int64;
};
template <>
struct DTypeOf<float> {
  static constexpr DType value = DType::Float32;
};
template <>
struct DTypeOf<double> {
  static constexpr DType value = DType::Float64;
};
template <class T>
inline constexpr DType dtype_of = DTypeOf<T>::value;

// A value-less carrier of a type, handed to the generic lambdas given to dispatch().
template <class T>
struct TypeTag {
  using type = T;
};

// Calls fn(TypeTag<T>{}) with T the C++ element type of `dtype`. This is the one place
// that turns a runtime dtype into a compile-time type.
template <class Fn>
decltype(auto) dispatch(DType dtype, Fn&& fn) {
  switch (dtype) {
    case DType::Bool:
      return fn(TypeTag<bool>{});
    case DType::UInt8:
      return fn(TypeTag<std::uint8_t>{});
    case DType::Int32:
      return fn(TypeTag<std::int32_t>{});
    case DType::Int64:
      return fn(TypeTag<std::int64_t>{});
    case DType::Float32:
      return fn(TypeTag<float>{});
    case DType::Float64:
      break;
  }
  return fn(TypeTag<double>{});
}

// C++ scalars act as Python's: every integer type is a Python int (int64 by default),
// every floating type a Python float (float64), bool a bool.
template <class T>
concept Scalar = std::is_arithmetic_v<T>;

template <Scalar T>
constexpr DType default_dtype_for() {
  if constexpr (std::is_same_v<T, bool>)
    return DType::Bool;
  else if constexpr (std::is_integral_v<T>)
    return DType::Int64;
  else
    return DType::Float64;
}

constexpr std::int64_t itemsize(DType d) {
  switch (d) {
    case DType::Bool:
    case DType::UInt8:
      return 1;
    case DType::Int32:
    case DType::Float32:
      return 4;
    case DType::Int64:
    case DType::Float64:
      return 8;
  }
  return 8;
}

constexpr bool is_bool(DType d) {
  return d == DType::Bool;
}
constexpr bool is_integer(DType d) {
  return d == DType::UInt8 || d == DType::Int32 || d == DType::Int64;
}
constexpr bool is_floating(DType d) {
  return d == DType::Float32 || d == DType::Float64;
}

// NumPy's kind character: 'b' bool, 'u' unsigned, 'i' signed, 'f' floating.
char kind(DType d);
// "bool", "uint8", ..., "float64": NumPy's dtype names.
const char* name(DType d);
DType dtype_from_name(const std::string& name);  // throws TypeError for unknown names
std::ostream& operator<<(std::ostream& os, DType d);

// NumPy's array-array promotion table (np.result_type of two dtypes).
DType promote_types(DType a, DType b);

// NumPy's casting rules: "no", "equiv", "safe", "same_kind", "unsafe".
enum class Casting { No, Equiv, Safe, SameKind, Unsafe };
bool can_cast(DType from, DType to, Casting casting = Casting::Safe);
const char* casting_name(Casting c);

}  // namespace nd
