#include "stats/event.h"

namespace kc::stats {

const char* to_string(EventKind kind) { return kind == EventKind::View ? "view" : "download"; }

std::optional<EventKind> parse_event_kind(std::string_view text) {
  if (text == "download") return EventKind::Download;
  if (text == "view") return EventKind::View;
  return std::nullopt;
}

const char* to_string(Exclusion exclusion) {
  switch (exclusion) {
    case Exclusion::None:
      return "";
    case Exclusion::Failed:
      return "failed";
    case Exclusion::Head:
      return "head";
    case Exclusion::Robot:
      return "robot";
    case Exclusion::Bulk:
      return "bulk";
    case Exclusion::RangeContinuation:
      return "range_continuation";
    case Exclusion::DoubleClick:
      return "double_click";
  }
  return "";
}

std::optional<Exclusion> parse_exclusion(std::string_view text) {
  if (text.empty()) return Exclusion::None;
  for (const Exclusion reason : kExclusionReasons) {
    if (text == to_string(reason)) return reason;
  }
  return std::nullopt;
}

}  // namespace kc::stats
