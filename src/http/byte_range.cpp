#include "http/byte_range.h"

#include <optional>
#include <string_view>

#include "content/text.h"
#include "http/header_tokens.h"

namespace kc::http {
namespace {

// 1*DIGIT, nullopt when empty, not all digits or above UINT64_MAX.
std::optional<std::uint64_t> parse_number(std::string_view digits) {
  if (digits.empty()) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

constexpr std::string_view kBytesUnit = "bytes=";

bool starts_with_bytes_unit(std::string_view text) {
  return content::equals_ignoring_ascii_case(text.substr(0, kBytesUnit.size()), kBytesUnit);
}

ByteRange full(std::uint64_t size) { return {ByteRange::Kind::Full, 0, size}; }
ByteRange unsatisfiable() { return {ByteRange::Kind::Unsatisfiable, 0, 0}; }

}  // namespace

ByteRange parse_range(const std::string& header, std::uint64_t size) {
  std::string_view value = trim_whitespace(header);
  if (!starts_with_bytes_unit(value)) return full(size);  // absent, or another unit
  value.remove_prefix(kBytesUnit.size());
  // Several ranges, or list syntax we do not take apart: whole file (DESIGN §4).
  if (value.find(',') != std::string_view::npos) return full(size);
  const std::string_view spec = trim_whitespace(value);
  const std::size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return full(size);
  const std::string_view first_text = spec.substr(0, dash);
  const std::string_view last_text = spec.substr(dash + 1);

  if (first_text.empty()) {  // suffix-byte-range-spec: the last N bytes (§2.1)
    const auto suffix = parse_number(last_text);
    if (!suffix) return full(size);
    if (*suffix == 0 || size == 0) return unsatisfiable();
    const std::uint64_t length = *suffix < size ? *suffix : size;
    return {ByteRange::Kind::Partial, size - length, length};
  }
  const auto first = parse_number(first_text);
  if (!first) return full(size);
  std::uint64_t last = UINT64_MAX;
  if (!last_text.empty()) {
    const auto parsed = parse_number(last_text);
    // §2.1: last < first makes the spec invalid, and an invalid Range is ignored.
    if (!parsed || *parsed < *first) return full(size);
    last = *parsed;
  }
  if (*first >= size) return unsatisfiable();
  if (last > size - 1) last = size - 1;
  return {ByteRange::Kind::Partial, *first, last - *first + 1};
}

std::string content_range(const ByteRange& range, std::uint64_t size) {
  switch (range.kind) {
    case ByteRange::Kind::Partial:
      return "bytes " + std::to_string(range.first) + "-" +
             std::to_string(range.first + range.length - 1) + "/" + std::to_string(size);
    case ByteRange::Kind::Unsatisfiable:
      return "bytes */" + std::to_string(size);
    case ByteRange::Kind::Full:
      break;
  }
  return "";
}

int http_status(const ByteRange& range) {
  switch (range.kind) {
    case ByteRange::Kind::Partial: return 206;
    case ByteRange::Kind::Unsatisfiable: return 416;
    case ByteRange::Kind::Full: break;
  }
  return 200;
}

}  // namespace kc::http
