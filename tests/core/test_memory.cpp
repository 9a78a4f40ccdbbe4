// The allocator: live counts return to where they were, large buffers are reused.
#include "support/test_support.h"

namespace {

TEST(Memory, LiveBuffersReturnToBaseline) {
  const nd::MemoryStats before = nd::memory_stats();
  {
    nd::Array a = nd::zeros({1000, 1000});
    nd::Array b = a + 1;
    nd::Array v = b.index({nd::Slice(1, 5)});  // a view holds no new buffer
    EXPECT_EQ(nd::memory_stats().live_buffers, before.live_buffers + 2);
    EXPECT_GE(nd::memory_stats().live_bytes, before.live_bytes + 2 * 8000000);
  }
  EXPECT_EQ(nd::memory_stats().live_buffers, before.live_buffers);
  EXPECT_EQ(nd::memory_stats().live_bytes, before.live_bytes);
}

TEST(Memory, LargeBuffersAreReusedFromTheCache) {
  nd::set_cache_limit(std::int64_t(1) << 30);
  { nd::Array warm = nd::empty({1 << 20}); }
  const nd::MemoryStats before = nd::memory_stats();
  for (int step = 0; step < 10; ++step) {
    nd::Array x = nd::empty({1 << 20});
    nd::Array y = x * 2.0;
  }
  const nd::MemoryStats after = nd::memory_stats();
  EXPECT_GE(after.cache_hits - before.cache_hits, 19);  // all but possibly the first
  EXPECT_LE(after.cache_misses - before.cache_misses, 1);
  EXPECT_GT(after.cached_bytes, 0);
  nd::empty_cache();
  EXPECT_EQ(nd::memory_stats().cached_bytes, 0);
}

TEST(Memory, PeakTracksTheHighestLiveSize) {
  nd::reset_peak_memory();
  const std::int64_t base = nd::memory_stats().live_bytes;
  { nd::Array big = nd::empty({4 << 20}, nd::uint8); }
  EXPECT_GE(nd::memory_stats().peak_bytes, base + (4 << 20));
  EXPECT_EQ(nd::memory_stats().live_bytes, base);
}

TEST(Memory, DisabledCacheFreesEverything) {
  nd::set_cache_limit(0);
  { nd::Array x = nd::empty({1 << 20}); }
  EXPECT_EQ(nd::memory_stats().cached_bytes, 0);
  nd::set_cache_limit(std::int64_t(1) << 30);
}

}  // namespace
