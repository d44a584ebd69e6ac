#pragma once
// The event log (DESIGN §6): every download and guide view, in SQLite (data/kc.sqlite,
// WAL), with its one exclusion reason under the COUNTER rules, and zero-result searches.
//
// Thread safety: every method may be called from any thread. One writer thread owns the
// write connection and commits batches back to back (group commit):
// record_download() returns once its event is committed (survives kill -9);
// record_view() and record_zero_result_search() return at once and are committed within
// 100 ms, and by flush() and the destructor. Throws StatsError (with SQLite's code and
// the database path) for storage failures.
//
// Every time the module uses — an event's time, the 30 s and 60 s windows, the day of the
// visitor-key secret, retention — comes from the Clock given to the constructor; only
// view_commit_delay is real time. See counter_rules.h for the rules, visitor_key.h for
// the key, schema.h for what is stored.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "stats/event.h"

namespace kc::stats {

using Clock = std::function<std::chrono::system_clock::time_point()>;
Clock system_clock();

class StatsError : public std::runtime_error {
 public:
  StatsError(const std::string& message, int sqlite_code = 0) : std::runtime_error(message), code_(sqlite_code) {}
  int code() const { return code_; }

 private:
  int code_;
};

struct LogOptions {
  std::filesystem::path data_dir = "data";           // kc.sqlite and the visitor-key secret live here
  std::filesystem::path robots_file;                 // crawler-user-agents.json; empty: no robot list
  std::vector<std::string> robot_allow_list;         // case-insensitive substrings that are never robots
  int bulk_files_per_minute = 10;                    // more different files than this in a minute: bulk
  int retention_months = 24;                         // raw events before Jan 1 of this year − N months are
                                                     // folded into monthly totals (retention.h)
  std::chrono::milliseconds view_commit_delay{100};  // views are committed at least this often (real time)
  void validate() const;                             // throws std::invalid_argument
};

class DownloadLog {
 public:
  explicit DownloadLog(LogOptions options, Clock clock = system_clock());
  ~DownloadLog();  // commits everything queued, then stops the writer
  DownloadLog(const DownloadLog&) = delete;
  DownloadLog& operator=(const DownloadLog&) = delete;

  // Blocks until the event is committed; returns its exclusion as decided now (a later
  // request may still re-mark it as a double click).
  Exclusion record_download(const RequestFacts& facts);
  // The same without blocking the caller: `on_committed(exclusion, committed)` runs on the
  // writer thread once the event's batch is committed (committed = false when the write
  // failed). It must be quick and must not call back into the log. The HTTP server sends
  // the response from it, so no worker thread waits for the disk.
  using Committed = std::function<void(Exclusion exclusion, bool committed)>;
  void record_download(const RequestFacts& facts, Committed on_committed);
  void record_view(const RequestFacts& facts);
  void record_zero_result_search(const std::string& query, const std::string& language);
  void flush();  // returns once everything recorded before the call is committed

  std::uint64_t events_committed() const;  // for /metrics

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kc::stats
