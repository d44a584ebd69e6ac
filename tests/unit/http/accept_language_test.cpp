#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "http/accept_language.h"

using kc::http::choose_language;
using kc::http::parse_qvalue;

TEST_CASE("qvalues parse in thousandths", "[http][language]") {
  const std::optional<int> kMalformed = std::nullopt;
  const std::pair<const char*, std::optional<int>> cases[] = {
      {"1", 1000},   {"1.", 1000},  {"1.0", 1000},  {"1.000", 1000},    {"0", 0},
      {"0.", 0},     {"0.8", 800},  {"0.85", 850},  {"0.001", 1},       {"0.000", 0},
      {"1.001", kMalformed},        {"1.5", kMalformed},                {"2", kMalformed},
      {"0.1234", kMalformed},       {".5", kMalformed},                 {"-1", kMalformed},
      {"0,5", kMalformed},          {"0.5a", kMalformed},               {"", kMalformed},
      {"1.0000", kMalformed},
  };
  for (const auto& [text, thousandths] : cases) {
    INFO(text);
    CHECK(parse_qvalue(text) == thousandths);
  }
}

TEST_CASE("the UI language follows Accept-Language by primary subtag", "[http][language]") {
  const std::vector<std::string> supported = {"en", "fr", "es", "pt"};
  struct Case {
    const char* why;
    std::string header;
    const char* chosen;
  };
  const Case cases[] = {
      {"no header gives the fallback", "", "en"},
      {"an exact match", "fr", "fr"},
      {"a regional variant matches its language", "fr-CA", "fr"},
      {"the primary subtag is case-insensitive", "PT-br", "pt"},
      {"the highest weight wins", "fr-CA;q=0.8, es;q=0.9, en;q=0.5", "es"},
      {"the RFC example order", "fr-CA;q=0.8, en;q=0.5, *;q=0.1", "fr"},
      {"an implicit q=1 beats explicit lower weights", "es;q=0.9, pt", "pt"},
      {"ties go to the earlier range", "es;q=0.5, fr;q=0.5", "es"},
      {"unsupported languages are passed over", "de, it;q=0.9, pt;q=0.2", "pt"},
      {"nothing supported gives the fallback", "de, it", "en"},
      {"q=0 means not acceptable", "fr;q=0, es;q=0.1", "es"},
      {"'*' selects the fallback", "de, *;q=0.5", "en"},
      {"'*' ranks by its weight", "*;q=0.9, fr;q=0.5", "en"},
      {"a malformed range is skipped", "fr_FR, es;q=0.5", "es"},
      {"a range with digits first is skipped", "1fr, es;q=0.5", "es"},
      {"a subtag over 8 letters is skipped", "francaises, es;q=0.5", "es"},
      {"a malformed weight is skipped", "fr;q=high, es;q=0.5", "es"},
      {"a weight above 1 is skipped", "fr;q=2, es;q=0.5", "es"},
      {"a parameter other than q is skipped", "fr;level=1, es;q=0.5", "es"},
      {"spaces around weights are allowed", "fr ; q = 0.5 , es ; q=0.4", "fr"},
      {"an upper-case Q is accepted", "es;Q=0.5, fr;q=0.4", "es"},
      {"empty list elements are ignored", ",, ,es", "es"},
      {"garbage gives the fallback", ";;;,,,=", "en"},
      {"non-ASCII bytes are skipped", "fr\xC3\xA9, es;q=0.1", "es"},
  };
  for (const auto& test : cases) {
    INFO(test.why << ": " << test.header);
    CHECK(choose_language(test.header, supported, "en") == test.chosen);
  }
}

TEST_CASE("the supported entry is returned as configured", "[http][language]") {
  CHECK(choose_language("fr-ca", {"en-GB", "fr-FR"}, "en-GB") == "fr-FR");
  CHECK(choose_language("fr", {}, "en") == "en");
}

TEST_CASE("only the first 50 Accept-Language entries are read", "[http][language]") {
  std::string header;
  for (int i = 0; i < 49; ++i) header += "de;q=0.9, ";
  CHECK(choose_language(header + "fr;q=0.1", {"en", "fr"}, "en") == "fr");        // entry 50
  CHECK(choose_language(header + "de, fr;q=0.1", {"en", "fr"}, "en") == "en");   // entry 51
  std::string huge;
  for (int i = 0; i < 100000; ++i) huge += "xx;q=0.5,";
  CHECK(choose_language(huge + "fr", {"en", "fr"}, "en") == "en");
}
