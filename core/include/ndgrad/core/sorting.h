// Sorting and searching: NumPy's sort, argsort, partition, argpartition, lexsort, unique,
// isin, searchsorted, nonzero, flatnonzero and argwhere (count_nonzero is in reductions).
//
// Every function orders values as NumPy does: NaN after +inf (all NaNs alike), -0.0 equal
// to 0.0, false before true. Sorts are stable (NumPy's kind='stable'): equal values keep
// their order, so argsort and lexsort return exactly NumPy's stable indices. `axis` is an
// int (negative counts from the end) or nd::None for the flattened array. Indices are
// int64.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ndgrad/core/array.h"
#include "ndgrad/core/array_like.h"

namespace nd {

// A sorted copy of `a` along `axis` (np.sort; kind and order are not offered: the sort is
// always stable). A 0-d array needs axis=None.
Array sort(const Array& a, std::optional<std::int64_t> axis = -1);
// The indices that sort `a` along `axis`, stable (np.argsort(a, axis, kind='stable')). A 0-d
// array is treated as 1-d, as NumPy does.
Array argsort(const Array& a, std::optional<std::int64_t> axis = -1);

// A copy of `a` in which element kth (of each lane along `axis`) is the one sorting would
// put there, smaller-or-equal elements before it and greater-or-equal ones after (np.partition).
// With several kth, each of them is in place. The order within the two sides is
// unspecified, as in NumPy. kth out of range throws ValueError "kth(=5) out of bounds (5)".
Array partition(const Array& a, std::int64_t kth, std::optional<std::int64_t> axis = -1);
Array partition(const Array& a, const std::vector<std::int64_t>& kth,
                std::optional<std::int64_t> axis = -1);
// The indices that would partition `a` (np.argpartition).
Array argpartition(const Array& a, std::int64_t kth, std::optional<std::int64_t> axis = -1);
Array argpartition(const Array& a, const std::vector<std::int64_t>& kth,
                   std::optional<std::int64_t> axis = -1);

// Indirect stable sort on several keys (np.lexsort): the last key is the primary one, earlier
// keys break its ties. All keys have one shape; the result has that shape.
Array lexsort(const std::vector<Array>& keys, std::int64_t axis = -1);

// np.unique's results; the fields that were not requested are left empty.
struct UniqueResult {
  Array values;   // the sorted unique values (rows along `axis` when one is given)
  Array indices;  // where each first occurs in the input (flattened, or along `axis`)
  Array inverse;  // for each input element (or row), its position in `values`: 1-D, as NumPy 1.24
  Array counts;   // how often each occurs
};
// The sorted unique elements of `a` (flattened), or its unique subarrays along `axis`. NaNs
// count as one value in the flattened form (NumPy's equal_nan=True); rows holding NaN are
// all distinct in the axis form, as in NumPy.
UniqueResult unique(const Array& a, bool return_index = false, bool return_inverse = false,
                    bool return_counts = false, std::optional<std::int64_t> axis = {});

// For each element, whether it occurs in test_elements (np.isin); a bool array of
// element's shape. Values compare after promotion to a common dtype; NaN matches nothing.
// assume_unique only lets NumPy pick a faster algorithm; the result is the same here.
Array isin(const ArrayLike& element, const ArrayLike& test_elements, bool assume_unique = false,
           bool invert = false);

// Where the values v would be inserted into the sorted 1-D array `a` to keep it sorted
// (np.searchsorted): the first suitable index for side "left", the last for "right".
// `sorter` holds indices that sort `a` (from argsort). The result has v's shape.
Array searchsorted(const Array& a, const ArrayLike& v, const std::string& side = "left",
                   const std::optional<Array>& sorter = {});

// The indices of the nonzero elements, one int64 array per dimension, in C order
// (np.nonzero). A 0-d array is treated as 1-d, as NumPy 1.24 does (with a
// DeprecationWarning, which is written once to stderr).
std::vector<Array> nonzero(const Array& a);
// Indices of the nonzero elements of the flattened array.
Array flatnonzero(const Array& a);
// The nonzero elements' indices as rows of an (N, a.ndim()) array.
Array argwhere(const Array& a);

}  // namespace nd
