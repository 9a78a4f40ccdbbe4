// The pieces of an index expression: a.index({Slice(1, None, 2), None, Ellipsis, 0, mask}).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <type_traits>
#include <variant>

namespace nd {

class Array;

// Python's None: a new axis inside an index, "no bound" inside a Slice or clip, and
// "all axes" where an axis is expected.
struct NoneType {
  constexpr operator std::optional<std::int64_t>() const { return std::nullopt; }
};
inline constexpr NoneType None{};

struct EllipsisType {};
inline constexpr EllipsisType Ellipsis{};

// Python's slice(start, stop, step); an absent bound is None.
struct Slice {
  std::optional<std::int64_t> start, stop, step;

  constexpr Slice(std::optional<std::int64_t> start_ = std::nullopt,
                  std::optional<std::int64_t> stop_ = std::nullopt,
                  std::optional<std::int64_t> step_ = std::nullopt)
      : start(start_), stop(stop_), step(step_) {}

  // CPython's PySlice_AdjustIndices: out-of-range bounds clamp, never throw; a zero step
  // throws ValueError("slice step cannot be zero"). Returns the number of elements.
  struct Bounds {
    std::int64_t start, stop, step, length;
  };
  Bounds normalize(std::int64_t dim_length) const;
};

// One item of an index list: an integer, a Slice, None, Ellipsis, or an integer/boolean
// array (a C++ bool counts as a 0-d boolean array, as Python's True does in NumPy).
class Index {
 public:
  template <class T>
  requires(std::is_integral_v<T> && !std::is_same_v<T, bool>) Index(T i)
      : item_(static_cast<std::int64_t>(i)) {}
  Index(bool b);
  Index(Slice s) : item_(s) {}
  Index(NoneType) : item_(NoneType{}) {}
  Index(EllipsisType) : item_(EllipsisType{}) {}
  Index(const Array& a);

  bool is_integer() const { return std::holds_alternative<std::int64_t>(item_); }
  bool is_slice() const { return std::holds_alternative<Slice>(item_); }
  bool is_none() const { return std::holds_alternative<NoneType>(item_); }
  bool is_ellipsis() const { return std::holds_alternative<EllipsisType>(item_); }
  bool is_array() const { return std::holds_alternative<std::shared_ptr<const Array>>(item_); }
  std::int64_t integer() const { return std::get<std::int64_t>(item_); }
  const Slice& slice() const { return std::get<Slice>(item_); }
  const Array& array() const { return *std::get<std::shared_ptr<const Array>>(item_); }

 private:
  // Array is incomplete here, so an array index is held through a shared pointer.
  std::variant<std::int64_t, Slice, NoneType, EllipsisType, std::shared_ptr<const Array>> item_;
};

}  // namespace nd
