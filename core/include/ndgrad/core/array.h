// nd::Array: NumPy's ndarray in C++. An array is a light handle: shared storage plus a
// dtype, a shape, byte strides (as NumPy's .strides reports them) and a byte offset.
// Copying an Array copies the handle, not the data, exactly as Python names share an
// ndarray; views made by basic indexing, reshape, transpose, ... share the storage.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "ndgrad/core/dtype.h"
#include "ndgrad/core/index.h"
#include "ndgrad/core/shape.h"
#include "ndgrad/core/storage.h"

namespace nd {

class ArrayLike;

struct Flags {
  bool c_contiguous;
  bool f_contiguous;
  bool owndata;
  bool writeable;
};

class Array {
 public:
  // An empty float64 array of shape (0,), so that containers and structured bindings
  // can hold arrays before they are assigned.
  Array();
  // The general constructor that every array and view goes through: `offset` and
  // `strides` are in bytes. The caller guarantees they stay inside `storage`.
  Array(std::shared_ptr<Storage> storage, DType dtype, Shape shape, Shape strides,
        std::int64_t offset);

  // --- metadata ---------------------------------------------------------------------
  DType dtype() const { return dtype_; }
  std::int64_t ndim() const { return static_cast<std::int64_t>(shape_.size()); }
  std::int64_t size() const { return size_; }
  std::int64_t itemsize() const { return nd::itemsize(dtype_); }
  std::int64_t nbytes() const { return size_ * itemsize(); }
  const Shape& shape() const { return shape_; }
  const Shape& strides() const { return strides_; }
  Flags flags() const;
  bool is_c_contiguous() const { return c_contiguous_; }
  bool is_f_contiguous() const { return f_contiguous_; }
  bool writeable() const { return writeable_; }
  // The array that owns the memory of a view (NumPy's .base), or nullopt for an owner.
  std::optional<Array> base() const;
  const std::shared_ptr<Storage>& storage() const { return storage_; }
  std::int64_t offset() const { return offset_; }

  // --- element access ---------------------------------------------------------------
  // Address of the first element (the one at index (0, 0, ...)).
  std::byte* bytes() const { return storage_->data() + offset_; }
  // Typed pointer to the first element; throws TypeError if T is not this dtype.
  template <class T>
  T* data() const {
    check_element_type(dtype_of<T>);
    return reinterpret_cast<T*>(bytes());
  }
  // The single element of a size-1 array converted to T (NumPy's a.item()).
  template <Scalar T>
  T item() const {
    const std::byte* p = single_element();
    return dispatch(dtype_, [p](auto tag) {
      using S = typename decltype(tag)::type;
      return static_cast<T>(*reinterpret_cast<const S*>(p));
    });
  }

  // --- copies and conversions ---------------------------------------------------------
  Array copy() const;                       // a C-contiguous copy that owns its data
  Array astype(DType dtype) const;          // NumPy's unsafe cast, always a new array
  Array flatten() const;                    // a 1-D copy in C order
  Array ravel() const;                      // 1-D; a view when the layout allows it
  Array reshape(const Shape& shape) const;  // -1 allowed once; a view when possible

  // --- views ------------------------------------------------------------------------
  Array transpose() const;                   // reverses the axes
  Array transpose(const Shape& axes) const;  // permutes the axes
  Array T() const { return transpose(); }
  // A view with new shape/strides/offset over the same storage; `base()` of the result
  // is this array's owner. Bounds are the caller's responsibility.
  Array as_strided(Shape shape, Shape strides, std::int64_t offset) const;
  // Marks the array (and only this handle) read-only, as broadcast_to's views are.
  Array& set_writeable(bool writeable);

  // --- indexing (NumPy's a[...] and a[...] = v) ---------------------------------------
  Array index(const std::vector<Index>& indices) const;
  // `value` is an array or a C++ scalar (see ArrayLike), broadcast to the selection
  // and cast to this array's dtype.
  void index_put(const std::vector<Index>& indices, const ArrayLike& value) const;

 private:
  void check_element_type(DType requested) const;
  const std::byte* single_element() const;
  void update_flags();

  std::shared_ptr<Storage> storage_;
  std::shared_ptr<const Array> base_;  // the owner of the memory, for views
  DType dtype_ = DType::Float64;
  Shape shape_, strides_;
  std::int64_t offset_ = 0;
  std::int64_t size_ = 0;
  bool c_contiguous_ = true, f_contiguous_ = true, writeable_ = true;
};

// A 0-d array holding `value` with the dtype NumPy gives a Python scalar of that kind
// (int64, float64 or bool).
Array scalar(std::int64_t value);
Array scalar(double value);
Array scalar(bool value);
template <Scalar T>
Array scalar_of(T value) {
  if constexpr (std::is_same_v<T, bool>)
    return scalar(value);
  else if constexpr (std::is_integral_v<T>)
    return scalar(static_cast<std::int64_t>(value));
  else
    return scalar(static_cast<double>(value));
}

// True when the two arrays have at least one byte of element memory in common
// (NumPy's exact np.shares_memory).
bool shares_memory(const Array& a, const Array& b);
// True when the memory extents overlap (a cheap, conservative test).
bool may_share_memory(const Array& a, const Array& b);

// Byte strides of a C-contiguous array of `shape` with `itemsize` bytes per element.
Shape c_strides(const Shape& shape, std::int64_t itemsize);

}  // namespace nd
