// nd::random against NumPy's legacy RandomState (tests/gen_random.py): the generator
// recorded long interleaved sequences of np.random calls (every function, seeds 0, 1, 42,
// 12345, 2**32 - 1 and a seed list, several shapes and dtypes, odd-sized randn followed by
// normal so that the cached Gaussian crosses calls, state snapshots and restores, error
// texts); the replay below makes the same calls in the same order and requires every value
// to be bit-identical. That includes the values computed with glibc's log, exp, pow and
// sqrt (gamma, beta, dirichlet, binomial, poisson, gumbel, ...): NumPy calls the same libm
// on this machine, so exact equality is the right test, and it holds.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <sstream>
#include <thread>

#include "support/test_support.h"

namespace {

using nd::Slice;
using nd::random::RandomState;
using nd::random::Size;
using nd::random::State;

// --- the script ----------------------------------------------------------------------------

struct Call {
  int line_number = 0;
  std::string text;  // the whole line, for failure messages
  std::string stream, function;
  std::map<std::string, std::string> args;
  std::string expect;  // what follows "->", empty for calls without a recorded result
};

std::vector<Call> read_script() {
  std::istringstream in(nd_test::read_text_file(nd_test::fixture_path("random/script.txt")));
  std::vector<Call> calls;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    Call call;
    call.line_number = number;
    call.text = line;
    std::string head = line;
    if (const auto arrow = line.find(" -> "); arrow != std::string::npos) {
      head = line.substr(0, arrow);
      call.expect = line.substr(arrow + 4);
    }
    std::istringstream words(head);
    words >> call.stream >> call.function;
    for (std::string word; words >> word;) {
      const auto eq = word.find('=');
      call.args[word.substr(0, eq)] = word.substr(eq + 1);
    }
    calls.push_back(call);
  }
  return calls;
}

std::vector<std::int64_t> parse_ints(std::string text) {  // "(2,3)", "2,3", "(5,)", "()"
  std::vector<std::int64_t> out;
  for (char& c : text)
    if (c == '(' || c == ')' || c == ',') c = ' ';
  std::istringstream in(text);
  for (std::int64_t v; in >> v;) out.push_back(v);
  return out;
}

nd::Shape parse_shape(const std::string& text) {
  return nd::Shape(parse_ints(text));
}

// None, () , (2,3) or a bare int, as NumPy's size argument.
Size parse_size(const std::map<std::string, std::string>& args) {
  const auto it = args.find("size");
  if (it == args.end() || it->second == "None") return Size();
  if (it->second.front() != '(') return Size(std::stoll(it->second));
  return Size(parse_shape(it->second));
}

double number(const std::map<std::string, std::string>& args, const std::string& key) {
  return std::stod(args.at(key));
}
std::int64_t integer(const std::map<std::string, std::string>& args, const std::string& key) {
  return std::stoll(args.at(key));
}

// The exception class names NumPy reports.
std::string class_name(const std::exception& e) {
  if (dynamic_cast<const nd::OverflowError*>(&e)) return "OverflowError";
  if (dynamic_cast<const nd::IndexError*>(&e)) return "IndexError";
  if (dynamic_cast<const nd::TypeError*>(&e)) return "TypeError";
  if (dynamic_cast<const nd::ValueError*>(&e)) return "ValueError";
  return "unknown exception";
}

// The global functions behind the same interface as a RandomState, so that one replay
// routine drives both.
struct GlobalStream {
  void seed(std::int64_t s) { nd::random::seed(s); }
  void seed(const std::vector<std::int64_t>& s) { nd::random::seed(s); }
  State get_state() { return nd::random::get_state(); }
  void set_state(const State& s) { nd::random::set_state(s); }
  nd::Array random_sample(const Size& s) { return nd::random::random_sample(s); }
  nd::Array random(const Size& s) { return nd::random::random(s); }
  nd::Array rand(const Size& s) { return nd::random::rand(s); }
  nd::Array randn(const Size& s) { return nd::random::randn(s); }
  nd::Array standard_normal(const Size& s) { return nd::random::standard_normal(s); }
  nd::Array normal(double l, double sc, const Size& s) { return nd::random::normal(l, sc, s); }
  nd::Array uniform(double l, double h, const Size& s) { return nd::random::uniform(l, h, s); }
  nd::Array randint(std::int64_t l, std::optional<std::int64_t> h, const Size& s, nd::DType d) {
    return nd::random::randint(l, h, s, d);
  }
  nd::Array choice(std::int64_t a, const Size& s, bool r, const std::optional<nd::Array>& p) {
    return nd::random::choice(a, s, r, p);
  }
  nd::Array choice(const nd::Array& a, const Size& s, bool r, const std::optional<nd::Array>& p) {
    return nd::random::choice(a, s, r, p);
  }
  nd::Array permutation(std::int64_t n) { return nd::random::permutation(n); }
  nd::Array permutation(const nd::Array& x) { return nd::random::permutation(x); }
  void shuffle(const nd::Array& x) { nd::random::shuffle(x); }
  nd::Array standard_exponential(const Size& s) { return nd::random::standard_exponential(s); }
  nd::Array exponential(double sc, const Size& s) { return nd::random::exponential(sc, s); }
  nd::Array standard_gamma(double k, const Size& s) { return nd::random::standard_gamma(k, s); }
  nd::Array gamma(double k, double sc, const Size& s) { return nd::random::gamma(k, sc, s); }
  nd::Array beta(double a, double b, const Size& s) { return nd::random::beta(a, b, s); }
  nd::Array gumbel(double l, double sc, const Size& s) { return nd::random::gumbel(l, sc, s); }
  nd::Array laplace(double l, double sc, const Size& s) { return nd::random::laplace(l, sc, s); }
  nd::Array logistic(double l, double sc, const Size& s) { return nd::random::logistic(l, sc, s); }
  nd::Array binomial(std::int64_t n, double p, const Size& s) {
    return nd::random::binomial(n, p, s);
  }
  nd::Array poisson(double lam, const Size& s) { return nd::random::poisson(lam, s); }
  nd::Array dirichlet(const nd::Array& a, const Size& s) { return nd::random::dirichlet(a, s); }
  nd::Array multinomial(std::int64_t n, const nd::Array& p, const Size& s) {
    return nd::random::multinomial(n, p, s);
  }
};

class Replay {
 public:
  Replay() : fixture_(nd::load_npz(nd_test::fixture_path("random/values.npz"))) {
    for (const char* name : {"float64", "float32", "int64", "int32", "uint8", "bool"})
      offset_[name] = 0;
  }

  // True when every recorded value has been compared.
  bool consumed_everything() const {
    for (const auto& [dtype, offset] : offset_)
      if (offset != fixture_.at(dtype).size()) return false;
    return true;
  }

  // Runs one line; returns false (after reporting) when it does not match NumPy.
  bool run(const Call& call) {
    try {
      if (call.function == "new") {
        const auto& a = call.args;
        streams_[call.stream] = a.count("list")
                                    ? std::make_unique<RandomState>(parse_ints(a.at("list")))
                                    : std::make_unique<RandomState>(integer(a, "seed"));
        return true;
      }
      std::optional<nd::Array> result =
          call.stream == "g" ? dispatch(global_, call) : dispatch(*streams_.at(call.stream), call);
      if (!call.expect.empty() && call.expect.front() == '!')
        return fail(call, "NumPy raised, ndgrad returned");
      if (result) return check_values(call, *result);
      return true;
    } catch (const std::exception& e) {
      const std::string got = "!" + class_name(e) + " " + e.what();
      if (got == call.expect) return true;
      return fail(call, "got " + got);
    }
  }

 private:
  template <class Api>
  std::optional<nd::Array> dispatch(Api& api, const Call& c) {
    const auto& a = c.args;
    const std::string& f = c.function;
    if (f == "seed") {
      if (a.count("list"))
        api.seed(parse_ints(a.at("list")));
      else
        api.seed(integer(a, "seed"));
      return std::nullopt;
    }
    if (f == "get_state") {
      check_state(c, api.get_state());
      return std::nullopt;
    }
    if (f == "set_state") {
      api.set_state(snapshots_.at(integer(a, "from")));
      return std::nullopt;
    }
    const Size size = parse_size(a);
    if (f == "random_sample") return api.random_sample(size);
    if (f == "random") return api.random(size);
    if (f == "rand") return api.rand(size);
    if (f == "randn") return api.randn(size);
    if (f == "standard_normal") return api.standard_normal(size);
    if (f == "normal") return api.normal(number(a, "loc"), number(a, "scale"), size);
    if (f == "uniform") return api.uniform(number(a, "low"), number(a, "high"), size);
    if (f == "randint") {
      std::optional<std::int64_t> high;
      if (a.count("high")) high = integer(a, "high");
      const nd::DType dtype = a.count("dtype") ? nd::dtype_from_name(a.at("dtype")) : nd::int64;
      return api.randint(integer(a, "low"), high, size, dtype);
    }
    if (f == "choice") {
      const bool replace = !a.count("replace") || a.at("replace") == "1";
      std::optional<nd::Array> p;
      if (a.count("p")) p = input(a, "p");
      if (a.at("a").starts_with("in:")) return api.choice(input(a, "a"), size, replace, p);
      return api.choice(integer(a, "a"), size, replace, p);
    }
    if (f == "permutation")
      return a.count("n") ? api.permutation(integer(a, "n")) : api.permutation(input(a, "x"));
    if (f == "shuffle") {
      nd::Array x = input(a, "x", /*copy=*/true);
      api.shuffle(x);
      return x;
    }
    if (f == "standard_exponential") return api.standard_exponential(size);
    if (f == "exponential") return api.exponential(number(a, "scale"), size);
    if (f == "standard_gamma") return api.standard_gamma(number(a, "shape"), size);
    if (f == "gamma")
      return api.gamma(number(a, "shape"), a.count("scale") ? number(a, "scale") : 1.0, size);
    if (f == "beta") return api.beta(number(a, "a"), number(a, "b"), size);
    if (f == "gumbel") return api.gumbel(number(a, "loc"), number(a, "scale"), size);
    if (f == "laplace") return api.laplace(number(a, "loc"), number(a, "scale"), size);
    if (f == "logistic") return api.logistic(number(a, "loc"), number(a, "scale"), size);
    if (f == "binomial") return api.binomial(integer(a, "n"), number(a, "p"), size);
    if (f == "poisson") return api.poisson(number(a, "lam"), size);
    if (f == "dirichlet") return api.dirichlet(input(a, "alpha"), size);
    if (f == "multinomial") return api.multinomial(integer(a, "n"), input(a, "pvals"), size);
    throw std::runtime_error("unknown function " + f);
  }

  // An input array of the fixture (in:<name>), seen through the script's view, if any.
  nd::Array input(const std::map<std::string, std::string>& args, const std::string& key,
                  bool copy = false) {
    nd::Array x = fixture_.at("in_" + args.at(key).substr(3));
    if (copy) x = x.copy();
    const auto view = args.find("view");
    if (view == args.end()) return x;
    if (view->second == "T") return x.T();
    if (view->second == "rev") return x.index({Slice(nd::None, nd::None, -1)});
    return x.index({Slice(nd::None, nd::None, 2)});  // "step2"
  }

  bool check_values(const Call& call, const nd::Array& actual) {
    std::istringstream expect(call.expect);
    std::string dtype, shape_text;
    expect >> dtype >> shape_text;
    const nd::Shape shape = parse_shape(shape_text);
    const nd::Array& stream = fixture_.at(dtype);
    std::int64_t& offset = offset_.at(dtype);
    const nd::Array expected =
        stream.index({Slice(offset, offset + shape.product())}).reshape(shape);
    offset += shape.product();
    const auto same = nd_test::arrays_identical(actual, expected);
    if (same) return true;
    std::ostringstream message;
    message << same.message() << "\n ndgrad: " << actual << "\n  NumPy: " << expected;
    return fail(call, message.str());
  }

  // "state <index> <pos> <has_gauss> <cached_gaussian>": compares, and keeps the state for
  // later set_state lines.
  void check_state(const Call& call, const State& actual) {
    std::istringstream expect(call.expect);
    std::string word, gauss_text;
    std::int64_t index;
    State expected;
    int has_gauss;
    expect >> word >> index >> expected.pos >> has_gauss >> gauss_text;
    expected.has_gauss = has_gauss != 0;
    expected.cached_gaussian = std::stod(gauss_text);
    const nd::Array key = fixture_.at("state_" + std::to_string(index));
    for (std::size_t i = 0; i < expected.key.size(); ++i)
      expected.key[i] = static_cast<std::uint32_t>(key.data<std::int64_t>()[i]);
    snapshots_[index] = expected;
    if (actual.key != expected.key || actual.pos != expected.pos ||
        actual.has_gauss != expected.has_gauss ||
        std::memcmp(&actual.cached_gaussian, &expected.cached_gaussian, sizeof(double)) != 0)
      fail(call, "state differs: pos " + std::to_string(actual.pos) + ", has_gauss " +
                     std::to_string(actual.has_gauss));
  }

  bool fail(const Call& call, const std::string& what) {
    ADD_FAILURE() << "script.txt:" << call.line_number << ": " << call.text << "\n" << what;
    return false;
  }

  std::map<std::string, nd::Array> fixture_;
  std::map<std::string, std::int64_t> offset_;
  std::map<std::int64_t, State> snapshots_;
  std::map<std::string, std::unique_ptr<RandomState>> streams_;
  GlobalStream global_;
};

TEST(Random, ReplaysNumPyScriptBitForBit) {
  const std::vector<Call> calls = read_script();
  ASSERT_GT(calls.size(), 900u);
  Replay replay;
  int failures = 0;
  for (const Call& call : calls) {
    if (!replay.run(call)) ++failures;
    ASSERT_LT(failures, 5) << "stopping: later draws depend on the earlier ones";
  }
  EXPECT_TRUE(replay.consumed_everything());
}

// --- the API.md block -------------------------------------------------------------------------

TEST(Random, ApiExamplesCompileAndMatchNumPy) {
  nd::random::seed(42);
  nd::Array W = nd::random::randn({4, 4});  // first row 0.49671415 -0.1382643 0.64768854 1.52302986
  EXPECT_EQ(W.shape(), nd::Shape({4, 4}));
  EXPECT_EQ(W.index({0, 0}).item<double>(), 0.4967141530112327);
  EXPECT_EQ(W.index({0, 3}).item<double>(), 1.5230298564080254);
  nd::random::rand({1, 5});
  nd::random::randint(0, 50000, {10});
  nd::Array c = nd::random::choice(4, 1, true, nd::array({0.1, 0.5, 0.2, 0.2}));
  EXPECT_EQ(c.shape(), nd::Shape({1}));
  EXPECT_EQ(c.dtype(), nd::int64);
  nd::random::gumbel(0, 1, {3});
  nd::random::permutation(5);
  nd::random::normal(0, 1, {2, 3});
  nd::random::RandomState rs(7);
  nd::Array r = rs.randn({3});  // independent stream
  EXPECT_EQ(r.index({0}).item<double>(),
            1.690525703800356);  // np.random.RandomState(7).randn(3)[0]
}

TEST(Random, SizeForms) {
  nd::random::RandomState rs(1);
  EXPECT_EQ(rs.rand().ndim(), 0);  // size=None: one value, as a 0-d array
  EXPECT_EQ(rs.rand(nd::None).ndim(), 0);
  EXPECT_EQ(rs.rand(5).shape(), nd::Shape({5}));
  EXPECT_EQ(rs.rand({5}).shape(), nd::Shape({5}));
  EXPECT_EQ(rs.rand(nd::Shape{2, 0}).shape(), nd::Shape({2, 0}));
  EXPECT_EQ(rs.randint(5, nd::None, 3).shape(), nd::Shape({3}));  // high=None: [0, 5)
  EXPECT_EQ(rs.randint(0, 2, {4}, nd::bool_).dtype(), nd::bool_);
  EXPECT_EQ(rs.dirichlet(nd::array({1.0, 2.0}), {3}).shape(), nd::Shape({3, 2}));
  EXPECT_EQ(rs.multinomial(10, nd::array({0.5, 0.5})).shape(), nd::Shape({2}));
  EXPECT_EQ(rs.choice(nd::array({1.5, 2.5}), nd::None).ndim(), 0);
}

// --- state ------------------------------------------------------------------------------------

TEST(Random, StateSaveAndRestore) {
  nd::random::RandomState rs(2024);
  rs.randn(3);  // odd: the second Gaussian of the last pair stays cached
  const State saved = rs.get_state();
  EXPECT_TRUE(saved.has_gauss);
  const nd::Array first = rs.normal(0, 1, 5), first_u = rs.rand(4);
  rs.set_state(saved);
  EXPECT_TRUE(nd_test::arrays_identical(rs.normal(0, 1, 5), first));
  EXPECT_TRUE(nd_test::arrays_identical(rs.rand(4), first_u));

  // A copy continues the same stream on its own.
  nd::random::RandomState copy = rs;
  EXPECT_TRUE(nd_test::arrays_identical(copy.rand(7), rs.rand(7)));

  // The global stream takes any state, and seeding clears the cached Gaussian.
  nd::random::set_state(saved);
  EXPECT_TRUE(nd_test::arrays_identical(nd::random::normal(0, 1, 5), first));
  nd::random::randn(1);
  nd::random::seed(3);
  EXPECT_FALSE(nd::random::get_state().has_gauss);
  EXPECT_EQ(nd::random::get_state().key[0], 3u);  // mt19937_seed keeps the seed as word 0
  EXPECT_EQ(nd::random::get_state().pos, 624);

  State bad = saved;
  bad.pos = 625;
  EXPECT_THROW(rs.set_state(bad), nd::ValueError);
}

TEST(Random, SeedingFromEntropyGivesDifferentStreams) {
  nd::random::RandomState a, b;
  EXPECT_FALSE(nd_test::arrays_identical(a.rand(4), b.rand(4)));
}

TEST(Random, ErrorTexts) {
  auto message = [](auto&& fn) {
    try {
      fn();
    } catch (const nd::Error& e) {
      return std::string(e.what());
    }
    return std::string("no exception");
  };
  EXPECT_EQ(message([] { nd::random::seed(-1); }), "Seed must be between 0 and 2**32 - 1");
  EXPECT_THROW(nd::random::seed(-1), nd::ValueError);
  EXPECT_EQ(message([] { nd::random::randint(0, 5, 2, nd::float32); }),
            "Unsupported dtype dtype('float32') for randint");
  EXPECT_THROW(nd::random::randint(0, 5, 2, nd::float64), nd::TypeError);
  EXPECT_EQ(message([] { nd::random::choice(0, 3); }),
            "a must be greater than 0 unless no samples are taken");
  EXPECT_EQ(message([] {
              nd::random::choice(4, 1, true, nd::array({0.1, 0.5, 0.2, 0.3}));
            }),
            "probabilities do not sum to 1");
  EXPECT_EQ(message([] { nd::random::choice(3, 4, false); }),
            "Cannot take a larger sample than population when 'replace=False'");
  EXPECT_EQ(message([] { nd::random::shuffle(nd::arange(3).set_writeable(false)); }),
            "array is read-only");
  EXPECT_THROW(nd::random::uniform(0, INFINITY), nd::OverflowError);
}

// --- shuffle in place, threads ------------------------------------------------------------------

TEST(Random, ShuffleWritesThroughViews) {
  nd::Array base = nd::arange(12).reshape({4, 3});
  nd::Array view = base.T();  // non-contiguous: shuffles the columns of base
  nd::random::RandomState rs(0);
  rs.shuffle(view);
  nd::random::RandomState again(0);
  const nd::Array order = again.permutation(3);
  EXPECT_TRUE(nd_test::arrays_identical(base, nd::take(nd::arange(12).reshape({4, 3}), order, 1)));
}

TEST(Random, ConcurrentCallsDrawEachValueOnce) {
  // Each call runs under the state's lock, so two threads together draw exactly the values
  // one thread would have drawn, in some interleaving.
  nd::random::RandomState shared(11), alone(11);
  std::vector<std::int64_t> drawn[2];
  auto worker = [&](int t) {
    for (int i = 0; i < 500; ++i)
      drawn[t].push_back(shared.randint(0, 1000000).item<std::int64_t>());
  };
  std::thread a(worker, 0), b(worker, 1);
  a.join();
  b.join();
  std::vector<std::int64_t> together = drawn[0];
  together.insert(together.end(), drawn[1].begin(), drawn[1].end());
  const nd::Array sequential = alone.randint(0, 1000000, 1000);
  std::vector<std::int64_t> expected(sequential.data<std::int64_t>(),
                                     sequential.data<std::int64_t>() + 1000);
  std::sort(together.begin(), together.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(together, expected);
}

}  // namespace
