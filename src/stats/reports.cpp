#include "stats/reports.h"

#include <algorithm>
#include <array>

#include "stats/calendar.h"
#include "stats/schema.h"

namespace kc::stats {
namespace {

constexpr std::size_t kReasons = std::size(kExclusionReasons);

struct Totals {
  std::uint64_t counted = 0;
  std::uint64_t unique = 0;
  std::array<std::uint64_t, kReasons> excluded{};

  void add(const Totals& other) {
    counted += other.counted;
    unique += other.unique;
    for (std::size_t r = 0; r < kReasons; ++r) excluded[r] += other.excluded[r];
  }
};

using TotalsByKey = std::map<std::string, Totals>;

// Counted, unique, then each reason in kExclusionReasons' order (read_totals).
// Raw events: a COUNTER session is visitor + UTC hour (the visitor key already changes
// with the UTC date); unique counts distinct (item, session) among counted events.
const std::string& raw_totals() {
  static const std::string sql =
      "sum(reason = ''), "
      "count(DISTINCT CASE WHEN reason = '' THEN item || char(31) || visitor || char(31) || (time / 3600000) END), " +
      for_each_reason(kEventsWithReason);
  return sql;
}
const std::string& folded_totals() {
  static const std::string sql = "sum(counted), sum(unique_sessions), " + for_each_reason("sum({})");
  return sql;
}

// Each group: its name, its key in the events table and in monthly (none: a folded month
// has no days).
struct GroupColumns {
  Group group;
  const char* name;
  const char* raw_key;
  const char* folded_key;
};

constexpr GroupColumns kGroups[] = {
    {Group::File, "file", "item", "item"},
    {Group::Doc, "doc", "work", "work"},
    {Group::Topic, "topic", "topic", "topic"},
    {Group::Language, "language", "language", "language"},
    {Group::Month, "month", "strftime('%Y-%m', time / 1000, 'unixepoch')", "month"},
    {Group::Day, "day", "strftime('%Y-%m-%d', time / 1000, 'unixepoch')", nullptr},
};

const GroupColumns& columns_of(Group group) {
  for (const auto& columns : kGroups) {
    if (columns.group == group) return columns;
  }
  return kGroups[0];
}

Totals read_totals(SQLite::Statement& statement) {
  Totals totals;
  totals.counted = static_cast<std::uint64_t>(statement.getColumn(1).getInt64());
  totals.unique = static_cast<std::uint64_t>(statement.getColumn(2).getInt64());
  for (std::size_t r = 0; r < kReasons; ++r) {
    totals.excluded[r] = static_cast<std::uint64_t>(statement.getColumn(static_cast<int>(3 + r)).getInt64());
  }
  return totals;
}

// Totals per key of the events of `kind` on days [first_day, last_day], raw and folded.
TotalsByKey totals_by_key(SQLite::Database& db, Group group, EventKind kind, std::int64_t first_day,
                          std::int64_t last_day) {
  TotalsByKey totals;
  const GroupColumns& columns = columns_of(group);
  SQLite::Statement raw(db, std::string("SELECT ") + columns.raw_key + " AS key, " + raw_totals() +
                                " FROM events WHERE kind = ? AND time >= ? AND time < ? GROUP BY key");
  raw.bind(1, to_string(kind));
  raw.bind(2, first_day * kMillisPerDay);
  raw.bind(3, (last_day + 1) * kMillisPerDay);
  while (raw.executeStep()) totals[raw.getColumn(0).getString()].add(read_totals(raw));

  if (const char* key = columns.folded_key) {
    SQLite::Statement folded(db, std::string("SELECT ") + key + " AS key, " + folded_totals() +
                                     " FROM monthly WHERE kind = ? AND month >= ? AND month <= ? GROUP BY key");
    folded.bind(1, to_string(kind));
    folded.bind(2, format_month(first_of_month(first_day - 1, 1)));  // months whose first day is in range
    folded.bind(3, format_month(last_day));
    while (folded.executeStep()) totals[folded.getColumn(0).getString()].add(read_totals(folded));
  }
  return totals;
}

// Whole-month counted totals from the month of `first_day` to the month of `last_day`.
std::map<std::string, std::uint64_t> counted_by_month(SQLite::Database& db, EventKind kind, std::int64_t first_day,
                                                      std::int64_t last_day) {
  std::map<std::string, std::uint64_t> counted;
  for (const auto& [month, totals] :
       totals_by_key(db, Group::Month, kind, first_of_month(first_day), first_of_month(last_day, 1) - 1)) {
    counted[month] = totals.counted;
  }
  return counted;
}

// The first month with any event of `kind`, raw or folded; nullopt when there is none.
std::optional<std::string> first_month_with_data(SQLite::Database& db, EventKind kind) {
  std::optional<std::string> first;
  SQLite::Statement folded(db, "SELECT min(month) FROM monthly WHERE kind = ?");
  folded.bind(1, to_string(kind));
  if (folded.executeStep() && !folded.getColumn(0).isNull()) first = folded.getColumn(0).getString();
  SQLite::Statement raw(db, "SELECT strftime('%Y-%m', min(time) / 1000, 'unixepoch') FROM events WHERE kind = ?");
  raw.bind(1, to_string(kind));
  if (raw.executeStep() && !raw.getColumn(0).isNull()) {
    const std::string month = raw.getColumn(0).getString();
    if (!first || month < *first) first = month;
  }
  return first;
}

std::optional<std::string> spike(std::uint64_t counted, double average, bool month_is_over) {
  if (static_cast<double>(counted) >= 3 * average + 100) return "high";
  if (month_is_over && average >= 20 && static_cast<double>(counted) < 0.01 * average) return "low";
  return std::nullopt;
}

ReportRow make_row(const std::string& key, const Totals& totals) {
  ReportRow row{key, totals.counted, totals.unique, {}, std::nullopt};
  for (std::size_t r = 0; r < kReasons; ++r) row.excluded[kExclusionReasons[r].name] = totals.excluded[r];
  return row;
}

// group=month: every month of [from, min(to, today)], each with its spike flag.
std::vector<ReportRow> month_rows(SQLite::Database* db, const ReportQuery& query, std::int64_t from, std::int64_t to,
                                  std::int64_t today) {
  const std::int64_t last = std::min(to, today);
  std::vector<ReportRow> rows;
  if (last < from) return rows;
  const TotalsByKey totals = db ? totals_by_key(*db, Group::Month, query.kind, from, last) : TotalsByKey{};
  const auto whole =
      db ? counted_by_month(*db, query.kind, first_of_month(from, -12), last) : std::map<std::string, std::uint64_t>{};
  const auto first_data = db ? first_month_with_data(*db, query.kind) : std::nullopt;
  for (std::int64_t month = first_of_month(from); month <= last; month = first_of_month(month, 1)) {
    const std::string key = format_month(month);
    const auto found = totals.find(key);
    rows.push_back(make_row(key, found == totals.end() ? Totals{} : found->second));
    std::uint64_t sum = 0;
    int months = 0;
    for (int back = 1; back <= 12; ++back) {
      const std::string previous = format_month(first_of_month(month, -back));
      if (!first_data || previous < *first_data) break;
      const auto counted = whole.find(previous);
      sum += counted == whole.end() ? 0 : counted->second;
      ++months;
    }
    if (months == 0) continue;
    const auto counted = whole.find(key);
    rows.back().spike = spike(counted == whole.end() ? 0 : counted->second, static_cast<double>(sum) / months,
                              key != format_month(today));
  }
  return rows;
}

std::vector<ReportRow> keyed_rows(SQLite::Database* db, const ReportQuery& query, std::int64_t from, std::int64_t to) {
  std::vector<ReportRow> rows;
  if (!db) return rows;
  for (const auto& [key, totals] : totals_by_key(*db, query.group, query.kind, from, to))
    rows.push_back(make_row(key, totals));
  if (query.group != Group::Day) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const ReportRow& a, const ReportRow& b) { return a.counted > b.counted; });
  }
  return rows;
}

}  // namespace

const char* to_string(Group group) { return columns_of(group).name; }

std::optional<Group> parse_group(const std::string& text) {
  for (const auto& columns : kGroups) {
    if (text == columns.name) return columns.group;
  }
  return std::nullopt;
}

Report build_report(const std::filesystem::path& data_dir, const ReportQuery& query, const std::string& today) {
  const std::int64_t from = parse_day_or_throw(query.from, "from");
  const std::int64_t to = parse_day_or_throw(query.to, "to");
  const std::int64_t today_day = parse_day_or_throw(today, "today");
  try {
    auto db = open_for_reading(data_dir);
    SQLite::Database* connection = db ? &*db : nullptr;
    Report report{query, {}};
    report.rows = query.group == Group::Month ? month_rows(connection, query, from, to, today_day)
                                              : keyed_rows(connection, query, from, to);
    return report;
  } catch (const SQLite::Exception& e) {
    throw_stats_error(e, database_path(data_dir), "building a report");
  }
}

Report build_report(const std::filesystem::path& data_dir, const ReportQuery& query) {
  return build_report(data_dir, query, format_day(day_of_millis(to_millis(std::chrono::system_clock::now()))));
}

std::vector<ZeroResultSearch> zero_result_searches(const std::filesystem::path& data_dir, const std::string& from,
                                                   const std::string& to) {
  parse_day_or_throw(from, "from");
  parse_day_or_throw(to, "to");
  std::vector<ZeroResultSearch> rows;
  try {
    auto db = open_for_reading(data_dir);
    if (!db) return rows;
    SQLite::Statement select(*db,
                             "SELECT query, language, sum(count) AS total, max(day) FROM zero_searches "
                             "WHERE day >= ? AND day <= ? GROUP BY query, language "
                             "ORDER BY total DESC, max(day) DESC, query, language");
    select.bind(1, from);
    select.bind(2, to);
    while (select.executeStep()) {
      rows.push_back({select.getColumn(0).getString(), select.getColumn(1).getString(),
                      static_cast<std::uint64_t>(select.getColumn(2).getInt64()), select.getColumn(3).getString()});
    }
    return rows;
  } catch (const SQLite::Exception& e) {
    throw_stats_error(e, database_path(data_dir), "listing zero-result searches");
  }
}

}  // namespace kc::stats
