#include "ndgrad/core/array_like.h"

#include <limits>

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

DType result_type(const ArrayLike& a, const ArrayLike& b) {
  if (a.is_weak_scalar() == b.is_weak_scalar())
    return promote_types(a.array().dtype(), b.array().dtype());
  const ArrayLike& weak = a.is_weak_scalar() ? a : b;
  const ArrayLike& strong = a.is_weak_scalar() ? b : a;
  DType strong_dtype = strong.array().dtype();
  if (weak_kind_rank(weak.array().dtype()) <= weak_kind_rank(strong_dtype)) return strong_dtype;
  return weak.array().dtype();  // a Python int with a bool array, a float with an int array
}

}  // namespace nd
