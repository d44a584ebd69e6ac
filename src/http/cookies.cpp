#include "http/cookies.h"

#include <string_view>

#include "http/header_tokens.h"

namespace kc::http {

std::string cookie_value(const std::string& cookie_header, const std::string& name) {
  std::string_view rest = cookie_header;
  while (!rest.empty()) {
    const std::size_t end = rest.find(';');
    const std::string_view pair = trim_whitespace(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos || trim_whitespace(pair.substr(0, equals)) != name) continue;
    std::string_view value = trim_whitespace(pair.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return std::string(value);
  }
  return {};
}

std::string set_cookie(const std::string& name, const std::string& value, long long max_age_seconds, bool secure) {
  std::string cookie = name + "=" + value + "; Path=/staff; Max-Age=" + std::to_string(max_age_seconds) +
                       "; HttpOnly; SameSite=Strict";
  if (secure) cookie += "; Secure";
  return cookie;
}

}  // namespace kc::http
