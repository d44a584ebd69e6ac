#pragma once
// Validators and conditional GET (RFC 7232) plus HTTP dates (RFC 7231 §7.1.1.1).
// Our ETags are strong, built from size and modification time (no content hash, so no
// file read). Dates are formatted and parsed by hand in GMT: no locale, no TZ, no
// strftime. If-None-Match and If-Modified-Since are evaluated here; If-Match is parsed
// here (if_match_tags) and compared with a guide's revision by staff::GuideStore;
// If-Unmodified-Since and If-Range are not. Pure functions: thread-safe, never throw
// except std::bad_alloc.
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace kc::http {

// A strong entity tag, quotes included: "\"<hex size>-<hex mtime_ns>\"".
std::string make_etag(std::uint64_t size, std::int64_t mtime_ns);

// If-None-Match against our tag, by weak comparison (RFC 7232 §2.3.2, §3.2): "*" matches
// anything; otherwise the comma-separated list of quoted tags is searched, ignoring
// "W/" on both sides. A malformed list stops matching where it breaks (no false 304).
bool etag_matches(const std::string& if_none_match, const std::string& etag);

// If-Match (RFC 9110 §13.1.1): {"*"} for "*"; otherwise the opaque tags (quotes removed)
// of the strong entity tags listed, in order. A weak tag is left out, since If-Match
// compares strongly and a weak tag never matches; a malformed list is read up to where it
// breaks. An empty result matches nothing.
std::vector<std::string> if_match_tags(const std::string& if_match);

// IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT". "" for a time outside years 0–9999.
std::string http_date(std::time_t time);

// IMF-fixdate, the obsolete RFC 850 form ("Sunday, 06-Nov-94 08:49:37 GMT", years
// 70–99 → 19xx, 00–69 → 20xx) and asctime ("Sun Nov  6 08:49:37 1994"). Names are
// case-sensitive as the grammar says; the day name is checked but not against the date.
// nullopt for anything else, which makes the header ignored (RFC 7232 §3.3).
std::optional<std::time_t> parse_http_date(const std::string& text);

// Whether a GET/HEAD should be answered 304. A non-empty If-None-Match decides alone
// (RFC 7232 §6 step 3); otherwise If-Modified-Since is used when it parses, true when
// `last_modified` is not later than it. Empty headers mean absent. The caller checks the
// method (§3.3: If-Modified-Since only applies to GET and HEAD).
bool not_modified(const std::string& if_none_match, const std::string& if_modified_since,
                  const std::string& etag, std::time_t last_modified);

}  // namespace kc::http
