#include "ndgrad/core/creation.h"

#include <cmath>
#include <limits>

#include "cast.h"
#include "ndgrad/core/array_like.h"
#include "ndgrad/core/errors.h"
#include "ndgrad/core/shape_ops.h"

namespace nd {

Array empty(const Shape& shape, DType dtype) {
  for (std::int64_t d : shape)
    if (d < 0) throw ValueError("negative dimensions are not allowed");
  const std::int64_t item = itemsize(dtype);
  // NumPy gives a newly allocated empty array all-zero strides.
  Shape strides = shape.product() == 0 ? Shape(shape.size(), 0) : c_strides(shape, item);
  return Array(Storage::allocate(shape.product() * item), dtype, shape, strides, 0);
}

Array full(const Shape& shape, const ArrayLike& value, std::optional<DType> dtype) {
  Array out = empty(shape, dtype.value_or(value.array().dtype()));
  detail::assign(out, value.as_dtype(out.dtype()));
  return out;
}

Array zeros(const Shape& shape, DType dtype) {
  return full(shape, 0, dtype);
}
Array ones(const Shape& shape, DType dtype) {
  return full(shape, 1, dtype);
}

Array empty_like(const Array& a, std::optional<DType> dtype) {
  return empty(a.shape(), dtype.value_or(a.dtype()));
}
Array zeros_like(const Array& a, std::optional<DType> dtype) {
  return zeros(a.shape(), dtype.value_or(a.dtype()));
}
Array ones_like(const Array& a, std::optional<DType> dtype) {
  return ones(a.shape(), dtype.value_or(a.dtype()));
}
Array full_like(const Array& a, const ArrayLike& value, std::optional<DType> dtype) {
  return full(a.shape(), value, dtype.value_or(a.dtype()));
}

Array eye(std::int64_t N, std::optional<std::int64_t> M, std::int64_t k, DType dtype) {
  const std::int64_t cols = M.value_or(N);
  Array out = zeros({N, cols}, dtype);
  dispatch(dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* p = out.data<T>();
    for (std::int64_t i = std::max<std::int64_t>(0, -k); i < N && i + k < cols; ++i)
      p[i * cols + i + k] = T(1);
  });
  return out;
}

Array identity(std::int64_t n, DType dtype) {
  return eye(n, n, 0, dtype);
}

namespace detail {

namespace {
// NumPy's fill for arange: the first two values are computed from the bounds, every
// later one as first + i * (second - first) in the result dtype.
template <class T>
void arange_fill(T* out, std::int64_t n, double first, double second) {
  if (n == 0) return;
  const T a0 = convert<T>(first);
  if constexpr (std::is_same_v<T, bool>) {
    for (std::int64_t i = 0; i < n; ++i) out[i] = i == 0 ? a0 : convert<T>(second);
  } else {
    const T delta = T(convert<T>(second) - a0);
    for (std::int64_t i = 0; i < n; ++i) out[i] = T(a0 + T(i) * delta);
  }
}
}  // namespace

Array arange(double start, double stop, double step, DType dtype) {
  if (step == 0) throw ValueError("division by zero");
  double length = std::ceil((stop - start) / step);
  if (!(length < 9.2e18)) throw ValueError("Maximum allowed size exceeded");
  Array out = empty({length > 0 ? std::int64_t(length) : 0}, dtype);
  dispatch(dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    arange_fill<T>(out.data<T>(), out.size(), start, start + step);
  });
  return out;
}

Array arange_int(std::int64_t start, std::int64_t stop, std::int64_t step, DType dtype) {
  if (step == 0) throw ValueError("division by zero");
  std::int64_t span = stop - start;
  std::int64_t length = span / step + ((span % step != 0) && ((span < 0) == (step < 0)));
  Array out = empty({std::max<std::int64_t>(length, 0)}, dtype);
  dispatch(dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* p = out.data<T>();
    if constexpr (std::is_floating_point_v<T>) {
      arange_fill<T>(p, out.size(), double(start), double(start + step));
    } else {
      for (std::int64_t i = 0; i < out.size(); ++i) p[i] = convert<T>(start + i * step);
    }
  });
  return out;
}

// NumPy 1.24's linspace, step for step, so that values match to the last bit.
Array linspace(double start, double stop, std::int64_t num, bool endpoint, DType dtype) {
  if (num < 0)
    throw ValueError("Number of samples, " + std::to_string(num) + ", must be non-negative.");
  const std::int64_t div = endpoint ? num - 1 : num;
  const double delta = stop - start;
  const double step = div > 0 ? delta / div : std::nan("");
  Array y = empty({num}, float64);
  double* p = y.data<double>();
  for (std::int64_t i = 0; i < num; ++i) {
    double v = double(i);
    if (div > 0 && step == 0)
      v = v / double(div) * delta;
    else if (div > 0)
      v = v * step;
    else
      v = v * delta;
    p[i] = v + start;
  }
  if (endpoint && num > 1) p[num - 1] = stop;
  if (is_integer(dtype) || is_bool(dtype))
    for (std::int64_t i = 0; i < num; ++i) p[i] = std::floor(p[i]);
  return dtype == float64 ? y : y.astype(dtype);
}

void check_list_length(std::size_t depth, std::size_t length, Shape& shape, bool first) {
  if (first && depth == shape.size()) {
    shape.push_back(static_cast<std::int64_t>(length));
    return;
  }
  if (depth >= shape.size() || shape[depth] != std::int64_t(length)) {
    Shape detected(shape.begin(), shape.begin() + std::min(depth, shape.size()));
    throw ValueError(
        "setting an array element with a sequence. The requested array has an inhomogeneous "
        "shape after " +
        std::to_string(depth) + " dimensions. The detected shape was " + to_string(detected) +
        " + inhomogeneous part.");
  }
}

template <class T>
Array from_flat(const std::vector<T>& flat, const Shape& shape, std::optional<DType> dtype) {
  if (std::int64_t(flat.size()) != shape.product())
    throw ValueError("cannot reshape array of size " + std::to_string(flat.size()) +
                     " into shape " + shape_repr_compact(shape));
  constexpr DType natural = default_dtype_for<T>();
  using Natural = cpp_type_t<natural>;
  Array out = empty(shape, natural);
  Natural* p = out.data<Natural>();
  for (std::size_t i = 0; i < flat.size(); ++i) p[i] = static_cast<Natural>(flat[i]);
  if (!dtype || *dtype == natural) return out;
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    // Python ints given with a narrower integer dtype must fit (NumPy 2's rule).
    if (is_integer(*dtype))
      for (std::size_t i = 0; i < flat.size(); ++i) ArrayLike(p[i]).as_dtype(*dtype);
  }
  return out.astype(*dtype);
}

#define NDGRAD_INSTANTIATE_FROM_FLAT(T) \
  template Array from_flat<T>(const std::vector<T>&, const Shape&, std::optional<DType>);
NDGRAD_INSTANTIATE_FROM_FLAT(bool)
NDGRAD_INSTANTIATE_FROM_FLAT(char)
NDGRAD_INSTANTIATE_FROM_FLAT(signed char)
NDGRAD_INSTANTIATE_FROM_FLAT(unsigned char)
NDGRAD_INSTANTIATE_FROM_FLAT(short)
NDGRAD_INSTANTIATE_FROM_FLAT(unsigned short)
NDGRAD_INSTANTIATE_FROM_FLAT(int)
NDGRAD_INSTANTIATE_FROM_FLAT(unsigned int)
NDGRAD_INSTANTIATE_FROM_FLAT(long)
NDGRAD_INSTANTIATE_FROM_FLAT(unsigned long)
NDGRAD_INSTANTIATE_FROM_FLAT(long long)
NDGRAD_INSTANTIATE_FROM_FLAT(unsigned long long)
NDGRAD_INSTANTIATE_FROM_FLAT(float)
NDGRAD_INSTANTIATE_FROM_FLAT(double)
NDGRAD_INSTANTIATE_FROM_FLAT(long double)
#undef NDGRAD_INSTANTIATE_FROM_FLAT

std::vector<Array> meshgrid(const std::vector<Array>& xs, const std::string& indexing) {
  if (indexing != "xy" && indexing != "ij")
    throw ValueError("Valid values for `indexing` are 'xy' and 'ij'.");
  const std::size_t n = xs.size();
  std::vector<Array> shaped;
  for (std::size_t i = 0; i < n; ++i) {
    Shape s(n, 1);
    s[i] = -1;
    if (indexing == "xy" && n > 1 && i < 2) s[i] = 1, s[1 - i] = -1;
    shaped.push_back(xs[i].reshape(s));
  }
  std::vector<Array> out;
  for (const Array& b : broadcast_arrays(shaped)) out.push_back(b.copy());
  return out;
}

}  // namespace detail

Array array(const Array& a, std::optional<DType> dtype) {
  return a.astype(dtype.value_or(a.dtype()));
}

namespace {
// Zeroes the elements of each trailing (rows x cols) matrix of the C-contiguous `out`
// for which `drop(row, col)` holds.
template <class Drop>
Array triangle(const Array& m, Drop drop) {
  Array out = m.ndim() == 1 ? broadcast_to(m, {m.shape()[0], m.shape()[0]}).copy() : m.copy();
  if (out.ndim() < 2) throw ValueError("tril/triu requires an array of at least one dimension");
  const std::int64_t rows = out.shape()[out.ndim() - 2], cols = out.shape()[out.ndim() - 1];
  const std::int64_t batch = rows * cols == 0 ? 0 : out.size() / (rows * cols);
  dispatch(out.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* p = out.data<T>();
    for (std::int64_t b = 0; b < batch; ++b)
      for (std::int64_t i = 0; i < rows; ++i)
        for (std::int64_t j = 0; j < cols; ++j)
          if (drop(i, j)) p[(b * rows + i) * cols + j] = T(0);
  });
  return out;
}
}  // namespace

Array tril(const Array& m, std::int64_t k) {
  return triangle(m, [k](std::int64_t i, std::int64_t j) { return j > i + k; });
}
Array triu(const Array& m, std::int64_t k) {
  return triangle(m, [k](std::int64_t i, std::int64_t j) { return j < i + k; });
}

}  // namespace nd
