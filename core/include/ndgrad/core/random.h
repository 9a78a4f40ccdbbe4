// nd::random: NumPy's legacy global RandomState (np.random.seed, np.random.randn, ...),
// reproduced bit for bit. After nd::random::seed(42), any sequence of calls returns
// exactly the values NumPy returns for the same sequence of np.random calls.
//
// Reproduced from NumPy's sources (numpy/random/_mt19937.pyx, mtrand.pyx, _common.pyx,
// _bounded_integers.pyx.in and src/mt19937, src/legacy, src/distributions):
//   - MT19937 with NumPy's legacy seeding: an integer seed fills the state with Knuth's
//     LCG (mt19937_seed, what RandomState(int) does); a list of integers goes through the
//     reference init_by_array; no seed draws entropy from std::random_device.
//   - random_sample/random/rand: 53-bit doubles from two 32-bit words.
//   - randn/standard_normal/normal: legacy_gauss, the polar Box-Muller method whose second
//     value is cached in the state (has_gauss, cached_gaussian) for the next normal draw.
//   - uniform (low + range * U), standard_exponential/exponential (-log(1 - U)),
//     gumbel, laplace, logistic with NumPy's rejections of the boundary values.
//   - gamma/standard_gamma (Marsaglia-Tsang above shape 1, rejection below), beta (Johnk
//     below 1, gamma ratio above), dirichlet (normalised gammas): legacy versions.
//   - binomial: legacy inversion / BTPE; poisson: multiplication below lam = 10, PTRS
//     above; multinomial: NumPy's chain of conditional binomials.
//   - randint: masked rejection sampling per dtype (the 32-bit path for ranges below
//     2**32, bytes and bits buffered from 32-bit words for uint8 and bool).
//   - choice: randint without p; cdf + searchsorted(side="right") with p; the prefix of a
//     permutation without replacement; NumPy's redraw loop without replacement with p.
//   - permutation/shuffle: NumPy's Fisher-Yates with masked-rejection intervals.
// Not reproduced: distribution parameters given as arrays (NumPy broadcasts them; here
// they are scalars), the other legacy distributions (chisquare, lognormal, pareto,
// hypergeometric, ...), randint for dtypes ndgrad lacks (int8/16, uint16/32/64), and
// NumPy's new Generator API. set_state refuses a position outside [0, 624], which NumPy
// accepts and then reads out of bounds.
//
// Each result is a new float64 array (int64 for integer distributions, the requested dtype
// for randint, a's dtype for choice from an array) of shape `size`; an omitted size gives a
// 0-d array where NumPy returns a scalar. Invalid arguments throw NumPy's exception class
// and message.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <vector>

#include "ndgrad/core/array.h"
#include "ndgrad/core/index.h"

namespace nd::random {

// NumPy's `size` argument: omitted or nd::None (one value, as a 0-d array), an int n
// (shape (n,)) or a shape ({2, 3}).
class Size {
 public:
  Size() = default;
  Size(NoneType) {}
  Size(std::int64_t n) : shape_(Shape{n}) {}
  Size(const Shape& shape) : shape_(shape) {}
  Size(std::initializer_list<std::int64_t> dims) : shape_(Shape(dims)) {}

  bool is_none() const { return !shape_.has_value(); }
  // The output shape: () when omitted.
  Shape shape() const { return shape_.value_or(Shape{}); }

 private:
  std::optional<Shape> shape_;
};

// The legacy state tuple of get_state()/set_state():
// ('MT19937', key, pos, has_gauss, cached_gaussian).
struct State {
  std::array<std::uint32_t, 624> key{};
  int pos = 624;  // index of the next word of `key` to use; 624 means "regenerate first"
  bool has_gauss = false;
  double cached_gaussian = 0.0;
};

// np.random.RandomState: one independent stream. Each method draws under a lock, so one
// instance may be shared between threads (NumPy locks the same way).
class RandomState {
 public:
  RandomState();  // seeded from std::random_device, as RandomState() from OS entropy
  explicit RandomState(std::int64_t seed);
  explicit RandomState(const std::vector<std::int64_t>& seed);
  RandomState(const RandomState& other);  // a copy continues the same stream independently
  RandomState& operator=(const RandomState& other);

  // seed: an integer in [0, 2**32 - 1], a non-empty list of such integers, or nothing for
  // fresh entropy. Clears the cached Gaussian. ValueError("Seed must be between 0 and
  // 2**32 - 1") otherwise.
  void seed();
  void seed(std::int64_t seed);
  void seed(const std::vector<std::int64_t>& seed);
  State get_state() const;
  void set_state(const State& state);

  // --- uniform and normal floats ---------------------------------------------------------
  Array random_sample(const Size& size = {});  // [0, 1)
  Array random(const Size& size = {});         // alias of random_sample
  Array rand(const Size& size = {});           // rand({2, 3}) for np.random.rand(2, 3)
  Array randn(const Size& size = {});          // randn({2, 3}) for np.random.randn(2, 3)
  Array standard_normal(const Size& size = {});
  Array normal(double loc = 0.0, double scale = 1.0, const Size& size = {});
  Array uniform(double low = 0.0, double high = 1.0, const Size& size = {});

  // --- integers and sampling -------------------------------------------------------------
  // Uniform integers in [low, high) of `dtype` (bool, uint8, int32 or int64); with high
  // omitted (or nd::None), in [0, low).
  Array randint(std::int64_t low, std::optional<std::int64_t> high = std::nullopt,
                const Size& size = {}, DType dtype = int64);
  // Samples of arange(a) (int64) or of the 1-D array a (a's dtype), with or without
  // replacement, uniformly or with probabilities p (a 1-D array summing to 1).
  Array choice(std::int64_t a, const Size& size = {}, bool replace = true,
               const std::optional<Array>& p = std::nullopt);
  Array choice(const Array& a, const Size& size = {}, bool replace = true,
               const std::optional<Array>& p = std::nullopt);
  Array permutation(std::int64_t n);  // a shuffled arange(n)
  Array permutation(const Array& x);  // a shuffled copy (along axis 0)
  void shuffle(const Array& x);       // shuffles x in place along axis 0

  // --- other distributions ---------------------------------------------------------------
  Array standard_exponential(const Size& size = {});
  Array exponential(double scale = 1.0, const Size& size = {});
  Array standard_gamma(double shape, const Size& size = {});
  Array gamma(double shape, double scale = 1.0, const Size& size = {});
  Array beta(double a, double b, const Size& size = {});
  Array gumbel(double loc = 0.0, double scale = 1.0, const Size& size = {});
  Array laplace(double loc = 0.0, double scale = 1.0, const Size& size = {});
  Array logistic(double loc = 0.0, double scale = 1.0, const Size& size = {});
  Array binomial(std::int64_t n, double p, const Size& size = {});  // int64
  Array poisson(double lam = 1.0, const Size& size = {});           // int64
  // Vector-valued: each sample has the length of alpha / pvals, so the result has shape
  // size + (k,).
  Array dirichlet(const Array& alpha, const Size& size = {});
  Array multinomial(std::int64_t n, const Array& pvals, const Size& size = {});  // int64

 private:
  State state_;
  mutable std::mutex mutex_;
};

// --- the global stream (np.random.<name>) ---------------------------------------------------
// Each function draws from one process-wide RandomState, seeded from entropy at start-up.

void seed();
void seed(std::int64_t seed);
void seed(const std::vector<std::int64_t>& seed);
State get_state();
void set_state(const State& state);

Array random_sample(const Size& size = {});
Array random(const Size& size = {});
Array rand(const Size& size = {});
Array randn(const Size& size = {});
Array standard_normal(const Size& size = {});
Array normal(double loc = 0.0, double scale = 1.0, const Size& size = {});
Array uniform(double low = 0.0, double high = 1.0, const Size& size = {});
Array randint(std::int64_t low, std::optional<std::int64_t> high = std::nullopt,
              const Size& size = {}, DType dtype = int64);
Array choice(std::int64_t a, const Size& size = {}, bool replace = true,
             const std::optional<Array>& p = std::nullopt);
Array choice(const Array& a, const Size& size = {}, bool replace = true,
             const std::optional<Array>& p = std::nullopt);
Array permutation(std::int64_t n);
Array permutation(const Array& x);
void shuffle(const Array& x);
Array standard_exponential(const Size& size = {});
Array exponential(double scale = 1.0, const Size& size = {});
Array standard_gamma(double shape, const Size& size = {});
Array gamma(double shape, double scale = 1.0, const Size& size = {});
Array beta(double a, double b, const Size& size = {});
Array gumbel(double loc = 0.0, double scale = 1.0, const Size& size = {});
Array laplace(double loc = 0.0, double scale = 1.0, const Size& size = {});
Array logistic(double loc = 0.0, double scale = 1.0, const Size& size = {});
Array binomial(std::int64_t n, double p, const Size& size = {});
Array poisson(double lam = 1.0, const Size& size = {});
Array dirichlet(const Array& alpha, const Size& size = {});
Array multinomial(std::int64_t n, const Array& pvals, const Size& size = {});

}  // namespace nd::random
