#include "stats/event.h"

namespace kc::stats {

const char* to_string(EventKind kind) { return kind == EventKind::View ? "view" : "download"; }

std::optional<EventKind> parse_event_kind(std::string_view text) {
  if (text == "download") return EventKind::Download;
  if (text == "view") return EventKind::View;
  return std::nullopt;
}

const char* to_string(Exclusion exclusion) {
  for (const auto& reason : kExclusionReasons) {
    if (reason.exclusion == exclusion) return reason.name;
  }
  return "";
}

std::optional<Exclusion> parse_exclusion(std::string_view text) {
  if (text.empty()) return Exclusion::None;
  for (const auto& reason : kExclusionReasons) {
    if (text == reason.name) return reason.exclusion;
  }
  return std::nullopt;
}

}  // namespace kc::stats
