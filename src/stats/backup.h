#pragma once
// A consistent copy of the event log, taken while the server runs and counts (the index
// can be rebuilt from content/; the event log cannot). The journal is applied first, as
// kc report does, then SQLite's online backup API copies the database in one step: a
// snapshot of one moment, holding every event applied when it began and nothing half
// applied, while the server goes on appending (WAL: the copy never blocks it).
//
// The copy is one SQLite file, written beside `to` and renamed into place, so a reader
// never sees half a backup. kc report --data on a folder holding it as kc.sqlite gives
// the same figures (restore: README "Deploy"). The journal, the day's visitor-key secret
// and the lock are not copied: what they hold is in the database or is rebuilt.
//
// Thread safety: any thread, any process. Throws StatsError naming the file.
#include <cstdint>
#include <filesystem>

namespace kc::stats {

struct BackupSummary {
  std::uint64_t events = 0;  // raw events in the copy (monthly totals come with it)
  std::uint64_t bytes = 0;   // size of the copy
};

BackupSummary backup(const std::filesystem::path& data_dir, const std::filesystem::path& to);

}  // namespace kc::stats
