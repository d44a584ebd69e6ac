#pragma once
// Percent-decoding of request targets (RFC 3986 §2.1, §3.3, §3.4) and percent-encoding
// for the links we build. Pistache hands us the path and query undecoded (STACK.md
// item 6), so server.cpp runs every request through parse_target() before routing.
// Decoding is strict and happens exactly once: `%252e` becomes the literal text `%2e`,
// never `.`. A decoded path is NOT safe to open: file paths still go through
// static_files.h confine(). Pure functions: no I/O, no allocation beyond the results,
// thread-safe, never throw except std::bad_alloc.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kc::http {

// Decodes `%XX` escapes (and `+` as a space when `plus_is_space`, the form encoding of
// query strings). nullopt when a `%` is not followed by two hex digits, when the result
// would contain a NUL byte (`%00` or a raw NUL), or when it is not valid UTF-8 (RFC 3629:
// overlong forms such as `%C0%AF` and surrogates are invalid too).
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

struct ParsedTarget {
  std::string path;                               // decoded, valid UTF-8, starts with '/'
  std::multimap<std::string, std::string> query;  // decoded names and values
};

// Decodes a request target. `raw_path` is the path as received (it must start with '/'),
// `raw_query` the query string without the '?'. Query parameters are split on '&', each
// at its first '=' (a name without '=' has the value ""); empty pieces and empty names are
// skipped. nullopt (→ 400) when the path or any kept parameter is not validly encoded.
// Only the first `max_params` parameters are kept; the rest are ignored, not decoded.
std::optional<ParsedTarget> parse_target(std::string_view raw_path, std::string_view raw_query,
                                         std::size_t max_params = 100);

// (Encoding, for the links we write, is render::percent_encode in render/link.h.)

}  // namespace kc::http
