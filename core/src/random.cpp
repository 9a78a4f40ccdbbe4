// nd::random: NumPy's RandomState methods (numpy/random/mtrand.pyx) over the legacy engine
// of random_legacy.cpp. Each method checks its arguments with NumPy's messages and in
// NumPy's order, allocates the result, then draws every value in C order under the
// state's lock, as mtrand.pyx does. The draws themselves are a sequential stream and
// cannot be spread across threads.
#include "ndgrad/core/random.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <utility>

#include "cast.h"
#include "ndgrad/core/creation.h"
#include "ndgrad/core/errors.h"
#include "ndgrad/core/rearranging.h"
#include "ndgrad/core/shape_ops.h"
#include "random_legacy.h"

namespace nd::random {

namespace {

using detail::LegacyGenerator;

// --- argument checks, with the messages of numpy/random/_common.pyx ----------------------

// CONS_NON_NEGATIVE tests the sign bit: -0.0 is refused, NaN passes.
void check_non_negative(double value, const std::string& name) {
  if (!std::isnan(value) && std::signbit(value)) throw ValueError(name + " < 0");
}
// CONS_POSITIVE
void check_positive(double value, const std::string& name) {
  if (value <= 0) throw ValueError(name + " <= 0");
}
// CONS_BOUNDED_0_1
void check_probability(double value, const std::string& name) {
  if (!(value >= 0) || !(value <= 1))
    throw ValueError(name + " < 0, " + name + " > 1 or " + name + " is NaN");
}

std::uint32_t checked_seed(std::int64_t value) {
  if (value < 0 || value > 0xFFFFFFFFLL) throw ValueError("Seed must be between 0 and 2**32 - 1");
  return static_cast<std::uint32_t>(value);
}

// NumPy's `np.prod(size)` for the "unless no samples are taken" tests (None counts as
// one sample).
std::int64_t sample_count(const Size& size) {
  return size.is_none() ? 1 : size.shape().product();
}

// kahan_sum of numpy/random/_common.pyx: compensated summation of the first n values.
double kahan_sum(const double* values, std::int64_t n) {
  if (n <= 0) return 0.0;
  double sum = values[0], c = 0.0;
  for (std::int64_t i = 1; i < n; ++i) {
    const double y = values[i] - c;
    const double t = sum + y;
    c = (t - sum) - y;
    sum = t;
  }
  return sum;
}

// The values of a 1-D parameter array as float64 (NumPy converts with NPY_DOUBLE).
std::vector<double> float64_values(const Array& a) {
  const Array contiguous = ascontiguousarray(a, float64);
  const double* data = contiguous.data<double>();
  return std::vector<double>(data, data + contiguous.size());
}

Array int64_vector(const std::vector<std::int64_t>& values) {
  return array(values, Shape{static_cast<std::int64_t>(values.size())}, int64);
}

// --- drawing ---------------------------------------------------------------------------

// A new array of `shape` whose elements (of type T, C order) are draw(gen), all drawn
// under the lock. The allocation (and its negative-dimension check) precedes any draw.
template <class T, class Draw>
Array draw_array(State& state, std::mutex& mutex, const Shape& shape, Draw draw) {
  Array out = empty(shape, dtype_of<T>);
  T* data = out.data<T>();
  std::lock_guard lock(mutex);
  LegacyGenerator gen(state);
  for (std::int64_t i = 0, n = out.size(); i < n; ++i) data[i] = draw(gen);
  return out;
}

// NumPy's shuffle along axis 0 of memory whose rows are equal-sized blocks `stride` bytes
// apart: Fisher-Yates from the end, each swap partner drawn by random_interval. Block is
// the row's size as one machine word, or void for any other row size.
template <class Block>
void swap_rows(LegacyGenerator& gen, std::byte* base, std::int64_t rows, std::int64_t stride,
               std::int64_t row_bytes) {
  for (std::int64_t i = rows - 1; i >= 1; --i) {
    const auto j = static_cast<std::int64_t>(gen.interval(static_cast<std::uint64_t>(i)));
    if (i == j) continue;
    std::byte* a = base + i * stride;
    std::byte* b = base + j * stride;
    if constexpr (std::is_void_v<Block>) {
      std::swap_ranges(a, a + row_bytes, b);
    } else {
      Block t;
      std::memcpy(&t, a, sizeof(Block));
      std::memcpy(a, b, sizeof(Block));
      std::memcpy(b, &t, sizeof(Block));
    }
  }
}

// Shuffles x along axis 0 in place when each row x[i] is one contiguous block (every 1-D
// array and every C-ordered layout); returns false, drawing nothing, otherwise.
bool shuffle_contiguous_rows(LegacyGenerator& gen, const Array& x) {
  if (x.shape()[0] <= 1) return true;  // nothing to swap, and nothing drawn
  const Array row = x.index({0});
  if (!row.is_c_contiguous()) return false;
  const std::int64_t rows = x.shape()[0], stride = x.strides()[0], bytes = row.nbytes();
  switch (bytes) {
    case 1:
      swap_rows<std::uint8_t>(gen, x.bytes(), rows, stride, bytes);
      break;
    case 4:
      swap_rows<std::uint32_t>(gen, x.bytes(), rows, stride, bytes);
      break;
    case 8:
      swap_rows<std::uint64_t>(gen, x.bytes(), rows, stride, bytes);
      break;
    default:
      swap_rows<void>(gen, x.bytes(), rows, stride, bytes);
  }
  return true;
}

// np.random.permutation(n): arange(n) shuffled (empty for n <= 0).
Array permuted_range(LegacyGenerator& gen, std::int64_t n) {
  Array order = arange(std::max<std::int64_t>(n, 0));
  shuffle_contiguous_rows(gen, order);
  return order;
}

// cdf = cumsum(weights); cdf /= cdf[-1], as choice computes it.
void cumulative_distribution(const std::vector<double>& weights, std::vector<double>& cdf) {
  cdf.resize(weights.size());
  for (std::size_t i = 0; i < weights.size(); ++i)
    cdf[i] = i ? cdf[i - 1] + weights[i] : weights[i];
  const double total = cdf.back();
  for (double& c : cdf) c /= total;
}

// cdf.searchsorted(u, side='right').
std::int64_t search_right(const std::vector<double>& cdf, double u) {
  return std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin();
}

// choice's p, checked in NumPy's order and converted to float64.
std::vector<double> checked_probabilities(const Array& p, std::int64_t pop_size) {
  if (p.ndim() == 0) throw TypeError("len() of unsized object");
  double atol = std::sqrt(std::numeric_limits<double>::epsilon());
  if (p.dtype() == float32)  // a float32 p is only as exact as float32
    atol = std::max(atol, static_cast<double>(std::sqrt(std::numeric_limits<float>::epsilon())));
  if (p.ndim() != 1) throw ValueError("'p' must be 1-dimensional");
  if (p.size() != pop_size) throw ValueError("'a' and 'p' must have same size");
  std::vector<double> probabilities = float64_values(p);
  const double sum = kahan_sum(probabilities.data(), pop_size);
  if (std::isnan(sum)) throw ValueError("probabilities contain NaN");
  if (std::any_of(probabilities.begin(), probabilities.end(), [](double v) { return v < 0; }))
    throw ValueError("probabilities are not non-negative");
  if (std::abs(sum - 1.) > atol) throw ValueError("probabilities do not sum to 1");
  return probabilities;
}

// choice without replacement with p: draw the missing count with the found entries' p
// set to 0, keep the new distinct indices in order of first appearance, repeat. (An
// index found earlier cannot come back: its cdf step has zero width.)
std::vector<std::int64_t> choice_without_replacement(LegacyGenerator& gen,
                                                     std::vector<double> weights,
                                                     std::int64_t count) {
  std::vector<std::int64_t> found;
  found.reserve(count);
  std::vector<char> seen(weights.size(), 0);
  std::vector<double> uniforms, cdf;
  while (static_cast<std::int64_t>(found.size()) < count) {
    uniforms.resize(count - found.size());  // self.rand(size - n_uniq)
    for (double& u : uniforms) u = gen.next_double();
    for (std::int64_t index : found) weights[index] = 0;
    cumulative_distribution(weights, cdf);
    for (double u : uniforms) {
      const std::int64_t index = search_right(cdf, u);
      if (!seen[index]) {
        seen[index] = 1;
        found.push_back(index);
      }
    }
  }
  return found;
}

// The sample indices of choice (int64, of shape `size`), by NumPy's algorithm for each
// case; `p` has already been checked.
Array choice_indices(LegacyGenerator& gen, std::int64_t pop_size, const Shape& shape, bool replace,
                     const std::optional<std::vector<double>>& p) {
  const std::int64_t count = shape.product();
  if (replace) {
    Array out = empty(shape, int64);
    std::int64_t* data = out.data<std::int64_t>();
    if (p) {  // uniforms first, then cdf.searchsorted(side='right')
      std::vector<double> uniforms(count), cdf;
      for (double& u : uniforms) u = gen.next_double();
      cumulative_distribution(*p, cdf);
      for (std::int64_t i = 0; i < count; ++i) data[i] = search_right(cdf, uniforms[i]);
    } else if (count > 0) {  // randint(0, pop_size, size)
      gen.bounded_fill(std::uint64_t{0}, static_cast<std::uint64_t>(pop_size - 1), count,
                       reinterpret_cast<std::uint64_t*>(data));
    }
    return out;
  }
  if (p) return int64_vector(choice_without_replacement(gen, *p, count)).reshape(shape);
  // permutation(pop_size)[:size]
  return permuted_range(gen, pop_size).index({Slice(0, count)}).copy().reshape(shape);
}

// The closed range [lowest, highest] of the integer dtypes randint supports.
std::pair<std::int64_t, std::int64_t> integer_range(DType dtype) {
  switch (dtype) {
    case DType::Bool:
      return {0, 1};
    case DType::UInt8:
      return {0, 255};
    case DType::Int32:
      return {std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max()};
    default:
      return {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()};
  }
}

// Fills `out` with randint's values in [low, low + rng] for out's dtype.
void fill_bounded(LegacyGenerator& gen, std::int64_t low, std::uint64_t rng, const Array& out) {
  const std::int64_t n = out.size();
  switch (out.dtype()) {
    case DType::Bool:
      gen.bounded_fill(low != 0, rng != 0, n, out.data<bool>());
      break;
    case DType::UInt8:
      gen.bounded_fill(static_cast<std::uint8_t>(low), static_cast<std::uint8_t>(rng), n,
                       out.data<std::uint8_t>());
      break;
    case DType::Int32:
      gen.bounded_fill(static_cast<std::uint32_t>(low), static_cast<std::uint32_t>(rng), n,
                       reinterpret_cast<std::uint32_t*>(out.data<std::int32_t>()));
      break;
    default:
      gen.bounded_fill(static_cast<std::uint64_t>(low), rng, n,
                       reinterpret_cast<std::uint64_t*>(out.data<std::int64_t>()));
  }
}

// random_multinomial: conditional binomials for all but the last outcome, which takes
// what remains.
void multinomial_sample(LegacyGenerator& gen, std::int64_t n, const std::vector<double>& p,
                        std::int64_t* counts) {
  const std::size_t d = p.size();
  double remaining_p = 1.0;
  std::int64_t remaining_n = n;
  for (std::size_t j = 0; j + 1 < d; ++j) {
    counts[j] = detail::binomial_or_zero(gen, remaining_n, p[j] / remaining_p);
    remaining_n -= counts[j];
    if (remaining_n <= 0) break;
    remaining_p -= p[j];
  }
  if (remaining_n > 0) counts[d - 1] = remaining_n;
}

// The shape `size` + (k,) of dirichlet and multinomial.
Shape with_last_axis(const Size& size, std::int64_t k) {
  Shape shape = size.shape();
  shape.push_back(k);
  return shape;
}

}  // namespace

// --- construction and state -------------------------------------------------------------------

RandomState::RandomState() {
  seed();
}
RandomState::RandomState(std::int64_t seed_value) {
  seed(seed_value);
}
RandomState::RandomState(const std::vector<std::int64_t>& seed_values) {
  seed(seed_values);
}
RandomState::RandomState(const RandomState& other) : state_(other.get_state()) {}

RandomState& RandomState::operator=(const RandomState& other) {
  if (this != &other) set_state(other.get_state());
  return *this;
}

void RandomState::seed() {
  std::random_device device;
  std::array<std::uint32_t, 8> entropy;
  for (std::uint32_t& word : entropy) word = device();
  std::lock_guard lock(mutex_);
  detail::mt19937_init_by_array(state_, entropy.data(), entropy.size());
  state_.has_gauss = false;
  state_.cached_gaussian = 0.0;
}

void RandomState::seed(std::int64_t seed_value) {
  const std::uint32_t seed32 = checked_seed(seed_value);
  std::lock_guard lock(mutex_);
  detail::mt19937_seed(state_, seed32);
  state_.has_gauss = false;
  state_.cached_gaussian = 0.0;
}

void RandomState::seed(const std::vector<std::int64_t>& seed_values) {
  if (seed_values.empty()) throw ValueError("Seed must be non-empty");
  std::vector<std::uint32_t> key;
  key.reserve(seed_values.size());
  for (std::int64_t value : seed_values) key.push_back(checked_seed(value));
  std::lock_guard lock(mutex_);
  detail::mt19937_init_by_array(state_, key.data(), static_cast<std::int64_t>(key.size()));
  state_.has_gauss = false;
  state_.cached_gaussian = 0.0;
}

State RandomState::get_state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

void RandomState::set_state(const State& state) {
  if (state.pos < 0 || state.pos > detail::kStateWords)
    throw ValueError("pos must be between 0 and 624, got " + std::to_string(state.pos));
  std::lock_guard lock(mutex_);
  state_ = state;
}

// --- uniform and normal floats -------------------------------------------------------------------

Array RandomState::random_sample(const Size& size) {
  return draw_array<double>(state_, mutex_, size.shape(),
                            [](LegacyGenerator& g) { return g.next_double(); });
}
Array RandomState::random(const Size& size) {
  return random_sample(size);
}
Array RandomState::rand(const Size& size) {
  return random_sample(size);
}

Array RandomState::standard_normal(const Size& size) {
  return draw_array<double>(state_, mutex_, size.shape(),
                            [](LegacyGenerator& g) { return g.gauss(); });
}
Array RandomState::randn(const Size& size) {
  return standard_normal(size);
}

Array RandomState::normal(double loc, double scale, const Size& size) {
  check_non_negative(scale, "scale");
  return draw_array<double>(state_, mutex_, size.shape(),
                            [=](LegacyGenerator& g) { return loc + scale * g.gauss(); });
}

Array RandomState::uniform(double low, double high, const Size& size) {
  const double range = high - low;
  if (!std::isfinite(range)) throw OverflowError("Range exceeds valid bounds");
  return draw_array<double>(state_, mutex_, size.shape(),
                            [=](LegacyGenerator& g) { return low + range * g.next_double(); });
}

// --- integers and sampling ----------------------------------------------------------------------

Array RandomState::randint(std::int64_t low, std::optional<std::int64_t> high, const Size& size,
                           DType dtype) {
  if (!high) {  // randint(n) draws from [0, n)
    high = low;
    low = 0;
  }
  if (is_floating(dtype))
    throw TypeError(std::string("Unsupported dtype dtype('") + name(dtype) + "') for randint");
  // An empty size returns before any bounds check, as NumPy's _rand_<type> does.
  if (!size.is_none() && size.shape().product() == 0) return empty(size.shape(), dtype);
  const auto [lowest, highest] = integer_range(dtype);
  if (low < lowest) throw ValueError(std::string("low is out of bounds for ") + name(dtype));
  if (highest < std::numeric_limits<std::int64_t>::max() && *high > highest + 1)
    throw ValueError(std::string("high is out of bounds for ") + name(dtype));
  if (low >= *high) throw ValueError(low == 0 ? "high <= 0" : "low >= high");

  // Values low + [0, rng]; unsigned arithmetic, since the range may exceed 2**63.
  const std::uint64_t rng = static_cast<std::uint64_t>(*high) - 1 - static_cast<std::uint64_t>(low);
  Array out = empty(size.shape(), dtype);
  std::lock_guard lock(mutex_);
  LegacyGenerator gen(state_);
  fill_bounded(gen, low, rng, out);
  return out;
}

Array RandomState::choice(std::int64_t a, const Size& size, bool replace,
                          const std::optional<Array>& p) {
  if (a <= 0 && sample_count(size) != 0)
    throw ValueError("a must be greater than 0 unless no samples are taken");
  std::optional<std::vector<double>> probabilities;
  if (p) probabilities = checked_probabilities(*p, a);

  const Shape shape = size.shape();
  if (!replace) {
    const std::int64_t count = shape.product();
    if (count > a)
      throw ValueError("Cannot take a larger sample than population when 'replace=False'");
    if (count < 0) throw ValueError("Negative dimensions are not allowed");
    if (probabilities && std::count_if(probabilities->begin(), probabilities->end(),
                                       [](double v) { return v > 0; }) < count)
      throw ValueError("Fewer non-zero entries in p than size");
  }
  std::lock_guard lock(mutex_);
  LegacyGenerator gen(state_);
  return choice_indices(gen, a, shape, replace, probabilities);
}

Array RandomState::choice(const Array& a, const Size& size, bool replace,
                          const std::optional<Array>& p) {
  if (a.ndim() == 0) {  // a 0-d integer acts as the int a (Python's operator.index)
    if (is_floating(a.dtype())) throw ValueError("a must be 1-dimensional or an integer");
    return choice(a.item<std::int64_t>(), size, replace, p);
  }
  if (a.ndim() != 1) throw ValueError("a must be 1-dimensional");
  if (a.shape()[0] == 0 && sample_count(size) != 0)
    throw ValueError("'a' cannot be empty unless no samples are taken");
  return take(a, choice(a.shape()[0], size, replace, p), 0);
}

Array RandomState::permutation(std::int64_t n) {
  std::lock_guard lock(mutex_);
  LegacyGenerator gen(state_);
  return permuted_range(gen, n);
}

// NumPy shuffles a copy of a 1-D x, and gathers rows through a shuffled arange for more
// dimensions; shuffling the rows of a C-contiguous copy applies the same permutation,
// with the same draws (also when the rows are empty).
Array RandomState::permutation(const Array& x) {
  if (x.ndim() == 0) throw IndexError("x must be an integer or at least 1-dimensional");
  Array out = x.copy();
  std::lock_guard lock(mutex_);
  LegacyGenerator gen(state_);
  shuffle_contiguous_rows(gen, out);
  return out;
}

void RandomState::shuffle(const Array& x) {
  if (x.ndim() == 0) throw TypeError("len() of unsized object");
  if (!x.writeable()) throw ValueError("array is read-only");
  if (x.size() == 0) return;  // NumPy draws nothing for an empty array, even of shape (3, 0)
  std::lock_guard lock(mutex_);
  LegacyGenerator gen(state_);
  if (shuffle_contiguous_rows(gen, x)) return;
  // Rows that are not single blocks (a transposed x, say): apply the same permutation by
  // gathering the rows through it.
  nd::detail::assign(x, take(x, permuted_range(gen, x.shape()[0]), 0));
}

// --- other distributions ----------------------------------------------------------------------

Array RandomState::standard_exponential(const Size& size) {
  return draw_array<double>(state_, mutex_, size.shape(),
                            [](LegacyGenerator& g) { return g.standard_exponential(); });
}

Array RandomState::exponential(double scale, const Size& size) {
  check_non_negative(scale, "scale");
  return draw_array<double>(state_, mutex_, size.shape(),
                            [=](LegacyGenerator& g) { return scale * g.standard_exponential(); });
}

Array RandomState::standard_gamma(double shape, const Size& size) {
  check_non_negative(shape, "shape");
  return draw_array<double>(state_, mutex_, size.shape(),
                            [=](LegacyGenerator& g) { return g.standard_gamma(shape); });
}

Array RandomState::gamma(double shape, double scale, const Size& size) {
  check_non_negative(shape, "shape");
  check_non_negative(scale, "scale");
  return draw_array<double>(state_, mutex_, size.shape(),
                            [=](LegacyGenerator& g) { return scale * g.standard_gamma(shape); });
}

Array RandomState::beta(double a, double b, const Size& size) {
  check_positive(a, "a");
  check_positive(b, "b");
  return draw_array<double>(state_, mutex_, size.shape(),
                            [=](LegacyGenerator& g) { return g.beta(a, b); });
}

Array RandomState::gumbel(double loc, double scale, const Size& size) {
  check_non_negative(scale, "scale");
  return draw_array<double>(state_, mutex_, size.shape(),
                            [=](LegacyGenerator& g) { return g.gumbel(loc, scale); });
}

Array RandomState::laplace(double loc, double scale, const Size& size) {
  check_non_negative(scale, "scale");
  return draw_array<double>(state_, mutex_, size.shape(),
                            [=](LegacyGenerator& g) { return g.laplace(loc, scale); });
}

Array RandomState::logistic(double loc, double scale, const Size& size) {
  check_non_negative(scale, "scale");
  return draw_array<double>(state_, mutex_, size.shape(),
                            [=](LegacyGenerator& g) { return g.logistic(loc, scale); });
}

Array RandomState::binomial(std::int64_t n, double p, const Size& size) {
  check_probability(p, "p");
  if (n < 0) throw ValueError("n < 0");
  const detail::BinomialSampler sampler(n, p);
  return draw_array<std::int64_t>(state_, mutex_, size.shape(),
                                  [&](LegacyGenerator& g) { return sampler.draw(g); });
}

Array RandomState::poisson(double lam, const Size& size) {
  // LEGACY_POISSON_LAM_MAX: lam this far below the C long limit keeps draws in range.
  const double lam_max =
      static_cast<double>(std::numeric_limits<std::int64_t>::max()) -
      std::sqrt(static_cast<double>(std::numeric_limits<std::int64_t>::max())) * 10;
  if (!(lam >= 0)) throw ValueError("lam < 0 or lam is NaN");
  if (!(lam <= lam_max)) throw ValueError("lam value too large");
  return draw_array<std::int64_t>(state_, mutex_, size.shape(),
                                  [=](LegacyGenerator& g) { return g.poisson(lam); });
}

Array RandomState::dirichlet(const Array& alpha, const Size& size) {
  if (alpha.ndim() == 0) throw TypeError("len() of unsized object");
  if (alpha.ndim() > 1) throw ValueError("object too deep for desired array");
  const std::vector<double> a = float64_values(alpha);
  if (std::any_of(a.begin(), a.end(), [](double v) { return v <= 0; }))
    throw ValueError("alpha <= 0");
  const auto k = static_cast<std::int64_t>(a.size());
  Array out = empty(with_last_axis(size, k), float64);
  double* data = out.data<double>();
  std::lock_guard lock(mutex_);
  LegacyGenerator gen(state_);
  for (std::int64_t start = 0; start < out.size(); start += k) {  // one normalised gamma vector
    double* sample = data + start;
    double sum = 0.0;
    for (std::int64_t j = 0; j < k; ++j) {
      sample[j] = gen.standard_gamma(a[j]);
      sum = sum + sample[j];
    }
    const double inverse = 1 / sum;
    for (std::int64_t j = 0; j < k; ++j) sample[j] = sample[j] * inverse;
  }
  return out;
}

Array RandomState::multinomial(std::int64_t n, const Array& pvals, const Size& size) {
  if (pvals.ndim() == 0) throw TypeError("pvals must be a 1-d sequence");
  if (pvals.ndim() > 1) throw ValueError("object too deep for desired array");
  const std::vector<double> p = float64_values(pvals);
  for (double v : p)
    if (!(v >= 0) || !(v <= 1)) throw ValueError("pvals < 0, pvals > 1 or pvals contains NaNs");
  const auto d = static_cast<std::int64_t>(p.size());
  if (d > 0 && kahan_sum(p.data(), d - 1) > (1.0 + 1e-12))
    throw ValueError("sum(pvals[:-1]) > 1.0");
  Array out = zeros(with_last_axis(size, d), int64);
  if (n < 0) throw ValueError("n < 0");
  if (d == 0) return out;
  std::int64_t* data = out.data<std::int64_t>();
  std::lock_guard lock(mutex_);
  LegacyGenerator gen(state_);
  for (std::int64_t start = 0; start < out.size(); start += d)
    multinomial_sample(gen, n, p, data + start);
  return out;
}

// --- the global stream
// ----------------------------------------------------------------------------

namespace {
RandomState& global_state() {
  static RandomState state;  // NumPy seeds its global RandomState from entropy on import
  return state;
}
}  // namespace

void seed() {
  global_state().seed();
}
void seed(std::int64_t seed_value) {
  global_state().seed(seed_value);
}
void seed(const std::vector<std::int64_t>& seed_values) {
  global_state().seed(seed_values);
}
State get_state() {
  return global_state().get_state();
}
void set_state(const State& state) {
  global_state().set_state(state);
}

Array random_sample(const Size& size) {
  return global_state().random_sample(size);
}
Array random(const Size& size) {
  return global_state().random(size);
}
Array rand(const Size& size) {
  return global_state().rand(size);
}
Array randn(const Size& size) {
  return global_state().randn(size);
}
Array standard_normal(const Size& size) {
  return global_state().standard_normal(size);
}
Array normal(double loc, double scale, const Size& size) {
  return global_state().normal(loc, scale, size);
}
Array uniform(double low, double high, const Size& size) {
  return global_state().uniform(low, high, size);
}
Array randint(std::int64_t low, std::optional<std::int64_t> high, const Size& size, DType dtype) {
  return global_state().randint(low, high, size, dtype);
}
Array choice(std::int64_t a, const Size& size, bool replace, const std::optional<Array>& p) {
  return global_state().choice(a, size, replace, p);
}
Array choice(const Array& a, const Size& size, bool replace, const std::optional<Array>& p) {
  return global_state().choice(a, size, replace, p);
}
Array permutation(std::int64_t n) {
  return global_state().permutation(n);
}
Array permutation(const Array& x) {
  return global_state().permutation(x);
}
void shuffle(const Array& x) {
  global_state().shuffle(x);
}
Array standard_exponential(const Size& size) {
  return global_state().standard_exponential(size);
}
Array exponential(double scale, const Size& size) {
  return global_state().exponential(scale, size);
}
Array standard_gamma(double shape, const Size& size) {
  return global_state().standard_gamma(shape, size);
}
Array gamma(double shape, double scale, const Size& size) {
  return global_state().gamma(shape, scale, size);
}
Array beta(double a, double b, const Size& size) {
  return global_state().beta(a, b, size);
}
Array gumbel(double loc, double scale, const Size& size) {
  return global_state().gumbel(loc, scale, size);
}
Array laplace(double loc, double scale, const Size& size) {
  return global_state().laplace(loc, scale, size);
}
Array logistic(double loc, double scale, const Size& size) {
  return global_state().logistic(loc, scale, size);
}
Array binomial(std::int64_t n, double p, const Size& size) {
  return global_state().binomial(n, p, size);
}
Array poisson(double lam, const Size& size) {
  return global_state().poisson(lam, size);
}
Array dirichlet(const Array& alpha, const Size& size) {
  return global_state().dirichlet(alpha, size);
}
Array multinomial(std::int64_t n, const Array& pvals, const Size& size) {
  return global_state().multinomial(n, pvals, size);
}

}  // namespace nd::random
