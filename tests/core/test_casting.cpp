// astype between every pair of dtypes on special values, against NumPy
// (tests/gen_casting.py), plus promotion and casting-rule tables.
#include <map>

#include "support/test_support.h"

namespace {

const char* kNames[] = {"bool", "uint8", "int32", "int64", "float32", "float64"};

TEST(Casting, AstypeMatchesNumPyForEveryPair) {
  auto fx = nd::load_npz(nd_test::fixture_path("casting/casting.npz"));
  for (const char* src : kNames) {
    const nd::Array& input = fx.at(src);
    for (const char* dst : kNames) {
      SCOPED_TRACE(std::string(src) + " -> " + dst);
      nd::DType d = nd::dtype_from_name(dst);
      EXPECT_TRUE(nd_test::arrays_identical(input.astype(d), fx.at(std::string(src) + "_to_" + dst)));
      // The same conversion through a reversed, strided view.
      nd::Array reversed = input.index({nd::Slice(nd::None, nd::None, -1)});
      nd::Array expected = fx.at(std::string(src) + "_to_" + dst).index({nd::Slice(nd::None, nd::None, -1)});
      EXPECT_TRUE(nd_test::arrays_identical(reversed.astype(d), expected.copy()));
    }
  }
}

TEST(Casting, PromotionTableIsNumPys) {
  using nd::promote_types;
  EXPECT_EQ(promote_types(nd::uint8, nd::int32), nd::int32);
  EXPECT_EQ(promote_types(nd::int32, nd::float32), nd::float64);
  EXPECT_EQ(promote_types(nd::int64, nd::float32), nd::float64);
  EXPECT_EQ(promote_types(nd::uint8, nd::float32), nd::float32);
  EXPECT_EQ(promote_types(nd::bool_, nd::uint8), nd::uint8);
  EXPECT_EQ(promote_types(nd::float32, nd::float64), nd::float64);
  for (const char* a : kNames)
    for (const char* b : kNames)
      EXPECT_EQ(promote_types(nd::dtype_from_name(a), nd::dtype_from_name(b)),
                promote_types(nd::dtype_from_name(b), nd::dtype_from_name(a)));
}

TEST(Casting, WeakScalarsFollowNep50) {
  nd::Array u8 = nd::full({2}, 250, nd::uint8);
  EXPECT_EQ(nd::result_type(u8, 50), nd::uint8);
  EXPECT_EQ(nd::result_type(u8, 2.5), nd::float64);
  EXPECT_EQ(nd::result_type(nd::ones({2}, nd::float32), 2.0), nd::float32);
  EXPECT_EQ(nd::result_type(nd::ones({2}, nd::bool_), 3), nd::int64);
  EXPECT_EQ(nd::result_type(nd::ones({2}, nd::int32), nd::scalar(std::int64_t(3))), nd::int64);
  EXPECT_EQ((u8 + 50).index({0}).item<int>(), 44);
  try {
    u8 + 300;
    FAIL();
  } catch (const nd::OverflowError& e) {
    EXPECT_STREQ(e.what(), "Python integer 300 out of bounds for uint8");
  }
  EXPECT_THROW(u8 + -1, nd::OverflowError);  // NumPy 2 refuses negative ints for uint8
}

TEST(Casting, CastingRules) {
  EXPECT_TRUE(nd::can_cast(nd::int32, nd::float64));
  EXPECT_FALSE(nd::can_cast(nd::int64, nd::float32));
  EXPECT_TRUE(nd::can_cast(nd::float64, nd::float32, nd::Casting::SameKind));
  EXPECT_FALSE(nd::can_cast(nd::float64, nd::int64, nd::Casting::SameKind));
  EXPECT_FALSE(nd::can_cast(nd::int32, nd::uint8, nd::Casting::SameKind));
  EXPECT_TRUE(nd::can_cast(nd::uint8, nd::int32, nd::Casting::Safe));
  EXPECT_THROW(nd::dtype_from_name("complex128"), nd::TypeError);
}

TEST(Casting, TypedAccessChecksTheDtype) {
  nd::Array a = nd::zeros({2});
  EXPECT_NO_THROW(a.data<double>());
  EXPECT_THROW(a.data<float>(), nd::TypeError);
  EXPECT_THROW(a.item<double>(), nd::ValueError);
}

}  // namespace
