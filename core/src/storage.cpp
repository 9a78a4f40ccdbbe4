#include "ndgrad/core/storage.h"

#include <cstdlib>
#include <new>

namespace nd {

namespace {
constexpr std::size_t kAlignment = 64;  // a cache line, and enough for any SIMD width
}

std::shared_ptr<Storage> Storage::allocate(std::size_t nbytes) {
  // aligned_alloc needs a size that is a multiple of the alignment, and never 0.
  std::size_t rounded = (nbytes + kAlignment - 1) / kAlignment * kAlignment;
  if (rounded == 0) rounded = kAlignment;
  void* p = std::aligned_alloc(kAlignment, rounded);
  if (p == nullptr) throw std::bad_alloc();
  return std::shared_ptr<Storage>(
      new Storage(static_cast<std::byte*>(p), nbytes, [](void* q) { std::free(q); }));
}

std::shared_ptr<Storage> Storage::wrap(void* data, std::size_t nbytes,
                                       std::function<void(void*)> release) {
  return std::shared_ptr<Storage>(
      new Storage(static_cast<std::byte*>(data), nbytes, std::move(release)));
}

Storage::~Storage() {
  if (release_) release_(data_);
}

}  // namespace nd
