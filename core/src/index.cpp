// NumPy indexing: a.index({...}) and a.index_put({...}, value).
//
// The index list is classified first. Integers, slices, None and Ellipsis only change
// the view (offset, shape, strides). As soon as one integer or boolean array is present
// the result is a gather copy: booleans become their nonzero() integer arrays, plain
// integers count as 0-d index arrays, all index arrays are broadcast together, and the
// broadcast dims replace the indexed dims in place when those were adjacent, or go
// first otherwise (NumPy's rule).
#include <algorithm>
#include <cstring>

#include "cast.h"
#include "ndgrad/core/array.h"
#include "ndgrad/core/array_like.h"
#include "ndgrad/core/creation.h"
#include "ndgrad/core/errors.h"
#include "ndgrad/core/shape_ops.h"
#include "ndgrad/core/sorting.h"

namespace nd {

Slice::Bounds Slice::normalize(std::int64_t length) const {
  const std::int64_t st = step.value_or(1);
  if (st == 0) throw ValueError("slice step cannot be zero");
  // CPython's PySlice_AdjustIndices: negative bounds count from the end, then clamp.
  auto adjust = [&](std::optional<std::int64_t> bound, std::int64_t fallback) {
    if (!bound) return fallback;
    std::int64_t b = *bound;
    if (b < 0) return b < -length ? (st < 0 ? std::int64_t(-1) : 0) : b + length;
    return b >= length ? (st < 0 ? length - 1 : length) : b;
  };
  const std::int64_t lo = adjust(start, st < 0 ? length - 1 : 0);
  const std::int64_t hi = adjust(stop, st < 0 ? -1 : length);
  std::int64_t n = 0;
  if (st > 0 && lo < hi) n = (hi - lo - 1) / st + 1;
  if (st < 0 && hi < lo) n = (lo - hi - 1) / (-st) + 1;
  return {lo, hi, st, n};
}

Index::Index(bool b) : item_(std::make_shared<const Array>(scalar(b))) {}
Index::Index(const Array& a) : item_(std::make_shared<const Array>(a)) {}

namespace {

std::string out_of_bounds(std::int64_t index, std::int64_t axis, std::int64_t size) {
  return "index " + std::to_string(index) + " is out of bounds for axis " + std::to_string(axis) +
         " with size " + std::to_string(size);
}

// Indices of the True elements, one int64 array per dimension (C order).
std::vector<Array> mask_to_indices(const Array& mask) { return nonzero(mask); }

// The index list after the first pass: Ellipsis expanded into slices, booleans turned
// into integer arrays, and (when any array is present) integers into 0-d arrays.
struct Item {
  enum Kind { kInteger, kSlice, kNewAxis, kArray } kind;
  std::int64_t integer = 0;
  Slice slice;
  Array array;                // kArray: int64 indices
  std::int64_t axis = 0;      // the original axis this item indexes (for messages)
  bool new_axis = false;      // a 0-d boolean's array, which indexes an axis it adds itself
  bool from_integer = false;  // a plain integer, turned into a 0-d array
};

std::vector<Item> expand_index(const Array& a, const std::vector<Index>& indices) {
  std::int64_t consumed = 0, ellipses = 0;
  bool any_array = false;
  for (const Index& idx : indices) {
    if (idx.is_ellipsis()) {
      ++ellipses;
    } else if (idx.is_array()) {
      const Array& arr = idx.array();
      if (!is_integer(arr.dtype()) && !is_bool(arr.dtype()))
        throw IndexError("arrays used as indices must be of integer (or boolean) type");
      consumed += is_bool(arr.dtype()) ? arr.ndim() : 1;
      any_array = true;
    } else if (!idx.is_none()) {
      ++consumed;
    }
  }
  if (ellipses > 1) throw IndexError("an index can only have a single ellipsis ('...')");
  if (consumed > a.ndim())
    throw IndexError("too many indices for array: array is " + std::to_string(a.ndim()) +
                     "-dimensional, but " + std::to_string(consumed) + " were indexed");

  std::vector<Item> items;
  std::int64_t axis = 0;
  auto full_slices = [&](std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i) items.push_back({Item::kSlice, 0, Slice(), {}, axis++});
  };
  for (const Index& idx : indices) {
    if (idx.is_ellipsis()) {
      full_slices(a.ndim() - consumed);
    } else if (idx.is_none()) {
      items.push_back({Item::kNewAxis, 0, Slice(), {}, axis});
    } else if (idx.is_slice()) {
      items.push_back({Item::kSlice, 0, idx.slice(), {}, axis++});
    } else if (idx.is_integer()) {
      if (any_array)
        items.push_back({Item::kArray, 0, Slice(), scalar(idx.integer()), axis++, false, true});
      else
        items.push_back({Item::kInteger, idx.integer(), Slice(), {}, axis++});
    } else if (!is_bool(idx.array().dtype())) {
      items.push_back({Item::kArray, 0, Slice(), idx.array().astype(int64), axis++});
    } else if (idx.array().ndim() == 0) {
      // A 0-d boolean adds a new axis that it selects all (True) or nothing (False) of.
      std::int64_t n = idx.array().item<bool>() ? 1 : 0;
      items.push_back({Item::kArray, 0, Slice(), zeros({n}, int64), axis, true});
    } else {
      const Array& mask = idx.array();
      for (std::int64_t d = 0; d < mask.ndim(); ++d)
        if (mask.shape()[d] != a.shape()[axis + d])
          throw IndexError(
              "boolean index did not match indexed array along axis " + std::to_string(axis + d) +
              "; size of axis is " + std::to_string(a.shape()[axis + d]) +
              " but size of corresponding boolean axis is " + std::to_string(mask.shape()[d]));
      for (Array& ix : mask_to_indices(mask))
        items.push_back({Item::kArray, 0, Slice(), ix, axis++});
    }
  }
  full_slices(a.ndim() - axis);
  // NumPy checks plain integers after the boolean masks but before any index array.
  for (const Item& item : items) {
    if (item.kind != Item::kInteger && !item.from_integer) continue;
    const std::int64_t i =
        item.kind == Item::kInteger ? item.integer : item.array.item<std::int64_t>();
    const std::int64_t len = a.shape()[item.axis];
    if (i < -len || i >= len) throw IndexError(out_of_bounds(i, item.axis, len));
  }
  return items;
}

// Applies the integer/slice/newaxis items; array items keep their whole dim. Returns
// the view and, for each array item, the position of its dim in that view.
Array basic_view(const Array& a, std::vector<Item>& items, std::vector<std::size_t>& array_dims) {
  Shape shape, strides;
  std::int64_t offset = a.offset();
  for (Item& item : items) {
    const bool added = item.kind == Item::kNewAxis || item.new_axis;
    const std::int64_t len = added ? 1 : a.shape()[item.axis];
    const std::int64_t stride = added ? 0 : a.strides()[item.axis];
    switch (item.kind) {
      case Item::kInteger: {
        std::int64_t i = item.integer;
        if (i < -len || i >= len) throw IndexError(out_of_bounds(i, item.axis, len));
        offset += (i < 0 ? i + len : i) * stride;
        break;
      }
      case Item::kSlice: {
        Slice::Bounds b = item.slice.normalize(len);
        if (b.length > 0) offset += b.start * stride;
        shape.push_back(b.length);
        strides.push_back(stride * b.step);
        break;
      }
      case Item::kNewAxis:
        shape.push_back(1);
        strides.push_back(0);
        break;
      case Item::kArray:
        array_dims.push_back(shape.size());
        shape.push_back(len);
        strides.push_back(stride);
        break;
    }
  }
  return a.as_strided(shape, strides, offset);
}

// Byte offsets, in C order, of the elements of a (shape, strides) block.
std::vector<std::int64_t> block_offsets(const Shape& shape, const Shape& strides) {
  std::vector<std::int64_t> out{0};
  for (std::size_t d = 0; d < shape.size(); ++d) {
    std::vector<std::int64_t> next;
    next.reserve(out.size() * shape[d]);
    for (std::int64_t base : out)
      for (std::int64_t i = 0; i < shape[d]; ++i) next.push_back(base + i * strides[d]);
    out.swap(next);
  }
  return out;
}

// Where each element of an advanced-indexing result lives in the source: the result is
// (before dims, broadcast index dims, after dims) in C order, and element (p, b, q) sits
// at view.bytes() + before[p] + gathered[b] + after[q].
struct Gather {
  Array view;
  Shape result_shape;
  std::vector<std::int64_t> before, gathered, after;
};

Gather plan_gather(const Array& a, const std::vector<Index>& indices) {
  std::vector<Item> items = expand_index(a, indices);
  std::vector<std::size_t> dims;
  Gather g{basic_view(a, items, dims), {}, {}, {}, {}};
  std::vector<Item*> arrays;
  for (Item& item : items)
    if (item.kind == Item::kArray) arrays.push_back(&item);

  std::vector<Shape> index_shapes;
  for (Item* item : arrays) index_shapes.push_back(item->array.shape());
  Shape bshape;
  try {
    bshape = broadcast_shapes(index_shapes);
  } catch (const ValueError&) {
    std::string text =
        "shape mismatch: indexing arrays could not be broadcast together with shapes ";
    for (const Shape& s : index_shapes) text += shape_repr_compact(s) + " ";
    throw IndexError(text);
  }
  const std::int64_t count = bshape.product();
  g.gathered.assign(count, 0);
  for (std::size_t k = 0; k < arrays.size(); ++k) {
    const std::int64_t len = g.view.shape()[dims[k]], stride = g.view.strides()[dims[k]];
    Array idx = ascontiguousarray(broadcast_to(arrays[k]->array, bshape));
    const std::int64_t* p = idx.data<std::int64_t>();
    for (std::int64_t b = 0; b < count; ++b) {
      std::int64_t i = p[b];
      if (i < -len || i >= len) throw IndexError(out_of_bounds(i, arrays[k]->axis, len));
      g.gathered[b] += (i < 0 ? i + len : i) * stride;
    }
  }
  // Adjacent index dims keep their place; separated ones move to the front.
  bool adjacent = dims.back() - dims.front() + 1 == dims.size();
  Shape before_shape, before_strides, after_shape, after_strides;
  for (std::size_t d = 0; d < g.view.shape().size(); ++d) {
    if (std::find(dims.begin(), dims.end(), d) != dims.end()) continue;
    bool is_before = adjacent && d < dims.front();
    (is_before ? before_shape : after_shape).push_back(g.view.shape()[d]);
    (is_before ? before_strides : after_strides).push_back(g.view.strides()[d]);
  }
  g.before = block_offsets(before_shape, before_strides);
  g.after = block_offsets(after_shape, after_strides);
  for (std::int64_t s : before_shape) g.result_shape.push_back(s);
  for (std::int64_t s : bshape) g.result_shape.push_back(s);
  for (std::int64_t s : after_shape) g.result_shape.push_back(s);
  return g;
}

// Calls copy(source_address, result_flat_index) for every element of the gather, with
// the element type fixed once by its size.
template <class Fn>
void for_each_gathered(const Gather& g, Fn&& visit) {
  std::byte* base = g.view.bytes();
  std::int64_t flat = 0;
  for (std::int64_t p : g.before)
    for (std::int64_t b : g.gathered)
      for (std::int64_t q : g.after) visit(base + p + b + q, flat++);
}

bool has_array_index(const std::vector<Index>& indices) {
  return std::any_of(indices.begin(), indices.end(), [](const Index& i) { return i.is_array(); });
}

// Drops leading length-1 dims that the value has beyond the target's rank, then checks
// that it broadcasts to `target` (NumPy's setitem rule and message).
Array broadcast_value(const Array& value, const Shape& target) {
  Array v = value;
  while (v.ndim() > std::int64_t(target.size()) && v.shape()[0] == 1) v = squeeze(v, 0);
  bool ok = v.ndim() <= std::int64_t(target.size());
  for (std::int64_t i = 0; ok && i < v.ndim(); ++i) {
    std::int64_t have = v.shape()[i], want = target[target.size() - v.ndim() + i];
    ok = have == want || have == 1;
  }
  if (!ok)
    throw ValueError("could not broadcast input array from shape " +
                     shape_repr_compact(value.shape()) + " into shape " +
                     shape_repr_compact(target));
  return v;
}

// a[mask] = v with one boolean mask over all dims is NumPy's fast path, with its own
// errors: v must be 0-d or 1-d, with one value or one per True element.
void check_mask_assignment(const Array& a, const std::vector<Index>& indices, const Array& v) {
  if (indices.size() != 1 || !indices[0].is_array()) return;
  const Array& mask = indices[0].array();
  if (!is_bool(mask.dtype()) || mask.ndim() != a.ndim() || a.ndim() == 0) return;
  if (v.ndim() > 1)
    throw ValueError(
        "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input "
        "has " +
        std::to_string(v.ndim()) + " dimensions");
  const std::int64_t selected = mask_to_indices(mask)[0].size();
  if (v.size() != 1 && v.size() != selected)
    throw ValueError("NumPy boolean array indexing assignment cannot assign " +
                     std::to_string(v.size()) + " input values to the " +
                     std::to_string(selected) + " output values where the mask is true");
}

}  // namespace

Array Array::index(const std::vector<Index>& indices) const {
  if (!has_array_index(indices)) {
    std::vector<Item> items = expand_index(*this, indices);
    std::vector<std::size_t> unused;
    return basic_view(*this, items, unused);
  }
  Gather g = plan_gather(*this, indices);
  Array out = empty(g.result_shape, dtype_);
  dispatch(dtype_, [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* dst = out.data<T>();
    for_each_gathered(
        g, [dst](std::byte* src, std::int64_t i) { dst[i] = *reinterpret_cast<const T*>(src); });
  });
  return out;
}

void Array::index_put(const std::vector<Index>& indices, const ArrayLike& value) const {
  if (!writeable_) throw ValueError("assignment destination is read-only");
  Array v = value.as_dtype(dtype_);
  if (!has_array_index(indices)) {
    Array target = index(indices);
    detail::assign(target, broadcast_value(v, target.shape()));
    return;
  }
  check_mask_assignment(*this, indices, v);
  Gather g = plan_gather(*this, indices);
  // A contiguous copy of the value also protects against it overlapping the target.
  Array values = broadcast_to(broadcast_value(v, g.result_shape), g.result_shape).copy();
  dispatch(dtype_, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* src = values.data<T>();
    for_each_gathered(
        g, [src](std::byte* dst, std::int64_t i) { *reinterpret_cast<T*>(dst) = src[i]; });
  });
}

}  // namespace nd
