#include "render/i18n.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace kc::render {
namespace {

StringTable load_table(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot open UI strings file");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(file.string() + ": invalid JSON: " + e.what());
  }
  if (!json.is_object()) throw std::runtime_error(file.string() + ": expected an object of key → string");
  StringTable table;
  for (const auto& [key, value] : json.items()) {
    if (!value.is_string()) throw std::runtime_error(file.string() + ": the value of \"" + key + "\" is not a string");
    table.emplace(key, value.get<std::string>());
  }
  return table;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

Strings::Strings(const std::filesystem::path& i18n_dir, const std::vector<std::string>& languages) {
  for (const auto& language : languages) tables_.emplace(language, load_table(i18n_dir / (language + ".json")));
  if (tables_.count("en") == 0) throw std::runtime_error((i18n_dir / "en.json").string() + ": English strings are required");
}

const StringTable& Strings::table(const std::string& language) const {
  const auto it = tables_.find(language);
  return it == tables_.end() ? tables_.at("en") : it->second;
}

const std::string& Strings::get(const std::string& language, const std::string& key) const {
  const auto& strings = table(language);
  if (const auto it = strings.find(key); it != strings.end()) return it->second;
  const auto& english = tables_.at("en");
  if (const auto it = english.find(key); it != english.end()) return it->second;
  return key;
}

std::string Strings::get_or(const std::string& language, const std::string& key, const std::string& fallback) const {
  const auto& strings = table(language);
  if (const auto it = strings.find(key); it != strings.end()) return it->second;
  const auto& english = tables_.at("en");
  if (const auto it = english.find(key); it != english.end()) return it->second;
  return fallback;
}

std::string Strings::format(const std::string& language, const std::string& key,
                            const std::vector<std::pair<std::string_view, std::string>>& values) const {
  std::string text = get(language, key);
  for (const auto& [name, value] : values) text = replace_all(std::move(text), "{" + std::string(name) + "}", value);
  return text;
}

std::string Strings::number(const std::string& language, std::uint64_t value) const {
  const std::string digits = std::to_string(value);
  const std::string& group = get(language, "num.group");
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += group;
    out += digits[i];
  }
  return out;
}

std::string Strings::decimal(const std::string& language, double value) const {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  std::string text = buffer;
  if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) return text.substr(0, text.size() - 2);
  return replace_all(text, ".", get(language, "num.decimal"));
}

std::string Strings::size(const std::string& language, std::uint64_t bytes) const {
  constexpr double kKilo = 1024.0;
  const double kb = static_cast<double>(bytes) / kKilo;
  if (std::llround(kb) < 1000) {
    const auto whole = static_cast<std::uint64_t>(std::max<long long>(1, std::llround(kb)));
    return format(language, "unit.kb", {{"n", number(language, whole)}});
  }
  const double mb = kb / kKilo;
  if (mb < 1000) return format(language, "unit.mb", {{"n", decimal(language, mb)}});
  return format(language, "unit.gb", {{"n", decimal(language, mb / kKilo)}});
}

std::string Strings::download_time(const std::string& language, std::uint64_t bytes) const {
  const double seconds = static_cast<double>(bytes) / static_cast<double>(kBytesPerSecond2G);
  std::string time;
  if (seconds < 55) {
    // Rounded up to 5 s: an estimate should not promise more speed than the link has.
    const auto rounded = std::max<long long>(5, static_cast<long long>(std::ceil(seconds / 5)) * 5);
    time = format(language, "time.seconds", {{"n", std::to_string(rounded)}});
  } else if (seconds < 90 * 60) {
    time = format(language, "time.minutes", {{"n", number(language, static_cast<std::uint64_t>(std::max(1.0, std::round(seconds / 60))))}});
  } else {
    time = format(language, "time.hours", {{"n", decimal(language, seconds / 3600)}});
  }
  return format(language, "download.time_2g", {{"time", time}});
}

std::string Strings::date(const std::string& language, const std::string& iso_date) const {
  int year = 0, month = 0, day = 0;
  char tail = 0;
  if (iso_date.size() == 7 && std::sscanf(iso_date.c_str(), "%4d-%2d%c", &year, &month, &tail) == 2 && month >= 1 &&
      month <= 12) {
    return format(language, "date.month_format",
                  {{"month", get(language, "month." + std::to_string(month))}, {"y", std::to_string(year)}});
  }
  if (iso_date.size() != 10 || std::sscanf(iso_date.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 ||
      month < 1 || month > 12 || day < 1 || day > 31) {
    return iso_date;
  }
  return format(language, "date.format",
                {{"d", std::to_string(day)}, {"month", get(language, "month." + std::to_string(month))},
                 {"y", std::to_string(year)}});
}

std::string Strings::percent(const std::string& language, double fraction) const {
  const double value = std::max(0.0, fraction * 100);
  const std::string n = value < 10 ? decimal(language, value) : number(language, static_cast<std::uint64_t>(std::llround(value)));
  return format(language, "num.percent", {{"n", n}});
}

}  // namespace kc::render
