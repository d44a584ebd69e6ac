#pragma once
// Expected failures carry their HTTP status (HttpError); everything else is unexpected.
// Status and body for both are chosen here, in one place (OSRM's request_handler): JSON
// `{"error": "…"}` under /api/, an HTML page elsewhere, and for unexpected exceptions
// a generic 500 with a request id — the exception text goes to the log, never to the
// client.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace kc::http {

class Context;

class HttpError : public std::runtime_error {
 public:
  HttpError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }
  // A header the error response carries (Retry-After on a 429).
  HttpError& with_header(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }

 private:
  int status_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

// 303 See Other to `location` (after a form is posted, and to the sign-in page).
Response redirect(const std::string& location);

// The response for an expected error (a message safe to show to the client).
Response error_response(const Request& request, Context& context, int status, const std::string& message);

// Runs `handler`, turning any exception into its response. Never throws.
template <typename Handler>
Response guarded(const Request& request, Context& context, Handler handler);

// The response for the exception in flight (call from a catch block); logs it.
Response current_exception_response(const Request& request, Context& context) noexcept;

template <typename Handler>
Response guarded(const Request& request, Context& context, Handler handler) {
  try {
    return handler();
  } catch (...) {
    return current_exception_response(request, context);
  }
}

const char* reason_phrase(int status);

}  // namespace kc::http
