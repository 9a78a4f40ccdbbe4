// The memory behind arrays, observable. Large buffers come from a size-bucketed cache:
// a training step that frees and reallocates the same sizes reuses warm pages instead
// of asking the kernel for fresh (zeroed, faulting) ones every time.
#pragma once

#include <cstddef>
#include <cstdint>

namespace nd {

struct MemoryStats {
  std::int64_t live_buffers = 0;  // buffers currently held by arrays
  std::int64_t live_bytes = 0;    // their size
  std::int64_t peak_bytes = 0;    // the largest live_bytes seen
  std::int64_t cached_bytes = 0;  // freed large buffers kept for reuse
  std::int64_t cache_hits = 0;    // large allocations served from the cache
  std::int64_t cache_misses = 0;  // large allocations that went to the system
};

MemoryStats memory_stats();
// Returns every cached buffer to the system.
void empty_cache();
// The most bytes the cache may hold (default 1 GiB; 0 disables caching).
void set_cache_limit(std::int64_t bytes);
void reset_peak_memory();

}  // namespace nd
