#pragma once
// The Range request header (RFC 7233), one byte range at most. A request asks for a
// range; the answer is the whole file (200), a part (206 with Content-Range) or nothing
// (416 with "Content-Range: bytes */size"). Anything we do not understand is ignored and
// answered with the whole file, as RFC 7233 §3.1 allows: a malformed header, another unit,
// several ranges (DESIGN §4), numbers that overflow 64 bits. If-Range is not handled here.
// Pure functions: thread-safe, never throw except std::bad_alloc.
#include <cstdint>
#include <string>

namespace kc::http {

struct ByteRange {
  enum class Kind { Full, Partial, Unsatisfiable };
  Kind kind = Kind::Full;
  std::uint64_t first = 0;   // Full: 0; Unsatisfiable: 0
  std::uint64_t length = 0;  // Full: the size; Partial: ≥ 1; Unsatisfiable: 0
};

// `header` is the Range header value ("" when absent), `size` the file size in bytes.
// "bytes=N-", "bytes=N-M" (M clamped to size-1) and "bytes=-N" (the last N bytes) give
// Partial; a first byte at or past the end, a zero suffix, or any range on an empty file
// give Unsatisfiable. The unit is case-insensitive; spaces around the value are allowed.
ByteRange parse_range(const std::string& header, std::uint64_t size);

// The Content-Range value: "bytes first-last/size" for Partial, "bytes */size" for
// Unsatisfiable, "" for Full (a 200 carries no Content-Range).
std::string content_range(const ByteRange& range, std::uint64_t size);

// 200, 206 or 416.
int http_status(const ByteRange& range);

}  // namespace kc::http
