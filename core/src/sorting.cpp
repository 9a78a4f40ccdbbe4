// Sorting and searching, one 1-D lane at a time.
//
// Every comparison goes through an order key: a value mapped to an unsigned integer whose
// plain order is NumPy's (NaN after +inf and all NaNs alike, -0.0 equal to 0.0, signed
// integers with their sign bit flipped). Keys let one stable LSD radix sort, a byte per
// pass, serve every dtype; it beats NumPy's timsort several times over on large lanes.
// Lanes along the sort axis are spread across threads with detail::for_each_lane; each
// thread keeps its scratch memory from lane to lane.
#include "ndgrad/core/sorting.h"

#include <omp.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <iostream>
#include <limits>
#include <memory>
#include <mutex>
#include <numeric>
#include <type_traits>
#include <utility>

#include "iteration.h"
#include "ndgrad/core/creation.h"
#include "ndgrad/core/errors.h"
#include "ndgrad/core/shape_ops.h"

namespace nd {

namespace {

// --- order keys ----------------------------------------------------------------------------

template <class T>
using OrderKey =
    std::conditional_t<sizeof(T) == 1, std::uint8_t,
                       std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>;

template <class T>
OrderKey<T> order_key(T v) {
  using K = OrderKey<T>;
  constexpr K kSignBit = K(K(1) << (8 * sizeof(T) - 1));
  if constexpr (std::is_same_v<T, bool> || std::is_unsigned_v<T>) {
    return K(v);
  } else if constexpr (std::is_integral_v<T>) {
    return K(K(v) ^ kSignBit);  // two's complement with the sign bit flipped orders as unsigned
  } else {
    // Integer operations only, so that the compiler can avoid branches (this runs once per
    // element and radix pass).
    constexpr K kInfinity = std::bit_cast<K>(std::numeric_limits<T>::infinity());
    K bits = std::bit_cast<K>(v);
    const K magnitude = bits & K(~kSignBit);
    if (magnitude == 0) bits = 0;                                        // -0.0 sorts as 0.0
    const K key = (bits & kSignBit) ? K(~bits) : K(bits | kSignBit);     // negatives reversed
    return magnitude > kInfinity ? std::numeric_limits<K>::max() : key;  // NaNs last, alike
  }
}

// NumPy's comparison for sorting (npysort's Tag::less): NaN after everything else.
template <class T>
bool less(T a, T b) {
  if constexpr (std::is_floating_point_v<T>)
    return a < b || (b != b && a == a);
  else
    return a < b;
}

template <class T>
T load(const std::byte* p, std::int64_t i, std::int64_t stride) {
  return *reinterpret_cast<const T*>(p + i * stride);
}
template <class T>
T& slot(std::byte* p, std::int64_t i, std::int64_t stride) {
  return *reinterpret_cast<T*>(p + i * stride);
}

// Copies a strided lane into contiguous memory, and back.
template <class T>
void gather(const std::byte* src, std::int64_t stride, std::int64_t n, T* dst) {
  if (stride == std::int64_t(sizeof(T))) {
    if (src != reinterpret_cast<const std::byte*>(dst)) std::memcpy(dst, src, n * sizeof(T));
    return;
  }
  for (std::int64_t i = 0; i < n; ++i) dst[i] = load<T>(src, i, stride);
}
template <class T>
void scatter(const T* src, std::int64_t n, std::byte* dst, std::int64_t stride) {
  for (std::int64_t i = 0; i < n; ++i) slot<T>(dst, i, stride) = src[i];
}

// --- stable sorting by key -----------------------------------------------------------------

// Below this length insertion sort beats the radix sort's fixed cost (its histograms).
constexpr std::int64_t kInsertionSortMax = 16;

template <class Item, class Key>
void insertion_sort(Item* items, std::int64_t n, Key key) {
  for (std::int64_t i = 1; i < n; ++i) {
    const Item item = items[i];
    const auto k = key(item);
    std::int64_t j = i;
    for (; j > 0 && k < key(items[j - 1]); --j) items[j] = items[j - 1];
    items[j] = item;
  }
}

// Stable LSD radix sort of n >= 1 items by key(item), one byte per pass from the least
// significant; a pass whose byte is the same for every item is skipped (the high bytes of
// small integers). `spare` holds n items. Returns whichever buffer holds the result.
template <class Item, class Key>
Item* radix_sort(Item* items, Item* spare, std::int64_t n, Key key) {
  using K = decltype(key(*items));
  constexpr int kBytes = sizeof(K);
  auto digit = [](K k, int byte) { return (k >> (8 * byte)) & 0xFF; };
  std::array<std::array<std::int64_t, 256>, kBytes> counts{};  // every pass's histogram
  for (std::int64_t i = 0; i < n; ++i) {
    const K k = key(items[i]);
    for (int b = 0; b < kBytes; ++b) ++counts[b][digit(k, b)];
  }
  Item* from = items;
  Item* to = spare;
  for (int b = 0; b < kBytes; ++b) {
    std::array<std::int64_t, 256>& next = counts[b];  // becomes each digit's next slot
    if (next[digit(key(from[0]), b)] == n) continue;
    std::int64_t total = 0;
    for (std::int64_t& c : next) total += std::exchange(c, total);
    for (std::int64_t i = 0; i < n; ++i) to[next[digit(key(from[i]), b)]++] = from[i];
    std::swap(from, to);
  }
  return from;
}

template <class Item, class Key>
Item* stable_sort_by_key(Item* items, Item* spare, std::int64_t n, Key key) {
  if (n <= kInsertionSortMax) {
    insertion_sort(items, n, key);
    return items;
  }
  return radix_sort(items, spare, n, key);
}

// Puts items[k] in its sorted place for every k of `kth` (ascending, distinct), with no
// greater items before it and no smaller ones after.
template <class Item, class Less>
void select_kth(Item* items, std::int64_t n, const std::vector<std::int64_t>& kth, Less less) {
  std::int64_t done = 0;  // items[0, done) are already no greater than the rest
  for (std::int64_t k : kth) {
    std::nth_element(items + done, items + k, items + n, less);
    done = k + 1;
  }
}

// --- lanes -----------------------------------------------------------------------------

// Work per element, relative to an addition, that decides when loops are spread over
// threads (see detail::kParallelWork): sorting, and a binary search or table lookup.
constexpr std::int64_t kSortCost = 16;
constexpr std::int64_t kSearchCost = 16;

// Scratch memory for each OpenMP thread, kept from lane to lane so that many short lanes
// do not each pay for an allocation.
template <class Item>
class ThreadScratch {
 public:
  ThreadScratch() : buffers_(std::max(1, omp_get_max_threads())) {}
  Item* get(std::int64_t n) {
    Buffer& buffer = buffers_[omp_get_thread_num()];
    if (buffer.capacity < n) {
      buffer.items.reset(new Item[n]);
      buffer.capacity = n;
    }
    return buffer.items.get();
  }

 private:
  struct Buffer {
    std::unique_ptr<Item[]> items;  // not std::vector: vector<bool> has no contiguous storage
    std::int64_t capacity = 0;
  };
  std::vector<Buffer> buffers_;
};

// Address of lane `lane` of `a`: lanes run along the last axis and are counted in C order,
// as detail::for_each_lane counts them.
const std::byte* lane_start(const Array& a, std::int64_t lane) {
  const std::byte* p = a.bytes();
  for (std::size_t d = a.shape().size() - 1; d-- > 0;) {
    p += (lane % a.shape()[d]) * a.strides()[d];
    lane /= a.shape()[d];
  }
  return p;
}

// Calls fn(in_lane, in_stride, out_lane, out_stride, length) for every lane along `axis`
// of `in` (ndim >= 1) together with the same lane of `out` (same shape).
template <class Fn>
void for_each_lane_pair(const Array& in, const Array& out, std::int64_t axis, Fn&& fn) {
  const Array in_lanes = moveaxis(in, axis, -1), out_lanes = moveaxis(out, axis, -1);
  const std::int64_t in_stride = in_lanes.strides().back();
  detail::for_each_lane(
      out_lanes,
      [&](std::byte* out_lane, std::int64_t out_stride, std::int64_t n, std::int64_t lane) {
        fn(lane_start(in_lanes, lane), in_stride, out_lane, out_stride, n);
      },
      kSortCost);
}

// The array whose lanes are ordered and their axis: the flattened array for axis=None.
struct Lanes {
  Array array;
  std::int64_t axis;
};
Lanes lanes_of(const Array& a, std::optional<std::int64_t> axis) {
  if (!axis) return {a.ravel(), 0};
  return {a, normalize_axis(*axis, a.ndim())};
}

// np.argsort and np.argpartition see a 0-d array as a 1-element 1-d one.
Array at_least_1d(const Array& a) {
  return a.ndim() == 0 ? a.reshape({1}) : a;
}

// --- ordering values (sort, partition) ---------------------------------------------------

// Orders one lane of values: they are brought into contiguous memory (the output lane
// itself when it is contiguous), arranged there by arrange(work, spare, n), which returns
// where the result is, and written to the output lane. `scratch` holds 2n values.
template <class T, class Arrange>
void order_values_lane(const std::byte* in, std::int64_t in_stride, std::byte* out,
                       std::int64_t out_stride, std::int64_t n, T* scratch, Arrange arrange) {
  T* const out_lane = reinterpret_cast<T*>(out);
  T* work = out_stride == std::int64_t(sizeof(T)) ? out_lane : scratch + n;
  gather(in, in_stride, n, work);
  const T* result = arrange(work, scratch, n);
  if (result != out_lane) scatter(result, n, out, out_stride);
}

// sort and partition: a copy laid out as the input (NumPy's order='K'), ordered lane by lane.
// When flattening already had to copy, that copy is ordered in place.
template <class Arrange>
Array order_values(const Array& a, std::optional<std::int64_t> axis, Arrange arrange) {
  const Lanes x = lanes_of(a, axis);
  const bool fresh_copy = x.array.storage() != a.storage();
  Array out =
      fresh_copy ? x.array : detail::empty_like_layout(x.array.shape(), x.array.dtype(), &x.array);
  dispatch(x.array.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    ThreadScratch<T> scratch;
    for_each_lane_pair(x.array, out, x.axis,
                       [&](const std::byte* in, std::int64_t in_stride, std::byte* o,
                           std::int64_t o_stride, std::int64_t n) {
                         order_values_lane(in, in_stride, o, o_stride, n, scratch.get(2 * n),
                                           arrange);
                       });
  });
  return out;
}

// --- ordering indices (argsort, argpartition, lexsort) --------------------------------------

// A value's key next to its index in the lane; 32-bit indices (when the lane allows)
// halve the memory the radix passes move.
template <class K, class I>
struct Keyed {
  K key;
  I index;
};

// Orders the index lanes of one call. For each lane, arrange(items, spare, n) orders
// `Keyed` items (returning where the result is); the indices come in as the lane's current
// order (or 0, 1, 2, ... when `from_identity`) and go out in their new order.
template <class T>
class IndexOrdering {
 public:
  template <class Arrange>
  void lane(const std::byte* values, std::int64_t value_stride, std::byte* indices,
            std::int64_t index_stride, std::int64_t n, bool from_identity, Arrange arrange) {
    if (n <= std::int64_t(std::numeric_limits<std::uint32_t>::max()))
      run(narrow_.get(2 * n), values, value_stride, indices, index_stride, n, from_identity,
          arrange);
    else
      run(wide_.get(2 * n), values, value_stride, indices, index_stride, n, from_identity, arrange);
  }

 private:
  template <class I, class Arrange>
  static void run(Keyed<OrderKey<T>, I>* items, const std::byte* values, std::int64_t value_stride,
                  std::byte* indices, std::int64_t index_stride, std::int64_t n, bool from_identity,
                  Arrange arrange) {
    if (from_identity) {
      for (std::int64_t i = 0; i < n; ++i)
        items[i] = {order_key(load<T>(values, i, value_stride)), I(i)};
    } else {
      for (std::int64_t i = 0; i < n; ++i) {
        const std::int64_t at = load<std::int64_t>(indices, i, index_stride);
        items[i] = {order_key(load<T>(values, at, value_stride)), I(at)};
      }
    }
    const auto* result = arrange(items, items + n, n);
    for (std::int64_t i = 0; i < n; ++i)
      slot<std::int64_t>(indices, i, index_stride) = std::int64_t(result[i].index);
  }

  ThreadScratch<Keyed<OrderKey<T>, std::uint32_t>> narrow_;
  ThreadScratch<Keyed<OrderKey<T>, std::int64_t>> wide_;
};

constexpr auto by_key = [](const auto& item) { return item.key; };
constexpr auto key_less = [](const auto& x, const auto& y) { return x.key < y.key; };

// Re-sorts the index lanes of `indices` (int64, the shape of `key`) stably by `key`'s
// values; with from_identity the lanes start as 0, 1, 2, ... (argsort), otherwise in
// their current order (the later passes of lexsort).
void stable_order_by(const Array& key, const Array& indices, std::int64_t axis,
                     bool from_identity) {
  dispatch(key.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    IndexOrdering<T> ordering;
    for_each_lane_pair(key, indices, axis,
                       [&](const std::byte* in, std::int64_t in_stride, std::byte* out,
                           std::int64_t out_stride, std::int64_t n) {
                         ordering.lane(in, in_stride, out, out_stride, n, from_identity,
                                       [](auto* items, auto* spare, std::int64_t len) {
                                         return stable_sort_by_key(items, spare, len, by_key);
                                       });
                       });
  });
}

// --- partition helpers ------------------------------------------------------------------------

// kth made non-negative, checked as NumPy does (only when the array has elements), sorted
// and without repeats.
std::vector<std::int64_t> normalize_kth(std::vector<std::int64_t> kth, std::int64_t length,
                                        std::int64_t size) {
  for (std::int64_t& k : kth) {
    if (k < 0) k += length;
    if (size != 0 && (k < 0 || k >= length))
      throw ValueError("kth(=" + std::to_string(k) + ") out of bounds (" + std::to_string(length) +
                       ")");
  }
  std::sort(kth.begin(), kth.end());
  kth.erase(std::unique(kth.begin(), kth.end()), kth.end());
  return kth;
}

}  // namespace

// --- sort, argsort, partition, argpartition, lexsort -----------------------------------------

Array sort(const Array& a, std::optional<std::int64_t> axis) {
  return order_values(a, axis, [](auto* work, auto* spare, std::int64_t n) {
    return stable_sort_by_key(work, spare, n, [](auto v) { return order_key(v); });
  });
}

Array argsort(const Array& a, std::optional<std::int64_t> axis) {
  const Lanes x = lanes_of(at_least_1d(a), axis);
  Array out = empty(x.array.shape(), int64);
  stable_order_by(x.array, out, x.axis, /*from_identity=*/true);
  return out;
}

Array partition(const Array& a, const std::vector<std::int64_t>& kth,
                std::optional<std::int64_t> axis) {
  // The axis is checked before kth, as NumPy does.
  const std::int64_t length = axis ? a.shape()[normalize_axis(*axis, a.ndim())] : a.size();
  const std::vector<std::int64_t> ks = normalize_kth(kth, length, a.size());
  return order_values(a, axis, [&](auto* work, auto*, std::int64_t n) {
    select_kth(work, n, ks, [](auto u, auto v) { return less(u, v); });
    return work;
  });
}

Array partition(const Array& a, std::int64_t kth, std::optional<std::int64_t> axis) {
  return partition(a, std::vector<std::int64_t>{kth}, axis);
}

Array argpartition(const Array& a, const std::vector<std::int64_t>& kth,
                   std::optional<std::int64_t> axis) {
  const Lanes x = lanes_of(at_least_1d(a), axis);
  const std::vector<std::int64_t> ks = normalize_kth(kth, x.array.shape()[x.axis], x.array.size());
  Array out = empty(x.array.shape(), int64);
  dispatch(x.array.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    IndexOrdering<T> ordering;
    for_each_lane_pair(x.array, out, x.axis,
                       [&](const std::byte* in, std::int64_t in_stride, std::byte* o,
                           std::int64_t o_stride, std::int64_t n) {
                         ordering.lane(in, in_stride, o, o_stride, n, /*from_identity=*/true,
                                       [&](auto* items, auto*, std::int64_t len) {
                                         select_kth(items, len, ks, key_less);
                                         return items;
                                       });
                       });
  });
  return out;
}

Array argpartition(const Array& a, std::int64_t kth, std::optional<std::int64_t> axis) {
  return argpartition(a, std::vector<std::int64_t>{kth}, axis);
}

// NumPy's way: a stable argsort by the first key, then by each following key in turn,
// so that the last key decides first and earlier keys break its ties.
Array lexsort(const std::vector<Array>& keys, std::int64_t axis) {
  if (keys.empty()) throw TypeError("need sequence of keys with len > 0 in lexsort");
  const Shape& shape = keys[0].shape();
  for (const Array& key : keys)
    if (!(key.shape() == shape)) throw ValueError("all keys need to be the same shape");
  if (shape.empty()) {
    // NumPy lets axis -1 and 0 through for 0-d keys; the one element's index is 0.
    if (axis != 0 && axis != -1) normalize_axis(axis, 0);
    return zeros({}, int64);
  }
  const std::int64_t ax = normalize_axis(axis, std::int64_t(shape.size()));
  Array out = empty(shape, int64);
  for (std::size_t k = 0; k < keys.size(); ++k) stable_order_by(keys[k], out, ax, k == 0);
  return out;
}

// --- unique ------------------------------------------------------------------------------------

namespace {

// Where each group of equal elements starts in the sorted order; same_as_previous(i) says
// whether sorted element i equals element i - 1.
template <class Same>
std::vector<std::int64_t> group_starts(std::int64_t n, Same same_as_previous) {
  std::vector<std::int64_t> starts;
  for (std::int64_t i = 0; i < n; ++i)
    if (i == 0 || !same_as_previous(i)) starts.push_back(i);
  return starts;
}

// unique's indices, inverse and counts from the sorted order: perm[i] is the input
// position of sorted element i (null when neither indices nor inverse are wanted).
void fill_unique_indices(UniqueResult& r, const std::int64_t* perm,
                         const std::vector<std::int64_t>& starts, std::int64_t n, bool want_index,
                         bool want_inverse, bool want_counts) {
  const std::int64_t groups = std::int64_t(starts.size());
  if (want_index) {
    r.indices = empty({groups}, int64);
    std::int64_t* index = r.indices.data<std::int64_t>();
    for (std::int64_t g = 0; g < groups; ++g) index[g] = perm[starts[g]];
  }
  if (want_inverse) {
    r.inverse = empty({n}, int64);
    std::int64_t* inverse = r.inverse.data<std::int64_t>();
    for (std::int64_t g = 0; g < groups; ++g) {
      const std::int64_t end = g + 1 < groups ? starts[g + 1] : n;
      for (std::int64_t i = starts[g]; i < end; ++i) inverse[perm[i]] = g;
    }
  }
  if (want_counts) {
    r.counts = empty({groups}, int64);
    std::int64_t* counts = r.counts.data<std::int64_t>();
    for (std::int64_t g = 0; g < groups; ++g)
      counts[g] = (g + 1 < groups ? starts[g + 1] : n) - starts[g];
  }
}

// NumPy's _unique1d with equal_nan=True: sort (stably, so each group's first element is
// its first occurrence), then keep the first of every run of equal keys.
UniqueResult unique_flat(const Array& a, bool want_index, bool want_inverse, bool want_counts) {
  const Array flat = a.ravel();
  const std::int64_t n = flat.size();
  Array perm, sorted;
  if (want_index || want_inverse) {
    perm = argsort(flat);
    sorted = flat.index({perm});
  } else {
    sorted = sort(flat);
  }
  UniqueResult r;
  std::vector<std::int64_t> starts;
  dispatch(flat.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* s = sorted.data<T>();
    starts =
        group_starts(n, [&](std::int64_t i) { return order_key(s[i]) == order_key(s[i - 1]); });
    r.values = empty({std::int64_t(starts.size())}, flat.dtype());
    T* values = r.values.data<T>();
    for (std::size_t g = 0; g < starts.size(); ++g) values[g] = s[starts[g]];
  });
  const std::int64_t* p = perm.size() ? perm.data<std::int64_t>() : nullptr;
  fill_unique_indices(r, p, starts, n, want_index, want_inverse, want_counts);
  return r;
}

// The axis form: the subarrays along `axis` become the rows of an (n, m) array, sorted
// lexicographically (NumPy views them as structured elements). Rows are equal when every
// element is ==, so a row holding NaN equals no other row, as in NumPy.
UniqueResult unique_rows(const Array& a, std::int64_t axis, bool want_index, bool want_inverse,
                         bool want_counts) {
  const Array moved = moveaxis(a, axis, 0);
  const std::int64_t n = moved.shape()[0];
  const Shape row_shape(moved.shape().begin() + 1, moved.shape().end());
  const std::int64_t m = row_shape.product();
  const Array rows = ascontiguousarray(moved.reshape({n, m}));
  std::vector<std::int64_t> perm(n);
  std::iota(perm.begin(), perm.end(), std::int64_t{0});
  std::vector<std::int64_t> starts;
  UniqueResult r;
  dispatch(a.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* data = rows.data<T>();
    auto row = [&](std::int64_t i) { return data + i * m; };
    std::stable_sort(perm.begin(), perm.end(), [&](std::int64_t x, std::int64_t y) {
      return std::lexicographical_compare(row(x), row(x) + m, row(y), row(y) + m, less<T>);
    });
    starts = group_starts(n, [&](std::int64_t i) {
      return std::equal(row(perm[i]), row(perm[i]) + m, row(perm[i - 1]));
    });
    Array values = empty({std::int64_t(starts.size()), m}, a.dtype());
    for (std::size_t g = 0; g < starts.size(); ++g)
      std::copy(row(perm[starts[g]]), row(perm[starts[g]]) + m, values.data<T>() + g * m);
    Shape values_shape{std::int64_t(starts.size())};
    for (std::int64_t d : row_shape) values_shape.push_back(d);
    r.values = moveaxis(values.reshape(values_shape), 0, axis);
  });
  fill_unique_indices(r, perm.data(), starts, n, want_index, want_inverse, want_counts);
  return r;
}

}  // namespace

UniqueResult unique(const Array& a, bool return_index, bool return_inverse, bool return_counts,
                    std::optional<std::int64_t> axis) {
  if (!axis) return unique_flat(a, return_index, return_inverse, return_counts);
  return unique_rows(a, normalize_axis(*axis, a.ndim()), return_index, return_inverse,
                     return_counts);
}

// --- isin --------------------------------------------------------------------------------------

namespace {

// Answers "is v one of the test values?" for many v: with a table of flags when the test
// values are integers spanning a range not much larger than the work (NumPy's
// kind='table' rule), otherwise by binary search among their sorted order keys.
template <class T>
class Membership {
 public:
  Membership(const T* tests, std::int64_t count, std::int64_t queries) {
    if constexpr (std::is_integral_v<T>) {
      if (count > 0) {
        const auto [lo, hi] = std::minmax_element(tests, tests + count);
        const std::uint64_t range = offset(*hi, *lo);
        if (range <= std::uint64_t(6 * (count + queries))) {
          lowest_ = *lo;
          table_.assign(range + 1, 0);
          for (std::int64_t i = 0; i < count; ++i) table_[offset(tests[i], lowest_)] = 1;
          return;
        }
      }
    }
    keys_.resize(count);
    for (std::int64_t i = 0; i < count; ++i) keys_[i] = order_key(tests[i]);
    std::sort(keys_.begin(), keys_.end());
  }

  bool contains(T v) const {
    if constexpr (std::is_integral_v<T>) {
      if (!table_.empty()) {
        const std::uint64_t at = offset(v, lowest_);
        return at < table_.size() && table_[at];
      }
    }
    if (v != v) return false;  // NaN equals nothing, not even NaN
    return std::binary_search(keys_.begin(), keys_.end(), order_key(v));
  }

 private:
  // v - lo without overflow (wrapping below lo to a huge offset).
  static std::uint64_t offset(T v, T lo) {
    return std::uint64_t(std::int64_t(v)) - std::uint64_t(std::int64_t(lo));
  }

  std::vector<std::uint8_t> table_;
  T lowest_{};
  std::vector<OrderKey<T>> keys_;
};

}  // namespace

Array isin(const ArrayLike& element, const ArrayLike& test_elements, bool /*assume_unique*/,
           bool invert) {
  const Array& e = element.array();
  const DType common = promote_types(e.dtype(), test_elements.array().dtype());
  const Array values = e.dtype() == common ? e : e.astype(common);
  const Array tests = ascontiguousarray(test_elements.array().ravel(), common);
  Array out = empty(e.shape(), bool_);
  dispatch(common, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const Membership<T> members(tests.data<T>(), tests.size(), values.size());
    auto plan = detail::make_plan<2>(e.shape(), {out.bytes(), values.bytes()},
                                     {out.strides(), values.strides()});
    detail::for_each_run(plan, kSearchCost, [&](const auto& p, const auto& s, std::int64_t n) {
      for (std::int64_t i = 0; i < n; ++i)
        slot<bool>(p[0], i, s[0]) = members.contains(load<T>(p[1], i, s[1])) != invert;
    });
  });
  return out;
}

// --- searchsorted ---------------------------------------------------------------------------

namespace {

bool parse_side(const std::string& side) {
  if (side == "left") return false;
  if (side == "right") return true;
  throw ValueError("search side must be 'left' or 'right' (got '" + side + "')");
}

// The sorter as contiguous int64, checked as NumPy checks it (its entries only when used).
Array checked_sorter(const Array& sorter, std::int64_t size) {
  if (!is_integer(sorter.dtype())) throw TypeError("sorter must only contain integers");
  if (sorter.ndim() != 1) throw TypeError("could not parse sorter argument");
  if (sorter.size() != size) throw ValueError("sorter.size must equal a.size");
  return ascontiguousarray(sorter, int64);
}

// NumPy's binsearch (npysort/binsearch.cpp) over `count` contiguous keys, including its
// shortcut for sorted keys: each search starts from the bounds the previous key left. The
// result is the first i where cmp(value(i), key) fails: value(i) < key for side "left",
// value(i) <= key for "right". value(i) is element i of the sorted haystack of length n.
template <bool kRight, class T, class Value>
void binary_search_keys(const T* keys, std::int64_t count, std::int64_t* out, Value value,
                        std::int64_t n) {
  auto cmp = [](T x, T y) { return kRight ? !less(y, x) : less(x, y); };
  std::int64_t lo = 0, hi = n;
  T last = count > 0 ? keys[0] : T{};
  for (std::int64_t k = 0; k < count; ++k) {
    const T key = keys[k];
    if (cmp(last, key)) {
      hi = n;
    } else {
      lo = 0;
      hi = hi < n ? hi + 1 : n;
    }
    last = key;
    while (lo < hi) {
      const std::int64_t mid = lo + ((hi - lo) >> 1);
      if (cmp(value(mid), key))
        lo = mid + 1;
      else
        hi = mid;
    }
    out[k] = lo;
  }
}

template <class T, class Value>
void binary_search_keys(const T* keys, std::int64_t count, std::int64_t* out, Value value,
                        std::int64_t n, bool right) {
  if (right)
    binary_search_keys<true>(keys, count, out, value, n);
  else
    binary_search_keys<false>(keys, count, out, value, n);
}

}  // namespace

Array searchsorted(const Array& a, const ArrayLike& v, const std::string& side,
                   const std::optional<Array>& sorter) {
  const bool right = parse_side(side);
  if (a.ndim() == 0) throw ValueError("object of too small depth for desired array");
  if (a.ndim() > 1) throw ValueError("object too deep for desired array");
  const Array perm = sorter ? checked_sorter(*sorter, a.size()) : Array();
  // Compare in the dtype both sides convert to exactly (NumPy 1.24 does the same for scalars).
  const DType common = promote_types(a.dtype(), v.array().dtype());
  const Array haystack = ascontiguousarray(a, common);
  const Array keys = ascontiguousarray(v.array(), common);
  Array out = empty(v.array().shape(), int64);
  const std::int64_t n = a.size(), count = out.size();
  dispatch(common, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* sorted = haystack.data<T>();
    if (sorter) {
      // One pass in C order, as NumPy's: which sorter entries get read (and so whether an
      // out-of-range one is noticed) depends on the order of the keys.
      const std::int64_t* order = perm.data<std::int64_t>();
      auto value = [&](std::int64_t i) {
        if (order[i] < 0 || order[i] >= n) throw ValueError("Sorter index out of range.");
        return sorted[order[i]];
      };
      binary_search_keys(keys.data<T>(), count, out.data<std::int64_t>(), value, n, right);
      return;
    }
    auto value = [&](std::int64_t i) { return sorted[i]; };
    auto plan = detail::make_plan<2>(Shape{count}, {out.bytes(), keys.bytes()},
                                     {Shape{8}, Shape{std::int64_t(sizeof(T))}});
    detail::for_each_run(plan, kSearchCost, [&](const auto& p, const auto&, std::int64_t len) {
      binary_search_keys(reinterpret_cast<const T*>(p[1]), len,
                         reinterpret_cast<std::int64_t*>(p[0]), value, n, right);
    });
  });
  return out;
}

// --- nonzero, flatnonzero, argwhere ------------------------------------------------------------

namespace {

// The coordinates of the nonzero elements of `a` (ndim >= 1) in C order, as the rows of an
// (ndim, count) int64 array. Two passes over the lanes along the last axis (in parallel
// when large): count each lane's nonzeros, then write them at the lane's offset.
Array nonzero_coordinates(const Array& a) {
  const std::int64_t ndim = a.ndim(), length = a.shape().back();
  const std::int64_t lanes = length == 0 ? 0 : a.size() / length;
  std::vector<std::int64_t> offset(lanes + 1, 0);
  Array coords;
  dispatch(a.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    detail::for_each_lane(
        a, [&](const std::byte* p, std::int64_t stride, std::int64_t n, std::int64_t lane) {
          std::int64_t count = 0;
          if (stride == std::int64_t(sizeof(T))) {  // the common case, which vectorises
            const T* x = reinterpret_cast<const T*>(p);
            for (std::int64_t i = 0; i < n; ++i) count += x[i] != T(0);
          } else {
            for (std::int64_t i = 0; i < n; ++i) count += load<T>(p, i, stride) != T(0);
          }
          offset[lane + 1] = count;
        });
    std::partial_sum(offset.begin(), offset.end(), offset.begin());
    const std::int64_t total = offset.back();
    coords = empty({ndim, total}, int64);
    std::int64_t* c = coords.data<std::int64_t>();
    detail::for_each_lane(
        a, [&](const std::byte* p, std::int64_t stride, std::int64_t, std::int64_t lane) {
          const std::int64_t begin = offset[lane], end = offset[lane + 1];
          // The last axis: write every index, advance only past nonzeros (no branch to
          // mispredict), and stop once the lane's nonzeros are all found.
          std::int64_t* last = c + (ndim - 1) * total;
          for (std::int64_t i = 0, k = begin; k < end; ++i) {
            last[k] = i;
            k += load<T>(p, i, stride) != T(0);
          }
          // The leading axes: this lane's index, the same for all its nonzeros.
          for (std::int64_t d = ndim - 1, rest = lane; d-- > 0;) {
            std::fill(c + d * total + begin, c + d * total + end, rest % a.shape()[d]);
            rest /= a.shape()[d];
          }
        });
  });
  return coords;
}

void warn_nonzero_0d() {
  static std::once_flag once;
  std::call_once(once, [] {
    std::cerr << "DeprecationWarning: Calling nonzero on 0d arrays is deprecated, as it behaves "
                 "surprisingly. Use `atleast_1d(arr).nonzero()` if the old behavior was "
                 "intended.\n";
  });
}

}  // namespace

std::vector<Array> nonzero(const Array& a) {
  if (a.ndim() == 0) warn_nonzero_0d();
  const Array coords = nonzero_coordinates(at_least_1d(a));
  std::vector<Array> out;
  for (std::int64_t d = 0; d < coords.shape()[0]; ++d) out.push_back(coords.index({d}));
  return out;
}

Array flatnonzero(const Array& a) {
  return nonzero_coordinates(a.ravel()).index({0});
}

// NumPy's transpose(nonzero(a)): an (N, ndim) view of the (ndim, N) coordinates; a 0-d
// input gives N rows of no columns.
Array argwhere(const Array& a) {
  const Array coords = nonzero_coordinates(at_least_1d(a));
  if (a.ndim() == 0) return empty({coords.shape()[1], 0}, int64);
  return coords.T();
}

}  // namespace nd
