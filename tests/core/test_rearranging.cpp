// Rearranging routines against NumPy (tests/gen_rearranging.py): the values, dtype and
// byte strides of every result for every dtype (so views and memory layouts are checked
// too), every pad mode with narrow, wide, non-contiguous, Fortran-ordered, singleton and
// 0-d inputs, and NumPy's exception classes and texts.
#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <sstream>

#include "support/test_support.h"

namespace {

using nd::Array;
using nd::Ellipsis;
using nd::None;
using nd::Slice;

const std::vector<std::string> kDTypes = {"bool", "uint8", "int32", "int64", "float32", "float64"};

const std::map<std::string, Array>& fixtures() {
  static const std::map<std::string, Array> values =
      nd::load_npz(nd_test::fixture_path("rearranging/values.npz"));
  return values;
}

const Array& fixture(const std::string& name) {
  auto it = fixtures().find(name);
  if (it == fixtures().end()) throw std::runtime_error("no fixture " + name);
  return it->second;
}

// NumPy's byte strides of each result, as the generator's "s0,s1,..." text.
const std::map<std::string, std::string>& numpy_strides() {
  static const std::map<std::string, std::string> strides = [] {
    std::map<std::string, std::string> out;
    std::istringstream lines(
        nd_test::read_text_file(nd_test::fixture_path("rearranging/strides.txt")));
    std::string line;
    while (std::getline(lines, line)) {
      const std::size_t space = line.find(' ');
      out[line.substr(0, space)] = line.substr(space + 1);
    }
    return out;
  }();
  return strides;
}

std::string strides_text(const Array& a) {
  std::ostringstream text;
  for (std::size_t i = 0; i < a.strides().size(); ++i) text << (i ? "," : "") << a.strides()[i];
  return text.str();
}

// The result's values, dtype, shape and byte strides are NumPy's.
void expect_numpy(const std::string& name, const Array& result) {
  SCOPED_TRACE(name);
  EXPECT_TRUE(nd_test::arrays_identical(result, fixture(name)));
  EXPECT_EQ(strides_text(result), numpy_strides().at(name));
}

// x reversed along `axis`, written with the indexing tested elsewhere.
Array reversed(const Array& x, std::int64_t axis) {
  std::vector<nd::Index> index(static_cast<std::size_t>(axis) + 1, Slice());
  index[axis] = Slice(None, None, -1);
  return x.index(index);
}

const Array& idx(const std::string& name) {
  return fixture(name);
}

// put_along_axis into a copy of x seen through `view`; the copy is the result.
Array put_into_copy(const Array& x, const std::function<Array(const Array&)>& view,
                    const Array& indices, const nd::ArrayLike& values,
                    std::optional<std::int64_t> axis) {
  Array r = x.copy();
  nd::put_along_axis(view(r), indices, values, axis);
  return r;
}
Array same(const Array& r) {
  return r;
}

using Case = std::function<Array(const Array& x, const Array& e, const Array& z)>;

// The generator's CASES.
const std::map<std::string, Case>& cases() {
  static const std::map<std::string, Case> table = {
      // repeat
      {"repeat_flat", [](const Array& x, const Array&, const Array&) { return nd::repeat(x, 2); }},
      {"repeat_axis1",
       [](const Array& x, const Array&, const Array&) { return nd::repeat(x, 3, 1); }},
      {"repeat_list",
       [](const Array& x, const Array&, const Array&) { return nd::repeat(x, {1, 0, 2}, 1); }},
      {"repeat_single_list",
       [](const Array& x, const Array&, const Array&) { return nd::repeat(reversed(x, 1), {2}, -1); }},
      {"repeat_uint8_counts",
       [](const Array& x, const Array&, const Array&) {
         return nd::repeat(x, nd::array({0, 1, 2, 3}, nd::uint8), 2);
       }},
      {"repeat_bool_counts",
       [](const Array& x, const Array&, const Array&) {
         return nd::repeat(x, nd::array({true, false, true}), 1);
       }},
      {"repeat_0d", [](const Array&, const Array&, const Array& z) { return nd::repeat(z, 3); }},
      {"repeat_0d_axis",
       [](const Array&, const Array&, const Array& z) { return nd::repeat(z, 2, 0); }},
      {"repeat_transposed",
       [](const Array& x, const Array&, const Array&) { return nd::repeat(x.T(), 2, 0); }},
      {"repeat_empty",
       [](const Array&, const Array& e, const Array&) { return nd::repeat(e, 2, 0); }},
      {"repeat_zero", [](const Array& x, const Array&, const Array&) { return nd::repeat(x, 0, 1); }},
      // tile
      {"tile_int", [](const Array& x, const Array&, const Array&) { return nd::tile(x, 2); }},
      {"tile_more_reps",
       [](const Array& x, const Array&, const Array&) { return nd::tile(x, {2, 1, 1, 2}); }},
      {"tile_fewer_reps", [](const Array& x, const Array&, const Array&) { return nd::tile(x, {2}); }},
      {"tile_1d",
       [](const Array& x, const Array&, const Array&) { return nd::tile(x.index({0, 0}), {3, 2}); }},
      {"tile_transposed",
       [](const Array& x, const Array&, const Array&) { return nd::tile(x.T(), {1, 2, 1}); }},
      {"tile_0d", [](const Array&, const Array&, const Array& z) { return nd::tile(z, {2, 3}); }},
      {"tile_no_reps",
       [](const Array& x, const Array&, const Array&) { return nd::tile(x, nd::Shape{}); }},
      {"tile_empty", [](const Array&, const Array& e, const Array&) { return nd::tile(e, 3); }},
      {"tile_zero",
       [](const Array& x, const Array&, const Array&) { return nd::tile(x, {1, 0, 2}); }},
      // flips
      {"flip_all", [](const Array& x, const Array&, const Array&) { return nd::flip(x); }},
      {"flip1", [](const Array& x, const Array&, const Array&) { return nd::flip(x, 1); }},
      {"flip_0_m1", [](const Array& x, const Array&, const Array&) { return nd::flip(x, {0, -1}); }},
      {"fliplr", [](const Array& x, const Array&, const Array&) { return nd::fliplr(x); }},
      {"flipud_reversed",
       [](const Array& x, const Array&, const Array&) { return nd::flipud(reversed(x, 0)); }},
      {"flip_0d", [](const Array&, const Array&, const Array& z) { return nd::flip(z); }},
      // roll
      {"roll_flat", [](const Array& x, const Array&, const Array&) { return nd::roll(x, 1); }},
      {"roll_flat_negative",
       [](const Array& x, const Array&, const Array&) { return nd::roll(x, -7); }},
      {"roll_axis", [](const Array& x, const Array&, const Array&) { return nd::roll(x, 10, 1); }},
      {"roll_two_axes",
       [](const Array& x, const Array&, const Array&) { return nd::roll(x, {1, 2}, {0, 2}); }},
      {"roll_same_axis_twice",
       [](const Array& x, const Array&, const Array&) { return nd::roll(x, {1, 2}, {1, 1}); }},
      {"roll_shift_list_one_axis",
       [](const Array& x, const Array&, const Array&) { return nd::roll(x, {1, -4}, -1); }},
      {"roll_one_shift_two_axes",
       [](const Array& x, const Array&, const Array&) { return nd::roll(x, 2, {0, 1}); }},
      {"roll_transposed",
       [](const Array& x, const Array&, const Array&) { return nd::roll(x.T(), 3, -1); }},
      {"roll_empty", [](const Array&, const Array& e, const Array&) { return nd::roll(e, 1, 0); }},
      {"roll_0d", [](const Array&, const Array&, const Array& z) { return nd::roll(z, 1); }},
      // rot90
      {"rot90", [](const Array& x, const Array&, const Array&) { return nd::rot90(x); }},
      {"rot90_2", [](const Array& x, const Array&, const Array&) { return nd::rot90(x, 2); }},
      {"rot90_m1", [](const Array& x, const Array&, const Array&) { return nd::rot90(x, -1); }},
      {"rot90_3_axes",
       [](const Array& x, const Array&, const Array&) { return nd::rot90(x, 3, {2, 0}); }},
      {"rot90_5_negative_axes",
       [](const Array& x, const Array&, const Array&) { return nd::rot90(x, 5, {-1, -2}); }},
      {"rot90_0", [](const Array& x, const Array&, const Array&) { return nd::rot90(x, 0); }},
      // diagonals
      {"diag_2d", [](const Array& x, const Array&, const Array&) { return nd::diag(x.index({0})); }},
      {"diag_2d_k1",
       [](const Array& x, const Array&, const Array&) { return nd::diag(x.index({0}), 1); }},
      {"diag_2d_km2",
       [](const Array& x, const Array&, const Array&) { return nd::diag(x.index({0}), -2); }},
      {"diag_1d",
       [](const Array& x, const Array&, const Array&) { return nd::diag(x.index({0, 0})); }},
      {"diag_1d_k2",
       [](const Array& x, const Array&, const Array&) { return nd::diag(x.index({0, 0}), 2); }},
      {"diag_1d_km1",
       [](const Array& x, const Array&, const Array&) {
         return nd::diag(x.index({1, Slice(), 1}), -1);
       }},
      {"diagonal", [](const Array& x, const Array&, const Array&) { return nd::diagonal(x); }},
      {"diagonal_1_1_2",
       [](const Array& x, const Array&, const Array&) { return nd::diagonal(x, 1, 1, 2); }},
      {"diagonal_m1_m1_0",
       [](const Array& x, const Array&, const Array&) { return nd::diagonal(x, -1, -1, 0); }},
      {"diagonal_beyond",
       [](const Array& x, const Array&, const Array&) { return nd::diagonal(x, 5); }},
      {"diagonal_transposed",
       [](const Array& x, const Array&, const Array&) { return nd::diagonal(x.T(), 0, 2, 1); }},
      {"trace", [](const Array& x, const Array&, const Array&) { return nd::trace(x.index({0})); }},
      {"trace_1_1_2",
       [](const Array& x, const Array&, const Array&) { return nd::trace(x, 1, 1, 2); }},
      {"trace_m1_0_2",
       [](const Array& x, const Array&, const Array&) { return nd::trace(x, -1, 0, 2); }},
      // take
      {"take_flat",
       [](const Array& x, const Array&, const Array&) {
         return nd::take(x, nd::array({0, -1, 5, 23}));
       }},
      {"take_2d_indices",
       [](const Array& x, const Array&, const Array&) {
         return nd::take(x, nd::array({{2, 0}, {1, -1}}), 1);
       }},
      {"take_scalar", [](const Array& x, const Array&, const Array&) { return nd::take(x, 3, 2); }},
      {"take_transposed",
       [](const Array& x, const Array&, const Array&) {
         return nd::take(x.T(), nd::array({0, 0, 1}), 0);
       }},
      {"take_uint8_indices",
       [](const Array& x, const Array&, const Array&) {
         return nd::take(x, nd::array({1, 0}, nd::uint8), -1);
       }},
      {"take_bool_indices",
       [](const Array& x, const Array&, const Array&) {
         return nd::take(x, nd::array({true, false}), 0);
       }},
      {"take_no_indices",
       [](const Array& x, const Array&, const Array&) {
         return nd::take(x, nd::zeros({0}, nd::int64), 1);
       }},
      {"take_from_empty",
       [](const Array&, const Array& e, const Array&) { return nd::take(e, nd::array({1, 2}), 1); }},
      {"take_0d",
       [](const Array&, const Array&, const Array& z) { return nd::take(z, nd::array({0, -1})); }},
      // take_along_axis
      {"tal_axis1",
       [](const Array& x, const Array&, const Array&) {
         return nd::take_along_axis(x, idx("i_axis1"), 1);
       }},
      {"tal_broadcast_indices",
       [](const Array& x, const Array&, const Array&) {
         return nd::take_along_axis(x, idx("i_row"), 1);
       }},
      {"tal_broadcast_last",
       [](const Array& x, const Array&, const Array&) {
         return nd::take_along_axis(x, idx("i_column"), 1);
       }},
      {"tal_broadcast_arr",
       [](const Array& x, const Array&, const Array&) {
         return nd::take_along_axis(x.index({Slice(), Slice(), Slice(None, 1)}), idx("i_wide"), 1);
       }},
      {"tal_flat",
       [](const Array& x, const Array&, const Array&) {
         return nd::take_along_axis(x, idx("i_flat"), None);
       }},
      {"tal_last_reversed",
       [](const Array& x, const Array&, const Array&) {
         return nd::take_along_axis(reversed(x, 1), idx("i_last"), -1);
       }},
      // put_along_axis
      {"pal_axis1",
       [](const Array& x, const Array&, const Array&) {
         return put_into_copy(x, same, idx("i_put"), idx("v_put"), 1);
       }},
      {"pal_scalar",
       [](const Array& x, const Array&, const Array&) {
         return put_into_copy(x, same, idx("i_put"), 7, 1);
       }},
      {"pal_row_values",
       [](const Array& x, const Array&, const Array&) {
         return put_into_copy(x, same, idx("i_put"), idx("v_row"), 1);
       }},
      {"pal_transposed",
       [](const Array& x, const Array&, const Array&) {
         return put_into_copy(
             x, [](const Array& r) { return r.transpose({2, 0, 1}); },
             idx("i_put").transpose({2, 0, 1}), idx("v_put").transpose({2, 0, 1}), 2);
       }},
      {"pal_flat_fortran",
       [](const Array& x, const Array&, const Array&) {
         return put_into_copy(
             x, [](const Array& r) { return r.T(); }, idx("i_flat"), idx("v_flat"), None);
       }},
      {"pal_broadcast_arr",
       [](const Array& x, const Array&, const Array&) {
         return put_into_copy(
             x, [](const Array& r) { return r.index({Slice(), Slice(), Slice(None, 1)}); },
             idx("i_wide"), idx("v_wide"), 1);
       }},
  };
  return table;
}

TEST(Rearranging, EveryCaseAndDTypeMatchesNumPy) {
  for (const std::string& dt : kDTypes) {
    const Array& x = fixture("x_" + dt);
    const Array& e = fixture("e_" + dt);
    const Array& z = fixture("z_" + dt);
    for (const auto& [name, fn] : cases()) expect_numpy(name + "_" + dt, fn(x, e, z));
  }
}

// --- pad --------------------------------------------------------------------------------------

const std::vector<std::string> kPadModes = {"constant",  "edge",    "reflect",
                                            "symmetric", "wrap",    "linear_ramp",
                                            "maximum",   "minimum", "mean"};

// The generator's PAD_WIDTHS: a name, the array padded and its widths.
using PadCase = std::function<Array(const Array& x, const Array& z, const std::string& mode)>;
const std::map<std::string, PadCase>& pad_cases() {
  static const std::map<std::string, PadCase> table = {
      {"pairs",
       [](const Array& x, const Array&, const std::string& m) {
         return nd::pad(x, {{0, 0}, {2, 1}, {1, 3}}, m);
       }},
      {"pair",
       [](const Array& x, const Array&, const std::string& m) {
         return nd::pad(x, {1, 2}, m);
       }},
      {"wide",
       [](const Array& x, const Array&, const std::string& m) {
         return nd::pad(x, {{1, 0}, {7, 9}, {1, 10}}, m);
       }},
      {"noncontiguous",
       [](const Array& x, const Array&, const std::string& m) {
         return nd::pad(x.index({Slice(), Slice(None, None, -1), Slice(None, None, 2)}), 2, m);
       }},
      {"fortran",
       [](const Array& x, const Array&, const std::string& m) { return nd::pad(x.T(), 1, m); }},
      {"singleton",
       [](const Array& x, const Array&, const std::string& m) {
         return nd::pad(x.index({Slice(), Slice(None, 1)}), {{0, 0}, {2, 3}, {0, 0}}, m);
       }},
      {"0d", [](const Array&, const Array& z, const std::string& m) { return nd::pad(z, 2, m); }},
  };
  return table;
}

// NumPy 1.24 computes a float32 linear ramp in float32; ndgrad computes it in float64 and
// rounds once, as NumPy 2 does (its end value is a strong int64 scalar there). NumPy 1.24's
// step, product and sum each round in float32, so the two differ by a few float32 ulps of
// the largest magnitude in the ramp (inputs and end values here are below 10).
::testing::AssertionResult float32_ramp_close(const Array& actual, const Array& expected) {
  if (!(actual.shape() == expected.shape()) || actual.dtype() != nd::float32)
    return ::testing::AssertionFailure() << "shape or dtype differs";
  const Array a = nd::ascontiguousarray(actual), e = nd::ascontiguousarray(expected);
  const float *pa = a.data<float>(), *pe = e.data<float>();
  for (std::int64_t i = 0; i < a.size(); ++i) {
    if (pa[i] == pe[i] || (std::isnan(pa[i]) && std::isnan(pe[i]))) continue;
    const float tolerance = 4 * std::numeric_limits<float>::epsilon() * 10;
    if (!(std::abs(pa[i] - pe[i]) <= tolerance))
      return ::testing::AssertionFailure() << "element " << i << ": " << pa[i] << " vs " << pe[i];
  }
  return ::testing::AssertionSuccess();
}

void expect_pad(const std::string& name, const Array& result, bool ramp) {
  if (ramp && result.dtype() == nd::float32) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(float32_ramp_close(result, fixture(name)));
    EXPECT_EQ(strides_text(result), numpy_strides().at(name));
  } else {
    expect_numpy(name, result);
  }
}

TEST(Rearranging, PadEveryModeWidthAndDTypeMatchesNumPy) {
  for (const std::string& dt : kDTypes) {
    const Array& x = fixture("x_" + dt);
    const Array& z = fixture("z_" + dt);
    for (const std::string& mode : kPadModes)
      for (const auto& [width, fn] : pad_cases())
        expect_pad("pad_" + mode + "_" + width + "_" + dt, fn(x, z, mode), mode == "linear_ramp");
  }
}

TEST(Rearranging, PadImagesMatchNumPy) {
  // The generator's make_image: (2, 9, 10, 3) RGB values.
  const Array base = nd::arange(2 * 9 * 10 * 3).reshape({2, 9, 10, 3});
  for (const std::string dt : {"uint8", "float32"}) {
    const Array image = ((base % 256) * 0.5).astype(nd::dtype_from_name(dt));
    for (const std::string mode : {"reflect", "symmetric", "edge", "wrap", "mean"}) {
      expect_pad("pad_" + mode + "_image_" + dt,
                 nd::pad(image, {{0, 0}, {4, 5}, {6, 7}, {0, 0}}, mode), false);
      expect_pad("pad_" + mode + "_image_wide_" + dt,
                 nd::pad(image, {{0, 0}, {0, 0}, {12, 25}, {0, 0}}, mode), false);
    }
  }
}

TEST(Rearranging, PadInBlocksMatchesPaddingTheWholeArray) {
  // A large array whose first axis is not padded is padded a block of slices at a time
  // (in parallel); padding that axis by one more slice takes the whole-array path, and
  // the other slices must come out the same.
  const Array base = nd::arange(96 * 30 * 40 * 3).reshape({96, 30, 40, 3});
  for (const nd::DType dtype : {nd::uint8, nd::float32}) {
    const Array x = ((base % 251) * 0.5).astype(dtype);
    for (const std::string& mode : kPadModes) {
      if (mode == "linear_ramp") continue;  // never blocked
      SCOPED_TRACE(mode);
      for (const std::pair<std::int64_t, std::int64_t>& w :
           {std::pair<std::int64_t, std::int64_t>{5, 6}, {12, 40}}) {
        const Array blocked = nd::pad(x, {{0, 0}, w, {7, 3}, {0, 0}}, mode);
        const Array whole = nd::pad(x, {{1, 0}, w, {7, 3}, {0, 0}}, mode);
        EXPECT_TRUE(nd_test::arrays_identical(blocked, whole.index({Slice(1, None)})));
      }
    }
  }
}

TEST(Rearranging, PadValuesAndEmptyArrays) {
  for (const std::string& dt : kDTypes) {
    const Array& x = fixture("x_" + dt);
    const Array& e = fixture("e_" + dt);
    // A constant is cast as NumPy casts its scalar: 300 wraps to 44 in uint8.
    expect_pad("pad_constant_300_" + dt, nd::pad(x, 1, "constant", 300), false);
    expect_pad("pad_constant_per_axis_" + dt,
               nd::pad(x, 1, "constant", nd::array({{1, 2}, {3, 4}, {5, 6}})), false);
    expect_pad("pad_ramp_end5_" + dt, nd::pad(x, {{1, 2}, {3, 1}, {2, 2}}, "linear_ramp", 5), true);
    expect_pad("pad_ramp_end_half_" + dt, nd::pad(x, {2, 3}, "linear_ramp", 2.5), true);
    expect_pad("pad_empty_constant_" + dt, nd::pad(e, 1), false);
    expect_pad("pad_empty_edge_" + dt, nd::pad(e, {{0, 0}, {1, 1}}, "edge"), false);
  }
}

TEST(Rearranging, PadWidthSpellings) {
  const Array x = fixture("x_int64");
  // (2,), ((1, 2),) and a runtime list of pairs mean what NumPy's spellings mean.
  EXPECT_TRUE(nd_test::arrays_identical(nd::pad(x, {2}, "edge"), nd::pad(x, 2, "edge")));
  EXPECT_TRUE(nd_test::arrays_identical(nd::pad(x, {{1, 2}}, "wrap"), nd::pad(x, {1, 2}, "wrap")));
  std::vector<std::pair<std::int64_t, std::int64_t>> widths{{0, 0}, {2, 1}, {1, 3}};
  expect_numpy("pad_reflect_pairs_int64", nd::pad(x, widths, "reflect"));
  // "empty" leaves the border uninitialised; the middle is the input.
  Array p = nd::pad(x, 1, "empty");
  EXPECT_TRUE(nd_test::arrays_identical(p.index({Slice(1, -1), Slice(1, -1), Slice(1, -1)}), x));
}

// --- views and in-place behaviour --------------------------------------------------------------

TEST(Rearranging, ViewsShareMemoryAndDiagonalsAreReadOnly) {
  const Array x = fixture("x_float64");
  for (const Array& v : {nd::flip(x), nd::fliplr(x), nd::rot90(x), nd::rot90(x, 2, {0, 2}),
                         nd::diagonal(x), nd::diag(x.index({0}))})
    EXPECT_TRUE(nd::shares_memory(v, x));
  EXPECT_FALSE(nd::diagonal(x).writeable());
  EXPECT_FALSE(nd::diag(x.index({1}), 1).writeable());
  EXPECT_TRUE(nd::flip(x).writeable());
  EXPECT_THROW(nd::diagonal(x).index_put({0}, 1.0), nd::ValueError);
  for (const Array& c : {nd::roll(x, 1), nd::tile(x, 1), nd::repeat(x, 1), nd::pad(x, 0),
                         nd::take(x, nd::array({0}))})
    EXPECT_FALSE(nd::shares_memory(c, x));
}

TEST(Rearranging, PutAlongAxisWritesInPlace) {
  Array a = nd::arange(12).reshape({3, 4});
  Array view = a.index({Slice(), Slice(None, None, -1)});
  nd::put_along_axis(view, nd::array({{0}, {1}, {2}}), nd::array({{100}, {200}, {300}}), 1);
  // view[i, j] is a[i, 3 - j].
  EXPECT_EQ(a.index({0, 3}).item<std::int64_t>(), 100);
  EXPECT_EQ(a.index({1, 2}).item<std::int64_t>(), 200);
  EXPECT_EQ(a.index({2, 1}).item<std::int64_t>(), 300);
  // Values overlapping the destination are read before anything is written.
  Array b = nd::arange(4).reshape({1, 4});
  nd::put_along_axis(b, nd::array({{3, 2, 1, 0}}), b, 1);
  EXPECT_TRUE(nd_test::arrays_identical(b, nd::array({{3, 2, 1, 0}})));
}

TEST(Rearranging, ApiExamples) {
  nd::Array a = nd::arange(0, 24, 2).reshape({3, 4});
  expect_numpy("api_repeat", nd::repeat(nd::full({1, 1}, 1), 3, 1));
  expect_numpy("api_tile", nd::tile(a, {3, 1}));
  expect_numpy("api_flip", nd::flip(a, 1));
  expect_numpy("api_roll", nd::roll(a, 10, 1));
  expect_numpy("api_pad_constant", nd::pad(a, {{0, 0}, {2, 2}}, "constant", 255));
  expect_numpy("api_pad_reflect", nd::pad(a, {{1, 1}, {1, 1}}, "reflect"));
  expect_numpy("api_pad_edge", nd::pad(a, {{1, 1}, {1, 1}}, "edge"));
  expect_numpy("api_take_along_axis",
               nd::take_along_axis(a, nd::array({{3, 2, 1, 0}, {0, 0, 1, 1}, {2, 3, -1, -4}}), 1));
}

// --- errors -------------------------------------------------------------------------------

std::map<std::string, std::function<void()>> error_cases() {
  static const Array a = nd::arange(0, 24, 2).reshape({3, 4});
  static const Array zero_rows = nd::zeros({0, 3}), zero_columns = nd::zeros({3, 0});
  const auto int_zeros = [](nd::Shape s) { return nd::zeros(s, nd::int64); };
  return {
      {"repeat_negative", [] { nd::repeat(a, -1); }},
      {"repeat_shape",
       [] {
         nd::repeat(a, {1, 2}, 1);
       }},
      {"repeat_float", [] { nd::repeat(a, nd::array({1.0}), 1); }},
      {"repeat_float_scalar", [] { nd::repeat(a, nd::scalar(2.0)); }},
      {"repeat_2d",
       [] {
         nd::repeat(a, nd::array({{1, 2}}), 1);
       }},
      {"repeat_negative_list",
       [] {
         nd::repeat(a, {1, 2, -1, 0}, 1);
       }},
      {"repeat_axis", [] { nd::repeat(a, 2, 2); }},
      {"tile_negative", [] { nd::tile(a, -1); }},
      {"tile_negative_pair",
       [] {
         nd::tile(a, {2, -1});
       }},
      {"roll_mismatch",
       [] {
         nd::roll(a, {1, 2}, {0, 1, 1});
       }},
      {"roll_axis", [] { nd::roll(a, 1, 2); }},
      {"roll_0d_axis", [] { nd::roll(nd::scalar(std::int64_t{5}), 1, 0); }},
      {"rot90_same",
       [] {
         nd::rot90(a, 1, {0, 0});
       }},
      {"rot90_ndim_apart",
       [] {
         nd::rot90(a, 1, {0, -2});
       }},
      {"rot90_range",
       [] {
         nd::rot90(a, 1, {0, 5});
       }},
      {"rot90_range_negative",
       [] {
         nd::rot90(a, 1, {-3, 1});
       }},
      {"rot90_len", [] { nd::rot90(a, 1, {0}); }},
      {"rot90_1d", [] { nd::rot90(nd::arange(3), 1); }},
      {"flip_axis", [] { nd::flip(a, 2); }},
      {"flip_repeated",
       [] {
         nd::flip(a, {0, 0});
       }},
      {"fliplr_1d", [] { nd::fliplr(nd::arange(3)); }},
      {"flipud_0d", [] { nd::flipud(nd::scalar(std::int64_t{3})); }},
      {"pad_negative", [] { nd::pad(a, -1); }},
      {"pad_negative_pair",
       [] {
         nd::pad(a, {{1, 2}, {0, -1}});
       }},
      {"pad_too_many_pairs",
       [] {
         nd::pad(a, {{1, 2}, {3, 4}, {5, 6}});
       }},
      {"pad_three_widths",
       [] {
         nd::pad(a, {1, 2, 3});
       }},
      {"pad_mode", [] { nd::pad(a, 1, "foo"); }},
      {"pad_empty_axis", [] { nd::pad(zero_rows, 1, "edge"); }},
      {"pad_empty_axis1_reflect",
       [] {
         nd::pad(zero_columns, {{1, 1}, {0, 1}}, "reflect");
       }},
      {"pad_0d_pairs",
       [] {
         nd::pad(nd::scalar(std::int64_t{5}), {{1, 2}, {3, 4}});
       }},
      {"pad_constant_values_shape",
       [] {
         nd::pad(a, 1, "constant", nd::array({1, 2, 3}));
       }},
      {"diag_3d",
       [] {
         nd::diag(nd::zeros({2, 2, 2}));
       }},
      {"diagonal_1d", [] { nd::diagonal(nd::arange(3)); }},
      {"diagonal_same", [] { nd::diagonal(a, 0, 1, 1); }},
      {"diagonal_same_negative", [] { nd::diagonal(a, 0, 1, -1); }},
      {"diagonal_axis2", [] { nd::diagonal(a, 0, 0, 2); }},
      {"diagonal_axis1", [] { nd::diagonal(a, 0, 2, 0); }},
      {"trace_1d", [] { nd::trace(nd::arange(3)); }},
      {"take_oob", [] { nd::take(nd::arange(3), 5); }},
      {"take_oob_axis", [] { nd::take(a, nd::array({5}), 1); }},
      {"take_oob_negative_flat", [] { nd::take(a, nd::array({-13})); }},
      {"take_float", [] { nd::take(a, nd::array({1.0})); }},
      {"take_float_scalar", [] { nd::take(a, nd::scalar(1.0)); }},
      {"take_empty_axis", [] { nd::take(zero_columns, nd::array({5}), 1); }},
      {"take_axis", [] { nd::take(a, 1, 2); }},
      {"take_oob_zero_inner", [] { nd::take(zero_columns, nd::array({5}), 0); }},
      {"tal_oob", [] { nd::take_along_axis(a, nd::array({{5}}), 1); }},
      {"tal_oob_first",
       [] {
         nd::take_along_axis(a, nd::array({{5, -20}}), 1);
       }},
      {"tal_ndim", [] { nd::take_along_axis(a, nd::array({5}), 1); }},
      {"tal_float",
       [] {
         nd::take_along_axis(a, nd::full({1, 1}, 1.0), 1);
       }},
      {"tal_bool", [] { nd::take_along_axis(a, nd::array({{true}}), 1); }},
      {"tal_shape",
       [=] {
         nd::take_along_axis(a, int_zeros({2, 1}), 1);
       }},
      {"tal_axis",
       [=] {
         nd::take_along_axis(a, int_zeros({1, 1}), 2);
       }},
      {"tal_flat_ndim",
       [=] {
         nd::take_along_axis(a, int_zeros({3, 1}), None);
       }},
      {"pal_values_shape",
       [=] {
         nd::put_along_axis(a.copy(), int_zeros({3, 1}), nd::zeros({2}), 1);
       }},
      {"pal_values_ndim",
       [] {
         nd::put_along_axis(a.copy(), nd::array({{1}}), nd::zeros({1, 1, 1, 2}), 1);
       }},
      {"pal_readonly",
       [=] {
         nd::put_along_axis(nd::broadcast_to(a, {3, 4}), int_zeros({3, 1}), 1, 1);
       }},
      {"pal_oob", [] { nd::put_along_axis(a.copy(), nd::array({{7}}), 1, 1); }},
  };
}

// Runs `fn` and checks that it throws NumPy's exception class with NumPy's text.
void expect_numpy_error(const std::string& name, const std::function<void()>& fn,
                        const std::string& cls, const std::string& message) {
  SCOPED_TRACE(name);
  try {
    fn();
    ADD_FAILURE() << "no exception, expected " << cls << ": " << message;
  } catch (const nd::Error& err) {
    EXPECT_EQ(std::string(err.what()), message);
    bool right_class = cls == "AxisError"    ? dynamic_cast<const nd::AxisError*>(&err) != nullptr
                       : cls == "ValueError" ? dynamic_cast<const nd::ValueError*>(&err) != nullptr
                       : cls == "IndexError" ? dynamic_cast<const nd::IndexError*>(&err) != nullptr
                       : cls == "TypeError"  ? dynamic_cast<const nd::TypeError*>(&err) != nullptr
                       : cls == "OverflowError"
                           ? dynamic_cast<const nd::OverflowError*>(&err) != nullptr
                           : false;
    EXPECT_TRUE(right_class) << "expected " << cls;
  }
}

TEST(Rearranging, ErrorsUseNumPysClassesAndWords) {
  auto table = error_cases();
  std::ifstream in(nd_test::fixture_path("rearranging/errors.txt"));
  std::string line;
  std::size_t checked = 0;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string name, cls, message;
    std::getline(fields, name, '\t');
    std::getline(fields, cls, '\t');
    std::getline(fields, message);
    ASSERT_TRUE(table.count(name)) << "no C++ twin for " << name;
    expect_numpy_error(name, table.at(name), cls, message);
    ++checked;
  }
  EXPECT_EQ(checked, table.size());
}

TEST(Rearranging, PutAlongAxisRefusesAnIntegerThatDoesNotFit) {
  // NumPy 2 (NEP 50): a Python int written into a uint8 array must fit; NumPy 1.24 only
  // warned and wrapped.
  Array a = nd::zeros({2, 2}, nd::uint8);
  expect_numpy_error(
      "pal_overflow",
      [&] {
        nd::put_along_axis(a, nd::array({{0}, {1}}), 300, 1);
      },
      "OverflowError", "Python integer 300 out of bounds for uint8");
}

}  // namespace
