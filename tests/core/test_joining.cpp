// Joining and splitting against NumPy (tests/gen_joining.py): the values, dtype and byte
// strides of every result for every dtype (so NumPy's memory layout of joins is checked
// too), splits being views, the promotion table, dtype/casting arguments, and NumPy's
// exception classes and texts.
#include <fstream>
#include <functional>
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
      nd::load_npz(nd_test::fixture_path("joining/values.npz"));
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
    std::istringstream lines(nd_test::read_text_file(nd_test::fixture_path("joining/strides.txt")));
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

void expect_numpy(const std::string& name, const std::vector<Array>& pieces) {
  ASSERT_EQ(std::int64_t(pieces.size()), fixture(name + "__count").item<std::int64_t>()) << name;
  for (std::size_t i = 0; i < pieces.size(); ++i)
    expect_numpy(name + "__" + std::to_string(i), pieces[i]);
}

// x[::-1] along `axis`, written with the indexing tested elsewhere.
Array reversed(const Array& x, std::int64_t axis) {
  std::vector<nd::Index> index(static_cast<std::size_t>(axis) + 1, Slice());
  index[axis] = Slice(None, None, -1);
  return x.index(index);
}

using JoinCase = std::function<Array(const Array& x, const Array& e)>;
using SplitCase = std::function<std::vector<Array>(const Array& x, const Array& e)>;

// The generator's CASES, in the same order.
const std::map<std::string, JoinCase>& join_cases() {
  static const std::map<std::string, JoinCase> cases = {
      {"cat0",
       [](const Array& x, const Array&) {
         return nd::concatenate({x, reversed(x, 0)}, 0);
       }},
      {"cat1",
       [](const Array& x, const Array&) {
         return nd::concatenate({x, x.index({Slice(), Slice(None, 2)})}, 1);
       }},
      {"cat_m1",
       [](const Array& x, const Array&) {
         return nd::concatenate(
             {x, x.index({Ellipsis, Slice(None, None, 2)}), x.index({Ellipsis, Slice(None, 0)})},
             -1);
       }},
      {"cat_none",
       [](const Array& x, const Array&) {
         return nd::concatenate({x, x.index({0, 0}), x.index({1, 1, 1})}, None);
       }},
      {"cat_fortran0",
       [](const Array& x, const Array&) {
         return nd::concatenate({x.T(), x.T()}, 0);
       }},
      {"cat_fortran2",
       [](const Array& x, const Array&) {
         return nd::concatenate({x.T(), x.T().index({Slice(), Slice(), Slice(None, 1)})}, 2);
       }},
      {"cat_transposed_mixed",
       [](const Array& x, const Array&) {
         return nd::concatenate({x.transpose({1, 0, 2}), reversed(x, 1).transpose({1, 0, 2})}, 1);
       }},
      {"cat_empty0",
       [](const Array&, const Array& e) {
         return nd::concatenate({e, e}, 0);
       }},
      {"cat_empty1",
       [](const Array&, const Array& e) {
         return nd::concatenate({e, e.index({Slice(), Slice(None, 1)})}, 1);
       }},
      {"cat_single",
       [](const Array& x, const Array&) { return nd::concatenate({x.index({1})}, 1); }},
      {"stack0",
       [](const Array& x, const Array&) {
         return nd::stack({x, reversed(x, 0)});
       }},
      {"stack1",
       [](const Array& x, const Array&) {
         return nd::stack({x, x, x}, 1);
       }},
      {"stack_m1",
       [](const Array& x, const Array&) {
         return nd::stack({x, reversed(x, 1)}, -1);
       }},
      {"stack_fortran",
       [](const Array& x, const Array&) {
         return nd::stack({x.T(), x.T()}, 2);
       }},
      {"stack_0d",
       [](const Array& x, const Array&) {
         return nd::stack({x.index({0, 0, 0}), x.index({1, 2, 3})});
       }},
      {"stack_empty",
       [](const Array&, const Array& e) {
         return nd::stack({e, e}, 1);
       }},
      {"hstack3d",
       [](const Array& x, const Array&) {
         return nd::hstack({x, x});
       }},
      {"hstack1d",
       [](const Array& x, const Array&) {
         return nd::hstack({x.index({0, 0}), x.index({1, 1, Slice(None, None, -1)})});
       }},
      {"hstack0d",
       [](const Array& x, const Array&) {
         return nd::hstack({x.index({0, 0, 0}), x.index({1, 1, 1})});
       }},
      {"vstack2d",
       [](const Array& x, const Array&) {
         return nd::vstack({x.index({0}), x.index({1}), x.index({0, 0})});
       }},
      {"vstack1d",
       [](const Array& x, const Array&) {
         return nd::vstack({x.index({0, 0}), x.index({1, 2})});
       }},
      {"vstack3d",
       [](const Array& x, const Array&) {
         return nd::vstack({x, x.index({Slice(None, 1)})});
       }},
      {"dstack2d",
       [](const Array& x, const Array&) {
         return nd::dstack({x.index({0}), x.index({1})});
       }},
      {"dstack1d",
       [](const Array& x, const Array&) {
         return nd::dstack({x.index({0, 0}), x.index({0, 1})});
       }},
      {"column_stack",
       [](const Array& x, const Array&) {
         return nd::column_stack({x.index({0, Slice(), 0}), x.index({0}),
                                  x.index({1, Slice(), Slice(None, None, -1)})});
       }},
      {"column_stack0d",
       [](const Array& x, const Array&) {
         return nd::column_stack({x.index({0, 0, 0}), x.index({1, 1, 1})});
       }},
  };
  return cases;
}

const std::map<std::string, SplitCase>& split_cases() {
  static const std::map<std::string, SplitCase> cases = {
      {"split2", [](const Array& x, const Array&) { return nd::split(x, 2, 0); }},
      {"split4", [](const Array& x, const Array&) { return nd::split(x, 4, -1); }},
      {"split_indices",
       [](const Array& x, const Array&) {
         return nd::split(x, {1, 3}, 2);
       }},
      {"split_unsorted",
       [](const Array& x, const Array&) {
         return nd::split(x, {3, 1, 10, -1}, -1);
       }},
      {"split_no_indices", [](const Array& x, const Array&) { return nd::split(x, {}, 1); }},
      {"split_view", [](const Array& x, const Array&) { return nd::split(reversed(x, 1), 3, 1); }},
      {"array_split3", [](const Array& x, const Array&) { return nd::array_split(x, 3, 2); }},
      {"array_split5", [](const Array& x, const Array&) { return nd::array_split(x, 5, 1); }},
      // {1} is a list of indices (NumPy's [1]), not one section.
      {"array_split_indices",
       [](const Array& x, const Array&) { return nd::array_split(x, {1}, -2); }},
      {"array_split_empty", [](const Array&, const Array& e) { return nd::array_split(e, 2, 0); }},
  };
  return cases;
}

TEST(Joining, EveryCaseAndDTypeMatchesNumPy) {
  for (const std::string& dt : kDTypes) {
    const Array& x = fixture("x_" + dt);
    const Array& e = fixture("e_" + dt);
    for (const auto& [name, fn] : join_cases()) expect_numpy(name + "_" + dt, fn(x, e));
    for (const auto& [name, fn] : split_cases()) expect_numpy(name + "_" + dt, fn(x, e));
  }
}

TEST(Joining, SplitsAreViews) {
  const Array& x = fixture("x_float64");
  for (const Array& piece : nd::split(x, {1, 3}, 2)) EXPECT_TRUE(nd::shares_memory(piece, x));
  for (const Array& piece : nd::array_split(reversed(x, 1), 2, 1)) {
    EXPECT_TRUE(nd::shares_memory(piece, x));
    EXPECT_LT(piece.strides()[1], 0);
  }
  // Writing through a piece writes into the array.
  Array y = x.copy();
  nd::split(y, 2, 0)[1].index_put({0, 0, 0}, 42.0);
  EXPECT_EQ(y.index({1, 0, 0}).item<double>(), 42.0);
}

TEST(Joining, ConcatenateFollowsThePromotionTable) {
  for (const std::string& p : kDTypes)
    for (const std::string& q : kDTypes)
      expect_numpy("pair_" + p + "_" + q,
                   nd::concatenate({fixture("x_" + p), fixture("x_" + q).index({Slice(None, 1)})}));
}

TEST(Joining, DTypeAndCastingArguments) {
  auto x = [](const std::string& dt) { return fixture("x_" + dt); };
  expect_numpy("cat_dtype_float32", nd::concatenate({x("int64"), x("float64")}, 1, nd::float32));
  expect_numpy("cat_dtype_unsafe",
               nd::concatenate({x("float64"), x("int64")}, 0, nd::int32, nd::Casting::Unsafe));
  expect_numpy("cat_none_dtype", nd::concatenate({x("uint8"), x("bool")}, None, nd::int32));
  expect_numpy("stack_dtype", nd::stack({x("uint8"), x("int32")}, 1, nd::float64));
  expect_numpy("hstack_dtype", nd::hstack({x("int32"), x("bool")}, nd::int64));
  expect_numpy("vstack_dtype",
               nd::vstack({x("float32"), x("float64")}, nd::float32, nd::Casting::SameKind));
}

TEST(Joining, ApiExamples) {
  nd::Array a = nd::arange(0, 24, 2).reshape({3, 4});
  expect_numpy("api_concatenate", nd::concatenate({a, a}, 1));
  expect_numpy("api_stack", nd::stack({a, a}, 0));
  expect_numpy("api_hstack", nd::hstack({a, a}));
  expect_numpy("api_vstack", nd::vstack({a, a}));
  expect_numpy("api_split", nd::split(a, 2, 1));
}

// --- errors -------------------------------------------------------------------------------

std::map<std::string, std::function<void()>> error_cases() {
  static const Array a = nd::arange(0, 24, 2).reshape({3, 4});
  return {
      {"concatenate_nothing", [] { nd::concatenate({}); }},
      {"concatenate_0d",
       [] {
         nd::concatenate({nd::scalar(std::int64_t{1}), nd::scalar(std::int64_t{2})});
       }},
      {"concatenate_axis",
       [] {
         nd::concatenate({a, a}, 2);
       }},
      {"concatenate_ndim",
       [] {
         nd::concatenate({a, a.index({0})});
       }},
      {"concatenate_shape",
       [] {
         nd::concatenate({a, a.index({Slice(), Slice(None, 3)})});
       }},
      {"concatenate_shape_axis1",
       [] {
         nd::concatenate({a, a.index({Slice(None, 2)}), a.index({Slice(None, 1), Slice(None, 3)})},
                         1);
       }},
      {"concatenate_cast",
       [] {
         nd::concatenate({a, a.astype(nd::float64)}, 0, nd::int64);
       }},
      {"concatenate_cast_no",
       [] {
         nd::concatenate({a, a}, 0, nd::float32, nd::Casting::No);
       }},
      {"stack_nothing", [] { nd::stack({}); }},
      {"stack_shape",
       [] {
         nd::stack({a, a.index({Slice(None, 2)})});
       }},
      {"stack_axis",
       [] {
         nd::stack({a, a}, 3);
       }},
      {"stack_axis_negative",
       [] {
         nd::stack({a, a}, -4);
       }},
      {"hstack_nothing", [] { nd::hstack({}); }},
      {"vstack_nothing", [] { nd::vstack({}); }},
      {"dstack_nothing", [] { nd::dstack({}); }},
      {"column_stack_nothing", [] { nd::column_stack({}); }},
      {"vstack_shape",
       [] {
         nd::vstack({a, a.index({Slice(), Slice(None, 3)})});
       }},
      {"split_unequal", [] { nd::split(a, 3, 1); }},
      {"split_negative_divides", [] { nd::split(a, -2, 1); }},
      {"split_negative_does_not_divide", [] { nd::split(a, -3, 1); }},
      {"split_axis", [] { nd::split(a, 2, 2); }},
      {"split_indices_axis", [] { nd::split(a, {1}, -3); }},
      {"split_0d", [] { nd::split(nd::scalar(std::int64_t{5}), 1); }},
      {"array_split_zero", [] { nd::array_split(a, 0, 1); }},
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
                                             : false;
    EXPECT_TRUE(right_class) << "expected " << cls;
  }
}

TEST(Joining, ErrorsUseNumPysClassesAndWords) {
  auto cases = error_cases();
  std::ifstream in(nd_test::fixture_path("joining/errors.txt"));
  std::string line;
  std::size_t checked = 0;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string name, cls, message;
    std::getline(fields, name, '\t');
    std::getline(fields, cls, '\t');
    std::getline(fields, message);
    ASSERT_TRUE(cases.count(name)) << "no C++ twin for " << name;
    expect_numpy_error(name, cases.at(name), cls, message);
    ++checked;
  }
  EXPECT_EQ(checked, cases.size());
}

TEST(Joining, SplitIntoZeroSections) {
  // NumPy's split computes `length % 0` and raises Python's ZeroDivisionError, which has
  // no counterpart here; ndgrad gives array_split's answer for a count that is not > 0.
  const Array a = nd::arange(12).reshape({3, 4});
  expect_numpy_error(
      "split_zero", [&] { nd::split(a, 0, 1); }, "ValueError",
      "number sections must be larger than 0.");
}

}  // namespace
