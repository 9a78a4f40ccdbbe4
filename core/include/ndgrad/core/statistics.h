// Order statistics and counting: NumPy's percentile, quantile, median, histogram and
// bincount.
//
// percentile/quantile/median work lane by lane along the reduced axes (NumPy's
// partition, here std::nth_element on a scratch copy of each lane) and reproduce NumPy
// 1.24's arithmetic to the bit: the same virtual indices, the same interpolation
// weights, the same two-sided linear interpolation. A lane that contains NaN gives NaN.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "ndgrad/core/array.h"
#include "ndgrad/core/array_like.h"
#include "ndgrad/core/axes.h"

namespace nd {

// The q-th percentiles of `a` along `axis` (all axes when omitted); q in [0, 100], a
// scalar or an array of up to two dimensions whose shape comes first in the result.
// `method` is one of NumPy's: "inverted_cdf", "averaged_inverted_cdf",
// "closest_observation", "interpolated_inverted_cdf", "hazen", "weibull", "linear"
// (default), "median_unbiased", "normal_unbiased", "lower", "higher", "midpoint",
// "nearest". Interpolating methods give float64; the methods that pick one element
// ("lower", "higher", "nearest", "inverted_cdf", "closest_observation") keep a's dtype.
Array percentile(const Array& a, const ArrayLike& q, const Axes& axis = {}, bool keepdims = false,
                 const std::string& method = "linear");
// The same with q in [0, 1]. As in NumPy, an integer q (0 or 1) makes "linear",
// "weibull", "averaged_inverted_cdf" and "interpolated_inverted_cdf" pick one element
// too, keeping a's dtype.
Array quantile(const Array& a, const ArrayLike& q, const Axes& axis = {}, bool keepdims = false,
               const std::string& method = "linear");
// The middle value (the mean of the two middle values for an even count) along `axis`;
// float64 for bool and integer input, float32 stays float32, NaN for an empty lane.
Array median(const Array& a, const Axes& axis = {}, bool keepdims = false);

// np.histogram's two results.
struct HistogramResult {
  Array hist;       // int64 counts, or sums of the weights (in the weights' dtype)
  Array bin_edges;  // length hist.size() + 1
};

// `bins` equal-width bins spanning `range` (default: a's minimum and maximum); each bin
// is half open [left, right) except the last, which includes its right edge. Values
// outside the range are not counted. With `density` the result is float64 and
// integrates to 1 over the range. `weights` has a's shape.
HistogramResult histogram(const Array& a, std::int64_t bins = 10,
                          const std::optional<std::pair<double, double>>& range = {},
                          bool density = false, const std::optional<Array>& weights = {});
// The same with explicit, monotonically increasing bin edges (`range` is then unused,
// as in NumPy). A 0-d integer `bins` counts as a number of bins.
HistogramResult histogram(const Array& a, const Array& bins,
                          const std::optional<std::pair<double, double>>& range = {},
                          bool density = false, const std::optional<Array>& weights = {});

// Occurrences of each value 0, 1, ..., max(x) in the non-negative integer 1-D array x
// (int64), or the sums of `weights` (float64) per value; at least `minlength` long.
Array bincount(const Array& x, const std::optional<Array>& weights = {},
               std::int64_t minlength = 0);

}  // namespace nd
