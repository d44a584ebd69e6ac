#include "http/routes.h"

#include <array>

#include "http/errors.h"
#include "http/handlers.h"
#include "http/representation.h"

namespace kc::http {
namespace {

using Handler = Response (*)(const Request&, Context&);

struct Route {
  const char* path;  // exact, or a prefix when it ends with '/'
  const char* name;
  Handler handler;
};

const std::array kRoutes = {
    Route{"/", "home", home_page},
    Route{"/search", "search", search_page},
    Route{"/topics/", "topic", topic_page},
    Route{"/docs/", "docs", guide_page},
    Route{"/files/", "files", download_file},
    Route{"/static/", "static", static_file},
    Route{"/indicators", "indicators", indicators_page},
    Route{"/privacy", "privacy", privacy_page},
    Route{"/api/search", "api_search", api_search},
    Route{"/api/suggest", "api_suggest", api_suggest},
    Route{"/api/docs/", "api_docs", api_document},
    Route{"/api/indicators", "api_indicators", api_indicators},
    Route{"/api/stats/downloads", "api_stats_downloads", api_stats_downloads},
    Route{"/api/stats/searches", "api_stats_searches", api_stats_searches},
    Route{"/healthz", "healthz", healthz},
    Route{"/metrics", "metrics", metrics},
    Route{"/robots.txt", "robots", robots_txt},
    Route{"/sitemap.xml", "sitemap", sitemap_xml},
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

}  // namespace

RoutedResponse dispatch(const Request& request, Context& context) {
  const Route* route = nullptr;
  for (const Route& candidate : kRoutes) {
    if (matches(candidate, request.path)) {
      route = &candidate;
      break;
    }
  }
  RoutedResponse routed{route ? route->name : "none", {}};
  routed.response = guarded(request, context, [&]() -> Response {
    if (request.method != "GET" && request.method != "HEAD") {
      throw HttpError(is_known_method(request.method) ? 405 : 501, "only GET and HEAD are supported");
    }
    if (route == nullptr) throw HttpError(404, "no such page");
    return route->handler(request, context);
  });
  finalize(request, routed.response);
  return routed;
}

}  // namespace kc::http
