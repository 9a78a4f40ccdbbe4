// NumPy's .npz format: a zip archive whose members are .npy files named "<name>.npy".
// np.savez stores the members, np.savez_compressed deflates them; both write zip64
// extra fields, which libzip reads.
#include "ndgrad/core/npy.h"

#include <sys/stat.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <functional>
#include <memory>
#include <set>
#include <system_error>

#include "ndgrad/core/errors.h"
#include "ndgrad/core/storage.h"

namespace nd {

// Defined in npy.cpp.
namespace detail {
void replace_file_atomically(const std::string& path,
                             const std::function<void(const std::string&, int)>& fill);
void write_all(int fd, const void* data, std::size_t size, const std::string& path);
Array npy_from_storage(std::shared_ptr<Storage> file, const std::string& source);
}  // namespace detail

namespace {

// Deflate cannot expand data by more than this factor (zlib's documented limit), so a
// member claiming a larger uncompressed size than this allows is lying.
constexpr std::uint64_t kMaxDeflateRatio = 1032;

// A zip archive with no members: just the end-of-central-directory record.
constexpr char kEmptyZip[22] = {'P', 'K', 5, 6};

// Frees the libzip objects on every path out of a function.
struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct MemberCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using ArchivePtr = std::unique_ptr<zip_t, ArchiveCloser>;
using MemberPtr = std::unique_ptr<zip_file_t, MemberCloser>;

std::string zip_error_text(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

// ---------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------

void check_names(const NamedArrays& arrays) {
  std::set<std::string> seen;
  for (const auto& [name, array] : arrays) {
    if (name.empty()) throw ValueError("savez: array names must not be empty");
    if (!seen.insert(name).second) throw ValueError("savez: duplicate array name '" + name + "'");
  }
}

// Adds one encoded member; libzip reads `bytes` only when the archive is closed.
void add_member(zip_t* archive, const std::string& member, const std::string& bytes,
                zip_int32_t method, const std::string& path) {
  zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
  if (source == nullptr) throw IOError("cannot write '" + path + "': " + zip_strerror(archive));
  zip_int64_t index = zip_file_add(archive, member.c_str(), source, ZIP_FL_ENC_GUESS);
  if (index < 0) {
    zip_source_free(source);  // only freed by libzip once it was added
    throw IOError("cannot write '" + path + "': " + zip_strerror(archive));
  }
  if (zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), method, 0) != 0)
    throw IOError("cannot write '" + path + "': " + zip_strerror(archive));
}

// libzip writes the archive to `temp_path` (the empty temporary that
// replace_file_atomically created) when it is closed.
void write_zip(const std::string& temp_path, const std::string& path, const NamedArrays& arrays,
               const std::vector<std::string>& members, zip_int32_t method) {
  int error = 0;
  ArchivePtr archive(zip_open(temp_path.c_str(), ZIP_TRUNCATE, &error));
  if (!archive) throw IOError("cannot write '" + path + "': " + zip_error_text(error));
  for (std::size_t i = 0; i < arrays.size(); ++i)
    add_member(archive.get(), arrays[i].first + ".npy", members[i], method, path);
  if (zip_close(archive.get()) != 0)
    throw IOError("cannot write '" + path + "': " + zip_strerror(archive.get()));
  archive.release();  // zip_close freed it
}

void write_npz(const std::string& path, const NamedArrays& arrays, zip_int32_t method) {
  check_names(arrays);
  std::vector<std::string> members;
  members.reserve(arrays.size());
  for (const auto& named : arrays) members.push_back(npy_bytes(named.second));
  detail::replace_file_atomically(path, [&](const std::string& temp_path, int fd) {
    // libzip deletes an archive without members instead of writing it; NumPy writes the
    // bare end-of-central-directory record, so do the same.
    if (arrays.empty()) return detail::write_all(fd, kEmptyZip, sizeof(kEmptyZip), path);
    write_zip(temp_path, path, arrays, members, method);
  });
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

// The zip directory's sizes are claims: bound them by the archive's real size before
// allocating. Stored data is as long as its compressed form; deflated data at most
// kMaxDeflateRatio times longer.
void check_member_sizes(const zip_stat_t& info, std::uint64_t archive_size,
                        const std::string& source) {
  const zip_uint64_t needed = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD;
  if ((info.valid & needed) != needed)
    throw ValueError(source + ": the archive does not record the member's size");
  if (info.comp_size > archive_size)
    throw ValueError(source + ": the member claims " + std::to_string(info.comp_size) +
                     " compressed bytes, more than the whole archive");
  std::uint64_t bound = 0;
  if (info.comp_method == ZIP_CM_STORE)
    bound = info.comp_size;
  else if (info.comp_method == ZIP_CM_DEFLATE)
    bound = info.comp_size * kMaxDeflateRatio + 1024;
  else
    throw ValueError(source + ": unsupported compression method " +
                     std::to_string(info.comp_method) + " (NumPy writes stored or deflated)");
  if (info.size > bound)
    throw ValueError(source + ": the member claims " + std::to_string(info.size) +
                     " bytes, more than its " + std::to_string(info.comp_size) +
                     " compressed bytes can hold");
}

// Decompresses one member into its own storage (which then becomes the array's).
Array read_member(zip_t* archive, zip_uint64_t index, const zip_stat_t& info,
                  std::uint64_t archive_size, const std::string& source) {
  check_member_sizes(info, archive_size, source);
  MemberPtr file(zip_fopen_index(archive, index, 0));
  if (!file) throw ValueError(source + ": " + zip_strerror(archive));

  auto storage = Storage::allocate(info.size);
  std::uint64_t done = 0;
  while (done < info.size) {
    zip_int64_t n = zip_fread(file.get(), storage->data() + done, info.size - done);
    if (n < 0) throw ValueError(source + ": " + zip_file_strerror(file.get()));
    if (n == 0) break;
    done += static_cast<std::uint64_t>(n);
  }
  if (done < info.size)
    throw ValueError(source + ": the member is truncated (" + std::to_string(done) + " of " +
                     std::to_string(info.size) + " bytes)");
  // Reading past the end is what makes libzip compare the CRC.
  char extra;
  zip_int64_t n = zip_fread(file.get(), &extra, 1);
  if (n < 0) throw ValueError(source + ": " + zip_file_strerror(file.get()));
  if (n > 0) throw ValueError(source + ": the member is longer than the archive says");
  return detail::npy_from_storage(std::move(storage), source);
}

// Open failures that mean "cannot read the file" rather than "the file is not a zip".
bool is_io_error(int zip_error) {
  return zip_error == ZIP_ER_NOENT || zip_error == ZIP_ER_OPEN || zip_error == ZIP_ER_READ ||
         zip_error == ZIP_ER_SEEK || zip_error == ZIP_ER_MEMORY;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

void savez(const std::string& path, const NamedArrays& arrays) {
  write_npz(path, arrays, ZIP_CM_STORE);
}

void savez_compressed(const std::string& path, const NamedArrays& arrays) {
  write_npz(path, arrays, ZIP_CM_DEFLATE);
}

std::map<std::string, Array> load_npz(const std::string& path) {
  struct stat file_info;
  if (::stat(path.c_str(), &file_info) != 0) {
    const int err = errno;
    throw IOError("[Errno " + std::to_string(err) + "] " + std::generic_category().message(err) +
                  ": '" + path + "'");
  }
  if (S_ISDIR(file_info.st_mode)) throw IOError("[Errno 21] Is a directory: '" + path + "'");
  // libzip would open an empty file as an empty archive; NumPy refuses it.
  if (file_info.st_size == 0) throw ValueError(path + ": the file is empty, not a .npz archive");

  int error = 0;
  ArchivePtr archive(zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (!archive) {
    std::string message = path + ": cannot open the .npz archive: " + zip_error_text(error);
    if (is_io_error(error)) throw IOError(message);
    throw ValueError(message);
  }

  std::map<std::string, Array> arrays;
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t info;
    if (zip_stat_index(archive.get(), index, 0, &info) != 0 || !(info.valid & ZIP_STAT_NAME))
      throw ValueError(path + ": " + zip_strerror(archive.get()));
    const std::string member = info.name;
    // NumPy hands other members back as raw bytes; an array map has no place for them.
    if (!ends_with(member, ".npy")) continue;
    const std::string name = member.substr(0, member.size() - 4);
    arrays[name] = read_member(archive.get(), index, info,
                               static_cast<std::uint64_t>(file_info.st_size), path + ":" + member);
  }
  return arrays;
}

}  // namespace nd
