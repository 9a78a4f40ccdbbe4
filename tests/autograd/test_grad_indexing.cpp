// gradcheck for the views (reshape, transpose, moveaxis, swapaxes, expand_dims,
// squeeze, broadcast_to, ravel/flatten), indexing (basic slicing with negative steps,
// None and Ellipsis; integer-array gathers with repeats; boolean masks), the functional
// index_put, take_along_axis, and concatenate / stack / split.
#include <functional>

#include "autograd_test_support.h"

namespace {

using ag::Tensor;
using ag_test::gradcheck_ok;
using ag_test::param;
using nd::Ellipsis;
using nd::None;
using nd::Slice;
using Inputs = std::vector<Tensor>;

TEST(GradIndexing, Views) {
  Tensor x = param({2, 3, 4}, 1);
  const std::vector<std::pair<const char*, std::function<Tensor(const Tensor&)>>> views = {
      {"reshape",
       [](const Tensor& t) {
         return t.reshape({4, -1});
       }},
      {"reshape of a transpose (copies)", [](const Tensor& t) { return ag::reshape(t.T(), {-1}); }},
      {"ravel", [](const Tensor& t) { return ag::ravel(t.T()); }},
      {"flatten", [](const Tensor& t) { return t.flatten(); }},
      {"transpose", [](const Tensor& t) { return ag::transpose(t); }},
      {"transpose axes",
       [](const Tensor& t) {
         return ag::transpose(t, {1, -1, 0});
       }},
      {"swapaxes", [](const Tensor& t) { return ag::swapaxes(t, 0, -1); }},
      {"moveaxis", [](const Tensor& t) { return ag::moveaxis(t, -1, 0); }},
      {"moveaxis list",
       [](const Tensor& t) {
         return ag::moveaxis(t, {0, 1}, {2, 0});
       }},
      {"expand_dims",
       [](const Tensor& t) {
         return ag::expand_dims(t, {0, 2});
       }},
      {"squeeze", [](const Tensor& t) { return ag::squeeze(ag::expand_dims(t, 1), 1); }},
      {"squeeze all",
       [](const Tensor& t) {
         return ag::squeeze(t.reshape({1, 24, 1}));
       }},
      {"broadcast_to",
       [](const Tensor& t) {
         return ag::broadcast_to(t, {5, 2, 3, 4});
       }},
      {"broadcast_to size-1",
       [](const Tensor& t) {
         return ag::broadcast_to(t.index({Slice(), Slice(0, 1)}), {2, 3, 4});
       }},
      {"copy", [](const Tensor& t) { return t.copy(); }},
  };
  for (const auto& [name, view] : views) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(gradcheck_ok([&](const Inputs& in) { return view(in[0]); }, {x}));
  }
}

TEST(GradIndexing, AstypeCastsTheGradientBack) {
  Tensor x(nd::array({1.0, 2.0}), true);
  Tensor y = x.astype(nd::float32);
  EXPECT_EQ(y.dtype(), nd::float32);
  ag::sum(y * 3.0f).backward();
  EXPECT_TRUE(nd_test::arrays_identical(x.grad(), nd::array({3.0, 3.0})));
}

TEST(GradIndexing, BasicIndexing) {
  Tensor x = param({4, 5, 3}, 10);
  const std::vector<std::vector<nd::Index>> indices = {
      {1},
      {-1, Slice(1, 4)},
      {Slice(None, None, -1)},
      {Slice(3, 0, -2), None, Ellipsis, 1},
      {Ellipsis, Slice(None, None, -1)},
      {Slice(), 2, Slice(None, None, 2)},
      {None, Slice(1, 3), Ellipsis},
      {2, 3, 1},
      {Slice(10, 20)},  // empty
  };
  for (const auto& index : indices) {
    EXPECT_TRUE(gradcheck_ok([&](const Inputs& in) { return in[0].index(index); }, {x}));
  }
  // Overlapping slices of one tensor accumulate.
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) {
        return in[0].index({Slice(0, 3)}) * in[0].index({Slice(1, 4)}) + in[0].index({Slice(1, 4)});
      },
      {x}));
}

TEST(GradIndexing, GathersScatterAddTheirGradient) {
  Tensor x = param({4, 5}, 20);
  const std::vector<std::vector<nd::Index>> indices = {
      {nd::array({0, 2, 2, 3, 0})},                  // repeated rows
      {nd::array({1, 3, 1}), nd::array({0, 4, 0})},  // pairs, one repeated
      {Slice(), nd::array({{4, 0}, {0, 4}})},        // 2-d index array
      {nd::array({-1, -4})},                         // negative indices
      {nd::array({true, false, true, true})},        // boolean mask on rows
      {Slice(1, None), nd::array({1, 1, 2})},
      {nd::array({0, 3}), Slice(None, None, -2)},
  };
  for (const auto& index : indices) {
    EXPECT_TRUE(gradcheck_ok([&](const Inputs& in) { return in[0].index(index); }, {x}));
  }
  EXPECT_TRUE(
      gradcheck_ok([](const Inputs& in) { return ag::index(in[0], {in[0].array() > 0.5}); }, {x}));
  // Exact counts: row 2 read twice, row 0 twice.
  Tensor y(nd::zeros({4, 2}), true);
  ag::sum(y.index({nd::array({0, 2, 2, 3, 0})})).backward();
  EXPECT_TRUE(
      nd_test::arrays_identical(y.grad().index({Slice(), 0}), nd::array({2.0, 0.0, 2.0, 1.0})));
}

TEST(GradIndexing, IndexPut) {
  Tensor x = param({4, 3}, 30), v = param({3}, 31), row = param({2, 1}, 32);
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return in[0].index_put({1}, in[1]); }, {x, v}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return in[0].index_put({Slice(1, 3)}, in[1]); },
                           {x, row}));
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) { return in[0].index_put({in[0].array() > 0}, 0.0); }, {x}));
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) {
        return ag::index_put(in[0], {nd::array({0, 2}), nd::array({1, 1})},
                             in[1].index({Slice(0, 2)}));
      },
      {x, v}));
  // A repeated index: NumPy keeps the last write, which alone gets the gradient.
  Tensor base(nd::zeros({3}), true), values(nd::array({1.0, 2.0, 3.0}), true);
  Tensor out = ag::index_put(base, {nd::array({0, 0, 2})}, values);
  EXPECT_TRUE(nd_test::arrays_identical(out.array(), nd::array({2.0, 0.0, 3.0})));
  ag::sum(out * nd::array({10.0, 20.0, 30.0})).backward();
  EXPECT_TRUE(nd_test::arrays_identical(values.grad(), nd::array({0.0, 10.0, 30.0})));
  EXPECT_TRUE(nd_test::arrays_identical(base.grad(), nd::array({0.0, 20.0, 0.0})));
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) {
        return ag::index_put(in[0], {nd::array({0, 0, 2})}, in[1]);
      },
      {Tensor(nd::zeros({3}), true), Tensor(nd::array({1.0, 2.0, 3.0}), true)}));
}

TEST(GradIndexing, TakeAlongAxis) {
  Tensor x = param({3, 4}, 40);
  nd::Array rows = nd::array({{0, 3, 3}, {1, 1, 2}, {-1, 0, 2}});
  EXPECT_TRUE(
      gradcheck_ok([&](const Inputs& in) { return ag::take_along_axis(in[0], rows, 1); }, {x}));
  nd::Array columns = nd::array({{2, 0, 1, 1}});
  EXPECT_TRUE(
      gradcheck_ok([&](const Inputs& in) { return ag::take_along_axis(in[0], columns, 0); }, {x}));
  // x broadcast against the indices along the other axis.
  Tensor one_row = param({1, 4}, 41);
  EXPECT_TRUE(gradcheck_ok([&](const Inputs& in) { return ag::take_along_axis(in[0], rows, -1); },
                           {one_row}));
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) {
        return ag::take_along_axis(in[0], nd::array({5, 0, 5, 11}), nd::None);
      },
      {x}));
}

TEST(GradIndexing, ConcatenateStackSplit) {
  Tensor a = param({2, 3}, 50), b = param({4, 3}, 51), c = param({2, 3}, 52);
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) {
        return ag::concatenate({in[0], in[1], in[0]});
      },
      {a, b}));
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) {
        return ag::concatenate({in[0], in[1].index({Slice(), Slice(nd::None, nd::None, -1)})}, -1);
      },
      {a, c}));
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) {
        return ag::concatenate({in[0], in[1]}, nd::None);
      },
      {a, b}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::stack({in[0], in[1]}, 1); }, {a, c}));
  EXPECT_TRUE(gradcheck_ok([](const Inputs& in) { return ag::stack({in[0], in[1]}, -1); }, {a, c}));
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) {
        std::vector<Tensor> pieces = ag::split(in[0], 3, 1);
        return pieces[0] * pieces[2] - pieces[1];
      },
      {a}));
  EXPECT_TRUE(gradcheck_ok(
      [](const Inputs& in) {
        std::vector<Tensor> pieces = ag::split(in[0], {1, 3}, 0);
        return ag::sum(pieces[0]) + ag::sum(ag::square(pieces[2])) * 2.0;  // piece 1 unused
      },
      {b}));
  EXPECT_THROW(ag::split(b, 3, 0), nd::ValueError);
  // A mix of tensors that need gradients and constants.
  Tensor constant(nd::ones({2, 3}));
  EXPECT_TRUE(gradcheck_ok(
      [&](const Inputs& in) {
        return ag::concatenate({constant, in[0]}, 1);
      },
      {a}));
}

}  // namespace
