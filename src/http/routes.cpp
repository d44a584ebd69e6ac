#include "http/routes.h"

#include <array>
#include <iostream>

#include "http/errors.h"
#include "http/gzip.h"
#include "http/handlers.h"
#include "http/representation.h"

namespace kc::http {
namespace {

using Handler = Response (*)(const Request&, Context&);

// Cached: the response depends only on the index revision, the address and the
// request's UI language and gzip acceptance (see response_cache.h).
enum class Caching { None, ByRevision };

// Every route answers GET and HEAD; some also POST (staff forms).
enum class Methods { Read, ReadAndPost };

struct Route {
  const char* path;  // exact, or a prefix when it ends with '/'
  const char* name;
  Handler handler;
  Caching caching = Caching::None;
  Methods methods = Methods::Read;
};

// The only route the upload listener serves (its size limit is for uploads alone).
constexpr const char* kUploadRoute = "staff_upload";

const std::array kRoutes = {
    Route{"/", "home", home_page, Caching::ByRevision},
    Route{"/search", "search", search_page, Caching::ByRevision},
    Route{"/topics/", "topic", topic_page, Caching::ByRevision},
    Route{"/docs/", "docs", guide_page, Caching::ByRevision},
    Route{"/files/", "files", download_file},
    Route{"/static/", "static", static_file},
    Route{"/indicators", "indicators", indicators_page},  // follows the event log, not the index
    Route{"/privacy", "privacy", privacy_page},
    Route{"/api/search", "api_search", api_search, Caching::ByRevision},
    Route{"/api/suggest", "api_suggest", api_suggest, Caching::ByRevision},
    Route{"/api/docs/", "api_docs", api_document, Caching::ByRevision},
    Route{"/api/indicators", "api_indicators", api_indicators},
    Route{"/api/stats/downloads", "api_stats_downloads", api_stats_downloads},
    Route{"/api/stats/searches", "api_stats_searches", api_stats_searches},
    Route{"/healthz", "healthz", healthz},
    Route{"/metrics", "metrics", metrics},
    Route{"/robots.txt", "robots", robots_txt},
    Route{"/sitemap.xml", "sitemap", sitemap_xml},  // its addresses follow the Host header
    Route{"/staff", "staff", staff_dashboard},
    Route{"/staff/upload", kUploadRoute, staff_upload, Caching::None, Methods::ReadAndPost},
};

bool matches(const Route& route, const std::string& path) {
  const std::string pattern = route.path;
  if (pattern.size() > 1 && pattern.back() == '/') return path.size() > pattern.size() && path.rfind(pattern, 0) == 0;
  return path == pattern;
}

bool is_known_method(const std::string& method) {
  static const std::array<const char*, 9> kKnown = {"GET", "HEAD", "POST", "PUT", "PATCH",
                                                    "DELETE", "OPTIONS", "TRACE", "CONNECT"};
  for (const char* known : kKnown) {
    if (method == known) return true;
  }
  return false;
}

const Route* find_route(const std::string& path) {
  for (const Route& candidate : kRoutes) {
    if (matches(candidate, path)) return &candidate;
  }
  return nullptr;
}

Response run_handler(const Route* route, const Request& request, Context& context) {
  Response response = guarded(request, context, [&]() -> Response {
    if (request.upload_listener && (route == nullptr || std::string(route->name) != kUploadRoute)) {
      throw HttpError(404, "this address takes uploads only");
    }
    const bool post = request.method == "POST" && route != nullptr && route->methods == Methods::ReadAndPost;
    if (request.method != "GET" && request.method != "HEAD" && !post) {
      throw HttpError(is_known_method(request.method) ? 405 : 501, "only GET and HEAD are supported");
    }
    if (route == nullptr) throw HttpError(404, "no such page");
    return route->handler(request, context);
  });
  encode(request, response);
  return response;
}

// Everything a cached representation depends on besides the revision. The query is
// taken decoded and in order, so spellings of the same parameters share an entry.
std::string cache_key(const Route& route, const Request& request) {
  std::string key = route.name;
  key.append("\x1f").append(request.path).append("\x1f");
  for (const auto& [name, value] : request.query) key.append(name).append("=").append(value).append("\x1e");
  key.append("\x1f").append(page_context(request).ui_language);
  key.append(accepts_gzip(request.header("accept-encoding")) ? "\x1fgzip" : "\x1fidentity");
  return key;
}

Response cached_or_run(const Route& route, const Request& request, Context& context) {
  ResponseCache& cache = context.site.cache;
  // No index yet: nothing to key on, and the handler answers (503).
  search::Searcher* searcher = context.ready_searcher();
  if (searcher == nullptr) return run_handler(&route, request, context);
  std::uint64_t revision = 0;
  try {
    revision = searcher->revision();
  } catch (const search::SearchError&) {
    return run_handler(&route, request, context);  // an index that cannot be read: the handler says so
  }
  const std::string key = cache_key(route, request);
  if (auto hit = cache.find(key, revision)) return std::move(*hit);
  // Rendered from `revision` or a newer one: never older than the key says.
  Response response = run_handler(&route, request, context);
  if (response.status == 200) cache.store(key, revision, response);
  return response;
}

// The facts of a view or download as this request makes them: its status and client.
stats::RequestFacts facts_of(const Request& request, int status, stats::RequestFacts facts) {
  facts.status = status;
  facts.head = request.head();
  facts.client_ip = request.client_ip;
  facts.user_agent = request.header("user-agent");
  return facts;
}

}  // namespace

RoutedResponse dispatch(const Request& request, Context& context) {
  const Route* route = find_route(request.path);
  RoutedResponse routed{route ? route->name : "none", {}};
  const bool cacheable = route && route->caching == Caching::ByRevision && context.site.cache.enabled() &&
                         (request.method == "GET" || request.method == "HEAD");
  routed.response = cacheable ? cached_or_run(*route, request, context) : run_handler(route, request, context);
  answer_conditional(request, routed.response);
  return routed;
}

bool record_effects(const Request& request, Context& context, int status, Effects effects) {
  Site& site = context.site;
  try {
    if (effects.search) site.metrics.count_search();
    if (effects.zero_result_search) {
      site.log.record_zero_result_search(effects.zero_result_search->first, effects.zero_result_search->second);
    }
    if (effects.view && site.options.count_events) site.log.record_view(facts_of(request, status, std::move(*effects.view)));
  } catch (const std::exception& error) {
    // The page is fine; only its counting failed (the log says why), so it is still sent.
    std::cerr << "kc: " << request.path << ": " << error.what() << '\n';
  }
  if (effects.download && site.options.count_events) {
    try {
      site.log.record_download(facts_of(request, status, std::move(*effects.download)));
    } catch (const std::exception& error) {
      std::cerr << "kc: " << error.what() << '\n';
      return false;
    }
  }
  return true;
}

}  // namespace kc::http
