// The iteration plan: how every elementwise kernel walks its operands (internal header).
//
// NumPy's nditer, simplified. Given operands that already share one broadcast shape
// (byte stride 0 on broadcast dims), make_plan drops length-1 dims, orders the axes so
// the smallest strides are innermost, turns all-negative axes around, and merges
// adjacent axes that every operand walks contiguously. A C-contiguous 3-D add becomes
// one flat loop. for_each_run then hands the kernel one innermost run at a time,
// (pointers, inner byte strides, length), splitting the flat range across OpenMP
// threads when the work is large enough to pay for them.
#pragma once

#include <omp.h>

#include <array>
#include <cstddef>
#include <cstdint>

#include "ndgrad/core/array.h"

namespace nd::detail {

template <int N>
struct LoopPlan {
  Shape shape;                        // outermost first; empty for a single element
  std::array<Shape, N> strides;       // byte strides of each operand along `shape`
  std::array<std::byte*, N> pointer;  // each operand's first element
  std::int64_t size = 1;              // number of elements
};

// Work (elements x relative cost) below which a loop stays on one thread: an empty
// parallel region costs ~0.5 us here, about 4K additions.
inline constexpr std::int64_t kParallelWork = 32768;

// Builds the plan for operands that all have shape `shape` with the given byte strides.
// `may_flip` allows turning axes whose strides are all negative around (valid when the
// operation is elementwise, i.e. the order of visits does not matter).
template <int N>
LoopPlan<N> make_plan(const Shape& shape, const std::array<std::byte*, N>& pointers,
                      const std::array<Shape, N>& strides, bool may_flip = true) {
  LoopPlan<N> plan;
  plan.pointer = pointers;
  plan.size = shape.product();
  if (plan.size == 0) return plan;

  // Keep the axes longer than 1, in an order where operand 0 decides first.
  Shape axes;
  for (std::size_t d = 0; d < shape.size(); ++d)
    if (shape[d] != 1) axes.push_back(static_cast<std::int64_t>(d));
  auto outer_than = [&](std::int64_t a, std::int64_t b) {
    for (int k = 0; k < N; ++k) {
      std::int64_t sa = strides[k][a] < 0 ? -strides[k][a] : strides[k][a];
      std::int64_t sb = strides[k][b] < 0 ? -strides[k][b] : strides[k][b];
      if (sa != 0 && sb != 0 && sa != sb) return sa > sb;
    }
    return false;
  };
  for (std::size_t i = 1; i < axes.size(); ++i)  // stable insertion sort
    for (std::size_t j = i; j > 0 && outer_than(axes[j], axes[j - 1]); --j)
      std::swap(axes[j], axes[j - 1]);

  for (std::int64_t axis : axes) {
    plan.shape.push_back(shape[axis]);
    for (int k = 0; k < N; ++k) plan.strides[k].push_back(strides[k][axis]);
  }
  if (may_flip) {
    for (std::size_t d = 0; d < plan.shape.size(); ++d) {
      bool any_negative = false, any_positive = false;
      for (int k = 0; k < N; ++k) {
        any_negative |= plan.strides[k][d] < 0;
        any_positive |= plan.strides[k][d] > 0;
      }
      if (!any_negative || any_positive) continue;
      for (int k = 0; k < N; ++k) {
        plan.pointer[k] += (plan.shape[d] - 1) * plan.strides[k][d];
        plan.strides[k][d] = -plan.strides[k][d];
      }
    }
  }
  // Merge axis d into d-1 when every operand steps over d exactly once per step of d-1.
  for (std::size_t d = plan.shape.size(); d-- > 1;) {
    bool mergeable = true;
    for (int k = 0; k < N; ++k)
      mergeable &= plan.strides[k][d - 1] == plan.strides[k][d] * plan.shape[d];
    if (!mergeable) continue;
    plan.shape[d - 1] *= plan.shape[d];
    plan.shape.erase(d);
    for (int k = 0; k < N; ++k) {
      plan.strides[k][d - 1] = plan.strides[k][d];
      plan.strides[k].erase(d);
    }
  }
  return plan;
}

// Calls run(pointers, inner_strides, n) over elements [begin, end) of the plan's
// C-order traversal.
template <int N, class Run>
void run_range(const LoopPlan<N>& plan, std::int64_t begin, std::int64_t end, Run& run) {
  if (begin >= end) return;
  const std::size_t ndim = plan.shape.size();
  if (ndim == 0) {
    std::array<std::int64_t, N> zero{};
    run(plan.pointer, zero, std::int64_t{1});
    return;
  }
  const std::size_t inner = ndim - 1;
  // Seek the coordinates of `begin`.
  Shape coord(ndim);
  std::array<std::byte*, N> ptr = plan.pointer;
  std::int64_t rest = begin;
  for (std::size_t d = ndim; d-- > 0;) {
    coord[d] = rest % plan.shape[d];
    rest /= plan.shape[d];
    for (int k = 0; k < N; ++k) ptr[k] += coord[d] * plan.strides[k][d];
  }
  std::array<std::int64_t, N> inner_stride;
  for (int k = 0; k < N; ++k) inner_stride[k] = plan.strides[k][inner];

  std::int64_t remaining = end - begin;
  while (remaining > 0) {
    std::int64_t n = std::min(plan.shape[inner] - coord[inner], remaining);
    run(ptr, inner_stride, n);
    remaining -= n;
    if (remaining == 0) break;
    // Step to the start of the next run: back to column 0, then carry outwards.
    for (int k = 0; k < N; ++k) ptr[k] -= coord[inner] * inner_stride[k];
    coord[inner] = 0;
    for (std::size_t d = inner; d-- > 0;) {
      for (int k = 0; k < N; ++k) ptr[k] += plan.strides[k][d];
      if (++coord[d] < plan.shape[d]) break;
      for (int k = 0; k < N; ++k) ptr[k] -= coord[d] * plan.strides[k][d];
      coord[d] = 0;
    }
  }
}

// True when some operand walks the second-innermost axis with a smaller stride than the
// innermost one (a.T + b): a row-by-row walk would then touch a new cache line per
// element of that operand.
template <int N>
bool layouts_conflict(const LoopPlan<N>& plan) {
  const std::size_t n = plan.shape.size();
  if (n < 2) return false;
  for (int k = 0; k < N; ++k) {
    std::int64_t inner = plan.strides[k][n - 1], next = plan.strides[k][n - 2];
    inner = inner < 0 ? -inner : inner;
    next = next < 0 ? -next : next;
    if (next != 0 && next < inner) return true;
  }
  return false;
}

// Walks the two innermost axes in square tiles so that every operand reuses the cache
// lines it loads, whichever of the two axes is contiguous for it. Tiles are independent
// jobs (elementwise work only), spread across threads.
template <int N, class Run>
void run_tiled(const LoopPlan<N>& plan, std::int64_t cost_per_element, Run& run) {
  constexpr std::int64_t kTile = 32;
  const std::size_t n = plan.shape.size();
  const std::int64_t rows = plan.shape[n - 2], cols = plan.shape[n - 1];
  const std::int64_t row_tiles = (rows + kTile - 1) / kTile, col_tiles = (cols + kTile - 1) / kTile;
  const std::int64_t outer = plan.size / (rows * cols);
  const std::int64_t jobs = outer * row_tiles * col_tiles;
  std::array<std::int64_t, N> inner_stride;
  for (int k = 0; k < N; ++k) inner_stride[k] = plan.strides[k][n - 1];
  auto job = [&](std::int64_t j, Run& local) {
    const std::int64_t c0 = (j % col_tiles) * kTile, r0 = (j / col_tiles % row_tiles) * kTile;
    std::int64_t o = j / (col_tiles * row_tiles);
    std::array<std::byte*, N> base = plan.pointer;
    for (std::size_t d = n - 2; d-- > 0;) {
      for (int k = 0; k < N; ++k) base[k] += (o % plan.shape[d]) * plan.strides[k][d];
      o /= plan.shape[d];
    }
    const std::int64_t width = std::min(kTile, cols - c0);
    for (std::int64_t r = r0; r < std::min(r0 + kTile, rows); ++r) {
      std::array<std::byte*, N> p;
      for (int k = 0; k < N; ++k)
        p[k] = base[k] + r * plan.strides[k][n - 2] + c0 * plan.strides[k][n - 1];
      local(p, inner_stride, width);
    }
  };
  const bool parallel = !omp_in_parallel() && omp_get_max_threads() > 1 &&
                        plan.size * cost_per_element >= kParallelWork;
#pragma omp parallel if (parallel)
  {
    Run local = run;
#pragma omp for schedule(static)
    for (std::int64_t j = 0; j < jobs; ++j) job(j, local);
  }
}

// Runs the whole plan, in parallel when size x cost_per_element is large. Each thread
// takes one contiguous chunk of the flat range, so results do not depend on timing.
template <int N, class Run>
void for_each_run(const LoopPlan<N>& plan, std::int64_t cost_per_element, Run run) {
  if (plan.size == 0) return;
  if (plan.size >= 4096 && layouts_conflict(plan)) {
    run_tiled(plan, cost_per_element, run);
    return;
  }
  int threads = omp_in_parallel() ? 1 : omp_get_max_threads();
  if (threads <= 1 || plan.size * cost_per_element < kParallelWork) {
    run_range(plan, 0, plan.size, run);
    return;
  }
#pragma omp parallel num_threads(threads)
  {
    std::int64_t t = omp_get_thread_num(), nt = omp_get_num_threads();
    std::int64_t chunk = (plan.size + nt - 1) / nt;
    Run local = run;
    run_range(plan, std::min(plan.size, t * chunk), std::min(plan.size, (t + 1) * chunk), local);
  }
}

// Calls fn(first_element, byte_stride, length, lane_index) for every 1-D lane of `a`
// along its last axis (lane_index counts lanes in C order), spreading lanes across
// threads when there is enough work. Sorting, scans and arg-reductions are written
// per lane.
template <class Fn>
void for_each_lane(const Array& a, Fn&& fn, std::int64_t cost_per_element = 1) {
  if (a.ndim() == 0) {
    fn(a.bytes(), std::int64_t{0}, std::int64_t{1}, std::int64_t{0});
    return;
  }
  const std::int64_t length = a.shape().back(), stride = a.strides().back();
  const std::int64_t lanes = length == 0 ? 0 : a.size() / length;
  const std::size_t outer = a.shape().size() - 1;
  auto lane_start = [&](std::int64_t lane) {
    std::byte* p = a.bytes();
    for (std::size_t d = outer; d-- > 0;) {
      p += (lane % a.shape()[d]) * a.strides()[d];
      lane /= a.shape()[d];
    }
    return p;
  };
  const bool parallel = lanes > 1 && !omp_in_parallel() && omp_get_max_threads() > 1 &&
                        a.size() * cost_per_element >= kParallelWork;
#pragma omp parallel for schedule(static) if (parallel)
  for (std::int64_t lane = 0; lane < lanes; ++lane) fn(lane_start(lane), stride, length, lane);
}

// Byte strides of `a` seen as an operand of broadcast shape `shape` (0 on the dims it is
// broadcast along). The caller has checked that the shapes are compatible.
Shape broadcast_strides(const Array& a, const Shape& shape);

// A new array of `shape`/`dtype` whose memory order follows `like` when `like` has the
// same shape (NumPy's order='K'), so exp(a.T) is computed without a transposing walk.
Array empty_like_layout(const Shape& shape, DType dtype, const Array* like);

}  // namespace nd::detail
