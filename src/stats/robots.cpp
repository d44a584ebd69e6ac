#include "stats/robots.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

#include "content/text.h"
#include "stats/stats_error.h"

namespace kc::stats {
namespace {

// RE2::Set::Match answers false, as if nothing matched, when its DFA exhausts max_mem.
// With 1,500 patterns the program is a few MB; 256 MB is a ceiling, not an allocation.
constexpr std::int64_t kMaxMemory = 256LL << 20;
// A robot's signature sits near the start of its UA; if the DFA ever gives up on a
// (hostile) giant UA, its head is checked again instead of waving it through.
constexpr std::size_t kRetryPrefix = 1024;

nlohmann::json read_json(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw StatsError("cannot read the robot list " + file.string());
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw StatsError("the robot list " + file.string() + " is not valid JSON: " + e.what());
  }
}

}  // namespace

struct RobotList::Patterns {
  explicit Patterns(const RE2::Options& options) : set(options, RE2::UNANCHORED) {}
  RE2::Set set;
};

RobotList::RobotList(const std::filesystem::path& file, std::vector<std::string> allow_list) {
  for (auto& allowed : allow_list) {
    if (!allowed.empty()) allow_list_.push_back(content::ascii_lower(allowed));
  }
  if (file.empty()) return;
  const nlohmann::json list = read_json(file);
  if (!list.is_array()) throw StatsError("the robot list " + file.string() + " is not a JSON array");
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  options.set_max_mem(kMaxMemory);
  patterns_ = std::make_unique<Patterns>(options);
  for (const auto& entry : list) {
    const auto pattern = entry.is_object() ? entry.find("pattern") : entry.end();
    if (!entry.is_object() || pattern == entry.end() || !pattern->is_string()) {
      throw StatsError("the robot list " + file.string() + " has an entry without a \"pattern\" string");
    }
    std::string error;
    if (patterns_->set.Add(pattern->get<std::string>(), &error) < 0) {
      throw StatsError("the robot list " + file.string() + " has a bad pattern '" + pattern->get<std::string>() +
                       "': " + error);
    }
    ++pattern_count_;
  }
  if (!patterns_->set.Compile()) throw StatsError("the robot list " + file.string() + " does not fit in memory");
}

RobotList::~RobotList() = default;
RobotList::RobotList(RobotList&&) noexcept = default;
RobotList& RobotList::operator=(RobotList&&) noexcept = default;

bool RobotList::is_robot(std::string_view user_agent) const {
  if (!patterns_ || pattern_count_ == 0) return false;
  if (!allow_list_.empty()) {
    const std::string lower = content::ascii_lower(user_agent);
    for (const auto& allowed : allow_list_) {
      if (lower.find(allowed) != std::string::npos) return false;
    }
  }
  RE2::Set::ErrorInfo error{};
  if (patterns_->set.Match(user_agent, nullptr, &error)) return true;
  if (error.kind == RE2::Set::kOutOfMemory && user_agent.size() > kRetryPrefix) {
    return patterns_->set.Match(user_agent.substr(0, kRetryPrefix), nullptr);
  }
  return false;
}

const char* agent_class(bool robot, std::string_view user_agent) {
  if (robot) return "robot";
  if (user_agent.rfind("Mozilla/", 0) == 0 || user_agent.rfind("Opera/", 0) == 0) return "browser";
  return "other";
}

}  // namespace kc::stats
