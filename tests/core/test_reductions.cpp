// Reductions against NumPy (tests/gen_reductions.py): sum, prod, mean, var, std, max,
// min, ptp, all, any, count_nonzero, argmax, argmin, cumsum, cumprod and average on every
// dtype, over axes None / int / negative / list, with keepdims, on contiguous,
// transposed, strided, negative-stride and broadcast views. Float results are compared
// bit for bit: ndgrad sums in NumPy's order (pairwise within chunks of 8192 elements,
// chunks and outer positions in NumPy's iterator order).
#include <cmath>
#include <cstring>
#include <map>
#include <sstream>

#include "support/index_parser.h"
#include "support/test_support.h"

namespace {

// --- the inputs: the generator of tests/gen_reductions.py, reproduced bit for bit ------

std::vector<std::uint64_t> splitmix64(std::uint64_t seed, std::int64_t n) {
  std::vector<std::uint64_t> out(n);
  for (std::int64_t i = 0; i < n; ++i) {
    std::uint64_t z = seed + std::uint64_t(i + 1) * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    out[i] = z ^ (z >> 31);
  }
  return out;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.push_back("");
  return parts;
}

nd::Shape parse_shape(const std::string& text) {
  nd::Shape shape;
  if (text == "0d") return shape;
  for (const std::string& d : split(text, 'x')) shape.push_back(std::stoll(d));
  return shape;
}

double wide_value(std::uint64_t z, double unit) {
  const int exponent = int(z & 31) - 16;
  return (2.0 * unit - 1.0) * std::ldexp(1.0, exponent);
}

// "kind:dtype:shape:seed", as make_base() in the generator.
nd::Array make_base(const std::string& spec) {
  const std::vector<std::string> f = split(spec, ':');
  const std::string& kind = f[0];
  const nd::DType dtype = nd::dtype_from_name(f[1]);
  const nd::Shape shape = parse_shape(f[2]);
  const std::vector<std::uint64_t> z = splitmix64(std::stoull(f[3]), shape.product());
  const std::size_t n = z.size();
  if (kind == "bits") {
    std::vector<std::int64_t> v(n);
    for (std::size_t i = 0; i < n; ++i)
      v[i] = dtype == nd::bool_ ? std::int64_t(z[i] & 1) : std::int64_t(z[i]);
    return nd::array(v, shape).astype(dtype);
  }
  std::vector<double> v(n);
  static const double special[] = {0.0, -0.0, 1.0, -1.0, INFINITY, -INFINITY, 2.5, -3.0, NAN};
  for (std::size_t i = 0; i < n; ++i) {
    const double unit = double(z[i] >> 11) * 0x1p-53;
    if (kind == "wide") v[i] = wide_value(z[i], unit);
    if (kind == "unit") v[i] = 1.0 + (unit - 0.5) / 64.0;
    if (kind == "nan") v[i] = z[i] % 7 == 0 ? NAN : wide_value(z[i], unit);
    if (kind == "small") v[i] = double(z[i] % 4);
    if (kind == "special") v[i] = special[z[i] % 9];
  }
  if (dtype == nd::bool_ || nd::is_floating(dtype)) return nd::array(v, shape).astype(dtype);
  std::vector<std::int64_t> ints(n);
  for (std::size_t i = 0; i < n; ++i)
    ints[i] = kind == "small" ? std::int64_t(v[i])
                              : std::int64_t(z[i] % 1000) - (dtype == nd::uint8 ? 0 : 500);
  return nd::array(ints, shape).astype(dtype);
}

nd::Array make_view(const std::string& base, const std::string& index, const std::string& perm,
                    const std::string& bcast) {
  nd::Array a = make_base(base);
  if (!index.empty()) a = a.index(nd_test::parse_index(index));
  if (perm == "T") {
    a = a.T();
  } else if (!perm.empty()) {
    nd::Shape axes;
    for (const std::string& p : split(perm, ',')) axes.push_back(std::stoll(p));
    a = a.transpose(axes);
  }
  if (!bcast.empty()) a = nd::broadcast_to(a, parse_shape(bcast));
  return a;
}

// --- one case of the fixture table ------------------------------------------------------

struct Case {
  std::string line, name, base, index, perm, bcast, op, axis, extra, expected;
  bool keepdims = false;
};

nd::Axes parse_axes(const std::string& text) {
  if (text == "None") return nd::None;
  nd::Shape axes;
  for (const std::string& a : split(text, ',')) axes.push_back(std::stoll(a));
  return nd::Axes(axes);
}

std::optional<std::int64_t> parse_single_axis(const std::string& text) {
  if (text == "None") return std::nullopt;
  return std::stoll(text);
}

nd::Array run(const Case& c, const nd::Array& a) {
  const nd::Axes axes = parse_axes(c.axis);
  const bool kd = c.keepdims;
  if (c.op == "sum") return nd::sum(a, axes, kd);
  if (c.op == "prod") return nd::prod(a, axes, kd);
  if (c.op == "mean") return nd::mean(a, axes, kd);
  if (c.op == "max") return nd::max(a, axes, kd);
  if (c.op == "min") return nd::min(a, axes, kd);
  if (c.op == "ptp") return nd::ptp(a, axes, kd);
  if (c.op == "all") return nd::all(a, axes, kd);
  if (c.op == "any") return nd::any(a, axes, kd);
  if (c.op == "count_nonzero") return nd::count_nonzero(a, axes, kd);
  if (c.op == "var") return nd::var(a, axes, kd, std::stoll(c.extra));
  if (c.op == "std") return nd::std(a, axes, kd, std::stoll(c.extra));
  if (c.op == "argmax") return nd::argmax(a, parse_single_axis(c.axis), kd);
  if (c.op == "argmin") return nd::argmin(a, parse_single_axis(c.axis), kd);
  if (c.op == "cumsum") return nd::cumsum(a, parse_single_axis(c.axis));
  if (c.op == "cumprod") return nd::cumprod(a, parse_single_axis(c.axis));
  if (c.op == "average") {
    std::optional<nd::Array> weights;
    if (!c.extra.empty()) {
      std::vector<std::string> w = split(c.extra, '@');
      weights = make_view(w[0], w.size() > 1 ? w[1] : "", "", "");
    }
    return nd::average(a, axes, weights, kd);
  }
  throw std::runtime_error("unknown op " + c.op);
}

class Fixture {
 public:
  Fixture() : arrays_(nd::load_npz(nd_test::fixture_path("reductions/reductions.npz"))) {
    const nd::Array& text = arrays_.at("cases");
    const char* p = reinterpret_cast<const char*>(text.bytes());
    for (const std::string& line : split(std::string(p, p + text.size()), '\n')) {
      if (line.empty()) continue;
      std::vector<std::string> f = split(line, '|');
      Case c{line, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[8], f[9], f[7] == "1"};
      cases_.push_back(c);
    }
  }
  const std::vector<Case>& cases() const { return cases_; }

  // "ok:dtype:shape:offset" -> that slice of the flat array "values_<dtype>".
  nd::Array expected(const Case& c) const {
    std::vector<std::string> f = split(c.expected, ':');
    const nd::Shape shape = parse_shape(f[2]);
    const std::int64_t offset = std::stoll(f[3]);
    nd::Array flat = arrays_.at("values_" + f[1]);
    return flat.index({nd::Slice(offset, offset + shape.product())}).reshape(shape);
  }

 private:
  std::map<std::string, nd::Array> arrays_;
  std::vector<Case> cases_;
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

// Bit-identical, except that any NaN matches any NaN: which NaN (sign, payload) comes out
// of inf - inf or of two NaN operands depends on the operand order the compiler picks for
// a commutative operation, and in NumPy on which of its SIMD or scalar loops runs (two
// runs of the generator can give NaNs of different signs). NumPy does not define it.
::testing::AssertionResult same_bits(const nd::Array& actual, const nd::Array& expected) {
  if (actual.dtype() != expected.dtype() || !(actual.shape() == expected.shape()) ||
      !nd::is_floating(actual.dtype()))
    return nd_test::arrays_identical(actual, expected);
  const nd::Array a = nd::ascontiguousarray(actual.astype(nd::float64));
  const nd::Array e = nd::ascontiguousarray(expected.astype(nd::float64));
  const double* pa = a.data<double>();
  const double* pe = e.data<double>();
  for (std::int64_t i = 0; i < a.size(); ++i) {
    if (std::isnan(pa[i]) && std::isnan(pe[i])) continue;
    if (std::memcmp(&pa[i], &pe[i], sizeof(double)) != 0)
      return ::testing::AssertionFailure() << "element " << i << ": " << pa[i] << " != " << pe[i]
                                           << " (difference " << pa[i] - pe[i] << ")";
  }
  return ::testing::AssertionSuccess();
}

std::string error_class(const std::exception& e) {
  if (dynamic_cast<const nd::AxisError*>(&e)) return "AxisError";
  if (dynamic_cast<const nd::TypeError*>(&e)) return "TypeError";
  if (dynamic_cast<const nd::ValueError*>(&e)) return "ValueError";
  if (dynamic_cast<const nd::IndexError*>(&e)) return "IndexError";
  return "other";
}

// Runs every case whose op is in `ops`; returns the number checked.
int check_cases(const std::vector<std::string>& ops) {
  int checked = 0, failures = 0;
  for (const Case& c : fixture().cases()) {
    if (std::find(ops.begin(), ops.end(), c.op) == ops.end()) continue;
    ++checked;
    SCOPED_TRACE(c.line);
    const nd::Array a = make_view(c.base, c.index, c.perm, c.bcast);
    const bool numpy_raises = c.expected.rfind("ok:", 0) != 0;
    try {
      nd::Array r = run(c, a);
      if (numpy_raises) {
        ADD_FAILURE() << "NumPy raises " << c.expected;
        ++failures;
        continue;
      }
      ::testing::AssertionResult same = same_bits(r, fixture().expected(c));
      if (!same) {
        ++failures;
        EXPECT_TRUE(same) << "ndgrad:\n" << r << "\nNumPy:\n" << fixture().expected(c);
      }
    } catch (const nd::Error& e) {
      const std::string got = error_class(e) + ":" + e.what();
      if (got != c.expected) ++failures;
      EXPECT_EQ(got, c.expected);
    }
    if (failures > 20) {
      ADD_FAILURE() << "stopping after 20 failures";
      break;
    }
  }
  return checked;
}

// --- the fixture table --------------------------------------------------------------------

TEST(Reductions, SumsMeansAndProductsAreBitIdenticalToNumPy) {
  EXPECT_GT(check_cases({"sum", "mean", "prod"}), 700);
}

TEST(Reductions, VarianceAndStdAreBitIdenticalToNumPy) {
  EXPECT_GT(check_cases({"var", "std"}), 200);
}

TEST(Reductions, ExtremaMatchNumPy) {
  EXPECT_GT(check_cases({"max", "min", "ptp"}), 300);
}

TEST(Reductions, ArgExtremaReturnTheFirstOccurrence) {
  EXPECT_GT(check_cases({"argmax", "argmin"}), 300);
}

TEST(Reductions, LogicalReductionsAndCounting) {
  EXPECT_GT(check_cases({"all", "any", "count_nonzero"}), 300);
}

TEST(Reductions, RunningTotals) {
  EXPECT_GT(check_cases({"cumsum", "cumprod"}), 150);
}

TEST(Reductions, Average) {
  EXPECT_GT(check_cases({"average"}), 100);
}

// --- properties the table does not show ---------------------------------------------------

TEST(Reductions, ResultDtypes) {
  for (nd::DType d : {nd::bool_, nd::uint8, nd::int32, nd::int64}) {
    nd::Array a = nd::ones({3, 2}, d);
    EXPECT_EQ(nd::sum(a).dtype(), nd::int64);  // NumPy: uint64 for uint8 (ndgrad has none)
    EXPECT_EQ(nd::prod(a, 0).dtype(), nd::int64);
    EXPECT_EQ(nd::cumsum(a).dtype(), nd::int64);
    EXPECT_EQ(nd::mean(a).dtype(), nd::float64);
    EXPECT_EQ(nd::var(a, 1).dtype(), nd::float64);
    EXPECT_EQ(nd::max(a).dtype(), d);
    EXPECT_EQ(nd::argmax(a).dtype(), nd::int64);
    EXPECT_EQ(nd::all(a).dtype(), nd::bool_);
    EXPECT_EQ(nd::count_nonzero(a, 0).dtype(), nd::int64);
  }
  nd::Array f = nd::ones({3, 2}, nd::float32);
  for (const nd::Array& r : {nd::sum(f), nd::mean(f, 0), nd::std(f, 1), nd::prod(f), nd::cumsum(f),
                             nd::average(f, 0, nd::ones({3, 2}, nd::float32))})
    EXPECT_EQ(r.dtype(), nd::float32);
  EXPECT_EQ(nd::sum(f, {}, false, nd::float64).dtype(), nd::float64);
  EXPECT_EQ(nd::average(f, 0, nd::ones({3, 2}, nd::int64)).dtype(), nd::float64);
}

TEST(Reductions, ShapesWithKeepdims) {
  nd::Array a = nd::zeros({2, 3, 4});
  EXPECT_EQ(nd::sum(a).shape(), nd::Shape{});
  EXPECT_EQ(nd::sum(a, {}, true).shape(), (nd::Shape{1, 1, 1}));
  EXPECT_EQ(nd::sum(a, {0, 2}, true).shape(), (nd::Shape{1, 3, 1}));
  EXPECT_EQ(nd::mean(a, -1).shape(), (nd::Shape{2, 3}));
  EXPECT_EQ(nd::argmax(a, 1, true).shape(), (nd::Shape{2, 1, 4}));
  EXPECT_EQ(nd::argmax(a, std::nullopt, true).shape(), (nd::Shape{1, 1, 1}));
  EXPECT_EQ(nd::cumsum(a).shape(), (nd::Shape{24}));
  EXPECT_EQ(nd::sum(nd::zeros({2, 0}), 1).shape(), (nd::Shape{2}));
  EXPECT_EQ(nd::max(nd::zeros({0, 3}), 1).shape(), (nd::Shape{0}));
}

TEST(Reductions, MeanOfEmptyIsNaN) {
  EXPECT_TRUE(std::isnan(nd::mean(nd::zeros({0})).item<double>()));
  EXPECT_EQ(nd::sum(nd::zeros({0}, nd::int32)).item<std::int64_t>(), 0);
  EXPECT_EQ(nd::prod(nd::zeros({0})).item<double>(), 1.0);
  EXPECT_TRUE(nd::all(nd::zeros({0})).item<bool>());
  EXPECT_FALSE(nd::any(nd::zeros({0})).item<bool>());
}

TEST(Reductions, AverageRefusesWeightsThatSumToZero) {
  // NumPy raises ZeroDivisionError, which ndgrad's error tree does not have.
  try {
    nd::average(nd::ones({3}), 0, nd::array({1.0, -1.0, 0.0}));
    FAIL();
  } catch (const nd::ValueError& e) {
    EXPECT_STREQ(e.what(), "Weights sum to zero, can't be normalized");
  }
}

TEST(Reductions, Uint8ProductsWrapLikeNumPysUint64) {
  // 255**8 overflows int64 but not uint64: the bits agree with NumPy's, the sign does not.
  nd::Array a = nd::full({8}, 255, nd::uint8);
  EXPECT_EQ(std::uint64_t(nd::prod(a).item<std::int64_t>()), 17878103347812890625ull);
}

}  // namespace
