// .npy and .npz: loading what NumPy wrote (fixtures from tests/gen_npy.py), writing
// what NumPy writes byte for byte, atomic saves, and refusing malformed files cleanly.
#include "support/test_support.h"

#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nd_test::arrays_identical;
using nd_test::fixture_path;
using nd_test::read_text_file;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

// A fresh directory, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ndgrad_npy_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  // The names of the directory's entries, to check that no temporary was left behind.
  std::set<std::string> entries() const {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(path_))
      names.insert(entry.path().filename().string());
    return names;
  }

 private:
  fs::path path_;
};

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// One line of fixtures/npy/manifest.txt; the format is documented in tests/gen_npy.py.
struct Fixture {
  std::string file;   // "x.npy", or "archive.npz:member"
  std::string dtype;  // NumPy's name, or "error" for a file that must be refused
  nd::Shape shape;
  std::set<std::string> tags;
  std::vector<std::string> values;
  std::string error_class, error_text;

  bool has(const std::string& tag) const { return tags.count(tag) != 0; }
  bool is_error() const { return dtype == "error"; }
  bool in_archive() const { return file.find(".npz:") != std::string::npos; }
};

nd::Shape parse_shape(const std::string& text) {
  nd::Shape shape;
  if (text == "scalar") return shape;
  std::stringstream in(text);
  std::string dim;
  while (std::getline(in, dim, 'x')) shape.push_back(std::stoll(dim));
  return shape;
}

std::vector<Fixture> read_manifest() {
  std::vector<Fixture> fixtures;
  std::istringstream lines(read_text_file(fixture_path("npy/manifest.txt")));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    Fixture f;
    fields >> f.file >> f.dtype;
    if (f.is_error()) {
      fields >> f.error_class;
      std::getline(fields >> std::ws, f.error_text);
    } else {
      std::string shape, tags, value;
      fields >> shape >> tags;
      f.shape = parse_shape(shape);
      std::stringstream tag_list(tags);
      for (std::string tag; std::getline(tag_list, tag, ',');) f.tags.insert(tag);
      while (fields >> value) f.values.push_back(value);
    }
    fixtures.push_back(f);
  }
  return fixtures;
}

// The loadable, stand-alone .npy fixtures.
std::vector<Fixture> npy_fixtures() {
  std::vector<Fixture> out;
  for (const Fixture& f : read_manifest())
    if (!f.is_error() && !f.in_archive()) out.push_back(f);
  return out;
}

template <class T>
T parse_value(const std::string& text) {
  if constexpr (std::is_same_v<T, bool>)
    return text != "0";
  else if constexpr (std::is_floating_point_v<T>)
    return static_cast<T>(std::strtod(text.c_str(), nullptr));
  else
    return static_cast<T>(std::stoll(text));
}

// The array the manifest line describes, built without the .npy code.
nd::Array expected_array(const Fixture& f) {
  nd::Array a = nd::empty(f.shape, nd::dtype_from_name(f.dtype));
  EXPECT_EQ(static_cast<std::size_t>(a.size()), f.values.size()) << f.file;
  nd::dispatch(a.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* data = a.data<T>();
    for (std::size_t i = 0; i < f.values.size() && i < std::size_t(a.size()); ++i)
      data[i] = parse_value<T>(f.values[i]);
  });
  return a;
}

// A format 1.0 file around `dict`, padded the way NumPy pads (written independently of
// the library so that tests can feed it headers it would never write).
std::string make_npy(const std::string& dict, const std::string& data = "") {
  std::string header = dict;
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY\x01";
  out += '\0';
  out += static_cast<char>(header.size() & 0xFF);
  out += static_cast<char>(header.size() >> 8);
  return out + header + data;
}

std::string float64_data(std::initializer_list<double> values) {
  std::string out;
  for (double v : values) out.append(reinterpret_cast<const char*>(&v), sizeof v);
  return out;
}

// Runs `fn` expecting exception E whose message contains `text`.
template <class E>
void expect_error(const std::function<void()>& fn, const std::string& text,
                  const std::string& context = "") {
  try {
    fn();
    ADD_FAILURE() << "no exception; expected one containing \"" << text << "\" " << context;
  } catch (const E& e) {
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos)
        << "message: " << e.what() << "\nexpected to contain: " << text << " " << context;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "wrong exception type: " << e.what() << " " << context;
  }
}

// Makes writes beyond `bytes` fail with EFBIG (instead of killing the process with
// SIGXFSZ) for the lifetime of the object: a disk that fills up in the middle of a save.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    getrlimit(RLIMIT_FSIZE, &old_limit_);
    rlimit limit = old_limit_;
    limit.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &old_limit_);
    std::signal(SIGXFSZ, old_handler_);
  }

 private:
  rlimit old_limit_;
  void (*old_handler_)(int);
};

// ---------------------------------------------------------------------------------------
// Zip structure, read by hand (independent of libzip)
// ---------------------------------------------------------------------------------------

struct ZipMember {
  std::string name;
  int method;  // 0 stored, 8 deflated
  std::uint64_t compressed_size, size;
  std::size_t central_entry;  // offset of the central directory entry
  std::size_t data_offset;    // offset of the member's (compressed) bytes
};

std::uint64_t little_endian(const std::string& s, std::size_t pos, int nbytes) {
  std::uint64_t v = 0;
  for (int i = nbytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s.at(pos + i));
  return v;
}

// Walks the central directory of a small (non-zip64) archive.
std::vector<ZipMember> zip_members(const std::string& zip) {
  const std::size_t end = zip.rfind(std::string("PK\x05\x06", 4));
  EXPECT_NE(end, std::string::npos) << "no end-of-central-directory record";
  if (end == std::string::npos) return {};
  const auto count = little_endian(zip, end + 10, 2);
  std::size_t pos = little_endian(zip, end + 16, 4);
  std::vector<ZipMember> members;
  for (std::uint64_t i = 0; i < count; ++i) {
    EXPECT_EQ(zip.substr(pos, 4), std::string("PK\x01\x02", 4));
    ZipMember m;
    m.method = static_cast<int>(little_endian(zip, pos + 10, 2));
    m.compressed_size = little_endian(zip, pos + 20, 4);
    m.size = little_endian(zip, pos + 24, 4);
    const auto name_length = little_endian(zip, pos + 28, 2);
    const auto extra_length = little_endian(zip, pos + 30, 2);
    const auto comment_length = little_endian(zip, pos + 32, 2);
    const auto local = little_endian(zip, pos + 42, 4);
    m.name = zip.substr(pos + 46, name_length);
    m.central_entry = pos;
    m.data_offset =
        local + 30 + little_endian(zip, local + 26, 2) + little_endian(zip, local + 28, 2);
    members.push_back(m);
    pos += 46 + name_length + extra_length + comment_length;
  }
  return members;
}

nd::NamedArrays sample_arrays() {
  return {{"weights", nd::load(fixture_path("npy/float64_2d.npy"))},
          {"fortran", nd::load(fixture_path("npy/fortran_i32_3d.npy"))},
          {"flags", nd::load(fixture_path("npy/bool_1d.npy"))},
          {"scalar", nd::load(fixture_path("npy/uint8_0d.npy"))},
          {"empty", nd::zeros({0, 3}, nd::float32)}};
}

// ---------------------------------------------------------------------------------------
// Loading NumPy's files
// ---------------------------------------------------------------------------------------

TEST(NpyLoad, EveryNumPyFixtureHasExactlyTheExpectedValues) {
  std::vector<Fixture> fixtures = npy_fixtures();
  ASSERT_GE(fixtures.size(), 25u);
  for (const Fixture& f : fixtures) {
    SCOPED_TRACE(f.file);
    nd::Array a = nd::load(fixture_path("npy/" + f.file));
    EXPECT_TRUE(arrays_identical(a, expected_array(f)));
  }
}

TEST(NpyLoad, FortranOrderFilesGiveNumPysFContiguousArray) {
  for (const Fixture& f : npy_fixtures()) {
    if (!f.has("fortran")) continue;
    SCOPED_TRACE(f.file);
    nd::Array a = nd::load(fixture_path("npy/" + f.file));
    EXPECT_TRUE(a.flags().f_contiguous);
    EXPECT_FALSE(a.flags().c_contiguous);
  }
  // fortran_f64_2d is np.arange(12).reshape(3, 4) in F order: a[1, 0] is 4.
  nd::Array a = nd::load(fixture_path("npy/fortran_f64_2d.npy"));
  EXPECT_EQ(a.index({1, 0}).item<double>(), 4.0);
  EXPECT_EQ(a.index({0, 1}).item<double>(), 1.0);
}

TEST(NpyLoad, ZeroDimensionalAndEmptyArrays) {
  nd::Array s = nd::load(fixture_path("npy/float64_0d.npy"));
  EXPECT_EQ(s.ndim(), 0);
  EXPECT_EQ(s.item<double>(), 3.5);
  nd::Array e = nd::load(fixture_path("npy/uint8_empty_3d.npy"));
  EXPECT_EQ(e.shape(), (nd::Shape{2, 0, 4}));
  EXPECT_EQ(e.dtype(), nd::uint8);
  nd::Array wide = nd::load(fixture_path("npy/float32_empty_wide.npy"));
  EXPECT_EQ(wide.shape(), (nd::Shape{12345678901, 0}));
}

TEST(NpyLoad, UnsupportedDTypesThrowTypeErrorNamingThem) {
  int count = 0;
  for (const Fixture& f : read_manifest()) {
    if (!f.is_error()) continue;
    ASSERT_EQ(f.error_class, "TypeError");
    expect_error<nd::TypeError>([&] { nd::load(fixture_path("npy/" + f.file)); }, f.error_text,
                                f.file);
    ++count;
  }
  EXPECT_GE(count, 5);
}

TEST(NpyLoad, AcceptsHeadersNumPyWouldNotWriteButReads) {
  const std::string data = float64_data({1.5, -2.0});
  // Double quotes, no trailing comma, odd spacing, Python 2's long suffix, '=' order.
  for (const std::string& dict :
       {std::string("{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (2,)}"),
        std::string("{ 'shape' : ( 2 , ) , 'fortran_order':False,'descr':'=f8' }"),
        std::string("{'descr': 'f8', 'fortran_order': False, 'shape': (2L,), }")}) {
    SCOPED_TRACE(dict);
    nd::Array a = nd::npy_parse(make_npy(dict, data), "test");
    EXPECT_TRUE(arrays_identical(a, nd::array({1.5, -2.0})));
  }
  // Trailing bytes after the data are ignored, as NumPy ignores them.
  nd::Array a = nd::npy_parse(
      make_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", data + "junk"), "t");
  EXPECT_TRUE(arrays_identical(a, nd::array({1.5, -2.0})));
}

TEST(NpyLoad, DataThatIsNotAlignedForItsTypeIsCopied) {
  // A header padded to 63 bytes puts float64 data at offset 73, not a multiple of 8.
  std::string dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }";
  dict.resize(62, ' ');
  std::string file = "\x93NUMPY\x01";
  file += '\0';
  file += static_cast<char>(63);
  file += '\0';
  file += dict + "\n" + float64_data({0.25, 8.0});
  nd::Array a = nd::npy_parse(file, "misaligned");
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(a.bytes()) % 8, 0u);
  EXPECT_TRUE(arrays_identical(a, nd::array({0.25, 8.0})));
}

TEST(NpyLoad, BoolBytesOtherThanZeroAndOneBecomeTrue) {
  nd::Array a = nd::npy_parse(make_npy("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }",
                                       std::string("\x00\x02\xff", 3)),
                              "bools");
  const auto* bytes = reinterpret_cast<const unsigned char*>(a.bytes());
  EXPECT_EQ(bytes[0], 0);
  EXPECT_EQ(bytes[1], 1);
  EXPECT_EQ(bytes[2], 1);
}

// ---------------------------------------------------------------------------------------
// Writing what NumPy writes
// ---------------------------------------------------------------------------------------

TEST(NpySave, NpyBytesEqualNumPysBytesForEveryExactFixture) {
  int count = 0;
  for (const Fixture& f : npy_fixtures()) {
    if (!f.has("exact")) continue;
    SCOPED_TRACE(f.file);
    const std::string numpy_bytes = read_text_file(fixture_path("npy/" + f.file));
    EXPECT_EQ(nd::npy_bytes(expected_array(f)), numpy_bytes);
    ++count;
  }
  EXPECT_GE(count, 15);
}

TEST(NpySave, ArraysBuiltInCppEncodeLikeNumPy) {
  auto numpy_bytes = [](const std::string& name) {
    return read_text_file(fixture_path("npy/" + name));
  };
  EXPECT_EQ(nd::npy_bytes(nd::arange(24).reshape({2, 3, 4})), numpy_bytes("int64_3d.npy"));
  EXPECT_EQ(nd::npy_bytes(nd::array({true, false, true, true, false})), numpy_bytes("bool_1d.npy"));
  EXPECT_EQ(nd::npy_bytes(nd::scalar(3.5)), numpy_bytes("float64_0d.npy"));
  EXPECT_EQ(nd::npy_bytes(nd::zeros({0, 3}, nd::int32)), numpy_bytes("int32_empty_2d.npy"));
  nd::Shape shape32(std::size_t{32}, 1);
  shape32[31] = 2;
  EXPECT_EQ(nd::npy_bytes(nd::full(shape32, 9, nd::uint8)), numpy_bytes("uint8_32d.npy"));
}

TEST(NpySave, NonContiguousArraysAreWrittenInCOrder) {
  nd::Array a = nd::arange(24).reshape({2, 3, 4});
  nd::Array t = a.transpose({2, 0, 1});
  nd::Array stepped = a.index({nd::Slice(), nd::Slice(nd::None, nd::None, 2)});
  for (const nd::Array& view : {t, stepped}) {
    EXPECT_EQ(nd::npy_bytes(view), nd::npy_bytes(view.copy()));
    EXPECT_TRUE(arrays_identical(nd::npy_parse(nd::npy_bytes(view), "view"), view));
  }
}

TEST(NpySave, EveryFixtureRoundTripsThroughAFile) {
  TempDir dir;
  for (const Fixture& f : npy_fixtures()) {
    SCOPED_TRACE(f.file);
    nd::Array a = nd::load(fixture_path("npy/" + f.file));
    nd::save(dir.file(f.file), a);
    nd::Array back = nd::load(dir.file(f.file));
    EXPECT_TRUE(arrays_identical(back, a));
    EXPECT_TRUE(back.flags().c_contiguous);
  }
}

TEST(NpySave, HeaderLongerThan65535BytesUsesFormat2) {
  // 22000 axes of length 1: the shape tuple alone is 66000 characters.
  nd::Array a = nd::zeros(nd::Shape(std::size_t{22000}, 1), nd::int32);
  const std::string bytes = nd::npy_bytes(a);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x93NUMPY\x02\x00", 8));
  const std::size_t header_length = little_endian(bytes, 8, 4);
  EXPECT_EQ((12 + header_length) % 64, 0u);
  EXPECT_EQ(bytes.size(), 12 + header_length + 4);
  EXPECT_EQ(bytes[12 + header_length - 1], '\n');
  EXPECT_TRUE(arrays_identical(nd::npy_parse(bytes, "v2"), a));
}

TEST(NpySave, OverwritesAnExistingFile) {
  TempDir dir;
  nd::save(dir.file("a.npy"), nd::arange(100));
  nd::save(dir.file("a.npy"), nd::array({7, 8}));
  EXPECT_TRUE(arrays_identical(nd::load(dir.file("a.npy")), nd::array({7, 8})));
  EXPECT_EQ(dir.entries(), std::set<std::string>{"a.npy"});
}

TEST(NpySave, NewFilesGetTheUsualPermissions) {
  TempDir dir;
  const mode_t mask = umask(022);
  umask(mask);
  nd::save(dir.file("a.npy"), nd::arange(3));
  struct stat info;
  ASSERT_EQ(stat(dir.file("a.npy").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0666 & ~mask);
}

// ---------------------------------------------------------------------------------------
// Atomic saves
// ---------------------------------------------------------------------------------------

TEST(NpyAtomic, SavingIntoAMissingDirectoryThrowsIOError) {
  TempDir dir;
  expect_error<nd::IOError>([&] { nd::save(dir.file("missing/a.npy"), nd::arange(3)); },
                            "No such file or directory");
  EXPECT_TRUE(dir.entries().empty());
}

TEST(NpyAtomic, AFailedRenameLeavesNoTemporary) {
  TempDir dir;
  fs::create_directory(dir.file("target.npy"));  // rename onto a directory fails
  EXPECT_THROW(nd::save(dir.file("target.npy"), nd::arange(3)), nd::IOError);
  EXPECT_EQ(dir.entries(), std::set<std::string>{"target.npy"});
}

TEST(NpyAtomic, AWriteThatFailsHalfwayKeepsTheOldFile) {
  TempDir dir;
  const std::string path = dir.file("a.npy");
  nd::save(path, nd::arange(10));
  const std::string before = read_text_file(path);
  {
    FileSizeLimit limit(4096);
    expect_error<nd::IOError>([&] { nd::save(path, nd::zeros({100000})); }, "File too large");
  }
  EXPECT_EQ(read_text_file(path), before);
  EXPECT_EQ(dir.entries(), std::set<std::string>{"a.npy"});
}

// ---------------------------------------------------------------------------------------
// Malformed files
// ---------------------------------------------------------------------------------------

TEST(NpyErrors, MissingFileOrDirectoryIsIOError) {
  TempDir dir;
  expect_error<nd::IOError>([&] { nd::load(dir.file("nope.npy")); }, "No such file");
  expect_error<nd::IOError>([&] { nd::load(dir.file("")); }, "Is a directory");
}

TEST(NpyErrors, EmptyFileIsValueError) {
  TempDir dir;
  write_file(dir.file("empty.npy"), "");
  expect_error<nd::ValueError>([&] { nd::load(dir.file("empty.npy")); }, "empty");
}

TEST(NpyErrors, EveryTruncationIsAValueError) {
  const std::string whole = read_text_file(fixture_path("npy/float64_2d.npy"));
  for (std::size_t size = 0; size < whole.size(); ++size)
    EXPECT_THROW(nd::npy_parse(whole.substr(0, size), "cut"), nd::ValueError) << size;
  TempDir dir;
  write_file(dir.file("cut.npy"), whole.substr(0, whole.size() - 1));
  expect_error<nd::ValueError>([&] { nd::load(dir.file("cut.npy")); }, "truncated");
}

TEST(NpyErrors, CorruptedHeaderBytesThrowOrLoadButNeverCrash) {
  const std::string whole = read_text_file(fixture_path("npy/int64_3d.npy"));
  const std::size_t data_offset = 128;
  for (std::size_t pos = 0; pos < data_offset; ++pos) {
    for (char garbage : {'\0', '\xff', '9', '(', '}', '\'', ' ', 'x', '-'}) {
      std::string bad = whole;
      bad[pos] = garbage;
      try {
        nd::Array a = nd::npy_parse(bad, "flipped");
        EXPECT_LE(a.nbytes(), 192);  // a benign flip (e.g. in the padding) still loads
      } catch (const nd::Error& e) {
        EXPECT_GT(std::string(e.what()).size(), 0u);
      }
    }
  }
}

TEST(NpyErrors, BadMagicOrVersion) {
  std::string good = read_text_file(fixture_path("npy/int32_1d.npy"));
  std::string bad_magic = good;
  bad_magic[1] = 'M';
  expect_error<nd::ValueError>([&] { nd::npy_parse(bad_magic, "f"); }, "magic");
  expect_error<nd::ValueError>([&] { nd::npy_parse("hello, world", "f"); }, "magic");
  std::string bad_version = good;
  bad_version[6] = 4;
  expect_error<nd::ValueError>([&] { nd::npy_parse(bad_version, "f"); }, "version 4.0");
}

TEST(NpyErrors, LyingShapesAreRejectedBeforeAnyAllocation) {
  // 10**12 float64 would be 8 TB: the file's size gives the lie away.
  expect_error<nd::ValueError>(
      [] {
        nd::npy_parse(make_npy("{'descr': '<f8', 'fortran_order': False, 'shape': "
                               "(1000000000000,), }",
                               float64_data({1.0})),
                      "big");
      },
      "truncated");
  // Dims whose product overflows int64.
  expect_error<nd::ValueError>(
      [] {
        nd::npy_parse(make_npy("{'descr': '<f8', 'fortran_order': False, 'shape': "
                               "(4611686018427387904, 4, 0), }"),
                      "overflow");
      },
      "too large");
  // A header length that runs past the end of the file.
  std::string file = make_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }");
  file[8] = '\xff';
  file[9] = '\xff';
  expect_error<nd::ValueError>([&] { nd::npy_parse(file, "long header"); }, "past the end");
}

TEST(NpyErrors, MalformedHeadersNameTheProblem) {
  const std::string ok_data = float64_data({1.0, 2.0});
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[1, 2]", "not a dictionary"},
      {"{'descr': '<f8', 'fortran_order': False}", "no 'shape' key"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1}", "unexpected key"},
      {"{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (2,)}", "duplicate"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}", "non-negative"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 'a')}", "non-negative"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': [2]}", "tuple"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (2)}", "tuple"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (2.5,)}", "tuple"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}",
       "integer too large"},
      {"{'descr': '<f8', 'fortran_order': 'yes', 'shape': (2,)}", "True or False"},
      {"{'descr': 8, 'fortran_order': False, 'shape': (2,)}", "not a string"},
      {"{'descr': '<f8", "unterminated string"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': " + std::string(5000, '(') + "}",
       "nesting too deep"},
      {"hello", "unexpected name"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (2,)} extra", "unexpected text"},
      {"{'descr': '<f8' 'fortran_order': False, 'shape': (2,)}", "expected '}'"},
      {"", "unexpected end"},
  };
  for (const auto& [dict, message] : cases)
    expect_error<nd::ValueError>([&] { nd::npy_parse(make_npy(dict, ok_data), "hdr"); }, message,
                                 dict.substr(0, 80));
}

// ---------------------------------------------------------------------------------------
// .npz archives
// ---------------------------------------------------------------------------------------

void expect_archive_matches_manifest(const std::string& archive) {
  std::map<std::string, nd::Array> arrays = nd::load_npz(fixture_path("npy/" + archive));
  std::set<std::string> expected_names;
  for (const Fixture& f : read_manifest()) {
    if (f.file.rfind(archive + ":", 0) != 0) continue;
    const std::string name = f.file.substr(archive.size() + 1);
    expected_names.insert(name);
    SCOPED_TRACE(f.file);
    ASSERT_TRUE(arrays.count(name));
    EXPECT_TRUE(arrays_identical(arrays.at(name), expected_array(f)));
  }
  std::set<std::string> names;
  for (const auto& entry : arrays) names.insert(entry.first);
  EXPECT_EQ(names, expected_names);
}

TEST(Npz, LoadsNumPysSavez) {
  expect_archive_matches_manifest("savez.npz");
}

TEST(Npz, LoadsNumPysSavezCompressed) {
  expect_archive_matches_manifest("savez_compressed.npz");
  // The member NumPy stored in Fortran order keeps that layout.
  auto arrays = nd::load_npz(fixture_path("npy/savez_compressed.npz"));
  EXPECT_TRUE(arrays.at("fortran").flags().f_contiguous);
}

TEST(Npz, RoundTripsInBothFlavours) {
  TempDir dir;
  const nd::NamedArrays arrays = sample_arrays();
  nd::savez(dir.file("plain.npz"), arrays);
  nd::savez_compressed(dir.file("small.npz"), arrays);
  for (std::string file : {"plain.npz", "small.npz"}) {
    SCOPED_TRACE(file);
    auto loaded = nd::load_npz(dir.file(file));
    ASSERT_EQ(loaded.size(), arrays.size());
    for (const auto& [name, array] : arrays) EXPECT_TRUE(arrays_identical(loaded.at(name), array));
  }
  EXPECT_EQ(dir.entries(), (std::set<std::string>{"plain.npz", "small.npz"}));
}

TEST(Npz, ArchivesHoldNamedNpyMembersAsNumPyExpects) {
  TempDir dir;
  const nd::NamedArrays arrays = sample_arrays();
  nd::savez(dir.file("plain.npz"), arrays);
  nd::savez_compressed(dir.file("small.npz"), arrays);

  const std::string plain = read_text_file(dir.file("plain.npz"));
  std::vector<ZipMember> members = zip_members(plain);
  ASSERT_EQ(members.size(), arrays.size());
  for (std::size_t i = 0; i < members.size(); ++i) {
    SCOPED_TRACE(members[i].name);
    EXPECT_EQ(members[i].name, arrays[i].first + ".npy");
    EXPECT_EQ(members[i].method, 0);
    // A stored member is the .npy file itself, byte for byte.
    const std::string member = plain.substr(members[i].data_offset, members[i].size);
    EXPECT_EQ(member, nd::npy_bytes(arrays[i].second));
    EXPECT_TRUE(arrays_identical(nd::npy_parse(member, members[i].name), arrays[i].second));
  }

  std::vector<ZipMember> deflated = zip_members(read_text_file(dir.file("small.npz")));
  ASSERT_EQ(deflated.size(), arrays.size());
  for (std::size_t i = 0; i < deflated.size(); ++i) {
    EXPECT_EQ(deflated[i].name, arrays[i].first + ".npy");
    EXPECT_EQ(deflated[i].method, 8);
    EXPECT_EQ(deflated[i].size, nd::npy_bytes(arrays[i].second).size());
  }
}

TEST(Npz, AnArchiveWithoutArraysIsAnEmptyZip) {
  TempDir dir;
  nd::savez(dir.file("none.npz"), {});
  EXPECT_EQ(read_text_file(dir.file("none.npz")).substr(0, 4), std::string("PK\x05\x06", 4));
  EXPECT_TRUE(nd::load_npz(dir.file("none.npz")).empty());
}

TEST(Npz, BadNamesAreValueErrorsAndWriteNothing) {
  TempDir dir;
  nd::Array a = nd::arange(3);
  expect_error<nd::ValueError>(
      [&] {
        nd::savez(dir.file("x.npz"), {{"a", a}, {"a", a}});
      },
      "duplicate");
  expect_error<nd::ValueError>([&] { nd::savez(dir.file("x.npz"), {{"", a}}); }, "empty");
  EXPECT_TRUE(dir.entries().empty());
}

TEST(NpzErrors, MissingEmptyAndNonZipFiles) {
  TempDir dir;
  expect_error<nd::IOError>([&] { nd::load_npz(dir.file("nope.npz")); }, "No such file");
  write_file(dir.file("empty.npz"), "");
  expect_error<nd::ValueError>([&] { nd::load_npz(dir.file("empty.npz")); }, "empty");
  write_file(dir.file("text.npz"), "this is not a zip archive\n");
  expect_error<nd::ValueError>([&] { nd::load_npz(dir.file("text.npz")); }, "Not a zip");
  expect_error<nd::IOError>([&] { nd::savez(dir.file("missing/x.npz"), sample_arrays()); },
                            "No such file");
}

TEST(NpzErrors, TruncatedArchivesAreValueErrors) {
  TempDir dir;
  for (std::string name : {"savez.npz", "savez_compressed.npz"}) {
    const std::string whole = read_text_file(fixture_path("npy/" + name));
    for (std::size_t size : {std::size_t(1), std::size_t(30), whole.size() / 3, whole.size() / 2,
                             whole.size() - 30, whole.size() - 1}) {
      write_file(dir.file("cut.npz"), whole.substr(0, size));
      EXPECT_THROW(nd::load_npz(dir.file("cut.npz")), nd::ValueError) << name << " " << size;
    }
  }
}

TEST(NpzErrors, CorruptedMemberDataIsAValueError) {
  TempDir dir;
  nd::savez(dir.file("plain.npz"), sample_arrays());
  nd::savez_compressed(dir.file("small.npz"), sample_arrays());
  for (std::string name : {"plain.npz", "small.npz"}) {
    const std::string whole = read_text_file(dir.file(name));
    const ZipMember first = zip_members(whole).at(0);
    // (Not the last byte: it may hold only the padding bits after deflate's end code.)
    for (std::uint64_t at : {std::uint64_t(0), first.compressed_size / 3, first.compressed_size / 2,
                             2 * first.compressed_size / 3}) {
      std::string bad = whole;
      bad[first.data_offset + at] ^= 0x5A;
      write_file(dir.file("bad.npz"), bad);
      EXPECT_THROW(nd::load_npz(dir.file("bad.npz")), nd::ValueError) << name << " " << at;
    }
  }
}

TEST(NpzErrors, LyingMemberSizesAreRejectedBeforeAllocating) {
  TempDir dir;
  nd::savez_compressed(dir.file("small.npz"), sample_arrays());
  nd::savez(dir.file("plain.npz"), sample_arrays());
  for (std::string name : {"small.npz", "plain.npz"}) {
    std::string bad = read_text_file(dir.file(name));
    const ZipMember first = zip_members(bad).at(0);
    for (int i = 0; i < 4; ++i) bad[first.central_entry + 24 + i] = i == 3 ? '\x7f' : '\xff';
    write_file(dir.file("bad.npz"), bad);
    expect_error<nd::ValueError>([&] { nd::load_npz(dir.file("bad.npz")); }, "claims", name);
  }
}

TEST(NpzErrors, AWriteThatFailsHalfwayKeepsTheOldFile) {
  TempDir dir;
  const std::string path = dir.file("a.npz");
  nd::savez(path, sample_arrays());
  const std::string before = read_text_file(path);
  {
    FileSizeLimit limit(8192);
    EXPECT_THROW(nd::savez(path, {{"big", nd::zeros({100000})}}), nd::IOError);
  }
  EXPECT_EQ(read_text_file(path), before);
  EXPECT_EQ(dir.entries(), std::set<std::string>{"a.npz"});
}

// ---------------------------------------------------------------------------------------
// Files for NumPy to read back (see tests/check_npy_roundtrip.py)
// ---------------------------------------------------------------------------------------

// Writes every loadable fixture again with ndgrad, plus two views and two archives. With
// NDGRAD_NPY_ROUNDTRIP_DIR set the files stay there for check_npy_roundtrip.py;
// otherwise they go to a temporary directory and are only read back here.
TEST(NpyRoundTrip, WritesFilesForNumPyToCheck) {
  TempDir temp;
  const char* kept = std::getenv("NDGRAD_NPY_ROUNDTRIP_DIR");
  auto out = [&](const std::string& name) {
    return kept != nullptr ? (fs::path(kept) / name).string() : temp.file(name);
  };
  if (kept != nullptr) fs::create_directories(kept);

  nd::NamedArrays all;
  for (const Fixture& f : npy_fixtures()) {
    nd::Array a = nd::load(fixture_path("npy/" + f.file));
    nd::save(out(f.file), a);
    all.emplace_back(f.file.substr(0, f.file.size() - 4), a);
  }
  nd::Array cube = nd::load(fixture_path("npy/int64_3d.npy"));
  nd::save(out("views_int64_3d_T.npy"), cube.T());
  nd::Array grid = nd::load(fixture_path("npy/float64_2d.npy"));
  nd::save(out("views_float64_2d_step.npy"),
           grid.index({nd::Slice(), nd::Slice(nd::None, nd::None, 2)}));
  nd::savez(out("all.npz"), all);
  nd::savez_compressed(out("all_compressed.npz"), all);

  for (std::string archive : {"all.npz", "all_compressed.npz"}) {
    auto loaded = nd::load_npz(out(archive));
    ASSERT_EQ(loaded.size(), all.size());
    for (const auto& [name, array] : all) EXPECT_TRUE(arrays_identical(loaded.at(name), array));
  }
  EXPECT_TRUE(arrays_identical(nd::load(out("views_int64_3d_T.npy")), cube.T()));
}

}  // namespace
