#include "cast.h"

#include <cstring>

#include "iteration.h"
#include "ndgrad/core/errors.h"

namespace nd::detail {

namespace {

template <class D, class S>
void assign_run(std::byte* dst, std::int64_t dst_step, const std::byte* src, std::int64_t src_step,
                std::int64_t n) {
  if (dst_step == sizeof(D) && src_step == sizeof(S)) {
    D* d = reinterpret_cast<D*>(dst);
    const S* s = reinterpret_cast<const S*>(src);
    if constexpr (std::is_same_v<D, S>) {
      std::memcpy(d, s, n * sizeof(D));
    } else {
      for (std::int64_t i = 0; i < n; ++i) d[i] = convert<D>(s[i]);
    }
  } else if (src_step == 0) {
    const D v = convert<D>(*reinterpret_cast<const S*>(src));
    for (std::int64_t i = 0; i < n; ++i) *reinterpret_cast<D*>(dst + i * dst_step) = v;
  } else {
    for (std::int64_t i = 0; i < n; ++i)
      *reinterpret_cast<D*>(dst + i * dst_step) =
          convert<D>(*reinterpret_cast<const S*>(src + i * src_step));
  }
}

}  // namespace

void assign(const Array& dst, const Array& src_in) {
  Array src = src_in;
  if (src.storage() == dst.storage() && may_share_memory(dst, src)) src = src.copy();
  const Shape src_strides = broadcast_strides(src, dst.shape());
  auto plan = make_plan<2>(dst.shape(), {dst.bytes(), src.bytes()}, {dst.strides(), src_strides});
  dispatch(dst.dtype(), [&](auto dst_tag) {
    dispatch(src.dtype(), [&](auto src_tag) {
      using D = typename decltype(dst_tag)::type;
      using S = typename decltype(src_tag)::type;
      for_each_run(plan, 1, [](const auto& p, const auto& step, std::int64_t n) {
        assign_run<D, S>(p[0], step[0], p[1], step[1], n);
      });
    });
  });
}

}  // namespace nd::detail
