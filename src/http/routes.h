#pragma once
// The one route table (DESIGN §4): method + path → handler. Every route answers GET and
// HEAD; another known method gets 405 with Allow, an unknown one 501.
#include <string>

#include "http/context.h"
#include "http/request.h"
#include "http/response.h"

namespace kc::http {

struct RoutedResponse {
  std::string route;  // the route's name, for /metrics ("docs", "api_search", …; "none")
  Response response;
};

// Runs the matching handler (or takes its response from the cache) and answers the
// conditional request; never throws. The response's effects are not recorded yet.
RoutedResponse dispatch(const Request& request, Context& context);

// Whether `method` on `path` (decoded) writes a whole guide, so that its body may be up
// to max_guide_bytes instead of max_request_bytes (options.h): PUT on the staff guide
// API, POST of the staff guide form (save and preview).
bool takes_guide_body(const std::string& method, const std::string& path);

// Records what answering `request` with `status` does besides sending it: the view or
// download it counts (with that status and the client's fields; not when count_events is
// off), the search it counts, the zero-result search. Call once the status is final
// (a file that fails to open has turned it into a 500) and before the first byte is sent:
// a download is journaled before its response starts (DESIGN §6). Returns false when the
// download could not be journaled: the caller answers 503 instead, as a download is never
// served uncounted. Anything else that fails is reported on stderr; never throws.
bool record_effects(const Request& request, Context& context, int status, Effects effects);

}  // namespace kc::http
