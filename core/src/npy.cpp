// NumPy's .npy format (numpy/lib/format.py): a magic string, a version, a header that
// is a Python dict literal, then the raw elements. This file also holds the file
// helpers that npz.cpp and image.cpp share: reading a whole file, and replacing a file
// atomically.
#include "ndgrad/core/npy.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <string_view>
#include <system_error>

#include "ndgrad/core/creation.h"
#include "ndgrad/core/errors.h"
#include "ndgrad/core/storage.h"

namespace nd {

// Internal helpers shared with npz.cpp and image.cpp. They are not part of the public
// API, so instead of going into a public header their declarations are repeated there.
namespace detail {
std::shared_ptr<Storage> read_file(const std::string& path);
void replace_file_atomically(const std::string& path,
                             const std::function<void(const std::string&, int)>& fill);
void write_all(int fd, const void* data, std::size_t size, const std::string& path);
Array npy_from_storage(std::shared_ptr<Storage> file, const std::string& source);
}  // namespace detail

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicLength = 6;
constexpr std::size_t kAlignment = 64;  // NumPy's ARRAY_ALIGN: data starts on this boundary
// NumPy pads the header so that the first axis can grow to 21 digits in place.
constexpr std::size_t kGrowthAxisMaxDigits = 21;
// Deeper nesting than this cannot be a real header; the limit keeps the recursive
// parser's stack small on hostile input.
constexpr int kMaxNesting = 16;

// ---------------------------------------------------------------------------------------
// Files: errors, reading, atomic replacement
// ---------------------------------------------------------------------------------------

// Python's OSError text: "[Errno 2] No such file or directory: 'x.npy'".
[[noreturn]] void throw_io_error(int err, const std::string& path) {
  throw IOError("[Errno " + std::to_string(err) + "] " + std::generic_category().message(err) +
                ": '" + path + "'");
}

// Closes the descriptor when it goes out of scope (errors on close are ignored there;
// the writing code closes explicitly to see them).
struct FileDescriptor {
  int fd = -1;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
  // Closes now and reports failure: a delayed write error may only show up here.
  int close() {
    int result = ::close(fd);
    fd = -1;
    return result;
  }
};

std::string random_suffix() {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string s(6, 'x');
  for (char& c : s) c = kChars[rng() % (sizeof(kChars) - 1)];
  return s;
}

// Creates "<path>.tmpXXXXXX" beside `path`. open() with O_EXCL instead of mkstemp()
// so that the kernel applies the umask to mode 0666: the final file then gets the same
// permissions a plain fopen() would have given it.
int create_temp_file(const std::string& path, std::string& temp_path) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    temp_path = path + ".tmp" + random_suffix();
    int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return fd;
    if (errno != EEXIST) throw_io_error(errno, path);
  }
  throw IOError("cannot create a temporary file beside '" + path + "'");
}

// Forces the finished temporary onto the disk before it replaces the old file, so a
// crash right after the rename cannot leave an empty file behind.
void flush_to_disk(const std::string& temp_path, const std::string& path) {
  FileDescriptor file{::open(temp_path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0 || ::fsync(file.fd) != 0) throw_io_error(errno, path);
}

// ---------------------------------------------------------------------------------------
// Writing the header
// ---------------------------------------------------------------------------------------

// NumPy's descr string: byte order, kind, item size ('<f8', '|b1', ...).
std::string descr_of(DType d) {
  char order = itemsize(d) == 1 ? '|' : (std::endian::native == std::endian::little ? '<' : '>');
  return std::string{order, kind(d)} + std::to_string(itemsize(d));
}

// Python's repr of a tuple of ints: "()", "(5,)", "(2, 3)".
std::string python_tuple(const Shape& shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + (shape.size() == 1 ? ",)" : ")");
}

// The dict exactly as NumPy's _write_array_header prints it, with its growth padding.
std::string header_dict(const Array& a) {
  std::string dict = "{'descr': '" + descr_of(a.dtype()) +
                     "', 'fortran_order': False, 'shape': " + python_tuple(a.shape()) + ", }";
  if (a.ndim() > 0) {
    std::size_t digits = std::to_string(a.shape()[0]).size();
    dict.append(kGrowthAxisMaxDigits - std::min(digits, kGrowthAxisMaxDigits), ' ');
  }
  return dict;
}

void append_little_endian(std::string& out, std::uint64_t value, int nbytes) {
  for (int i = 0; i < nbytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

// Everything before the data: magic, version, header length, dict, spaces, '\n'.
// Format 1.0 stores the header length in 2 bytes; 2.0 (used only when that is too
// small) in 4. The padding rule is NumPy's, including a full 64 spaces when the header
// happens to end on the boundary already.
std::string npy_header(const Array& a) {
  const std::string dict = header_dict(a);
  int version = 1, length_bytes = 2;
  auto padded_length = [&] {
    std::size_t unpadded = kMagicLength + 2 + length_bytes + dict.size() + 1;
    return dict.size() + 1 + (kAlignment - unpadded % kAlignment);
  };
  if (padded_length() > 0xFFFF) version = 2, length_bytes = 4;
  const std::size_t header_length = padded_length();
  if (header_length > 0xFFFFFFFFu) throw ValueError("the .npy header is too long to write");

  std::string out(kMagic, kMagicLength);
  out += static_cast<char>(version);
  out += '\0';
  append_little_endian(out, header_length, length_bytes);
  out += dict;
  out.append(header_length - dict.size() - 1, ' ');
  out += '\n';
  return out;
}

// The array itself when it is already laid out in C order, else a C-ordered copy.
Array c_ordered(const Array& a) {
  return a.is_c_contiguous() ? a : a.copy();
}

// ---------------------------------------------------------------------------------------
// Reading the header: a small parser for the Python literals a header may contain
// ---------------------------------------------------------------------------------------

struct PyLiteral {
  enum class Kind { Str, Int, Float, Bool, None, Tuple, List, Dict };
  Kind kind = Kind::None;
  std::string_view text;         // as written in the header, for error messages
  std::string str;               // Str
  std::int64_t number = 0;       // Int, Bool
  std::vector<PyLiteral> items;  // Tuple and List; Dict as key, value, key, value, ...
};

PyLiteral make_literal(PyLiteral::Kind kind, std::int64_t number = 0) {
  PyLiteral value;
  value.kind = kind;
  value.number = number;
  return value;
}

// Recursive descent over strings, ints, True/False/None, tuples, lists and dicts:
// what ast.literal_eval accepts in practice for .npy headers. Floats are recognised
// only so that they can be rejected with a clear message.
class LiteralParser {
 public:
  LiteralParser(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  PyLiteral parse_all() {
    PyLiteral value = parse_value(0);
    skip_space();
    if (pos_ != text_.size()) fail("unexpected text after the header dictionary");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& problem) const {
    throw ValueError(source_ + ": cannot parse the .npy header (" + problem + " at offset " +
                     std::to_string(pos_) + "): " + std::string(text_.substr(0, 200)));
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  void skip_space() {
    while (!at_end() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  void expect(char c) {
    skip_space();
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }

  PyLiteral parse_value(int depth) {
    if (depth > kMaxNesting) fail("nesting too deep");
    skip_space();
    if (at_end()) fail("unexpected end");
    const std::size_t start = pos_;
    const char c = peek();
    PyLiteral value;
    if (c == '\'' || c == '"')
      value = parse_string();
    else if (c == '-' || c == '+' || std::isdigit(static_cast<unsigned char>(c)))
      value = parse_number();
    else if (c == '(')
      value = parse_sequence(')', PyLiteral::Kind::Tuple, depth);
    else if (c == '[')
      value = parse_sequence(']', PyLiteral::Kind::List, depth);
    else if (c == '{')
      value = parse_dict(depth);
    else if (std::isalpha(static_cast<unsigned char>(c)))
      value = parse_word();
    else
      fail(std::string("unexpected character '") + c + "'");
    // Only "(x)" already has a text: like Python, it returns the inner value x itself.
    if (value.text.empty()) value.text = text_.substr(start, pos_ - start);
    return value;
  }

  // Quoted text; a backslash escapes the next character (headers never need more).
  PyLiteral parse_string() {
    const char quote = text_[pos_++];
    PyLiteral value = make_literal(PyLiteral::Kind::Str);
    while (!at_end() && peek() != quote) {
      if (peek() == '\\') ++pos_;
      if (!at_end()) value.str += text_[pos_++];
    }
    if (at_end()) fail("unterminated string");
    ++pos_;
    return value;
  }

  PyLiteral parse_number() {
    bool negative = peek() == '-';
    if (peek() == '-' || peek() == '+') ++pos_;
    if (!std::isdigit(static_cast<unsigned char>(peek()))) fail("sign without digits");
    std::uint64_t magnitude = 0;
    const std::uint64_t limit = std::uint64_t(std::numeric_limits<std::int64_t>::max()) + 1;
    while (std::isdigit(static_cast<unsigned char>(peek())) || peek() == '_') {
      char c = text_[pos_++];
      if (c == '_') continue;
      magnitude = magnitude * 10 + std::uint64_t(c - '0');
      if (magnitude > limit) fail("integer too large");
    }
    if (peek() == '.' || peek() == 'e' || peek() == 'E' || peek() == 'j' || peek() == 'J') {
      while (!at_end() && (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '.' ||
                           peek() == '+' || peek() == '-'))
        ++pos_;
      return make_literal(PyLiteral::Kind::Float);
    }
    if (peek() == 'L' || peek() == 'l') ++pos_;  // Python 2's long suffix, as NumPy allows
    if (!negative && magnitude == limit) fail("integer too large");
    std::int64_t number = negative ? std::int64_t(0 - magnitude) : std::int64_t(magnitude);
    return make_literal(PyLiteral::Kind::Int, number);
  }

  PyLiteral parse_word() {
    const std::size_t start = pos_;
    while (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_') ++pos_;
    std::string_view word = text_.substr(start, pos_ - start);
    if (word == "True") return make_literal(PyLiteral::Kind::Bool, 1);
    if (word == "False") return make_literal(PyLiteral::Kind::Bool, 0);
    if (word == "None") return make_literal(PyLiteral::Kind::None);
    pos_ = start;
    fail("unexpected name '" + std::string(word) + "'");
  }

  PyLiteral parse_sequence(char close, PyLiteral::Kind kind, int depth) {
    ++pos_;  // the opening bracket
    PyLiteral value = make_literal(kind);
    bool saw_comma = false;
    while (true) {
      skip_space();
      if (peek() == close) break;
      value.items.push_back(parse_value(depth + 1));
      skip_space();
      if (peek() != ',') break;
      ++pos_;
      saw_comma = true;
    }
    expect(close);
    if (kind == PyLiteral::Kind::Tuple && value.items.size() == 1 && !saw_comma)
      return std::move(value.items[0]);
    return value;
  }

  PyLiteral parse_dict(int depth) {
    ++pos_;  // '{'
    PyLiteral value = make_literal(PyLiteral::Kind::Dict);
    while (true) {
      skip_space();
      if (peek() == '}') break;
      value.items.push_back(parse_value(depth + 1));
      expect(':');
      value.items.push_back(parse_value(depth + 1));
      skip_space();
      if (peek() != ',') break;
      ++pos_;
    }
    expect('}');
    return value;
  }

  std::string_view text_;
  const std::string& source_;
  std::size_t pos_ = 0;
};

// ---------------------------------------------------------------------------------------
// Reading the header: from the parsed dict to a layout we can trust
// ---------------------------------------------------------------------------------------

// What the header says about the data that follows it.
struct NpyLayout {
  DType dtype = float64;
  bool byte_swap = false;  // the file's byte order is not this machine's
  bool fortran_order = false;
  Shape shape;
  std::size_t data_offset = 0;  // where the elements start in the file
  std::size_t data_bytes = 0;
};

// A descr names a byte order ('<' little, '>' big, '|' not applicable, '=' native, or
// nothing), a kind and an item size. Only the six dtypes ndgrad has are accepted.
void parse_descr(const std::string& descr, NpyLayout& layout, const std::string& source) {
  std::string_view rest = descr;
  char order = '=';
  if (!rest.empty() && std::string_view("<>|=").find(rest[0]) != std::string_view::npos) {
    order = rest[0];
    rest.remove_prefix(1);
  }
  static constexpr std::pair<std::string_view, DType> kKnown[] = {
      {"b1", bool_}, {"u1", uint8}, {"i4", int32}, {"i8", int64}, {"f4", float32}, {"f8", float64}};
  auto found = std::find_if(std::begin(kKnown), std::end(kKnown),
                            [&](const auto& known) { return known.first == rest; });
  if (found == std::end(kKnown))
    throw TypeError(source + ": data type '" + descr +
                    "' is not supported (ndgrad has bool, uint8, int32, int64, float32 and "
                    "float64)");
  layout.dtype = found->second;
  const bool file_big_endian =
      order == '>' || ((order == '=' || order == '|') && std::endian::native == std::endian::big);
  layout.byte_swap =
      itemsize(layout.dtype) > 1 && file_big_endian != (std::endian::native == std::endian::big);
}

const PyLiteral* find_key(const PyLiteral& dict, std::string_view key) {
  for (std::size_t i = 0; i + 1 < dict.items.size(); i += 2)
    if (dict.items[i].str == key) return &dict.items[i + 1];
  return nullptr;
}

// NumPy requires exactly the keys descr, fortran_order and shape, all strings.
void check_keys(const PyLiteral& dict, const std::string& source) {
  static constexpr std::string_view kKeys[] = {"descr", "fortran_order", "shape"};
  for (std::size_t i = 0; i < dict.items.size(); i += 2) {
    const PyLiteral& key = dict.items[i];
    if (key.kind != PyLiteral::Kind::Str ||
        std::find(std::begin(kKeys), std::end(kKeys), key.str) == std::end(kKeys))
      throw ValueError(source + ": unexpected key " + std::string(key.text) +
                       " in the .npy header");
    for (std::size_t j = 0; j < i; j += 2)
      if (dict.items[j].str == key.str)
        throw ValueError(source + ": duplicate key " + std::string(key.text) +
                         " in the .npy header");
  }
  for (std::string_view key : kKeys)
    if (find_key(dict, key) == nullptr)
      throw ValueError(source + ": the .npy header has no '" + std::string(key) + "' key");
}

Shape parse_shape(const PyLiteral& value, const std::string& source) {
  bool valid = value.kind == PyLiteral::Kind::Tuple;
  Shape shape;
  for (const PyLiteral& dim : value.items) {
    valid = valid && dim.kind == PyLiteral::Kind::Int && dim.number >= 0;
    shape.push_back(dim.number);
  }
  if (!valid)
    throw ValueError(source +
                     ": 'shape' in the .npy header is not a tuple of non-negative "
                     "integers: " +
                     std::string(value.text));
  return shape;
}

// The number of data bytes the shape needs. As in NumPy, the product of the non-zero
// dims times the item size must fit an int64 even when another dim is 0.
std::size_t data_byte_count(const Shape& shape, DType dtype, const std::string& source) {
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  std::int64_t bytes = itemsize(dtype);
  bool empty = false;
  for (std::int64_t dim : shape) {
    if (dim == 0) {
      empty = true;
    } else if (bytes > max / dim) {
      throw ValueError(source + ": the .npy header declares shape " + python_tuple(shape) +
                       ", which is too large");
    } else {
      bytes *= dim;
    }
  }
  return empty ? 0 : static_cast<std::size_t>(bytes);
}

NpyLayout layout_from_header(std::string_view header, const std::string& source) {
  PyLiteral dict = LiteralParser(header, source).parse_all();
  if (dict.kind != PyLiteral::Kind::Dict)
    throw ValueError(
        source + ": the .npy header is not a dictionary: " + std::string(dict.text.substr(0, 200)));
  check_keys(dict, source);

  NpyLayout layout;
  const PyLiteral& descr = *find_key(dict, "descr");
  if (descr.kind == PyLiteral::Kind::List)
    throw TypeError(source + ": structured data type " + std::string(descr.text) +
                    " is not supported");
  if (descr.kind != PyLiteral::Kind::Str)
    throw ValueError(source +
                     ": 'descr' in the .npy header is not a string: " + std::string(descr.text));
  parse_descr(descr.str, layout, source);

  const PyLiteral& fortran = *find_key(dict, "fortran_order");
  if (fortran.kind != PyLiteral::Kind::Bool)
    throw ValueError(source + ": 'fortran_order' in the .npy header is not True or False: " +
                     std::string(fortran.text));
  layout.fortran_order = fortran.number != 0;
  layout.shape = parse_shape(*find_key(dict, "shape"), source);
  layout.data_bytes = data_byte_count(layout.shape, layout.dtype, source);
  return layout;
}

// Magic, version, header length, header: everything is checked against the file size
// before it is trusted, so a lying header can neither read past the end nor make us
// allocate memory the file cannot fill.
NpyLayout read_layout(const std::byte* file, std::size_t size, const std::string& source) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(file);
  if (size == 0) throw ValueError(source + ": the file is empty, not a .npy file");
  if (size < kMagicLength + 2 || std::memcmp(bytes, kMagic, kMagicLength) != 0)
    throw ValueError(source + ": not a .npy file (the magic string \\x93NUMPY is missing)");
  const int major = bytes[6], minor = bytes[7];
  if (major < 1 || major > 3 || minor != 0)
    throw ValueError(source + ": unsupported .npy format version " + std::to_string(major) + "." +
                     std::to_string(minor) + " (known: 1.0, 2.0, 3.0)");

  const std::size_t length_bytes = major == 1 ? 2 : 4;
  const std::size_t prefix = kMagicLength + 2 + length_bytes;
  if (size < prefix) throw ValueError(source + ": the .npy file ends inside its header length");
  std::size_t header_length = 0;
  for (std::size_t i = 0; i < length_bytes; ++i)
    header_length |= std::size_t(bytes[kMagicLength + 2 + i]) << (8 * i);
  if (header_length > size - prefix)
    throw ValueError(source + ": the .npy header length " + std::to_string(header_length) +
                     " runs past the end of the file (" + std::to_string(size) + " bytes)");

  std::string_view header(reinterpret_cast<const char*>(bytes) + prefix, header_length);
  NpyLayout layout = layout_from_header(header, source);
  layout.data_offset = prefix + header_length;
  const std::size_t available = size - layout.data_offset;
  // Trailing bytes beyond the data are ignored, as NumPy ignores them.
  if (layout.data_bytes > available)
    throw ValueError(source + ": the .npy file is truncated: shape " + python_tuple(layout.shape) +
                     " of " + name(layout.dtype) + " needs " + std::to_string(layout.data_bytes) +
                     " data bytes but only " + std::to_string(available) + " follow the header");
  return layout;
}

// ---------------------------------------------------------------------------------------
// From the file's bytes to the array
// ---------------------------------------------------------------------------------------

Shape f_strides(const Shape& shape, std::int64_t itemsize) {
  Shape strides(shape.size());
  std::int64_t step = itemsize;
  for (std::size_t d = 0; d < shape.size(); ++d) {
    strides[d] = step;
    step *= std::max<std::int64_t>(shape[d], 1);
  }
  return strides;
}

template <class T>
void reverse_bytes_of_each(std::byte* data, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i)
    std::reverse(data + i * sizeof(T), data + (i + 1) * sizeof(T));
}

// A C++ bool must hold 0 or 1; NumPy treats any non-zero byte as True, so map it to 1.
void normalise_bools(std::byte* data, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i)
    if (data[i] != std::byte{0}) data[i] = std::byte{1};
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Shared helpers (see the declarations at the top)
// ---------------------------------------------------------------------------------------

namespace detail {

std::shared_ptr<Storage> read_file(const std::string& path) {
  FileDescriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  struct stat info;
  if (file.fd < 0 || ::fstat(file.fd, &info) != 0) throw_io_error(errno, path);
  if (S_ISDIR(info.st_mode)) throw_io_error(EISDIR, path);
  if (!S_ISREG(info.st_mode)) throw IOError("not a regular file: '" + path + "'");

  std::size_t size = static_cast<std::size_t>(info.st_size);
  auto storage = Storage::allocate(size);
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(file.fd, storage->data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_io_error(errno, path);
    if (n == 0) break;  // the file shrank while we read it
    done += static_cast<std::size_t>(n);
  }
  if (done == size) return storage;
  auto shorter = Storage::allocate(done);
  std::memcpy(shorter->data(), storage->data(), done);
  return shorter;
}

void write_all(int fd, const void* data, std::size_t size, const std::string& path) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_io_error(errno, path);
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

// `fill(temp_path, fd)` writes the new contents into a fresh temporary beside `path`
// (through `fd`, or by path); only when it has completely succeeded does the temporary
// replace `path`, in one rename. On any failure the temporary is removed, `path` keeps
// its old contents, and the error propagates.
void replace_file_atomically(const std::string& path,
                             const std::function<void(const std::string&, int)>& fill) {
  std::string temp_path;
  FileDescriptor temp{create_temp_file(path, temp_path)};
  try {
    fill(temp_path, temp.fd);
    if (temp.close() != 0) throw_io_error(errno, path);
    flush_to_disk(temp_path, path);
    if (std::rename(temp_path.c_str(), path.c_str()) != 0) throw_io_error(errno, path);
  } catch (...) {
    std::remove(temp_path.c_str());
    throw;
  }
}

// The file's bytes become the array's storage: the array is a view past the header, so
// loading copies nothing. Only data that is not aligned for its type gets its own copy.
Array npy_from_storage(std::shared_ptr<Storage> file, const std::string& source) {
  const NpyLayout layout = read_layout(file->data(), file->nbytes(), source);
  if (layout.data_bytes == 0) return empty(layout.shape, layout.dtype);

  const std::int64_t item = itemsize(layout.dtype);
  std::shared_ptr<Storage> storage = std::move(file);
  std::size_t offset = layout.data_offset;
  if (offset % static_cast<std::size_t>(item) != 0) {
    auto aligned = Storage::allocate(layout.data_bytes);
    std::memcpy(aligned->data(), storage->data() + offset, layout.data_bytes);
    storage = std::move(aligned);
    offset = 0;
  }

  std::byte* data = storage->data() + offset;
  const std::size_t count = layout.data_bytes / static_cast<std::size_t>(item);
  if (layout.byte_swap)
    dispatch(layout.dtype,
             [&](auto tag) { reverse_bytes_of_each<typename decltype(tag)::type>(data, count); });
  if (layout.dtype == bool_) normalise_bools(data, count);

  Shape strides =
      layout.fortran_order ? f_strides(layout.shape, item) : c_strides(layout.shape, item);
  return Array(std::move(storage), layout.dtype, layout.shape, std::move(strides),
               static_cast<std::int64_t>(offset));
}

}  // namespace detail

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

std::string npy_bytes(const Array& a) {
  const Array c = c_ordered(a);
  std::string out = npy_header(c);
  out.append(reinterpret_cast<const char*>(c.bytes()), static_cast<std::size_t>(c.nbytes()));
  return out;
}

Array npy_parse(const std::string& bytes, const std::string& source_name) {
  auto storage = Storage::allocate(bytes.size());
  if (!bytes.empty()) std::memcpy(storage->data(), bytes.data(), bytes.size());
  return detail::npy_from_storage(std::move(storage), source_name);
}

void save(const std::string& path, const Array& a) {
  // The header and the data go out separately so that no second copy of the data is made.
  const Array c = c_ordered(a);
  const std::string header = npy_header(c);
  detail::replace_file_atomically(path, [&](const std::string&, int fd) {
    detail::write_all(fd, header.data(), header.size(), path);
    detail::write_all(fd, c.bytes(), static_cast<std::size_t>(c.nbytes()), path);
  });
}

Array load(const std::string& path) {
  return detail::npy_from_storage(detail::read_file(path), path);
}

}  // namespace nd
