#include "stats/retention.h"

#include <string>
#include <string_view>

#include "stats/calendar.h"
#include "stats/schema.h"

namespace kc::stats {
namespace {

// `WHERE true` is required: without it SQLite cannot tell the upsert's ON from a join's.
// The per-reason parts (@columns@, @sums@, @updates@) are made from kExclusionReasons.
constexpr const char* kFold = R"sql(
INSERT INTO monthly (month, kind, item, work, topic, language, counted, unique_sessions,
                     @columns@)
SELECT strftime('%Y-%m', time / 1000, 'unixepoch') AS month, kind, item, work, topic, language,
       sum(reason = ''), sum(first_in_session),
       @sums@
FROM (SELECT *, reason = '' AND row_number() OVER (
                  PARTITION BY kind, item, visitor, time / 3600000, reason = '' ORDER BY id) = 1 AS first_in_session
      FROM events WHERE time < :cutoff)
WHERE true
GROUP BY month, kind, item, work, topic, language
ON CONFLICT (month, kind, item, work, topic, language) DO UPDATE SET
  counted = counted + excluded.counted,
  unique_sessions = unique_sessions + excluded.unique_sessions,
  @updates@
)sql";

void replace(std::string& text, std::string_view marker, const std::string& by) {
  text.replace(text.find(marker), marker.size(), by);
}

const std::string& fold_sql() {
  static const std::string sql = [] {
    std::string text = kFold;
    replace(text, "@columns@", for_each_reason("{}"));
    replace(text, "@sums@", for_each_reason(kEventsWithReason));
    replace(text, "@updates@", for_each_reason("{} = {} + excluded.{}"));
    return text;
  }();
  return sql;
}

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
  SQLite::Statement fold(db, fold_sql());
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
