#include "stats/calendar.h"

#include <cstdio>

#include "stats/stats_error.h"

namespace kc::stats {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::int64_t to_millis(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

std::int64_t day_of_millis(std::int64_t millis) { return floor_div(millis, kMillisPerDay); }

std::optional<std::int64_t> parse_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int fields[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f) {
    for (std::size_t i = starts[f]; i < starts[f] + lengths[f]; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      fields[f] = fields[f] * 10 + (text[i] - '0');
    }
  }
  const CivilDate date{fields[0], fields[1], fields[2]};
  if (!content::is_real_date(date)) return std::nullopt;
  return days_from_civil(date);
}

std::int64_t parse_day_or_throw(std::string_view text, const char* what) {
  if (const auto days = parse_day(text)) return *days;
  throw StatsError(std::string(what) + " is not a YYYY-MM-DD date: '" + std::string(text.substr(0, 40)) + "'");
}

std::string format_day(std::int64_t days) {
  const CivilDate date = civil_from_days(days);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
  return text;
}

std::string format_month(std::int64_t days) { return format_day(days).substr(0, 7); }

std::int64_t first_of_month(std::int64_t days, int months) {
  const CivilDate date = civil_from_days(days);
  const std::int64_t index = std::int64_t{date.year} * 12 + (date.month - 1) + months;
  const std::int64_t year = floor_div(index, 12);
  return days_from_civil({static_cast<int>(year), static_cast<int>(index - year * 12) + 1, 1});
}

}  // namespace kc::stats
