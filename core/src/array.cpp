#include "ndgrad/core/array.h"

#include <algorithm>
#include <vector>

#include "cast.h"
#include "iteration.h"
#include "ndgrad/core/array_like.h"
#include "ndgrad/core/creation.h"
#include "ndgrad/core/errors.h"
#include "ndgrad/core/shape_ops.h"

namespace nd {

Shape c_strides(const Shape& shape, std::int64_t itemsize) {
  Shape strides(shape.size());
  std::int64_t step = itemsize;
  for (std::size_t d = shape.size(); d-- > 0;) {
    strides[d] = step;
    step *= std::max<std::int64_t>(shape[d], 1);
  }
  return strides;
}

Array::Array() : Array(Storage::allocate(0), DType::Float64, Shape{0}, Shape{8}, 0) {}

Array::Array(std::shared_ptr<Storage> storage, DType dtype, Shape shape, Shape strides,
             std::int64_t offset)
    : storage_(std::move(storage)),
      dtype_(dtype),
      shape_(std::move(shape)),
      strides_(std::move(strides)),
      offset_(offset) {
  if (shape_.size() != strides_.size()) throw ValueError("strides must be same length as shape");
  for (std::int64_t d : shape_)
    if (d < 0) throw ValueError("negative dimensions are not allowed");
  update_flags();
}

// NumPy's relaxed contiguity: length-1 dims never matter, and an empty array is both.
void Array::update_flags() {
  size_ = shape_.product();
  const std::int64_t item = itemsize();
  auto contiguous = [&](bool c_order) {
    if (size_ == 0) return true;
    std::int64_t expected = item;
    for (std::size_t i = 0; i < shape_.size(); ++i) {
      std::size_t d = c_order ? shape_.size() - 1 - i : i;
      if (shape_[d] == 1) continue;
      if (strides_[d] != expected) return false;
      expected *= shape_[d];
    }
    return true;
  };
  c_contiguous_ = contiguous(true);
  f_contiguous_ = contiguous(false);
}

Flags Array::flags() const {
  return Flags{c_contiguous_, f_contiguous_, base_ == nullptr, writeable_};
}

std::optional<Array> Array::base() const {
  if (!base_) return std::nullopt;
  return *base_;
}

void Array::check_element_type(DType requested) const {
  if (requested != dtype_)
    throw TypeError(std::string("array of dtype ") + name(dtype_) + " accessed as " +
                    name(requested));
}

const std::byte* Array::single_element() const {
  if (size_ != 1) throw ValueError("can only convert an array of size 1 to a Python scalar");
  return bytes();
}

Array Array::as_strided(Shape shape, Shape strides, std::int64_t offset) const {
  Array view(storage_, dtype_, std::move(shape), std::move(strides), offset);
  view.base_ = base_ ? base_ : std::make_shared<const Array>(*this);
  view.writeable_ = writeable_;
  return view;
}

Array& Array::set_writeable(bool writeable) {
  writeable_ = writeable;
  return *this;
}

Array Array::copy() const {
  Array out = empty(shape_, dtype_);
  detail::assign(out, *this);
  return out;
}

Array Array::astype(DType dtype) const {
  Array out = detail::empty_like_layout(shape_, dtype, this);
  detail::assign(out, *this);
  return out;
}

Array Array::flatten() const {
  return copy().reshape({size_});
}

Array Array::ravel() const {
  if (c_contiguous_) return as_strided({size_}, {itemsize()}, offset_);
  return flatten();
}

namespace {

// Replaces a single -1 by the length that makes the sizes match, with NumPy's errors.
Shape resolve_reshape(const Shape& requested, std::int64_t size) {
  Shape shape = requested;
  std::int64_t known = 1;
  int unknown = -1;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      if (unknown >= 0) throw ValueError("can only specify one unknown dimension");
      unknown = static_cast<int>(i);
    } else if (shape[i] < 0) {
      throw ValueError("negative dimensions not allowed");
    } else {
      known *= shape[i];
    }
  }
  bool fits = unknown >= 0 ? (known != 0 && size % known == 0) : known == size;
  if (!fits) {
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
      if (i > 0) text += ",";
      text += shape[i] < 0 ? std::string("newaxis") : std::to_string(shape[i]);
    }
    if (shape.size() == 1) text += ",";
    throw ValueError("cannot reshape array of size " + std::to_string(size) + " into shape " +
                     text + ")");
  }
  if (unknown >= 0) shape[unknown] = size / known;
  return shape;
}

// NumPy's _attempt_nocopy_reshape: new strides that walk the same memory in the new
// shape, or nullopt when the old layout cannot be expressed that way.
std::optional<Shape> nocopy_strides(const Array& a, const Shape& new_shape) {
  Shape old_dims, old_strides;
  for (std::size_t d = 0; d < a.shape().size(); ++d) {
    if (a.shape()[d] == 1) continue;
    old_dims.push_back(a.shape()[d]);
    old_strides.push_back(a.strides()[d]);
  }
  Shape strides(new_shape.size(), 0);
  std::size_t oi = 0, oj = 1, ni = 0, nj = 1;
  const std::size_t old_n = old_dims.size(), new_n = new_shape.size();
  while (ni < new_n && oi < old_n) {
    std::int64_t np_ = new_shape[ni], op = old_dims[oi];
    while (np_ != op) {
      if (np_ < op)
        np_ *= new_shape[nj++];
      else
        op *= old_dims[oj++];
    }
    for (std::size_t ok = oi; ok + 1 < oj; ++ok)
      if (old_strides[ok] != old_dims[ok + 1] * old_strides[ok + 1]) return std::nullopt;
    strides[nj - 1] = old_strides[oj - 1];
    for (std::size_t nk = nj - 1; nk > ni; --nk) strides[nk - 1] = strides[nk] * new_shape[nk];
    ni = nj++;
    oi = oj++;
  }
  std::int64_t last = ni > 0 ? strides[ni - 1] : a.itemsize();
  for (std::size_t nk = ni; nk < new_n; ++nk) strides[nk] = last;
  return strides;
}

}  // namespace

Array Array::reshape(const Shape& requested) const {
  Shape shape = resolve_reshape(requested, size_);
  if (size_ == 0 || c_contiguous_) return as_strided(shape, c_strides(shape, itemsize()), offset_);
  if (auto strides = nocopy_strides(*this, shape)) return as_strided(shape, *strides, offset_);
  Array flat = copy();
  return flat.as_strided(shape, c_strides(shape, itemsize()), 0);
}

Array Array::transpose() const {
  Shape axes(shape_.size());
  for (std::size_t d = 0; d < axes.size(); ++d) axes[d] = ndim() - 1 - std::int64_t(d);
  return transpose(axes);
}

Array Array::transpose(const Shape& axes) const {
  if (axes.size() != shape_.size()) throw ValueError("axes don't match array");
  Shape shape(axes.size()), strides(axes.size());
  std::vector<bool> used(axes.size(), false);
  for (std::size_t i = 0; i < axes.size(); ++i) {
    std::int64_t a = normalize_axis(axes[i], ndim());
    if (used[a]) throw ValueError("repeated axis in transpose");
    used[a] = true;
    shape[i] = shape_[a];
    strides[i] = strides_[a];
  }
  return as_strided(shape, strides, offset_);
}

Array scalar(std::int64_t value) {
  Array a(Storage::allocate(8), int64, {}, {}, 0);
  *a.data<std::int64_t>() = value;
  return a;
}
Array scalar(double value) {
  Array a(Storage::allocate(8), float64, {}, {}, 0);
  *a.data<double>() = value;
  return a;
}
Array scalar(bool value) {
  Array a(Storage::allocate(1), bool_, {}, {}, 0);
  *a.data<bool>() = value;
  return a;
}

namespace {

// [lowest byte, one past the highest byte] that the array's elements occupy.
std::pair<std::int64_t, std::int64_t> byte_extent(const Array& a) {
  std::int64_t lo = a.offset(), hi = a.offset();
  for (std::size_t d = 0; d < a.shape().size(); ++d) {
    std::int64_t span = (a.shape()[d] - 1) * a.strides()[d];
    (span < 0 ? lo : hi) += span;
  }
  return {lo, hi + a.itemsize()};
}

// Byte offsets (relative to the storage) of every element, sorted.
std::vector<std::int64_t> element_offsets(const Array& a) {
  std::vector<std::int64_t> out;
  out.reserve(a.size());
  Shape coord(a.shape().size(), 0);
  for (std::int64_t i = 0; i < a.size(); ++i) {
    std::int64_t off = a.offset();
    for (std::size_t d = 0; d < coord.size(); ++d) off += coord[d] * a.strides()[d];
    out.push_back(off);
    for (std::size_t d = coord.size(); d-- > 0;) {
      if (++coord[d] < a.shape()[d]) break;
      coord[d] = 0;
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

bool may_share_memory(const Array& a, const Array& b) {
  if (a.storage() != b.storage() || a.size() == 0 || b.size() == 0) return false;
  auto [alo, ahi] = byte_extent(a);
  auto [blo, bhi] = byte_extent(b);
  return alo < bhi && blo < ahi;
}

bool shares_memory(const Array& a, const Array& b) {
  if (!may_share_memory(a, b)) return false;
  if (a.is_c_contiguous() && b.is_c_contiguous()) return true;  // both fill their extents
  // Exact answer: merge the sorted element intervals of both arrays.
  std::vector<std::int64_t> ea = element_offsets(a), eb = element_offsets(b);
  std::size_t i = 0, j = 0;
  while (i < ea.size() && j < eb.size()) {
    if (ea[i] + a.itemsize() <= eb[j])
      ++i;
    else if (eb[j] + b.itemsize() <= ea[i])
      ++j;
    else
      return true;
  }
  return false;
}

}  // namespace nd
