// The cost of recording: a chain of 10^5 ops on tiny tensors (8 float32 elements, so the
// math is negligible), forward and backward, timed here (median of 7 after a warm-up) and
// by bench/torch_autograd.py under Debian's PyTorch in the same run. The figure is microseconds per
// op; the ratio ndgrad / PyTorch below 1 means ag's tape is cheaper than PyTorch's eager autograd.
// A second case times the same ops with plain nd arrays (no tape) to show what the
// tape adds on top of the arithmetic.
//
//   ./build/bench/bench_autograd [--peer "<python command>"]
#include <ndgrad/autograd.h>
#include <omp.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "bench_util.h"

namespace {

constexpr int kSteps = 33333;              // three ops per step: multiply, add, tanh
constexpr double kOps = 3.0 * kSteps + 1;  // and the final sum

nd::Array small(double start) {
  return (nd::arange(8).astype(nd::float32) * 0.01f + float(start));
}

struct Chain {
  ag::Tensor x{small(0.1), true}, a{small(0.9), true}, b{small(-0.05), true};
  ag::Tensor forward() const {
    ag::Tensor y = x;
    for (int i = 0; i < kSteps; ++i) y = ag::tanh(y * a + b);
    return ag::sum(y);
  }
};

void nd_only() {
  nd::Array y = small(0.1), a = small(0.9), b = small(-0.05);
  for (int i = 0; i < kSteps; ++i) y = nd::tanh(y * a + b);
  nd::Array s = nd::sum(y);
}

}  // namespace

int main(int argc, char** argv) {
  std::string peer = "/usr/bin/python3 " + std::string(NDGRAD_BENCH_DIR) + "/torch_autograd.py";
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--peer") == 0) peer = argv[i + 1];
  std::printf(
      "A chain of %.0f ops on (8,) float32 tensors; ndgrad on %d OpenMP threads, "
      "peer: %s\n",
      kOps, omp_get_max_threads(), peer.c_str());

  Chain chain;
  const double forward_ms = bench::median_ms(
      [&] {
        chain.forward();
        ag::Tape::current().clear();
      },
      7);
  const double total_ms = bench::median_ms(
      [&] {
        chain.forward().backward();
        for (ag::Tensor* p : {&chain.x, &chain.a, &chain.b}) p->zero_grad();
      },
      7);
  const double nd_ms = bench::median_ms(nd_only, 7);

  std::map<std::string, double> theirs = bench::run_peer(peer);
  auto per_op = [](double ms) { return ms * 1000.0 / kOps; };
  std::printf("%-34s %12s %12s %7s\n", "case (us per op)", "ndgrad", "pytorch", "ratio");
  auto row = [&](const char* name, const char* key, double ours) {
    auto it = theirs.find(key);
    const double peer_us = it == theirs.end() ? 0 : per_op(it->second);
    std::printf("%-34s %12.3f %12.3f %7.2f\n", name, per_op(ours), peer_us,
                peer_us > 0 ? per_op(ours) / peer_us : 0.0);
  };
  row("forward, recording", "forward", forward_ms);
  row("forward + backward", "forward_backward", total_ms);
  row("forward without autograd", "no_grad", nd_ms);
  return 0;
}
