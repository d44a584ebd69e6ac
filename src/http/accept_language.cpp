#include "http/accept_language.h"
#include "http/header_tokens.h"

#include <algorithm>
#include <cctype>

#include "content/text.h"

namespace kc::http {
namespace {

// language-range = (1*8ALPHA *("-" 1*8alphanum)) / "*"  (RFC 4647 §2.1)
bool is_language_range(std::string_view range) {
  if (range == "*") return true;
  std::size_t start = 0;
  bool first = true;
  while (true) {
    const std::size_t end = std::min(range.find('-', start), range.size());
    const std::string_view subtag = range.substr(start, end - start);
    if (subtag.empty() || subtag.size() > 8) return false;
    for (const char c : subtag) {
      const auto byte = static_cast<unsigned char>(c);
      if (first ? !std::isalpha(byte) : !std::isalnum(byte)) return false;
    }
    if (end == range.size()) return true;
    first = false;
    start = end + 1;
  }
}

std::string primary_subtag(std::string_view tag) { return content::ascii_lower(tag.substr(0, tag.find('-'))); }

}  // namespace

std::optional<int> parse_qvalue(std::string_view text) {
  if (text.empty() || (text[0] != '0' && text[0] != '1')) return std::nullopt;
  if (text.size() == 1) return (text[0] - '0') * 1000;
  if (text[1] != '.' || text.size() > 5) return std::nullopt;
  int thousandths = 0;
  int scale = 100;
  for (std::size_t i = 2; i < text.size(); ++i, scale /= 10) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    thousandths += (text[i] - '0') * scale;
  }
  if (text[0] == '1') return thousandths == 0 ? std::optional<int>(1000) : std::nullopt;
  return thousandths;
}

std::string choose_language(const std::string& accept_language,
                            const std::vector<std::string>& supported,
                            const std::string& fallback) {
  std::string_view list = accept_language;
  const std::string* best = nullptr;
  int best_weight = 0;
  for (std::size_t entries = 0; !list.empty() && entries < kMaxAcceptLanguageEntries;) {
    const std::size_t comma = list.find(',');
    std::string_view entry = trim_whitespace(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (entry.empty()) continue;  // "a,,b" — empty list elements are not entries (RFC 7230 §7)
    ++entries;

    const std::size_t semicolon = entry.find(';');
    const std::string_view range = trim_whitespace(entry.substr(0, semicolon));
    if (!is_language_range(range)) continue;
    int weight = 1000;
    if (semicolon != std::string_view::npos) {
      // Exactly one parameter, "q=…"; spaces around '=' are tolerated.
      const std::string_view parameter = entry.substr(semicolon + 1);
      const std::size_t equals = parameter.find('=');
      const std::string_view name = trim_whitespace(parameter.substr(0, equals));
      if (equals == std::string_view::npos || (name != "q" && name != "Q")) continue;
      const auto parsed = parse_qvalue(trim_whitespace(parameter.substr(equals + 1)));
      if (!parsed) continue;
      weight = *parsed;
    }
    if (weight == 0 || weight <= best_weight) continue;  // strict: ties keep the earlier range

    if (range == "*") {
      best = &fallback;
      best_weight = weight;
      continue;
    }
    const std::string wanted = primary_subtag(range);
    for (const std::string& language : supported) {
      if (primary_subtag(language) == wanted) {
        best = &language;
        best_weight = weight;
        break;
      }
    }
  }
  return best ? *best : fallback;
}

}  // namespace kc::http
