// ndgrad's array math against NumPy, in the same run: each case is timed here (median
// of 11 after a warm-up, ndgrad on all OpenMP threads) and by bench/numpy_math.py under
// Debian's NumPy (single-threaded, as NumPy is), and the ratio ndgrad / NumPy printed.
// Ratios below 1 mean ndgrad is faster.
//
//   ./build/bench/bench_math [--peer "<python command>"]
#include <ndgrad/core.h>
#include <omp.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bench_util.h"

namespace {

struct Case {
  std::string name, what;
  std::function<void()> run;
};

nd::Array randn32(const nd::Shape& shape, double seed) {
  // A cheap deterministic fill: values spread like a standard normal's bulk.
  nd::Array x = nd::empty(shape, nd::float32);
  float* p = x.data<float>();
  unsigned state = unsigned(seed * 7919) + 12345u;
  for (std::int64_t i = 0; i < x.size(); ++i) {
    state = state * 1664525u + 1013904223u;
    p[i] = float((state >> 8) * (1.0 / 16777216.0) * 6.0 - 3.0);
  }
  return x;
}

std::vector<Case> cases() {
  static nd::Array a = randn32({10000000}, 1), b = randn32({10000000}, 2),
                   c = randn32({10000000}, 3);
  static nd::Array sq = randn32({4096, 4096}, 4), sq2 = randn32({4096, 4096}, 5);
  static nd::Array s2 = randn32({1000, 10000}, 6);
  static nd::Array rows = randn32({4096, 1024}, 7);
  static nd::Array keys = randn32({1000000}, 8);
  static nd::Array images = (randn32({64, 224, 224, 3}, 9) * 40.0f + 128.0f).astype(nd::uint8);
  return {
      {"fma", "a*b+c, 10^7 float32", [] { nd::Array r = a * b + c; }},
      {"exp", "exp(a), 10^7 float32", [] { nd::Array r = nd::exp(a); }},
      {"transpose_add", "a.T + b, (4096, 4096) float32", [] { nd::Array r = sq.T() + sq2; }},
      {"sum_axis0", "sum(axis=0), (1000, 10000)", [] { nd::Array r = nd::sum(s2, 0); }},
      {"sum_axis1", "sum(axis=1), (1000, 10000)", [] { nd::Array r = nd::sum(s2, 1); }},
      {"sum_all", "sum(), (1000, 10000)", [] { nd::Array r = nd::sum(s2); }},
      {"max_keepdims", "max(axis=-1, keepdims), (4096, 1024)",
       [] { nd::Array r = nd::max(rows, -1, true); }},
      {"softmax", "softmax(-1) with nd ops, (4096, 1024)",
       [] {
         nd::Array e = nd::exp(rows - nd::max(rows, -1, true));
         e /= nd::sum(e, -1, true);
       }},
      {"argsort", "argsort(kind='stable'), 10^6 float32",
       [] { nd::Array r = nd::argsort(keys); }},
      {"pad_reflect", "pad reflect (0,0),(16,16),(16,16),(0,0), (64,224,224,3) uint8",
       [] { nd::Array r = nd::pad(images, {{0, 0}, {16, 16}, {16, 16}, {0, 0}}, "reflect"); }},
  };
}

}  // namespace

int main(int argc, char** argv) {
  std::string peer = "/usr/bin/python3 " + std::string(NDGRAD_BENCH_DIR) + "/numpy_math.py";
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--peer") == 0) peer = argv[i + 1];
  std::printf("ndgrad on %d OpenMP threads; NumPy single-threaded (%s)\n", omp_get_max_threads(),
              peer.c_str());
  std::vector<Case> all = cases();
  std::vector<double> ours;
  for (const Case& c : all) ours.push_back(bench::median_ms(c.run));
  // The peer runs after ndgrad, so both see the same machine state for their own cases.
  std::map<std::string, double> theirs = bench::run_peer(peer);
  std::printf("%-16s %-40s %10s %10s %7s\n", "case", "what", "ndgrad ms", "numpy ms", "ratio");
  for (std::size_t i = 0; i < all.size(); ++i) {
    auto it = theirs.find(all[i].name);
    double np = it == theirs.end() ? 0 : it->second;
    std::printf("%-16s %-40s %10.3f %10.3f %7.2f\n", all[i].name.c_str(), all[i].what.c_str(),
                ours[i], np, np > 0 ? ours[i] / np : 0.0);
  }
  return 0;
}
