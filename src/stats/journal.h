#pragma once
// The event journal: the write-ahead half of the event log (DESIGN §6). An event is
// appended here before its response starts — one writev(2) into the page cache, so it
// survives kill -9 exactly as a SQLite commit with synchronous=NORMAL does (and, like it,
// not necessarily a power cut) — and the log's applier later copies the records into
// SQLite in large transactions (journal_applier.h). Committing to SQLite before each
// response cost 7-17 µs of CPU per event (by batch size) against about 30 µs to serve a
// small file; an append costs about half a microsecond.
//
// On disk: <data>/events-<segment>.journal (segment: 16 decimal digits, rising), each
// starting with kJournalMagic, then records [u32 size][u32 CRC-32 of payload][payload],
// little-endian. A segment is sealed once a later one exists: the writer starts a new one
// at every start, past kSegmentBytes and after a failed write, and never appends to an
// older one. Readers stop a segment at its first incomplete or damaged record (a write
// cut short), so a reader in another process may read a segment while it grows.
//
// Thread safety: JournalWriter is not thread-safe (the log calls it under its mutex);
// JournalReader and the free functions may run anywhere, in any process. Throws StatsError.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kc::stats {

constexpr std::string_view kJournalMagic = "KCJOURN1";
constexpr std::uint64_t kSegmentBytes = 4u << 20;
constexpr std::uint32_t kMaxRecordBytes = 1u << 20;

// Where the next unread record starts. Ordered: a later segment is later whatever the offset.
struct JournalPosition {
  std::uint64_t segment = 0;
  std::uint64_t offset = 0;
};
inline bool operator==(const JournalPosition& a, const JournalPosition& b) {
  return a.segment == b.segment && a.offset == b.offset;
}
inline bool operator<(const JournalPosition& a, const JournalPosition& b) {
  return a.segment != b.segment ? a.segment < b.segment : a.offset < b.offset;
}
inline bool operator<=(const JournalPosition& a, const JournalPosition& b) { return !(b < a); }
inline bool operator>=(const JournalPosition& a, const JournalPosition& b) { return !(a < b); }

// The segments in `dir`, oldest first.
std::vector<std::uint64_t> journal_segments(const std::filesystem::path& dir);
std::filesystem::path segment_path(const std::filesystem::path& dir, std::uint64_t segment);
// Deletes the segments older than `segment` (all applied); failures are ignored: a
// leftover segment is read again as already applied.
void remove_segments_before(const std::filesystem::path& dir, std::uint64_t segment);

// Held by the one process that appends to the journals in a folder (ids are given out
// in memory, so two writers would give the same ones). Throws StatsError, naming the
// folder, when another process (or another log in this one) holds it.
class JournalLock {
 public:
  explicit JournalLock(const std::filesystem::path& dir);
  ~JournalLock();
  JournalLock(const JournalLock&) = delete;
  JournalLock& operator=(const JournalLock&) = delete;

 private:
  int fd_ = -1;
};

class JournalWriter {
 public:
  // Starts segment `first_segment`, which must not exist yet.
  JournalWriter(std::filesystem::path dir, std::uint64_t first_segment);
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  // Returns once the record is in the file. On failure throws, and the next append
  // starts a new segment, so nothing is ever written after a record cut short.
  void append(std::string_view payload);
  JournalPosition end() const { return {segment_, offset_}; }

 private:
  void start_segment(std::uint64_t segment);

  std::filesystem::path dir_;
  std::uint64_t segment_ = 0;
  std::uint64_t offset_ = 0;
  int fd_ = -1;
  bool broken_ = false;
};

// Reads the records from `from` on, segment after segment, up to `until` (the writer's
// end, when the reader is in the writer's process) or else to the end of what is complete
// on disk. A segment is only left for the next when that next one existed before this one
// was read, so a segment still growing is never skipped.
class JournalReader {
 public:
  JournalReader(std::filesystem::path dir, JournalPosition from, std::optional<JournalPosition> until);

  // The next record's payload (valid until the next call), or nullopt at the end.
  std::optional<std::string_view> next();
  // Where the next unread record starts: store it with what was read.
  JournalPosition position() const { return position_; }

 private:
  bool load_segment();

  std::filesystem::path dir_;
  std::optional<JournalPosition> until_;
  std::vector<std::uint64_t> segments_;  // as listed before reading began
  std::size_t segment_index_ = 0;
  JournalPosition position_;
  std::string buffer_;        // the current segment from position_.offset on
  std::size_t consumed_ = 0;  // bytes of buffer_ already returned
  bool loaded_ = false;
};

}  // namespace kc::stats
