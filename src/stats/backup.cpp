#include "stats/backup.h"

#include <SQLiteCpp/Backup.h>

#include <system_error>

#include "stats/download_log.h"
#include "stats/schema.h"

namespace kc::stats {

BackupSummary backup(const std::filesystem::path& data_dir, const std::filesystem::path& to) {
  catch_up(data_dir);  // what is journaled but not yet applied is answered, so it belongs in the copy
  std::optional<SQLite::Database> source = open_for_reading(data_dir);
  if (!source) throw StatsError("no event log in " + data_dir.string() + " (" + database_path(data_dir).string() + ")");
  if (to.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(to.parent_path(), error);
    if (error) throw StatsError("backup: cannot create " + to.parent_path().string() + ": " + error.message());
  }
  std::filesystem::path part = to;
  part += ".part";
  std::error_code ignored;
  std::filesystem::remove(part, ignored);
  BackupSummary summary;
  try {
    {
      SQLite::Database copy(part.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      SQLite::Backup(copy, *source).executeStep(-1);  // all pages in one step: one snapshot
      // The copy is read on its own, maybe on another machine: a self-contained file.
      copy.exec("PRAGMA journal_mode=DELETE");
      summary.events = static_cast<std::uint64_t>(copy.execAndGet("SELECT count(*) FROM events").getInt64());
    }
    std::filesystem::rename(part, to);
  } catch (const SQLite::Exception& e) {
    std::filesystem::remove(part, ignored);
    throw_stats_error(e, to, "backing up " + database_path(data_dir).string());
  } catch (const std::filesystem::filesystem_error& e) {
    std::filesystem::remove(part, ignored);
    throw StatsError("backup " + to.string() + ": " + e.what());
  }
  summary.bytes = std::filesystem::file_size(to);
  return summary;
}

}  // namespace kc::stats
