// percentile, quantile, median, histogram and bincount against NumPy 1.24
// (tests/gen_statistics.py). Each line of the fixture tables names an input, a view of it
// and the arguments; the result must be bit-identical to NumPy's (the algorithms are
// NumPy's, step for step). Errors must carry NumPy's exception class and text.
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace {

using nd::None;
using nd::Slice;

const std::map<std::string, nd::Array>& fixtures(const std::string& file) {
  static std::map<std::string, std::map<std::string, nd::Array>> cache;
  auto it = cache.find(file);
  if (it == cache.end())
    it = cache.emplace(file, nd::load_npz(nd_test::fixture_path("statistics/" + file))).first;
  return it->second;
}

const nd::Array& expected(const std::string& key) {
  return fixtures("expected.npz").at(key);
}

// The lines of a tab-separated fixture table, split into fields.
std::vector<std::vector<std::string>> read_table(const std::string& file) {
  std::istringstream text(nd_test::read_text_file(nd_test::fixture_path("statistics/" + file)));
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(text, line);) {
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, '\t');) fields.push_back(cell);
    rows.push_back(fields);
  }
  return rows;
}

// "big", "big_w32" and "big_w64": the generator's formulas, too large to store.
nd::Array big_input(const std::string& name) {
  const std::int64_t n = 70001;
  std::vector<double> v(n);
  for (std::int64_t i = 0; i < n; ++i) {
    if (name == "big")
      v[i] = double((i * 7919) % 10007) / 1000.0;
    else if (name == "big_w32")
      v[i] = double(float(double(i % 17) + 0.1));
    else
      v[i] = (double(i % 17) + 0.1) / 3.0;
  }
  nd::Array a = nd::array(v);
  return name == "big_w32" ? a.astype(nd::float32) : a;
}

nd::Array input(const std::string& name) {
  if (name == "big" || name == "big_w32" || name == "big_w64") return big_input(name);
  return fixtures("inputs.npz").at(name);
}

nd::Array view(const nd::Array& a, const std::string& how) {
  if (how == "rev") return a.index({Slice(None, None, -1)});
  if (how == "T") return a.T();
  if (how == "step") return a.index({nd::Ellipsis, Slice(None, None, 2)});
  return a;
}

nd::Axes parse_axis(const std::string& text) {
  if (text == "None") return nd::Axes();
  std::vector<std::int64_t> axes;
  std::istringstream parts(text);
  for (std::string part; std::getline(parts, part, ',');) axes.push_back(std::stoll(part));
  if (text.find(',') == std::string::npos) return nd::Axes(axes[0]);
  return nd::Axes(nd::Shape(axes));
}

nd::ArrayLike parse_q(const std::string& text) {
  const std::string value = text.substr(2);
  if (text[0] == 'f') return std::stod(value);
  if (text[0] == 'i') return std::int64_t(std::stoll(value));
  return input(value);
}

// --- quantiles and medians ------------------------------------------------------------

TEST(Statistics, QuantilesMatchNumPy) {
  for (const auto& f : read_table("quantiles.txt")) {
    const std::string& func = f[1];
    SCOPED_TRACE(f[0] + ": " + func + " " + f[2] + " view=" + f[3] + " q=" + f[4] +
                 " axis=" + f[5] + " keepdims=" + f[6] + " method=" + f[7]);
    const nd::Array a = view(input(f[2]), f[3]);
    const nd::Axes axis = parse_axis(f[5]);
    const bool keepdims = f[6] == "1";
    nd::Array result;
    if (func == "median")
      result = nd::median(a, axis, keepdims);
    else if (func == "percentile")
      result = nd::percentile(a, parse_q(f[4]), axis, keepdims, f[7]);
    else
      result = nd::quantile(a, parse_q(f[4]), axis, keepdims, f[7]);
    EXPECT_TRUE(nd_test::arrays_identical(result, expected(f[0])));
  }
}

TEST(Statistics, ApiExamples) {
  // API.md: nd::percentile(nd::array({10, 15, 200, 12, 18, 500}), 95);   // 425.0
  nd::Array p = nd::percentile(nd::array({10, 15, 200, 12, 18, 500}), 95);
  EXPECT_EQ(p.ndim(), 0);
  EXPECT_EQ(p.dtype(), nd::float64);
  EXPECT_EQ(p.item<double>(), 425.0);
  nd::Array a = nd::arange(0, 24, 2).reshape({3, 4});
  EXPECT_EQ(nd::median(a).item<double>(), 11.0);
  EXPECT_TRUE(nd_test::arrays_identical(nd::median(a, 1), nd::array({3.0, 11.0, 19.0})));
  EXPECT_TRUE(nd_test::arrays_identical(nd::quantile(a, 0.5, 0, true),
                                        nd::array({{8.0, 10.0, 12.0, 14.0}})));
  // An integer q in quantile picks an element and keeps the dtype, as in NumPy.
  EXPECT_TRUE(nd_test::arrays_identical(nd::quantile(a, 1), nd::full({}, 22)));
}

TEST(Statistics, ManyLanesInParallel) {
  // 2000 rows, each a permutation of 0..100 (37 is coprime with 101): every row's
  // median is 50, its 25th percentile 25 and its 10th "lower" percentile 10. Large
  // enough for for_each_lane to spread the rows across threads.
  const std::int64_t rows = 2000, n = 101;
  nd::Array k = nd::arange(n).reshape({1, n}), r = nd::arange(rows).reshape({rows, 1});
  nd::Array data = nd::mod(nd::add(nd::multiply(k, 37), r), n).astype(nd::float32);
  EXPECT_TRUE(nd_test::arrays_identical(nd::median(data, 1), nd::full({rows}, 50.0f, nd::float32)));
  EXPECT_TRUE(nd_test::arrays_identical(nd::percentile(data, 25, -1), nd::full({rows}, 25.0)));
  nd::Array lower = nd::percentile(data.T(), nd::array({10, 90}), 0, true, "lower");
  nd::Array expected_lower = nd::full({2, 1, rows}, 10.0f, nd::float32);
  expected_lower.index_put({1}, 90.0f);
  EXPECT_TRUE(nd_test::arrays_identical(lower, expected_lower));
}

// --- histograms and bincount ------------------------------------------------------------

TEST(Statistics, HistogramsMatchNumPy) {
  for (const auto& f : read_table("histograms.txt")) {
    SCOPED_TRACE(f[0] + ": " + f[1] + " view=" + f[2] + " bins=" + f[3] + " range=" + f[4] +
                 " density=" + f[5] + " weights=" + f[6]);
    const nd::Array a = view(input(f[1]), f[2]);
    std::optional<std::pair<double, double>> range;
    if (f[4] != "None") {
      const std::size_t comma = f[4].find(',');
      range = {std::stod(f[4].substr(0, comma)), std::stod(f[4].substr(comma + 1))};
    }
    const bool density = f[5] == "1";
    std::optional<nd::Array> weights;
    if (f[6] != "None") weights = input(f[6]);
    const auto [hist, bin_edges] =
        f[3][0] == 'n' ? nd::histogram(a, std::stoll(f[3].substr(2)), range, density, weights)
                       : nd::histogram(a, input(f[3].substr(2)), range, density, weights);
    EXPECT_TRUE(nd_test::arrays_identical(hist, expected(f[0] + "_hist")));
    EXPECT_TRUE(nd_test::arrays_identical(bin_edges, expected(f[0] + "_edges")));
  }
}

TEST(Statistics, HistogramDefaultsAndZeroDimensionalBins) {
  nd::Array x = nd::array({0.0, 1.0, 2.0, 3.0, 10.0});
  auto [hist, edges] = nd::histogram(x);
  EXPECT_TRUE(nd_test::arrays_identical(hist, nd::array({1, 1, 1, 1, 0, 0, 0, 0, 0, 1})));
  EXPECT_TRUE(nd_test::arrays_identical(edges, nd::linspace(0, 10, 11)));
  // np.histogram(x, bins=np.array(2)) counts as bins=2.
  auto [h2, e2] = nd::histogram(x, nd::full({}, 2));
  EXPECT_TRUE(nd_test::arrays_identical(h2, nd::array({4, 1})));
  EXPECT_TRUE(nd_test::arrays_identical(e2, nd::array({0.0, 5.0, 10.0})));
  // No edges at all: no bins (NumPy returns an empty int64 / float64 histogram).
  auto [h0, e0] = nd::histogram(x, nd::zeros({0}));
  EXPECT_TRUE(nd_test::arrays_identical(h0, nd::zeros({0}, nd::int64)));
  EXPECT_TRUE(nd_test::arrays_identical(e0, nd::zeros({0})));
  auto [hd, ed] = nd::histogram(x, nd::zeros({0}), {}, true);
  EXPECT_TRUE(nd_test::arrays_identical(hd, nd::zeros({0})));
}

TEST(Statistics, BincountMatchesNumPy) {
  for (const auto& f : read_table("bincounts.txt")) {
    SCOPED_TRACE(f[0] + ": " + f[1] + " weights=" + f[2] + " minlength=" + f[3]);
    std::optional<nd::Array> weights;
    if (f[2] != "None") weights = input(f[2]);
    nd::Array result = nd::bincount(input(f[1]), weights, std::stoll(f[3]));
    EXPECT_TRUE(nd_test::arrays_identical(result, expected(f[0])));
  }
  // A strided view is read through its strides.
  nd::Array x = nd::array({0, 5, 0, 1, 0, 1, 0, 5});
  EXPECT_TRUE(nd_test::arrays_identical(nd::bincount(x.index({Slice(None, None, -2)})),
                                        nd::array({0, 2, 0, 0, 0, 2})));
}

// --- errors -----------------------------------------------------------------------------

// Each generator error case as C++, under the same id.
std::map<std::string, std::function<void()>> error_cases() {
  const nd::Array x = nd::array({1.0, 2.0, 3.0}), xi = nd::array({1, 2, 3});
  const nd::Array m = nd::arange(6.0).reshape({2, 3});
  const nd::Array b = nd::array({true, false, true});
  const nd::Array empty_f = nd::zeros({0}), empty_rows_f = nd::zeros({0, 0});
  const nd::Array empty_i = nd::zeros({0}, nd::int64), empty_rows_i = nd::zeros({0, 0}, nd::int64);
  const double nan = std::nan(""), inf = INFINITY;
  return {
      {"pct_above", [=] { nd::percentile(x, 100.5); }},
      {"pct_below",
       [=] {
         nd::percentile(x, nd::array({10, -1}));
       }},
      {"pct_nan", [=] { nd::percentile(x, nan); }},
      {"q_above", [=] { nd::quantile(x, 1.5); }},
      {"q_grid_bad",
       [=] {
         nd::quantile(x, nd::array({{0.5, 2.0}}));
       }},
      {"q_3d",
       [=] {
         nd::quantile(x, nd::full({1, 1, 1}, 0.5));
       }},
      {"method_bad", [=] { nd::percentile(x, 50, {}, false, "foo"); }},
      {"axis_bad", [=] { nd::percentile(m, 50, 2); }},
      {"axis_neg_bad", [=] { nd::quantile(m, 0.5, -3); }},
      {"axis_repeat",
       [=] {
         nd::percentile(m, 50, {1, -1});
       }},
      {"median_axis_bad", [=] { nd::median(m, 5); }},
      {"median_axis_repeat",
       [=] {
         nd::median(m, {0, 0});
       }},
      {"median_0d_axis", [] { nd::median(nd::full({}, 5.0), 0); }},
      {"bool_linear", [=] { nd::percentile(b, 50); }},
      {"bool_hazen", [=] { nd::quantile(b, nd::array({0.5}), {}, false, "hazen"); }},
      {"weibull_q1", [=] { nd::quantile(xi, 1, {}, false, "weibull"); }},
      {"empty_float_linear", [=] { nd::percentile(empty_f, 50); }},
      {"empty_float_lower", [=] { nd::percentile(empty_f, 50, {}, false, "lower"); }},
      {"empty_float_rows", [=] { nd::percentile(empty_rows_f, 50, 1); }},
      {"empty_int_linear", [=] { nd::percentile(empty_i, 50); }},
      {"empty_int_rows_lower", [=] { nd::quantile(empty_rows_i, 0.5, 1, false, "lower"); }},
      {"empty_int_rows_linear", [=] { nd::quantile(empty_rows_i, 0.5, 1); }},
      {"empty_int_rows_q1", [=] { nd::quantile(empty_rows_i, 1, 1); }},
      {"empty_float_cols",
       [] {
         nd::quantile(nd::zeros({2, 0}), nd::array({0.5}), 1);
       }},
      {"hist_bins_zero", [=] { nd::histogram(x, 0); }},
      {"hist_bins_negative", [=] { nd::histogram(x, -2); }},
      {"hist_bins_float0d", [=] { nd::histogram(x, nd::full({}, 2.0)); }},
      {"hist_bins_2d",
       [=] {
         nd::histogram(x, nd::array({{1.0, 2.0}}));
       }},
      {"hist_bins_decreasing",
       [=] {
         nd::histogram(x, nd::array({0.0, 2.0, 1.0}));
       }},
      {"hist_range_reversed",
       [=] {
         nd::histogram(x, 10, std::pair{2.0, 1.0});
       }},
      {"hist_range_inf",
       [=] {
         nd::histogram(x, 10, std::pair{0.0, inf});
       }},
      {"hist_range_nan",
       [=] {
         nd::histogram(x, 10, std::pair{nan, 1.0});
       }},
      {"hist_auto_nan",
       [=] {
         nd::histogram(nd::array({1.0, nan}));
       }},
      {"hist_auto_inf",
       [=] {
         nd::histogram(nd::array({1.0, inf}, nd::float32));
       }},
      {"hist_auto_neginf",
       [=] {
         nd::histogram(nd::array({-inf, 2.5}));
       }},
      {"hist_weights_shape", [=] { nd::histogram(x, 10, {}, false, nd::ones({4})); }},
      {"hist_bool_weights_edges",
       [=] {
         nd::histogram(x, nd::array({0.0, 2.0, 4.0}), {}, false, b);
       }},
      {"bincount_2d",
       [] {
         nd::bincount(nd::zeros({2, 2}, nd::int64));
       }},
      {"bincount_0d", [] { nd::bincount(nd::full({}, 3)); }},
      {"bincount_float",
       [] {
         nd::bincount(nd::array({1.0, 2.0}));
       }},
      {"bincount_float32", [] { nd::bincount(nd::array({1.0}, nd::float32)); }},
      {"bincount_negative",
       [] {
         nd::bincount(nd::array({1, -1, 2}));
       }},
      {"bincount_minlength", [=] { nd::bincount(xi, {}, -1); }},
      {"bincount_weights_len", [=] { nd::bincount(xi, nd::ones({2})); }},
      {"bincount_weights_2d",
       [=] {
         nd::bincount(xi, nd::ones({1, 3}));
       }},
  };
}

// True when `e` is exactly NumPy's class `name` (AxisError is also a ValueError and an
// IndexError, so those two must not be an AxisError).
bool has_class(const nd::Error& e, const std::string& name) {
  const bool axis_error = dynamic_cast<const nd::AxisError*>(&e) != nullptr;
  if (name == "AxisError") return axis_error;
  if (name == "ValueError") return dynamic_cast<const nd::ValueError*>(&e) && !axis_error;
  if (name == "IndexError") return dynamic_cast<const nd::IndexError*>(&e) && !axis_error;
  if (name == "TypeError") return dynamic_cast<const nd::TypeError*>(&e) != nullptr;
  return false;
}

TEST(Statistics, ErrorsMatchNumPy) {
  const auto cases = error_cases();
  const auto rows = read_table("errors.txt");
  EXPECT_EQ(rows.size(), cases.size());
  for (const auto& f : rows) {
    SCOPED_TRACE(f[0]);
    auto it = cases.find(f[0]);
    ASSERT_NE(it, cases.end()) << "no C++ case for " << f[0];
    try {
      it->second();
      ADD_FAILURE() << "did not throw; NumPy raises " << f[1] << ": " << f[2];
    } catch (const nd::Error& e) {
      EXPECT_TRUE(has_class(e, f[1])) << "NumPy raises " << f[1] << "; message: " << e.what();
      EXPECT_EQ(std::string(e.what()), f[2]);
    }
  }
}

}  // namespace
