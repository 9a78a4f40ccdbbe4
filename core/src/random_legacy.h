// NumPy's legacy random engine (internal header): the MT19937 bit generator of
// numpy/random/src/mt19937 and the "legacy" sampling algorithms that RandomState uses
// (numpy/random/src/legacy/legacy-distributions.c, plus the shared routines of
// numpy/random/src/distributions/distributions.c that RandomState still calls).
//
// Every function below draws from the stream in exactly the order NumPy's C code does and
// computes with the same operations in the same order, so that results agree bit for bit.
// The project builds with -ffp-contract=off: a*b+c is rounded twice, as in NumPy's build.
#pragma once

#include <cstdint>

#include "ndgrad/core/random.h"

namespace nd::random::detail {

constexpr int kStateWords = 624;  // MT19937's N (RK_STATE_LEN)

// mt19937_seed: Knuth's linear congruential fill used by RandomState(int) / seed(int).
void mt19937_seed(State& state, std::uint32_t seed);
// mt19937_init_by_array: the reference implementation's array seeding (seed([...])).
void mt19937_init_by_array(State& state, const std::uint32_t* init_key, std::int64_t length);
// mt19937_gen: produces the next 624 words and resets pos to 0.
void mt19937_regenerate(State& state);

// One sampler over a State. It holds a reference only; the RandomState that owns the
// state serialises access to it.
class LegacyGenerator {
 public:
  explicit LegacyGenerator(State& state) : s_(state) {}

  // --- raw MT19937 output (mt19937.h) ---------------------------------------------------
  std::uint32_t next_uint32() {
    if (s_.pos == kStateWords) mt19937_regenerate(s_);
    std::uint32_t y = s_.key[s_.pos++];
    y ^= (y >> 11);  // tempering
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= (y >> 18);
    return y;
  }
  // The first word drawn is the high half (NumPy's compiled evaluation order).
  std::uint64_t next_uint64() {
    const std::uint64_t high = next_uint32();
    return high << 32 | next_uint32();
  }
  // 53 random bits in [0, 1): 27 bits from one word, 26 from the next.
  double next_double() {
    const std::int32_t a = static_cast<std::int32_t>(next_uint32() >> 5);
    const std::int32_t b = static_cast<std::int32_t>(next_uint32() >> 6);
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  // --- legacy continuous distributions (legacy-distributions.c) ---------------------------
  double gauss();                 // polar Box-Muller, caching the second value in the state
  double standard_exponential();  // -log(1 - U)
  double standard_gamma(double shape);
  double beta(double a, double b);

  // --- shared continuous distributions (distributions.c) ----------------------------------
  double gumbel(double loc, double scale);
  double laplace(double loc, double scale);
  double logistic(double loc, double scale);

  // --- discrete distributions -------------------------------------------------------------
  std::int64_t poisson(double lam);
  // random_interval: uniform in [0, max] by masked rejection (shuffle, permutation).
  std::uint64_t interval(std::uint64_t max);

  // random_bounded_*_fill with use_masked = true: `count` values uniform in
  // [off, off + rng] (wrapping), by masked rejection sampling. The 8-bit and bool
  // versions take their bits from one 32-bit word at a time, as NumPy's buffered
  // generators do; 64-bit ranges that fit in 32 bits use 32-bit draws.
  void bounded_fill(std::uint64_t off, std::uint64_t rng, std::int64_t count, std::uint64_t* out);
  void bounded_fill(std::uint32_t off, std::uint32_t rng, std::int64_t count, std::uint32_t* out);
  void bounded_fill(std::uint8_t off, std::uint8_t rng, std::int64_t count, std::uint8_t* out);
  void bounded_fill(bool off, bool rng, std::int64_t count, bool* out);

 private:
  std::int64_t poisson_multiplication(double lam);
  std::int64_t poisson_ptrs(double lam);

  State& s_;
};

// Binomial(n, p) draws for one (n, p): NumPy's inversion algorithm when the mean of the
// smaller tail is at most 30, BTPE (Kachitvichyanukul & Schmeiser) otherwise. The set-up
// that NumPy caches between calls in its binomial_t is computed once here, which gives
// the same numbers.
class BinomialSampler {
 public:
  BinomialSampler(std::int64_t n, double p);
  // legacy_random_binomial: also draws when n == 0 or p == 0 (and returns 0).
  std::int64_t draw(LegacyGenerator& gen) const;

 private:
  std::int64_t inversion(LegacyGenerator& gen) const;
  std::int64_t btpe(LegacyGenerator& gen) const;

  std::int64_t n_;
  bool flip_;           // p > 0.5: sample the failures with probability 1 - p, return n - k
  double p_;            // the probability actually sampled, min(p, 1 - p)
  double q_;            // 1 - p_
  bool use_inversion_;  // n * p_ <= 30
  // inversion set-up
  double qn_, np_;
  std::int64_t bound_;
  // BTPE set-up
  double fm_, p1_, xm_, xl_, xr_, c_, laml_, lamr_, p2_, p3_, p4_;
  std::int64_t m_;
};

// random_binomial (used by multinomial): returns 0 without drawing when n == 0 or p == 0.
std::int64_t binomial_or_zero(LegacyGenerator& gen, std::int64_t n, double p);

// random_loggam: log(Gamma(x)) by the series of Zhang & Jin's SPECFUN.
double loggam(double x);

}  // namespace nd::random::detail
