#include "content/document.h"
#include "http/errors.h"
#include "http/representation.h"
#include "http/handlers.h"
#include "render/json_views.h"
#include "render/sitemap.h"

namespace kc::http {
Response json(const std::string& body) {
  Response response;
  response.body = body;
  response.header("Content-Type", "application/json");
  response.header("Cache-Control", "no-cache");
  return response;
}

Response api_search(const Request& request, Context& context) {
  search::SearchRequest search = search_request(request);
  search.preferred_language = page_context(request).ui_language;
  const search::SearchResponse found = context.searcher().search(search);
  Response response = json(render::search_json(found).dump());
  response.effects = search_effects(search, found);
  return response;
}

Response api_suggest(const Request& request, Context& context) {
  const std::string language = request.param("lang");
  if (!language.empty() && !content::is_known_language(language)) throw HttpError(400, "'lang' must be en, fr, es or pt");
  return json(nlohmann::json(context.searcher().suggest(request.param("q"), language)).dump());
}

Response api_document(const Request& request, Context& context) {
  const auto [language, slug] = guide_address(request.path, "/api/docs/");
  const auto document = context.searcher().document(language, slug);
  if (!document) throw HttpError(404, "no such guide");
  return json(render::document_json(*document).dump());
}

Response healthz(const Request&, Context& context) {
  const search::IndexInfo info = context.searcher().info();
  return json(nlohmann::json{{"status", "ok"},
                             {"revision", info.revision},
                             {"documents", info.documents},
                             {"robot_patterns", context.site.log.robot_patterns()}}
                  .dump());
}

Response metrics(const Request&, Context& context) {
  Metrics::Gauges gauges;
  if (search::Searcher* searcher = context.ready_searcher()) {  // else no index yet: the gauges stay at zero
    const search::IndexInfo info = searcher->info();
    gauges.index_revision = info.revision;
    gauges.index_documents = info.documents;
  }
  gauges.events_committed = context.site.log.events_committed();
  gauges.robot_patterns = context.site.log.robot_patterns();
  const ResponseCache::Figures cache = context.site.cache.figures();
  gauges.cache_hits = cache.hits;
  gauges.cache_misses = cache.misses;
  gauges.cache_entries = cache.entries;
  gauges.cache_bytes = cache.bytes;
  Response response;
  response.body = context.site.metrics.prometheus_text(gauges);
  response.header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  response.header("Cache-Control", "no-store");
  return response;
}

Response robots_txt(const Request& request, Context& /*context*/) {
  Response response;
  response.body = "User-agent: *\nDisallow: /api/\nDisallow: /search\nDisallow: /files/\n\nSitemap: " +
                  request.origin + "/sitemap.xml\n";
  response.header("Content-Type", "text/plain; charset=utf-8");
  response.header("Cache-Control", "public, max-age=86400");
  return response;
}

Response sitemap_xml(const Request& request, Context& context) {
  std::string xml = render::sitemap_xml(request.origin, context.searcher().all_documents());
  Response response;
  response.body = std::move(xml);
  response.header("Content-Type", "application/xml; charset=utf-8");
  response.header("Cache-Control", "no-cache");
  return response;
}

}  // namespace kc::http
