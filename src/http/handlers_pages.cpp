#include <sys/stat.h>

#include <algorithm>
#include <climits>

#include "content/document.h"
#include "content/text.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/representation.h"
#include "http/static_files.h"
#include "search/facets.h"

namespace kc::http {
namespace {

constexpr int kMaxPage = 1000000000;
constexpr std::size_t kMaxFilterBytes = 100;

std::string filter(const Request& request, const char* name) {
  std::string value = request.param(name);
  if (value.size() > kMaxFilterBytes) throw HttpError(400, std::string("'") + name + "' is too long");
  return value;
}

std::string topic_name(const search::IndexInfo& info, const std::string& id, const std::string& language) {
  for (const auto& topic : info.topics) {
    if (topic.id != id) continue;
    for (const std::string& choice : {language, std::string("en")}) {
      if (const auto name = topic.names.find(choice); name != topic.names.end()) return name->second;
    }
  }
  return id;
}

std::uint64_t size_on_disk(const std::filesystem::path& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  return error ? 0 : size;
}

}  // namespace

int parse_int(const std::string& text, const char* name, int min, int max) {
  const std::string message = std::string("'") + name + "' must be a whole number from " + std::to_string(min) +
                              " to " + std::to_string(max);
  if (text.empty() || text.size() > 10 || !std::all_of(text.begin(), text.end(), ::isdigit)) {
    throw HttpError(400, message);
  }
  const long long value = std::stoll(text);
  if (value < min || value > max) throw HttpError(400, message);
  return static_cast<int>(value);
}

std::pair<std::string, std::string> guide_address(const std::string& path, const std::string& prefix) {
  const std::string rest = path.substr(prefix.size());
  const auto slash = rest.find('/');
  if (slash == std::string::npos) throw HttpError(404, "no such guide");
  std::string language = rest.substr(0, slash);
  std::string slug = rest.substr(slash + 1);
  if (!content::is_known_language(language) || !content::is_valid_slug(slug)) throw HttpError(404, "no such guide");
  return {std::move(language), std::move(slug)};
}

Response html(std::string body) {
  Response response;
  response.body = std::move(body);
  response.header("Content-Type", "text/html; charset=utf-8");
  response.header("Cache-Control", "no-cache");
  return response;
}

search::SearchRequest search_request(const Request& request) {
  search::SearchRequest search;
  search.query = request.param("q");
  for (const search::Facet& facet : search::kFacets) {
    std::string& value = search.*facet.filter;
    value = filter(request, facet.parameter);
    if (!value.empty() && facet.choices != nullptr &&
        std::find(facet.choices->begin(), facet.choices->end(), value) == facet.choices->end()) {
      throw HttpError(400, std::string("'") + facet.parameter + "' must be " + content::join_or(*facet.choices));
    }
  }
  if (request.has_param("page")) search.page = parse_int(request.param("page"), "page", 1, kMaxPage);
  if (request.has_param("size")) search.size = parse_int(request.param("size"), "size", 1, 50);
  const std::string sort = request.param("sort");
  if (sort == "date") {
    search.sort = search::SortOrder::Date;
  } else if (!sort.empty() && sort != "relevance") {
    throw HttpError(400, "'sort' must be relevance or date");
  }
  return search;
}

Effects search_effects(const search::SearchRequest& search, const search::SearchResponse& found) {
  Effects effects;
  effects.search = true;
  if (found.total == 0 && !search.query.empty()) effects.zero_result_search.emplace(found.query, search.language);
  return effects;
}

Response home_page(const Request& request, Context& context) {
  auto& searcher = context.searcher();
  return html(context.site.pages.home(page_context(request), searcher.info(), searcher.latest("", "", 8)));
}

Response topic_page(const Request& request, Context& context) {
  auto& searcher = context.searcher();
  const std::string id = request.path.substr(std::string("/topics/").size());
  const search::IndexInfo info = searcher.info();
  const auto topic = std::find_if(info.topics.begin(), info.topics.end(), [&](const auto& t) { return t.id == id; });
  if (topic == info.topics.end()) throw HttpError(404, "no such topic");
  search::SearchRequest search = search_request(request);
  search.query.clear();
  search.topic = id;
  search.sort = search::SortOrder::Date;
  search.size = 20;
  return html(context.site.pages.topic(page_context(request), *topic, search, searcher.search(search)));
}

Response guide_page(const Request& request, Context& context) {
  auto& searcher = context.searcher();
  const auto [language, slug] = guide_address(request.path, "/docs/");
  auto document = searcher.document(language, slug);
  if (!document) throw HttpError(404, "no such guide");
  render::GuideView view;
  for (const auto& attachment : document->attachments) {
    view.attachments.push_back({"/" + attachment.file, attachment.title,
                                size_on_disk(context.site.options.content_dir / attachment.file)});
  }
  for (const auto& [other_language, other_slug] : document->translations) {
    if (const auto translation = searcher.document(other_language, other_slug, false)) {
      view.translation_titles[other_language] = translation->title;
      view.translation_tags[other_language] = translation->variant;
    }
  }
  view.related = searcher.related(*document);
  const render::PageContext page = page_context(request);
  view.topic_name = topic_name(searcher.info(), document->topic, page.ui_language);
  stats::RequestFacts facts;
  facts.kind = stats::EventKind::View;
  facts.item = document->work;
  facts.document = document->id;
  facts.work = document->work;
  facts.language = document->language;
  facts.topic = document->topic;
  view.document = std::move(*document);
  Response response = html(context.site.pages.guide(page, view));
  facts.bytes = response.body.size();
  response.effects.view = std::move(facts);
  return response;
}

Response search_page(const Request& request, Context& context) {
  auto& searcher = context.searcher();
  const render::PageContext page = page_context(request);  // the UI language ranks, and names the page
  search::SearchRequest search = search_request(request);
  search.size = 10;
  search.preferred_language = page.ui_language;
  const search::SearchResponse found = searcher.search(search);
  Response response = html(context.site.pages.search(page, search, found, searcher.info()));
  response.effects = search_effects(search, found);
  return response;
}

Response privacy_page(const Request& request, Context& context) {
  return html(context.site.pages.privacy(page_context(request)));
}

}  // namespace kc::http
