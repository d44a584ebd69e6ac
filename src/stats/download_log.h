#pragma once
// The event log (DESIGN §6): every download and guide view, with its one exclusion reason
// under the COUNTER rules, and zero-result searches; stored in SQLite (data/kc.sqlite,
// WAL) for reports.
//
// Write-ahead: record_*() judge the event by the rules and append it to the event journal
// (journal.h) on the caller's thread, and return once it is there — a download before its
// response starts, so a counted download survives kill -9. An applier thread copies the
// journal into SQLite in one transaction per apply_delay (journal_applier.h); flush()
// waits for it, and the destructor applies everything. A crash loses nothing: the next
// start (or a report, see catch_up()) applies what the journal holds.
//
// Thread safety: every method may be called from any thread; appends are serialised
// (rules, id and journal order agree). Throws StatsError (with SQLite's code and the
// database path) for storage failures.
//
// Every time the module uses — an event's time, the 30 s and 60 s windows, the day of the
// visitor-key secret, retention — comes from the Clock given to the constructor; only
// apply_delay is real time. See counter_rules.h for the rules, visitor_key.h for the key,
// schema.h for what is stored.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "stats/event.h"
#include "stats/stats_error.h"

namespace kc::stats {

using Clock = std::function<std::chrono::system_clock::time_point()>;
Clock system_clock();

struct LogOptions {
  std::filesystem::path data_dir = "data";           // kc.sqlite and the visitor-key secret live here
  std::filesystem::path robots_file;                 // crawler-user-agents.json; empty: no robot list
  std::vector<std::string> robot_allow_list;         // case-insensitive substrings that are never robots
  int bulk_files_per_minute = 10;                    // more different files than this in a minute: bulk
  int retention_months = 24;                         // raw events before Jan 1 of this year − N months are
                                                     // folded into monthly totals (retention.h)
  // Events reach the database within this (real time). Nothing waits for it: the journal
  // is durable, and reports catch up first. Fewer, larger transactions disturb a busy
  // server less: at 16 busy connections 1 s kept ~5 % more throughput than 100 ms.
  std::chrono::milliseconds apply_delay{1000};
  void validate() const;                             // throws std::invalid_argument
};

class DownloadLog {
 public:
  explicit DownloadLog(LogOptions options, Clock clock = system_clock());
  ~DownloadLog();  // applies everything journaled, then stops the applier
  DownloadLog(const DownloadLog&) = delete;
  DownloadLog& operator=(const DownloadLog&) = delete;

  // Returns once the event is in the journal, with its exclusion as decided now (a later
  // request may still re-mark it as a double click). Throws StatsError when the journal
  // cannot be written: the server then answers 503 rather than serve an uncounted download.
  Exclusion record_download(RequestFacts facts);
  // The same for a page view and a search that found nothing; a failure is reported on
  // standard error, not thrown: a page is not refused for its count.
  void record_view(RequestFacts facts);
  void record_zero_result_search(const std::string& query, const std::string& language);
  // Returns once everything recorded before the call is in the database; throws StatsError
  // when applying it failed (it stays in the journal and is retried).
  void flush();

  std::uint64_t events_committed() const;  // events journaled since start, for /metrics
  std::size_t robot_patterns() const;      // crawler patterns loaded (0: no robot list), for /healthz

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Brings the database in `data_dir` up to date with its journal, for readers outside the
// server (kc report after a crash). A no-op when there is no journal, so a copied
// kc.sqlite reads as it is.
void catch_up(const std::filesystem::path& data_dir);

}  // namespace kc::stats
