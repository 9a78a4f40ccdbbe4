// Creation functions against NumPy (tests/gen_creation.py).
#include <map>

#include "support/test_support.h"

namespace {

class Creation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    expected_ = new std::map<std::string, nd::Array>(
        nd::load_npz(nd_test::fixture_path("creation/creation.npz")));
  }
  static void TearDownTestSuite() { delete expected_; }
  static void check(const std::string& key, const nd::Array& got) {
    SCOPED_TRACE(key);
    EXPECT_TRUE(nd_test::arrays_identical(got, expected_->at(key)));
  }
  static std::map<std::string, nd::Array>* expected_;
};
std::map<std::string, nd::Array>* Creation::expected_ = nullptr;

TEST_F(Creation, Arange) {
  check("arange_10", nd::arange(10));
  check("arange_5_5", nd::arange(5.5));
  check("arange_2_11_3", nd::arange(2, 11, 3));
  check("arange_10_0", nd::arange(10, 0));
  check("arange_10_0_m3", nd::arange(10, 0, -3));
  check("arange_0_1_0p1", nd::arange(0, 1, 0.1));
  check("arange_1_m1_m0p3", nd::arange(1, -1, -0.3));
  check("arange_0p5_7_1p5", nd::arange(0.5, 7, 1.5));
  check("arange_0_5_1_f32", nd::arange(0, 5, 1, nd::float32));
  check("arange_0_1_0p1_f32", nd::arange(0, 1, 0.1, nd::float32));
  check("arange_0_300_1_u8", nd::arange(0, 300, 1).astype(nd::uint8));
  EXPECT_THROW(nd::arange(0, 5, 0), nd::ValueError);
}

TEST_F(Creation, Linspace) {
  check("linspace_0_1_5", nd::linspace(0, 1, 5));
  check("linspace_0_1_7", nd::linspace(0, 1, 7));
  check("linspace_m3_3_1000", nd::linspace(-3, 3, 1000));
  check("linspace_0_1_5_noend", nd::linspace(0, 1, 5, false));
  check("linspace_2_2_4", nd::linspace(2, 2, 4));
  check("linspace_0_1_1", nd::linspace(0, 1, 1));
  check("linspace_0_1_0", nd::linspace(0, 1, 0));
  check("linspace_0_10_4_int", nd::linspace(0, 10, 4, true, nd::int64));
  check("linspace_m1_1_5_f32", nd::linspace(-1, 1, 5, true, nd::float32));
  check("linspace_10_0_6", nd::linspace(10, 0, 6));
  try {
    nd::linspace(0, 1, -1);
    FAIL();
  } catch (const nd::ValueError& e) {
    EXPECT_STREQ(e.what(), "Number of samples, -1, must be non-negative.");
  }
}

TEST_F(Creation, EyeIdentityAndTriangles) {
  check("eye_3", nd::eye(3));
  check("eye_5_3", nd::eye(5, 3));
  check("eye_5_5_3", nd::eye(5, 5, 3));
  check("eye_4_6_m2", nd::eye(4, 6, -2));
  check("eye_3_3_5", nd::eye(3, 3, 5));
  check("eye_3_i32", nd::eye(3, {}, 0, nd::int32));
  check("identity_4_bool", nd::identity(4, nd::bool_));
  nd::Array m = nd::arange(1, 21).reshape({4, 5});
  check("tril_4x5", nd::tril(m));
  check("tril_4x5_k1", nd::tril(m, 1));
  check("tril_4x5_km2", nd::tril(m, -2));
  check("triu_4x5", nd::triu(m));
  check("triu_4x5_k2", nd::triu(m, 2));
  check("triu_2x3x3_km1", nd::triu(nd::arange(18.0).reshape({2, 3, 3}), -1));
  check("tril_1d", nd::tril(nd::array({1, 2, 3})));
}

TEST_F(Creation, FullAndFriends) {
  check("full_2x3_7", nd::full({2, 3}, 7));
  check("full_2_1p5", nd::full({2}, 1.5f));  // a C++ float acts as a Python float
  check("full_2x2_true", nd::full({2, 2}, true));
  check("full_3_250_u8", nd::full({3}, 250, nd::uint8));
  check("full_2_2p7_i32", nd::full({2}, 2.7, nd::int32));
  check("ones_2x2_f32", nd::ones({2, 2}, nd::float32));
  check("zeros_0x3", nd::zeros({0, 3}));
  check("zeros_scalar", nd::zeros({}));
  try {
    nd::full({2}, 300, nd::uint8);
    FAIL();
  } catch (const nd::OverflowError& e) {
    EXPECT_STREQ(e.what(), "Python integer 300 out of bounds for uint8");
  }
  EXPECT_THROW(nd::zeros({2, -1}), nd::ValueError);
  nd::Array a = nd::arange(6).reshape({2, 3});
  EXPECT_EQ(nd::zeros_like(a).dtype(), nd::int64);
  EXPECT_EQ(nd::ones_like(a, nd::float32).dtype(), nd::float32);
  EXPECT_EQ(nd::full_like(a, 2.9).index({0, 0}).item<std::int64_t>(), 2);
  EXPECT_EQ(nd::empty_like(a).shape(), a.shape());
}

TEST_F(Creation, ArrayFromNestedListsAndVectors) {
  check("array_nested3", nd::array({{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}}));
  check("array_nested4", nd::array({{{{1.5}}, {{2.5}}}}));
  check("array_bools", nd::array({true, false, true}));
  check("array_f32", nd::array({1.0f, 2.5f}, nd::float32));
  EXPECT_EQ(nd::array({1.0f, 2.0f}).dtype(), nd::float64);
  nd::Array v = nd::array(std::vector<int>{1, 2, 3, 4, 5, 6}, {2, 3});
  EXPECT_EQ(v.shape(), nd::Shape({2, 3}));
  EXPECT_EQ(v.index({1, 2}).item<int>(), 6);
  try {
    nd::array({{1, 2}, {3}});
    FAIL();
  } catch (const nd::ValueError& e) {
    EXPECT_STREQ(e.what(),
                 "setting an array element with a sequence. The requested array has an "
                 "inhomogeneous shape after 1 dimensions. The detected shape was (2,) + "
                 "inhomogeneous part.");
  }
  try {
    nd::array(std::vector<double>{1, 2, 3}, {2, 2});
    FAIL();
  } catch (const nd::ValueError& e) {
    EXPECT_STREQ(e.what(), "cannot reshape array of size 3 into shape (2,2)");
  }
  EXPECT_THROW(nd::array({1, 300}, nd::uint8), nd::OverflowError);
}

TEST_F(Creation, Meshgrid) {
  nd::Array xs = nd::arange(3), ys = nd::arange(4.0), zs = nd::array({10, 20});
  auto [x1, y1] = nd::meshgrid(xs, ys);
  check("meshgrid_xy_0", x1);
  check("meshgrid_xy_1", y1);
  auto [x2, y2] = nd::meshgrid(xs, ys, "ij");
  check("meshgrid_ij_0", x2);
  check("meshgrid_ij_1", y2);
  auto [x3, y3, z3] = nd::meshgrid(xs, ys, zs);
  check("meshgrid3_xy_0", x3);
  check("meshgrid3_xy_1", y3);
  check("meshgrid3_xy_2", z3);
  auto [x4, y4, z4] = nd::meshgrid(xs, ys, zs, "ij");
  check("meshgrid3_ij_0", x4);
  check("meshgrid3_ij_1", y4);
  check("meshgrid3_ij_2", z4);
  auto [x5] = nd::meshgrid(xs);
  check("meshgrid1_0", x5);
  EXPECT_THROW(nd::meshgrid(xs, ys, "xz"), nd::ValueError);
}

}  // namespace
