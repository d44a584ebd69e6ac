#include "render/page_frame.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace kc::render {
namespace {

constexpr const char* kAutoescape = "{{%AUTOESCAPE context=\"HTML\"}}";

const std::vector<std::string> kTemplates = {
    "layout.tpl", "theme.tpl",  "search_form.tpl", "list.tpl",    "pager.tpl",     "home.tpl",  "topic.tpl",
    "guide.tpl",  "search.tpl", "indicators.tpl",  "privacy.tpl", "not_found.tpl", "error.tpl",
    // the staff pages (staff_pages.cpp)
    "staff_nav.tpl", "staff_login.tpl", "staff_fields.tpl", "staff_edit.tpl", "staff_conflict.tpl",
    // the dashboard, upload and history pages (staff_work_pages.cpp)
    "staff_dashboard.tpl", "staff_upload.tpl", "staff_history.tpl",
};

// "nav.privacy" → "T_nav_privacy": ctemplate names allow letters, digits and "_" only.
std::string variable_name(const std::string& key) {
  std::string name = "T_";
  for (const char ch : key) name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return name;
}

std::string read_start(const std::filesystem::path& path, std::size_t bytes) {
  std::ifstream in(path, std::ios::binary);
  std::string text(bytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(bytes));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

// The T_… variables a template file mentions: only those are set on each page (there are
// three times as many strings, most used from C++, and setting them all was a twentieth
// of a search page's cost).
void collect_string_variables(const std::filesystem::path& path, std::set<std::string>& names) {
  std::ifstream in(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (std::size_t at = text.find("T_"); at != std::string::npos; at = text.find("T_", at + 2)) {
    std::size_t end = at + 2;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
    names.insert(text.substr(at, end - at));
  }
}


}  // namespace

bool is_ui_language(const std::string& code) {
  return std::find(kUiLanguages.begin(), kUiLanguages.end(), code) != kUiLanguages.end();
}


std::string topic_label(const search::TopicInfo& topic, const std::string& language) {
  for (const auto& code : {language, std::string("en")}) {
    if (const auto it = topic.names.find(code); it != topic.names.end() && !it->second.empty()) return it->second;
  }
  return topic.id;
}

Engine::Engine(const std::filesystem::path& web_dir)
    : strings(web_dir / "i18n", kUiLanguages), brand(load_brand_mark(web_dir / "static")) {
  const auto dir = web_dir / "templates";
  if (!std::filesystem::is_directory(dir)) throw std::runtime_error(dir.string() + ": templates folder not found");
  cache.SetTemplateRootDirectory(dir.string());
  std::set<std::string> used;
  for (const auto& name : kTemplates) {
    const auto path = dir / name;
    if (!std::filesystem::is_regular_file(path)) throw std::runtime_error(path.string() + ": template not found");
    // Escape by default (STYLE.md rule 9): a template without the pragma is refused.
    if (read_start(path, std::string_view(kAutoescape).size()) != kAutoescape) {
      throw std::runtime_error(path.string() + ": must start with " + kAutoescape);
    }
    if (!cache.LoadTemplate(name, kStrip)) throw std::runtime_error(path.string() + ": template does not parse");
    collect_string_variables(path, used);
  }
  cache.Freeze();
  for (const auto& language : kUiLanguages) {
    auto& list = globals[language];
    for (const auto& [key, english] : strings.table("en")) {
      if (used.count(variable_name(key))) list.emplace_back(variable_name(key), strings.get(language, key));
    }
  }
}

}  // namespace kc::render
