#include "ndgrad/core/array_like.h"

#include <limits>
#include <optional>
#include <string>

#include "ndgrad/core/errors.h"

namespace nd {

void ArrayLike::set_huge(std::uint64_t value) {
  huge_ = value;
  array_ = scalar(static_cast<double>(value));
}

bool ArrayLike::fits(DType dtype) const {
  const bool weak_integer = weak_ && (huge_ || array_.dtype() == int64);
  if (!weak_integer || !is_integer(dtype)) return true;
  if (huge_) return false;
  const std::int64_t v = array_.item<std::int64_t>();
  return dispatch(dtype, [v](auto tag) {
    using T = typename decltype(tag)::type;
    return v >= std::int64_t(std::numeric_limits<T>::min()) &&
           v <= std::int64_t(std::numeric_limits<T>::max());
  });
}

Array ArrayLike::as_dtype(DType dtype) const {
  if (!fits(dtype)) {
    const std::string value =
        huge_ ? std::to_string(*huge_) : std::to_string(array_.item<std::int64_t>());
    throw OverflowError("Python integer " + value + " out of bounds for " + name(dtype));
  }
  if (array_.dtype() == dtype) return array_;
  // NumPy converts a Python int to float32 through a double (two roundings).
  if (weak_ && array_.dtype() == int64 && dtype == float32)
    return array_.astype(float64).astype(float32);
  return array_.astype(dtype);
}

namespace {
// Bool < integer < floating: the only thing a weak scalar contributes is its kind.
int weak_kind_rank(DType d) {
  return is_bool(d) ? 0 : is_floating(d) ? 2 : 1;
}
}  // namespace

DType result_type(const std::vector<ArrayLike>& operands) {
  // Arrays promote by the table; weak scalars only lift the kind when theirs is higher
  // (a Python float with int arrays gives float64, a Python int with bools int64).
  std::optional<DType> strong, weak;
  for (const ArrayLike& op : operands) {
    std::optional<DType>& slot = op.is_weak_scalar() ? weak : strong;
    slot = slot ? promote_types(*slot, op.dtype()) : op.dtype();
  }
  if (!strong) return *weak;
  if (!weak || weak_kind_rank(*weak) <= weak_kind_rank(*strong)) return *strong;
  return promote_types(*strong, *weak);
}

DType result_type(const ArrayLike& a, const ArrayLike& b) {
  return result_type({a, b});
}

}  // namespace nd
