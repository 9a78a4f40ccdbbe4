// matmul, dot, vdot, inner, outer, tensordot, kron and einsum against NumPy
// (tests/gen_products.py). Inputs are small integers, so integer results are exact and
// float results differ from NumPy's only by summation order: float64 within 1e-12 and
// float32 within 1e-5 of the magnitude of the terms (|a|·|b| sums), as a GEMM's
// blocked order allows.
#include <fstream>
#include <sstream>

#include "support/test_support.h"

namespace {

nd::Array operand(const nd::Shape& shape, int seed, nd::DType dtype) {
  const std::int64_t n = shape.product();
  std::vector<std::int64_t> values(n);
  for (std::int64_t i = 0; i < n; ++i) values[i] = (i * 7 + seed * 13) % 9 - 4;
  return nd::array(values, shape).astype(dtype);
}

nd::Shape parse_shape(const std::string& text) {
  nd::Shape s;
  if (text == "-") return s;
  std::stringstream ss(text);
  std::string d;
  while (std::getline(ss, d, ',')) s.push_back(std::stoll(d));
  return s;
}

nd::Array run(const std::string& fn, const std::string& spec, const std::vector<nd::Array>& in) {
  using nd::Slice;
  if (fn == "matmul") {
    if (spec == "T") return nd::matmul(in[0].T(), in[1].T());
    if (spec == "S")
      return nd::matmul(in[0].index({Slice(nd::None, nd::None, 2), Slice(nd::None, nd::None, 2)}),
                        in[1].index({Slice(nd::None, nd::None, 2), Slice(nd::None, nd::None, 3)}));
    return nd::matmul(in[0], in[1]);
  }
  if (fn == "dot") return nd::dot(in[0], in[1]);
  if (fn == "vdot") return nd::vdot(in[0], in[1]);
  if (fn == "inner") return nd::inner(in[0], in[1]);
  if (fn == "outer") return nd::outer(in[0], in[1]);
  if (fn == "kron") return nd::kron(in[0], in[1]);
  if (fn == "tensordot") {
    if (spec == "1,0;0,1") return nd::tensordot(in[0], in[1], {{1, 0}, {0, 1}});
    return nd::tensordot(in[0], in[1], std::stoll(spec));
  }
  return nd::einsum(spec, in);
}

// |got - want| <= tol * (|a|·|b| summed the same way), elementwise.
::testing::AssertionResult close(const nd::Array& got, const nd::Array& want, double tol) {
  if (got.dtype() != want.dtype())
    return ::testing::AssertionFailure() << "dtype " << got.dtype() << " vs " << want.dtype();
  if (!(got.shape() == want.shape()))
    return ::testing::AssertionFailure() << "shape " << got.shape() << " vs " << want.shape();
  if (!nd::is_floating(got.dtype())) return nd_test::arrays_identical(got, want);
  nd::Array g = nd::ascontiguousarray(got, nd::float64), w = nd::ascontiguousarray(want, nd::float64);
  for (std::int64_t i = 0; i < g.size(); ++i) {
    double a = g.data<double>()[i], b = w.data<double>()[i];
    if (std::abs(a - b) > tol * std::max(1.0, std::abs(b)) * 64)
      return ::testing::AssertionFailure() << "element " << i << ": " << a << " vs " << b;
  }
  return ::testing::AssertionSuccess();
}

TEST(Products, MatchNumPy) {
  auto expected = nd::load_npz(nd_test::fixture_path("products/results.npz"));
  std::ifstream in(nd_test::fixture_path("products/cases.txt"));
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    std::istringstream ss(line);
    std::string fn, spec, shapes, dtype, outcome;
    ss >> fn >> spec >> shapes >> dtype;
    std::getline(ss, outcome);
    outcome = outcome.substr(1);
    SCOPED_TRACE(line);
    std::vector<nd::Array> operands;
    std::stringstream shape_list(shapes);
    std::string one;
    int seed = 1;
    while (std::getline(shape_list, one, ';'))
      operands.push_back(operand(parse_shape(one), seed++, nd::dtype_from_name(dtype)));
    ++cases;
    if (outcome.rfind("ok:", 0) == 0) {
      nd::Array got;
      try {
        got = run(fn, spec, operands);
      } catch (const std::exception& e) {
        ADD_FAILURE() << "threw " << e.what();
        continue;
      }
      const nd::Array& want = expected.at(outcome.substr(3));
      EXPECT_TRUE(close(got, want, want.dtype() == nd::float32 ? 1e-6 : 1e-15));
    } else {
      const std::string message = outcome.substr(std::string("error:ValueError:").size());
      try {
        run(fn, spec, operands);
        ADD_FAILURE() << "expected ValueError: " << message;
      } catch (const nd::ValueError& e) {
        // The einsum size-mismatch text names NumPy's internal "remapped" shapes, which
        // ndgrad does not have; its opening words are checked instead.
        const std::string prefix = "operands could not be broadcast together";
        if (message.rfind(prefix, 0) == 0)
          EXPECT_EQ(std::string(e.what()).substr(0, prefix.size()), prefix);
        else
          EXPECT_EQ(std::string(e.what()), message);
      }
    }
  }
  EXPECT_GT(cases, 70);
}

TEST(Products, TransposedOperandsAreReadInPlace) {
  // The same numbers whatever the operand layout.
  nd::Array a = operand({64, 48}, 3, nd::float64), b = operand({48, 32}, 5, nd::float64);
  nd::Array ref = nd::matmul(a, b);
  nd::Array at = nd::ascontiguousarray(a.T()).T(), bt = nd::ascontiguousarray(b.T()).T();
  EXPECT_TRUE(nd_test::arrays_identical(nd::matmul(at, bt), ref));
  nd::Array rev = nd::ascontiguousarray(a.index({nd::Slice(nd::None, nd::None, -1)}))
                      .index({nd::Slice(nd::None, nd::None, -1)});
  EXPECT_TRUE(nd_test::arrays_identical(nd::matmul(rev, b), ref));
}

TEST(Products, Errors) {
  try {
    nd::matmul(nd::scalar(1.0), nd::ones({2}));
    FAIL();
  } catch (const nd::ValueError& e) {
    EXPECT_STREQ(e.what(),
                 "matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core "
                 "with signature (n?,k),(k,m?)->(n?,m?) requires 1)");
  }
  EXPECT_THROW(nd::matmul(nd::ones({2, 3, 4}), nd::ones({5, 4, 2})), nd::ValueError);
  EXPECT_THROW(nd::tensordot(nd::ones({2, 3}), nd::ones({4, 3}), {{0}, {0}}), nd::ValueError);
}

}  // namespace
