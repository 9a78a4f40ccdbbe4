// Array creation: NumPy's array, zeros/ones/full/empty (and _like), eye, identity,
// arange, linspace, tril/triu and meshgrid.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "ndgrad/core/array.h"

namespace nd {

Array empty(const Shape& shape, DType dtype = float64);
Array zeros(const Shape& shape, DType dtype = float64);
Array ones(const Shape& shape, DType dtype = float64);
// Filled with `value`; the dtype defaults to the scalar's kind (int64, float64, bool).
// An integer that does not fit the requested dtype throws OverflowError (NumPy 2).
Array full(const Shape& shape, const ArrayLike& value, std::optional<DType> dtype = {});
Array empty_like(const Array& a, std::optional<DType> dtype = {});
Array zeros_like(const Array& a, std::optional<DType> dtype = {});
Array ones_like(const Array& a, std::optional<DType> dtype = {});
Array full_like(const Array& a, const ArrayLike& value, std::optional<DType> dtype = {});

// N rows, M columns (default N), ones on the k-th diagonal.
Array eye(std::int64_t N, std::optional<std::int64_t> M = {}, std::int64_t k = 0,
          DType dtype = float64);
Array identity(std::int64_t n, DType dtype = float64);

namespace detail {
// One arange with the bounds held as doubles or int64s, by the result dtype's kind.
Array arange(double start, double stop, double step, DType dtype);
Array arange_int(std::int64_t start, std::int64_t stop, std::int64_t step, DType dtype);
Array linspace(double start, double stop, std::int64_t num, bool endpoint, DType dtype);
template <class... T>
constexpr DType arange_dtype() {
  return (std::is_floating_point_v<T> || ...) ? float64 : int64;
}
template <class A, class B, class C>
Array arange_any(A start, B stop, C step, std::optional<DType> dtype) {
  DType d = dtype.value_or(arange_dtype<A, B, C>());
  if constexpr ((std::is_floating_point_v<A> || std::is_floating_point_v<B> ||
                 std::is_floating_point_v<C>))
    return arange(double(start), double(stop), double(step), d);
  else
    return arange_int(std::int64_t(start), std::int64_t(stop), std::int64_t(step), d);
}
}  // namespace detail

// np.arange(stop) and np.arange(start, stop, step): int64 for integer bounds, float64 as
// soon as one bound is floating; the length is ceil((stop - start) / step).
template <Scalar T>
Array arange(T stop, std::optional<DType> dtype = {}) {
  return detail::arange_any(T(0), stop, T(1), dtype);
}
template <Scalar A, Scalar B, Scalar C = int>
Array arange(A start, B stop, C step = 1, std::optional<DType> dtype = {}) {
  return detail::arange_any(start, stop, step, dtype);
}

template <Scalar A, Scalar B>
Array linspace(A start, B stop, std::int64_t num = 50, bool endpoint = true,
               DType dtype = float64) {
  return detail::linspace(double(start), double(stop), num, endpoint, dtype);
}

// Lower / upper triangle of the last two axes (a 1-D input is treated as one row
// broadcast to a square, as NumPy does).
Array tril(const Array& m, std::int64_t k = 0);
Array triu(const Array& m, std::int64_t k = 0);

// --- array(...) from C++ data ------------------------------------------------------------

namespace detail {
template <class T>
Array from_flat(const std::vector<T>& flat, const Shape& shape, std::optional<DType> dtype);
// Appends a nested braced list (elements of type T at the innermost level) to `flat`,
// recording its shape on the first path down and throwing NumPy's "inhomogeneous shape"
// ValueError when a later list disagrees.
void check_list_length(std::size_t depth, std::size_t length, Shape& shape, bool first);
template <class T, class L>
void flatten_list(std::initializer_list<L> list, std::size_t depth, Shape& shape, bool& first,
                  std::vector<T>& flat) {
  check_list_length(depth, list.size(), shape, first);
  if constexpr (std::is_same_v<L, T>) {
    first = false;
    flat.insert(flat.end(), list.begin(), list.end());
  } else {
    for (auto inner : list) flatten_list(inner, depth + 1, shape, first, flat);
    if (list.size() == 0) first = false;
  }
}
template <class T, class List>
Array from_list(List list, std::optional<DType> dtype) {
  Shape shape;
  bool first = true;
  std::vector<T> flat;
  flatten_list(list, 0, shape, first, flat);
  return from_flat(flat, shape, dtype);
}
}  // namespace detail

template <Scalar T>
Array array(std::initializer_list<T> v, std::optional<DType> dtype = {}) {
  return detail::from_list<T>(v, dtype);
}
template <Scalar T>
Array array(std::initializer_list<std::initializer_list<T>> v, std::optional<DType> dtype = {}) {
  return detail::from_list<T>(v, dtype);
}
template <Scalar T>
Array array(std::initializer_list<std::initializer_list<std::initializer_list<T>>> v,
            std::optional<DType> dtype = {}) {
  return detail::from_list<T>(v, dtype);
}
template <Scalar T>
Array array(
    std::initializer_list<std::initializer_list<std::initializer_list<std::initializer_list<T>>>> v,
    std::optional<DType> dtype = {}) {
  return detail::from_list<T>(v, dtype);
}
// Mixed float literals ({1.0, NAN, INFINITY}: double and float) cannot deduce one T;
// as in Python, they are all floats. Elements convert through FloatLiteral, a
// user-defined conversion, so this overload never beats the templates above: it is
// chosen only when they cannot deduce, and never for nested lists.
struct FloatLiteral {
  double value;
  FloatLiteral(double v) : value(v) {}
};
inline Array array(std::initializer_list<FloatLiteral> v, std::optional<DType> dtype = {}) {
  std::vector<double> flat;
  for (FloatLiteral f : v) flat.push_back(f.value);
  return detail::from_flat(flat, Shape{static_cast<std::int64_t>(flat.size())}, dtype);
}
// From flat data in C order plus a shape (the data's size must match).
template <Scalar T>
Array array(const std::vector<T>& data, const Shape& shape, std::optional<DType> dtype = {}) {
  return detail::from_flat(data, shape, dtype);
}
template <Scalar T>
Array array(const std::vector<T>& data, std::optional<DType> dtype = {}) {
  return detail::from_flat(data, Shape{static_cast<std::int64_t>(data.size())}, dtype);
}
// np.array(a) copies; np.array(a, dtype) converts.
Array array(const Array& a, std::optional<DType> dtype = {});

// --- meshgrid ----------------------------------------------------------------------------

namespace detail {
std::vector<Array> meshgrid(const std::vector<Array>& xs, const std::string& indexing);
inline void collect_meshgrid_arg(const Array& a, std::vector<Array>& xs, std::string&) {
  xs.push_back(a);
}
inline void collect_meshgrid_arg(const char* s, std::vector<Array>&, std::string& indexing) {
  indexing = s;
}
}  // namespace detail

// nd::meshgrid(x, y) or nd::meshgrid(x, y, z, "ij"): coordinate matrices, "xy"
// (Cartesian, default) or "ij" (matrix) indexing; returns one array per input.
template <class... Args>
auto meshgrid(const Args&... args) {
  constexpr std::size_t n = (std::size_t(std::is_convertible_v<Args, Array>) + ...);
  std::vector<Array> xs;
  std::string indexing = "xy";
  (detail::collect_meshgrid_arg(args, xs, indexing), ...);
  std::vector<Array> grids = detail::meshgrid(xs, indexing);
  std::array<Array, n> out;
  for (std::size_t i = 0; i < n; ++i) out[i] = grids[i];
  return out;
}

}  // namespace nd
