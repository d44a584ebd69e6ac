#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "stats/counter_rules.h"

using kc::stats::CounterRules;
using kc::stats::EventKind;
using kc::stats::Exclusion;
using kc::stats::RuleInput;

namespace {

struct Click {
  int second;
  const char* item = "files/a.pdf";
  int status = 200;
  bool head = false;
  bool robot = false;
  long long range_start = -1;  // -1: no Range header
  const char* visitor = "v1";
};

// The final reason of every click ("" = counts) once later clicks have re-marked earlier ones.
std::vector<std::string> decide(const std::vector<Click>& clicks, int bulk_limit = 10) {
  CounterRules rules(bulk_limit);
  std::vector<std::string> reasons;
  for (std::size_t id = 0; id < clicks.size(); ++id) {
    const Click& click = clicks[id];
    RuleInput input;
    input.kind = EventKind::Download;
    input.visitor = click.visitor;
    input.item = click.item;
    input.time = click.second * 1000LL;
    input.status = click.status;
    input.head = click.head;
    input.robot = click.robot;
    if (click.range_start >= 0) input.range_start = static_cast<std::uint64_t>(click.range_start);
    const auto decision = rules.apply(input, static_cast<std::int64_t>(id));
    reasons.push_back(to_string(decision.exclusion));
    if (decision.remark) reasons.at(static_cast<std::size_t>(*decision.remark)) = "double_click";
  }
  return reasons;
}

}  // namespace

TEST_CASE("the COUNTER rules give each request its one reason, in order", "[stats][rules]") {
  struct Case {
    const char* name;
    std::vector<Click> clicks;
    std::vector<std::string> reasons;
  };
  const Case cases[] = {
      {"one click counts", {{0}}, {""}},
      {"three clicks within 30 s count once, the last", {{0}, {10}, {20}}, {"double_click", "double_click", ""}},
      {"31 s apart count twice", {{0}, {31}}, {"", ""}},
      {"exactly 30 s apart is a double click", {{0}, {30}}, {"double_click", ""}},
      {"the window slides: 0, 20, 40 s count once, at 40 s", {{0}, {20}, {40}}, {"double_click", "double_click", ""}},
      {"0, 20, 51 s: 20 and 51 count", {{0}, {20}, {51}}, {"double_click", "", ""}},
      {"different files are not double clicks", {{0}, {1, "files/b.pdf"}}, {"", ""}},
      {"different visitors are not double clicks", {{0}, {1, "files/a.pdf", 200, false, false, -1, "v2"}}, {"", ""}},
      {"404 is failed", {{0, "files/a.pdf", 404}}, {"failed"}},
      {"a failed HEAD is failed, not head", {{0, "files/a.pdf", 500, true}}, {"failed"}},
      {"200, 206 and 304 are successes", {{0, "a", 200}, {0, "b", 206}, {0, "c", 304}}, {"", "", ""}},
      {"HEAD is head", {{0, "files/a.pdf", 200, true}}, {"head"}},
      {"a robot HEAD is head", {{0, "files/a.pdf", 200, true, true}}, {"head"}},
      {"a robot is robot", {{0, "files/a.pdf", 200, false, true}}, {"robot"}},
      {"a resumed download counts once",
       {{0, "files/a.pdf", 206, false, false, 0}, {5, "files/a.pdf", 206, false, false, 5000}},
       {"", "range_continuation"}},
      {"Range from byte 0 counts", {{0, "files/a.pdf", 206, false, false, 0}}, {""}},
      {"a failed click does not re-mark the one before", {{0}, {5, "files/a.pdf", 404}}, {"", "failed"}},
      {"a range continuation does not re-mark the one before",
       {{0, "files/a.pdf", 206, false, false, 0}, {10, "files/a.pdf", 206, false, false, 100}, {50}},
       {"", "range_continuation", ""}},
  };
  for (const auto& test : cases) {
    INFO(test.name);
    CHECK(decide(test.clicks) == test.reasons);
  }
}

TEST_CASE("more different files than the bulk limit in a minute are bulk, counting this one", "[stats][rules]") {
  const std::vector<Click> clicks = {{0, "f1"}, {10, "f2"}, {20, "f3"}, {30, "f4"}, {40, "f5"}, {40, "f1"}, {75, "f6"}};
  // limit 3: f4 is the 4th different file within 60 s; f1 again at 40 s is still 5 files
  // in the window; at 75 s the window (15..75] holds f3, f4, f5, f1, f6 → bulk.
  CHECK(decide(clicks, 3) == std::vector<std::string>{"", "", "", "bulk", "bulk", "bulk", "bulk"});
  // Once the minute has passed, the visitor counts again.
  CHECK(decide({{0, "f1"}, {1, "f2"}, {2, "f3"}, {3, "f4"}, {64, "f5"}}, 3) ==
        std::vector<std::string>{"", "", "", "bulk", ""});
}

TEST_CASE("robots, HEAD and failed requests are not fetches for the bulk rule", "[stats][rules]") {
  const std::vector<Click> clicks = {{0, "f1", 404}, {1, "f2", 200, true}, {2, "f3"}, {3, "f4"}};
  CHECK(decide(clicks, 2) == std::vector<std::string>{"failed", "head", "", ""});
}

TEST_CASE("the rules forget visitors after a minute and replay remembered events", "[stats][rules]") {
  CounterRules rules(10);
  RuleInput input;
  input.visitor = "v1";
  input.item = "files/a.pdf";
  input.time = 0;
  CHECK_FALSE(rules.apply(input, 1).remark);
  rules.forget_before(61'000);
  CHECK(rules.visitor_count() == 0);

  CounterRules restarted(10);
  restarted.remember(EventKind::Download, "v1", "files/a.pdf", 100'000, Exclusion::None, 7);
  input.time = 110'000;
  CHECK(restarted.apply(input, 8).remark == 7);
}
