#include <catch2/catch.hpp>

#include "search/fold.h"

TEST_CASE("folding removes accents and lower-cases in the four languages", "[search]") {
  const std::pair<const char*, const char*> cases[] = {
      {"Sécurité MINERAÇÃO", "securite mineracao"},
      {"niños", "ninos"},
      {"Malária", "malaria"},
      {"Français", "francais"},
      {"plain", "plain"},
      {"ÉLÈVE", "eleve"},
      {"Œuvre du cœur", "oeuvre du coeur"},
      {"ex æquo, Æsop", "ex aequo, aesop"},
  };
  for (const auto& [text, folded] : cases) CHECK(kc::search::fold(text) == folded);
}

TEST_CASE("query folding keeps upper-case operators and lowers the rest", "[search]") {
  CHECK(kc::search::fold_query("Or AND Sécurité OR NOT Mine") == "or AND securite OR NOT mine");
  CHECK(kc::search::fold_query("l'or") == "l or");
  CHECK(kc::search::fold("L’orpailleur d'eau") == "l orpailleur d eau");
}
