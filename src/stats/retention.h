#pragma once
// Retention (DESIGN §6): raw events are kept from `retention_months` months before
// January 1 of the current year (24 months on 2026-05-10: from 2024-01-01); older ones are
// folded into the `monthly` table, which is kept forever, and deleted. So between
// retention_months and retention_months + 12 months of raw events exist, and a month is
// always wholly raw or wholly folded. Zero-result search rows older than the cutoff go too
// (their text is user input). Internal to stats/.
//
// Unique counts survive folding: each COUNTER session's unique request of an item is
// booked on the row (work, topic, language) of its first counted event, so sums per
// item, work, topic or month stay exact; per language a session that read two
// translations counts once, in the first language.
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>

namespace kc::stats {

// The first day (days since 1970-01-01) that stays raw.
std::int64_t retention_cutoff_day(std::int64_t today, int retention_months);

// Folds and deletes everything before `cutoff_day` in one IMMEDIATE transaction; returns
// the number of raw events folded. Throws SQLite::Exception (the caller wraps it).
std::uint64_t apply_retention(SQLite::Database& db, std::int64_t cutoff_day);

}  // namespace kc::stats
