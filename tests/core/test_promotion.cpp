// Type promotion and broadcasting of the ufuncs: NumPy's array-array table for all 36
// dtype pairs (np.result_type, from tests/gen_ufuncs.py), NumPy 2's weak-scalar rules
// (the cases of numpy/_core/tests/test_nep50_promotions.py, ported by hand: Debian's
// NumPy 1.24 still promotes scalars by value), out-of-range integers, the same_kind check
// of in-place operators, and the broadcasting tables of numpy/lib/tests/test_stride_tricks.py.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>

#include "support/test_support.h"

namespace {

template <class Fn>
std::string error_of(Fn fn) {
  try {
    fn();
  } catch (const nd::Error& e) {
    return e.what();
  }
  return "no error";
}

// --- the array-array table ---------------------------------------------------------------

TEST(Promotion, ArrayArrayTableIsNumPys) {
  auto fx = nd::load_npz(nd_test::fixture_path("ufuncs/ufuncs.npz"));
  const nd::Array& bytes = fx.at("promotion");
  std::istringstream table(std::string(reinterpret_cast<const char*>(bytes.bytes()), bytes.size()));
  std::string a, b, expected;
  int pairs = 0;
  while (table >> a >> b >> expected) {
    SCOPED_TRACE(a + " " + b);
    const nd::DType da = nd::dtype_from_name(a), db = nd::dtype_from_name(b);
    const nd::DType want = nd::dtype_from_name(expected);
    EXPECT_EQ(nd::promote_types(da, db), want);
    EXPECT_EQ(nd::result_type(nd::zeros({2}, da), nd::zeros({2}, db)), want);
    // 0-d arrays are strong operands in NumPy 2 (1.24 would look at their values).
    EXPECT_EQ(nd::result_type(nd::zeros({}, da), nd::zeros({3}, db)), want);
    EXPECT_EQ(nd::maximum(nd::zeros({2}, da), nd::zeros({}, db)).dtype(), want);
    ++pairs;
  }
  EXPECT_EQ(pairs, 36);
}

// --- NEP 50 -----------------------------------------------------------------------------

// test_nep50_examples. NumPy scalars (np.int64(1)) are strong, like ndgrad's 0-d arrays;
// Python scalars are weak, like C++ scalars.
TEST(Promotion, Nep50Examples) {
  nd::Array u8 = nd::full({}, 1, nd::uint8);
  EXPECT_EQ((u8 + 2).dtype(), nd::uint8);
  EXPECT_EQ((nd::full({1}, 1, nd::uint8) + nd::scalar(std::int64_t(1))).dtype(), nd::int64);
  EXPECT_EQ((nd::full({1}, 1, nd::uint8) + nd::full({}, 1, nd::int64)).dtype(), nd::int64);
  nd::Array wrapped = nd::full({}, 100, nd::uint8) + 200;  // overflows, as NumPy warns
  EXPECT_EQ(wrapped.dtype(), nd::uint8);
  EXPECT_EQ(wrapped.item<int>(), 44);
  nd::Array inf = nd::full({}, 1, nd::float32) + 3e100;
  EXPECT_EQ(inf.dtype(), nd::float32);
  EXPECT_EQ(inf.item<float>(), INFINITY);
  nd::Array f32 = nd::full({1}, 0.1, nd::float32);
  EXPECT_FALSE((f32 == nd::scalar(0.1)).item<bool>());  // compared in float64
  EXPECT_TRUE((f32 == 0.1).item<bool>());               // the weak 0.1 becomes float32
  EXPECT_EQ((f32 + nd::scalar(0.1)).dtype(), nd::float64);
  EXPECT_EQ((nd::full({1}, 1.0, nd::float32) + nd::scalar(std::int64_t(3))).dtype(), nd::float64);
  EXPECT_EQ((nd::full({1}, 1.0, nd::float32) + 3).dtype(), nd::float32);
}

// test_nep50_weak_integers: array(100, dtype) + maxint keeps the dtype (and wraps).
TEST(Promotion, WeakIntegersKeepTheArrayDtype) {
  nd::Array u8 = nd::full({}, 100, nd::uint8) + 255;
  EXPECT_EQ(u8.dtype(), nd::uint8);
  EXPECT_EQ(u8.item<int>(), 99);
  nd::Array i32 = nd::full({}, 100, nd::int32) + std::numeric_limits<std::int32_t>::max();
  EXPECT_EQ(i32.dtype(), nd::int32);
  EXPECT_EQ(i32.item<std::int32_t>(), -2147483549);
  nd::Array i64 = nd::full({}, 100, nd::int64) + std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(i64.dtype(), nd::int64);
  EXPECT_EQ(i64.item<std::int64_t>(), std::numeric_limits<std::int64_t>::min() + 99);
}

// test_weak_promotion_scalar_path, for add and power.
TEST(Promotion, WeakScalarPaths) {
  nd::Array three = nd::full({}, 3, nd::uint8);
  EXPECT_EQ(nd::add(three, 5).dtype(), nd::uint8);
  EXPECT_EQ(nd::add(three, 5).item<int>(), 8);
  EXPECT_EQ(nd::power(three, 5).dtype(), nd::uint8);
  EXPECT_EQ(nd::power(three, 5).item<int>(), 243);
  EXPECT_THROW(nd::add(three, 1000), nd::OverflowError);
  EXPECT_THROW(nd::power(three, 1000), nd::OverflowError);
  nd::Array f = nd::full({}, 3.0, nd::float32);
  EXPECT_EQ(nd::add(f, 5.0).dtype(), nd::float32);
  EXPECT_EQ(nd::add(f, 5.0).item<float>(), 8.0f);
  EXPECT_EQ(nd::power(f, 5.0).dtype(), nd::float32);
  EXPECT_EQ(nd::power(f, 5.0).item<float>(), 243.0f);
  // Scalars alone: the default dtype of the highest kind.
  EXPECT_EQ(nd::add(2, 3).dtype(), nd::int64);
  EXPECT_EQ(nd::add(2, 0.5).dtype(), nd::float64);
  EXPECT_EQ(nd::add(true, false).dtype(), nd::bool_);
  EXPECT_EQ(nd::add(true, 2).dtype(), nd::int64);
  // Kinds: a weak scalar of a higher kind takes its default dtype.
  EXPECT_EQ((nd::ones({2}, nd::bool_) + 1).dtype(), nd::int64);
  EXPECT_EQ((nd::ones({2}, nd::bool_) + 1.5).dtype(), nd::float64);
  EXPECT_EQ((nd::ones({2}, nd::uint8) + 1.5).dtype(), nd::float64);
  EXPECT_EQ((nd::ones({2}, nd::int32) + true).dtype(), nd::int32);
  EXPECT_EQ((nd::ones({2}, nd::float32) + std::int64_t(1) * 5).dtype(), nd::float32);
  EXPECT_EQ(nd::result_type({nd::ones({2}, nd::uint8), 1, 2.0, true}), nd::float64);
}

// test_expected_promotion (the cases expressible with ndgrad's dtypes), all orders.
TEST(Promotion, ExpectedPromotionInAnyOrder) {
  std::vector<nd::ArrayLike> ops = {
      nd::ones({1}, nd::float32), 0.0, nd::ones({1}, nd::uint8), 0, true, nd::ones({1}, nd::bool_)};
  std::vector<int> order = {0, 1, 2, 3, 4, 5};
  do {
    std::vector<nd::ArrayLike> permuted;
    for (int i : order) permuted.push_back(ops[i]);
    EXPECT_EQ(nd::result_type(permuted), nd::float32);
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_EQ(nd::result_type({nd::ones({1}, nd::uint8), nd::ones({1}, nd::bool_), 7}), nd::uint8);
  EXPECT_EQ(nd::result_type({nd::ones({1}, nd::uint8), nd::ones({1}, nd::int32), 0, true}),
            nd::int32);
}

// test_nep50_integer_conversion_errors and test_nep50_huge_integers.
TEST(Promotion, OutOfRangePythonIntegers) {
  nd::Array u8 = nd::ones({1}, nd::uint8);
  EXPECT_EQ(error_of([&] { u8 + 300; }), "Python integer 300 out of bounds for uint8");
  EXPECT_EQ(error_of([&] { u8 + -1; }), "Python integer -1 out of bounds for uint8");
  EXPECT_EQ(error_of([&] { nd::full({}, 1, nd::uint8) + 300; }),
            "Python integer 300 out of bounds for uint8");
  EXPECT_EQ(error_of([&] { nd::ones({1}, nd::int32) * (std::int64_t(1) << 40); }),
            "Python integer 1099511627776 out of bounds for int32");
  EXPECT_THROW(u8 + 300, nd::OverflowError);
  // C++ unsigned 64-bit values above int64's range are Python ints no dtype holds.
  const std::uint64_t two63 = std::uint64_t(1) << 63;
  EXPECT_EQ(error_of([&] { nd::add(nd::zeros({}, nd::int64), two63); }),
            "Python integer 9223372036854775808 out of bounds for int64");
  EXPECT_EQ(error_of([&] { nd::power(nd::ones({}, nd::int64), two63); }),
            "Python integer 9223372036854775808 out of bounds for int64");
  EXPECT_EQ(error_of([&] { nd::add(nd::ones({2}, nd::bool_), ~std::uint64_t(0)); }),
            "Python integer 18446744073709551615 out of bounds for int64");
  nd::Array as_float = nd::add(1.0, two63);
  EXPECT_EQ(as_float.dtype(), nd::float64);
  EXPECT_EQ(as_float.item<double>(), 9223372036854775808.0);
  EXPECT_EQ(nd::multiply(nd::ones({1}, nd::float32), two63).dtype(), nd::float32);
  // Within range, the values convert exactly and never silently wrap.
  EXPECT_EQ(nd::add(nd::zeros({}, nd::int64), std::uint64_t(5)).item<std::int64_t>(), 5);
  EXPECT_NO_THROW(nd::add(u8, 255));
  EXPECT_NO_THROW(nd::add(u8, 0));
}

// test_integer_comparison: comparing with any integer gives the mathematical answer,
// even when the integer is outside the array's dtype.
TEST(Promotion, ComparisonsWithOutOfRangeIntegers) {
  const std::int64_t others[] = {-200, -1, 0, 9, 10, 11, 200, std::int64_t(1) << 40};
  for (nd::DType d : {nd::uint8, nd::int32, nd::int64}) {
    const nd::Array ten = nd::full({2}, 10, d);
    for (std::int64_t other : others) {
      SCOPED_TRACE(std::string(nd::name(d)) + " vs " + std::to_string(other));
      EXPECT_EQ(nd::equal(ten, other).index({0}).item<bool>(), 10 == other);
      EXPECT_EQ(nd::not_equal(ten, other).index({0}).item<bool>(), 10 != other);
      EXPECT_EQ(nd::less(ten, other).index({0}).item<bool>(), 10 < other);
      EXPECT_EQ(nd::less_equal(ten, other).index({1}).item<bool>(), 10 <= other);
      EXPECT_EQ(nd::greater(other, ten).index({0}).item<bool>(), other > 10);
      EXPECT_EQ(nd::greater_equal(other, ten).index({1}).item<bool>(), other >= 10);
      EXPECT_EQ(nd::equal(ten, other).dtype(), nd::bool_);
    }
    const std::uint64_t two63 = std::uint64_t(1) << 63;
    EXPECT_TRUE(nd::all(nd::less(ten, two63)).item<bool>());
    EXPECT_FALSE(nd::any(nd::equal(ten, two63)).item<bool>());
  }
  // test_integer_comparison_with_cast: unsigned arrays against -1.
  nd::Array strided = nd::ones({100, 100}, nd::uint8).index({nd::Slice(nd::None, nd::None, 2)});
  EXPECT_TRUE(nd::all(strided >= -1).item<bool>());
  EXPECT_FALSE(nd::any(strided < -1).item<bool>());
  // Other functions still refuse the integer.
  EXPECT_THROW(nd::maximum(nd::ones({2}, nd::uint8), 300), nd::OverflowError);
  EXPECT_THROW(nd::logical_and(nd::ones({2}, nd::uint8), 300), nd::OverflowError);
}

// --- in-place operators ---------------------------------------------------------------------

TEST(Promotion, InPlaceOperatorsCastWithSameKind) {
  nd::Array i64 = nd::arange(3);
  EXPECT_EQ(error_of([&] { i64 *= 1.5; }),
            "Cannot cast ufunc 'multiply' output from dtype('float64') to dtype('int64') with "
            "casting rule 'same_kind'");
  nd::Array i32 = nd::arange(3, nd::int32);
  EXPECT_EQ(error_of([&] { i32 += 2.5; }),
            "Cannot cast ufunc 'add' output from dtype('float64') to dtype('int32') with "
            "casting rule 'same_kind'");
  nd::Array u8 = nd::arange(3, nd::uint8);
  EXPECT_EQ(error_of([&] { u8 += nd::ones({3}, nd::int32); }),
            "Cannot cast ufunc 'add' output from dtype('int32') to dtype('uint8') with casting "
            "rule 'same_kind'");
  nd::Array b = nd::ones({3}, nd::bool_);
  EXPECT_EQ(error_of([&] { b += 1; }),
            "Cannot cast ufunc 'add' output from dtype('int64') to dtype('bool') with casting "
            "rule 'same_kind'");
  EXPECT_EQ(error_of([&] { i64 /= 2; }),
            "Cannot cast ufunc 'divide' output from dtype('float64') to dtype('int64') with "
            "casting rule 'same_kind'");
  // Within a kind, narrowing is allowed (and wraps); the array keeps its dtype.
  i32 += nd::full({3}, std::int64_t(1) << 32, nd::int64);
  EXPECT_EQ(i32.dtype(), nd::int32);
  EXPECT_EQ(i32.index({2}).item<int>(), 2);
  nd::Array f32 = nd::ones({3}, nd::float32);
  f32 *= nd::full({3}, 0.1);  // float64 operand: computed in float64, stored as float32
  EXPECT_EQ(f32.dtype(), nd::float32);
  EXPECT_EQ(f32.index({0}).item<float>(), 0.1f);
  u8 += 255;  // a weak int that fits: uint8 arithmetic, wrapping
  EXPECT_EQ(u8.index({2}).item<int>(), 1);
  EXPECT_EQ(u8.dtype(), nd::uint8);
  b |= false;
  EXPECT_TRUE(nd::all(b).item<bool>());
}

// --- broadcasting (numpy/lib/tests/test_stride_tricks.py) ------------------------------

using Shapes = std::vector<nd::Shape>;

// The shape of a ufunc over operands of these shapes: binary add for two, where for three.
nd::Shape ufunc_shape(const Shapes& shapes) {
  if (shapes.size() == 1) return nd::negative(nd::zeros(shapes[0])).shape();
  if (shapes.size() == 2) return nd::add(nd::zeros(shapes[0]), nd::zeros(shapes[1])).shape();
  return nd::where(nd::zeros(shapes[0], nd::bool_), nd::zeros(shapes[1]), nd::zeros(shapes[2]))
      .shape();
}

TEST(Promotion, SameInputShapes) {
  const Shapes data = {{}, {1}, {3}, {0, 1}, {0, 3}, {1, 0}, {3, 0}, {1, 3}, {3, 1}, {3, 3}};
  for (const nd::Shape& s : data) {
    EXPECT_EQ(ufunc_shape({s}), s);
    EXPECT_EQ(ufunc_shape({s, s}), s);
    EXPECT_EQ(ufunc_shape({s, s, s}), s);
  }
}

struct BroadcastCase {
  nd::Shape a, b, expected;
};

// test_two_compatible_by_ones_input_shapes and ..._by_prepending_ones_input_shapes.
const std::vector<BroadcastCase>& compatible_pairs() {
  static const std::vector<BroadcastCase> pairs = {
      {{1}, {3}, {3}},          {{1, 3}, {3, 3}, {3, 3}}, {{3, 1}, {3, 3}, {3, 3}},
      {{1, 3}, {3, 1}, {3, 3}}, {{1, 1}, {3, 3}, {3, 3}}, {{1, 1}, {1, 3}, {1, 3}},
      {{1, 1}, {3, 1}, {3, 1}}, {{1, 0}, {0, 0}, {0, 0}}, {{0, 1}, {0, 0}, {0, 0}},
      {{1, 0}, {0, 1}, {0, 0}}, {{1, 1}, {0, 0}, {0, 0}}, {{1, 1}, {1, 0}, {1, 0}},
      {{1, 1}, {0, 1}, {0, 1}}, {{}, {3}, {3}},           {{3}, {3, 3}, {3, 3}},
      {{3}, {3, 1}, {3, 3}},    {{1}, {3, 3}, {3, 3}},    {{}, {3, 3}, {3, 3}},
      {{1, 1}, {3}, {1, 3}},    {{1}, {3, 1}, {3, 1}},    {{1}, {1, 3}, {1, 3}},
      {{}, {1, 3}, {1, 3}},     {{}, {3, 1}, {3, 1}},     {{}, {0}, {0}},
      {{0}, {0, 0}, {0, 0}},    {{0}, {0, 1}, {0, 0}},    {{1}, {0, 0}, {0, 0}},
      {{}, {0, 0}, {0, 0}},     {{1, 1}, {0}, {1, 0}},    {{1}, {0, 1}, {0, 1}},
      {{1}, {1, 0}, {1, 0}},    {{}, {1, 0}, {1, 0}},     {{}, {0, 1}, {0, 1}},
  };
  return pairs;
}

TEST(Promotion, CompatibleShapesBroadcastSymmetrically) {
  for (const BroadcastCase& c : compatible_pairs()) {
    EXPECT_EQ(ufunc_shape({c.a, c.b}), c.expected);
    EXPECT_EQ(ufunc_shape({c.b, c.a}), c.expected);
  }
}

TEST(Promotion, IncompatibleShapesRaiseNumPysError) {
  const std::vector<std::pair<Shapes, std::string>> data = {
      {{{3}, {4}}, "(3,) (4,) "},
      {{{2, 3}, {2}}, "(2,3) (2,) "},
      {{{3}, {3}, {4}}, "(3,) (3,) (4,) "},
      {{{1, 3, 4}, {2, 3, 3}}, "(1,3,4) (2,3,3) "},
  };
  for (const auto& [shapes, text] : data) {
    EXPECT_EQ(error_of([&] { ufunc_shape(shapes); }),
              "operands could not be broadcast together with shapes " + text);
    Shapes reversed(shapes.rbegin(), shapes.rend());
    EXPECT_THROW(ufunc_shape(reversed), nd::ValueError);
  }
}

// test_same_as_ufunc: zeros(a) + arange(b) equals b's values broadcast, also transposed
// and with every axis reversed (negative strides).
TEST(Promotion, BroadcastValuesAsUfunc) {
  for (const BroadcastCase& c : compatible_pairs()) {
    for (bool transpose : {false, true}) {
      for (bool flip : {false, true}) {
        if (flip && (c.a.empty() || c.b.empty())) continue;
        SCOPED_TRACE(nd::to_string(c.a) + " " + nd::to_string(c.b) + (transpose ? " T" : "") +
                     (flip ? " flipped" : ""));
        nd::Array x0 = nd::zeros(c.a);
        nd::Array x1 = nd::arange(c.b.product()).reshape(c.b).astype(nd::float64);
        if (transpose) x0 = x0.T(), x1 = x1.T();
        if (flip) {
          x0 = x0.index({nd::Slice(nd::None, nd::None, -1)});
          x1 = x1.index({nd::Slice(nd::None, nd::None, -1)});
        }
        for (const nd::Array& y : {nd::add(x0, x1), nd::add(x1, x0)}) {
          if (!transpose) {
            EXPECT_EQ(y.shape(), c.expected);
          }
          EXPECT_TRUE(nd_test::arrays_identical(y, nd::broadcast_to(x1, y.shape()).copy()));
        }
      }
    }
  }
}

}  // namespace
