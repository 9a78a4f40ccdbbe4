// The one error class of its own that ag throws: AutogradError, for misuse of the tape
// (a second backward through a released graph, a stale saved array, a gradient of the
// wrong shape). Wrong arguments keep nd's classes: an integer tensor that is asked for
// gradients is an nd::TypeError, an explicit gradient of the wrong shape an nd::ValueError.
#pragma once

#include <ndgrad/core/errors.h>

#include <string>

namespace ag {

class AutogradError : public nd::Error {
 public:
  explicit AutogradError(const std::string& message) : nd::Error(message) {}
};

}  // namespace ag
