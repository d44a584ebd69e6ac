#pragma once
// gzip content coding (RFC 7231 §5.3.4 Accept-Encoding, RFC 1952 via zlib) for text
// responses. Compression is in memory and meant for pages and JSON, not for file
// downloads. Thread-safe (one z_stream per call).
#include <string>
#include <string_view>

namespace kc::http {

// True when the client accepts gzip: "gzip" or "x-gzip" with q > 0, or "*" with q > 0
// when gzip is not named. "gzip;q=0" refuses it even if "*" is present. Coding names
// are case-insensitive; malformed entries are skipped. Never throws except bad_alloc.
bool accepts_gzip(const std::string& accept_encoding);

// `data` compressed with a gzip wrapper (zlib window bits 15 + 16). `level` is zlib's,
// 0–9 or -1 for the default. Throws std::runtime_error when zlib fails (bad level, no
// memory); the message names the zlib error, never the data.
std::string gzip(std::string_view data, int level = 6);

}  // namespace kc::http
