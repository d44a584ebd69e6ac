#include "stats/counter_rules.h"

namespace kc::stats {
namespace {

bool is_success(int status) { return status == 200 || status == 206 || status == 304; }

// The reasons that hold whatever the visitor did before.
std::optional<Exclusion> own_reason(const RuleInput& input) {
  if (!is_success(input.status)) return Exclusion::Failed;
  if (input.head) return Exclusion::Head;
  if (input.robot) return Exclusion::Robot;
  return std::nullopt;
}

bool is_fetch(Exclusion exclusion) {
  return exclusion != Exclusion::Failed && exclusion != Exclusion::Head && exclusion != Exclusion::Robot;
}

}  // namespace

Decision CounterRules::apply(const RuleInput& input, std::int64_t event_id) {
  if (const auto reason = own_reason(input)) return {*reason, std::nullopt};
  Visitor& state = visitor(input.kind, input.visitor);
  state.fetched[std::string(input.item)] = input.time;
  Decision decision;
  if (recent_items(state, input.time) > static_cast<std::size_t>(bulk_limit_)) {
    decision.exclusion = Exclusion::Bulk;
  } else if (input.range_start && *input.range_start > 0) {
    decision.exclusion = Exclusion::RangeContinuation;
  } else {
    auto [previous, first] = state.counted.try_emplace(std::string(input.item), Counted{input.time, event_id});
    if (!first) {
      // |Δt|: requests from concurrent threads may reach the writer a few µs out of order.
      const std::int64_t gap = input.time - previous->second.time;
      if (gap <= kDoubleClickMillis && gap >= -kDoubleClickMillis) decision.remark = previous->second.event_id;
      previous->second = {input.time, event_id};
    }
  }
  return decision;
}

void CounterRules::remember(EventKind kind, std::string_view visitor_key, std::string_view item, std::int64_t time,
                            Exclusion exclusion, std::int64_t event_id) {
  if (!is_fetch(exclusion)) return;
  Visitor& state = visitor(kind, visitor_key);
  state.fetched[std::string(item)] = time;
  if (exclusion == Exclusion::None) state.counted[std::string(item)] = {time, event_id};
}

void CounterRules::forget_before(std::int64_t time) {
  const std::int64_t horizon = time - kBulkWindowMillis;
  for (auto it = visitors_.begin(); it != visitors_.end();) {
    Visitor& state = it->second;
    for (auto f = state.fetched.begin(); f != state.fetched.end();) {
      f = f->second < horizon ? state.fetched.erase(f) : std::next(f);
    }
    for (auto c = state.counted.begin(); c != state.counted.end();) {
      c = c->second.time < horizon ? state.counted.erase(c) : std::next(c);
    }
    it = state.fetched.empty() && state.counted.empty() ? visitors_.erase(it) : std::next(it);
  }
}

CounterRules::Visitor& CounterRules::visitor(EventKind kind, std::string_view key) {
  std::string id(1, kind == EventKind::View ? 'v' : 'd');
  id.append(key);
  return visitors_[id];
}

// Items fetched in the last 60 s; older entries are dropped on the way, so a busy
// visitor's map never holds more than a minute of items.
std::size_t CounterRules::recent_items(Visitor& state, std::int64_t now) {
  for (auto it = state.fetched.begin(); it != state.fetched.end();) {
    it = it->second <= now - kBulkWindowMillis ? state.fetched.erase(it) : std::next(it);
  }
  return state.fetched.size();
}

}  // namespace kc::stats
