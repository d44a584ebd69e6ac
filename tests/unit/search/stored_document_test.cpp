#include <catch2/catch.hpp>

#include "search/stored_document.h"

using kc::search::StoredDocument;

TEST_CASE("a guide's stored form reads back every field it wrote", "[search][schema]") {
  kc::content::Document guide;
  guide.path = "pt/best-practice/retorta.md";
  guide.slug = "retorta";
  guide.language = "pt";
  guide.variant = "pt-BR";
  guide.topic = "best-practice";
  guide.title = "Retorta";
  guide.summary = "Recuperar o ouro sem queimar mercúrio.";
  guide.translations = {{"en", "retort"}, {"fr", "retorte"}};
  guide.countries = {"BR", "PE"};
  guide.audience = {"miners"};
  guide.tags = {"mercúrio"};
  guide.sources = {"UNEP"};
  guide.published = "2026-06-01";
  guide.attachments = {{"files/manual.pdf", "Manual (PDF)"}};
  guide.work = "retort";
  guide.body = "not stored";

  const StoredDocument stored = kc::search::stored_document(guide);
  CHECK(stored.id == "pt/retorta");
  CHECK(stored.url == "/docs/pt/retorta");
  const nlohmann::json json = stored;
  CHECK_FALSE(json.contains("html"));
  CHECK_FALSE(json.contains("body"));
  const auto back = json.get<StoredDocument>();
  CHECK(back.id == stored.id);
  CHECK(back.url == stored.url);
  CHECK(back.slug == "retorta");
  CHECK(back.language == "pt");
  CHECK(back.variant == "pt-BR");
  CHECK(back.topic == "best-practice");
  CHECK(back.title == "Retorta");
  CHECK(back.summary == guide.summary);
  CHECK(back.translations == guide.translations);
  CHECK(back.countries == guide.countries);
  CHECK(back.audience == guide.audience);
  CHECK(back.tags == guide.tags);
  CHECK(back.sources == guide.sources);
  CHECK(back.published == guide.published);
  REQUIRE(back.attachments.size() == 1);
  CHECK(back.attachments[0].file == "files/manual.pdf");
  CHECK(back.attachments[0].title == "Manual (PDF)");
  CHECK(back.work == "retort");
  CHECK(nlohmann::json(back) == json);  // the same object, whichever way it went
}

TEST_CASE("a stored guide missing fields or with the wrong types reads as empty ones", "[search][schema]") {
  const auto old = nlohmann::json::parse(R"({"id": "en/x", "title": "X", "published": null, "countries": "GH",
                                            "attachments": [{"file": "files/a.pdf"}, 3], "translations": {"fr": 1}})")
                       .get<StoredDocument>();
  CHECK(old.id == "en/x");
  CHECK(old.title == "X");
  CHECK(old.variant.empty());
  CHECK_FALSE(old.published);
  CHECK(old.countries.empty());
  REQUIRE(old.attachments.size() == 1);
  CHECK(old.attachments[0].title.empty());
  CHECK(old.translations.empty());
}
