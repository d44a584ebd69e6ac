#pragma once
// The robot test of the COUNTER rules (DESIGN §6): a User-Agent is a robot when it matches
// one of the crawler patterns (npm crawler-user-agents: a JSON array of objects with a
// "pattern" regex) and contains none of the allow-list's substrings. All patterns are
// compiled case-insensitively into one RE2::Set, so a check is one pass over the UA.
//
// Thread safety: immutable after construction; is_robot() may be called from any thread.
// Throws StatsError when the file cannot be read or a pattern does not compile.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kc::stats {

class RobotList {
 public:
  // An empty `file` path gives a list that matches nothing (the allow-list still applies).
  RobotList(const std::filesystem::path& file, std::vector<std::string> allow_list);
  ~RobotList();
  RobotList(RobotList&&) noexcept;
  RobotList& operator=(RobotList&&) noexcept;

  bool is_robot(std::string_view user_agent) const;
  std::size_t pattern_count() const { return pattern_count_; }

 private:
  struct Patterns;
  std::unique_ptr<Patterns> patterns_;   // null when there is no list
  std::vector<std::string> allow_list_;  // lower case
  std::size_t pattern_count_ = 0;
};

// The small set stored with each event: "robot", "browser" (a Mozilla/Opera-style UA) or "other".
const char* agent_class(bool robot, std::string_view user_agent);

}  // namespace kc::stats
