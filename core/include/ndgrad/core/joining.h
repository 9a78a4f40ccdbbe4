// Joining and splitting arrays: NumPy's concatenate, stack, hstack, vstack, dstack,
// column_stack, split and array_split.
//
// The joins always copy into one new array (of the promoted dtype, or `dtype` checked
// with `casting`); the splits return views of the input, one per piece.
#pragma once

#include <cstdint>
#include <optional>
#include <type_traits>
#include <vector>

#include "ndgrad/core/array.h"

namespace nd {

// Joins along an existing axis; an omitted axis (nd::None) flattens every array first.
Array concatenate(const std::vector<Array>& arrays, std::optional<std::int64_t> axis = 0,
                  std::optional<DType> dtype = {}, Casting casting = Casting::SameKind);
// Joins same-shaped arrays along a new axis, at position `axis` of the result.
Array stack(const std::vector<Array>& arrays, std::int64_t axis = 0,
            std::optional<DType> dtype = {}, Casting casting = Casting::SameKind);
// Column-wise (axis 1, or 0 for 1-D arrays), row-wise (axis 0 of 2-D views) and depth-wise
// (axis 2 of 3-D views) joins.
Array hstack(const std::vector<Array>& arrays, std::optional<DType> dtype = {},
             Casting casting = Casting::SameKind);
Array vstack(const std::vector<Array>& arrays, std::optional<DType> dtype = {},
             Casting casting = Casting::SameKind);
Array dstack(const std::vector<Array>& arrays);
// 1-D arrays become the columns of a 2-D result; 2-D arrays are joined as they are.
Array column_stack(const std::vector<Array>& arrays);

namespace detail {
std::vector<Array> split_sections(const Array& a, std::int64_t sections, std::int64_t axis,
                                  bool equal_only);
}  // namespace detail

// nd::split(a, 2, 1): two equal pieces along axis 1 (ValueError "array split does not
// result in an equal division" otherwise). nd::split(a, {1, 3}, 1): the pieces a[:, :1],
// a[:, 1:3], a[:, 3:], with Python's slice rules for unsorted or out-of-range indices.
// The count is a template so that a braced list, even {2}, always means indices.
template <class Int>
requires(std::is_integral_v<Int> &&
         !std::is_same_v<Int, bool>) std::vector<Array> split(const Array& a, Int sections,
                                                              std::int64_t axis = 0) {
  return detail::split_sections(a, static_cast<std::int64_t>(sections), axis, true);
}
std::vector<Array> split(const Array& a, const std::vector<std::int64_t>& indices,
                         std::int64_t axis = 0);

// As split, but a section count that does not divide the axis gives the first
// `length % sections` pieces one element more.
template <class Int>
requires(std::is_integral_v<Int> &&
         !std::is_same_v<Int, bool>) std::vector<Array> array_split(const Array& a, Int sections,
                                                                    std::int64_t axis = 0) {
  return detail::split_sections(a, static_cast<std::int64_t>(sections), axis, false);
}
std::vector<Array> array_split(const Array& a, const std::vector<std::int64_t>& indices,
                               std::int64_t axis = 0);

}  // namespace nd
