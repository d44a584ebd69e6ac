#pragma once
// Handlers: parse and validate the request, call one module, hand the result to render/.
// Each returns a Response or throws HttpError for a bad request; grouped by resource in
// handlers_*.cpp.
#include <string>
#include <utility>

#include "http/context.h"
#include "http/request.h"
#include "http/response.h"

namespace kc::http {

// A query parameter as a whole number from min to max; HttpError 400 naming it otherwise.
int parse_int(const std::string& text, const char* name, int min, int max);

// handlers_pages.cpp
Response home_page(const Request& request, Context& context);
Response topic_page(const Request& request, Context& context);
Response guide_page(const Request& request, Context& context);
Response search_page(const Request& request, Context& context);
Response privacy_page(const Request& request, Context& context);

// handlers_staff.cpp: GET and POST; request.session is set (routes.cpp) for all but sign-in.
Response staff_login(const Request& request, Context& context);
Response staff_logout(const Request& request, Context& context);
Response staff_new(const Request& request, Context& context);
Response staff_edit(const Request& request, Context& context);

// handlers_api.cpp
Response api_search(const Request& request, Context& context);
Response api_suggest(const Request& request, Context& context);
Response api_document(const Request& request, Context& context);
Response healthz(const Request& request, Context& context);
Response metrics(const Request& request, Context& context);
Response robots_txt(const Request& request, Context& context);
Response sitemap_xml(const Request& request, Context& context);

// handlers_files.cpp
Response download_file(const Request& request, Context& context);
Response static_file(const Request& request, Context& context);

// handlers_stats.cpp
Response indicators_page(const Request& request, Context& context);
Response api_indicators(const Request& request, Context& context);
Response api_stats_downloads(const Request& request, Context& context);
Response api_stats_searches(const Request& request, Context& context);

// handlers_dashboard.cpp: staff only, like handlers_staff.cpp
Response staff_dashboard(const Request& request, Context& context);
Response staff_upload(const Request& request, Context& context);  // GET: the form; POST: an upload
// handlers_history.cpp: GET the versions and a diff; POST restores a version
Response staff_history(const Request& request, Context& context);
// handlers_staff_api.cpp
Response api_staff_guide(const Request& request, Context& context);  // GET, HEAD, PUT, DELETE

// Shared by the handlers.
Response html(std::string body);
Response json(const std::string& body);
search::SearchRequest search_request(const Request& request);  // validates q, filters, page, size, sort
// A search counts in /metrics; one that found nothing is recorded for staff (DESIGN §6).
Effects search_effects(const search::SearchRequest& search, const search::SearchResponse& found);
// "<prefix><lang>/<slug>" → {lang, slug}; HttpError 404 for any other shape.
std::pair<std::string, std::string> guide_address(const std::string& path, const std::string& prefix);

}  // namespace kc::http
