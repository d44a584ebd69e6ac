#include <catch2/catch.hpp>

#include "search/synonyms.h"

using kc::search::SynonymExpander;

TEST_CASE("synonym groups expand whole words and phrases outside syntax", "[search]") {
  const SynonymExpander expander({{"hiv", "aids", "VIH"}, {"galamsey", "artisanal mining"}});
  const std::pair<const char*, const char*> cases[] = {
      {"aids", "kcsyn:0"},
      {"aids prevention", "kcsyn:0 prevention"},
      {"VIH", "VIH"},  // expects folded input
      {"artisanal mining safety", "kcsyn:1 safety"},
      {"raids", "raids"},
      {"\"aids camp\"", "\"aids camp\""},
      {"title:aids", "title:aids"},
      {"aids*", "aids*"},
      {"-aids", "-aids"},
      {"artisanal", "artisanal"},
  };
  for (const auto& [query, expanded] : cases) {
    INFO(query);
    CHECK(expander.expand(query) == expanded);
  }
  CHECK(expander.group("1") == std::vector<std::vector<std::string>>{{"galamsey"}, {"artisanal", "mining"}});
  CHECK(expander.group("7").empty());
  CHECK(expander.group("x").empty());
}
