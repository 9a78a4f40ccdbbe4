// Turning recording off: while an ag::NoGradGuard lives, ops on this thread record nothing
// and their results do not require gradients (evaluation, optimizer steps).
#pragma once

namespace ag {

// Whether ops on this thread record onto the tape (true unless a NoGradGuard is alive).
bool is_grad_enabled();

class NoGradGuard {
 public:
  NoGradGuard();
  ~NoGradGuard();
  NoGradGuard(const NoGradGuard&) = delete;
  NoGradGuard& operator=(const NoGradGuard&) = delete;

 private:
  bool previous_;
};

}  // namespace ag
