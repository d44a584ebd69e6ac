#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>

#include "search/facets.h"
#include "support/temp_dir.h"
#include "support/test_server.h"

using kc::test::TestServer;
using Catch::Matchers::Contains;

namespace {

TestServer& server() {
  static TestServer instance;
  return instance;
}

nlohmann::json get_json(const std::string& path, int expected_status = 200) {
  const auto result = server().http().Get(path);
  REQUIRE(result);
  INFO(path << " → " << result->body.substr(0, 200));
  REQUIRE(result->status == expected_status);
  CHECK(result->get_header_value("Content-Type") == "application/json");
  return nlohmann::json::parse(result->body);
}

}  // namespace

TEST_CASE("/api/search has the DESIGN shape and honours its parameters", "[http][api]") {
  const auto json = get_json("/api/search?q=mercure&size=2&page=1");
  CHECK(json["query"] == "mercure");
  CHECK(json["size"] == 2);
  CHECK(json["results"].size() <= 2);
  CHECK(json["total"].get<int>() >= 2);
  for (const char* key : {"id", "title", "summary", "snippet", "topic", "language", "url", "score", "published"}) {
    CHECK(json["results"][0].contains(key));
  }
  CHECK(get_json("/api/search?q=timber&lang=fr")["total"] == 0);
  CHECK(get_json("/api/search?topic=gender")["total"] == 2);
  CHECK(get_json("/api/search?q=mercyry")["corrected"] == "mercury");
  const auto dated = get_json("/api/search?sort=date&size=1");
  CHECK(dated["results"][0]["published"] == "2026-03-02");
  CHECK(get_json("/api/search?q=%22artisanal%20mining%22")["total"] == 1);
  CHECK(get_json("/api/search?q=artisanal+mining&lang=en")["total"].get<int>() >= 1);
}

TEST_CASE("/api/search lists other languages' matches when the chosen one has fewer than 3", "[http][api]") {
  const auto json = get_json("/api/search?q=garimpo&lang=fr");
  CHECK(json["total"] == 0);
  REQUIRE(json["other_languages"].size() == 2);
  CHECK(json["other_languages"][0]["language"] == "en");
  CHECK(json["other_languages"][0]["total"] == 1);
  CHECK(json["other_languages"][0]["results"][0]["id"] == "en/women-artisanal-mining");
  CHECK(json["other_languages"][1]["language"] == "pt");
  CHECK(json["other_languages"][1]["results"][0]["url"] == "/docs/pt/garimpo-mineiro");
  CHECK(get_json("/api/search?q=garimpo")["other_languages"].empty());
}

TEST_CASE("bad search parameters are a 400 with a JSON error, a page past the end is empty", "[http][api][hostile]") {
  for (const char* path : {"/api/search?q=x&page=-1", "/api/search?q=x&page=abc", "/api/search?q=x&size=100000",
                           "/api/search?q=x&size=0", "/api/search?q=x&sort=sideways", "/api/search?q=x&lang=de"}) {
    INFO(path);
    CHECK(get_json(path, 400).contains("error"));
  }
  const auto past = get_json("/api/search?q=mercury&page=99999999");
  CHECK(past["results"].empty());
  CHECK(past["page"] == 99999999);
  for (const char* query : {"%22unbalanced", "AND%20OR", "title%3A", "x%20AND%20(y%20OR", "(((("}) {
    INFO(query);
    get_json(std::string("/api/search?q=") + query);
  }
}

TEST_CASE("/api/suggest completes titles and /api/docs returns a guide", "[http][api]") {
  const auto titles = get_json("/api/suggest?q=reco");
  REQUIRE(titles.is_array());
  CHECK(titles[0] == "Recovering gold with a retort");
  const auto doc = get_json("/api/docs/en/retort");
  CHECK(doc["title"] == "Recovering gold with a retort");
  CHECK_THAT(doc["html"].get<std::string>(), Contains("<h2>Steps</h2>"));
  CHECK(doc["translations"]["fr"] == "retorte");
}

TEST_CASE("healthz, metrics, robots.txt and sitemap.xml", "[http][api]") {
  const auto health = get_json("/healthz");
  CHECK(health["status"] == "ok");
  CHECK(health["documents"] == 9);
  auto client = server().http();
  get_json("/api/search?q=mercury");
  const auto metrics = client.Get("/metrics");
  CHECK_THAT(metrics->body, Contains("kc_http_requests_total{route=\"api_search\",status=\"200\"}") &&
                                Contains("kc_http_request_duration_seconds_bucket") &&
                                Contains("kc_index_documents 9") && Contains("kc_response_cache_hits_total 0"));
  CHECK_THAT(client.Get("/robots.txt")->body, Contains("Sitemap: http://127.0.0.1:"));
  const auto sitemap = client.Get("/sitemap.xml")->body;
  CHECK_THAT(sitemap, Contains("/docs/en/retort</loc>") &&
                          Contains("hreflang=\"fr\" href=\"http://127.0.0.1:" + std::to_string(server().port()) +
                                   "/docs/fr/retorte\""));
}

TEST_CASE("/api/indicators reports the progress of every target", "[http][api][stats]") {
  const auto json = get_json("/api/indicators");
  REQUIRE(json["indicators"].size() == 1);
  const auto& manual = json["indicators"][0];
  CHECK(manual["id"] == "manual");
  CHECK(manual["of"]["file"] == "files/manual.pdf");
  CHECK(manual["target"] == 10);
  for (const char* key : {"label", "counts", "from", "by", "counted", "share", "expected", "status", "projected"}) {
    CHECK(manual.contains(key));
  }
}

TEST_CASE("static assets with a fingerprint are cached for a year, others revalidate", "[http][files]") {
  auto client = server().http();
  const auto icon = client.Get("/static/icon.06ae26bd.svg");
  REQUIRE(icon);
  CHECK(icon->status == 200);
  CHECK(icon->get_header_value("Content-Type") == "image/svg+xml");
  CHECK(icon->get_header_value("Cache-Control") == "public, max-age=31536000, immutable");
  CHECK(client.Get("/static/nothing.svg")->status == 404);
  CHECK(client.Get("/static/../templates/layout.tpl")->status == 404);
}

// The facet table (search/facets.h) is the one list of facets: each row is counted by
// /api/search, filters by its parameter on /api/search and /search, and has its UI
// strings in every language.
TEST_CASE("every facet of the facet table is counted, filters by its parameter and is named in four languages",
          "[http][api][facets]") {
  std::map<std::string, nlohmann::json> strings;
  for (const char* language : {"en", "fr", "es", "pt"}) {
    std::ifstream file(kc::test::web_dir() / "i18n" / (std::string(language) + ".json"));
    strings[language] = nlohmann::json::parse(file);
  }
  const auto all = get_json("/api/search?q=&size=50");
  CHECK(all["facets"].size() == std::size(kc::search::kFacets));
  for (const auto& facet : kc::search::kFacets) {
    INFO("facet " << facet.name);
    const auto& counts = all["facets"][facet.name];
    REQUIRE(counts.is_array());
    REQUIRE(!counts.empty());  // the test corpus has values for every facet
    const std::string value = counts[0]["value"];
    const auto narrowed = get_json(std::string("/api/search?q=&size=50&") + facet.parameter + "=" + value);
    CHECK(narrowed["total"] == counts[0]["count"]);
    CHECK(narrowed["total"] < all["total"]);
    for (const auto& [language, table] : strings) {
      INFO("UI strings " << language);
      CHECK(table.contains(std::string("facet.") + facet.name));
      if (facet.guide_label != nullptr) CHECK(table.contains(facet.guide_label));
      if (*facet.value_names != '\0') CHECK(table.contains(facet.value_names + value));
    }
    const auto page = server().http().Get((std::string("/search?") + facet.parameter + "=" + value).c_str());
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK_THAT(page->body, Contains(strings["en"][std::string("facet.") + facet.name].get<std::string>()));
  }
}

TEST_CASE("with no index yet, pages that need it answer 503 and the rest still work", "[http][api]") {
  kc::test::TempDir empty;
  TestServer bare([&empty](kc::http::ServerOptions& options) { options.index_dir = empty.path() / "index"; });
  auto client = bare.http();
  CHECK(client.Get("/")->status == 503);
  CHECK(client.Get("/search?q=retort")->status == 503);
  const auto api = client.Get("/api/search?q=retort");
  CHECK(api->status == 503);
  CHECK(api->get_header_value("Content-Type") == "application/json");
  CHECK(client.Get("/no/such/page")->status == 404);
  const auto metrics = client.Get("/metrics");
  CHECK(metrics->status == 200);
  CHECK_THAT(metrics->body, Contains("kc_index_documents 0"));
  CHECK(client.Get("/files/manual.pdf")->status == 200);  // downloads do not need the index
  bare.server().site().log.flush();
  const auto report = client.Get("/api/stats/downloads?group=doc", {{"Authorization", "Bearer analyst-secret-token"}});
  REQUIRE(report->status == 200);
  const auto rows = nlohmann::json::parse(report->body)["rows"];
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["key"] == "");  // counted, without a guide
  CHECK(rows[0]["counted"] == 1);
}
