// NumPy-identical array printing: a port of numpy/core/arrayprint.py (NumPy 1.24, with
// legacy=False) plus the parts of its C helper dragon4.c that decide which digits a float
// is printed with.
//
// The pieces, in the order a call goes through them:
//   array_str / array_repr  -> the str()/repr() wrappers (0-d, empty arrays, dtype= suffix)
//   array_to_string         -> NumPy's array2string: summarisation, picks the formatter
//   ArrayLayout::format     -> NumPy's _formatArray: brackets, separators, line wrapping
//   BoolFormat / IntegerFormat / FloatFormat -> per-element text, all padded to one width
//   dragon4()               -> the digits of one float, from std::to_chars
#include "ndgrad/core/printing.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include "ndgrad/core/errors.h"

namespace nd {

namespace {

// ---------------------------------------------------------------------------------------
// Global options (np.set_printoptions keeps them in a module-level dict).

PrintOptions& current_options() {
  static PrintOptions options;
  return options;
}

// ---------------------------------------------------------------------------------------
// Float digits. NumPy formats floats with its Dragon4 implementation; std::to_chars gives
// the same two kinds of digit strings: the shortest digits that round-trip to the same
// float (of the value's own type, so float32 values get float32's shortest digits), and
// the exact binary value correctly rounded (half to even) to a given number of digits.

enum class Notation { Positional, Scientific };

// The arguments of NumPy's dragon4_positional / dragon4_scientific that choose digits.
struct DigitRequest {
  int precision = -1;   // at most this many digits after the point; -1 = no limit
  int min_digits = -1;  // digits after the point that must be exact; -1 = none
  bool unique = true;   // shortest round-trip digits (else: exact value cut at precision)
  bool trim = true;     // drop trailing zeros (NumPy's trim='.'), else keep them ('k')
};

// A finite float as Dragon4 writes it, split the way FloatingFormat measures it.
struct FloatText {
  std::string whole;     // sign and digits before the point: "-12"
  std::string fraction;  // digits after the point, possibly empty
  int exponent = 0;      // power of ten, scientific notation only
};

template <class T>
std::string chars(T x, std::chars_format format, std::optional<int> precision = {}) {
  std::string out(64, '\0');
  for (;;) {  // grow the buffer for long fixed-precision output (huge values, precision)
    char* first = out.data();
    char* last = first + out.size();
    std::to_chars_result r = precision ? std::to_chars(first, last, x, format, *precision)
                                       : std::to_chars(first, last, x, format);
    if (r.ec == std::errc()) {
      out.resize(r.ptr - first);
      return out;
    }
    out.resize(out.size() * 4);
  }
}

// Splits to_chars' scientific text "-d.ddde+XX" into its parts (the sign is dropped;
// callers add it back).
FloatText split_scientific(const std::string& text) {
  std::size_t start = text[0] == '-' ? 1 : 0;
  std::size_t e = text.find('e');
  FloatText t;
  t.whole = text.substr(start, 1);
  if (e > start + 1) t.fraction = text.substr(start + 2, e - start - 2);
  t.exponent = std::stoi(text.substr(e + 1));
  return t;
}

// Splits to_chars' fixed text "-123.45" (the sign is dropped).
FloatText split_fixed(const std::string& text) {
  std::size_t start = text[0] == '-' ? 1 : 0;
  std::size_t dot = text.find('.');
  FloatText t;
  t.whole = text.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
  if (dot != std::string::npos) t.fraction = text.substr(dot + 1);
  return t;
}

// Rewrites scientific digits d.ddd x 10^e in positional form. to_chars' own fixed
// format cannot be used for the shortest digits: for large values it prints the exact
// integer (float32 3e10 as 30000001024) where NumPy pads the shortest digits with zeros.
FloatText to_positional(const FloatText& sci) {
  std::string digits = sci.whole + sci.fraction;
  int e = sci.exponent;
  FloatText t;
  if (e < 0) {
    t.whole = "0";
    t.fraction = std::string(static_cast<std::size_t>(-e - 1), '0') + digits;
  } else if (static_cast<std::size_t>(e) + 1 >= digits.size()) {
    t.whole = digits + std::string(e + 1 - digits.size(), '0');
  } else {
    t.whole = digits.substr(0, e + 1);
    t.fraction = digits.substr(e + 1);
  }
  return t;
}

// The exact value of x rounded half to even to `digits` digits after the point, as
// to_chars with a precision rounds it.
template <class T>
FloatText rounded(T x, bool sci, int digits) {
  std::string text =
      chars(x, sci ? std::chars_format::scientific : std::chars_format::fixed, digits);
  return sci ? split_scientific(text) : split_fixed(text);
}

// The float of type T that the digits of t (without sign) read back as.
template <class T>
T read_back(const FloatText& t, bool sci) {
  std::string text = t.whole;
  if (!t.fraction.empty()) text += "." + t.fraction;
  if (sci) text += "e" + std::to_string(t.exponent);
  T value{};
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// Moves t one unit of its last digit up or down, carrying across the point and, in
// scientific notation, into the exponent (9.99e+04 up is 1.00e+05, 1.00e+05 down is
// 9.99e+04: Dragon4's two candidates always have the decade of the value).
void step_last_digit(FloatText& t, bool up, bool sci) {
  std::string d = t.whole + t.fraction;
  const std::size_t frac = t.fraction.size();
  std::size_t i = d.size();
  const char wraps = up ? '9' : '0';
  while (i > 0 && d[i - 1] == wraps) d[--i] = up ? '0' : '9';
  if (i == 0)
    d.insert(0, "1");  // only upwards: the digits are never all zero here
  else
    d[i - 1] = static_cast<char>(d[i - 1] + (up ? 1 : -1));
  t.whole = d.substr(0, d.size() - frac);
  t.fraction = d.substr(d.size() - frac);
  if (sci && t.whole.size() > 1) {  // 10.00e+04
    t = FloatText{"1", std::string(frac, '0'), t.exponent + 1};
  } else if (sci && t.whole == "0") {  // 0.99e+05
    t = FloatText{"9", std::string(frac, '9'), t.exponent - 1};
  } else if (t.whole.size() > 1 && t.whole[0] == '0') {
    t.whole.erase(0, 1);  // 09.5
  }
}

// Dragon4 in unique mode ends on one of the two candidates around x at the last digit
// position, the nearest one unless only the other one reads back as x. That happens
// next to powers of two, where the gap to the float below is half the gap above.
template <class T>
void prefer_round_trip(T x, bool sci, FloatText& t) {
  const T magnitude = std::abs(x);
  const T back = read_back<T>(t, sci);
  if (back == magnitude) return;
  FloatText other = t;
  step_last_digit(other, back < magnitude, sci);
  if (read_back<T>(other, sci) == magnitude) t = other;
}

// The digits Dragon4 prints for a finite x. In unique mode it emits the shortest
// round-trip digits, with two limits on where the last digit may fall: not past
// `precision` digits after the point, and not before `min_digits` digits after it (the
// digits up to there are the exact value's: with min_digits 0 the float32 75286112
// prints as 75286112. where its shortest digits give 75286110.). When a limit applies,
// the last digit is rounded from the exact value.
template <class T>
FloatText dragon4(T x, Notation notation, const DigitRequest& request, bool plus_sign) {
  const bool sci = notation == Notation::Scientific;
  FloatText t = split_scientific(chars(x, std::chars_format::scientific));

  // Position of the last shortest digit, counted in digits after the point (negative
  // when it lies left of the units digit, as for 75286110).
  const int shortest_digits = static_cast<int>(t.fraction.size());
  const int last_digit = sci ? shortest_digits : shortest_digits - t.exponent;
  if (!sci) t = to_positional(t);

  std::optional<int> cut;
  if (!request.unique)
    cut = request.precision;
  else if (request.precision >= 0 && last_digit > request.precision)
    cut = request.precision;
  else if (request.min_digits >= 0 && last_digit < request.min_digits)
    cut = request.min_digits;
  if (cut) {
    t = rounded(x, sci, *cut);
    if (request.unique) prefer_round_trip(x, sci, t);
  }

  if (request.trim) {
    std::size_t nonzero = t.fraction.find_last_not_of('0');
    t.fraction.erase(nonzero == std::string::npos ? 0 : nonzero + 1);
  }
  if (std::signbit(x))
    t.whole.insert(0, "-");
  else if (plus_sign)
    t.whole.insert(0, "+");
  return t;
}

// "e+05", "e-100": the exponent with at least `digits` digits (NumPy's minimum is 2).
std::string exponent_text(int exponent, int digits) {
  std::string magnitude = std::to_string(exponent < 0 ? -exponent : exponent);
  if (static_cast<int>(magnitude.size()) < digits)
    magnitude.insert(0, digits - magnitude.size(), '0');
  return std::string("e") + (exponent < 0 ? '-' : '+') + magnitude;
}

std::string pad_left(const std::string& s, int width) {
  int n = width - static_cast<int>(s.size());
  return n > 0 ? std::string(n, ' ') + s : s;
}

std::string pad_right(const std::string& s, int width) {
  int n = width - static_cast<int>(s.size());
  return n > 0 ? s + std::string(n, ' ') : s;
}

// ---------------------------------------------------------------------------------------
// Element formatters: built from every element that will be shown, so that all of them
// come out the same width. Each is NumPy's class of the same name.

class BoolFormat {
 public:
  // " True" lines up with "False", except in 0-d arrays where there is nothing to align.
  explicit BoolFormat(bool zero_dim) : true_text_(zero_dim ? "True" : " True") {}
  std::string operator()(bool x) const { return x ? true_text_ : "False"; }

 private:
  std::string true_text_;
};

template <class T>
class IntegerFormat {
 public:
  explicit IntegerFormat(const std::vector<T>& shown) {
    if (shown.empty()) return;
    auto [lo, hi] = std::minmax_element(shown.begin(), shown.end());
    width_ = std::max(text(*lo).size(), text(*hi).size());
  }
  std::string operator()(T x) const { return pad_left(text(x), static_cast<int>(width_)); }

 private:
  // uint8 must print as a number, not as a character.
  static std::string text(T x) { return std::to_string(+x); }
  std::size_t width_ = 0;
};

template <class T>
class FloatFormat {
 public:
  FloatFormat(const std::vector<T>& shown, const PrintOptions& options) : options_(options) {
    digits_.precision = options_.floatmode == "unique" ? -1 : options.precision;
    std::vector<T> finite;
    for (T x : shown)
      if (std::isfinite(x)) finite.push_back(x);
    scientific_ = needs_scientific(finite);
    if (finite.empty())
      measure_no_finite();
    else if (scientific_)
      measure_scientific(finite);
    else
      measure_positional(finite);
    if (options_.sign == ' ' &&
        std::none_of(finite.begin(), finite.end(), [](T x) { return std::signbit(x); }))
      ++pad_left_;  // room for the blank sign of the positive values
    if (finite.size() != shown.size()) widen_for_non_finite(shown);
  }

  std::string operator()(T x) const {
    if (!std::isfinite(x)) return pad_left(non_finite_text(x), pad_left_ + pad_right_ + 1);
    bool plus = options_.sign == '+';
    if (scientific_) {
      FloatText t = dragon4(x, Notation::Scientific, digits_, plus);
      return pad_left(t.whole, pad_left_) + "." + t.fraction +
             exponent_text(t.exponent, std::max(exp_size_, 2));
    }
    FloatText t = dragon4(x, Notation::Positional, digits_, plus);
    return pad_left(t.whole, pad_left_) + "." + pad_right(t.fraction, pad_right_);
  }

 private:
  // NumPy's switch to scientific notation, from the non-zero finite magnitudes. The
  // ratio is computed in T, as NumPy divides two T scalars (float32 may overflow to inf).
  bool needs_scientific(const std::vector<T>& finite) const {
    std::optional<T> max_val, min_val;
    for (T x : finite) {
      if (x == 0) continue;
      T a = std::abs(x);
      if (!max_val || a > *max_val) max_val = a;
      if (!min_val || a < *min_val) min_val = a;
    }
    if (!max_val) return false;
    T ratio = *max_val / *min_val;
    return double(*max_val) >= 1e8 ||
           (!options_.suppress && (double(*min_val) < 0.0001 || double(ratio) > 1000.0));
  }

  void measure_no_finite() {
    pad_left_ = pad_right_ = 0;
    digits_.trim = true;
    digits_.unique = true;
    digits_.min_digits = -1;
  }

  // A first pass over the values fixes the number of fraction digits and the widths of
  // the parts; the second pass (operator()) prints every value with those.
  void measure_scientific(const std::vector<T>& finite) {
    DigitRequest first = digits_;
    first.unique = first.trim = options_.floatmode != "fixed";
    int frac = 0, whole = 0, exp_digits = 0;
    for (T x : finite) {
      FloatText t = dragon4(x, Notation::Scientific, first, options_.sign == '+');
      frac = std::max(frac, static_cast<int>(t.fraction.size()));
      whole = std::max(whole, static_cast<int>(t.whole.size()));
      int e = static_cast<int>(exponent_text(t.exponent, 2).size()) - 2;
      exp_digits = std::max(exp_digits, e);
    }
    exp_size_ = exp_digits;
    digits_.precision = digits_.min_digits = frac;  // every value gets `frac` digits
    digits_.trim = false;
    digits_.unique = first.unique;
    pad_left_ = whole;
    pad_right_ = exp_size_ + 2 + frac;  // only used to size nan/inf
  }

  void measure_positional(const std::vector<T>& finite) {
    DigitRequest first = digits_;
    first.unique = first.trim = options_.floatmode != "fixed";
    int frac = 0, whole = 0;
    for (T x : finite) {
      FloatText t = dragon4(x, Notation::Positional, first, options_.sign == '+');
      frac = std::max(frac, static_cast<int>(t.fraction.size()));
      whole = std::max(whole, static_cast<int>(t.whole.size()));
    }
    pad_left_ = whole;
    pad_right_ = frac;
    digits_.unique = first.unique;
    if (options_.floatmode == "fixed" || options_.floatmode == "maxprec_equal") {
      digits_.precision = digits_.min_digits = frac;  // all values get equal digits
      digits_.trim = false;
    } else {
      digits_.trim = true;
      digits_.min_digits = 0;
    }
  }

  // nan and inf are right-aligned in the full width; the integer part may need to grow
  // for them to fit.
  void widen_for_non_finite(const std::vector<T>& shown) {
    bool neg_inf = options_.sign != '-' || std::any_of(shown.begin(), shown.end(),
                                                       [](T x) { return std::isinf(x) && x < 0; });
    int nan_len = static_cast<int>(options_.nanstr.size());
    int inf_len = static_cast<int>(options_.infstr.size()) + (neg_inf ? 1 : 0);
    int offset = pad_right_ + 1;  // the fraction and the point
    pad_left_ = std::max({pad_left_, nan_len - offset, inf_len - offset});
  }

  std::string non_finite_text(T x) const {
    if (std::isnan(x)) return (options_.sign == '+' ? "+" : "") + options_.nanstr;
    std::string sign = x < 0 ? "-" : options_.sign == '+' ? "+" : "";
    return sign + options_.infstr;
  }

  PrintOptions options_;
  bool scientific_ = false;
  DigitRequest digits_;
  int pad_left_ = 0, pad_right_ = 0, exp_size_ = -1;
};

// The formatter NumPy's _get_format_function picks for element type T.
template <class T>
auto make_format(const std::vector<T>& shown, bool zero_dim, const PrintOptions& options) {
  if constexpr (std::is_same_v<T, bool>)
    return BoolFormat(zero_dim);
  else if constexpr (std::is_integral_v<T>)
    return IntegerFormat<T>(shown);
  else
    return FloatFormat<T>(shown, options);
}

// ---------------------------------------------------------------------------------------
// Python's str() of a NumPy scalar, which is what str() of a 0-d array prints. Floats
// use the shortest digits at full precision, positional between 1e-4 and 1e16.

template <class T>
std::string scalar_str(T x) {
  if constexpr (std::is_same_v<T, bool>) {
    return x ? "True" : "False";
  } else if constexpr (std::is_integral_v<T>) {
    return std::to_string(+x);
  } else {
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
    // NumPy compares in long double: float32(1e-4), just below 1e-4, prints as 1e-04.
    long double magnitude = std::abs(static_cast<long double>(x));
    if (magnitude == 0 || (magnitude >= 1e-4L && magnitude < 1e16L)) {
      FloatText t = dragon4(x, Notation::Positional, DigitRequest{}, false);
      return t.whole + "." + (t.fraction.empty() ? "0" : t.fraction);  // "1.0"
    }
    FloatText t = dragon4(x, Notation::Scientific, DigitRequest{}, false);
    return t.whole + (t.fraction.empty() ? "" : "." + t.fraction) +  // "1e+20"
           exponent_text(t.exponent, 2);
  }
}

// ---------------------------------------------------------------------------------------
// NumPy's _formatArray: nested brackets, separators, wrapping at the line width and
// summarisation with "...", over a C-contiguous block of T.

std::string rstrip(const std::string& s) {
  std::size_t end = s.find_last_not_of(" \t\n");
  return s.substr(0, end == std::string::npos ? 0 : end + 1);
}

// NumPy's _extendLine: appends `word` to `line`, first flushing the line into `s` when
// the word would pass `width` (unless the line holds nothing but its indent).
void extend_line(std::string& s, std::string& line, const std::string& word, std::int64_t width,
                 const std::string& next_line_prefix) {
  bool needs_wrap = static_cast<std::int64_t>(line.size() + word.size()) > width;
  if (line.size() <= next_line_prefix.size()) needs_wrap = false;
  if (needs_wrap) {
    s += rstrip(line) + "\n";
    line = next_line_prefix;
  }
  line += word;
}

template <class T, class Format>
class ArrayLayout {
 public:
  ArrayLayout(const T* data, const Shape& shape, const Format& format, bool summarize,
              std::int64_t edgeitems, std::string separator)
      : data_(data),
        shape_(shape),
        strides_(shape.size(), 1),
        format_(format),
        summarize_(summarize),
        edgeitems_(edgeitems),
        separator_(std::move(separator)) {
    for (std::size_t axis = shape.size(); axis-- > 1;)
      strides_[axis - 1] = strides_[axis] * shape[axis];
  }

  std::string format(std::int64_t line_width, const std::string& next_line_prefix) const {
    return recurse(0, 0, next_line_prefix, line_width);
  }

 private:
  // Prints the sub-array at `axis` whose first element is data_[offset]. Every line it
  // starts begins with `hanging_indent` (the first one's is replaced by the caller's
  // text) and must end before column `width`.
  std::string recurse(std::size_t axis, std::int64_t offset, const std::string& hanging_indent,
                      std::int64_t width) const {
    if (axis == shape_.size()) return format_(data_[offset]);

    const std::int64_t length = shape_[axis];
    const bool summary = summarize_ && 2 * edgeitems_ < length;
    // Items printed before and after the "...": all of them when not summarised.
    const std::int64_t leading = summary ? edgeitems_ : 0;
    const std::int64_t trailing = summary ? edgeitems_ : length;
    // Children sit one column to the right of this level's "[" and leave room for "]".
    const std::string child_indent = hanging_indent + " ";
    auto child = [&](std::int64_t i) {
      return recurse(axis + 1, offset + i * strides_[axis], child_indent, width - 1);
    };

    std::string s;
    if (axis + 1 == shape_.size()) {
      // Innermost axis: a row of elements, wrapped when they pass the width, which
      // keeps room for the separator or the closing bracket after each one.
      const std::int64_t elem_width = width - std::max<std::int64_t>(rstrip(separator_).size(), 1);
      std::string line = hanging_indent;
      auto add = [&](const std::string& word, bool last) {
        extend_line(s, line, word, elem_width, hanging_indent);
        if (!last) line += separator_;
      };
      for (std::int64_t i = 0; i < leading; ++i) add(child(i), false);
      if (summary) add("...", false);
      for (std::int64_t i = trailing; i > 1; --i) add(child(length - i), false);
      add(child(length - 1), true);
      s += line;
    } else {
      // Outer axes: one sub-array per line, separated by ndim - axis - 1 newlines so
      // that 3-D and higher blocks get blank lines between them.
      const std::string line_sep = rstrip(separator_) + std::string(shape_.size() - axis - 1, '\n');
      for (std::int64_t i = 0; i < leading; ++i) s += hanging_indent + child(i) + line_sep;
      if (summary) s += hanging_indent + "..." + line_sep;
      for (std::int64_t i = trailing; i > 1; --i)
        s += hanging_indent + child(length - i) + line_sep;
      s += hanging_indent + child(length - 1);
    }
    return "[" + s.substr(hanging_indent.size()) + "]";
  }

  const T* data_;
  const Shape& shape_;
  std::vector<std::int64_t> strides_;  // C-order, in elements
  const Format& format_;
  bool summarize_;
  std::int64_t edgeitems_;
  std::string separator_;
};

// The elements a summarised print shows (NumPy's _leading_trailing): along each axis
// longer than 2 * edgeitems only the first and last edgeitems. Formatter widths are
// computed over these alone.
template <class T>
void collect_shown(const T* data, const Shape& shape, std::size_t axis, std::int64_t edgeitems,
                   bool summarize, std::vector<T>& out) {
  if (axis == shape.size()) {
    out.push_back(*data);
    return;
  }
  std::int64_t stride = 1;
  for (std::size_t k = axis + 1; k < shape.size(); ++k) stride *= shape[k];
  const std::int64_t length = shape[axis];
  for (std::int64_t i = 0; i < length; ++i) {
    if (summarize && 2 * edgeitems < length && i == edgeitems) i = length - edgeitems;
    collect_shown(data + i * stride, shape, axis + 1, edgeitems, summarize, out);
  }
}

// The array's elements in C order. (Not ascontiguousarray: like NumPy's, it turns a 0-d
// array into a 1-d one.)
Array c_order(const Array& a) {
  return a.is_c_contiguous() ? a : a.copy();
}

// NumPy's array2string for a non-empty array: `prefix_width` is the width of the text
// printed before the array on its first line ("array(" in repr), `suffix_width` that of
// the text after it, which the last line must leave room for.
std::string array_to_string(const Array& a, const std::string& separator, std::int64_t prefix_width,
                            std::int64_t suffix_width) {
  const PrintOptions& options = current_options();
  const Array c = c_order(a);
  const bool summarize = c.size() > options.threshold;
  const std::string next_line_prefix(prefix_width + 1, ' ');  // + 1 skips the "["
  return dispatch(c.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* data = c.data<T>();
    std::vector<T> shown;
    collect_shown(data, c.shape(), 0, options.edgeitems, summarize, shown);
    auto format = make_format(shown, c.ndim() == 0, options);
    ArrayLayout<T, decltype(format)> layout(data, c.shape(), format, summarize, options.edgeitems,
                                            separator);
    return layout.format(options.linewidth - suffix_width, next_line_prefix);
  });
}

// repr() leaves out the dtype when the values already imply it (NumPy's
// dtype_is_implied: the default float, int and bool types).
bool dtype_is_implied(DType dtype) {
  return dtype == float64 || dtype == int64 || dtype == bool_;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Public interface.

void set_printoptions(const PrintOptions& options) {
  const std::string& mode = options.floatmode;
  if (mode != "fixed" && mode != "unique" && mode != "maxprec" && mode != "maxprec_equal")
    throw ValueError(
        "floatmode option must be one of \"fixed\", \"unique\", \"maxprec\", "
        "\"maxprec_equal\"");
  if (options.sign != '-' && options.sign != '+' && options.sign != ' ')
    throw ValueError("sign option must be one of ' ', '+', or '-'");
  if (options.precision < 0) throw ValueError("precision must be >= 0");
  current_options() = options;
}

PrintOptions get_printoptions() {
  return current_options();
}

std::string array_str(const Array& a) {
  // A 0-d array prints like the scalar it holds, at full precision.
  if (a.ndim() == 0) {
    return dispatch(a.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      return scalar_str(*a.data<T>());
    });
  }
  if (a.size() == 0) return "[]";
  return array_to_string(a, " ", 0, 0);
}

std::string array_repr(const Array& a) {
  const std::string prefix = "array(";
  const bool skip_dtype = dtype_is_implied(a.dtype()) && a.size() > 0;
  const std::string suffix = skip_dtype ? ")" : ",";

  std::string body;
  if (a.size() > 0)
    body = array_to_string(a, ", ", static_cast<std::int64_t>(prefix.size()),
                           static_cast<std::int64_t>(suffix.size()));
  else if (a.shape() == Shape{0})
    body = "[]";
  else  // other empty shapes cannot be told apart by the text, so NumPy shows them
    body = "[], shape=" + to_string(a.shape());

  std::string text = prefix + body + suffix;
  if (skip_dtype) return text;

  // The dtype goes on a line of its own when it would make the last line too long.
  const std::string dtype_text = std::string("dtype=") + name(a.dtype()) + ")";
  const std::size_t last_line = text.size() - (text.rfind('\n') + 1);  // npos + 1 == 0
  const bool own_line =
      static_cast<std::int64_t>(last_line + dtype_text.size() + 1) > current_options().linewidth;
  const std::string spacer = own_line ? "\n" + std::string(prefix.size(), ' ') : " ";
  return text + spacer + dtype_text;
}

std::string repr(const Array& a) {
  return array_repr(a);
}

std::ostream& operator<<(std::ostream& os, const Array& a) {
  return os << array_str(a);
}

}  // namespace nd
