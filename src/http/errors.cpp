#include "http/errors.h"

#include <algorithm>
#include <atomic>
#include <iostream>

#include "http/context.h"
#include "http/representation.h"
#include "render/json_views.h"

namespace kc::http {
namespace {

std::atomic<std::uint64_t> next_request_id{1};

bool wants_json(const Request& request) { return request.path.rfind("/api/", 0) == 0; }

// The 404 lists the topics to browse when the index can say what they are.
std::string not_found_page(const render::PageContext& page, Context& context) {
  search::Searcher* searcher = context.ready_searcher();
  if (searcher == nullptr) return context.site.pages.not_found(page);
  try {
    return context.site.pages.not_found(page, searcher->info());
  } catch (const search::SearchError&) {
    return context.site.pages.not_found(page);  // an index that cannot be read: the plain 404
  }
}

}  // namespace

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 416: return "Range Not Satisfiable";
    case 422: return "Unprocessable Content";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

Response error_response(const Request& request, Context& context, int status, const std::string& message) {
  Response response;
  response.status = status;
  if (wants_json(request)) {
    response.body = render::error_json(message).dump();
    response.header("Content-Type", "application/json");
  } else {
    const render::PageContext page = page_context(request);
    response.body = status == 404 ? not_found_page(page, context) : context.site.pages.error(page, status);
    response.header("Content-Type", "text/html; charset=utf-8");
  }
  response.header("Cache-Control", "no-store");
  if (status == 401) response.header("WWW-Authenticate", "Bearer");
  if (status == 405) response.header("Allow", "GET, HEAD");
  return response;
}

Response redirect(const std::string& location) {
  Response response;
  response.status = 303;  // See Other: the client follows with GET, even after a POST
  response.header("Location", location);
  response.header("Cache-Control", "no-store");
  return response;
}

Response current_exception_response(const Request& request, Context& context) noexcept {
  try {
    try {
      throw;
    } catch (const HttpError& error) {
      Response response = error_response(request, context, error.status(), error.what());
      for (const auto& [header_name, value] : error.headers()) {
        const std::string& name = header_name;  // a structured binding cannot be captured (C++17)
        // The error's own header wins over error_response's default (Allow on a 405).
        auto& headers = response.headers;
        headers.erase(std::remove_if(headers.begin(), headers.end(), [&](const auto& h) { return h.first == name; }),
                      headers.end());
        response.header(name, value);
      }
      return response;
    } catch (const std::exception& error) {
      const std::uint64_t id = next_request_id++;
      std::cerr << "kc serve: request " << id << " (" << request.method << " " << request.path
                << ") failed: " << error.what() << '\n';
      return error_response(request, context, 500, "internal error (request " + std::to_string(id) + ")");
    }
  } catch (...) {
    Response response;
    response.status = 500;
    response.body = "internal error";
    response.header("Content-Type", "text/plain; charset=utf-8");
    return response;
  }
}

}  // namespace kc::http
