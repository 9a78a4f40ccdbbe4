// Reductions: NumPy's sum, prod, mean, var, std, max/amax, min/amin, ptp, argmax,
// argmin, all, any, count_nonzero, average, cumsum and cumprod.
//
// `axis` is an int, a braced list, or omitted for all axes; `keepdims` keeps reduced
// axes as length 1. Results are arrays (0-d when everything is reduced). Dtypes follow
// NumPy: bool and integer sums and products are int64 (NumPy's uint64 for uint8 input
// is int64 here: ndgrad has no uint64; it holds the same bits), means of integers are
// float64, float32 stays float32. Float sums use NumPy's pairwise summation in NumPy's
// order, so sums, means, variances and averages agree with NumPy to the bit; results
// are laid out in the input's memory order, as NumPy lays them out. As NumPy's
// ufunc.reduce, sum, prod, max, min, all, any and count_nonzero accept axis 0 or -1 for
// a 0-d array.
#pragma once

#include <optional>

#include "ndgrad/core/array.h"
#include "ndgrad/core/axes.h"

namespace nd {

Array sum(const Array& a, const Axes& axis = {}, bool keepdims = false,
          std::optional<DType> dtype = {});
Array prod(const Array& a, const Axes& axis = {}, bool keepdims = false,
           std::optional<DType> dtype = {});
Array mean(const Array& a, const Axes& axis = {}, bool keepdims = false,
           std::optional<DType> dtype = {});
Array var(const Array& a, const Axes& axis = {}, bool keepdims = false, std::int64_t ddof = 0);
Array std(const Array& a, const Axes& axis = {}, bool keepdims = false, std::int64_t ddof = 0);
Array max(const Array& a, const Axes& axis = {}, bool keepdims = false);
Array min(const Array& a, const Axes& axis = {}, bool keepdims = false);
Array amax(const Array& a, const Axes& axis = {}, bool keepdims = false);
Array amin(const Array& a, const Axes& axis = {}, bool keepdims = false);
Array ptp(const Array& a, const Axes& axis = {}, bool keepdims = false);
Array all(const Array& a, const Axes& axis = {}, bool keepdims = false);
Array any(const Array& a, const Axes& axis = {}, bool keepdims = false);
Array count_nonzero(const Array& a, const Axes& axis = {}, bool keepdims = false);
// Index of the first maximum (minimum) along `axis`, or in the flattened array.
Array argmax(const Array& a, std::optional<std::int64_t> axis = {}, bool keepdims = false);
Array argmin(const Array& a, std::optional<std::int64_t> axis = {}, bool keepdims = false);
// Weighted mean: sum(a * w) / sum(w) along `axis` (w of a's shape, or 1-D along a single
// axis as NumPy allows). Weights that sum to zero throw ValueError (NumPy raises
// ZeroDivisionError, which ndgrad's error classes do not include).
Array average(const Array& a, const Axes& axis = {}, const std::optional<Array>& weights = {},
              bool keepdims = false);
// Running sum / product along `axis`, or over the flattened array.
Array cumsum(const Array& a, std::optional<std::int64_t> axis = {},
             std::optional<DType> dtype = {});
Array cumprod(const Array& a, std::optional<std::int64_t> axis = {},
              std::optional<DType> dtype = {});

}  // namespace nd
