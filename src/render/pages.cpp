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

#include "content/document.h"
#include "content/text.h"
#include "render/alternates.h"
#include "render/brand_mark.h"
#include "render/i18n.h"
#include "render/indicator_chart.h"
#include "render/link.h"
#include "render/page_frame.h"
#include "search/facets.h"

namespace kc::render {
namespace {

constexpr int kDefaultPageSize = 10;

// An id or class token made of [a-z0-9-] only, whatever indicators.yaml says.
std::string token(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    out += (std::isalnum(byte) && byte < 0x80) ? static_cast<char>(std::tolower(byte)) : '-';
  }
  return out;
}

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

const Engine& Pages::engine() const { return impl_->engine; }

std::string Pages::text(const std::string& language, const std::string& key) const {
  return impl_->engine.strings.get(language, key);
}

std::string Pages::home(const PageContext& context, const search::IndexInfo& index,
                        const std::vector<search::ResultItem>& latest) const {
  Page page(impl_->engine, context, "home.tpl", impl_->engine.strings.get(context.ui_language, "home.title"));
  page.description(page.text("home.intro"));
  page.ui_alternates();
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
  titled.description(titled.format("topic.description", {{"topic", name}}));
  titled.ui_alternates();
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
  const std::string topic_name = guide.topic_name.empty() ? document.topic : guide.topic_name;
  page.description(document.summary.empty() ? page.format("topic.description", {{"topic", topic_name}}) : document.summary);
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
  std::vector<GuideVersion> versions = {{document.language, own_tag, document.slug}};
  for (const auto& [language, slug] : translations) versions.push_back({language, tag_of(language), slug});
  page.alternates(guide_alternates(page.origin(), versions));

  auto& content = page.content();
  content.SetValue("DOC_LANG", own_tag);
  content.SetValue("TITLE", document.title);
  if (!document.summary.empty()) content.SetValueAndShowSection("TEXT", document.summary, "SUMMARY");
  content.SetValue("TOPIC_URL", page.url(Link("/topics/" + document.topic)));
  content.SetValue("TOPIC_NAME", topic_name);
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
  page.description(page.text("search.description"));
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
  page.description(page.text("ind.intro"));
  page.ui_alternates();
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
  page.description(page.text("priv.intro"));
  page.ui_alternates();
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

}  // namespace kc::render
