// Elementwise functions against NumPy (tests/gen_ufuncs.py): every binary ufunc over every
// dtype pair on edge values (signed zeros, NaN, infinities, wrapping integers, division
// by zero), every unary function on every dtype, NEP 50 weak scalars on both sides,
// in-place operators, broadcasting, transposed / strided / reversed operands and the
// memory order of results, out= into views, overlapping inputs, round, where, clip and
// nan_to_num.
//
// Exactly rounded operations must match NumPy to the bit. Transcendental functions are
// compared in ulps: NumPy uses its own SIMD code (AVX-512 / SVML), ndgrad the C library,
// and the bound asserted for each function is the largest difference measured on this
// machine over edge values plus 256 dense inputs per function and dtype.
#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <sstream>

#include "support/index_parser.h"
#include "support/test_support.h"

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

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

// --- the fixture --------------------------------------------------------------------------

struct Case {
  std::string line;
  std::vector<std::string> fields;  // without the expectation
  std::string expected;             // "ok:dtype:shape:offset" or "ErrorClass:message"
  bool numpy_raises() const { return expected.rfind("ok:", 0) != 0; }
  const std::string& operator[](std::size_t i) const { return fields[i]; }
};

class Fixture {
 public:
  Fixture() : arrays_(nd::load_npz(nd_test::fixture_path("ufuncs/ufuncs.npz"))) {
    for (const std::string& line : split(text("cases"), '\n')) {
      if (line.empty()) continue;
      std::vector<std::string> f = split(line, '|');  // the expectation comes last
      const std::string expected = f.back();
      f.pop_back();
      cases_.push_back({line, f, expected});
    }
  }
  std::string text(const std::string& key) const {
    const nd::Array& bytes = arrays_.at(key);
    const char* p = reinterpret_cast<const char*>(bytes.bytes());
    return std::string(p, p + bytes.size());
  }
  const nd::Array& at(const std::string& key) const { return arrays_.at(key); }
  std::vector<Case> cases(const std::string& kind) const {
    std::vector<Case> out;
    for (const Case& c : cases_)
      if (c[0] == kind) out.push_back(c);
    return out;
  }
  nd::Array expected(const Case& c) const {
    std::vector<std::string> f = split(c.expected, ':');
    const nd::Shape shape = parse_shape(f[2]);
    const std::int64_t offset = std::stoll(f[3]);
    return arrays_.at("values_" + f[1])
        .index({nd::Slice(offset, offset + shape.product())})
        .reshape(shape);
  }

 private:
  std::map<std::string, nd::Array> arrays_;
  std::vector<Case> cases_;
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

nd::Array values(const std::string& dtype) {
  return fixture().at("vals_" + dtype);
}
nd::Array base(const std::string& name) {
  return fixture().at("base_" + name);
}

// --- comparisons --------------------------------------------------------------------------

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
  for (std::int64_t i = 0; i < a.size(); ++i) {
    const double x = a.data<double>()[i], y = e.data<double>()[i];
    if (std::isnan(x) && std::isnan(y)) continue;
    if (std::memcmp(&x, &y, sizeof(double)) != 0)
      return ::testing::AssertionFailure() << "element " << i << ": " << x << " != " << y;
  }
  return ::testing::AssertionSuccess();
}

// Distance in units in the last place of `dtype` (float32 or float64); NaN is 0 from NaN.
constexpr std::int64_t kFar = std::int64_t(1) << 62;
std::int64_t ulp_distance(double a, double b, nd::DType dtype) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b) ? 0 : kFar;
  if (a == b) return 0;
  if (std::signbit(a) != std::signbit(b)) return kFar;
  std::int64_t ia, ib;
  if (dtype == nd::float32) {
    ia = std::bit_cast<std::int32_t>(float(a)) & 0x7fffffff;
    ib = std::bit_cast<std::int32_t>(float(b)) & 0x7fffffff;
  } else {
    ia = std::bit_cast<std::int64_t>(a) & 0x7fffffffffffffff;
    ib = std::bit_cast<std::int64_t>(b) & 0x7fffffffffffffff;
  }
  return ia > ib ? ia - ib : ib - ia;
}

// The largest ulp distance between two float arrays of the same dtype and shape.
std::int64_t max_ulps(const nd::Array& actual, const nd::Array& expected) {
  if (actual.dtype() != expected.dtype() || !(actual.shape() == expected.shape())) return kFar;
  const nd::Array a = nd::ascontiguousarray(actual.astype(nd::float64));
  const nd::Array e = nd::ascontiguousarray(expected.astype(nd::float64));
  std::int64_t worst = 0;
  for (std::int64_t i = 0; i < a.size(); ++i)
    worst = std::max(worst, ulp_distance(a.data<double>()[i], e.data<double>()[i], actual.dtype()));
  return worst;
}

// The bound in ulps for each transcendental function: {float32, float64}. NumPy computes
// these with its own SIMD kernels (AVX-512 / SVML on this machine), ndgrad with the C
// library (and a vectorised expf), and neither is correctly rounded. Each bound is the
// largest difference measured here against Debian's NumPy 1.24 over 400,000 inputs
// spread over the function's domain (4 million for float32 exp); the fixture's 256 dense
// inputs and edge values stay within them.
const std::map<std::string, std::pair<std::int64_t, std::int64_t>>& ulp_bounds() {
  static const std::map<std::string, std::pair<std::int64_t, std::int64_t>> bounds = {
      {"exp", {3, 1}},    {"expm1", {2, 2}},   {"exp2", {3, 1}},    {"log", {3, 2}},
      {"log1p", {2, 2}},  {"log2", {2, 2}},    {"log10", {2, 2}},   {"cbrt", {2, 4}},
      {"sin", {1, 3}},    {"cos", {1, 3}},     {"tan", {3, 3}},     {"arcsin", {3, 2}},
      {"arccos", {2, 2}}, {"arctan", {2, 2}},  {"sinh", {2, 2}},    {"cosh", {2, 2}},
      {"tanh", {3, 2}},   {"arcsinh", {2, 2}}, {"arccosh", {2, 2}}, {"arctanh", {2, 2}},
      {"power", {1, 1}},  {"arctan2", {3, 2}},
  };
  return bounds;
}

bool is_transcendental(const std::string& fn) {
  return ulp_bounds().count(fn) > 0;
}

// Compares a result with NumPy's: bits for exactly rounded functions, the function's ulp
// bound for transcendental ones on float results.
::testing::AssertionResult matches_numpy(const std::string& fn, const nd::Array& actual,
                                         const nd::Array& expected) {
  if (!is_transcendental(fn) || !nd::is_floating(expected.dtype()))
    return same_bits(actual, expected);
  const auto [f32, f64] = ulp_bounds().at(fn);
  const std::int64_t bound = expected.dtype() == nd::float32 ? f32 : f64;
  const std::int64_t ulps = max_ulps(actual, expected);
  if (ulps <= bound) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << fn << " " << nd::name(expected.dtype()) << ": " << ulps
                                       << " ulps from NumPy, bound " << bound;
}

std::string error_class(const std::exception& e) {
  if (dynamic_cast<const nd::OverflowError*>(&e)) return "OverflowError";
  if (dynamic_cast<const nd::TypeError*>(&e)) return "TypeError";
  if (dynamic_cast<const nd::ValueError*>(&e)) return "ValueError";
  return "other";
}

// Runs `compute` and checks it against the case: NumPy's result, or NumPy's error.
template <class Fn>
void check(const Case& c, const std::string& fn, Fn compute) {
  SCOPED_TRACE(c.line);
  try {
    nd::Array r = compute();
    if (c.numpy_raises()) {
      ADD_FAILURE() << "NumPy raises " << c.expected;
      return;
    }
    nd::Array e = fixture().expected(c);
    EXPECT_TRUE(matches_numpy(fn, r, e)) << "ndgrad:\n" << r << "\nNumPy:\n" << e;
  } catch (const nd::Error& e) {
    EXPECT_EQ(error_class(e) + ":" + e.what(), c.expected);
  }
}

// --- the functions by name ----------------------------------------------------------------

using BinaryFn = std::function<nd::Array(const nd::ArrayLike&, const nd::ArrayLike&)>;
using UnaryFn = std::function<nd::Array(const nd::Array&)>;

#define BINARY(name)                                                                     \
  {                                                                                      \
#name, [](const nd::ArrayLike& a, const nd::ArrayLike& b) { return nd::name(a, b); } \
  }
const std::map<std::string, BinaryFn>& binary_functions() {
  static const std::map<std::string, BinaryFn> fns = {
      BINARY(add),         BINARY(subtract),     BINARY(multiply),    BINARY(divide),
      BINARY(true_divide), BINARY(floor_divide), BINARY(mod),         BINARY(remainder),
      BINARY(power),       BINARY(maximum),      BINARY(minimum),     BINARY(fmax),
      BINARY(fmin),        BINARY(arctan2),      BINARY(equal),       BINARY(not_equal),
      BINARY(less),        BINARY(less_equal),   BINARY(greater),     BINARY(greater_equal),
      BINARY(logical_and), BINARY(logical_or),   BINARY(logical_xor), BINARY(bitwise_and),
      BINARY(bitwise_or),  BINARY(bitwise_xor),
  };
  return fns;
}
#undef BINARY

#define UNARY(name)                                       \
  {                                                       \
#name, [](const nd::Array& a) { return nd::name(a); } \
  }
const std::map<std::string, UnaryFn>& unary_functions() {
  static const std::map<std::string, UnaryFn> fns = {
      UNARY(negative), UNARY(positive), UNARY(logical_not), UNARY(invert),     UNARY(abs),
      UNARY(absolute), UNARY(sign),     UNARY(square),      UNARY(reciprocal), UNARY(exp),
      UNARY(expm1),    UNARY(exp2),     UNARY(log),         UNARY(log1p),      UNARY(log2),
      UNARY(log10),    UNARY(sqrt),     UNARY(cbrt),        UNARY(sin),        UNARY(cos),
      UNARY(tan),      UNARY(arcsin),   UNARY(arccos),      UNARY(arctan),     UNARY(sinh),
      UNARY(cosh),     UNARY(tanh),     UNARY(arcsinh),     UNARY(arccosh),    UNARY(arctanh),
      UNARY(floor),    UNARY(ceil),     UNARY(trunc),       UNARY(rint),       UNARY(isnan),
      UNARY(isinf),    UNARY(isfinite), UNARY(signbit),
  };
  return fns;
}
#undef UNARY

// --- every function, every dtype ---------------------------------------------------------

// vals_B as a row; integer exponents of power without the negative ones (NumPy raises).
nd::Array binary_row(const std::string& op, const std::string& a, const std::string& b) {
  nd::Array y = values(b);
  const bool integers = !nd::is_floating(values(a).dtype()) && !nd::is_floating(y.dtype());
  if (op == "power" && integers) y = y.index({nd::greater_equal(y, 0)});
  return y.reshape({1, -1});
}

TEST(Ufuncs, EveryBinaryFunctionOnEveryDtypePair) {
  const std::vector<Case> cases = fixture().cases("binary");
  EXPECT_EQ(cases.size(), 26u * 36u);
  for (const Case& c : cases) {
    const std::string &op = c[1], &a = c[2], &b = c[3];
    check(c, op, [&] {
      return binary_functions().at(op)(values(a).reshape({-1, 1}), binary_row(op, a, b));
    });
  }
}

TEST(Ufuncs, EveryUnaryFunctionOnEveryDtype) {
  const std::vector<Case> cases = fixture().cases("unary");
  EXPECT_EQ(cases.size(), 38u * 6u);
  for (const Case& c : cases)
    check(c, c[1], [&] { return unary_functions().at(c[1])(values(c[2])); });
}

TEST(Ufuncs, TranscendentalFunctionsOnDenseInputs) {
  for (const Case& c : fixture().cases("dense")) {
    const std::string &fn = c[1], &dtype = c[2], &domain = c[3];
    const nd::Array x = fixture().at("input_" + domain + "_" + dtype);
    check(c, fn, [&] {
      if (fn == "power") {  // exponents -8, -7.5, ..., 8
        nd::Array n = nd::arange(x.size()).astype(nd::float64);
        return nd::power(x, nd::subtract(nd::divide(nd::mod(n, 33), 2.0), 8).astype(x.dtype()));
      }
      if (fn == "arctan2") return nd::arctan2(x, x.index({nd::Slice(nd::None, nd::None, -1)}));
      return unary_functions().at(fn)(x);
    });
  }
}

TEST(Ufuncs, DomainEdges) {
  EXPECT_EQ(nd::log(nd::array({0.0})).item<double>(), -INFINITY);
  EXPECT_TRUE(std::isnan(nd::log(nd::array({-1.0})).item<double>()));
  EXPECT_TRUE(std::isnan(nd::sqrt(nd::array({-1.0})).item<double>()));
  EXPECT_TRUE(std::isnan(nd::arccos(nd::array({2.0})).item<double>()));
  EXPECT_EQ(nd::log1p(nd::array({-1.0})).item<double>(), -INFINITY);
  EXPECT_EQ(nd::arctanh(nd::array({1.0})).item<double>(), INFINITY);
  EXPECT_TRUE(std::signbit(nd::sqrt(nd::array({-0.0})).item<double>()));
  EXPECT_EQ(nd::exp(nd::full({1}, 89.0, nd::float32)).item<float>(), INFINITY);
  EXPECT_EQ(nd::floor_divide(nd::array({7, -7}), 0).index({1}).item<std::int64_t>(), 0);
  EXPECT_EQ(nd::mod(nd::array({7, -7}), 0).index({1}).item<std::int64_t>(), 0);
  EXPECT_EQ(nd::divide(nd::array({1, -1}), 0).index({1}).item<double>(), -INFINITY);
}

// --- NEP 50 weak scalars -----------------------------------------------------------------

// "b:True", "i:300", "f:2.5", "f:nan" as the C++ scalar they stand for.
nd::ArrayLike parse_scalar(const std::string& text) {
  const std::string value = text.substr(2);
  if (text[0] == 'b') return value == "True";
  if (text[0] == 'i') return std::int64_t(std::stoll(value));
  return std::strtod(value.c_str(), nullptr);
}

TEST(Ufuncs, WeakScalarsOnEitherSide) {
  const std::vector<Case> cases = fixture().cases("weak");
  EXPECT_GT(cases.size(), 2000u);
  for (const Case& c : cases) {
    const std::string &op = c[1], &dtype = c[2];
    const nd::ArrayLike scalar = parse_scalar(c[3]);
    const bool scalar_first = c[4] == "1";
    check(c, op, [&] {
      const BinaryFn& fn = binary_functions().at(op);
      return scalar_first ? fn(scalar, values(dtype)) : fn(values(dtype), scalar);
    });
  }
}

TEST(Ufuncs, InPlaceOperatorsWithScalars) {
  for (const Case& c : fixture().cases("inplace")) {
    const std::string &op = c[1], &dtype = c[2];
    const nd::ArrayLike scalar = parse_scalar(c[3]);
    check(c, op, [&] {
      nd::Array a = values(dtype).copy();
      nd::Array alias = a;  // the operator writes into a's memory: every handle sees it
      if (op == "add") a += scalar;
      if (op == "subtract") a -= scalar;
      if (op == "multiply") a *= scalar;
      if (op == "divide") a /= scalar;
      if (op == "mod") a %= scalar;
      if (op == "bitwise_and") a &= scalar;
      return alias;
    });
  }
}

// --- layouts -------------------------------------------------------------------------------

// The views of tests/gen_ufuncs.py (VIEWS): an index, then a transpose.
nd::Array view(const std::string& name, const std::string& kind) {
  nd::Array a = base(name);
  if (kind == "rev") a = a.index(nd_test::parse_index("::-1;::2"));
  if (kind == "mixed") a = a.index(nd_test::parse_index(":;::-1;1::2"));
  if (kind == "T") a = a.T();
  if (kind == "perm") a = a.transpose({1, 2, 0});
  return a;
}

TEST(Ufuncs, TransposedStridedAndReversedOperands) {
  int checked = 0;
  for (const Case& c : fixture().cases("layout")) {
    const std::string& op = c[1];
    check(c, op, [&] { return binary_functions().at(op)(view(c[2], c[3]), view(c[4], c[5])); });
    ++checked;
  }
  for (const Case& c : fixture().cases("layout_unary")) {
    check(c, c[1], [&] { return unary_functions().at(c[1])(view(c[2], c[3])); });
    ++checked;
  }
  EXPECT_GT(checked, 150);
}

// Results are laid out in the memory order NumPy allocates them in, so that a later
// reduction walks them in NumPy's order.
TEST(Ufuncs, ResultsAreLaidOutAsNumPyLaysThemOut) {
  auto strides_of = [](const nd::Array& r) {
    std::vector<std::int64_t> s(r.strides().begin(), r.strides().end());
    return nd::array(s, {std::int64_t(s.size())});
  };
  for (const Case& c : fixture().cases("strides"))
    check(c, "", [&] {
      return strides_of(binary_functions().at(c[1])(view(c[2], c[3]), view(c[4], c[5])));
    });
  for (const Case& c : fixture().cases("strides_unary"))
    check(c, "", [&] { return strides_of(unary_functions().at(c[1])(view(c[2], c[3]))); });
}

const Case& named(const std::string& kind, const std::string& name) {
  static std::vector<Case> all;
  static std::once_flag once;
  std::call_once(once, [] {
    for (const char* k : {"out", "alias", "where", "clip"})
      for (const Case& c : fixture().cases(k)) all.push_back(c);
  });
  for (const Case& c : all)
    if (c[0] == kind && c[1] == name) return c;
  throw std::runtime_error("no case " + kind + "|" + name);
}

TEST(Ufuncs, OutArgumentWritesIntoViews) {
  using nd::Slice;
  check(named("out", "add_into_strided_view"), "", [] {
    nd::Array target = nd::zeros({4, 5, 12});
    nd::add(view("f64", "c"), view("row", "c"),
            target.index({nd::Ellipsis, Slice(nd::None, nd::None, 2)}));
    return target;
  });
  check(named("out", "multiply_into_reversed_view"), "", [] {
    nd::Array target = nd::zeros({6, 5, 4});
    nd::multiply(view("f64", "T"), 2.0, target.index({Slice(nd::None, nd::None, -1)}));
    return target;
  });
  check(named("out", "inputs_broadcast_to_out"), "", [] {
    nd::Array target = nd::ones({3, 4, 5, 6});
    nd::subtract(view("f64", "c"), view("row", "c"), target);
    return target;
  });
  check(named("out", "int32_into_int64_out"), "", [] {
    nd::Array target = nd::zeros({4, 5, 6}, nd::int64);
    nd::add(view("i32", "c"), nd::scalar(std::int64_t(3)), target);
    return target;
  });
  check(named("out", "float64_into_float32_out"), "", [] {
    nd::Array target = nd::zeros({4, 5, 6}, nd::float32);
    nd::multiply(view("f64", "c"), 1.1, target);
    return target;
  });
  check(named("out", "unary_into_view"), "exp", [] {
    nd::Array target = nd::zeros({6, 5, 4});
    nd::exp(view("f64", "T") / 10, target);
    nd::Array every_other = target.index({Slice(nd::None, nd::None, 2)});
    nd::negative(every_other, every_other);
    return target;
  });
}

TEST(Ufuncs, OverlappingInputsAreReadBeforeTheyAreOverwritten) {
  using nd::Slice;
  check(named("alias", "a+=a[::-1]"), "", [] {
    nd::Array a = base("f64").copy();
    a += a.index({Slice(nd::None, nd::None, -1)});
    return a;
  });
  check(named("alias", "a[1:]+=a[:-1]"), "", [] {
    nd::Array a = base("f64").reshape({-1}).copy();
    nd::Array tail = a.index({Slice(1, nd::None)});
    tail += a.index({Slice(nd::None, -1)});
    return a;
  });
  check(named("alias", "a[:-1]*=a[1:]"), "", [] {
    nd::Array a = base("f64").reshape({-1}).copy();
    nd::Array head = a.index({Slice(nd::None, -1)});
    head *= a.index({Slice(1, nd::None)});
    return a;
  });
  check(named("alias", "add(a,a.T,out=a)"), "", [] {
    nd::Array a = base("f64").index({0, Slice(nd::None, 5), Slice(nd::None, 5)}).copy();
    nd::add(a, a.T(), a);
    return a;
  });
  check(named("alias", "negative(a[::-1],out=a)"), "", [] {
    nd::Array a = base("f64").reshape({-1}).copy();
    nd::negative(a.index({Slice(nd::None, nd::None, -1)}), a);
    return a;
  });
}

TEST(Ufuncs, OutArgumentErrors) {
  auto message = [](auto fn) -> std::string {
    try {
      fn();
    } catch (const nd::Error& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(message([] { nd::add(nd::ones({3}), nd::ones({3}), nd::ones({2})); }),
            "operands could not be broadcast together with shapes (3,) (3,) (2,) ");
  EXPECT_EQ(message([] { nd::add(nd::ones({3}), 5, nd::ones({2})); }),
            "operands could not be broadcast together with shapes (3,) () (2,) ");
  EXPECT_EQ(message([] {
              nd::add(nd::ones({2, 3}), nd::ones({3}), nd::ones({3}));
            }),
            "non-broadcastable output operand with shape (3,) doesn't match the broadcast "
            "shape (2,3)");
  EXPECT_EQ(message([] { nd::exp(nd::ones({3}), nd::ones({2})); }),
            "operands could not be broadcast together with shapes (3,) (2,) ");
  EXPECT_EQ(message([] { nd::negative(nd::ones({3}), nd::ones({3}, nd::int64)); }),
            "Cannot cast ufunc 'negative' output from dtype('float64') to dtype('int64') with "
            "casting rule 'same_kind'");
  EXPECT_EQ(message([] { nd::divide(nd::ones({3}, nd::int64), 2, nd::ones({3}, nd::int64)); }),
            "Cannot cast ufunc 'divide' output from dtype('float64') to dtype('int64') with "
            "casting rule 'same_kind'");
  EXPECT_EQ(message([] { nd::clip(nd::ones({3}), 0, 1, nd::ones({2})); }),
            "operands could not be broadcast together with shapes (3,) () () (2,) ");
  EXPECT_EQ(message([] { nd::clip(nd::ones({3}), 0, 1, nd::ones({3}, nd::int64)); }),
            "Cannot cast ufunc 'clip' output from dtype('float64') to dtype('int64') with "
            "casting rule 'same_kind'");
  EXPECT_EQ(message([] {
              nd::Array r = nd::broadcast_to(nd::ones({3}), {2, 3});
              nd::add(r, 1, r);
            }),
            "output array is read-only");
  // A bool result may go into a float64 out (bool casts safely to anything).
  EXPECT_NO_THROW(nd::equal(nd::ones({3}), 1, nd::ones({3})));
}

// --- round, where, clip, nan_to_num ------------------------------------------------------

nd::Array round_input(const std::string& dtype) {
  static const double floats[] = {0.5,        1.5,         2.5,        -0.5,     -1.5,
                                  0.0,        -0.0,        1.2345678,  -2.675,   2.675,
                                  123456.789, -98765.4321, 1e15 + 0.5, 1e300,    5e-324,
                                  0.125,      0.375,       NAN,        INFINITY, -INFINITY};
  static const std::int64_t ints[] = {0,   5,   15,  25,   -15,   -25,  149,
                                      150, 151, 250, -250, 12345, 99999};
  if (dtype == "float64" || dtype == "float32")
    return nd::array(std::vector<double>(std::begin(floats), std::end(floats)), {20})
        .astype(nd::dtype_from_name(dtype));
  std::vector<std::int64_t> v;
  for (std::int64_t i : ints)
    if (dtype != "uint8" || i >= 0) v.push_back(i);
  if (dtype == "bool") return nd::array({false, true});
  return nd::array(v, {std::int64_t(v.size())}).astype(nd::dtype_from_name(dtype));
}

TEST(Ufuncs, RoundLikeNumPy) {
  const std::vector<Case> cases = fixture().cases("round");
  EXPECT_GT(cases.size(), 30u);
  for (const Case& c : cases)
    check(c, "", [&] { return nd::round(round_input(c[1]), std::stoi(c[2])); });
}

TEST(Ufuncs, Where) {
  nd::Array cond = nd::array({{true, false, true}, {false, false, true}});
  check(named("where", "arrays"), "", [&] {
    return nd::where(cond, nd::arange(6.0).reshape({2, 3}), -nd::ones({3}));
  });
  check(named("where", "int_and_float32"), "", [&] {
    return nd::where(cond, nd::arange(3, nd::int32), nd::ones({2, 1}, nd::float32));
  });
  check(named("where", "uint8_and_weak_int"), "",
        [&] { return nd::where(cond, nd::arange(3, nd::uint8), 7); });
  check(named("where", "int64_and_weak_float"), "",
        [&] { return nd::where(cond, nd::arange(3), 0.5); });
  check(named("where", "float_condition"), "", [&] {
    return nd::where(nd::array({0.0, -0.0, kNan, 2.0}), 1, nd::arange(4));
  });
  check(named("where", "transposed"), "",
        [&] { return nd::where(view("f64", "T") > 0, view("f64", "T"), view("i32", "T")); });
  check(named("where", "bool_values"), "",
        [&] { return nd::where(cond, true, nd::zeros({3}, nd::bool_)); });
  check(named("where", "mismatch"), "",
        [&] { return nd::where(nd::ones({3}, nd::bool_), nd::ones({2}), 0); });
}

TEST(Ufuncs, Clip) {
  nd::Array x = nd::array({-kInf, -3.0, -0.0, 0.0, 0.5, 2.0, 7.0, kNan, kInf});
  check(named("clip", "scalars"), "", [&] { return nd::clip(x, -1.0, 3.0); });
  check(named("clip", "no_lower"), "", [&] { return nd::clip(x, nd::None, 1.0); });
  check(named("clip", "no_upper"), "", [&] { return nd::clip(x, 0.5, nd::None); });
  check(named("clip", "zero_bounds"), "", [&] { return nd::clip(x, 0.0, 0.0); });
  check(named("clip", "neg_zero_bounds"), "", [&] { return nd::clip(x, -0.0, -0.0); });
  check(named("clip", "nan_lower"), "", [&] { return nd::clip(x, NAN, 1.0); });
  check(named("clip", "crossed_bounds"), "", [&] { return nd::clip(x, 3.0, -1.0); });
  check(named("clip", "array_bounds"), "",
        [&] { return nd::clip(view("f64", "c"), view("row", "c") - 5, view("col", "c") + 5); });
  check(named("clip", "int_with_float_bounds"), "",
        [&] { return nd::clip(view("i32", "c"), -10.5, 20.5); });
  check(named("clip", "uint8_with_int_bounds"), "",
        [&] { return nd::clip(view("u8", "T"), 10, 200); });
  check(named("clip", "float32_with_weak_floats"), "",
        [&] { return nd::clip(view("f32", "c"), -0.3, 0.7); });
  check(named("clip", "out_is_input"), "", [&] {
    nd::Array a = base("f64").copy();
    nd::clip(a, -5.0, 5.0, a);
    return a;
  });
  check(named("clip", "out_float32_view"), "", [&] {
    nd::Array target = nd::zeros({4, 5, 12}, nd::float32);
    nd::clip(view("f64", "c"), -5.0, 5.0, target.index({nd::Ellipsis, nd::Slice(1, nd::None, 2)}));
    return target;
  });
}

TEST(Ufuncs, NanToNum) {
  nd::Array x = nd::array({0.0, -0.0, 1.5, kNan, kInf, -kInf, -7.0});
  for (const Case& c : fixture().cases("nan_to_num"))
    check(c, "", [&] {
      if (c[1] == "int32" || c[1] == "bool") return nd::nan_to_num(values(c[1]));
      nd::Array a = x.astype(nd::dtype_from_name(c[1]));
      return c[2] == "default" ? nd::nan_to_num(a) : nd::nan_to_num(a, -1.0, 1e300, -2.5);
    });
}

}  // namespace

// Temporary elision: operators write into a temporary nothing else holds, and only then.
TEST(Elision, TemporariesTakeTheResultAndNamedArraysAreUntouched) {
  const nd::Array a = nd::linspace(-1, 1, 12).reshape({3, 4}).astype(nd::float32);
  const nd::Array b = nd::arange(12).reshape({3, 4}).astype(nd::float32);
  const nd::Array c = nd::full({4}, 0.25).astype(nd::float32);
  const nd::Array a0 = a.copy(), b0 = b.copy(), c0 = c.copy();

  nd::Array product = a * b;
  const std::byte* product_memory = product.bytes();
  nd::Array sum = std::move(product) + c;
  EXPECT_EQ(sum.bytes(), product_memory);  // the temporary's memory took the result
  EXPECT_TRUE(nd_test::arrays_identical(sum, nd::add(nd::multiply(a, b), c)));
  EXPECT_TRUE(nd_test::arrays_identical(nd::Array(a * b + c), nd::add(nd::multiply(a, b), c)));
  EXPECT_TRUE(nd_test::arrays_identical(nd::Array(c - a * b), nd::subtract(c, nd::multiply(a, b))));
  EXPECT_TRUE(
      nd_test::arrays_identical(nd::Array(2.0f / (a + b)), nd::divide(2.0f, nd::add(a, b))));
  EXPECT_TRUE(nd_test::arrays_identical(a, a0));
  EXPECT_TRUE(nd_test::arrays_identical(b, b0));
  EXPECT_TRUE(nd_test::arrays_identical(c, c0));

  // A view shares its memory with its base: never written through.
  nd::Array base = a.copy();
  nd::Array grown = base.index({nd::Slice()}) + 1.0f;
  EXPECT_TRUE(nd_test::arrays_identical(base, a0));
  EXPECT_TRUE(nd_test::arrays_identical(grown, nd::add(a0, 1.0f)));
}

TEST(Elision, OnlyWhenTheResultHasTheTemporarysDtypeAndShape) {
  const nd::Array ints = nd::arange(6);
  // int64 / int gives float64: a fresh result, correct values.
  EXPECT_TRUE(
      nd_test::arrays_identical(nd::Array((ints * 2) / 4), nd::divide(nd::multiply(ints, 2), 4)));
  // float32 temporary + float64 array gives float64.
  const nd::Array f32 = nd::ones({6}, nd::float32), f64 = nd::ones({6});
  EXPECT_EQ(nd::Array((f32 * 2.0f) + f64).dtype(), nd::float64);
  // A row temporary + a column broadcasts to a larger shape.
  const nd::Array row = nd::ones({1, 3}), column = nd::arange(3.0).reshape({3, 1});
  EXPECT_EQ(nd::Array((row * 2.0) + column).shape(), (nd::Shape{3, 3}));
  EXPECT_TRUE(nd_test::arrays_identical(nd::Array((row * 2.0) + column),
                                        nd::add(nd::multiply(row, 2.0), column)));
}
