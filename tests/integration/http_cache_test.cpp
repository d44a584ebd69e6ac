#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>

#include "support/test_server.h"

using kc::test::TestServer;
using kc::test::write_file;
using Catch::Matchers::Contains;

namespace {

std::uint64_t metric(TestServer& server, const std::string& name) {
  const auto result = server.http().Get("/metrics");
  REQUIRE(result);
  std::smatch match;
  REQUIRE(std::regex_search(result->body, match, std::regex("\n" + name + " ([0-9]+)\n")));
  return std::stoull(match[1]);
}

std::string body_of(TestServer& server, const std::string& path, const httplib::Headers& headers = {}) {
  const auto result = server.http().Get(path.c_str(), headers);
  REQUIRE(result);
  REQUIRE(result->status == 200);
  return result->body;
}

}  // namespace

TEST_CASE("pages and searches come from the cache until a new revision, never after", "[http][cache]") {
  TestServer server;
  const std::string first = body_of(server, "/docs/en/retort");
  CHECK(body_of(server, "/docs/en/retort") == first);
  CHECK(body_of(server, "/api/search?q=okapi") == body_of(server, "/api/search?q=okapi"));
  CHECK(metric(server, "kc_response_cache_hits_total") == 2);

  std::string guide = kc::test::read_file(server.content().guide("en/best-practice/retort.md"));
  guide.replace(guide.find("Open burning"), 12, "Okapi burning");
  write_file(server.content().guide("en/best-practice/retort.md"), guide);
  server.content().ingest();
  CHECK_THAT(body_of(server, "/docs/en/retort"), Contains("Okapi burning"));
  CHECK(nlohmann::json::parse(body_of(server, "/api/search?q=okapi"))["total"] == 1);
}

TEST_CASE("the cache keeps UI languages and encodings apart", "[http][cache]") {
  TestServer server;
  CHECK_THAT(body_of(server, "/docs/en/retort", {{"Accept-Language", "fr"}}), Contains("Accueil"));
  CHECK_THAT(body_of(server, "/docs/en/retort", {{"Accept-Language", "en"}}), Contains(">Home<"));
  CHECK_THAT(body_of(server, "/docs/en/retort?ui=pt", {{"Accept-Language", "fr"}}), Contains("Início"));
  const std::string gzip = server.raw_exchange(
      "GET /docs/en/retort HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n");
  const std::string plain = server.raw_exchange("GET /docs/en/retort HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK_THAT(gzip, Contains("Content-Encoding: gzip"));
  CHECK_THAT(plain, !Contains("Content-Encoding") && Contains("Open burning"));
}

TEST_CASE("a cached page still answers If-None-Match with 304", "[http][cache]") {
  TestServer server;
  const auto first = server.http().Get("/docs/en/retort");
  REQUIRE(first);
  const std::string etag = first->get_header_value("ETag");
  const auto again = server.http().Get("/docs/en/retort", {{"If-None-Match", etag}});
  REQUIRE(again);
  CHECK(again->status == 304);
  CHECK(again->body.empty());
  CHECK(metric(server, "kc_response_cache_hits_total") == 1);
}

TEST_CASE("cache_mb 0 switches the response cache off", "[http][cache]") {
  TestServer server([](kc::http::ServerOptions& options) { options.response_cache_bytes = 0; });
  for (int i = 0; i < 3; ++i) {
    body_of(server, "/docs/en/retort");
    body_of(server, "/search?q=mercury");
  }
  CHECK(metric(server, "kc_response_cache_hits_total") == 0);
  CHECK(metric(server, "kc_response_cache_entries") == 0);
}
