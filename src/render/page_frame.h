#pragma once
// The frame every HTML page shares, internal to render/ (pages.cpp for the public pages,
// staff_pages.cpp for the staff pages): the parsed templates and UI strings (Engine,
// loaded once, read-only afterwards, so shared by every thread) and one page being built
// on the layout (Page: title, head, header, language switcher; the page's own template is
// its CONTENT). Only render/ includes ctemplate.
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>

#include "content/text.h"
#include "render/alternates.h"
#include "render/brand_mark.h"
#include "render/i18n.h"
#include "render/link.h"
#include "render/pages.h"

namespace kc::render {

using ctemplate::TemplateDictionary;

// STRIP_WHITESPACE joins template lines: text that needs a space must stay on one line.
inline constexpr ctemplate::Strip kStrip = ctemplate::STRIP_WHITESPACE;

bool is_ui_language(const std::string& code);
// The topic's name in `language`, else in English, else its id.
std::string topic_label(const search::TopicInfo& topic, const std::string& language);

// The parsed templates and the strings: everything a page needs, shared read-only by
// every thread (the cache is frozen after loading, so expansion never touches the disk).
struct Engine {
  ctemplate::TemplateCache cache;
  Strings strings;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> globals;  // language → (T_… name, text)
  BrandMark brand;

  explicit Engine(const std::filesystem::path& web_dir);  // throws std::runtime_error naming the file
};


// One page being built: the layout's dictionary, the page template's own dictionary
// (CONTENT), and the helpers every page uses. Lives for one call.
class Page {
 public:
  Page(const Engine& engine, const PageContext& context, const std::string& page_template, const std::string& title)
      : engine_(engine), root_("page"), self_(context.path.empty() ? "/" : context.path), origin_(context.origin) {
    lang_ = is_ui_language(context.ui_language) ? context.ui_language : "en";
    if (is_ui_language(context.ui_override)) override_ = context.ui_override;
    for (const auto& [name, text] : engine_.globals.at(lang_)) root_.SetTemplateGlobalValue(name, text);
    root_.SetTemplateGlobalValue("UI_LANG", lang_);
    root_.SetTemplateGlobalValue("HOME_URL", url(Link("/")));
    root_.SetTemplateGlobalValue("PRIVACY_URL", url(Link("/privacy")));
    root_.SetTemplateGlobalValue("INDICATORS_URL", url(Link("/indicators")));
    root_.SetValue("TITLE", title);
    root_.ShowSection("SITE_SUFFIX");
    root_.AddIncludeDictionary("THEME")->SetFilename("theme.tpl");
    root_.SetValue("BRAND_SVG", engine_.brand.inline_svg);
    root_.SetValue("FAVICON_URL", engine_.brand.favicon_url);
    content_ = root_.AddIncludeDictionary("CONTENT");
    content_->SetFilename(page_template);
  }

  TemplateDictionary& content() { return *content_; }
  const std::string& lang() const { return lang_; }
  const Strings& strings() const { return engine_.strings; }
  const std::string& text(const std::string& key) const { return engine_.strings.get(lang_, key); }
  std::string format(const std::string& key, const std::vector<std::pair<std::string_view, std::string>>& values) const {
    return engine_.strings.format(lang_, key, values);
  }
  std::string name_of(const std::string& prefix, const std::string& code) const {
    return engine_.strings.get_or(lang_, prefix + code, code);
  }

  // A link to another page of the site, keeping ?ui= when the reader chose a language.
  std::string url(Link link) const {
    if (!override_.empty()) link.add("ui", override_);
    return link.str();
  }
  // The page's own address without ui=, for the language switcher.
  void set_self(Link link) { self_ = std::move(link); }
  void noindex() { root_.ShowSection("NOINDEX"); }
  // A section of the layout itself (STAFF, the staff header), for the other page modules.
  TemplateDictionary& layout_section(const std::string& name) { return *root_.AddSectionDictionary(name); }
  void description(const std::string& text) {
    if (!text.empty()) root_.SetValueAndShowSection("TEXT", text, "DESCRIPTION");
  }
  void alternates(const std::vector<Alternate>& alternates) {
    for (const auto& alternate : alternates) {
      auto* item = root_.AddSectionDictionary("ALTERNATE");
      item->SetValue("CODE", alternate.hreflang);
      item->SetValue("URL", alternate.url);
    }
  }
  // For pages whose whole text follows the UI language; call after set_self().
  void ui_alternates() { alternates(render::ui_alternates(origin_, self_)); }
  const std::string& origin() const { return origin_; }
  void header_search() { search_form(*root_.AddSectionDictionary("HEADER_SEARCH"), "hq", "", true); }

  void search_form(TemplateDictionary& parent, const std::string& id, const std::string& query, bool hidden_label) {
    auto* form = parent.AddIncludeDictionary("FORM");
    form->SetFilename("search_form.tpl");
    form->SetValue("ID", id);
    form->SetValue("Q", query);
    if (hidden_label) form->ShowSection("HIDDEN_LABEL");
    if (!override_.empty()) form->SetValueAndShowSection("UI", override_, "UI_FIELD");
  }

  std::string topic_name(const search::TopicInfo& topic) const { return topic_label(topic, lang_); }
  std::string topic_name(const std::string& id, const search::IndexInfo* index) const {
    if (index != nullptr) {
      for (const auto& topic : index->topics) {
        if (topic.id == id) return topic_name(topic);
      }
    }
    return id;
  }
  std::string guide_count(std::uint64_t count, bool exact = true) const {
    if (count == 1) return text("count.guides_one");
    return format(exact ? "count.guides_other" : "count.guides_about", {{"n", strings().number(lang_, count)}});
  }

  // Guides as a list; `index` (optional) names their topics; snippets replace summaries when asked.
  void list(TemplateDictionary& parent, const std::vector<search::ResultItem>& items, bool snippets,
            const search::IndexInfo* index) {
    if (items.empty()) return;
    auto* list = parent.AddIncludeDictionary("LIST");
    list->SetFilename("list.tpl");
    for (const auto& item : items) {
      auto* entry = list->AddSectionDictionary("ITEM");
      entry->SetValue("URL", url(Link(item.url)));
      entry->SetValue("TITLE", item.title);
      entry->SetValue("LANG", content::lang_tag(item.language, item.variant));
      if (snippets && !item.snippet.empty()) {
        entry->SetValueAndShowSection("HTML", item.snippet, "SNIPPET");
      } else if (!item.summary.empty()) {
        entry->SetValueAndShowSection("TEXT", item.summary, "SUMMARY");
      }
      const std::string meta = content::join({index != nullptr && !item.topic.empty() ? topic_name(item.topic, index) : "",
                                     item.language.empty() ? "" : name_of("lang.", item.language),
                                     item.published ? strings().date(lang_, *item.published) : ""},
                                    " · ");
      if (!meta.empty()) entry->SetValueAndShowSection("TEXT", meta, "META");
    }
  }

  // Previous, numbers around the current page (and the first and last), next.
  void pager(TemplateDictionary& parent, int page, int size, std::uint64_t total, const std::function<Link(long long)>& link_to) {
    if (size <= 0) return;
    const auto pages = static_cast<long long>((total + static_cast<std::uint64_t>(size) - 1) / static_cast<std::uint64_t>(size));
    const long long current = std::max(1, page);
    if (pages <= 1 && current <= 1) return;
    auto* pager = parent.AddIncludeDictionary("PAGER");
    pager->SetFilename("pager.tpl");
    if (current > 1) pager->SetValueAndShowSection("URL", url(link_to(std::min(current - 1, std::max(pages, 1LL)))), "PREV");
    std::set<long long> shown = {1, pages, current};
    for (long long near = current - 2; near <= current + 2; ++near) {
      if (near >= 1 && near <= pages) shown.insert(near);
    }
    long long previous = 0;
    for (const long long number : shown) {
      if (number < 1) continue;
      if (number > previous + 1) pager->AddSectionDictionary("PAGE")->ShowSection("GAP");
      auto* entry = pager->AddSectionDictionary("PAGE");
      entry->SetValue("N", strings().number(lang_, static_cast<std::uint64_t>(number)));
      if (number == current) {
        entry->ShowSection("CURRENT");
      } else {
        entry->SetValueAndShowSection("URL", url(link_to(number)), "LINK");
      }
      previous = number;
    }
    if (current < pages) pager->SetValueAndShowSection("URL", url(link_to(current + 1)), "NEXT");
  }

  std::string expand() {
    for (const auto& code : kUiLanguages) {
      auto* item = root_.AddSectionDictionary("UI_LANG_ITEM");
      item->SetValue("CODE", code);
      item->SetValue("NAME", engine_.strings.get(code, "lang." + code));
      if (code == lang_) {
        item->ShowSection("CURRENT");
      } else {
        item->SetValueAndShowSection("URL", Link(self_).add("ui", code).str(), "OTHER");
      }
    }
    std::string out;
    if (!engine_.cache.ExpandNoLoad("layout.tpl", kStrip, &root_, nullptr, &out)) {
      throw std::runtime_error("render: expanding a page failed");
    }
    return out;
  }

 private:
  const Engine& engine_;
  TemplateDictionary root_;
  TemplateDictionary* content_ = nullptr;
  std::string lang_;
  std::string override_;
  Link self_;
  std::string origin_;
};

}  // namespace kc::render
