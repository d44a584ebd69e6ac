#include "http/routes.h"

#include <algorithm>
#include <array>
#include <iostream>

#include "http/cookies.h"
#include "http/errors.h"
#include "http/gzip.h"
#include "http/handlers.h"
#include "http/representation.h"
#include "render/link.h"

namespace kc::http {
namespace {

using Handler = Response (*)(const Request&, Context&);

// Cached: the response depends only on the index revision, the address, the site's
// origin and the request's UI language and gzip acceptance (see response_cache.h).
enum class Caching { None, ByRevision };

// Who may open a route (issue 14). Public: anyone (a route that needs a bearer token,
// as the APIs, checks it itself: 401). SignIn: anyone; the sign-in form checks its own
// CSRF token. Staff: a staff session (else 303 to the sign-in page), every POST carrying
// the session's CSRF token (else 403).
enum class Access { Public, SignIn, Staff };

struct Route {
  const char* path;  // exact, or a prefix when it ends with '/'
  const char* name;
  Handler handler;
  Caching caching = Caching::None;
  const char* methods = "GET, HEAD";  // what it answers, as the Allow header lists them
  Access access = Access::Public;
  // The methods whose body is a whole guide, allowed up to max_guide_bytes (options.h)
  // rather than max_request_bytes: a manual's Markdown is longer than any other request.
  const char* guide_body_methods = "";
};

// The only route the upload listener (server.h) serves: its size limit is for uploads alone.
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
    Route{"/api/staff/guides/", "api_staff_guides", api_staff_guide, Caching::None, "GET, HEAD, PUT, DELETE",
          Access::Public, "PUT"},
    Route{"/healthz", "healthz", healthz},
    Route{"/metrics", "metrics", metrics},
    Route{"/robots.txt", "robots", robots_txt},
    Route{"/sitemap.xml", "sitemap", sitemap_xml},  // its addresses follow the Host header
    Route{"/staff/login", "staff_login", staff_login, Caching::None, "GET, HEAD, POST", Access::SignIn},
    Route{"/staff/logout", "staff_logout", staff_logout, Caching::None, "GET, HEAD, POST", Access::Staff},
    Route{"/staff/new", "staff_new", staff_new, Caching::None, "GET, HEAD, POST", Access::Staff, "POST"},  // save, preview
    Route{"/staff/edit/", "staff_edit", staff_edit, Caching::None, "GET, HEAD, POST", Access::Staff, "POST"},
    Route{"/staff", "staff", staff_dashboard, Caching::None, "GET, HEAD", Access::Staff},
    Route{"/staff/upload", kUploadRoute, staff_upload, Caching::None, "GET, HEAD, POST", Access::Staff},
    Route{"/staff/history/", "staff_history", staff_history, Caching::None, "GET, HEAD, POST", Access::Staff},
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

bool allows(const char* methods, const std::string& method) {
  const std::string list = std::string(", ") + methods + ",";
  return list.find(" " + method + ",") != std::string::npos;
}

void set_header(Response& response, const std::string& name, const std::string& value) {
  auto& headers = response.headers;
  headers.erase(std::remove_if(headers.begin(), headers.end(), [&](const auto& h) { return h.first == name; }),
                headers.end());
  response.header(name, value);
}

// A staff route: the session from the cookie (required but for sign-in), the CSRF token
// of a posted form; staff pages are never stored by a cache nor shown in another site's frame.
Response staff_route(const Route& route, const Request& request, Context& context) {
  Request signed_in = request;
  signed_in.session = context.site.sessions.find(cookie_value(request.header("cookie"), kSessionCookie));
  if (route.access == Access::Staff && !signed_in.session) {
    Response response = redirect(render::Link("/staff/login").add("ui", page_context(request).ui_override).str());
    return response;
  }
  if (route.access == Access::Staff && request.method == "POST" &&
      !same_secret(request.field("csrf"), signed_in.session->csrf)) {
    throw HttpError(403, "the form's security token is missing or out of date: load the page again");
  }
  Response response = route.handler(signed_in, context);
  set_header(response, "Cache-Control", "no-store");
  response.header("X-Frame-Options", "DENY");
  response.header("Content-Security-Policy", "frame-ancestors 'none'");
  response.header("Referrer-Policy", "same-origin");
  return response;
}

Response run_handler(const Route* route, const Request& request, Context& context) {
  const char* methods = route ? route->methods : "GET, HEAD";
  Response response = guarded(request, context, [&]() -> Response {
    if (request.upload_listener && (route == nullptr || std::string(route->name) != kUploadRoute)) {
      throw HttpError(404, "this address takes uploads only");
    }
    if (!allows(methods, request.method)) {
      throw HttpError(is_known_method(request.method) ? 405 : 501, std::string("this address answers ") + methods);
    }
    if (route == nullptr) throw HttpError(404, "no such page");
    if (route->access != Access::Public) return staff_route(*route, request, context);
    return route->handler(request, context);
  });
  if (response.status == 405) {
    for (auto& [name, value] : response.headers) {
      if (name == "Allow") value = methods;
    }
  }
  encode(request, response);
  return response;
}

// Everything a cached representation depends on besides the revision. The query is
// taken decoded and in order, so spellings of the same parameters share an entry.
std::string cache_key(const Route& route, const Request& request, const Context& context) {
  std::string key = route.name;
  key.append("\x1f").append(request.path).append("\x1f");
  for (const auto& [name, value] : request.query) key.append(name).append("=").append(value).append("\x1e");
  key.append("\x1f").append(page_context(request).ui_language);
  key.append("\x1f").append(request.origin);  // absolute links (hreflang) follow the Host
  key.append(accepts_gzip(request.header("accept-encoding")) ? "\x1fgzip" : "\x1fidentity");
  // And the day: a guide scheduled for today must not wait behind yesterday's pages.
  key.append("\x1f").append(search::index_day(context.site.options.clock()));
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
  const std::string key = cache_key(route, request, context);
  // Taken before rendering: a clear() while the page renders keeps it out of the cache.
  const std::uint64_t generation = cache.generation();
  if (auto hit = cache.find(key, revision)) return std::move(*hit);
  // Rendered from `revision` or a newer one: never older than the key says.
  Response response = run_handler(&route, request, context);
  if (response.status == 200) cache.store(key, revision, generation, response);
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

bool takes_guide_body(const std::string& method, const std::string& path) {
  const Route* route = find_route(path);
  return route != nullptr && *route->guide_body_methods != '\0' && allows(route->guide_body_methods, method);
}

RoutedResponse dispatch(const Request& request, Context& context) {
  const Route* route = find_route(request.path);
  RoutedResponse routed{route ? route->name : "none", {}};
  const bool cacheable = route && route->caching == Caching::ByRevision && context.site.cache.enabled() &&
                         (request.method == "GET" || request.method == "HEAD");
  routed.response = cacheable ? cached_or_run(*route, request, context) : run_handler(route, request, context);
  if (request.method == "GET" || request.method == "HEAD") answer_conditional(request, routed.response);
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
