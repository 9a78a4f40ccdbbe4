// NumPy's file formats: .npy (one array) and .npz (a zip archive of .npy files).
// Files are written atomically: into a temporary beside the target, then renamed.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ndgrad/core/array.h"

namespace nd {

// Writes format 1.0 (2.0 when the header needs it), little-endian, C order.
void save(const std::string& path, const Array& a);
// Reads format 1.0/2.0/3.0, C or Fortran order, little- or big-endian. A missing file
// throws IOError; a malformed or truncated one throws ValueError naming the problem.
Array load(const std::string& path);

using NamedArrays = std::vector<std::pair<std::string, Array>>;
// np.savez / np.savez_compressed: each array stored as "<name>.npy" in the archive.
void savez(const std::string& path, const NamedArrays& arrays);
void savez_compressed(const std::string& path, const NamedArrays& arrays);
// np.load of an .npz: name (without ".npy") to array.
std::map<std::string, Array> load_npz(const std::string& path);

// The .npy encoding in memory, shared by the file and archive code.
std::string npy_bytes(const Array& a);
Array npy_parse(const std::string& bytes, const std::string& source_name);

}  // namespace nd
