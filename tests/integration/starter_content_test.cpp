#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "http/gzip.h"
#include "support/test_server.h"

using kc::test::starter_content;
using kc::test::TestServer;

// The promises of the starter corpus in content/ (what every new user sees first).

namespace {

const kc::content::Corpus& corpus() {
  static const kc::content::Corpus instance = [] {
    auto loaded = kc::content::load_corpus(starter_content());
    for (const auto& problem : loaded.problems) UNSCOPED_INFO(kc::content::to_string(problem));
    REQUIRE(loaded.problems.empty());
    return std::move(loaded.corpus);
  }();
  return instance;
}

}  // namespace

TEST_CASE("the starter content has the guides it promises per topic and language", "[content][starter]") {
  std::map<std::string, int> english_per_topic;
  std::map<std::string, int> per_language;
  for (const auto& doc : corpus().documents) {
    ++per_language[doc.language];
    if (doc.language == "en") ++english_per_topic[doc.topic];
  }
  CHECK(per_language["en"] >= 24);
  for (const char* topic : {"best-practice", "gender", "child-labour", "hiv-aids"}) {
    INFO(topic);
    CHECK(english_per_topic[topic] >= 4);
  }
  CHECK(english_per_topic["biodiversity"] >= 2);
  CHECK(english_per_topic["fair-trade"] >= 2);
  for (const char* language : {"fr", "es", "pt"}) {
    INFO(language);
    CHECK(per_language[language] >= 2);
  }
  CHECK(per_language["fr"] + per_language["es"] + per_language["pt"] >= 8);
}

TEST_CASE("every starter guide has a summary, a date, an audience and its sources", "[content][starter]") {
  for (const auto& doc : corpus().documents) {
    INFO(doc.path);
    CHECK(!doc.summary.empty());
    CHECK(doc.published);
    CHECK(!doc.audience.empty());
    CHECK(!doc.tags.empty());
    CHECK(!doc.sources.empty());
  }
}

TEST_CASE("translations of the starter content link both ways", "[content][starter]") {
  int translated = 0;
  for (const auto& doc : corpus().documents) {
    for (const auto& [language, slug] : doc.translations) {
      INFO(doc.id() << " → " << language << "/" << slug);
      const auto* other = corpus().find(language, slug);
      REQUIRE(other != nullptr);
      CHECK(other->translations.count(doc.language));
      CHECK(other->translations.at(doc.language) == doc.slug);
      CHECK(other->work == doc.work);
      ++translated;
    }
  }
  CHECK(translated >= 16);  // at least 8 translations, each linked both ways
}

TEST_CASE("the manuals the indicators count exist, are PDFs and are attached", "[content][starter]") {
  for (const char* file : {"files/best-practices-manual.pdf", "files/hiv-aids-guidelines.pdf"}) {
    INFO(file);
    REQUIRE(corpus().files.count(file));
    const std::string bytes = kc::test::read_file(starter_content() / file);
    CHECK(bytes.rfind("%PDF-", 0) == 0);
    CHECK(bytes.size() < 1024 * 1024);
    bool attached = false;
    for (const auto& doc : corpus().documents) {
      for (const auto& attachment : doc.attachments) attached = attached || attachment.file == file;
    }
    CHECK(attached);
    bool counted = false;
    for (const auto& indicator : corpus().indicators) counted = counted || indicator.of_value == file;
    CHECK(counted);
  }
}

// Issue 13: galamsey is ILLEGAL mining in Ghana; its group must not make it the same as
// licensed small-scale mining (a guide on getting a licence would rank as one on galamsey).
TEST_CASE("no synonym group makes galamsey or barequeo the same as artisanal or small-scale mining",
          "[content][starter][synonyms]") {
  const auto in_group = [](const std::vector<std::string>& group, const std::string& expression) {
    return std::find(group.begin(), group.end(), expression) != group.end();
  };
  bool galamsey_found = false;
  for (const auto& group : corpus().synonyms) {
    for (const char* narrower : {"galamsey", "barequeo"}) {
      if (!in_group(group, narrower)) continue;
      galamsey_found = galamsey_found || std::string(narrower) == "galamsey";
      INFO(narrower);
      for (const char* broader : {"artisanal mining", "small-scale mining", "orpaillage", "garimpo", "minería artesanal",
                                  "mineração artesanal", "exploitation minière artisanale"}) {
        CHECK(!in_group(group, broader));
      }
    }
  }
  CHECK(galamsey_found);  // and it is in a group: people type it
}

TEST_CASE("every page of the starter content is at most 14 KB gzipped when served", "[content][starter][http]") {
  TestServer server({}, starter_content());
  auto client = server.http();
  std::vector<std::string> paths = {"/", "/search?q=mercury", "/search?q=", "/indicators", "/privacy", "/nothing"};
  for (const auto& topic : corpus().topics) paths.push_back("/topics/" + topic.id);
  for (const auto& doc : corpus().documents) paths.push_back(doc.url());
  for (const auto& ui : {"fr", "es", "pt"}) paths.push_back(std::string("/?ui=") + ui);
  for (const auto& path : paths) {
    INFO(path);
    const auto result = client.Get(path.c_str());
    REQUIRE(result);
    CHECK((result->status == 200 || path == "/nothing"));
    CHECK(kc::http::gzip(result->body).size() <= 14 * 1024);
  }
}
