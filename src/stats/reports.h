#pragma once
// Reports over the event log (DESIGN §6), read through their own connection: counted,
// unique (COUNTER session: visitor + UTC date + hour) and excluded-by-reason totals per
// file, work, topic, language, month or day, and the zero-result searches. The monthly
// aggregates kept after retention are included. Throws StatsError (also for a date that
// is not YYYY-MM-DD).
//
// Folded months (older than retention) have no days: they are counted whole in a range
// that holds their first day, and are left out of group=day. A month row's spike compares
// whole months (COUNTER 7.12): "high" when its counted total is at least 3 × the average
// of the previous 12 months + 100, "low" when it is below 1 % of that average and the
// average is at least 20 (never for today's month, which is not over). Months before the
// first month with any event of the kind are left out of the average; no previous month,
// no spike. group=month lists every month of [from, min(to, today)], zeros included;
// other groups list only keys with events. Rows are sorted by key for month and day, by
// counted (descending) then key otherwise. Unique = distinct (item, session) pairs among
// counted events; group=file groups by item (a view's item is its work id).
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "stats/event.h"
#include "stats/stats_error.h"

namespace kc::stats {

enum class Group { File, Doc, Topic, Language, Month, Day };

struct ReportQuery {
  std::string from;  // YYYY-MM-DD inclusive (UTC)
  std::string to;    // YYYY-MM-DD inclusive (UTC)
  Group group = Group::File;
  EventKind kind = EventKind::Download;
};

const char* to_string(Group group);                         // file, doc, topic, language, month, day
std::optional<Group> parse_group(const std::string& text);  // the reverse; nullopt otherwise

struct ReportRow {
  std::string key;
  std::uint64_t counted = 0;
  std::uint64_t unique = 0;
  std::map<std::string, std::uint64_t> excluded;  // every reason, zeros included
  std::optional<std::string> spike;               // group=month: "high", "low" or none
};

struct Report {
  ReportQuery query;
  std::vector<ReportRow> rows;
};

struct ZeroResultSearch {
  std::string query;
  std::string language;
  std::uint64_t count = 0;
  std::string last;  // YYYY-MM-DD
};

// `today` (YYYY-MM-DD, UTC) ends the months of group=month and tells which month is not
// over; the two-argument form takes it from the system clock.
Report build_report(const std::filesystem::path& data_dir, const ReportQuery& query, const std::string& today);
Report build_report(const std::filesystem::path& data_dir, const ReportQuery& query);
// Searches that found nothing on days [from, to] (inclusive, UTC), per query and language,
// most frequent first. Stored per day without any visitor key; the query text is trimmed
// and cut to 200 bytes.
std::vector<ZeroResultSearch> zero_result_searches(const std::filesystem::path& data_dir, const std::string& from,
                                                   const std::string& to);

}  // namespace kc::stats
