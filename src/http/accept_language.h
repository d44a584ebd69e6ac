#pragma once
// Choosing the UI language from Accept-Language (RFC 7231 §5.3.5, language ranges of
// RFC 4647 §2.1) by primary subtag: "fr-CA" selects "fr". Also the weight parser
// (RFC 7231 §5.3.1 qvalue) that Accept-Encoding shares (gzip.cpp). Never throws except
// std::bad_alloc; pure and thread-safe. `?ui=` overrides are the caller's business.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kc::http {

inline constexpr std::size_t kMaxAcceptLanguageEntries = 50;

// A qvalue ("0", "0.8", "1.000") in thousandths, 0–1000; nullopt when malformed
// ("1.5", "0.1234", ".5", "-1", "").
std::optional<int> parse_qvalue(std::string_view text);

// The entry of `supported` whose primary subtag (case-insensitive) matches the
// highest-weighted acceptable range; ties go to the earlier range. "*" selects
// `fallback`. Entries with q=0, malformed ranges or weights are skipped; only the first
// kMaxAcceptLanguageEntries list entries are read. `fallback` when nothing matches.
std::string choose_language(const std::string& accept_language,
                            const std::vector<std::string>& supported,
                            const std::string& fallback);

}  // namespace kc::http
