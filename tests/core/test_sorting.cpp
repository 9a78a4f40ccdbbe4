// Sorting and searching against NumPy (tests/gen_sorting.py): sort, argsort, unique,
// nonzero/flatnonzero/argwhere, isin, searchsorted and lexsort on every dtype, on
// contiguous, transposed, strided and reversed views, empty and 0-d arrays, with NaN,
// +-inf and +-0. Sorts are stable, so results are compared bit for bit with NumPy's
// kind='stable'. partition/argpartition have no unique answer: their defining property is
// checked against NumPy's sorted lanes instead. Every error text is NumPy's.
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <sstream>

#include "support/test_support.h"

namespace {

using nd::None;
using nd::Slice;
using nd_test::arrays_identical;

const std::map<std::string, nd::Array>& fixtures() {
  static const std::map<std::string, nd::Array> z =
      nd::load_npz(nd_test::fixture_path("sorting/values.npz"));
  return z;
}

const nd::Array& fx(const std::string& key) {
  auto it = fixtures().find(key);
  if (it == fixtures().end()) throw std::runtime_error("missing fixture " + key);
  return it->second;
}

const std::vector<std::string> kDTypes = {"bool", "uint8", "int32", "int64", "float32", "float64"};

// One input view, named as the generator names it ("m_int32.T").
struct Case {
  std::string name, dtype;
  nd::Array x;
};

// The generator's `views`: non-contiguous and reversed views for two dtypes.
std::vector<std::pair<std::string, nd::Array>> views(const std::string& kind,
                                                     const std::string& dtype, const nd::Array& x) {
  if (dtype != "int32" && dtype != "float64") return {{"id", x}};
  if (kind == "v") return {{"id", x}, {"rev", x.index({Slice(None, None, -3)})}};
  if (kind == "m")
    return {{"id", x}, {"T", x.T()}, {"sub", x.index({Slice(None, None, -2), Slice(1, None, 2)})}};
  if (kind == "t") return {{"id", x}, {"perm", x.transpose({1, 2, 0})}};
  return {{"id", x}};
}

const std::vector<Case>& cases() {
  static const std::vector<Case> all = [] {
    std::vector<Case> out;
    for (const std::string& dtype : kDTypes)
      for (const std::string kind : {"v", "m", "t", "w", "e", "s"}) {
        const std::string key = kind + "_" + dtype;
        if (!fixtures().count("in." + key)) continue;
        for (const auto& [view, x] : views(kind, dtype, fx("in." + key)))
          out.push_back({key + "." + view, dtype, x});
      }
    return out;
  }();
  return all;
}

// The ISIN_TESTS sets of the generator.
std::vector<nd::Array> isin_tests(const nd::Array& x) {
  return {x.ravel().index({Slice(None, None, 3)}),
          nd::array({0.5, 1.0, -0.0, double(NAN), 3.0, -2.0, double(INFINITY)}),
          nd::array({257, 2, -1, 0, 1, -3})};
}

// NumPy's order: NaN after everything.
template <class T>
bool sorts_before(T a, T b) {
  if constexpr (std::is_floating_point_v<T>)
    return a < b || (b != b && a == a);
  else
    return a < b;
}
template <class T>
bool same_value(T a, T b) {
  return !sorts_before(a, b) && !sorts_before(b, a);
}

// Equal values (NaN equal to NaN, -0.0 to 0.0), for results whose order of equal elements
// NumPy leaves open.
::testing::AssertionResult same_values(const nd::Array& actual, const nd::Array& expected) {
  if (actual.dtype() != expected.dtype() || !(actual.shape() == expected.shape()))
    return ::testing::AssertionFailure() << "dtype/shape differ: " << actual << " vs " << expected;
  const nd::Array a = nd::ascontiguousarray(actual), e = nd::ascontiguousarray(expected);
  return nd::dispatch(a.dtype(), [&](auto tag) -> ::testing::AssertionResult {
    using T = typename decltype(tag)::type;
    for (std::int64_t i = 0; i < a.size(); ++i)
      if (!same_value(a.data<T>()[i], e.data<T>()[i]))
        return ::testing::AssertionFailure() << "element " << i << " differs";
    return ::testing::AssertionSuccess();
  });
}

// The lanes of `a` along `axis` as the rows of a C-contiguous (lanes, n) array.
nd::Array lanes_of(const nd::Array& a, std::int64_t axis) {
  const nd::Array moved = nd::ascontiguousarray(nd::moveaxis(a, axis, -1));
  return moved.reshape({-1, a.shape()[nd::normalize_axis(axis, a.ndim())]});
}

// --- sort and argsort -------------------------------------------------------------------

TEST(Sorting, SortMatchesNumPy) {
  // 6 dtypes x 5 inputs, the 3-D input and 4 extra views for int32 and float64.
  ASSERT_EQ(cases().size(), 40u);
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    EXPECT_TRUE(arrays_identical(nd::sort(c.x, None), fx(c.name + ".sort.None")));
    for (std::int64_t k = 0; k < c.x.ndim(); ++k) {
      const nd::Array expected = fx(c.name + ".sort.axes").index({k});
      EXPECT_TRUE(arrays_identical(nd::sort(c.x, k), expected)) << "axis " << k;
      EXPECT_TRUE(arrays_identical(nd::sort(c.x, k - c.x.ndim()), expected)) << "axis " << k;
    }
  }
}

TEST(Sorting, ArgsortMatchesNumPyStable) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    EXPECT_TRUE(arrays_identical(nd::argsort(c.x, None), fx(c.name + ".argsort.None")));
    for (std::int64_t k = 0; k < c.x.ndim(); ++k) {
      const nd::Array expected = fx(c.name + ".argsort.axes").index({k});
      EXPECT_TRUE(arrays_identical(nd::argsort(c.x, k), expected)) << "axis " << k;
      EXPECT_TRUE(arrays_identical(nd::argsort(c.x, k - c.x.ndim()), expected)) << "axis " << k;
    }
  }
  // A 0-d array sorts as a 1-element 1-d one along axis -1 or 0 (NumPy).
  EXPECT_TRUE(arrays_identical(nd::argsort(nd::full({}, 7)), nd::array({std::int64_t{0}})));
  EXPECT_TRUE(arrays_identical(nd::argsort(nd::full({}, 7), 0), nd::array({std::int64_t{0}})));
}

TEST(Sorting, SortKeepsTheInputLayoutLikeNumPy) {
  // np.sort copies with order='K' and then sorts in place: a transposed input gives a
  // transposed (F-ordered) result; argsort's output is always C-ordered.
  const nd::Array m = nd::arange(12).reshape({3, 4});
  EXPECT_TRUE(nd::sort(m.T(), 0).is_f_contiguous());
  EXPECT_TRUE(nd::argsort(m.T(), 0).is_c_contiguous());
}

// Large lanes (several radix passes, lanes spread across threads): sorted by NumPy's
// order, equal values keep their input order, and sort agrees with argsort.
TEST(Sorting, LargeArgsortIsSortedAndStable) {
  std::mt19937 generator(3);
  std::normal_distribution<double> normal;
  std::vector<double> samples(200000);
  for (double& v : samples) v = normal(generator);
  const nd::Array noise = nd::array(samples);
  std::vector<nd::Array> inputs = {
      nd::floor(noise * 3).astype(nd::float32),  // many ties
      nd::floor(noise * 1e6).astype(nd::int64),
      (noise * 40).astype(nd::uint8),
      nd::greater(noise, 0.3),
      nd::where(nd::greater(noise, 2.0), double(NAN), nd::floor(noise * 5)).reshape({50, 4000}),
  };
  for (const nd::Array& x : inputs) {
    SCOPED_TRACE(nd::name(x.dtype()));
    const nd::Array order = lanes_of(nd::argsort(x, -1), -1), values = lanes_of(x, -1);
    const nd::Array sorted = lanes_of(nd::sort(x, -1), -1);
    nd::dispatch(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const std::int64_t lanes = order.shape()[0], n = order.shape()[1];
      for (std::int64_t l = 0; l < lanes; ++l) {
        const std::int64_t* idx = order.data<std::int64_t>() + l * n;
        const T* v = values.data<T>() + l * n;
        const T* s = sorted.data<T>() + l * n;
        for (std::int64_t i = 0; i < n; ++i) {
          ASSERT_TRUE(std::memcmp(&s[i], &v[idx[i]], sizeof(T)) == 0)
              << "lane " << l << " at " << i;
          if (i == 0) continue;
          const T prev = v[idx[i - 1]], cur = v[idx[i]];
          ASSERT_FALSE(sorts_before(cur, prev)) << "lane " << l << " at " << i;
          if (same_value(prev, cur)) {
            ASSERT_LT(idx[i - 1], idx[i]) << "unstable at " << i;
          }
        }
      }
    });
  }
}

// --- partition and argpartition ------------------------------------------------------------

// Checks that `lane_values` (n elements in the partitioned order) has, at every kth,
// NumPy's sorted value there, nothing greater before it and nothing smaller after it.
template <class T>
::testing::AssertionResult partitioned(const T* lane_values, const T* sorted, std::int64_t n,
                                       const std::vector<std::int64_t>& kth) {
  for (std::int64_t k : kth) {
    if (k < 0) k += n;
    if (!same_value(lane_values[k], sorted[k]))
      return ::testing::AssertionFailure() << "wrong element at kth " << k;
    for (std::int64_t i = 0; i < n; ++i)
      if (i < k ? sorts_before(lane_values[k], lane_values[i])
                : i > k && sorts_before(lane_values[i], lane_values[k]))
        return ::testing::AssertionFailure() << "element " << i << " on the wrong side of " << k;
  }
  return ::testing::AssertionSuccess();
}

std::vector<std::vector<std::int64_t>> kth_lists(std::int64_t n) {
  return {{0}, {n - 1}, {n / 2}, {-1}, {-n}, {n / 3, n - 2, n / 3}, {n - 1, 0, n / 2}};
}

TEST(Sorting, PartitionHasThePartitionProperty) {
  for (const Case& c : cases()) {
    if (c.x.ndim() == 0 || c.x.size() == 0) continue;
    SCOPED_TRACE(c.name);
    for (std::int64_t axis = 0; axis < c.x.ndim(); ++axis) {
      const nd::Array sorted = lanes_of(fx(c.name + ".sort.axes").index({axis}), axis);
      const std::int64_t n = sorted.shape()[1];
      for (const auto& kth : kth_lists(n)) {
        const nd::Array p = nd::partition(c.x, kth, axis);
        ASSERT_EQ(p.dtype(), c.x.dtype());
        ASSERT_TRUE(p.shape() == c.x.shape());
        // The same values, only moved within their lane.
        EXPECT_TRUE(same_values(nd::sort(p, axis), fx(c.name + ".sort.axes").index({axis})));
        const nd::Array lanes = lanes_of(p, axis);
        nd::dispatch(c.x.dtype(), [&](auto tag) {
          using T = typename decltype(tag)::type;
          for (std::int64_t l = 0; l < lanes.shape()[0]; ++l)
            EXPECT_TRUE(partitioned(lanes.data<T>() + l * n, sorted.data<T>() + l * n, n, kth))
                << "axis " << axis << " kth[0] " << kth[0] << " lane " << l;
        });
      }
    }
    // axis=None partitions the flattened array; a single kth works like a list of one.
    const nd::Array flat = nd::partition(c.x, c.x.size() / 2, None);
    nd::dispatch(c.x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const nd::Array sorted = fx(c.name + ".sort.None");
      EXPECT_TRUE(partitioned(flat.data<T>(), sorted.data<T>(), c.x.size(), {c.x.size() / 2}));
    });
  }
}

TEST(Sorting, ArgpartitionHasThePartitionProperty) {
  for (const Case& c : cases()) {
    if (c.x.ndim() == 0 || c.x.size() == 0) continue;
    SCOPED_TRACE(c.name);
    for (std::int64_t axis = 0; axis < c.x.ndim(); ++axis) {
      const nd::Array sorted = lanes_of(fx(c.name + ".sort.axes").index({axis}), axis);
      const nd::Array values = lanes_of(c.x, axis);
      const std::int64_t n = sorted.shape()[1];
      for (const auto& kth : kth_lists(n)) {
        const nd::Array idx = nd::argpartition(c.x, kth, axis - c.x.ndim());
        ASSERT_EQ(idx.dtype(), nd::int64);
        ASSERT_TRUE(idx.shape() == c.x.shape());
        const nd::Array lanes = lanes_of(idx, axis);
        nd::dispatch(c.x.dtype(), [&](auto tag) {
          using T = typename decltype(tag)::type;
          for (std::int64_t l = 0; l < lanes.shape()[0]; ++l) {
            const std::int64_t* order = lanes.data<std::int64_t>() + l * n;
            std::vector<std::int64_t> seen(order, order + n);
            std::sort(seen.begin(), seen.end());
            std::vector<std::int64_t> all(n);
            std::iota(all.begin(), all.end(), 0);
            ASSERT_EQ(seen, all) << "not a permutation, lane " << l;
            std::unique_ptr<T[]> picked(new T[n]);  // not vector<T>: vector<bool> has no data()
            for (std::int64_t i = 0; i < n; ++i) picked[i] = values.data<T>()[l * n + order[i]];
            EXPECT_TRUE(partitioned(picked.get(), sorted.data<T>() + l * n, n, kth))
                << "axis " << axis << " kth[0] " << kth[0] << " lane " << l;
          }
        });
      }
    }
  }
  // A 0-d array is partitioned as a 1-element 1-d one (NumPy).
  EXPECT_TRUE(arrays_identical(nd::argpartition(nd::full({}, 7), 0), nd::array({std::int64_t{0}})));
  EXPECT_TRUE(arrays_identical(nd::partition(nd::full({}, 7), 0, None), nd::array({7})));
}

TEST(Sorting, PartitionEdgeCases) {
  // An empty kth list leaves the order alone; empty arrays accept any kth.
  EXPECT_TRUE(arrays_identical(nd::partition(nd::array({3, 1, 2}), std::vector<std::int64_t>{}),
                               fx("special.partition_no_kth")));
  EXPECT_TRUE(arrays_identical(nd::argpartition(nd::array({3, 1, 2}), std::vector<std::int64_t>{}),
                               fx("special.argpartition_no_kth")));
  EXPECT_EQ(nd::partition(nd::zeros({2, 0}), 3).shape(), nd::Shape({2, 0}));
  EXPECT_EQ(nd::argpartition(nd::zeros({0}), -7).shape(), nd::Shape({0}));
}

// --- unique ----------------------------------------------------------------------------------

// Compares one unique() result with the generator's values and its packed
// index/inverse/counts.
void expect_unique(const nd::UniqueResult& r, const std::string& prefix) {
  const nd::Array& values = fx(prefix + ".values");
  const nd::Array& rest = fx(prefix + ".rest");
  const std::int64_t u = r.indices.size(), n = r.inverse.size();
  EXPECT_TRUE(arrays_identical(r.values, values));
  EXPECT_TRUE(arrays_identical(r.indices, rest.index({Slice(0, u)})));
  EXPECT_TRUE(arrays_identical(r.inverse, rest.index({Slice(u, u + n)})));
  EXPECT_TRUE(arrays_identical(r.counts, rest.index({Slice(u + n, None)})));
}

TEST(Sorting, UniqueMatchesNumPy) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    expect_unique(nd::unique(c.x, true, true, true), c.name + ".unique");
    // Without indices the values come from a plain sort; NumPy's stable choice of
    // representative (the first -0.0 or 0.0, the first NaN) is kept.
    const nd::UniqueResult plain = nd::unique(c.x);
    EXPECT_TRUE(arrays_identical(plain.values, fx(c.name + ".unique.values")));
    EXPECT_EQ(plain.indices.size(), 0);
    EXPECT_EQ(plain.inverse.size(), 0);
    EXPECT_EQ(plain.counts.size(), 0);
    EXPECT_TRUE(arrays_identical(nd::unique(c.x, false, false, true).counts,
                                 nd::unique(c.x, true, true, true).counts));
    for (std::int64_t k = 0; k < c.x.ndim(); ++k) {
      SCOPED_TRACE("axis " + std::to_string(k));
      const std::string prefix = c.name + ".unique" + std::to_string(k);
      expect_unique(nd::unique(c.x, true, true, true, k), prefix);
      expect_unique(nd::unique(c.x, true, true, true, k - c.x.ndim()), prefix);
      EXPECT_TRUE(
          arrays_identical(nd::unique(c.x, false, false, false, k).values, fx(prefix + ".values")));
    }
  }
}

TEST(Sorting, UniqueEdgeCases) {
  // Rows of no elements are all equal; empty axes give empty results of the right shape.
  const nd::UniqueResult r = nd::unique(nd::zeros({3, 0}), true, true, true, 0);
  EXPECT_TRUE(arrays_identical(r.values, fx("special.unique_rows_empty_cols")));
  EXPECT_TRUE(arrays_identical(r.counts, fx("special.unique_rows_empty_cols.counts")));
  EXPECT_TRUE(arrays_identical(nd::unique(nd::zeros({2, 0, 3}), false, false, false, 1).values,
                               fx("special.unique_3d_empty_axis1")));
  EXPECT_TRUE(arrays_identical(nd::unique(nd::zeros({2, 0, 3}), false, false, false, 0).values,
                               fx("special.unique_3d_empty_axis0")));
  // The API.md line.
  auto [values, indices, inverse, counts] = nd::unique(nd::array({5, 5, 2, 8, 2, 1}));
  EXPECT_TRUE(arrays_identical(values, fx("special.api_unique")));
}

// --- nonzero, flatnonzero, argwhere --------------------------------------------------------------

TEST(Sorting, NonzeroMatchesNumPy) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    const nd::Array& expected = fx(c.name + ".nonzero");  // (max(ndim, 1), N)
    const std::vector<nd::Array> nz = nd::nonzero(c.x);
    ASSERT_EQ(std::int64_t(nz.size()), expected.shape()[0]);
    for (std::size_t d = 0; d < nz.size(); ++d)
      EXPECT_TRUE(arrays_identical(nz[d], expected.index({std::int64_t(d)})));
    EXPECT_TRUE(arrays_identical(nd::flatnonzero(c.x), fx(c.name + ".flatnonzero")));
    const nd::Array where = nd::argwhere(c.x);
    if (c.x.ndim() == 0) {
      // np.argwhere of a 0-d array: one row of no columns per nonzero.
      EXPECT_TRUE(where.shape() == nd::Shape({expected.shape()[1], 0}));
      EXPECT_EQ(where.dtype(), nd::int64);
    } else {
      EXPECT_TRUE(arrays_identical(where, expected.T()));  // np.argwhere is transpose(nonzero)
    }
  }
}

TEST(Sorting, BooleanMaskIndexingGoesThroughNonzero) {
  const nd::Array x = nd::arange(12).reshape({3, 4});
  EXPECT_TRUE(arrays_identical(x.index({nd::greater(x, 6)}), nd::array({7, 8, 9, 10, 11})));
  EXPECT_TRUE(arrays_identical(x.index({nd::greater(x.T(), 6).T()}), nd::array({7, 8, 9, 10, 11})));
}

// --- isin
// ------------------------------------------------------------------------------------------

TEST(Sorting, IsinMatchesNumPy) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    const nd::Array& expected = fx(c.name + ".isin");
    const std::vector<nd::Array> tests = isin_tests(c.x);
    for (std::size_t j = 0; j < tests.size(); ++j) {
      const nd::Array e = expected.index({std::int64_t(j)});
      EXPECT_TRUE(arrays_identical(nd::isin(c.x, tests[j]), e)) << "test set " << j;
      EXPECT_TRUE(arrays_identical(nd::isin(c.x, tests[j], false, true), nd::logical_not(e)))
          << "test set " << j;
    }
    // assume_unique only allows a faster algorithm; with unique tests the answer is equal.
    const nd::Array unique_tests = nd::unique(tests[0]).values;
    EXPECT_TRUE(arrays_identical(nd::isin(c.x, unique_tests, true), expected.index({0})));
  }
}

TEST(Sorting, IsinEdgeCases) {
  EXPECT_TRUE(arrays_identical(nd::isin(5, nd::array({5})), fx("special.isin_scalar")));
  EXPECT_TRUE(arrays_identical(nd::isin(nd::arange(3), nd::zeros({0}, nd::int64)),
                               fx("special.isin_empty_test")));
  EXPECT_TRUE(
      arrays_identical(nd::isin(nd::array({{1, 2}, {3, 4}}), nd::array({{4}, {1}}), false, true),
                       fx("special.isin_2d_test")));
  EXPECT_TRUE(arrays_identical(
      nd::isin(nd::arange(256).astype(nd::uint8), nd::array({3, 255, 256, -1, 1000})),
      fx("special.isin_u8_wide")));
  const std::int64_t lo = std::numeric_limits<std::int64_t>::min();
  const std::int64_t hi = std::numeric_limits<std::int64_t>::max();
  EXPECT_TRUE(arrays_identical(
      nd::isin(nd::array({lo, std::int64_t{0}, hi, std::int64_t{5}}), nd::array({hi, lo})),
      fx("special.isin_i64_wide")));
  // The API.md line.
  EXPECT_TRUE(arrays_identical(nd::isin(nd::array({101, 2045, 300, 102}), nd::array({101, 102})),
                               fx("special.api_isin")));
  // A large integer range (binary search) and a narrow one (table), both against NumPy's rule.
  const nd::Array big = nd::arange(0, 3000000, 3);
  const nd::Array hits = nd::isin(big, nd::array({0, 3, 2999997, 4, 1500000}));
  EXPECT_EQ(nd::count_nonzero(hits).item<std::int64_t>(), 4);
  const nd::Array far = nd::array({std::int64_t{1} << 60, std::int64_t{2999997}});
  EXPECT_TRUE(nd::isin(big, far).index({-1}).item<bool>());
}

// --- searchsorted
// -------------------------------------------------------------------------------------

TEST(Sorting, SearchsortedMatchesNumPy) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    const nd::Array& haystack = fx("w_" + c.dtype + ".id.sort.None");
    const nd::Array& shuffled = fx("in.shuffled_" + c.dtype);
    const nd::Array& perm = fx("perm." + c.dtype);
    const nd::Array& expected = fx(c.name + ".searchsorted");
    const char* sides[] = {"left", "right"};
    for (std::int64_t s = 0; s < 2; ++s) {
      const nd::Array e = expected.index({s});
      EXPECT_TRUE(arrays_identical(nd::searchsorted(haystack, c.x, sides[s]), e)) << sides[s];
      EXPECT_TRUE(arrays_identical(nd::searchsorted(shuffled, c.x, sides[s], perm), e))
          << sides[s] << " with sorter";
      // A reversed view of the haystack's reversal is the same sorted array.
      const nd::Array twice =
          haystack.index({Slice(None, None, -1)}).index({Slice(None, None, -1)});
      EXPECT_TRUE(arrays_identical(nd::searchsorted(twice, c.x, sides[s]), e)) << sides[s];
    }
  }
}

TEST(Sorting, SearchsortedScalarsCompareInThePromotedDType) {
  for (const std::string& dtype : kDTypes) {
    SCOPED_TRACE(dtype);
    const nd::Array& haystack = fx("w_" + dtype + ".id.sort.None");
    for (const std::string side : {"left", "right"}) {
      const std::string at = "scalar." + dtype + ".";
      EXPECT_TRUE(arrays_identical(nd::searchsorted(haystack, 2, side), fx(at + "int2." + side)));
      EXPECT_TRUE(
          arrays_identical(nd::searchsorted(haystack, 2.5, side), fx(at + "flt2_5." + side)));
      EXPECT_TRUE(
          arrays_identical(nd::searchsorted(haystack, 300, side), fx(at + "int300." + side)));
      EXPECT_TRUE(arrays_identical(nd::searchsorted(haystack, -3, side), fx(at + "intm3." + side)));
    }
  }
}

TEST(Sorting, SearchsortedEdgeCases) {
  // The sorter's entries are checked only when the search reads them (NumPy).
  EXPECT_TRUE(arrays_identical(nd::searchsorted(nd::arange(3), 1, "left", nd::array({0, 1, 3})),
                               fx("special.sorter_unused_bad_index")));
  EXPECT_TRUE(arrays_identical(nd::searchsorted(nd::zeros({0}), nd::array({1, -1})),
                               fx("special.searchsorted_empty_haystack")));
  EXPECT_TRUE(arrays_identical(nd::searchsorted(nd::zeros({3}), nd::zeros({2, 0})),
                               fx("special.searchsorted_empty_keys")));
  const nd::Array with_nan = nd::array({1.0, double(NAN)});
  const nd::Array keys = nd::array({double(NAN), 2.0});
  EXPECT_TRUE(
      arrays_identical(nd::searchsorted(with_nan, keys), fx("special.searchsorted_nan_left")));
  EXPECT_TRUE(arrays_identical(nd::searchsorted(with_nan, keys, "right"),
                               fx("special.searchsorted_nan_right")));
  EXPECT_TRUE(
      arrays_identical(nd::searchsorted(nd::array({1, 2}, nd::uint8), nd::array({300, -3, 2})),
                       fx("special.searchsorted_u8_int64")));
  EXPECT_TRUE(
      arrays_identical(nd::searchsorted(nd::array({0.1}, nd::float32), nd::array({0.1}), "right"),
                       fx("special.searchsorted_f32_f64")));
}

// --- lexsort
// ------------------------------------------------------------------------------------------

TEST(Sorting, LexsortMatchesNumPy) {
  std::vector<nd::Array> v, v_rev, m, m_t;
  for (const char* d : {"float64", "int32", "bool", "uint8"}) {
    v.push_back(fx(std::string("in.v_") + d));
    v_rev.push_back(v.back().index({Slice(None, None, -3)}));
  }
  for (const char* d : {"float32", "int64", "bool"}) {
    m.push_back(fx(std::string("in.m_") + d));
    m_t.push_back(m.back().T());
  }
  EXPECT_TRUE(arrays_identical(nd::lexsort(v), fx("lexsort.1d")));
  EXPECT_TRUE(arrays_identical(nd::lexsort(v_rev), fx("lexsort.1d_rev")));
  for (std::int64_t axis : {-1, 0, 1, -2})
    EXPECT_TRUE(arrays_identical(nd::lexsort(m, axis), fx("lexsort.2d." + std::to_string(axis))))
        << "axis " << axis;
  EXPECT_TRUE(arrays_identical(nd::lexsort(m_t), fx("lexsort.2d_T")));
  EXPECT_TRUE(arrays_identical(nd::lexsort({nd::full({}, 1)}), fx("special.lexsort_0d")));
  EXPECT_TRUE(
      arrays_identical(nd::lexsort({nd::zeros({0}), nd::zeros({0})}), fx("special.lexsort_empty")));
  // A single key is a stable argsort.
  EXPECT_TRUE(arrays_identical(nd::lexsort({v[0]}), nd::argsort(v[0])));
}

// --- the API.md lines
// -----------------------------------------------------------------------------------

TEST(Sorting, ApiLinesCompile) {
  nd::Array a = nd::arange(0, 24, 2).reshape({3, 4});
  EXPECT_TRUE(
      arrays_identical(nd::argsort(a, -1), nd::array({{0, 1, 2, 3}, {0, 1, 2, 3}, {0, 1, 2, 3}})));
  EXPECT_TRUE(arrays_identical(nd::sort(a, 0), a));
  EXPECT_EQ(nd::argpartition(a, 2, -1).shape(), a.shape());
}

// --- errors
// -------------------------------------------------------------------------------------------

// Each errors.txt case of the generator, in C++.
std::map<std::string, std::function<void()>> error_cases() {
  const nd::Array r3 = nd::arange(3), r5 = nd::arange(5), z23 = nd::zeros({2, 3});
  const nd::Array scalar = nd::full({}, 5);
  return {
      {"sort_0d", [=] { nd::sort(scalar); }},
      {"sort_axis", [=] { nd::sort(r3, 1); }},
      {"argsort_axis", [=] { nd::argsort(r3, -2); }},
      {"argsort_0d_axis", [=] { nd::argsort(scalar, 1); }},
      {"partition_0d", [=] { nd::partition(scalar, 0); }},
      {"partition_axis", [=] { nd::partition(z23, 1, 2); }},
      {"partition_kth", [=] { nd::partition(r5, 5); }},
      {"partition_kth_negative", [=] { nd::partition(r5, -6); }},
      {"partition_kth_list",
       [=] {
         nd::partition(r5, {1, 7});
       }},
      {"partition_kth_axis0", [=] { nd::partition(z23, 3, 0); }},
      {"argpartition_kth", [=] { nd::argpartition(r5, 5); }},
      {"argpartition_0d_kth", [=] { nd::argpartition(scalar, 1); }},
      {"argpartition_axis", [=] { nd::argpartition(z23, 1, -3); }},
      {"unique_axis", [=] { nd::unique(z23, false, false, false, 2); }},
      {"unique_axis_negative", [=] { nd::unique(z23, false, false, false, -3); }},
      {"unique_0d_axis", [=] { nd::unique(nd::full({}, 1), false, false, false, 0); }},
      {"searchsorted_0d", [=] { nd::searchsorted(scalar, 3); }},
      {"searchsorted_2d",
       [] {
         nd::searchsorted(nd::zeros({2, 2}), 3);
       }},
      {"searchsorted_side", [=] { nd::searchsorted(r3, 1, "foo"); }},
      {"searchsorted_side_before_sorter",
       [=] {
         nd::searchsorted(r3, 1, "up", nd::array({0.0, 1.0, 2.0}));
       }},
      {"searchsorted_depth_before_sorter",
       [] {
         nd::searchsorted(nd::zeros({2, 2}), 1, "left", nd::array({0.0, 1.0}));
       }},
      {"searchsorted_sorter_float",
       [=] {
         nd::searchsorted(r3, 1, "left", nd::array({0.0, 1.0, 2.0}));
       }},
      {"searchsorted_sorter_bool",
       [=] {
         nd::searchsorted(r3, 1, "left", nd::array({true, false, true}));
       }},
      {"searchsorted_sorter_2d",
       [] {
         nd::searchsorted(nd::zeros({2}), 1, "left", nd::array({{0, 1}}));
       }},
      {"searchsorted_sorter_size",
       [] {
         nd::searchsorted(nd::zeros({2}), 1, "left", nd::array({0, 1, 2}));
       }},
      {"searchsorted_sorter_range",
       [] {
         nd::searchsorted(nd::zeros({3}), 1, "left", nd::array({0, 1, 5}));
       }},
      {"lexsort_no_keys", [] { nd::lexsort({}); }},
      {"lexsort_shapes",
       [=] {
         nd::lexsort({r3, nd::arange(4)});
       }},
      {"lexsort_shapes_before_axis",
       [=] {
         nd::lexsort({r3, nd::arange(4)}, 3);
       }},
      {"lexsort_axis", [=] { nd::lexsort({r3}, 3); }},
      {"lexsort_0d_axis", [] { nd::lexsort({nd::full({}, 1)}, 3); }},
  };
}

bool is_class(const nd::Error& e, const std::string& cls) {
  if (cls == "AxisError") return dynamic_cast<const nd::AxisError*>(&e) != nullptr;
  if (cls == "ValueError") return dynamic_cast<const nd::ValueError*>(&e) != nullptr;
  if (cls == "TypeError") return dynamic_cast<const nd::TypeError*>(&e) != nullptr;
  return false;
}

TEST(Sorting, ErrorsMatchNumPy) {
  std::istringstream lines(nd_test::read_text_file(nd_test::fixture_path("sorting/errors.txt")));
  const auto cases = error_cases();
  std::string line;
  std::size_t checked = 0;
  while (std::getline(lines, line)) {
    const std::size_t tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
    const std::string name = line.substr(0, tab1), cls = line.substr(tab1 + 1, tab2 - tab1 - 1);
    const std::string message = line.substr(tab2 + 1);
    SCOPED_TRACE(name);
    auto it = cases.find(name);
    ASSERT_NE(it, cases.end()) << "no C++ twin for " << name;
    try {
      it->second();
      ADD_FAILURE() << "no exception";
    } catch (const nd::Error& e) {
      EXPECT_EQ(std::string(e.what()), message);
      EXPECT_TRUE(is_class(e, cls)) << "expected " << cls;
    }
    ++checked;
  }
  EXPECT_EQ(checked, cases.size());
}

}  // namespace
