// A fresh temporary directory that the test runs inside; removed afterwards.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace nd_test {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ndgrad-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
    previous_ = std::filesystem::current_path();
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::current_path(previous_, ec);
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Makes the directory the working directory until destruction.
  void enter() const { std::filesystem::current_path(path_); }

 private:
  std::filesystem::path path_, previous_;
};

}  // namespace nd_test
