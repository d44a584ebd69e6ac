#include "render/alternates.h"

#include <algorithm>

#include "content/document.h"
#include "render/pages.h"

namespace kc::render {
namespace {

std::size_t language_rank(const std::string& language) {
  const auto& order = content::kLanguages;
  return static_cast<std::size_t>(std::find(order.begin(), order.end(), language) - order.begin());
}

}  // namespace

std::vector<Alternate> guide_alternates(const std::string& origin, std::vector<GuideVersion> versions) {
  if (versions.size() < 2) return {};
  std::stable_sort(versions.begin(), versions.end(), [](const GuideVersion& a, const GuideVersion& b) {
    return language_rank(a.language) < language_rank(b.language);
  });
  std::vector<Alternate> alternates;
  for (const auto& version : versions) {
    alternates.push_back({version.tag, origin + Link("/docs/" + version.language + "/" + version.slug).str()});
  }
  alternates.push_back({"x-default", alternates.front().url});  // English sorts first when present
  return alternates;
}

std::vector<Alternate> ui_alternates(const std::string& origin, const Link& self) {
  std::vector<Alternate> alternates;
  // The interface languages (guides have their own list: content::kLanguages).
  for (const auto& code : kUiLanguages) alternates.push_back({code, origin + Link(self).add("ui", code).str()});
  alternates.push_back({"x-default", origin + self.str()});
  return alternates;
}

}  // namespace kc::render
