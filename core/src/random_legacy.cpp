// NumPy's legacy random engine: MT19937 and the sampling algorithms of RandomState,
// transcribed from numpy/random/src (mt19937/mt19937.c, legacy/legacy-distributions.c,
// distributions/distributions.c). Statement order and arithmetic follow the C sources,
// so every value matches NumPy's bit for bit; the comments name the NumPy function each
// piece reproduces.
#include "random_legacy.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "cast.h"

namespace nd::random::detail {

namespace {

constexpr int kShift = 397;  // MT19937's M
constexpr std::uint32_t kMatrixA = 0x9908b0dfU;
constexpr std::uint32_t kUpperMask = 0x80000000U;
constexpr std::uint32_t kLowerMask = 0x7fffffffU;

// C's (long) cast of a double as NumPy's x86-64 build performs it: out-of-range values
// (which only occur on paths that then reject them) become INT64_MIN.
std::int64_t to_long(double v) {
  return nd::detail::truncate_to_int64(v);
}

// The reference implementation's init_genrand.
void init_genrand(State& state, std::uint32_t s) {
  state.key[0] = s;
  for (int i = 1; i < kStateWords; ++i)
    state.key[i] = 1812433253U * (state.key[i - 1] ^ (state.key[i - 1] >> 30)) + i;
  state.pos = kStateWords;
}

// Smallest all-ones bit mask >= max (gen_mask).
std::uint64_t mask_covering(std::uint64_t max) {
  max |= max >> 1;
  max |= max >> 2;
  max |= max >> 4;
  max |= max >> 8;
  max |= max >> 16;
  max |= max >> 32;
  return max;
}

// One term of the Stirling-series correction in BTPE's final acceptance test.
double stirling_term(double x, double x2) {
  return (13680. - (462. - (132. - (99. - 140. / x2) / x2) / x2) / x2) / x / 166320.;
}

}  // namespace

// --- MT19937 -----------------------------------------------------------------------------

void mt19937_seed(State& state, std::uint32_t seed) {
  for (int pos = 0; pos < kStateWords; ++pos) {
    state.key[pos] = seed;
    seed = 1812433253U * (seed ^ (seed >> 30)) + pos + 1;  // wraps modulo 2**32, as the C
  }
  state.pos = kStateWords;
}

void mt19937_init_by_array(State& state, const std::uint32_t* init_key, std::int64_t length) {
  std::uint32_t* mt = state.key.data();
  init_genrand(state, 19650218U);
  int i = 1;
  std::int64_t j = 0;
  for (std::int64_t k = std::max<std::int64_t>(kStateWords, length); k > 0; --k) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + init_key[j] +
            static_cast<std::uint32_t>(j);
    ++i;
    ++j;
    if (i >= kStateWords) {
      mt[0] = mt[kStateWords - 1];
      i = 1;
    }
    if (j >= length) j = 0;
  }
  for (int k = kStateWords - 1; k > 0; --k) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - i;
    ++i;
    if (i >= kStateWords) {
      mt[0] = mt[kStateWords - 1];
      i = 1;
    }
  }
  mt[0] = 0x80000000U;  // MSB is 1, assuring a non-zero initial array
  state.pos = kStateWords;
}

void mt19937_regenerate(State& state) {
  std::uint32_t* key = state.key.data();
  auto twist = [](std::uint32_t upper, std::uint32_t lower, std::uint32_t far) {
    const std::uint32_t y = (upper & kUpperMask) | (lower & kLowerMask);
    return far ^ (y >> 1) ^ ((0U - (y & 1U)) & kMatrixA);
  };
  int i = 0;
  for (; i < kStateWords - kShift; ++i) key[i] = twist(key[i], key[i + 1], key[i + kShift]);
  for (; i < kStateWords - 1; ++i)
    key[i] = twist(key[i], key[i + 1], key[i + (kShift - kStateWords)]);
  key[kStateWords - 1] = twist(key[kStateWords - 1], key[0], key[kShift - 1]);
  state.pos = 0;
}

// --- legacy continuous distributions ---------------------------------------------------

// legacy_gauss: the polar Box-Muller method yields two normals per accepted pair; the
// second is kept in the state (has_gauss / cached_gaussian) for the next call.
double LegacyGenerator::gauss() {
  if (s_.has_gauss) {
    const double cached = s_.cached_gaussian;
    s_.has_gauss = false;
    s_.cached_gaussian = 0.0;
    return cached;
  }
  double x1, x2, r2;
  do {
    x1 = 2.0 * next_double() - 1.0;
    x2 = 2.0 * next_double() - 1.0;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1.0 || r2 == 0.0);
  const double f = std::sqrt(-2.0 * std::log(r2) / r2);
  s_.cached_gaussian = f * x1;
  s_.has_gauss = true;
  return f * x2;
}

// legacy_standard_exponential: -log(1 - U), since U is in [0, 1).
double LegacyGenerator::standard_exponential() {
  return -std::log(1.0 - next_double());
}

// legacy_standard_gamma: Marsaglia & Tsang for shape >= 1, Johnk-like rejection below 1.
double LegacyGenerator::standard_gamma(double shape) {
  if (shape == 1.0) return standard_exponential();
  if (shape == 0.0) return 0.0;
  if (shape < 1.0) {
    for (;;) {
      const double u = next_double();
      const double v = standard_exponential();
      if (u <= 1.0 - shape) {
        const double x = std::pow(u, 1. / shape);
        if (x <= v) return x;
      } else {
        const double y = -std::log((1 - u) / shape);
        const double x = std::pow(1.0 - shape + shape * y, 1. / shape);
        if (x <= (v + y)) return x;
      }
    }
  }
  const double b = shape - 1. / 3.;
  const double c = 1. / std::sqrt(9 * b);
  for (;;) {
    double x, v;
    do {
      x = gauss();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = next_double();
    if (u < 1.0 - 0.0331 * (x * x) * (x * x)) return b * v;
    if (std::log(u) < 0.5 * x * x + b * (1. - v + std::log(v))) return b * v;
  }
}

// legacy_beta: Johnk's algorithm when both parameters are <= 1 (in log space when X + Y
// underflows to 0), otherwise the ratio of two gamma variates.
double LegacyGenerator::beta(double a, double b) {
  if (a <= 1.0 && b <= 1.0) {
    for (;;) {
      const double u = next_double();
      const double v = next_double();
      const double x = std::pow(u, 1.0 / a);
      const double y = std::pow(v, 1.0 / b);
      if ((x + y) > 1.0) continue;
      if (x + y > 0) return x / (x + y);
      double log_x = std::log(u) / a;
      double log_y = std::log(v) / b;
      const double log_m = log_x > log_y ? log_x : log_y;
      log_x -= log_m;
      log_y -= log_m;
      return std::exp(log_x - std::log(std::exp(log_x) + std::exp(log_y)));
    }
  }
  const double ga = standard_gamma(a);
  const double gb = standard_gamma(b);
  return ga / (ga + gb);
}

// --- shared continuous distributions (the recursion of the C code is a loop here) -------

// random_gumbel: U = 1 - uniform, rejecting U == 1.
double LegacyGenerator::gumbel(double loc, double scale) {
  for (;;) {
    const double u = 1.0 - next_double();
    if (u < 1.0) return loc - scale * std::log(-std::log(u));
  }
}

// random_laplace: rejects U == 0.
double LegacyGenerator::laplace(double loc, double scale) {
  for (;;) {
    const double u = next_double();
    if (u >= 0.5) return loc - scale * std::log(2.0 - u - u);
    if (u > 0.0) return loc + scale * std::log(u + u);
  }
}

// random_logistic: rejects U == 0.
double LegacyGenerator::logistic(double loc, double scale) {
  for (;;) {
    const double u = next_double();
    if (u > 0.0) return loc + scale * std::log(u / (1.0 - u));
  }
}

// --- Poisson ---------------------------------------------------------------------------

// random_poisson: multiplication of uniforms below lam = 10, Hoermann's PTRS above.
std::int64_t LegacyGenerator::poisson(double lam) {
  if (lam >= 10) return poisson_ptrs(lam);
  if (lam == 0) return 0;
  return poisson_multiplication(lam);
}

std::int64_t LegacyGenerator::poisson_multiplication(double lam) {
  const double enlam = std::exp(-lam);
  std::int64_t x = 0;
  double prod = 1.0;
  for (;;) {
    prod *= next_double();
    if (prod <= enlam) return x;
    x += 1;
  }
}

// W. Hoermann, "The transformed rejection method for generating Poisson random
// variables", Insurance: Mathematics and Economics 12, 39-45 (1993).
std::int64_t LegacyGenerator::poisson_ptrs(double lam) {
  const double slam = std::sqrt(lam);
  const double loglam = std::log(lam);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const double u = next_double() - 0.5;
    const double v = next_double();
    const double us = 0.5 - std::fabs(u);
    const std::int64_t k = to_long(std::floor((2 * a / us + b) * u + lam + 0.43));
    if ((us >= 0.07) && (v <= vr)) return k;
    if ((k < 0) || ((us < 0.013) && (v > us))) continue;
    if ((std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b)) <=
        (-lam + k * loglam - loggam(k + 1)))
      return k;
  }
}

double loggam(double x) {
  static constexpr double a[10] = {
      8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04, -5.952380952380952e-04,
      8.417508417508418e-04, -1.917526917526918e-03, 6.410256410256410e-03, -2.955065359477124e-02,
      1.796443723688307e-01, -1.39243221690590e+00};
  if (x == 1.0 || x == 2.0) return 0.0;
  double x0 = x;
  std::int64_t n = 0;
  if (x <= 7.0) {  // shift up into the range where the series converges, then back down
    n = static_cast<std::int64_t>(7 - x);
    x0 = x + n;
  }
  const double x2 = 1.0 / (x0 * x0);
  const double xp = 2 * std::numbers::pi;
  double gl0 = a[9];
  for (int k = 8; k >= 0; --k) {
    gl0 *= x2;
    gl0 += a[k];
  }
  double gl = gl0 / x0 + 0.5 * std::log(xp) + (x0 - 0.5) * std::log(x0) - x0;
  if (x <= 7.0) {
    for (std::int64_t k = 1; k <= n; ++k) {
      gl -= std::log(x0 - 1.0);
      x0 -= 1.0;
    }
  }
  return gl;
}

// --- binomial ------------------------------------------------------------------------------

BinomialSampler::BinomialSampler(std::int64_t n, double p) : n_(n) {
  flip_ = !(p <= 0.5);  // written as NumPy tests it, so that NaN takes the same branch
  p_ = flip_ ? 1.0 - p : p;
  q_ = 1.0 - p_;
  use_inversion_ = p_ * n <= 30.0;
  if (use_inversion_) {  // random_binomial_inversion's set-up
    qn_ = std::exp(n * std::log(q_));
    np_ = n * p_;
    const double limit = np_ + 10.0 * std::sqrt(np_ * q_ + 1);
    bound_ = to_long(static_cast<double>(n) < limit ? static_cast<double>(n) : limit);
    return;
  }
  // random_binomial_btpe's set-up; its r = min(p, 1 - p) is p_ here.
  const double r = p_, q = q_;
  fm_ = n * r + r;
  m_ = to_long(std::floor(fm_));
  p1_ = std::floor(2.195 * std::sqrt(n * r * q) - 4.6 * q) + 0.5;
  xm_ = m_ + 0.5;
  xl_ = xm_ - p1_;
  xr_ = xm_ + p1_;
  c_ = 0.134 + 20.5 / (15.3 + m_);
  double a = (fm_ - xl_) / (fm_ - xl_ * r);
  laml_ = a * (1.0 + a / 2.0);
  a = (xr_ - fm_) / (xr_ * q);
  lamr_ = a * (1.0 + a / 2.0);
  p2_ = p1_ * (1.0 + 2.0 * c_);
  p3_ = p2_ + c_ / laml_;
  p4_ = p3_ + c_ / lamr_;
}

std::int64_t BinomialSampler::draw(LegacyGenerator& gen) const {
  const std::int64_t k = use_inversion_ ? inversion(gen) : btpe(gen);
  return flip_ ? n_ - k : k;
}

// random_binomial_inversion: walk the probability mass function from 0, restarting when
// the walk passes `bound` (ten standard deviations above the mean).
std::int64_t BinomialSampler::inversion(LegacyGenerator& gen) const {
  std::int64_t x = 0;
  double px = qn_;
  double u = gen.next_double();
  while (u > px) {
    ++x;
    if (x > bound_) {
      x = 0;
      px = qn_;
      u = gen.next_double();
    } else {
      u -= px;
      px = ((n_ - x + 1) * p_ * px) / (x * q_);
    }
  }
  return x;
}

// random_binomial_btpe: Kachitvichyanukul & Schmeiser's triangle / parallelogram /
// exponential-tails rejection. NumPy's "goto Step10" is `continue` here.
std::int64_t BinomialSampler::btpe(LegacyGenerator& gen) const {
  const std::int64_t n = n_, m = m_;
  const double r = p_, q = q_;
  const double nrq = n * r * q;
  for (;;) {
    const double u = gen.next_double() * p4_;
    double v = gen.next_double();
    // The region tests are written `!(u > p)` as NumPy's `if (u > p) goto ...`, so that
    // even a NaN takes NumPy's path.
    if (!(u > p1_)) return to_long(std::floor(xm_ - p1_ * v + u));  // triangle: accept

    std::int64_t y;
    if (!(u > p2_)) {  // parallelograms
      const double x = xl_ + (u - p1_) / c_;
      v = v * c_ + 1.0 - std::fabs(m - x + 0.5) / p1_;
      if (v > 1.0) continue;
      y = to_long(std::floor(x));
    } else if (!(u > p3_)) {  // left exponential tail
      y = to_long(std::floor(xl_ + std::log(v) / laml_));
      if ((y < 0) || (v == 0.0)) continue;
      v = v * (u - p2_) * laml_;
    } else {  // right exponential tail
      y = to_long(std::floor(xr_ - std::log(v) / lamr_));
      if ((y > n) || (v == 0.0)) continue;
      v = v * (u - p3_) * lamr_;
    }

    const std::int64_t k = y > m ? y - m : m - y;
    if (!((k > 20) && (k < ((nrq) / 2.0 - 1)))) {
      // Step 50: explicit evaluation of f(y) / f(m) by recursion.
      const double s = r / q;
      const double a = s * (n + 1);
      double f = 1.0;
      if (m < y) {
        for (std::int64_t i = m + 1; i <= y; ++i) f *= (a / i - s);
      } else if (m > y) {
        for (std::int64_t i = y + 1; i <= m; ++i) f /= (a / i - s);
      }
      if (v > f) continue;
      return y;
    }

    // Step 52: squeeze on log(v), then the final test with Stirling's formula.
    const double rho = (k / (nrq)) * ((k * (k / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
    const double t = -k * k / (2 * nrq);
    const double log_v = std::log(v);
    if (log_v < (t - rho)) return y;
    if (log_v > (t + rho)) continue;

    const double x1 = y + 1;
    const double f1 = m + 1;
    const double z = n + 1 - m;
    const double w = n - y + 1;
    const double bound = xm_ * std::log(f1 / x1) + (n - m + 0.5) * std::log(z / w) +
                         (y - m) * std::log(w * r / (x1 * q)) + stirling_term(f1, f1 * f1) +
                         stirling_term(z, z * z) + stirling_term(x1, x1 * x1) +
                         stirling_term(w, w * w);
    if (log_v > bound) continue;
    return y;
  }
}

std::int64_t binomial_or_zero(LegacyGenerator& gen, std::int64_t n, double p) {
  if (n == 0 || p == 0.0) return 0;
  return BinomialSampler(n, p).draw(gen);
}

// --- bounded integers ------------------------------------------------------------------------

std::uint64_t LegacyGenerator::interval(std::uint64_t max) {
  if (max == 0) return 0;
  const std::uint64_t mask = mask_covering(max);
  std::uint64_t value;
  if (max <= 0xffffffffU) {
    while ((value = (next_uint32() & mask)) > max) {
    }
  } else {
    while ((value = (next_uint64() & mask)) > max) {
    }
  }
  return value;
}

void LegacyGenerator::bounded_fill(std::uint64_t off, std::uint64_t rng, std::int64_t count,
                                   std::uint64_t* out) {
  if (rng == 0) {
    std::fill_n(out, count, off);
    return;
  }
  const std::uint64_t mask = mask_covering(rng);
  if (rng <= 0xffffffffU) {  // a 32-bit range: one 32-bit word per try
    for (std::int64_t i = 0; i < count; ++i) {
      std::uint64_t v;
      while ((v = (next_uint32() & mask)) > rng) {
      }
      out[i] = off + v;
    }
    return;
  }
  for (std::int64_t i = 0; i < count; ++i) {  // mask == rng == 2**64 - 1 never rejects
    std::uint64_t v;
    while ((v = (next_uint64() & mask)) > rng) {
    }
    out[i] = off + v;
  }
}

void LegacyGenerator::bounded_fill(std::uint32_t off, std::uint32_t rng, std::int64_t count,
                                   std::uint32_t* out) {
  if (rng == 0) {
    std::fill_n(out, count, off);
    return;
  }
  const auto mask = static_cast<std::uint32_t>(mask_covering(rng));
  for (std::int64_t i = 0; i < count; ++i) {
    std::uint32_t v;
    while ((v = (next_uint32() & mask)) > rng) {
    }
    out[i] = off + v;
  }
}

// Bytes come from one 32-bit word, lowest byte first (buffered_uint8).
void LegacyGenerator::bounded_fill(std::uint8_t off, std::uint8_t rng, std::int64_t count,
                                   std::uint8_t* out) {
  if (rng == 0) {
    std::fill_n(out, count, off);
    return;
  }
  const auto mask = static_cast<std::uint8_t>(mask_covering(rng));
  std::uint32_t buffer = 0;
  int bytes_left = 0;
  auto next_byte = [&] {
    if (bytes_left == 0) {
      buffer = next_uint32();
      bytes_left = 3;
    } else {
      buffer >>= 8;
      --bytes_left;
    }
    return static_cast<std::uint8_t>(buffer);
  };
  for (std::int64_t i = 0; i < count; ++i) {
    std::uint8_t v;
    while ((v = (next_byte() & mask)) > rng) {
    }
    out[i] = static_cast<std::uint8_t>(off + v);
  }
}

// Bits come from one 32-bit word, lowest bit first (buffered_bounded_bool).
void LegacyGenerator::bounded_fill(bool off, bool rng, std::int64_t count, bool* out) {
  if (!rng) {
    std::fill_n(out, count, off);
    return;
  }
  std::uint32_t buffer = 0;
  int bits_left = 0;
  for (std::int64_t i = 0; i < count; ++i) {
    if (bits_left == 0) {
      buffer = next_uint32();
      bits_left = 31;
    } else {
      buffer >>= 1;
      --bits_left;
    }
    out[i] = (buffer & 1U) != 0;
  }
}

}  // namespace nd::random::detail
