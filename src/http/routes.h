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

// Runs the matching handler (or takes its response from the cache), applies its effects
// and the conditional request; never throws.
RoutedResponse dispatch(const Request& request, Context& context);

}  // namespace kc::http
