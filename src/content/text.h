#pragma once
// Plain-text helpers for ASCII-only tokens (header names, language tags, file
// extensions, User-Agents, identifiers) and for joining lists, shared by every module
// above content/. Locale-independent: only A–Z change case; other bytes, UTF-8
// included, pass through. Pure; thread-safe; never throw (except std::bad_alloc).
#include <string>
#include <string_view>
#include <vector>

namespace kc::content {

std::string ascii_lower(std::string_view text);                   // A–Z → a–z
bool equals_ignoring_ascii_case(std::string_view a, std::string_view b);

// The non-empty parts, in order, with `separator` between them.
std::string join(const std::vector<std::string>& parts, std::string_view separator);
// Choices for a message: "en, fr, es or pt" ("a", "a or b").
std::string join_or(const std::vector<std::string>& choices);

}  // namespace kc::content
