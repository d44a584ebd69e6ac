#pragma once
// What the HTTP layer tells the statistics module about one request (DESIGN §6).
// Plain data; the client address is used only to derive the visitor key and is never
// stored or logged.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kc::stats {

enum class EventKind { Download, View };

const char* to_string(EventKind kind);                             // "download" or "view"
std::optional<EventKind> parse_event_kind(std::string_view text);  // the reverse; nullopt otherwise

struct RequestFacts {
  EventKind kind = EventKind::Download;
  std::string item;      // download: "files/<path>"; view: the guide's work id
  std::string file;      // "files/<path>" for downloads, "" for views
  std::string document;  // "<lang>/<slug>" for views, "" for downloads
  std::string work;      // the guide's work id; for a file, the work it is attached to when only one
  std::string language;  // the guide's language ("" for files)
  std::string topic;     // the guide's topic; for a file, its guides' topic when they share one
  int status = 200;      // the HTTP status answered
  bool head = false;     // a HEAD request
  std::optional<std::uint64_t> range_start;  // first byte asked by a Range header, if any
  std::uint64_t bytes = 0;                   // bytes planned in the response body
  std::string client_ip;                     // never stored: only hashed into the visitor key
  std::string user_agent;
};

// Why an event does not count; None when it counts.
enum class Exclusion { None, Failed, Head, Robot, Bulk, RangeContinuation, DoubleClick };

struct ExclusionReason {
  Exclusion exclusion;
  const char* name;  // in events.reason, the journal, the reports (JSON keys, CSV columns) and monthly's columns
};

// Every reason an event may not count, in the order they are checked (counter_rules.h):
// the one list the names, the report and retention SQL, the monthly table's columns
// (schema.h), the JSON and the CSV are made from. A new reason is its enumerator above,
// a row here and its rule in counter_rules.cpp.
inline constexpr ExclusionReason kExclusionReasons[] = {
    {Exclusion::Failed, "failed"},
    {Exclusion::Head, "head"},
    {Exclusion::Robot, "robot"},
    {Exclusion::Bulk, "bulk"},
    {Exclusion::RangeContinuation, "range_continuation"},
    {Exclusion::DoubleClick, "double_click"},
};

const char* to_string(Exclusion exclusion);                       // its name; "" for None
std::optional<Exclusion> parse_exclusion(std::string_view text);  // the reverse ("" → None)

}  // namespace kc::stats
