// Printing: nd::array_str / nd::repr must reproduce NumPy 1.24's str() and repr() byte
// for byte. The cases come from tests/gen_printing.py (see its docstring for the file
// format); each one holds the array's values, the print options and NumPy's two texts.
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace {

struct PrintCase {
  int index = 0;
  std::string dtype, view;
  nd::Shape shape;
  nd::PrintOptions options;
  std::vector<std::string> values;
  std::string str, repr;
};

// Reads "<label> <n>\n" followed by n bytes of text and the newline that ends them.
std::string read_text(std::istream& in, const std::string& label) {
  std::string word;
  std::size_t length = 0;
  in >> word >> length;
  if (word != label) throw std::runtime_error("expected '" + label + "', got '" + word + "'");
  in.get();  // the newline after the length
  std::string text(length, '\0');
  in.read(text.data(), static_cast<std::streamsize>(length));
  in.get();  // the newline after the text
  return text;
}

char sign_from_word(const std::string& word) {
  if (word == "plus") return '+';
  if (word == "space") return ' ';
  return '-';
}

std::vector<PrintCase> load_cases() {
  std::istringstream in(nd_test::read_text_file(nd_test::fixture_path("printing/cases.txt")));
  std::vector<PrintCase> cases;
  std::string word;
  while (in >> word) {
    if (word == "#") {  // a comment line
      std::getline(in, word);
      continue;
    }
    PrintCase c;
    std::int64_t ndim = 0, count = 0;
    in >> c.index >> c.dtype >> c.view >> ndim;
    for (std::int64_t i = 0; i < ndim; ++i) {
      std::int64_t d = 0;
      in >> d;
      c.shape.push_back(d);
    }
    std::string sign;
    nd::PrintOptions& o = c.options;
    in >> word >> o.precision >> o.threshold >> o.edgeitems >> o.linewidth >> o.suppress >> sign >>
        o.floatmode >> o.nanstr >> o.infstr;
    o.sign = sign_from_word(sign);
    in >> word >> count;
    c.values.resize(static_cast<std::size_t>(count));
    for (std::string& v : c.values) in >> v;
    c.str = read_text(in, "str");
    c.repr = read_text(in, "repr");
    if (!in) throw std::runtime_error("malformed case after " + std::to_string(cases.size()));
    cases.push_back(std::move(c));
  }
  return cases;
}

// One stored value: floats as the hex bits of their IEEE representation, integers in
// decimal, bools as 0/1.
template <class T>
T parse_value(const std::string& text) {
  if constexpr (std::is_same_v<T, double>) {
    return std::bit_cast<double>(static_cast<std::uint64_t>(std::stoull(text, nullptr, 16)));
  } else if constexpr (std::is_same_v<T, float>) {
    return std::bit_cast<float>(static_cast<std::uint32_t>(std::stoul(text, nullptr, 16)));
  } else if constexpr (std::is_same_v<T, bool>) {
    return text == "1";
  } else {
    return static_cast<T>(std::stoll(text));
  }
}

// The array the case prints: the stored contiguous base, seen through the case's view.
nd::Array build_array(const PrintCase& c) {
  nd::DType dtype = nd::dtype_from_name(c.dtype);
  nd::Array base = nd::dispatch(dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    std::vector<T> data;
    for (const std::string& v : c.values) data.push_back(parse_value<T>(v));
    return nd::array(data, c.shape, dtype);
  });
  if (c.view == "T") return base.T();
  if (c.view == "flip") return base.index({nd::Slice(nd::None, nd::None, -1)});
  if (c.view == "step2") return base.index({nd::Slice(nd::None, nd::None, 2)});
  return base;
}

// Restores NumPy's default options when a test ends, also when it fails.
class PrintingTest : public ::testing::Test {
 protected:
  void TearDown() override { nd::set_printoptions(nd::PrintOptions{}); }
};

TEST_F(PrintingTest, MatchesNumPyFixtures) {
  std::vector<PrintCase> cases = load_cases();
  ASSERT_GT(cases.size(), 300u);
  int failures = 0;
  for (const PrintCase& c : cases) {
    nd::set_printoptions(c.options);
    nd::Array a = build_array(c);
    std::ostringstream streamed;
    streamed << a;
    const std::string str = nd::array_str(a), repr = nd::repr(a);
    EXPECT_EQ(streamed.str(), str) << "case " << c.index << ": operator<< differs from array_str";
    EXPECT_EQ(nd::array_repr(a), repr) << "case " << c.index;
    if (str != c.str || repr != c.repr) {
      ++failures;
      ADD_FAILURE() << "case " << c.index << " (" << c.dtype << ", shape " << c.shape << ", view "
                    << c.view << ")\n"
                    << "expected str:\n"
                    << c.str << "\nactual str:\n"
                    << str << "\nexpected repr:\n"
                    << c.repr << "\nactual repr:\n"
                    << repr;
    }
  }
  nd::set_printoptions(nd::PrintOptions{});
  EXPECT_EQ(failures, 0) << "of " << cases.size() << " cases";
}

TEST_F(PrintingTest, ApiExamples) {
  EXPECT_EQ(nd::array_str(nd::zeros({2, 3})), "[[0. 0. 0.]\n [0. 0. 0.]]");
  EXPECT_EQ(nd::repr(nd::array({1, 2, 3})), "array([1, 2, 3])");
  EXPECT_EQ(nd::repr(nd::array({1.0, 2.0}, nd::float32)), "array([1., 2.], dtype=float32)");
  EXPECT_EQ(nd::array_str(nd::scalar(1.5)), "1.5");
  EXPECT_EQ(nd::repr(nd::scalar(1.5)), "array(1.5)");
  EXPECT_EQ(nd::repr(nd::zeros({0})), "array([], dtype=float64)");
  EXPECT_EQ(nd::repr(nd::zeros({2, 0})), "array([], shape=(2, 0), dtype=float64)");
}

TEST_F(PrintingTest, OptionsRoundTrip) {
  const nd::PrintOptions defaults = nd::get_printoptions();
  EXPECT_EQ(defaults.precision, 8);
  EXPECT_EQ(defaults.threshold, 1000);
  EXPECT_EQ(defaults.edgeitems, 3);
  EXPECT_EQ(defaults.linewidth, 75);
  EXPECT_FALSE(defaults.suppress);
  EXPECT_EQ(defaults.nanstr, "nan");
  EXPECT_EQ(defaults.infstr, "inf");
  EXPECT_EQ(defaults.sign, '-');
  EXPECT_EQ(defaults.floatmode, "maxprec");

  nd::PrintOptions o;
  o.precision = 3;
  o.threshold = 5;
  o.edgeitems = 1;
  o.linewidth = 40;
  o.suppress = true;
  o.nanstr = "NaN";
  o.infstr = "Inf";
  o.sign = '+';
  o.floatmode = "fixed";
  nd::set_printoptions(o);
  const nd::PrintOptions back = nd::get_printoptions();
  EXPECT_EQ(back.precision, 3);
  EXPECT_EQ(back.threshold, 5);
  EXPECT_EQ(back.edgeitems, 1);
  EXPECT_EQ(back.linewidth, 40);
  EXPECT_TRUE(back.suppress);
  EXPECT_EQ(back.nanstr, "NaN");
  EXPECT_EQ(back.infstr, "Inf");
  EXPECT_EQ(back.sign, '+');
  EXPECT_EQ(back.floatmode, "fixed");
  // np.set_printoptions(precision=3, suppress=True, sign='+', floatmode='fixed')
  EXPECT_EQ(nd::array_str(nd::array({1.0, 0.5})), "[+1.000 +0.500]");
}

TEST_F(PrintingTest, RejectsBadOptions) {
  nd::PrintOptions o;
  o.floatmode = "exact";
  EXPECT_THROW(nd::set_printoptions(o), nd::ValueError);
  o = nd::PrintOptions{};
  o.sign = '*';
  EXPECT_THROW(nd::set_printoptions(o), nd::ValueError);
  o = nd::PrintOptions{};
  o.precision = -1;
  EXPECT_THROW(nd::set_printoptions(o), nd::ValueError);
  EXPECT_EQ(nd::get_printoptions().floatmode, "maxprec");  // unchanged by the failures
}

}  // namespace
