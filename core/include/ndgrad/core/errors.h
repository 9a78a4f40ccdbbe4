// The exception tree of ndgrad, mirroring NumPy's: catch nd::Error for any of them, or
// the specific class NumPy raises. AxisError is both a ValueError and an IndexError, as
// in NumPy, so the shared nd::Error base is virtual.
#pragma once

#include <exception>
#include <string>

namespace nd {

class Error : public std::exception {
 public:
  explicit Error(std::string message) : message_(std::move(message)) {}
  const char* what() const noexcept override { return message_.c_str(); }

 protected:
  Error() = default;

 private:
  std::string message_;
};

// Each class takes the message; the protected default constructors exist only so that
// classes deriving from two of them (AxisError) can initialise the virtual base once.
#define NDGRAD_DECLARE_ERROR(Name, Base)                          \
  class Name : public virtual Base {                              \
   public:                                                        \
    explicit Name(const std::string& message) : Error(message) {} \
                                                                  \
   protected:                                                     \
    Name() = default;                                             \
  }

NDGRAD_DECLARE_ERROR(ValueError, Error);
NDGRAD_DECLARE_ERROR(IndexError, Error);
NDGRAD_DECLARE_ERROR(TypeError, Error);
NDGRAD_DECLARE_ERROR(OverflowError, Error);
NDGRAD_DECLARE_ERROR(IOError, Error);  // NumPy raises OSError for unreadable files
NDGRAD_DECLARE_ERROR(LinAlgError, ValueError);
#undef NDGRAD_DECLARE_ERROR

class AxisError : public ValueError, public IndexError {
 public:
  explicit AxisError(const std::string& message) : Error(message) {}
};

}  // namespace nd
