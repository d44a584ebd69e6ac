#include "http/etag.h"

#include <cstdio>
#include <string_view>
#include <vector>

#include "content/civil_date.h"
#include "http/header_tokens.h"

namespace kc::http {
namespace {

constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kLongDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string_view strip_weak(std::string_view tag) {
  if (tag.size() >= 2 && tag[0] == 'W' && tag[1] == '/') tag.remove_prefix(2);
  return tag;
}

// Reads exactly `count` digits at `pos`; -1 when they are not all digits.
int digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

int index_of(std::string_view word, const char* const* names, int count) {
  for (int i = 0; i < count; ++i) {
    if (word == names[i]) return i;
  }
  return -1;
}

struct Fields {
  int year = -1, month = -1, day = -1, hour = -1, minute = -1, second = -1;
};

// "HH:MM:SS" at `pos`.
bool read_time(std::string_view text, std::size_t pos, Fields& fields) {
  if (pos + 8 > text.size() || text[pos + 2] != ':' || text[pos + 5] != ':') return false;
  fields.hour = digits(text, pos, 2);
  fields.minute = digits(text, pos + 3, 2);
  fields.second = digits(text, pos + 6, 2);
  return fields.hour >= 0 && fields.minute >= 0 && fields.second >= 0;
}

// "Sun, 06 Nov 1994 08:49:37 GMT"
bool parse_imf_fixdate(std::string_view text, Fields& fields) {
  if (text.size() != 29 || index_of(text.substr(0, 3), kDays, 7) < 0) return false;
  if (text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' || text[16] != ' ') return false;
  if (text.substr(25) != " GMT") return false;
  fields.day = digits(text, 5, 2);
  fields.month = index_of(text.substr(8, 3), kMonths, 12) + 1;
  fields.year = digits(text, 12, 4);
  return read_time(text, 17, fields);
}

// "Sunday, 06-Nov-94 08:49:37 GMT"
bool parse_rfc850(std::string_view text, Fields& fields) {
  const std::size_t comma = text.find(", ");
  if (comma == std::string_view::npos || index_of(text.substr(0, comma), kLongDays, 7) < 0) return false;
  const std::string_view rest = text.substr(comma + 2);
  if (rest.size() != 22 || rest[2] != '-' || rest[6] != '-' || rest[9] != ' ') return false;
  if (rest.substr(18) != " GMT") return false;
  fields.day = digits(rest, 0, 2);
  fields.month = index_of(rest.substr(3, 3), kMonths, 12) + 1;
  const int two_digit_year = digits(rest, 7, 2);
  if (two_digit_year < 0) return false;
  // RFC 7231 §7.1.1.1 asks for "the most recent year in the past" with these digits; a
  // fixed pivot at 1970 is what the Unix epoch makes sensible and needs no clock.
  fields.year = two_digit_year + (two_digit_year >= 70 ? 1900 : 2000);
  return read_time(rest, 10, fields);
}

// "Sun Nov  6 08:49:37 1994"
bool parse_asctime(std::string_view text, Fields& fields) {
  if (text.size() != 24 || index_of(text.substr(0, 3), kDays, 7) < 0) return false;
  if (text[3] != ' ' || text[7] != ' ' || text[10] != ' ' || text[19] != ' ') return false;
  fields.month = index_of(text.substr(4, 3), kMonths, 12) + 1;
  fields.day = text[8] == ' ' ? digits(text, 9, 1) : digits(text, 8, 2);
  fields.year = digits(text, 20, 4);
  return read_time(text, 11, fields);
}

// Calls `visit` with each entity tag of a comma-separated list ("W/" kept; a "*" item as
// "*") until it returns true (then true), or the list ends or breaks (then false): a
// malformed list is read up to where it breaks, never guessed. Commas may appear inside
// an opaque tag (RFC 9110 §8.8.3 etagc), so quoted tags are read rather than split on ','.
template <typename Visit>
bool any_entity_tag(std::string_view list, Visit visit) {
  while (!list.empty()) {
    while (!list.empty() && (list.front() == ',' || list.front() == ' ' || list.front() == '\t')) {
      list.remove_prefix(1);
    }
    if (list.empty()) break;
    if (list.front() == '*') {
      if (visit(list.substr(0, 1))) return true;
      list.remove_prefix(1);
      continue;
    }
    const auto open = static_cast<std::size_t>(strip_weak(list).data() - list.data());  // 2 for a weak tag, else 0
    if (open >= list.size() || list[open] != '"') return false;
    const std::size_t close = list.find('"', open + 1);
    if (close == std::string_view::npos) return false;
    if (visit(list.substr(0, close + 1))) return true;
    list.remove_prefix(close + 1);
  }
  return false;
}

}  // namespace

std::string make_etag(std::uint64_t size, std::int64_t mtime_ns) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "\"%llx-%llx\"", static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(mtime_ns));
  return buffer;
}

bool etag_matches(const std::string& if_none_match, const std::string& etag) {
  const std::string_view ours = strip_weak(trim_whitespace(etag));
  const std::string_view list = trim_whitespace(if_none_match);
  if (list == "*") return true;
  return any_entity_tag(list, [&](std::string_view tag) { return tag == "*" || strip_weak(tag) == ours; });
}

std::vector<std::string> if_match_tags(const std::string& if_match) {
  const std::string_view list = trim_whitespace(if_match);
  if (list == "*") return {"*"};
  std::vector<std::string> tags;
  any_entity_tag(list, [&](std::string_view tag) {
    // Strong comparison: a weak tag matches nothing; "*" is only valid alone.
    if (tag.size() >= 2 && tag.front() == '"') tags.emplace_back(tag.substr(1, tag.size() - 2));
    return false;
  });
  return tags;
}

std::string http_date(std::time_t time) {
  std::tm parts{};
  if (gmtime_r(&time, &parts) == nullptr) return "";
  const int year = parts.tm_year + 1900;
  if (year < 0 || year > 9999) return "";
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[parts.tm_wday],
                parts.tm_mday, kMonths[parts.tm_mon], year, parts.tm_hour, parts.tm_min,
                parts.tm_sec);
  return buffer;
}

std::optional<std::time_t> parse_http_date(const std::string& text) {
  const std::string_view value = trim_whitespace(text);
  Fields fields;
  if (!parse_imf_fixdate(value, fields) && !parse_rfc850(value, fields) &&
      !parse_asctime(value, fields)) {
    return std::nullopt;
  }
  if (fields.year < 0 || fields.month < 1 || fields.day < 1 ||
      fields.day > content::days_in_month(fields.year, fields.month) || fields.hour > 23 ||
      fields.minute > 59 || fields.second > 60) {  // 60: a leap second, as the grammar allows
    return std::nullopt;
  }
  const std::int64_t days = content::days_from_civil({fields.year, fields.month, fields.day});
  return static_cast<std::time_t>(days * 86400 + fields.hour * 3600 + fields.minute * 60 +
                                  fields.second);
}

bool not_modified(const std::string& if_none_match, const std::string& if_modified_since,
                  const std::string& etag, std::time_t last_modified) {
  if (!trim_whitespace(if_none_match).empty()) return etag_matches(if_none_match, etag);
  if (trim_whitespace(if_modified_since).empty()) return false;
  const auto since = parse_http_date(if_modified_since);
  return since && last_modified <= *since;
}

}  // namespace kc::http
