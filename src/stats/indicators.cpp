#include "stats/indicators.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "stats/calendar.h"
#include "stats/event.h"
#include "stats/schema.h"
#include "stats/stats_error.h"

namespace kc::stats {
namespace {

using DailyCounts = std::map<std::int64_t, std::uint64_t>;  // day → counted events

EventKind kind_of(const content::Indicator& indicator) {
  if (indicator.counts == "downloads") return EventKind::Download;
  if (indicator.counts == "views") return EventKind::View;
  throw StatsError("indicator " + indicator.id + ": counts must be downloads or views, not '" + indicator.counts + "'");
}

const char* column_of(const content::Indicator& indicator) {
  if (indicator.of_values.empty()) throw StatsError("indicator " + indicator.id + ": of names nothing to count");
  if (indicator.of_kind == "file" || indicator.of_kind == "files") return "item";
  if (indicator.of_kind == "doc") return "work";
  if (indicator.of_kind == "topic") return "topic";
  throw StatsError("indicator " + indicator.id + ": of must be file, files, doc or topic, not '" + indicator.of_kind + "'");
}

// "item IN (?, ?)": a group of files is one target, and an event has one item, so
// counting the group's events once each adds up its files (COUNTER: one work).
std::string matches(const std::string& column, const std::set<std::string>& values) {
  std::string sql = column + " IN (";
  for (std::size_t i = 0; i < values.size(); ++i) sql += i == 0 ? "?" : ", ?";
  return sql + ")";
}

DailyCounts counted_by_day(SQLite::Database& db, const content::Indicator& indicator, std::int64_t from,
                           std::int64_t by) {
  const std::set<std::string> values(indicator.of_values.begin(), indicator.of_values.end());
  const std::string match = matches(column_of(indicator), values);
  const char* kind = to_string(kind_of(indicator));
  DailyCounts daily;
  SQLite::Statement raw(db, "SELECT time / 86400000 AS day, count(*) FROM events WHERE kind = ? AND reason = '' AND " +
                                match + " AND time >= ? AND time < ? GROUP BY day");
  int at = 1;
  raw.bind(at++, kind);
  for (const auto& value : values) raw.bind(at++, value);
  raw.bind(at++, from * kMillisPerDay);
  raw.bind(at++, (by + 1) * kMillisPerDay);
  while (raw.executeStep())
    daily[raw.getColumn(0).getInt64()] += static_cast<std::uint64_t>(raw.getColumn(1).getInt64());

  SQLite::Statement folded(db, "SELECT month, sum(counted) FROM monthly WHERE kind = ? AND " + match +
                                   " AND month >= ? AND month <= ? GROUP BY month");
  at = 1;
  folded.bind(at++, kind);
  for (const auto& value : values) folded.bind(at++, value);
  folded.bind(at++, format_month(first_of_month(from - 1, 1)));
  folded.bind(at++, format_month(by));
  while (folded.executeStep()) {
    if (const auto day = parse_day(folded.getColumn(0).getString() + "-01")) {
      daily[*day] += static_cast<std::uint64_t>(folded.getColumn(1).getInt64());
    }
  }
  return daily;
}

std::string status_of(std::uint64_t counted, long long target, double share, double expected, bool closed) {
  const bool met = static_cast<long long>(counted) >= target;
  if (closed) return met ? "closed-met" : "closed-missed";
  if (met) return "met";
  return share >= expected ? "on-track" : "behind";
}

std::optional<std::string> projected_day(const DailyCounts& daily, std::uint64_t counted, long long target,
                                         std::int64_t from, std::int64_t elapsed) {
  if (target <= 0) return format_day(from);
  if (static_cast<long long>(counted) >= target) {
    std::uint64_t running = 0;
    for (const auto& [day, count] : daily) {
      running += count;
      if (static_cast<long long>(running) >= target) return format_day(day);
    }
  }
  if (counted == 0 || elapsed <= 0) return std::nullopt;
  const double days =
      std::ceil(static_cast<double>(target) * static_cast<double>(elapsed) / static_cast<double>(counted));
  return format_day(from + static_cast<std::int64_t>(days) - 1);
}

std::vector<MonthCount> monthly_counts(const DailyCounts& daily, std::int64_t from, std::int64_t last) {
  std::vector<MonthCount> months;
  for (std::int64_t month = first_of_month(from); month <= last; month = first_of_month(month, 1)) {
    MonthCount entry{format_month(month), 0};
    const auto end = daily.lower_bound(std::min(first_of_month(month, 1), last + 1));
    for (auto it = daily.lower_bound(std::max(month, from)); it != end; ++it) entry.counted += it->second;
    months.push_back(std::move(entry));
  }
  return months;
}

IndicatorProgress progress_of(SQLite::Database* db, const content::Indicator& indicator, std::int64_t today) {
  const std::int64_t from = parse_day_or_throw(indicator.from, "indicator from");
  const std::int64_t by = parse_day_or_throw(indicator.by, "indicator by");
  kind_of(indicator);
  column_of(indicator);
  const DailyCounts daily = db ? counted_by_day(*db, indicator, from, by) : DailyCounts{};

  IndicatorProgress progress;
  progress.indicator = indicator;
  for (const auto& entry : daily) progress.counted += entry.second;
  const auto target = indicator.target;
  progress.share = target > 0 ? static_cast<double>(progress.counted) / static_cast<double>(target) : 1.0;
  const std::int64_t days = std::max<std::int64_t>(by - from + 1, 1);
  const std::int64_t elapsed = std::clamp<std::int64_t>(today - from + 1, 0, days);
  progress.expected = static_cast<double>(elapsed) / static_cast<double>(days);
  progress.status = status_of(progress.counted, target, progress.share, progress.expected, today > by);
  progress.projected = projected_day(daily, progress.counted, target, from, elapsed);
  progress.months = monthly_counts(daily, from, std::min(by, today));
  return progress;
}

}  // namespace

std::vector<IndicatorProgress> indicator_progress(const std::filesystem::path& data_dir,
                                                  const std::vector<content::Indicator>& indicators,
                                                  const std::string& today) {
  const std::int64_t today_day = parse_day_or_throw(today, "today");
  try {
    auto db = open_for_reading(data_dir);
    std::vector<IndicatorProgress> progress;
    for (const auto& indicator : indicators) progress.push_back(progress_of(db ? &*db : nullptr, indicator, today_day));
    return progress;
  } catch (const SQLite::Exception& e) {
    throw_stats_error(e, database_path(data_dir), "computing indicator progress");
  }
}

}  // namespace kc::stats
