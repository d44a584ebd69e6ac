#pragma once
// UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
// Content files must be valid UTF-8; user input (queries, URLs) is repaired instead.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kc::content {

// The byte offset of the first invalid sequence, or nullopt when `text` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// `text` with every invalid sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view text);

}  // namespace kc::content
