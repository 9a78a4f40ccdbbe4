#include "ndgrad/core/dtype.h"

#include <ostream>

namespace nd {

char kind(DType d) {
  switch (d) {
    case DType::Bool:
      return 'b';
    case DType::UInt8:
      return 'u';
    case DType::Int32:
    case DType::Int64:
      return 'i';
    case DType::Float32:
    case DType::Float64:
      return 'f';
  }
  return 'f';
}

const char* name(DType d) {
  switch (d) {
    case DType::Bool:
      return "bool";
    case DType::UInt8:
      return "uint8";
    case DType::Int32:
      return "int32";
    case DType::Int64:
      return "int64";
    case DType::Float32:
      return "float32";
    case DType::Float64:
      return "float64";
  }
  return "float64";
}

DType dtype_from_name(const std::string& n) {
  for (int i = 0; i < kNumDTypes; ++i) {
    auto d = static_cast<DType>(i);
    if (n == name(d)) return d;
  }
  throw TypeError("data type '" + n + "' not understood");
}

std::ostream& operator<<(std::ostream& os, DType d) {
  return os << name(d);
}

namespace {

// Order of "kinds" for same_kind casting: bool < unsigned < signed < floating.
int kind_rank(DType d) {
  switch (kind(d)) {
    case 'b':
      return 0;
    case 'u':
      return 1;
    case 'i':
      return 2;
    default:
      return 3;
  }
}

// NumPy's promotion table restricted to ndgrad's dtypes, indexed by DType order:
// bool, uint8, int32, int64, float32, float64.
constexpr DType B = DType::Bool, U8 = DType::UInt8, I32 = DType::Int32, I64 = DType::Int64,
                F32 = DType::Float32, F64 = DType::Float64;
constexpr DType kPromotion[kNumDTypes][kNumDTypes] = {
    /* bool    */ {B, U8, I32, I64, F32, F64},
    /* uint8   */ {U8, U8, I32, I64, F32, F64},
    /* int32   */ {I32, I32, I32, I64, F64, F64},
    /* int64   */ {I64, I64, I64, I64, F64, F64},
    /* float32 */ {F32, F32, F64, F64, F32, F64},
    /* float64 */ {F64, F64, F64, F64, F64, F64},
};

}  // namespace

DType promote_types(DType a, DType b) {
  return kPromotion[static_cast<int>(a)][static_cast<int>(b)];
}

bool can_cast(DType from, DType to, Casting casting) {
  switch (casting) {
    case Casting::No:
    case Casting::Equiv:
      return from == to;
    case Casting::Safe:
      return promote_types(from, to) == to;
    case Casting::SameKind:
      return promote_types(from, to) == to || kind_rank(from) <= kind_rank(to);
    case Casting::Unsafe:
      return true;
  }
  return false;
}

const char* casting_name(Casting c) {
  switch (c) {
    case Casting::No:
      return "no";
    case Casting::Equiv:
      return "equiv";
    case Casting::Safe:
      return "safe";
    case Casting::SameKind:
      return "same_kind";
    case Casting::Unsafe:
      return "unsafe";
  }
  return "unsafe";
}

}  // namespace nd
