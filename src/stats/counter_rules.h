#pragma once
// The COUNTER R5 decision (DESIGN §6) for one event, given what the same visitor did in
// the last minute: the one reason it does not count, checked in this order —
//   failed             status other than 200, 206 or 304
//   head               a HEAD request
//   robot              the User-Agent is on the robot list (decided by the caller)
//   bulk               this visitor fetched more than `bulk_items_per_minute` different
//                      items of this kind in the last 60 s, counting this one
//   range_continuation a Range request that does not start at byte 0
//   double_click       never given to a new event: when the visitor's previous counted
//                      request of the same item is at most 30 s old, *that* event is
//                      re-marked (Decision::remark) and the new one counts; so clicks at
//                      0, 20 and 40 s count once, at 40 s.
// Only events that pass failed/head/robot are "fetches" for the bulk rule.
//
// Pure and in memory: the event log owns one CounterRules and feeds it events in
// journal order. Memory is bounded by forget_before(). Not thread-safe. Never throws
// (except std::bad_alloc).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "stats/event.h"

namespace kc::stats {

constexpr std::int64_t kDoubleClickMillis = 30'000;
constexpr std::int64_t kBulkWindowMillis = 60'000;

struct RuleInput {
  EventKind kind = EventKind::Download;
  std::string_view visitor;  // the day's visitor key
  std::string_view item;
  std::int64_t time = 0;  // ms since the Unix epoch
  int status = 200;
  bool head = false;
  bool robot = false;
  std::optional<std::uint64_t> range_start;
};

struct Decision {
  Exclusion exclusion = Exclusion::None;
  std::optional<std::int64_t> remark;  // id of an earlier event that becomes double_click
};

class CounterRules {
 public:
  explicit CounterRules(int bulk_items_per_minute) : bulk_limit_(bulk_items_per_minute) {}

  // Decides for the event that will be stored under `event_id`, and remembers it.
  Decision apply(const RuleInput& input, std::int64_t event_id);

  // Remembers an event decided earlier (replayed from the database after a restart).
  void remember(EventKind kind, std::string_view visitor, std::string_view item, std::int64_t time, Exclusion exclusion,
                std::int64_t event_id);

  // Drops everything older than `time` minus the bulk window: it can no longer matter.
  void forget_before(std::int64_t time);

  void clear() { visitors_.clear(); }
  std::size_t visitor_count() const { return visitors_.size(); }

 private:
  struct Counted {
    std::int64_t time = 0;
    std::int64_t event_id = 0;
  };
  struct Visitor {
    std::unordered_map<std::string, std::int64_t> fetched;  // item → last fetch time
    std::unordered_map<std::string, Counted> counted;       // item → last counted request
  };

  Visitor& visitor(EventKind kind, std::string_view key);
  std::size_t recent_items(Visitor& visitor, std::int64_t now);

  int bulk_limit_;
  std::unordered_map<std::string, Visitor> visitors_;  // kind letter + visitor key
};

}  // namespace kc::stats
