#include "ndgrad/core/array_like.h"

#include <limits>
#include <optional>

#include "ndgrad/core/errors.h"

namespace nd {

Array ArrayLike::as_dtype(DType dtype) const {
  if (array_.dtype() == dtype) return array_;
  if (weak_ && array_.dtype() == int64 && is_integer(dtype)) {
    std::int64_t v = array_.item<std::int64_t>();
    bool fits = dispatch(dtype, [v](auto tag) {
      using T = typename decltype(tag)::type;
      return v >= std::int64_t(std::numeric_limits<T>::min()) &&
             v <= std::int64_t(std::numeric_limits<T>::max());
    });
    if (!fits)
      throw OverflowError("Python integer " + std::to_string(v) + " out of bounds for " +
                          name(dtype));
  }
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
  std::optional<DType> strong;
  for (const ArrayLike& op : operands)
    if (!op.is_weak_scalar())
      strong = strong ? promote_types(*strong, op.array().dtype()) : op.array().dtype();
  std::optional<DType> weak;
  for (const ArrayLike& op : operands)
    if (op.is_weak_scalar())
      weak = weak ? promote_types(*weak, op.array().dtype()) : op.array().dtype();
  if (!strong) return *weak;
  if (!weak || weak_kind_rank(*weak) <= weak_kind_rank(*strong)) return *strong;
  return *weak;
}

DType result_type(const ArrayLike& a, const ArrayLike& b) { return result_type({a, b}); }

}  // namespace nd
