// imread / imwrite through stb: the hand-written fixtures of tests/gen_npy.py, round
// trips through every format, and clean errors for files stb cannot decode.
#include "support/test_support.h"

#include <sys/resource.h>

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

// A fresh directory, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ndgrad_image_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
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

// One line of fixtures/images/manifest.txt: file, H, W, C, then the pixels.
struct ImageFixture {
  std::string file;
  nd::Array pixels;
};

std::vector<ImageFixture> read_manifest() {
  std::vector<ImageFixture> fixtures;
  std::istringstream lines(read_text_file(fixture_path("images/manifest.txt")));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    ImageFixture f;
    std::int64_t h, w, c;
    fields >> f.file >> h >> w >> c;
    std::vector<std::uint8_t> values;
    for (int v; fields >> v;) values.push_back(static_cast<std::uint8_t>(v));
    f.pixels = nd::array(values, {h, w, c}, nd::uint8);
    fixtures.push_back(f);
  }
  return fixtures;
}

// Deterministic test pattern of shape (h, w, c), or (h, w) when c is 0.
nd::Array pattern(std::int64_t h, std::int64_t w, std::int64_t c) {
  std::vector<std::uint8_t> values;
  const std::int64_t channels = c == 0 ? 1 : c;
  for (std::int64_t i = 0; i < h * w * channels; ++i)
    values.push_back(static_cast<std::uint8_t>((i * 37 + i / 5) % 256));
  return c == 0 ? nd::array(values, {h, w}, nd::uint8) : nd::array(values, {h, w, c}, nd::uint8);
}

// (H, W) images come back as (H, W, 1).
nd::Array with_channel_axis(const nd::Array& a) {
  return a.ndim() == 2 ? a.reshape({a.shape()[0], a.shape()[1], 1}) : a;
}

// The largest absolute difference between two uint8 arrays of the same shape.
int max_difference(const nd::Array& a, const nd::Array& b) {
  nd::Array x = nd::ascontiguousarray(a), y = nd::ascontiguousarray(b);
  int worst = 0;
  for (std::int64_t i = 0; i < x.size(); ++i)
    worst =
        std::max(worst, std::abs(int(x.data<std::uint8_t>()[i]) - int(y.data<std::uint8_t>()[i])));
  return worst;
}

template <class E>
void expect_error(const std::function<void()>& fn, const std::string& text) {
  try {
    fn();
    ADD_FAILURE() << "no exception; expected one containing \"" << text << "\"";
  } catch (const E& e) {
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << "message: " << e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "wrong exception type: " << e.what();
  }
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

TEST(ImageRead, EveryFixtureHasTheExpectedPixels) {
  std::vector<ImageFixture> fixtures = read_manifest();
  ASSERT_GE(fixtures.size(), 8u);
  for (const ImageFixture& f : fixtures) {
    SCOPED_TRACE(f.file);
    nd::Array image = nd::imread(fixture_path("images/" + f.file));
    EXPECT_TRUE(arrays_identical(image, f.pixels));
    EXPECT_TRUE(image.flags().c_contiguous);
  }
}

TEST(ImageRead, ChannelsCanBeForced) {
  const std::string rgb_path = fixture_path("images/rgb_2x3.png");
  nd::Array rgb = nd::imread(rgb_path);
  // Four channels: the colours plus an opaque alpha.
  nd::Array rgba = nd::imread(rgb_path, 4);
  ASSERT_EQ(rgba.shape(), (nd::Shape{2, 3, 4}));
  EXPECT_TRUE(arrays_identical(rgba.index({nd::Ellipsis, nd::Slice(0, 3)}), rgb));
  EXPECT_TRUE(arrays_identical(rgba.index({nd::Ellipsis, 3}), nd::full({2, 3}, 255, nd::uint8)));
  // One channel: stb's luma, (77 r + 150 g + 29 b) >> 8.
  nd::Array gray = nd::imread(rgb_path, 1);
  ASSERT_EQ(gray.shape(), (nd::Shape{2, 3, 1}));
  const std::uint8_t* px = rgb.data<std::uint8_t>();
  for (int i = 0; i < 6; ++i) {
    int luma = (77 * px[3 * i] + 150 * px[3 * i + 1] + 29 * px[3 * i + 2]) >> 8;
    EXPECT_EQ(gray.data<std::uint8_t>()[i], luma) << i;
  }
  // Gray to three channels repeats the value.
  nd::Array gray3 = nd::imread(fixture_path("images/gray_3x4.png"), 3);
  nd::Array gray1 = nd::imread(fixture_path("images/gray_3x4.png"));
  for (std::int64_t c = 0; c < 3; ++c)
    EXPECT_TRUE(arrays_identical(gray3.index({nd::Ellipsis, nd::Slice(c, c + 1)}), gray1));
}

// ---------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------

TEST(ImageWrite, PngRoundTripsExactlyForOneToFourChannels) {
  TempDir dir;
  for (std::int64_t c : {0, 1, 2, 3, 4}) {
    SCOPED_TRACE(c);
    nd::Array image = pattern(5, 7, c);
    nd::imwrite(dir.file("a.png"), image);
    EXPECT_TRUE(arrays_identical(nd::imread(dir.file("a.png")), with_channel_axis(image)));
  }
}

TEST(ImageWrite, BmpRoundTripsExactly) {
  TempDir dir;
  nd::Array rgb = pattern(3, 5, 3);  // width 5: rows need padding
  nd::imwrite(dir.file("a.bmp"), rgb);
  EXPECT_TRUE(arrays_identical(nd::imread(dir.file("a.bmp")), rgb));
  nd::Array rgba = pattern(4, 3, 4);
  nd::imwrite(dir.file("b.bmp"), rgba);
  EXPECT_TRUE(arrays_identical(nd::imread(dir.file("b.bmp")), rgba));
  // BMP has no gray format: stb writes 24-bit colour, read back as three equal channels.
  nd::Array gray = pattern(2, 2, 0);
  nd::imwrite(dir.file("g.BMP"), gray);
  nd::Array back = nd::imread(dir.file("g.BMP"), 1);
  EXPECT_TRUE(arrays_identical(back, with_channel_axis(gray)));
}

TEST(ImageWrite, JpegIsCloseAndQualityMatters) {
  TempDir dir;
  // A smooth gradient: JPEG reproduces it within a few levels at high quality.
  std::vector<std::uint8_t> values;
  for (int y = 0; y < 16; ++y)
    for (int x = 0; x < 16; ++x)
      for (int c = 0; c < 3; ++c)
        values.push_back(static_cast<std::uint8_t>(8 * x + 4 * y + 20 * c));
  nd::Array image = nd::array(values, {16, 16, 3}, nd::uint8);
  nd::imwrite(dir.file("hi.jpg"), image, 100);
  nd::imwrite(dir.file("lo.jpeg"), image, 5);
  nd::Array hi = nd::imread(dir.file("hi.jpg")), lo = nd::imread(dir.file("lo.jpeg"));
  ASSERT_EQ(hi.shape(), image.shape());
  EXPECT_LE(max_difference(hi, image), 8);
  EXPECT_LT(fs::file_size(dir.file("lo.jpeg")), fs::file_size(dir.file("hi.jpg")));
  EXPECT_GT(max_difference(lo, image), max_difference(hi, image));
}

TEST(ImageWrite, NonContiguousViewsAreWrittenAsTheyLook) {
  TempDir dir;
  nd::Array image = pattern(6, 4, 3);
  nd::Array flipped = image.index({nd::Slice(nd::None, nd::None, -1)});  // upside down
  nd::Array transposed = image.transpose({1, 0, 2});
  nd::Array channel = image.index({nd::Ellipsis, 1});  // (H, W) with a stride of 3
  for (const nd::Array& view : {flipped, transposed, channel}) {
    nd::imwrite(dir.file("v.png"), view);
    EXPECT_TRUE(arrays_identical(nd::imread(dir.file("v.png")), with_channel_axis(view)));
  }
}

TEST(ImageWrite, RejectsWhatCannotBeAnImage) {
  TempDir dir;
  const std::string png = dir.file("x.png");
  expect_error<nd::TypeError>([&] { nd::imwrite(png, nd::zeros({2, 2})); }, "uint8");
  expect_error<nd::ValueError>([&] { nd::imwrite(png, nd::zeros({4}, nd::uint8)); }, "shape");
  expect_error<nd::ValueError>(
      [&] {
        nd::imwrite(png, nd::zeros({1, 2, 2, 1}, nd::uint8));
      },
      "shape");
  expect_error<nd::ValueError>(
      [&] {
        nd::imwrite(png, nd::zeros({2, 2, 5}, nd::uint8));
      },
      "channels");
  expect_error<nd::ValueError>([&] { nd::imwrite(png, nd::zeros({0, 2, 3}, nd::uint8)); }, "empty");
  for (std::string name : {"x.gif", "x", "x.png.tmp", "png"})
    expect_error<nd::ValueError>([&] { nd::imwrite(dir.file(name), pattern(2, 2, 3)); }, "format");
  expect_error<nd::ValueError>([&] { nd::imwrite(dir.file("x.jpg"), pattern(2, 2, 3), 0); },
                               "jpeg_quality");
  expect_error<nd::ValueError>([&] { nd::imwrite(dir.file("x.jpg"), pattern(2, 2, 3), 101); },
                               "jpeg_quality");
  expect_error<nd::IOError>([&] { nd::imwrite(dir.file("missing/x.png"), pattern(2, 2, 3)); },
                            "No such file");
  EXPECT_TRUE(dir.entries().empty());
}

TEST(ImageWrite, AWriteThatFailsHalfwayKeepsTheOldFile) {
  TempDir dir;
  const std::string path = dir.file("a.bmp");
  nd::imwrite(path, pattern(4, 4, 3));
  const std::string before = read_text_file(path);
  {
    FileSizeLimit limit(1024);
    EXPECT_THROW(nd::imwrite(path, pattern(64, 64, 3)), nd::IOError);
  }
  EXPECT_EQ(read_text_file(path), before);
  EXPECT_EQ(dir.entries(), std::set<std::string>{"a.bmp"});
}

// ---------------------------------------------------------------------------------------
// Files stb cannot decode
// ---------------------------------------------------------------------------------------

TEST(ImageErrors, MissingFilesAreIOErrors) {
  TempDir dir;
  expect_error<nd::IOError>([&] { nd::imread(dir.file("nope.png")); }, "No such file");
  expect_error<nd::ValueError>([&] { nd::imread(fixture_path("images/rgb_2x3.png"), 5); },
                               "channels");
}

TEST(ImageErrors, UndecodableFilesAreValueErrorsWithStbsReason) {
  TempDir dir;
  write_file(dir.file("empty.png"), "");
  write_file(dir.file("text.png"), "this is a text file, not an image\n");
  for (std::string name : {"empty.png", "text.png"})
    expect_error<nd::ValueError>([&] { nd::imread(dir.file(name)); }, "unknown image type");
}

TEST(ImageErrors, TruncatedPngsAreValueErrors) {
  TempDir dir;
  nd::imwrite(dir.file("big.png"), pattern(32, 32, 3));
  const std::string whole = read_text_file(dir.file("big.png"));
  for (std::size_t size : {std::size_t(8), std::size_t(20), std::size_t(40), whole.size() / 4,
                           whole.size() / 2, whole.size() - 20}) {
    write_file(dir.file("cut.png"), whole.substr(0, size));
    EXPECT_THROW(nd::imread(dir.file("cut.png")), nd::ValueError) << size;
  }
}

TEST(ImageErrors, CorruptedFilesNeverCrash) {
  TempDir dir;
  for (std::string name : {"rgb_2x3.png", "bottom_up_2x3.bmp", "filters_5x4.png"}) {
    const std::string whole = read_text_file(fixture_path("images/" + name));
    for (std::size_t pos = 0; pos < whole.size(); ++pos) {
      std::string bad = whole;
      bad[pos] = static_cast<char>(bad[pos] ^ 0xA5);
      write_file(dir.file("bad" + name.substr(name.size() - 4)), bad);
      try {
        nd::Array image = nd::imread(dir.file("bad" + name.substr(name.size() - 4)));
        EXPECT_EQ(image.ndim(), 3);
      } catch (const nd::ValueError&) {
      }
    }
  }
}

}  // namespace
