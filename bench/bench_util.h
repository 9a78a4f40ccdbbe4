// Small timing helpers shared by the benchmarks: best-of and median timings, and running
// the Python twin of a benchmark (Debian's NumPy / PyTorch) in the same session.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace bench {

// Median wall time in milliseconds of `repeats` calls after one warm-up call.
inline double median_ms(const std::function<void()>& fn, int repeats = 11) {
  fn();
  std::vector<double> times;
  for (int i = 0; i < repeats; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    fn();
    auto t1 = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// Runs `command` and parses its "RESULT <name> <ms>" lines.
inline std::map<std::string, double> run_peer(const std::string& command) {
  std::map<std::string, double> out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char line[512];
  while (std::fgets(line, sizeof line, pipe) != nullptr) {
    std::istringstream ss(line);
    std::string tag, name;
    double ms;
    if (ss >> tag >> name >> ms && tag == "RESULT") out[name] = ms;
  }
  pclose(pipe);
  return out;
}

}  // namespace bench
