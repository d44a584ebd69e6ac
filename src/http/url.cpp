#include "http/url.h"

#include "content/utf8.h"

namespace kc::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      c = static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    // A NUL would truncate the path at the C boundary (open(2)) and in logs.
    if (c == '\0') return std::nullopt;
    out += c;
  }
  if (content::find_invalid_utf8(out)) return std::nullopt;
  return out;
}

std::optional<ParsedTarget> parse_target(std::string_view raw_path, std::string_view raw_query,
                                         std::size_t max_params) {
  if (raw_path.empty() || raw_path.front() != '/') return std::nullopt;
  auto path = percent_decode(raw_path, false);  // '+' is a literal plus in a path (RFC 3986)
  if (!path) return std::nullopt;
  ParsedTarget target;
  target.path = std::move(*path);

  std::size_t kept = 0;
  std::size_t start = 0;
  while (start <= raw_query.size() && kept < max_params) {
    std::size_t end = raw_query.find('&', start);
    if (end == std::string_view::npos) end = raw_query.size();
    const std::string_view piece = raw_query.substr(start, end - start);
    start = end + 1;
    if (piece.empty()) continue;
    const std::size_t equals = piece.find('=');
    const std::string_view raw_name = piece.substr(0, equals);
    const std::string_view raw_value =
        equals == std::string_view::npos ? std::string_view() : piece.substr(equals + 1);
    auto name = percent_decode(raw_name, true);
    auto value = percent_decode(raw_value, true);
    if (!name || !value) return std::nullopt;  // DESIGN §4: 400 for bad parameters
    if (name->empty()) continue;
    target.query.emplace(std::move(*name), std::move(*value));
    ++kept;
  }
  return target;
}

}  // namespace kc::http
