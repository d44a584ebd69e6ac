#include <catch2/catch.hpp>

#include "content/utf8.h"

using kc::content::find_invalid_utf8;
using kc::content::repair_utf8;

TEST_CASE("UTF-8 validation follows RFC 3629", "[content]") {
  struct Case {
    std::string text;
    std::optional<std::size_t> first_invalid;
  };
  const Case cases[] = {
      {"plain ascii", std::nullopt},
      {"sécurité mineração 金", std::nullopt},
      {"\xF0\x9F\x98\x80 emoji", std::nullopt},
      {"bad \xC3\x28", 4},
      {"overlong \xC0\xAF", 9},
      {"overlong3 \xE0\x80\xAF", 10},
      {"surrogate \xED\xA0\x80", 10},
      {"above max \xF4\x90\x80\x80", 10},
      {"truncated \xE2\x82", 10},
      {std::string("nul \0 is valid", 14), std::nullopt},
  };
  for (const auto& test : cases) {
    INFO(test.text);
    CHECK(find_invalid_utf8(test.text) == test.first_invalid);
  }
}

TEST_CASE("invalid UTF-8 is repaired with replacement characters", "[content]") {
  CHECK(repair_utf8("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
  CHECK(repair_utf8("sécurité") == "sécurité");
  CHECK(!find_invalid_utf8(repair_utf8("\xC0\xAF\xED\xA0\x80")));
}

TEST_CASE("long text is cut at a word or a character boundary, never inside a character", "[content]") {
  using kc::content::truncate_utf8;
  CHECK(truncate_utf8("short", 10) == "short");
  CHECK(truncate_utf8("mercury free processing", 16) == "mercury free");
  CHECK(truncate_utf8("sécurité", 2) == "s");                   // "é" is two bytes: not split
  CHECK(truncate_utf8("a bcdefghijklmnop", 10) == "a bcdefghi");  // the only space is too early
}

TEST_CASE("cut_utf8 keeps whole characters within the limit", "[content]") {
  using kc::content::cut_utf8;
  CHECK(cut_utf8("short", 10) == "short");
  CHECK(cut_utf8("mercury free", 7) == "mercury");
  CHECK(cut_utf8("sécurité", 2) == "s");      // "é" is two bytes: not split
  CHECK(cut_utf8("sécurité", 3) == "sé");
  CHECK(cut_utf8("\xE2\x82\xAC", 2).empty());  // "€" is three bytes
}
