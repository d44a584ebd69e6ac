#include "content/document.h"

#include <algorithm>
#include <cstdio>

#include "content/civil_date.h"

namespace kc::content {

bool is_known_language(const std::string& language) {
  return std::find(kLanguages.begin(), kLanguages.end(), language) != kLanguages.end();
}

bool is_valid_slug(const std::string& slug) {
  if (slug.empty() || slug.size() > 200 || slug.front() == '-' || slug.back() == '-') return false;
  return std::all_of(slug.begin(), slug.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

const std::vector<std::string>& known_variants(const std::string& language) {
  // The countries where Portuguese is an official language (CPLP), by ISO 3166 code.
  static const std::vector<std::string> kPortuguese = {"pt-BR", "pt-PT", "pt-MZ", "pt-AO",
                                                       "pt-CV", "pt-GW", "pt-ST", "pt-TL"};
  static const std::vector<std::string> kNone;
  return language == "pt" ? kPortuguese : kNone;
}

bool is_valid_date(const std::string& date) {
  int year = 0, month = 0, day = 0;
  char tail = 0;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  if (std::sscanf(date.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3) return false;
  return is_real_date({year, month, day});
}

}  // namespace kc::content
