// Image files through stb_image (decoding) and stb_image_write (encoding). The stb
// implementations are compiled into the system's libstb; only the declarations are
// included here.
#include "ndgrad/core/image.h"

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <functional>
#include <memory>

#include "ndgrad/core/errors.h"
#include "ndgrad/core/shape_ops.h"
#include "ndgrad/core/storage.h"

namespace nd {

// Defined in npy.cpp.
namespace detail {
std::shared_ptr<Storage> read_file(const std::string& path);
void replace_file_atomically(const std::string& path,
                             const std::function<void(const std::string&, int)>& fill);
void write_all(int fd, const void* data, std::size_t size, const std::string& path);
}  // namespace detail

namespace {

enum class ImageFormat { Png, Jpeg, Bmp };

// The format from the file name's extension, case-insensitively.
ImageFormat format_from_path(const std::string& path) {
  const std::size_t dot = path.find_last_of('.');
  const std::size_t slash = path.find_last_of('/');
  std::string ext;
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash))
    ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == "png") return ImageFormat::Png;
  if (ext == "jpg" || ext == "jpeg") return ImageFormat::Jpeg;
  if (ext == "bmp") return ImageFormat::Bmp;
  throw ValueError("imwrite: cannot tell the image format of '" + path +
                   "' (use .png, .jpg, .jpeg or .bmp)");
}

// Checks that `image` is something stb can encode: uint8, (H, W) or (H, W, C) with C in
// 1-4, non-empty, and small enough for stb's int sizes.
void check_writable(const Array& image) {
  if (image.dtype() != uint8)
    throw TypeError(std::string("imwrite: expected a uint8 image, got ") + name(image.dtype()));
  if (image.ndim() != 2 && image.ndim() != 3)
    throw ValueError("imwrite: expected shape (H, W) or (H, W, C), got " +
                     to_string(image.shape()));
  const std::int64_t channels = image.ndim() == 3 ? image.shape()[2] : 1;
  if (channels < 1 || channels > 4)
    throw ValueError("imwrite: expected 1 to 4 channels, got " + std::to_string(channels));
  if (image.shape()[0] == 0 || image.shape()[1] == 0)
    throw ValueError("imwrite: cannot write an empty image of shape " + to_string(image.shape()));
  if (image.shape()[0] > INT_MAX / 4 || image.shape()[1] > INT_MAX / (4 * image.shape()[0]))
    throw ValueError("imwrite: image of shape " + to_string(image.shape()) + " is too large");
}

// stb's write callback: appends each chunk to the std::string passed as context.
void append_to_string(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                             static_cast<std::size_t>(size));
}

// Encodes the C-contiguous `pixels` into the file format's bytes, in memory.
std::string encode(ImageFormat format, const Array& pixels, int jpeg_quality) {
  const int height = static_cast<int>(pixels.shape()[0]);
  const int width = static_cast<int>(pixels.shape()[1]);
  const int channels = pixels.ndim() == 3 ? static_cast<int>(pixels.shape()[2]) : 1;
  const void* data = pixels.bytes();
  std::string encoded;
  int ok = 0;
  switch (format) {
    case ImageFormat::Png:
      ok = stbi_write_png_to_func(append_to_string, &encoded, width, height, channels, data,
                                  width * channels);
      break;
    case ImageFormat::Jpeg:
      ok = stbi_write_jpg_to_func(append_to_string, &encoded, width, height, channels, data,
                                  jpeg_quality);
      break;
    case ImageFormat::Bmp:
      ok = stbi_write_bmp_to_func(append_to_string, &encoded, width, height, channels, data);
      break;
  }
  if (!ok) throw ValueError("imwrite: stb_image_write could not encode the image");
  return encoded;
}

}  // namespace

Array imread(const std::string& path, int channels) {
  if (channels < 0 || channels > 4)
    throw ValueError("imread: channels must be 0 (keep the file's) or 1-4, got " +
                     std::to_string(channels));
  // Reading the file ourselves separates "cannot read the file" (IOError) from "cannot
  // decode it" (ValueError), which stb reports alike.
  const std::shared_ptr<Storage> file = detail::read_file(path);
  if (file->nbytes() > static_cast<std::size_t>(INT_MAX))
    throw ValueError("imread: '" + path + "' is too large for stb_image");

  int width = 0, height = 0, file_channels = 0;
  stbi_uc* decoded = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(file->data()),
                                           static_cast<int>(file->nbytes()), &width, &height,
                                           &file_channels, channels);
  if (decoded == nullptr)
    throw ValueError("imread: cannot decode '" + path + "': " + stbi_failure_reason());
  // Own the pixels at once, so that they are freed even if wrapping them throws.
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(decoded, stbi_image_free);

  const std::int64_t c = channels != 0 ? channels : file_channels;
  const Shape shape{height, width, c};
  // The array takes over stb's buffer instead of copying it.
  auto storage =
      Storage::wrap(pixels.get(), static_cast<std::size_t>(std::int64_t{height} * width * c),
                    [](void* p) { stbi_image_free(p); });
  pixels.release();
  return Array(std::move(storage), uint8, shape, c_strides(shape, 1), 0);
}

void imwrite(const std::string& path, const Array& image, int jpeg_quality) {
  const ImageFormat format = format_from_path(path);
  check_writable(image);
  if (format == ImageFormat::Jpeg && (jpeg_quality < 1 || jpeg_quality > 100))
    throw ValueError("imwrite: jpeg_quality must be in 1-100, got " + std::to_string(jpeg_quality));
  const std::string encoded = encode(format, ascontiguousarray(image), jpeg_quality);
  detail::replace_file_atomically(path, [&](const std::string&, int fd) {
    detail::write_all(fd, encoded.data(), encoded.size(), path);
  });
}

}  // namespace nd
