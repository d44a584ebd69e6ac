#include <catch2/catch.hpp>

#include "stats/calendar.h"
#include "stats/retention.h"
#include "stats/stats_error.h"

using namespace kc::stats;

TEST_CASE("days parse strictly and format back", "[stats][calendar]") {
  const std::pair<const char*, bool> cases[] = {
      {"1970-01-01", true},  {"2024-02-29", true},  {"2026-12-31", true},  {"2025-02-29", false},
      {"2026-13-01", false}, {"2026-00-10", false}, {"2026-1-01", false},  {"2026-01-01x", false},
      {"", false},           {"2026/01/01", false}, {"+026-01-01", false}, {"1900-02-29", false},
  };
  for (const auto& [text, valid] : cases) {
    INFO(text);
    const auto days = parse_day(text);
    CHECK(days.has_value() == valid);
    if (days) CHECK(format_day(*days) == text);
  }
  CHECK(parse_day("1970-01-01") == 0);
  CHECK(parse_day("2000-03-01") == 11017);
  CHECK_THROWS_AS(parse_day_or_throw("yesterday", "from"), StatsError);
}

TEST_CASE("months step across years in both directions", "[stats][calendar]") {
  const auto day = *parse_day("2026-03-17");
  CHECK(format_day(first_of_month(day)) == "2026-03-01");
  CHECK(format_day(first_of_month(day, 10)) == "2027-01-01");
  CHECK(format_day(first_of_month(day, -3)) == "2025-12-01");
  CHECK(format_day(first_of_month(day, -27)) == "2023-12-01");
  CHECK(format_month(day) == "2026-03");
  CHECK(day_of_millis(-1) == -1);
}

TEST_CASE("retention keeps N months before this year's January 1 raw", "[stats][calendar]") {
  const std::tuple<const char*, int, const char*> cases[] = {
      {"2026-05-10", 24, "2024-01-01"},
      {"2026-01-01", 24, "2024-01-01"},
      {"2026-12-31", 0, "2026-01-01"},
      {"2026-05-10", 3, "2025-10-01"},
  };
  for (const auto& [today, months, cutoff] : cases) {
    INFO(today << " " << months);
    CHECK(format_day(retention_cutoff_day(*parse_day(today), months)) == cutoff);
  }
}
