#include <catch2/catch.hpp>

#include "search/synonyms.h"

using kc::search::SynonymExpander;

TEST_CASE("synonym groups expand whole words and phrases outside syntax", "[search]") {
  const SynonymExpander expander({{"hiv", "aids", "VIH"}, {"galamsey", "artisanal mining"}});
  const std::pair<const char*, const char*> cases[] = {
      {"aids", "(hiv OR aids OR vih)"},
      {"aids prevention", "(hiv OR aids OR vih) prevention"},
      {"artisanal mining safety", "(galamsey OR \"artisanal mining\") safety"},
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
}
