// nd::Shape: a short list of int64 (dimensions, byte strides or axes) that keeps up to
// six entries inline, so the metadata of a typical array never touches the heap.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <string>
#include <vector>

namespace nd {

class Shape {
 public:
  static constexpr std::size_t kInline = 6;

  Shape() = default;
  Shape(std::initializer_list<std::int64_t> values) : Shape(values.begin(), values.end()) {}
  explicit Shape(std::size_t n, std::int64_t value = 0) { resize(n, value); }
  template <class It>
  Shape(It first, It last) {
    for (; first != last; ++first) push_back(static_cast<std::int64_t>(*first));
  }
  explicit Shape(const std::vector<std::int64_t>& values) : Shape(values.begin(), values.end()) {}

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::int64_t* data() { return size_ <= kInline ? inline_ : heap_.data(); }
  const std::int64_t* data() const { return size_ <= kInline ? inline_ : heap_.data(); }
  std::int64_t& operator[](std::size_t i) { return data()[i]; }
  std::int64_t operator[](std::size_t i) const { return data()[i]; }
  std::int64_t* begin() { return data(); }
  std::int64_t* end() { return data() + size_; }
  const std::int64_t* begin() const { return data(); }
  const std::int64_t* end() const { return data() + size_; }
  std::int64_t back() const { return data()[size_ - 1]; }
  std::int64_t& back() { return data()[size_ - 1]; }

  void push_back(std::int64_t v);
  void pop_back() { resize(size_ - 1); }
  void insert(std::size_t pos, std::int64_t v);
  void erase(std::size_t pos);
  void resize(std::size_t n, std::int64_t value = 0);
  void clear() { resize(0); }

  std::vector<std::int64_t> to_vector() const { return {begin(), end()}; }
  // Product of the entries (1 for an empty shape).
  std::int64_t product() const;

  friend bool operator==(const Shape& a, const Shape& b);

 private:
  std::size_t size_ = 0;
  std::int64_t inline_[kInline] = {};
  std::vector<std::int64_t> heap_;  // used once size_ exceeds kInline
};

// Python's tuple text, as print(a.shape) shows it: "(2, 3)", "(5,)", "()".
std::string to_string(const Shape& s);
std::ostream& operator<<(std::ostream& os, const Shape& s);
// NumPy's compact form used inside error messages: "(2,3)", "(5,)", "()".
std::string shape_repr_compact(const Shape& s);

}  // namespace nd
