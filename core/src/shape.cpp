#include "ndgrad/core/shape.h"

#include <ostream>

namespace nd {

void Shape::resize(std::size_t n, std::int64_t value) {
  if (n > kInline && size_ <= kInline) {
    heap_.assign(inline_, inline_ + size_);  // move to the heap before growing past inline
  }
  if (n > kInline) {
    heap_.resize(n, value);
  } else {
    if (size_ > kInline) {
      for (std::size_t i = 0; i < n; ++i) inline_[i] = heap_[i];
      heap_.clear();
    }
    for (std::size_t i = size_; i < n; ++i) inline_[i] = value;
  }
  size_ = n;
}

void Shape::push_back(std::int64_t v) {
  resize(size_ + 1);
  data()[size_ - 1] = v;
}

void Shape::insert(std::size_t pos, std::int64_t v) {
  resize(size_ + 1);
  std::int64_t* d = data();
  for (std::size_t i = size_ - 1; i > pos; --i) d[i] = d[i - 1];
  d[pos] = v;
}

void Shape::erase(std::size_t pos) {
  std::int64_t* d = data();
  for (std::size_t i = pos; i + 1 < size_; ++i) d[i] = d[i + 1];
  resize(size_ - 1);
}

std::int64_t Shape::product() const {
  std::int64_t p = 1;
  for (std::int64_t v : *this) p *= v;
  return p;
}

bool operator==(const Shape& a, const Shape& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

namespace {
std::string join_tuple(const Shape& s, const char* separator) {
  std::string out = "(";
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0) out += separator;
    out += std::to_string(s[i]);
  }
  if (s.size() == 1) out += ",";
  return out + ")";
}
}  // namespace

std::string to_string(const Shape& s) {
  return join_tuple(s, ", ");
}
std::string shape_repr_compact(const Shape& s) {
  return join_tuple(s, ",");
}
std::ostream& operator<<(std::ostream& os, const Shape& s) {
  return os << to_string(s);
}

}  // namespace nd
