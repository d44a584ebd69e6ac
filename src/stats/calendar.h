#pragma once
// UTC calendar arithmetic for the statistics module: event times are milliseconds since
// the Unix epoch, days are counted from 1970-01-01, and dates travel as "YYYY-MM-DD" and
// months as "YYYY-MM" (proleptic Gregorian: content/civil_date.h).
// Pure functions; thread-safe; nothing throws except parse_day_or_throw (StatsError).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "content/civil_date.h"

namespace kc::stats {

constexpr std::int64_t kMillisPerDay = 86'400'000;
constexpr std::int64_t kMillisPerHour = 3'600'000;

using content::CivilDate;  // the one calendar (content/civil_date.h)
using content::civil_from_days;
using content::days_from_civil;

std::int64_t to_millis(std::chrono::system_clock::time_point time);
std::int64_t day_of_millis(std::int64_t millis);  // floor: times before 1970 stay correct

// Strict "YYYY-MM-DD" (a real calendar day); nullopt otherwise.
std::optional<std::int64_t> parse_day(std::string_view text);
// As parse_day, but throws StatsError naming `what` (e.g. "from") when invalid.
std::int64_t parse_day_or_throw(std::string_view text, const char* what);

std::string format_day(std::int64_t days);    // YYYY-MM-DD
std::string format_month(std::int64_t days);  // YYYY-MM of that day

// The first day of the month `months` months after the month holding `days` (negative: before).
std::int64_t first_of_month(std::int64_t days, int months = 0);

}  // namespace kc::stats
