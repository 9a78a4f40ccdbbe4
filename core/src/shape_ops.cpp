#include "ndgrad/core/shape_ops.h"

#include <algorithm>

#include "cast.h"
#include "iteration.h"
#include "ndgrad/core/creation.h"
#include "ndgrad/core/errors.h"

namespace nd {

Array reshape(const Array& a, const Shape& shape) {
  return a.reshape(shape);
}
Array ravel(const Array& a) {
  return a.ravel();
}
Array transpose(const Array& a) {
  return a.transpose();
}
Array transpose(const Array& a, const Shape& axes) {
  return a.transpose(axes);
}

Array swapaxes(const Array& a, std::int64_t axis1, std::int64_t axis2) {
  Shape axes = Axes().normalize(a.ndim());
  std::swap(axes[normalize_axis(axis1, a.ndim(), "axis1: ")],
            axes[normalize_axis(axis2, a.ndim(), "axis2: ")]);
  return a.transpose(axes);
}

Array moveaxis(const Array& a, const Axes& source, const Axes& destination) {
  Shape src = source.normalize(a.ndim()), dst = destination.normalize(a.ndim());
  if (src.size() != dst.size())
    throw ValueError("`source` and `destination` arguments must have the same number of elements");
  // Axes not moved keep their relative order and fill the places left free.
  Shape order;
  for (std::int64_t d = 0; d < a.ndim(); ++d)
    if (std::find(src.begin(), src.end(), d) == src.end()) order.push_back(d);
  std::vector<std::pair<std::int64_t, std::int64_t>> moves;
  for (std::size_t i = 0; i < src.size(); ++i) moves.emplace_back(dst[i], src[i]);
  std::sort(moves.begin(), moves.end());
  for (auto [to, from] : moves) order.insert(static_cast<std::size_t>(to), from);
  return a.transpose(order);
}

// NumPy inserts the new length-1 axes with a reshape, which never needs to copy.
Array expand_dims(const Array& a, const Axes& axis) {
  const std::int64_t out_ndim = a.ndim() + static_cast<std::int64_t>(axis.list().size());
  Shape positions = axis.normalize(out_ndim);
  Shape shape(out_ndim, 1);
  for (std::int64_t d = 0, src = 0; d < out_ndim; ++d)
    if (std::find(positions.begin(), positions.end(), d) == positions.end())
      shape[d] = a.shape()[src++];
  return a.reshape(shape);
}

Array squeeze(const Array& a, const Axes& axis) {
  Shape drop;
  if (axis.is_all()) {
    for (std::int64_t d = 0; d < a.ndim(); ++d)
      if (a.shape()[d] == 1) drop.push_back(d);
  } else {
    drop = axis.normalize(a.ndim());
    for (std::int64_t d : drop)
      if (a.shape()[d] != 1)
        throw ValueError("cannot select an axis to squeeze out which has size not equal to one");
  }
  Shape shape, strides;
  for (std::int64_t d = 0; d < a.ndim(); ++d) {
    if (std::find(drop.begin(), drop.end(), d) != drop.end()) continue;
    shape.push_back(a.shape()[d]);
    strides.push_back(a.strides()[d]);
  }
  return a.as_strided(shape, strides, a.offset());
}

Shape broadcast_shapes(const std::vector<Shape>& shapes) {
  std::size_t ndim = 0;
  for (const Shape& s : shapes) ndim = std::max(ndim, s.size());
  Shape out(ndim, 1);
  for (const Shape& s : shapes) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      std::int64_t& o = out[ndim - s.size() + i];
      if (s[i] == o || s[i] == 1) continue;
      if (o == 1) {
        o = s[i];
        continue;
      }
      std::string text = "operands could not be broadcast together with shapes ";
      for (const Shape& t : shapes) text += shape_repr_compact(t) + " ";
      throw ValueError(text);
    }
  }
  return out;
}

Array broadcast_to(const Array& a, const Shape& shape) {
  bool ok = shape.size() >= a.shape().size();
  for (std::size_t i = 0; ok && i < a.shape().size(); ++i) {
    std::int64_t have = a.shape()[i], want = shape[shape.size() - a.shape().size() + i];
    ok = have == want || have == 1;
  }
  for (std::int64_t d : shape)
    if (d < 0) throw ValueError("all elements of broadcast shape must be non-negative");
  if (!ok)
    throw ValueError(
        "operands could not be broadcast together with remapped shapes "
        "[original->remapped]: " +
        shape_repr_compact(a.shape()) + "  and requested shape " + shape_repr_compact(shape));
  Array view = a.as_strided(shape, detail::broadcast_strides(a, shape), a.offset());
  view.set_writeable(false);
  return view;
}

std::vector<Array> broadcast_arrays(const std::vector<Array>& arrays) {
  std::vector<Shape> shapes;
  for (const Array& a : arrays) shapes.push_back(a.shape());
  Shape shape = broadcast_shapes(shapes);
  std::vector<Array> out;
  for (const Array& a : arrays)
    out.push_back(a.shape() == shape
                      ? a
                      : a.as_strided(shape, detail::broadcast_strides(a, shape), a.offset()));
  return out;
}

Array ascontiguousarray(const Array& a, std::optional<DType> dtype) {
  Array b = a.ndim() == 0 ? a.reshape({1}) : a;
  if (b.is_c_contiguous() && (!dtype || *dtype == b.dtype())) return b;
  Array out = empty(b.shape(), dtype.value_or(b.dtype()));
  detail::assign(out, b);
  return out;
}

Array asfortranarray(const Array& a, std::optional<DType> dtype) {
  Array b = a.ndim() == 0 ? a.reshape({1}) : a;
  if (b.is_f_contiguous() && (!dtype || *dtype == b.dtype())) return b;
  // A C-order array of the reversed shape, seen transposed, is in Fortran order.
  Shape reversed = b.shape();
  std::reverse(reversed.begin(), reversed.end());
  Array out = empty(reversed, dtype.value_or(b.dtype())).transpose();
  detail::assign(out, b);
  return out;
}

// NumPy adds the missing axes by indexing with None (stride 0), or reshapes a 0-d array.
Array atleast_1d(const Array& a) {
  return a.ndim() >= 1 ? a : a.reshape({1});
}
Array atleast_2d(const Array& a) {
  if (a.ndim() >= 2) return a;
  return a.ndim() == 1 ? a.index({None, Slice()}) : a.reshape({1, 1});
}
Array atleast_3d(const Array& a) {
  if (a.ndim() >= 3) return a;
  if (a.ndim() == 2) return a.index({Slice(), Slice(), None});
  if (a.ndim() == 1) return a.index({None, Slice(), None});
  return a.reshape({1, 1, 1});
}

}  // namespace nd
