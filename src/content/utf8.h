#pragma once
// UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
// Content files must be valid UTF-8; user input (queries, URLs) is repaired instead, and
// long text is cut on character boundaries.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kc::content {

// The byte offset of the first invalid sequence, or nullopt when `text` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// `text` with every invalid sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view text);

// The longest prefix of valid UTF-8 `text` that is at most `limit` bytes and ends on a
// character boundary.
std::string_view cut_utf8(std::string_view text, std::size_t limit);

// Valid UTF-8 `text` cut to at most `limit` bytes: at the last space when one lies in the
// second half of the limit (so a word is not cut), else at the limit, never inside a
// UTF-8 sequence.
std::string truncate_utf8(std::string text, std::size_t limit);

}  // namespace kc::content
