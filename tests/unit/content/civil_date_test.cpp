#include <catch2/catch.hpp>

#include "content/civil_date.h"

using namespace kc::content;

TEST_CASE("civil dates: leap years, month lengths and days since 1970 both ways", "[content][calendar]") {
  CHECK(is_leap_year(2024));
  CHECK(is_leap_year(2000));
  CHECK_FALSE(is_leap_year(1900));
  CHECK_FALSE(is_leap_year(2026));
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2026, 2) == 28);
  CHECK(days_in_month(2026, 4) == 30);
  CHECK(days_in_month(2026, 12) == 31);
  const std::pair<CivilDate, bool> real[] = {
      {{2024, 2, 29}, true}, {{2025, 2, 29}, false}, {{2026, 13, 1}, false},
      {{2026, 0, 10}, false}, {{2026, 4, 31}, false}, {{2026, 1, 0}, false},
  };
  for (const auto& [date, expected] : real) {
    INFO(date.year << "-" << date.month << "-" << date.day);
    CHECK(is_real_date(date) == expected);
  }
  const std::pair<CivilDate, std::int64_t> days[] = {
      {{1970, 1, 1}, 0}, {{2000, 3, 1}, 11017}, {{1969, 12, 31}, -1}, {{1600, 1, 1}, -135140}, {{2026, 11, 27}, 20784},
  };
  for (const auto& [date, count] : days) {
    INFO(date.year << "-" << date.month << "-" << date.day);
    CHECK(days_from_civil(date) == count);
    const CivilDate back = civil_from_days(count);
    CHECK((back.year == date.year && back.month == date.month && back.day == date.day));
  }
}
