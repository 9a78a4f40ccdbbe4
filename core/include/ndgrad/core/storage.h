// The memory behind arrays. One Storage is shared by an array and all its views; it
// either owns a 64-byte aligned buffer or wraps memory that somebody else owns.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

namespace nd {

class Storage {
 public:
  // An owned, 64-byte aligned, uninitialised buffer of `nbytes` bytes.
  static std::shared_ptr<Storage> allocate(std::size_t nbytes);
  // Wraps foreign memory; `release` runs when the last array using it goes away.
  static std::shared_ptr<Storage> wrap(void* data, std::size_t nbytes,
                                       std::function<void(void*)> release = {});

  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;
  ~Storage();

  std::byte* data() const { return data_; }
  std::size_t nbytes() const { return nbytes_; }

 private:
  Storage(std::byte* data, std::size_t nbytes, std::function<void(void*)> release)
      : data_(data), nbytes_(nbytes), release_(std::move(release)) {}

  std::byte* data_;
  std::size_t nbytes_;
  std::function<void(void*)> release_;
};

}  // namespace nd
