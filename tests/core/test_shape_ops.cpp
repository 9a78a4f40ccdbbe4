// Shape operations against NumPy (tests/gen_shape_ops.py): shape, byte strides,
// contiguity flags, whether the result is a view, and the values; plus error texts.
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "support/test_support.h"

namespace {

using nd::None;
using nd::Slice;

std::string tuple_text(const nd::Shape& s) {  // the generator's "(2,3)" / "(24)" form
  std::ostringstream out;
  out << "(";
  for (std::size_t i = 0; i < s.size(); ++i) out << (i ? "," : "") << s[i];
  out << ")";
  return out.str();
}

struct Inputs {
  nd::Array a = nd::arange(24).reshape({2, 3, 4});
  nd::Array t = a.transpose({2, 0, 1});
  nd::Array r = a.index({Slice(), Slice(None, None, -1), Slice(None, None, 2)});
  nd::Array f32 = nd::arange(0, 12, 1, nd::float32).reshape({3, 4});
};

// Each generator case as C++, with the input it is compared to for shares_memory.
std::map<std::string, std::function<std::pair<nd::Array, nd::Array>(const Inputs&)>> cases() {
  using P = std::pair<nd::Array, nd::Array>;
  nd::Array none;
  return {
      {"a", [](const Inputs& i) { return P{i.a, i.a}; }},
      {"a_reshape_6_4", [](const Inputs& i) { return P{i.a.reshape({6, 4}), i.a}; }},
      {"a_reshape_m1", [](const Inputs& i) { return P{i.a.reshape({-1}), i.a}; }},
      {"a_reshape_4_m1_2", [](const Inputs& i) { return P{i.a.reshape({4, -1, 2}), i.a}; }},
      {"a_reshape_1_24_1", [](const Inputs& i) { return P{i.a.reshape({1, 24, 1}), i.a}; }},
      {"t_reshape_4_6", [](const Inputs& i) { return P{i.t.reshape({4, 6}), i.t}; }},
      {"t_reshape_4_2_3", [](const Inputs& i) { return P{i.t.reshape({4, 2, 3}), i.t}; }},
      {"t_reshape_2_2_6", [](const Inputs& i) { return P{i.t.reshape({2, 2, 6}), i.t}; }},
      {"r_reshape_m1", [](const Inputs& i) { return P{i.r.reshape({-1}), i.r}; }},
      {"r_reshape_2_6", [](const Inputs& i) { return P{i.r.reshape({2, 6}), i.r}; }},
      {"a_T", [](const Inputs& i) { return P{i.a.T(), i.a}; }},
      {"a_transpose_1_0_2", [](const Inputs& i) { return P{i.a.transpose({1, 0, 2}), i.a}; }},
      {"a_swapaxes_0_2", [](const Inputs& i) { return P{nd::swapaxes(i.a, 0, 2), i.a}; }},
      {"a_swapaxes_m1_1", [](const Inputs& i) { return P{nd::swapaxes(i.a, -1, 1), i.a}; }},
      {"a_moveaxis_0_m1", [](const Inputs& i) { return P{nd::moveaxis(i.a, 0, -1), i.a}; }},
      {"a_moveaxis_m1_0", [](const Inputs& i) { return P{nd::moveaxis(i.a, -1, 0), i.a}; }},
      {"a_moveaxis_01_m1m2",
       [](const Inputs& i) { return P{nd::moveaxis(i.a, {0, 1}, {-1, -2}), i.a}; }},
      {"a_expand_0", [](const Inputs& i) { return P{nd::expand_dims(i.a, 0), i.a}; }},
      {"a_expand_m1", [](const Inputs& i) { return P{nd::expand_dims(i.a, -1), i.a}; }},
      {"a_expand_0_3", [](const Inputs& i) { return P{nd::expand_dims(i.a, {0, 3}), i.a}; }},
      {"t_expand_1", [](const Inputs& i) { return P{nd::expand_dims(i.t, 1), i.t}; }},
      {"sq_all",
       [](const Inputs& i) { return P{nd::squeeze(i.a.reshape({1, 2, 1, 12, 1})), i.a}; }},
      {"sq_2",
       [](const Inputs& i) { return P{nd::squeeze(i.a.reshape({1, 2, 1, 12, 1}), 2), i.a}; }},
      {"sq_0_m1",
       [](const Inputs& i) {
         return P{nd::squeeze(i.a.reshape({1, 2, 1, 12, 1}), {0, -1}), i.a};
       }},
      {"bcast_row", [none](const Inputs&) { return P{nd::broadcast_to(nd::arange(4), {3, 4}), none}; }},
      {"bcast_col",
       [none](const Inputs&) {
         return P{nd::broadcast_to(nd::arange(3).reshape({3, 1}), {2, 3, 5}), none};
       }},
      {"a_ravel", [](const Inputs& i) { return P{i.a.ravel(), i.a}; }},
      {"t_ravel", [](const Inputs& i) { return P{nd::ravel(i.t), i.t}; }},
      {"r_ravel", [](const Inputs& i) { return P{i.r.ravel(), i.r}; }},
      {"t_flatten", [](const Inputs& i) { return P{i.t.flatten(), i.t}; }},
      {"a_flatten", [](const Inputs& i) { return P{i.a.flatten(), i.a}; }},
      {"t_contig", [](const Inputs& i) { return P{nd::ascontiguousarray(i.t), i.t}; }},
      {"a_contig", [](const Inputs& i) { return P{nd::ascontiguousarray(i.a), i.a}; }},
      {"r_contig", [](const Inputs& i) { return P{nd::ascontiguousarray(i.r), i.r}; }},
      {"a_fortran", [](const Inputs& i) { return P{nd::asfortranarray(i.a), i.a}; }},
      {"t_copy", [](const Inputs& i) { return P{i.t.copy(), i.t}; }},
      {"f32_T_astype", [](const Inputs& i) { return P{i.f32.T().astype(nd::float64), i.f32}; }},
      {"r_astype", [](const Inputs& i) { return P{i.r.astype(nd::float32), i.r}; }},
      {"atleast2d_1d", [none](const Inputs&) { return P{nd::atleast_2d(nd::arange(3)), none}; }},
      {"atleast3d_2d", [](const Inputs& i) { return P{nd::atleast_3d(i.f32), i.f32}; }},
      {"zeros_3_1", [none](const Inputs&) { return P{nd::zeros({3, 1}), none}; }},
      {"zeros_1_3_T", [none](const Inputs&) { return P{nd::zeros({1, 3}).T(), none}; }},
      {"empty_0_3", [none](const Inputs&) { return P{nd::zeros({0, 3}), none}; }},
  };
}

TEST(ShapeOps, MatchNumPyStridesFlagsAndViews) {
  auto values = nd::load_npz(nd_test::fixture_path("shape_ops/values.npz"));
  auto table = cases();
  std::ifstream in(nd_test::fixture_path("shape_ops/cases.txt"));
  std::string line;
  Inputs inputs;
  int n = 0;
  while (std::getline(in, line)) {
    std::istringstream ss(line);
    std::string name, shape, strides, shares;
    int c, f;
    ss >> name >> shape >> strides >> c >> f >> shares;
    SCOPED_TRACE(name);
    ASSERT_TRUE(table.count(name)) << "no C++ twin for " << name;
    auto [result, input] = table.at(name)(inputs);
    EXPECT_EQ(tuple_text(result.shape()), shape);
    EXPECT_EQ(tuple_text(result.strides()), strides);
    EXPECT_EQ(result.flags().c_contiguous, c == 1);
    EXPECT_EQ(result.flags().f_contiguous, f == 1);
    if (shares != "-") {
      EXPECT_EQ(nd::shares_memory(result, input), shares == "1");
    }
    EXPECT_TRUE(nd_test::arrays_identical(result, values.at(name)));
    ++n;
  }
  EXPECT_EQ(n, int(table.size()));
}

template <class Fn>
void expect_error(Fn fn, const std::string& message) {
  try {
    fn();
    ADD_FAILURE() << "no exception, expected: " << message;
  } catch (const nd::Error& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

TEST(ShapeOps, ErrorsUseNumPysWords) {
  nd::Array a = nd::arange(6).reshape({2, 3});
  expect_error([&] { a.reshape({4, 2}); }, "cannot reshape array of size 6 into shape (4,2)");
  expect_error([&] { a.reshape({4, -1}); }, "cannot reshape array of size 6 into shape (4,newaxis)");
  expect_error([&] { a.reshape({-1, -1}); }, "can only specify one unknown dimension");
  expect_error([&] { a.transpose({0, 0}); }, "repeated axis in transpose");
  expect_error([&] { a.transpose({0}); }, "axes don't match array");
  expect_error([&] { nd::squeeze(a, 0); },
               "cannot select an axis to squeeze out which has size not equal to one");
  expect_error([&] { nd::expand_dims(a, 3); }, "axis 3 is out of bounds for array of dimension 3");
  expect_error([&] { nd::swapaxes(a, 0, 2); }, "axis2: axis 2 is out of bounds for array of dimension 2");
  expect_error([&] { nd::moveaxis(a, {0, 0}, {0, 1}); }, "duplicate value in 'axis'");
  expect_error([&] { nd::broadcast_to(nd::arange(3), {4}); },
               "operands could not be broadcast together with remapped shapes "
               "[original->remapped]: (3,)  and requested shape (4,)");
  expect_error([&] { nd::broadcast_shapes({{64, 120, 32}, {120}}); },
               "operands could not be broadcast together with shapes (64,120,32) (120,) ");
  EXPECT_THROW(nd::squeeze(a, 5), nd::AxisError);
  // AxisError is both a ValueError and an IndexError, as in NumPy.
  EXPECT_THROW(nd::squeeze(a, 5), nd::ValueError);
  EXPECT_THROW(nd::squeeze(a, 5), nd::IndexError);
}

TEST(ShapeOps, BroadcastShapesTable) {
  // Pairs from NumPy's test_stride_tricks.py.
  struct Row {
    nd::Shape a, b, out;
  };
  std::vector<Row> rows = {{{1}, {5}, {5}},         {{5}, {1}, {5}},
                           {{1, 5}, {5}, {1, 5}},   {{5, 1}, {1, 6}, {5, 6}},
                           {{0, 1}, {1, 3}, {0, 3}}, {{}, {3, 4}, {3, 4}},
                           {{6, 7}, {5, 6, 1}, {5, 6, 7}}, {{1, 1, 1}, {3}, {1, 1, 3}},
                           {{0}, {1}, {0}},         {{3, 1}, {0}, {3, 0}}};
  for (const Row& r : rows) EXPECT_EQ(nd::broadcast_shapes({r.a, r.b}), r.out);
  EXPECT_THROW(nd::broadcast_shapes({{3}, {4}}), nd::ValueError);
  EXPECT_THROW(nd::broadcast_shapes({{2, 1}, {8, 4, 3}}), nd::ValueError);
}

TEST(ShapeOps, BaseAndOwnership) {
  nd::Array a = nd::arange(6);
  nd::Array v = a.reshape({2, 3}).T();
  EXPECT_TRUE(a.flags().owndata);
  EXPECT_FALSE(v.flags().owndata);
  ASSERT_TRUE(v.base().has_value());
  EXPECT_EQ(v.base()->storage(), a.storage());
  EXPECT_FALSE(a.base().has_value());
  EXPECT_FALSE(nd::shares_memory(a.index({Slice(None, None, 2)}), a.index({Slice(1, None, 2)})));
  EXPECT_TRUE(nd::may_share_memory(a.index({Slice(None, None, 2)}), a.index({Slice(1, None, 2)})));
}

}  // namespace
