#include "stats/schema.h"

#include <sqlite3.h>

#include <mutex>
#include <set>

#include "stats/event.h"

namespace kc::stats {
namespace {

// kMigrations[v] takes a file from user_version v to v + 1. Never edit a shipped entry:
// append a new one and bump kSchemaVersion.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE events (
  id          INTEGER PRIMARY KEY,
  time        INTEGER NOT NULL,
  kind        TEXT    NOT NULL,
  item        TEXT    NOT NULL,
  file        TEXT    NOT NULL,
  document    TEXT    NOT NULL,
  work        TEXT    NOT NULL,
  language    TEXT    NOT NULL,
  topic       TEXT    NOT NULL,
  status      INTEGER NOT NULL,
  head        INTEGER NOT NULL,
  range_start INTEGER,
  bytes       INTEGER NOT NULL,
  agent       TEXT    NOT NULL,
  visitor     TEXT    NOT NULL,
  reason      TEXT    NOT NULL
);
CREATE INDEX events_by_time ON events (time);
CREATE TABLE monthly (
  month              TEXT    NOT NULL,
  kind               TEXT    NOT NULL,
  item               TEXT    NOT NULL,
  work               TEXT    NOT NULL,
  topic              TEXT    NOT NULL,
  language           TEXT    NOT NULL,
  counted            INTEGER NOT NULL,
  unique_sessions    INTEGER NOT NULL,
  failed             INTEGER NOT NULL,
  head               INTEGER NOT NULL,
  robot              INTEGER NOT NULL,
  bulk               INTEGER NOT NULL,
  range_continuation INTEGER NOT NULL,
  double_click       INTEGER NOT NULL,
  PRIMARY KEY (month, kind, item, work, topic, language)
) WITHOUT ROWID;
CREATE TABLE zero_searches (
  day      TEXT    NOT NULL,
  query    TEXT    NOT NULL,
  language TEXT    NOT NULL,
  count    INTEGER NOT NULL,
  PRIMARY KEY (day, query, language)
) WITHOUT ROWID;
)sql",
    R"sql(
CREATE TABLE journal_position (
  segment INTEGER NOT NULL,
  offset  INTEGER NOT NULL
);
INSERT INTO journal_position (segment, offset) VALUES (0, 0);
)sql",
};
static_assert(sizeof kMigrations / sizeof kMigrations[0] == kSchemaVersion);

// Before SQLite's first use in the process: no allocation statistics, whose global mutex
// Debian's build (no lookaside) would take on every malloc. Too late is harmless.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

int user_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

void check_not_newer(int version, const std::filesystem::path& path) {
  if (version > kSchemaVersion) {
    throw StatsError(path.string() + " has schema version " + std::to_string(version) + ", newer than this kc (" +
                     std::to_string(kSchemaVersion) + ")");
  }
}

// monthly has a column per exclusion reason (version 1 wrote the first six by hand).
void add_reason_columns(SQLite::Database& db) {
  std::set<std::string> columns;
  SQLite::Statement info(db, "PRAGMA table_info(monthly)");
  while (info.executeStep()) columns.insert(info.getColumn(1).getString());
  for (const auto& reason : kExclusionReasons) {
    if (columns.count(reason.name) == 0) {
      db.exec(std::string("ALTER TABLE monthly ADD COLUMN ") + reason.name + " INTEGER NOT NULL DEFAULT 0");
    }
  }
}

void migrate(SQLite::Database& db, const std::filesystem::path& path) {
  // IMMEDIATE: two processes starting at once must not both run the same migration.
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  const int version = user_version(db);
  check_not_newer(version, path);
  for (int v = version; v < kSchemaVersion; ++v) db.exec(kMigrations[v]);
  if (version != kSchemaVersion) db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
  add_reason_columns(db);
  transaction.commit();
}

}  // namespace

std::filesystem::path database_path(const std::filesystem::path& data_dir) { return data_dir / kDatabaseName; }

void create_data_dir(const std::filesystem::path& data_dir) {
  std::error_code error;
  std::filesystem::create_directories(data_dir, error);
  if (error) throw StatsError("cannot create " + data_dir.string() + ": " + error.message());
}

SQLite::Database open_for_writing(const std::filesystem::path& data_dir) {
  const auto path = database_path(data_dir);
  create_data_dir(data_dir);
  try {
    configure_sqlite_once();
    // NOMUTEX: a connection belongs to one thread (schema.h), so SQLite need not lock it.
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
    db.setBusyTimeout(5000);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    migrate(db, path);
    return db;
  } catch (const SQLite::Exception& e) {
    throw_stats_error(e, path, "opening");
  }
}

std::optional<SQLite::Database> open_for_reading(const std::filesystem::path& data_dir) {
  const auto path = database_path(data_dir);
  if (!std::filesystem::exists(path)) return std::nullopt;
  try {
    configure_sqlite_once();
    std::optional<SQLite::Database> db(std::in_place, path.string(), SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
    db->setBusyTimeout(5000);
    check_not_newer(user_version(*db), path);
    return db;
  } catch (const SQLite::Exception& e) {
    throw_stats_error(e, path, "opening");
  }
}

std::string for_each_reason(std::string_view pattern) {
  std::string sql;
  for (const auto& reason : kExclusionReasons) {
    if (!sql.empty()) sql += ", ";
    for (std::size_t at = 0; at < pattern.size(); ++at) {
      if (pattern.compare(at, 2, "{}") == 0) {
        sql += reason.name;
        ++at;
      } else {
        sql += pattern[at];
      }
    }
  }
  return sql;
}

void throw_stats_error(const SQLite::Exception& error, const std::filesystem::path& db_path, const std::string& doing) {
  throw StatsError("statistics database " + db_path.string() + ": " + doing + ": " + error.what(),
                   error.getErrorCode());
}

}  // namespace kc::stats
