#pragma once
// Small pieces shared by the header parsers (Accept-Language, Accept-Encoding, Range).
#include <string_view>

namespace kc::http {

// `text` without leading and trailing spaces and tabs (RFC 7230 OWS).
inline std::string_view trim_whitespace(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace kc::http
