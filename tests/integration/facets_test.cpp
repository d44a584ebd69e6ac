#include <catch2/catch.hpp>

#include <map>
#include <random>

#include "support/fixture.h"

using kc::test::TempDir;
using kc::test::write_file;

namespace {

const std::vector<std::string> kTopics = {"best-practice", "gender", "child-labour", "hiv-aids", "biodiversity", "fair-trade"};
const std::vector<std::string> kLanguages = {"en", "fr", "es", "pt"};
const std::vector<std::string> kCountries = {"GH", "TZ", "PE", "BF", "CO"};

struct GeneratedDoc {
  std::string topic;
  std::string language;
  std::vector<std::string> countries;
  bool has_zorblax;
  bool has_quimbo;
};

// A corpus of `count` guides with known words, topics and countries, so that facet
// counts can be checked against a count made independently of Xapian.
std::vector<GeneratedDoc> generate(const std::filesystem::path& root, int count) {
  std::mt19937 random(20261127);
  std::string topics_yaml;
  for (const auto& topic : kTopics) topics_yaml += topic + ": { en: " + topic + " }\n";
  write_file(root / "topics.yaml", topics_yaml);
  std::vector<GeneratedDoc> docs;
  for (int i = 0; i < count; ++i) {
    GeneratedDoc doc{kTopics[random() % kTopics.size()], kLanguages[random() % kLanguages.size()], {},
                     random() % 10 < 4, random() % 10 < 3};
    for (const auto& country : kCountries) {
      if (random() % 3 == 0) doc.countries.push_back(country);
    }
    std::string countries;
    for (const auto& country : doc.countries) countries += (countries.empty() ? "" : ", ") + country;
    std::string body = "Guide number " + std::to_string(i) + " about mining.\n";
    if (doc.has_zorblax) body += "The zorblax method.\n";
    if (doc.has_quimbo) body += "A quimbo tool.\n";
    write_file(root / doc.language / doc.topic / ("guide-" + std::to_string(i) + ".md"),
               "---\ntitle: Guide " + std::to_string(i) + "\ntopic: " + doc.topic + "\nlanguage: " + doc.language +
                   "\ncountries: [" + countries + "]\n---\n" + body);
    docs.push_back(std::move(doc));
  }
  return docs;
}

std::map<std::string, std::uint64_t> as_map(const std::vector<kc::search::FacetValue>& values) {
  std::map<std::string, std::uint64_t> counts;
  for (const auto& value : values) counts[value.value] = value.count;
  return counts;
}

}  // namespace

TEST_CASE("facet counts equal the matching documents per value on 1,200 generated guides", "[search][facets]") {
  TempDir dir;
  const auto docs = generate(dir / "content", 1200);
  auto loaded = kc::content::load_corpus(dir / "content");
  REQUIRE(loaded.problems.empty());
  kc::search::IndexOptions options;
  options.index_dir = dir / "index";
  REQUIRE(kc::search::ingest(loaded.corpus, options).added == 1200);

  kc::search::Searcher searcher(dir / "index");
  const std::pair<std::string, std::function<bool(const GeneratedDoc&)>> queries[] = {
      {"zorblax", [](const GeneratedDoc& d) { return d.has_zorblax; }},
      {"zorblax AND quimbo", [](const GeneratedDoc& d) { return d.has_zorblax && d.has_quimbo; }},
      {"zorblax quimbo", [](const GeneratedDoc& d) { return d.has_zorblax || d.has_quimbo; }},  // any word (issue 12)
      {"zorblax OR quimbo", [](const GeneratedDoc& d) { return d.has_zorblax || d.has_quimbo; }},
      {"mining NOT zorblax", [](const GeneratedDoc& d) { return !d.has_zorblax; }},
  };
  for (const auto& [query, matches] : queries) {
    INFO(query);
    std::map<std::string, std::uint64_t> topics, languages, countries;
    std::uint64_t total = 0;
    for (const auto& doc : docs) {
      if (!matches(doc)) continue;
      ++total;
      ++topics[doc.topic];
      ++languages[doc.language];
      for (const auto& country : doc.countries) ++countries[country];
    }
    kc::search::SearchRequest request;
    request.query = query;
    const auto response = searcher.search(request);
    REQUIRE(total > 50);
    CHECK(response.total == total);
    CHECK(response.total_is_exact);
    CHECK(as_map(response.facets.at("topic")) == topics);
    CHECK(as_map(response.facets.at("language")) == languages);
    CHECK(as_map(response.facets.at("country")) == countries);
  }
}
