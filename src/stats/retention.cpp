#include "stats/retention.h"

#include "stats/calendar.h"

namespace kc::stats {
namespace {

// `WHERE true` is required: without it SQLite cannot tell the upsert's ON from a join's.
constexpr const char* kFold = R"sql(
INSERT INTO monthly (month, kind, item, work, topic, language, counted, unique_sessions,
                     failed, head, robot, bulk, range_continuation, double_click)
SELECT strftime('%Y-%m', time / 1000, 'unixepoch') AS month, kind, item, work, topic, language,
       sum(reason = ''), sum(first_in_session),
       sum(reason = 'failed'), sum(reason = 'head'), sum(reason = 'robot'), sum(reason = 'bulk'),
       sum(reason = 'range_continuation'), sum(reason = 'double_click')
FROM (SELECT *, reason = '' AND row_number() OVER (
                  PARTITION BY kind, item, visitor, time / 3600000, reason = '' ORDER BY id) = 1 AS first_in_session
      FROM events WHERE time < :cutoff)
WHERE true
GROUP BY month, kind, item, work, topic, language
ON CONFLICT (month, kind, item, work, topic, language) DO UPDATE SET
  counted = counted + excluded.counted,
  unique_sessions = unique_sessions + excluded.unique_sessions,
  failed = failed + excluded.failed,
  head = head + excluded.head,
  robot = robot + excluded.robot,
  bulk = bulk + excluded.bulk,
  range_continuation = range_continuation + excluded.range_continuation,
  double_click = double_click + excluded.double_click
)sql";

}  // namespace

std::int64_t retention_cutoff_day(std::int64_t today, int retention_months) {
  const CivilDate date = civil_from_days(today);
  return first_of_month(days_from_civil({date.year, 1, 1}), -retention_months);
}

std::uint64_t apply_retention(SQLite::Database& db, std::int64_t cutoff_day) {
  const std::int64_t cutoff = cutoff_day * kMillisPerDay;
  {
    SQLite::Statement old(db, "SELECT EXISTS (SELECT 1 FROM events WHERE time < ?)");
    old.bind(1, cutoff);
    old.executeStep();
    SQLite::Statement old_searches(db, "SELECT EXISTS (SELECT 1 FROM zero_searches WHERE day < ?)");
    old_searches.bind(1, format_day(cutoff_day));
    old_searches.executeStep();
    if (old.getColumn(0).getInt() == 0 && old_searches.getColumn(0).getInt() == 0) return 0;
  }
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement fold(db, kFold);
  fold.bind(":cutoff", cutoff);
  fold.exec();
  SQLite::Statement erase(db, "DELETE FROM events WHERE time < ?");
  erase.bind(1, cutoff);
  const int folded = erase.exec();
  SQLite::Statement erase_searches(db, "DELETE FROM zero_searches WHERE day < ?");
  erase_searches.bind(1, format_day(cutoff_day));
  erase_searches.exec();
  transaction.commit();
  return static_cast<std::uint64_t>(folded);
}

}  // namespace kc::stats
