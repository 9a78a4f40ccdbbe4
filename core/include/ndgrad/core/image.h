// Image files as uint8 arrays of shape (H, W, C), through stb_image.
#pragma once

#include <string>

#include "ndgrad/core/array.h"

namespace nd {

// Reads PNG, JPEG, BMP (and the other formats stb_image knows). `channels` forces 1-4
// channels; 0 keeps the file's own. Always (H, W, C), C >= 1.
Array imread(const std::string& path, int channels = 0);
// Writes by extension: .png, .jpg/.jpeg (quality 1-100), .bmp. Accepts uint8 arrays of
// shape (H, W) or (H, W, C) with C in 1-4.
void imwrite(const std::string& path, const Array& image, int jpeg_quality = 95);

}  // namespace nd
