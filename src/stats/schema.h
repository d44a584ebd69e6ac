#pragma once
// The SQLite file behind the statistics (data/kc.sqlite): its tables, its version
// (PRAGMA user_version) and the migrations that bring an older file up to date. Internal
// to stats/: nothing outside this module sees SQLite.
//
// Tables (version 1):
//   events         one row per download or view; time in ms since the Unix epoch (UTC),
//                  reason = '' when it counts, else to_string(Exclusion); visitor = the
//                  day's HMAC key (hex); agent = robot | browser | other. No IP, no UA.
//   monthly        events folded by retention: per month, kind, item, work, topic and
//                  language, the counted, unique and excluded-by-reason totals (one column
//                  per reason, named after it). Kept forever. A reason added to event.h
//                  gets its column when the file is next opened for writing (0 for the
//                  months folded before).
//   zero_searches  per UTC day, query and language: how often a search found nothing.
// Version 2 adds:
//   journal_position  one row: where the first event journal record not yet in the
//                  database starts (journal.h); moved in the transaction that applies.
//
// Thread safety: a connection belongs to one thread. Throws StatsError.
#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "stats/stats_error.h"

namespace kc::stats {

constexpr int kSchemaVersion = 2;
constexpr const char* kDatabaseName = "kc.sqlite";

std::filesystem::path database_path(const std::filesystem::path& data_dir);
// Creates the data folder (and its parents) when it is missing.
void create_data_dir(const std::filesystem::path& data_dir);

// Opens (creating the folder and file if needed) the one write connection: WAL,
// synchronous=NORMAL (a committed transaction survives kill -9), migrated to kSchemaVersion.
SQLite::Database open_for_writing(const std::filesystem::path& data_dir);

// A read-only connection for reports; nullopt when no log was ever written there.
// Throws StatsError when the file is newer than this program understands.
std::optional<SQLite::Database> open_for_reading(const std::filesystem::path& data_dir);

// SQL made from the one list of exclusion reasons (kExclusionReasons, event.h), so that a
// new reason needs no SQL written by hand: `pattern` once per reason, in the list's order,
// each "{}" replaced by the reason's name (an identifier from the list, never user input),
// joined by ", ". Example: for_each_reason("sum({})") → "sum(failed), sum(head), …".
std::string for_each_reason(std::string_view pattern);
// The events table's count of one reason, for for_each_reason().
constexpr const char* kEventsWithReason = "sum(reason = '{}')";

// Rethrows a SQLiteCpp error as StatsError, keeping its code and naming the file.
[[noreturn]] void throw_stats_error(const SQLite::Exception& error, const std::filesystem::path& db_path,
                                    const std::string& doing);

}  // namespace kc::stats
