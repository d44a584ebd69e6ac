#pragma once
// One event journal record (journal.h): an event as the database will store it — what
// the request was, when, whose (the visitor key, never the IP or User-Agent) and how the
// COUNTER rules judged it, with the earlier event it re-marks as a double click — or one
// zero-result search. encode() appends the record's bytes; decode() reads them back.
//
// The layout is fixed and private to the journal: a type byte, then little-endian
// 64-bit integers and u32-length-prefixed strings in a fixed order. A format library
// would add a dependency and allocations to the one path that must stay cheap.
//
// Thread safety: plain functions. decode() throws StatsError on a malformed record.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "stats/event.h"

namespace kc::stats {

struct LoggedEvent {
  RequestFacts facts;  // client_ip and user_agent always empty
  std::int64_t id = 0;
  std::int64_t time = 0;        // ms since the Unix epoch (UTC)
  std::string visitor;          // the day's visitor key
  std::string agent = "other";  // agent_class(): robot | browser | other
  Exclusion reason = Exclusion::None;
  std::optional<std::int64_t> remark;  // an earlier event that this one makes a double click
};

struct ZeroResultSearch {
  std::string day;  // YYYY-MM-DD (UTC)
  std::string query;
  std::string language;
};

using JournalRecord = std::variant<LoggedEvent, ZeroResultSearch>;

void encode(const LoggedEvent& event, std::string& out);
void encode(const ZeroResultSearch& search, std::string& out);
JournalRecord decode(std::string_view bytes);

}  // namespace kc::stats
