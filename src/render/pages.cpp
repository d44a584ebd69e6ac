#include "render/pages.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>
#include <stdexcept>
#include <utility>

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>

#include "content/document.h"
#include "content/text.h"
#include "render/i18n.h"
#include "render/indicator_chart.h"
#include "render/link.h"
#include "search/facets.h"

namespace kc::render {
namespace {

using ctemplate::TemplateDictionary;

// STRIP_WHITESPACE joins template lines: text that needs a space must stay on one line.
constexpr ctemplate::Strip kStrip = ctemplate::STRIP_WHITESPACE;
constexpr const char* kAutoescape = "{{%AUTOESCAPE context=\"HTML\"}}";
constexpr int kDefaultPageSize = 10;

const std::vector<std::string> kTemplates = {
    "layout.tpl", "theme.tpl",  "search_form.tpl", "list.tpl",    "pager.tpl",     "home.tpl",  "topic.tpl",
    "guide.tpl",  "search.tpl", "indicators.tpl",  "privacy.tpl", "not_found.tpl", "error.tpl",
    "staff_dashboard.tpl", "staff_upload.tpl",
};

bool is_ui_language(const std::string& code) {
  return std::find(kUiLanguages.begin(), kUiLanguages.end(), code) != kUiLanguages.end();
}

// "nav.privacy" → "T_nav_privacy": ctemplate names allow letters, digits and "_" only.
std::string variable_name(const std::string& key) {
  std::string name = "T_";
  for (const char ch : key) name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return name;
}

// An id or class token made of [a-z0-9-] only, whatever indicators.yaml says.
std::string token(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    out += (std::isalnum(byte) && byte < 0x80) ? static_cast<char>(std::tolower(byte)) : '-';
  }
  return out;
}

// The topic's name in `language`, else in English, else its id.
std::string topic_label(const search::TopicInfo& topic, const std::string& language) {
  for (const auto& code : {language, std::string("en")}) {
    if (const auto it = topic.names.find(code); it != topic.names.end() && !it->second.empty()) return it->second;
  }
  return topic.id;
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

// The parsed templates and the strings: everything a page needs, shared read-only by
// every thread (the cache is frozen after loading, so expansion never touches the disk).
struct Engine {
  ctemplate::TemplateCache cache;
  Strings strings;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> globals;  // language → (T_… name, text)

  explicit Engine(const std::filesystem::path& web_dir) : strings(web_dir / "i18n", kUiLanguages) {
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
};

// One page being built: the layout's dictionary, the page template's own dictionary
// (CONTENT), and the helpers every page uses. Lives for one call.
class Page {
 public:
  Page(const Engine& engine, const PageContext& context, const std::string& page_template, const std::string& title)
      : engine_(engine), root_("page"), self_(context.path.empty() ? "/" : context.path) {
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
  void description(const std::string& text) {
    if (!text.empty()) root_.SetValueAndShowSection("TEXT", text, "DESCRIPTION");
  }
  void alternate(const std::string& code, const std::string& href) {
    auto* item = root_.AddSectionDictionary("ALTERNATE");
    item->SetValue("CODE", code);
    item->SetValue("URL", href);
  }
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
};

Link search_link(const search::SearchRequest& request) {
  Link link("/search");
  link.add("q", request.query);
  for (const auto& facet : search::kFacets) link.add(facet.parameter, request.*facet.filter);
  if (request.sort == search::SortOrder::Date) link.add("sort", "date");
  if (request.size != kDefaultPageSize) link.add("size", request.size);
  if (request.page > 1) link.add("page", request.page);
  return link;
}

// The parts of a search page, each filling its sections of the page's content.
struct SearchPage {
  SearchPage(Page& page, const search::SearchRequest& request, const search::SearchResponse& response,
             const search::IndexInfo& index)
      : page(page), content(page.content()), request(request), response(response), index(index), first_page(request) {
    first_page.page = 1;
  }

  Page& page;
  TemplateDictionary& content;
  const search::SearchRequest& request;
  const search::SearchResponse& response;
  const search::IndexInfo& index;
  search::SearchRequest first_page;  // the same search from its first page: what every link changes

  std::string value_name(const search::Facet& facet, const std::string& value) const {
    return *facet.value_names == '\0' ? page.topic_name(value, &index) : page.name_of(facet.value_names, value);
  }

  void correction() const {
    if (!response.corrected || response.corrected->empty()) return;
    auto corrected = first_page;
    corrected.query = *response.corrected;
    auto* section = content.AddSectionDictionary("CORRECTED");
    section->SetValue("URL", page.url(search_link(corrected)));
    section->SetValue("TEXT", *response.corrected);
  }

  // Each filter in use, with a link that drops it; true when there is any.
  bool active_filters() const {
    bool filtered = false;
    for (const auto& facet : search::kFacets) {
      const std::string& value = request.*facet.filter;
      if (value.empty()) continue;
      if (!filtered) content.ShowSection("ACTIVE");
      filtered = true;
      auto without = first_page;
      without.*facet.filter = "";
      auto* entry = content.AddSectionDictionary("FILTER");
      entry->SetValue("LABEL", page.text(std::string("facet.") + facet.name));
      entry->SetValue("VALUE", value_name(facet, value));
      entry->SetValue("URL", page.url(search_link(without)));
    }
    return filtered;
  }

  // A language filter with few matches: the other languages' matches below, each labelled.
  void other_languages() const {
    for (const auto& group : response.other_languages) {
      auto* other = content.AddSectionDictionary("OTHER");
      other->SetValue("LANG", group.language);
      other->SetValue("COUNT", page.format("search.other_language", {{"count", page.guide_count(group.total)},
                                                                     {"in_language", page.text("search.in." + group.language)}}));
      page.list(*other, group.results, true, &index);
    }
  }

  // No match: say so, offer to drop the filters, and list the topics to browse.
  void nothing_found(bool filtered) const {
    content.SetValue("COUNT", request.query.empty() ? page.text("search.none_filters")
                                                    : page.format("search.none", {{"q", request.query}}));
    auto* none = content.AddSectionDictionary("NONE");
    if (filtered) {
      search::SearchRequest plain;
      plain.query = request.query;
      none->SetValueAndShowSection("URL", page.url(search_link(plain)), "REMOVE_FILTERS");
    }
    if (index.topics.empty()) return;
    auto* browse = none->AddSectionDictionary("BROWSE");
    for (const auto& topic : index.topics) {
      auto* entry = browse->AddSectionDictionary("TOPIC");
      entry->SetValue("URL", page.url(Link("/topics/" + topic.id)));
      entry->SetValue("NAME", page.topic_name(topic));
    }
  }

  void count() const {
    const std::string count = page.guide_count(response.total, response.total_is_exact);
    content.SetValue("COUNT", request.query.empty() ? count : page.format("search.count_for", {{"count", count}, {"q", request.query}}));
  }

  // Each facet not filtered on yet: its values with their counts, each a link that narrows.
  void facets() const {
    for (const auto& facet : search::kFacets) {
      if (!(request.*facet.filter).empty()) continue;
      const auto counts = response.facets.find(facet.name);
      if (counts == response.facets.end() || counts->second.empty()) continue;
      auto* section = content.AddSectionDictionary("FACET");
      section->SetValue("LABEL", page.text(std::string("facet.") + facet.name));
      for (const auto& value : counts->second) {
        auto narrowed = first_page;
        narrowed.*facet.filter = value.value;
        auto* entry = section->AddSectionDictionary("VALUE");
        entry->SetValue("NAME", value_name(facet, value.value));
        entry->SetValue("COUNT", page.strings().number(page.lang(), value.count));
        entry->SetValue("URL", page.url(search_link(narrowed)));
      }
    }
  }

  void sort_orders() const {
    if (response.total <= 1) return;
    auto* sort = content.AddSectionDictionary("SORT");
    for (const auto order : {search::SortOrder::Relevance, search::SortOrder::Date}) {
      auto sorted = first_page;
      sorted.sort = order;
      auto* entry = sort->AddSectionDictionary("BY");
      entry->SetValue("TEXT", page.text(order == search::SortOrder::Date ? "search.sort_date" : "search.sort_relevance"));
      if (order == request.sort) {
        entry->ShowSection("CURRENT");
      } else {
        entry->SetValueAndShowSection("URL", page.url(search_link(sorted)), "LINK");
      }
    }
  }

  void pager() const {
    page.pager(content, request.page, request.size, response.total, [this](long long number) {
      auto numbered = first_page;
      numbered.page = static_cast<int>(number);
      return search_link(numbered);
    });
  }
};

}  // namespace

struct Pages::Impl {
  Engine engine;
  explicit Impl(const std::filesystem::path& web_dir) : engine(web_dir) {}
};

Pages::Pages(const std::filesystem::path& web_dir) : impl_(std::make_unique<Impl>(web_dir)) {}
Pages::~Pages() = default;

std::string Pages::text(const std::string& language, const std::string& key) const {
  return impl_->engine.strings.get(language, key);
}

std::string Pages::home(const PageContext& context, const search::IndexInfo& index,
                        const std::vector<search::ResultItem>& latest) const {
  Page page(impl_->engine, context, "home.tpl", impl_->engine.strings.get(context.ui_language, "home.title"));
  page.description(page.text("home.intro"));
  auto& content = page.content();
  page.search_form(content, "q", "", false);
  for (const auto& topic : index.topics) {
    auto* entry = content.AddSectionDictionary("TOPIC");
    entry->SetValue("URL", page.url(Link("/topics/" + topic.id)));
    entry->SetValue("NAME", page.topic_name(topic));
    entry->SetValue("COUNT", page.guide_count(topic.count));
  }
  if (!latest.empty()) {
    auto* section = content.AddSectionDictionary("LATEST");
    page.list(*section, latest, false, &index);
    section->SetValue("ALL_URL", page.url(Link("/search").add("sort", "date")));
  }
  return page.expand();
}

std::string Pages::topic(const PageContext& context, const search::TopicInfo& topic, const search::SearchRequest& request,
                         const search::SearchResponse& guides) const {
  const auto topic_link = [&topic](long long number) {
    Link link("/topics/" + topic.id);
    if (number > 1) link.add("page", std::to_string(number));
    return link;
  };
  const std::string name = topic_label(topic, context.ui_language);
  Page titled(impl_->engine, context, "topic.tpl", name);
  titled.set_self(topic_link(request.page));
  titled.header_search();
  auto& content = titled.content();
  content.SetValue("NAME", name);
  content.SetValue("COUNT", titled.guide_count(guides.total, guides.total_is_exact));
  if (guides.total == 0) content.ShowSection("EMPTY");
  titled.list(content, guides.results, false, nullptr);
  titled.pager(content, request.page, request.size, guides.total, topic_link);
  return titled.expand();
}

std::string Pages::guide(const PageContext& context, const GuideView& guide) const {
  const auto& document = guide.document;
  Page page(impl_->engine, context, "guide.tpl", document.title);
  page.description(document.summary);
  page.header_search();
  const auto doc_link = [](const std::string& language, const std::string& slug) {
    return Link("/docs/" + language + "/" + slug);
  };
  // Which translations to show: those the server found (translation_titles), or every
  // one the front matter names when it did not look.
  std::vector<std::pair<std::string, std::string>> translations;
  for (const auto& [language, slug] : document.translations) {
    if (language == document.language) continue;
    if (guide.translation_titles.empty() || guide.translation_titles.count(language) > 0) translations.emplace_back(language, slug);
  }
  // lang and hreflang carry a guide's variant (pt-BR) when it names one.
  const std::string own_tag = content::lang_tag(document.language, document.variant);
  const auto tag_of = [&guide](const std::string& language) {
    const auto found = guide.translation_tags.find(language);
    return content::lang_tag(language, found == guide.translation_tags.end() ? "" : found->second);
  };
  if (!translations.empty()) {
    page.alternate(own_tag, doc_link(document.language, document.slug).str());
    for (const auto& [language, slug] : translations) page.alternate(tag_of(language), doc_link(language, slug).str());
  }

  auto& content = page.content();
  content.SetValue("DOC_LANG", own_tag);
  content.SetValue("TITLE", document.title);
  if (!document.summary.empty()) content.SetValueAndShowSection("TEXT", document.summary, "SUMMARY");
  content.SetValue("TOPIC_URL", page.url(Link("/topics/" + document.topic)));
  content.SetValue("TOPIC_NAME", guide.topic_name.empty() ? document.topic : guide.topic_name);
  if (!translations.empty()) {
    auto* section = content.AddSectionDictionary("TRANSLATIONS");
    for (const auto& [language, slug] : translations) {
      auto* entry = section->AddSectionDictionary("TR");
      entry->SetValue("CODE", tag_of(language));
      entry->SetValue("NAME", page.strings().get_or(language, "lang." + language, language));  // in its own language
      entry->SetValue("URL", page.url(doc_link(language, slug)));
    }
  }
  if (!guide.attachments.empty()) {
    auto* section = content.AddSectionDictionary("ATTACHMENTS");
    for (const auto& attachment : guide.attachments) {
      auto* entry = section->AddSectionDictionary("FILE");
      entry->SetValue("URL", Link(attachment.url).str());
      entry->SetValue("TITLE", attachment.title.empty() ? attachment.url.substr(attachment.url.rfind('/') + 1) : attachment.title);
      if (attachment.bytes > 0) {
        auto* size = entry->AddSectionDictionary("SIZE");
        size->SetValue("TEXT", page.strings().size(page.lang(), attachment.bytes));
        size->SetValue("TIME", page.strings().download_time(page.lang(), attachment.bytes));
      }
    }
  }
  content.SetValue("BODY", document.html);
  content.SetValue("LANGUAGE", page.name_of("lang.", document.language));
  if (document.published) {
    auto* published = content.AddSectionDictionary("PUBLISHED");
    published->SetValue("ISO", *document.published);
    published->SetValue("TEXT", page.strings().date(page.lang(), *document.published));
  }
  const auto names = [&page](const std::vector<std::string>& codes, const std::string& prefix) {
    std::vector<std::string> out;
    for (const auto& code : codes) out.push_back(page.name_of(prefix, code));
    return content::join(out, ", ");
  };
  for (const auto& facet : search::kFacets) {
    const auto values = search::values_of(facet, document);
    if (facet.guide_label == nullptr || values.empty()) continue;
    auto* entry = content.AddSectionDictionary("FACET");
    entry->SetValue("LABEL", page.text(facet.guide_label));
    entry->SetValue("TEXT", names(values, facet.value_names));
  }
  if (!document.sources.empty()) {
    auto* section = content.AddSectionDictionary("SOURCES");
    for (const auto& source : document.sources) section->SetValueAndShowSection("TEXT", source, "SOURCE");
  }
  if (!guide.related.empty()) page.list(*content.AddSectionDictionary("RELATED"), guide.related, false, nullptr);
  return page.expand();
}

std::string Pages::search(const PageContext& context, const search::SearchRequest& request,
                          const search::SearchResponse& response, const search::IndexInfo& index) const {
  const std::string& title = impl_->engine.strings.get(context.ui_language, "search.title");
  Page page(impl_->engine, context, "search.tpl", request.query.empty() ? title : request.query + " – " + title);
  page.noindex();
  page.set_self(search_link(request));
  page.search_form(page.content(), "q", request.query, false);
  const SearchPage parts{page, request, response, index};
  parts.correction();
  const bool filtered = parts.active_filters();
  parts.other_languages();
  if (response.total == 0) {
    parts.nothing_found(filtered);
    return page.expand();
  }
  parts.count();
  parts.facets();
  parts.sort_orders();
  page.list(page.content(), response.results, true, &index);
  parts.pager();
  return page.expand();
}

std::string Pages::indicators(const PageContext& context, const std::vector<stats::IndicatorProgress>& progress,
                              const std::string& today) const {
  const auto& strings = impl_->engine.strings;
  Page page(impl_->engine, context, "indicators.tpl", strings.get(context.ui_language, "ind.title"));
  page.header_search();
  const std::string& lang = page.lang();
  auto& content = page.content();
  content.SetValue("AS_OF", page.format("ind.as_of", {{"date", strings.date(lang, today)}}));
  if (progress.empty()) content.ShowSection("NONE");
  for (const auto& item : progress) {
    const auto& indicator = item.indicator;
    auto* entry = content.AddSectionDictionary("IND");
    entry->SetValue("ID", token(indicator.id));
    // In the UI language when indicators.yaml gives it, else in English (marked as such).
    entry->SetValue("LABEL", indicator.label(lang));
    entry->SetValue("LABEL_LANG", indicator.label_language(lang));
    if (!indicator.goal(lang).empty()) {
      auto* goal = entry->AddSectionDictionary("GOAL");
      goal->SetValue("TEXT", indicator.goal(lang));
      goal->SetValue("LANG", indicator.goal_language(lang));
    }
    const std::string counted = strings.number(lang, item.counted);
    const std::string target = strings.number(lang, static_cast<std::uint64_t>(std::max(0LL, indicator.target)));
    const std::string share = strings.percent(lang, item.share);
    const std::string expected = strings.percent(lang, item.expected);
    entry->SetValue("PROGRESS", page.format("ind.progress", {{"counted", counted}, {"target", target}, {"share", share}}));
    entry->SetValue("EXPECTED", expected);
    entry->SetValue("BAR_LABEL", page.format("ind.bar_label", {{"counted", counted}, {"target", target}, {"share", share},
                                                               {"expected", expected}}));
    const ProgressBar progress_geometry = progress_bar(item.share, item.expected);
    entry->SetValue("BAR_W", progress_geometry.width);
    entry->SetValue("EXPECTED_X", progress_geometry.expected_x);
    entry->SetValue("STATUS", token(item.status));
    entry->SetValue("STATUS_TEXT", strings.get_or(lang, "status." + item.status, item.status));
    entry->SetValue("PROJECTED", item.projected ? strings.date(lang, *item.projected) : page.text("ind.projected_none"));
    entry->SetValue("PERIOD", page.format("ind.period_range", {{"from", strings.date(lang, indicator.from)},
                                                               {"by", strings.date(lang, indicator.by)}}));
    if (indicator.set_by == "plan") {
      const std::string key = std::string("ind.source_plan_") + (indicator.counts == "views" ? "views" : "downloads") +
                              (indicator.first_due.empty() ? "" : "_due");
      entry->SetValueAndShowSection("TEXT", page.format(key, {{"target", target},
                                                              {"due", strings.date(lang, indicator.first_due)},
                                                              {"from", strings.date(lang, indicator.from)},
                                                              {"by", strings.date(lang, indicator.by)}}),
                                    "SOURCE");
    } else if (indicator.set_by == "project") {
      entry->SetValueAndShowSection("TEXT", page.text("ind.source_project"), "SOURCE");
      entry->ShowSection("OWN");
    }
    if (item.months.empty()) continue;

    // One row per month: its name, a bar scaled to the busiest month, the count.
    const MonthChart geometry = month_chart(item.months);
    const std::string title = page.text(indicator.counts == "views" ? "ind.chart_views" : "ind.chart_downloads");
    auto* chart = entry->AddSectionDictionary("CHART");
    chart->SetValue("TITLE", title);
    chart->SetValue("HEIGHT", geometry.height);
    std::vector<std::string> described;
    for (const auto& month_bar : geometry.bars) {
      const stats::MonthCount& month = *month_bar.month;
      int year = 0, number = 0;
      std::string name = month.month;
      if (std::sscanf(month.month.c_str(), "%4d-%2d", &year, &number) == 2 && number >= 1 && number <= 12) {
        name = page.text("mon." + std::to_string(number)) + " " + std::to_string(year);
      }
      const std::string count = strings.number(lang, month.counted);
      auto* bar = chart->AddSectionDictionary("MONTH");
      bar->SetValue("NAME", name);
      bar->SetValue("COUNT", count);
      bar->SetValue("TEXT_Y", month_bar.text_y);
      bar->SetValue("BAR_Y", month_bar.bar_y);
      bar->SetValue("BAR_W", month_bar.bar_width);
      bar->SetValue("COUNT_X", month_bar.count_x);
      described.push_back(name + ": " + count);
    }
    chart->SetValue("LABEL", title + ": " + content::join(described, "; "));
  }
  return page.expand();
}

std::string Pages::privacy(const PageContext& context) const {
  Page page(impl_->engine, context, "privacy.tpl", impl_->engine.strings.get(context.ui_language, "priv.title"));
  page.header_search();
  return page.expand();
}

std::string Pages::not_found(const PageContext& context) const {
  Page page(impl_->engine, context, "not_found.tpl", impl_->engine.strings.get(context.ui_language, "nf.title"));
  page.noindex();
  page.search_form(page.content(), "q", "", false);
  return page.expand();
}

std::string Pages::not_found(const PageContext& context, const search::IndexInfo& index) const {
  Page page(impl_->engine, context, "not_found.tpl", impl_->engine.strings.get(context.ui_language, "nf.title"));
  page.noindex();
  auto& content = page.content();
  page.search_form(content, "q", "", false);
  if (!index.topics.empty()) {
    auto* section = content.AddSectionDictionary("TOPICS");
    for (const auto& topic : index.topics) {
      auto* entry = section->AddSectionDictionary("TOPIC");
      entry->SetValue("URL", page.url(Link("/topics/" + topic.id)));
      entry->SetValue("NAME", page.topic_name(topic));
    }
  }
  return page.expand();
}

std::string Pages::error(const PageContext& context, int status) const {
  const auto& strings = impl_->engine.strings;
  const std::string code = strings.format(context.ui_language, "error.code", {{"status", std::to_string(status)}});
  Page page(impl_->engine, context, "error.tpl", code);
  page.noindex();
  page.header_search();
  auto& content = page.content();
  content.SetValue("MESSAGE", strings.get_or(page.lang(), "error." + std::to_string(status), page.text("error.other")));
  content.SetValue("CODE", code);
  return page.expand();
}

// ---- Staff pages (issue 14) ----

namespace {

std::string edit_url(const std::string& language, const std::string& slug) { return Link("/staff/edit/" + language + "/" + slug).str(); }
std::string history_url(const std::string& language, const std::string& slug) {
  return Link("/staff/history/" + language + "/" + slug).str();
}

void dashboard_works(Page& page, const staff::Dashboard& dashboard) {
  auto& content = page.content();
  for (const auto& code : content::kLanguages) content.AddSectionDictionary("LANG_HEAD")->SetValue("CODE", code);
  content.SetValue("COUNTS_HEAD", page.format("staff.dash.counts", {{"month", dashboard.month}}));
  for (const staff::WorkRow& row : dashboard.works) {
    auto* work = content.AddSectionDictionary("WORK");
    work->SetValue("URL", edit_url(row.source_language, row.source_slug));
    work->SetValue("LANG", row.source_language);
    work->SetValue("TITLE", row.title);
    for (const staff::LanguageCell& cell : row.languages) {
      auto* item = work->AddSectionDictionary("CELL");
      item->SetValue("STATE", staff::to_string(cell.state));
      if (cell.state == staff::LanguageState::Missing) {
        const std::string source = row.source_language + "/" + row.source_slug;
        item->SetValueAndShowSection("NEW_URL", Link("/staff/new").add("translation_of", source).add("lang", cell.language).str(),
                                     "MISSING");
        continue;
      }
      auto* shown = item->AddSectionDictionary(cell.state == staff::LanguageState::Stale ? "STALE" : "PRESENT");
      shown->SetValue("EDIT_URL", edit_url(cell.language, cell.slug));
      shown->SetValue("HISTORY_URL", history_url(cell.language, cell.slug));
    }
    work->SetValue("COUNTS", page.strings().number(page.lang(), row.views) + " / " +
                                 page.strings().number(page.lang(), row.downloads));
  }
  if (!dashboard.stats_available) content.ShowSection("NO_STATS");
}

// A list of guides in `section`, or its *_NONE paragraph when there are none.
void dashboard_guides(Page& page, const std::vector<staff::GuideRef>& guides, const std::string& section,
                      const std::string& none) {
  auto& content = page.content();
  if (guides.empty()) content.ShowSection(none);
  for (const staff::GuideRef& guide : guides) {
    auto* item = content.AddSectionDictionary(section);
    item->SetValue("EDIT_URL", edit_url(guide.language, guide.slug));
    item->SetValue("LANG", guide.language);
    item->SetValue("TITLE", guide.title);
    item->SetValue("DATE", guide.date.empty() ? "" : page.strings().date(page.lang(), guide.date));
  }
}

void dashboard_backlog(Page& page, const staff::Dashboard& dashboard) {
  auto& content = page.content();
  if (dashboard.broken_links.empty()) content.ShowSection("LINKS_NONE");
  for (const staff::BrokenLink& link : dashboard.broken_links) {
    auto* item = content.AddSectionDictionary("LINK");
    item->SetValue("EDIT_URL", edit_url(link.guide.language, link.guide.slug));
    item->SetValue("PATH", link.guide.path);
    item->SetIntValue("LINE", link.line);
    item->SetValue("TARGET", link.url);
  }
  if (dashboard.zero_searches.empty()) content.ShowSection("SEARCHES_NONE");
  for (const stats::ZeroResultSearch& search : dashboard.zero_searches) {
    auto* item = content.AddSectionDictionary("SEARCH");
    item->SetValue("QUERY", search.query);
    item->SetValue("LANG", search.language);
    item->SetValue("COUNT", page.format("staff.dash.searched", {{"n", page.strings().number(page.lang(), search.count)},
                                                                {"date", page.strings().date(page.lang(), search.last)}}));
  }
}

}  // namespace

std::string Pages::staff_dashboard(const PageContext& context, const staff::Dashboard& dashboard) const {
  Page page(impl_->engine, context, "staff_dashboard.tpl", impl_->engine.strings.get(context.ui_language, "staff.dash.title"));
  page.noindex();
  page.content().SetValue("NEW_URL", "/staff/new");
  page.content().SetValue("UPLOAD_URL", "/staff/upload");
  dashboard_works(page, dashboard);
  dashboard_guides(page, dashboard.review_due, "REVIEW", "REVIEW_NONE");
  dashboard_guides(page, dashboard.drafts, "DRAFT", "DRAFTS_NONE");
  dashboard_guides(page, dashboard.scheduled, "SCHEDULED", "SCHEDULED_NONE");
  dashboard_backlog(page, dashboard);
  return page.expand();
}

std::string Pages::staff_upload(const PageContext& context, const UploadView& view) const {
  Page page(impl_->engine, context, "staff_upload.tpl", impl_->engine.strings.get(context.ui_language, "staff.upload.title"));
  page.noindex();
  auto& content = page.content();
  const std::string max = page.strings().size(page.lang(), view.max_bytes);
  content.SetValue("INTRO", page.format("staff.upload.intro", {{"max", max}}));
  content.SetValue("ACTION", view.action);
  content.SetValue("CSRF", view.csrf);
  content.SetValue("NAME", view.name);
  content.SetValue("GUIDE", view.guide);
  content.SetValue("DASHBOARD_URL", "/staff");
  if (view.outcome.empty()) return page.expand();
  std::string guides;
  for (const std::string& id : view.used_by) guides += (guides.empty() ? "" : ", ") + id;
  const std::string message =
      page.format("staff.upload." + view.outcome, {{"file", view.file},
                                                   {"size", page.strings().size(page.lang(), view.bytes)},
                                                   {"max", max},
                                                   {"guides", guides.empty() ? page.text("staff.upload.unused") : guides}});
  if (view.outcome == "done") {
    auto* done = content.AddSectionDictionary("DONE");
    done->SetValue("MESSAGE", message);
    done->SetValue("URL", Link("/" + view.file).str());
    done->SetValue("FILE", view.file);
  } else {
    content.SetValueAndShowSection("MESSAGE", message, "PROBLEM");
  }
  return page.expand();
}

}  // namespace kc::render
