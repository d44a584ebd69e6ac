#pragma once
// Proleptic Gregorian calendar dates and days since 1970-01-01 (H. Hinnant, "chrono-
// compatible low-level date algorithms"): exact for any year, independent of the time
// zone and of timegm(). The one calendar behind front-matter dates (content/), HTTP
// dates (http/etag.h) and the statistics' UTC days (stats/calendar.h). Pure; thread-safe.
#include <cstdint>

namespace kc::content {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

bool is_leap_year(int year);
int days_in_month(int year, int month);  // month 1..12
bool is_real_date(const CivilDate& date);  // month 1..12, day 1..days_in_month

std::int64_t days_from_civil(const CivilDate& date);
CivilDate civil_from_days(std::int64_t days);

}  // namespace kc::content
