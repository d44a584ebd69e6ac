#include "staff/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>

namespace kc::staff {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTempMarker = ".kc-tmp-";

[[noreturn]] void fail(const std::string& what, const fs::path& path) {
  throw std::runtime_error(what + " " + path.string() + ": " + std::strerror(errno));
}

// Closes the descriptor on every path out.
struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

void fsync_folder(const fs::path& folder) {
  Descriptor dir{::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (dir.fd < 0) fail("opening the folder", folder);
  if (::fsync(dir.fd) != 0) fail("syncing the folder", folder);
}

std::string random_suffix() {
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string suffix;
  for (std::uint64_t bits = generator(); suffix.size() < 12; bits >>= 4) suffix += kDigits[bits & 15];
  return suffix;
}

void write_all(int fd, std::string_view bytes, const fs::path& path) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) fail("writing", path);
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

}  // namespace

void write_atomically(const fs::path& path, std::string_view bytes) {
  const fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) throw std::runtime_error("creating the folder " + folder.string() + ": " + error.message());
  const fs::path temp = folder / ("." + path.filename().string() + kTempMarker + random_suffix());
  {
    Descriptor file{::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)};
    if (file.fd < 0) fail("creating", temp);
    try {
      write_all(file.fd, bytes, temp);
      if (::fsync(file.fd) != 0) fail("syncing", temp);
    } catch (...) {
      ::unlink(temp.c_str());
      throw;
    }
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    fail("renaming a temp file over", path);
  }
  fsync_folder(folder);
}

void remove_durably(const fs::path& path) {
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return;
    fail("removing", path);
  }
  fsync_folder(path.parent_path().empty() ? fs::path(".") : path.parent_path());
}

void remove_stale_temp_files(const fs::path& root) {
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(root, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (it.depth() == 0 && name == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    if (name.front() == '.' && name.find(kTempMarker) != std::string::npos && it->is_regular_file()) {
      std::error_code ignored;  // a temp file that will not go is harmless: it is never read
      fs::remove(it->path(), ignored);
    }
  }
}

}  // namespace kc::staff
