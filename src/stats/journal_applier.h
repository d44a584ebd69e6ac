#pragma once
// Copies the event journal (journal.h) into the database (DESIGN §6). Each apply() is one
// transaction holding every record from the position stored in the database up to a
// limit, and the new position, so each record reaches the database exactly once whoever
// applies it: the server's applier thread, or a reader in another process after a crash
// (catch_up(), download_log.h). Transactions are IMMEDIATE, so appliers in two processes take turns.
// A double click that re-marks an event of the same apply changes that event before it
// is written, rather than updating its row afterwards (kc_bench_events measures both).
//
// Thread safety: an applier uses its connection from one thread at a time. Throws
// StatsError.
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>

#include "stats/journal.h"

namespace kc::stats {

class JournalApplier {
 public:
  JournalApplier(SQLite::Database& db, std::filesystem::path data_dir);
  ~JournalApplier();

  // Everything up to `until` (the writer's end), or to the end of what is complete on disk.
  // Returns where the next apply starts.
  JournalPosition apply(std::optional<JournalPosition> until);
  JournalPosition position();  // as stored in the database

 private:
  struct Statements;
  SQLite::Database& db_;
  std::filesystem::path data_dir_;
  std::unique_ptr<Statements> statements_;
};

}  // namespace kc::stats
