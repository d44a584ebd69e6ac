#pragma once
// UI strings of the four UI languages, read from web/i18n/<lang>.json (flat objects of
// key → string, e.g. "nav.privacy": "Privacy"), and the small amount of localized
// formatting pages need: numbers, sizes, download times, dates and percentages.
// Placeholders in strings are written {name} and filled by format().
//
// Thread safety: immutable after construction. Throws std::runtime_error naming the file
// when a strings file is missing, is not valid JSON or is not a flat string object.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kc::render {

using StringTable = std::map<std::string, std::string>;

class Strings {
 public:
  Strings(const std::filesystem::path& i18n_dir, const std::vector<std::string>& languages);

  // The string in `language`, else in English, else the key itself.
  const std::string& get(const std::string& language, const std::string& key) const;
  // The string in `language`, else in English, else `fallback` (for names looked up by
  // code: "country.GH", "lang.fr", "audience.ngo").
  std::string get_or(const std::string& language, const std::string& key, const std::string& fallback) const;
  // get() with every {name} replaced by its value.
  std::string format(const std::string& language, const std::string& key,
                     const std::vector<std::pair<std::string_view, std::string>>& values) const;
  // Every string of one language (English for an unknown language).
  const StringTable& table(const std::string& language) const;

  // 12345 → "12,345" (en), "12 345" (fr), "12.345" (es, pt).
  std::string number(const std::string& language, std::uint64_t value) const;
  // 348160 → "340 KB"; 1258291 → "1.2 MB" ("1,2 Mo" in French). Powers of 1024.
  std::string size(const std::string& language, std::uint64_t bytes) const;
  // Time to fetch `bytes` on a 2G (EDGE) link at kBytesPerSecond2G: "about 2 min on 2G".
  std::string download_time(const std::string& language, std::uint64_t bytes) const;
  // "2026-03-01" → "1 March 2026" ("1 de marzo de 2026"); "2005-06" → "June 2005"
  // ("junio de 2005"); anything else as given.
  std::string date(const std::string& language, const std::string& iso_date) const;
  // 0.4237 → "42%" ("42 %" in French).
  std::string percent(const std::string& language, double fraction) const;

  static constexpr std::uint64_t kBytesPerSecond2G = 30 * 1000;

 private:
  std::map<std::string, StringTable> tables_;
  std::string decimal(const std::string& language, double value) const;  // one decimal
};

}  // namespace kc::render
