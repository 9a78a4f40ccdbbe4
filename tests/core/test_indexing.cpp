// Indexing against NumPy: a[index] and a[index] = value for ~900 index expressions
// (tests/gen_indexing.py), plus the rules that make views and copies.
#include <fstream>
#include <map>

#include "support/index_parser.h"
#include "support/test_support.h"

namespace {

using nd::Ellipsis;
using nd::None;
using nd::Slice;

// The bases of gen_indexing.py, built the same way.
nd::Array make_base(const std::string& name) {
  if (name == "A") return nd::arange(90).reshape({3, 1, 5, 6});
  if (name == "B")
    return nd::arange(120).reshape({4, 5, 6}).index({Slice(), Slice(None, None, -1), Slice(1)});
  if (name == "C") return nd::arange(0, 42, 1, nd::float64).reshape({6, 7}).T();
  if (name == "D") return (nd::arange(30) % 3 == 0).reshape({5, 6});
  if (name == "E")
    return nd::arange(120).astype(nd::uint8).reshape({6, 4, 5}).index({Slice(None, None, 2)});
  if (name == "F") return nd::arange(0, 6, 1, nd::float32);
  return nd::scalar(5.5);
}

// The value assigned by the "set" cases: -(1 + arange(n)) along the selection's last
// axis, or alternating True/False for a boolean base.
nd::Array set_value(const nd::Array& target, const nd::Shape& selected) {
  std::int64_t n = selected.empty() ? 1 : selected.back();
  nd::Array value = target.dtype() == nd::bool_ ? (nd::arange(n) % 2 == 0)
                                                : (-(nd::arange(n) + 1)).astype(target.dtype());
  return selected.empty() ? value.index({0}) : value;
}

struct Case {
  std::string op, base, index, outcome;
};

std::vector<Case> read_cases() {
  std::ifstream in(nd_test::fixture_path("indexing/cases.txt"));
  std::vector<Case> cases;
  std::string line;
  while (std::getline(in, line)) {
    Case c;
    std::size_t a = line.find(' '), b = line.find(' ', a + 1), d = line.find(' ', b + 1);
    c.op = line.substr(0, a);
    c.base = line.substr(a + 1, b - a - 1);
    c.index = line.substr(b + 1, d - b - 1);
    c.outcome = line.substr(d + 1);
    cases.push_back(c);
  }
  return cases;
}

nd::Array run_case(const Case& c) {
  nd::Array base = make_base(c.base);
  std::vector<nd::Index> index = nd_test::parse_index(c.index);
  if (c.op == "get") return base.index(index);
  nd::Array target = base.copy();
  target.index_put(index, set_value(target, target.index(index).shape()));
  return target;
}

std::string exception_name(const std::exception& e) {
  if (dynamic_cast<const nd::IndexError*>(&e)) return "IndexError";
  if (dynamic_cast<const nd::TypeError*>(&e)) return "TypeError";
  if (dynamic_cast<const nd::ValueError*>(&e)) return "ValueError";
  return "other";
}

TEST(Indexing, MatchesNumPyOnTheCaseTable) {
  std::vector<Case> cases = read_cases();
  ASSERT_GT(cases.size(), 800u);
  auto expected = nd::load_npz(nd_test::fixture_path("indexing/cases.npz"));
  int checked = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.op + " " + c.base + "[" + c.index + "]");
    ++checked;
    if (c.outcome.rfind("ok:", 0) == 0) {
      nd::Array got;
      try {
        got = run_case(c);
      } catch (const std::exception& e) {
        ADD_FAILURE() << "threw " << e.what();
        continue;
      }
      EXPECT_TRUE(nd_test::arrays_identical(got, expected.at(c.outcome.substr(3))));
    } else {
      std::string want = c.outcome.substr(6);  // "<Type>:<message>"
      try {
        run_case(c);
        ADD_FAILURE() << "expected " << want;
      } catch (const std::exception& e) {
        EXPECT_EQ(exception_name(e) + ":" + e.what(), want);
      }
    }
  }
  EXPECT_EQ(checked, int(cases.size()));
}

TEST(Indexing, BasicIndexingMakesViewsThatWriteThrough) {
  nd::Array a = nd::arange(24).reshape({2, 3, 4});
  nd::Array v = a.index({Slice(), Slice(None, None, -1), 1});
  EXPECT_EQ(v.strides(), nd::Shape({96, -32}));
  EXPECT_TRUE(nd::shares_memory(a, v));
  EXPECT_FALSE(v.flags().owndata);
  v.index_put({0, 0}, 100);
  EXPECT_EQ(a.index({0, 2, 1}).item<int>(), 100);
  nd::Array e = a.index({Ellipsis, None});
  EXPECT_EQ(e.strides(), nd::Shape({96, 32, 8, 0}));
}

TEST(Indexing, AdvancedIndexingCopies) {
  nd::Array a = nd::arange(6);
  nd::Array g = a.index({nd::array({0, 2})});
  EXPECT_TRUE(g.flags().owndata);
  EXPECT_FALSE(nd::shares_memory(a, g));
  g.index_put({0}, 99);
  EXPECT_EQ(a.index({0}).item<int>(), 0);
}

TEST(Indexing, SliceClampsLikePython) {
  EXPECT_EQ(nd::arange(5).index({Slice(-100, 100)}).size(), 5);
  EXPECT_EQ(nd::arange(5).index({Slice(100, None)}).size(), 0);
  EXPECT_EQ(nd::arange(5).index({Slice(None, None, -2)}).index({0}).item<int>(), 4);
  EXPECT_THROW(nd::arange(5).index({Slice(None, None, 0)}), nd::ValueError);
  try {
    nd::arange(5).index({Slice(0, 1, 0)});
  } catch (const nd::ValueError& e) {
    EXPECT_STREQ(e.what(), "slice step cannot be zero");
  }
}

TEST(Indexing, AssignmentErrors) {
  nd::Array a = nd::zeros({2, 3});
  try {
    a.index_put({Slice()}, nd::zeros({3, 2}));
    FAIL();
  } catch (const nd::ValueError& e) {
    EXPECT_STREQ(e.what(), "could not broadcast input array from shape (3,2) into shape (2,3)");
  }
  nd::Array ro = nd::broadcast_to(nd::arange(3), {2, 3});
  try {
    ro.index_put({0}, 1);
    FAIL();
  } catch (const nd::ValueError& e) {
    EXPECT_STREQ(e.what(), "assignment destination is read-only");
  }
  nd::Array u8 = nd::zeros({2}, nd::uint8);
  try {
    u8.index_put({0}, 300);
    FAIL();
  } catch (const nd::OverflowError& e) {
    EXPECT_STREQ(e.what(), "Python integer 300 out of bounds for uint8");
  }
  try {
    a.index({nd::array({0.5})});
    FAIL();
  } catch (const nd::IndexError& e) {
    EXPECT_STREQ(e.what(), "arrays used as indices must be of integer (or boolean) type");
  }
  try {
    a.index({Ellipsis, Ellipsis});
    FAIL();
  } catch (const nd::IndexError& e) {
    EXPECT_STREQ(e.what(), "an index can only have a single ellipsis ('...')");
  }
}

TEST(Indexing, MaskAssignmentErrorsAreNumPys) {
  nd::Array y = nd::zeros({3, 4});
  y.index_put({1, 1}, 5);
  y.index_put({2, 2}, 6);
  try {
    y.index_put({y > 3}, nd::array({40, 50, 60, 70}));
    FAIL();
  } catch (const nd::ValueError& e) {
    EXPECT_STREQ(e.what(),
                 "NumPy boolean array indexing assignment cannot assign 4 input values to the 2 "
                 "output values where the mask is true");
  }
  try {
    y.index_put({y > 3}, nd::zeros({2, 1}));
    FAIL();
  } catch (const nd::ValueError& e) {
    EXPECT_STREQ(e.what(),
                 "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, "
                 "input has 2 dimensions");
  }
  y.index_put({y > 3}, nd::array({40, 50}));
  EXPECT_EQ(y.index({2, 2}).item<int>(), 50);
}

TEST(Indexing, OverlappingAssignmentReadsTheOldValues) {
  nd::Array a = nd::arange(6);
  a.index_put({Slice(1)}, a.index({Slice(None, -1)}));  // a[1:] = a[:-1]
  EXPECT_TRUE(nd_test::arrays_identical(a, nd::array({0, 0, 1, 2, 3, 4})));
}

}  // namespace
