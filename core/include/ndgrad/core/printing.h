// NumPy-identical text: `std::cout << a` writes str(a), nd::repr(a) returns repr(a).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "ndgrad/core/array.h"

namespace nd {

// NumPy's np.set_printoptions / np.get_printoptions (the options NumPy has, with its
// defaults).
struct PrintOptions {
  int precision = 8;
  std::int64_t threshold = 1000;
  int edgeitems = 3;
  int linewidth = 75;
  bool suppress = false;
  std::string nanstr = "nan";
  std::string infstr = "inf";
  char sign = '-';                    // '-', '+' or ' '
  std::string floatmode = "maxprec";  // "fixed", "unique", "maxprec", "maxprec_equal"
};
void set_printoptions(const PrintOptions& options);
PrintOptions get_printoptions();

std::string array_str(const Array& a);   // str(a)
std::string array_repr(const Array& a);  // repr(a)
std::string repr(const Array& a);        // repr(a)
std::ostream& operator<<(std::ostream& os, const Array& a);

}  // namespace nd
