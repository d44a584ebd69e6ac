#include "stats/journal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/uio.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <iostream>

#include "stats/schema.h"
#include "stats/stats_error.h"

namespace kc::stats {
namespace {

constexpr std::string_view kPrefix = "events-";
constexpr std::string_view kSuffix = ".journal";
constexpr std::size_t kFrameBytes = 8;  // u32 size, u32 CRC-32

std::uint32_t crc_of(std::string_view bytes) {
  return static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

void put_u32(unsigned char* out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<unsigned char>(value >> (8 * i));
}

std::uint32_t get_u32(const char* in) {
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  return value;
}

std::optional<std::uint64_t> segment_of(const std::string& name) {
  if (name.size() != kPrefix.size() + 16 + kSuffix.size() || name.rfind(kPrefix, 0) != 0 ||
      name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
    return std::nullopt;
  }
  std::uint64_t segment = 0;
  const char* first = name.data() + kPrefix.size();
  const auto [end, error] = std::from_chars(first, first + 16, segment);
  if (error != std::errc() || end != first + 16) return std::nullopt;
  return segment;
}

std::string errno_text() { return std::strerror(errno); }

// The bytes of `path` from `offset` to `limit` (or to its end); nullopt when it is gone.
std::optional<std::string> read_from(const std::filesystem::path& path, std::uint64_t offset,
                                     std::optional<std::uint64_t> limit) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw StatsError("cannot read the event journal " + path.string() + ": " + errno_text());
  }
  std::string bytes;
  char magic[kJournalMagic.size()];
  bool ok = ::pread(fd, magic, sizeof magic, 0) == static_cast<ssize_t>(sizeof magic) &&
            std::string_view(magic, sizeof magic) == kJournalMagic;
  if (!ok) {
    ::close(fd);
    throw StatsError(path.string() + " is not an event journal (it does not start with " + std::string(kJournalMagic) +
                     ")");
  }
  char chunk[1 << 16];
  while (!limit || offset < *limit) {
    const std::size_t want = limit ? std::min<std::uint64_t>(sizeof chunk, *limit - offset) : sizeof chunk;
    const ssize_t got = ::pread(fd, chunk, want, static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      const std::string error = errno_text();
      ::close(fd);
      throw StatsError("cannot read the event journal " + path.string() + ": " + error);
    }
    if (got == 0) break;
    bytes.append(chunk, static_cast<std::size_t>(got));
    offset += static_cast<std::uint64_t>(got);
  }
  ::close(fd);
  return bytes;
}

}  // namespace

std::filesystem::path segment_path(const std::filesystem::path& dir, std::uint64_t segment) {
  char digits[17];
  std::snprintf(digits, sizeof digits, "%016llu", static_cast<unsigned long long>(segment));
  return dir / (std::string(kPrefix) + digits + std::string(kSuffix));
}

std::vector<std::uint64_t> journal_segments(const std::filesystem::path& dir) {
  std::vector<std::uint64_t> segments;
  std::error_code error;
  for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    if (const auto segment = segment_of(it->path().filename().string())) segments.push_back(*segment);
  }
  std::sort(segments.begin(), segments.end());
  return segments;
}

void remove_segments_before(const std::filesystem::path& dir, std::uint64_t segment) {
  for (const std::uint64_t old : journal_segments(dir)) {
    if (old >= segment) break;
    std::error_code ignored;
    std::filesystem::remove(segment_path(dir, old), ignored);
  }
}

JournalLock::JournalLock(const std::filesystem::path& dir) {
  create_data_dir(dir);
  const auto path = dir / "events.lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw StatsError("cannot open " + path.string() + ": " + errno_text());
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const bool busy = errno == EWOULDBLOCK;
    const std::string reason = errno_text();
    ::close(fd_);
    throw StatsError(busy ? "another kc serve is recording events in " + dir.string() +
                                " (each server needs its own data folder)"
                          : "cannot lock " + path.string() + ": " + reason);
  }
}

JournalLock::~JournalLock() { ::close(fd_); }

JournalWriter::JournalWriter(std::filesystem::path dir, std::uint64_t first_segment) : dir_(std::move(dir)) {
  create_data_dir(dir_);
  start_segment(first_segment);
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void JournalWriter::start_segment(std::uint64_t segment) {
  const auto path = segment_path(dir_, segment);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) throw StatsError("cannot create the event journal " + path.string() + ": " + errno_text());
  if (::write(fd, kJournalMagic.data(), kJournalMagic.size()) != static_cast<ssize_t>(kJournalMagic.size())) {
    const std::string error = errno_text();
    ::close(fd);
    ::unlink(path.c_str());
    throw StatsError("cannot write the event journal " + path.string() + ": " + error);
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
  segment_ = segment;
  offset_ = kJournalMagic.size();
  broken_ = false;
}

void JournalWriter::append(std::string_view payload) {
  if (payload.empty() || payload.size() > kMaxRecordBytes) {
    throw StatsError("an event journal record of " + std::to_string(payload.size()) + " bytes (allowed: 1 to " +
                     std::to_string(kMaxRecordBytes) + ")");
  }
  const std::uint64_t bytes = kFrameBytes + payload.size();
  if (broken_ || (offset_ + bytes > kSegmentBytes && offset_ > kJournalMagic.size())) start_segment(segment_ + 1);
  unsigned char frame[kFrameBytes];
  put_u32(frame, static_cast<std::uint32_t>(payload.size()));
  put_u32(frame + 4, crc_of(payload));
  iovec parts[2] = {{frame, kFrameBytes}, {const_cast<char*>(payload.data()), payload.size()}};
  const ssize_t written = ::writev(fd_, parts, 2);
  if (written != static_cast<ssize_t>(bytes)) {
    broken_ = true;
    throw StatsError("cannot write the event journal " + segment_path(dir_, segment_).string() + ": " +
                     (written < 0 ? errno_text() : "short write"));
  }
  offset_ += bytes;
}

JournalReader::JournalReader(std::filesystem::path dir, JournalPosition from, std::optional<JournalPosition> until)
    : dir_(std::move(dir)), until_(until), position_(from) {
  for (const std::uint64_t segment : journal_segments(dir_)) {
    if (segment >= from.segment && (!until || segment <= until->segment)) segments_.push_back(segment);
  }
}

bool JournalReader::load_segment() {
  while (segment_index_ < segments_.size()) {
    const std::uint64_t segment = segments_[segment_index_];
    if (segment != position_.segment) position_ = {segment, 0};
    position_.offset = std::max<std::uint64_t>(position_.offset, kJournalMagic.size());
    std::optional<std::uint64_t> limit;
    if (until_ && segment == until_->segment) limit = until_->offset;
    if (limit && position_.offset >= *limit) return false;
    auto bytes = read_from(segment_path(dir_, segment), position_.offset, limit);
    if (bytes) {
      buffer_ = std::move(*bytes);
      consumed_ = 0;
      loaded_ = true;
      return true;
    }
    ++segment_index_;  // removed since it was listed: another reader applied it
  }
  return false;
}

std::optional<std::string_view> JournalReader::next() {
  while (loaded_ || load_segment()) {
    const std::string_view rest = std::string_view(buffer_).substr(consumed_);
    if (rest.size() >= kFrameBytes) {
      const std::uint32_t size = get_u32(rest.data());
      const std::string_view payload = rest.substr(kFrameBytes, size);
      if (size > 0 && size <= kMaxRecordBytes && payload.size() == size &&
          crc_of(payload) == get_u32(rest.data() + 4)) {
        consumed_ += kFrameBytes + size;
        position_.offset += kFrameBytes + size;
        return payload;
      }
    }
    // The end of what is complete in this segment. Leave it only if it is sealed.
    const bool sealed = segment_index_ + 1 < segments_.size() || (until_ && position_.segment < until_->segment);
    if (!sealed) return std::nullopt;
    if (!rest.empty()) {
      std::cerr << "kc: " << segment_path(dir_, position_.segment).string() << ": " << rest.size()
                << " bytes at offset " << position_.offset
                << " are not a complete event record (a write that failed); skipped\n";
    }
    loaded_ = false;
    ++segment_index_;
  }
  return std::nullopt;
}

}  // namespace kc::stats
