#include <catch2/catch.hpp>
#include <zlib.h>

#include <atomic>
#include <thread>
#include <vector>

#include "http/gzip.h"
#include "support/test_server.h"

using kc::test::TestServer;
using Catch::Matchers::Contains;

namespace {

TestServer& server() {
  static TestServer instance;
  return instance;
}

std::size_t gzip_size(const std::string& body) { return kc::http::gzip(body).size(); }

}  // namespace

TEST_CASE("every page route answers with an escaped, lang-tagged HTML page", "[http][pages]") {
  auto client = server().http();
  for (const char* path : {"/", "/topics/best-practice", "/docs/en/retort", "/docs/fr/retorte", "/search?q=mercury",
                           "/search?q=", "/privacy", "/indicators"}) {
    INFO(path);
    const auto result = client.Get(path);
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK_THAT(result->body, Contains("<html lang=\"en\"") && !Contains("<script"));
    CHECK(gzip_size(result->body) <= 14 * 1024);
  }
}

TEST_CASE("the UI language comes from ?ui= first, then Accept-Language", "[http][pages][i18n]") {
  auto client = server().http();
  CHECK_THAT(client.Get("/", {{"Accept-Language", "fr-CA,fr;q=0.9,en;q=0.5"}})->body, Contains("<html lang=\"fr\""));
  CHECK_THAT(client.Get("/?ui=pt", {{"Accept-Language", "fr"}})->body, Contains("<html lang=\"pt\""));
  CHECK_THAT(client.Get("/?ui=xx", {{"Accept-Language", "es"}})->body, Contains("<html lang=\"es\""));
}

TEST_CASE("a French search with no French match shows the English and Portuguese ones, labelled", "[http][pages]") {
  auto client = server().http();
  const auto english_ui = client.Get("/search?q=garimpo&lang=fr&ui=en");
  REQUIRE(english_ui);
  CHECK_THAT(english_ui->body, Contains("No guides found") && Contains("<h2>1 guide in English</h2>") &&
                                   Contains("<h2>1 guide in Portuguese</h2>") && Contains("/docs/pt/garimpo-mineiro") &&
                                   Contains("/docs/en/women-artisanal-mining"));
  CHECK(gzip_size(english_ui->body) <= 14 * 1024);
  CHECK_THAT(client.Get("/search?q=garimpo&lang=fr&ui=fr")->body, Contains("<h2>1 guide en portugais</h2>"));
  CHECK_THAT(client.Get("/search?q=garimpo&ui=en")->body, !Contains("guide in Portuguese"));
}

TEST_CASE("a guide page links its translations with hreflang and shows its attachments", "[http][pages]") {
  const auto result = server().http().Get("/docs/en/retort");
  REQUIRE(result->status == 200);
  CHECK_THAT(result->body, Contains("hreflang=\"fr\"") && Contains("/docs/fr/retorte"));
  CHECK_THAT(result->body, Contains("/files/manual.pdf") && Contains("Recovering gold with a retort"));
}

TEST_CASE("a Portuguese guide's variant is its lang and hreflang, on its page, its translations' and the site map",
          "[http][pages]") {
  TestServer local;
  const auto replace = [&](const std::string& guide, const std::string& from, const std::string& to) {
    const auto path = local.content().guide(guide);
    std::string text = kc::test::read_file(path);
    REQUIRE(text.find(from) != std::string::npos);
    kc::test::write_file(path, text.replace(text.find(from), from.size(), to));
  };
  replace("pt/best-practice/garimpo-mineiro.md", "language: pt\n",
          "language: pt\nvariant: pt-BR\ntranslations: { en: shaft-safety }\n");
  replace("en/best-practice/shaft-safety.md", "language: en\n", "language: en\ntranslations: { pt: garimpo-mineiro }\n");
  local.content().ingest();
  auto client = local.http();

  const auto portuguese = client.Get("/docs/pt/garimpo-mineiro");
  REQUIRE(portuguese->status == 200);
  CHECK_THAT(portuguese->body, Contains("<h1 lang=\"pt-BR\">") && Contains("<div class=\"body\" lang=\"pt-BR\">"));
  const std::string origin = "http://127.0.0.1:" + std::to_string(local.port());
  CHECK_THAT(portuguese->body, Contains("hreflang=\"pt-BR\" href=\"" + origin + "/docs/pt/garimpo-mineiro\""));
  const auto english = client.Get("/docs/en/shaft-safety");
  CHECK_THAT(english->body,
             Contains("<link rel=\"alternate\" hreflang=\"pt-BR\" href=\"" + origin + "/docs/pt/garimpo-mineiro\">"));
  CHECK_THAT(english->body, Contains("hreflang=\"pt-BR\" lang=\"pt-BR\">Português</a>"));
  CHECK_THAT(english->body, Contains("<h1 lang=\"en\">"));
  const std::string sitemap = client.Get("/sitemap.xml")->body;
  const auto alternate = sitemap.find("hreflang=\"pt-BR\" href=\"");
  REQUIRE(alternate != std::string::npos);
  CHECK(sitemap.substr(alternate, sitemap.find("/>", alternate) - alternate).find("/docs/pt/garimpo-mineiro") !=
        std::string::npos);
  CHECK(sitemap.find("hreflang=\"pt\"") == std::string::npos);
  CHECK_THAT(client.Get("/api/docs/pt/garimpo-mineiro")->body, Contains("\"variant\":\"pt-BR\""));
  CHECK_THAT(client.Get("/api/docs/en/shaft-safety")->body, Contains("\"variant\":null"));
}

TEST_CASE("a guide shows its diagram inline, sanitised, named by its alt text, and a diagram edit re-indexes it",
          "[http][pages][svg]") {
  TestServer local;
  const auto diagram = local.content().content() / "diagrams" / "retort.en.svg";
  const auto write_diagram = [&](const std::string& label) {
    kc::test::write_file(diagram, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 360 200\">\n"
                                  "<path d=\"M0 0H9\" stroke=\"currentColor\"/>\n<text x=\"5\" y=\"20\">" +
                                      label + "</text>\n</svg>\n");
  };
  write_diagram("Heat");
  const auto guide = local.content().guide("en/best-practice/retort.md");
  kc::test::write_file(guide, kc::test::read_file(guide) + "\n![How the mercury vapour flows](../../diagrams/retort.en.svg)\n");
  local.content().ingest();
  auto client = local.http();

  const auto page = client.Get("/docs/en/retort");
  REQUIRE(page->status == 200);
  CHECK_THAT(page->body, Contains("<svg viewBox=\"0 0 360 200\" class=\"diagram\" role=\"img\" aria-labelledby=\"d1-title\">"
                                  "<title id=\"d1-title\">How the mercury vapour flows</title>"));
  CHECK_THAT(page->body, Contains("<text x=\"5\" y=\"20\">Heat</text>") && !Contains("/diagrams/") && !Contains("<script"));
  CHECK_THAT(client.Get("/api/docs/en/retort")->body, Contains("<title id=\\\"d1-title\\\">How the mercury vapour flows"));

  write_diagram("Fire");  // only the diagram changes: the guide is re-indexed all the same
  CHECK(local.content().ingest().updated == 1);
  CHECK_THAT(client.Get("/docs/en/retort")->body, Contains(">Fire</text>") && !Contains(">Heat</text>"));
}

TEST_CASE("unknown pages get a helpful 404 with a search box", "[http][pages]") {
  auto client = server().http();
  for (const char* path : {"/nothing", "/docs/en/nothing", "/docs/xx/retort", "/docs/en", "/topics/nothing",
                           "/docs/en/Bad_Slug", "/api/docs/en/nothing"}) {
    INFO(path);
    const auto result = client.Get(path);
    REQUIRE(result);
    CHECK(result->status == 404);
  }
  const auto page = client.Get("/nothing");
  CHECK_THAT(page->body, Contains("<form") && Contains("action=\"/search\""));
  CHECK(client.Get("/api/docs/en/nothing")->body == "{\"error\":\"no such guide\"}");
}

TEST_CASE("pages are gzipped when accepted, revalidate with ETag, and answer HEAD", "[http][pages]") {
  auto client = server().http();
  const auto plain = client.Get("/search?q=mercury");
  const std::string etag = plain->get_header_value("ETag");
  CHECK(!etag.empty());
  CHECK(plain->get_header_value("Cache-Control") == "no-cache");
  CHECK(plain->get_header_value("Vary") == "Accept-Encoding");
  CHECK(client.Get("/search?q=mercury", {{"If-None-Match", etag}})->status == 304);
  const auto head = client.Head("/search?q=mercury");
  CHECK(head->status == 200);
  CHECK(head->body.empty());
  CHECK(head->get_header_value("Content-Length") == std::to_string(plain->body.size()));
  httplib::Client gzip_client("127.0.0.1", server().port());
  gzip_client.set_decompress(false);
  const auto zipped = gzip_client.Get("/search?q=mercury", {{"Accept-Encoding", "gzip"}});
  CHECK(zipped->get_header_value("Content-Encoding") == "gzip");
  CHECK(zipped->body.size() < plain->body.size());
}

TEST_CASE("searches without words run side by side on every worker", "[http][pages][concurrency]") {
  // A query without words matches every guide; each worker must build that query itself
  // (Xapian's shared MatchAll object is not safe to copy from two threads: the sanitizer
  // build of this test caught it). Distinct pages keep the response cache out of the way.
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&, c] {
      auto client = server().http();
      for (int i = 0; i < 40; ++i) {
        const auto result = client.Get("/api/search?size=1&page=" + std::to_string(1 + c * 40 + i));
        if (!result || result->status != 200) ++failures;
      }
    });
  }
  for (auto& client : clients) client.join();
  CHECK(failures == 0);
}

TEST_CASE("absolute links follow public_url, else a trusted proxy's scheme and host, never an untrusted Host",
          "[http][pages][seo]") {
  SECTION("public_url wins") {
    TestServer local([](kc::http::ServerOptions& options) { options.public_url = "https://kc.example.org/"; });
    const auto page = local.http().Get("/docs/en/retort", {{"Host", "evil.example"}});
    CHECK_THAT(page->body, Contains("href=\"https://kc.example.org/docs/fr/retorte\"") && !Contains("evil.example"));
    CHECK_THAT(local.http().Get("/sitemap.xml")->body, Contains("<loc>https://kc.example.org/docs/en/retort</loc>"));
  }
  SECTION("behind a trusted proxy") {
    TestServer local([](kc::http::ServerOptions& options) { options.trusted_proxies = {"127.0.0.1"}; });
    const auto page = local.http().Get("/docs/en/retort", {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "kc.example.org"}});
    CHECK_THAT(page->body, Contains("href=\"https://kc.example.org/docs/fr/retorte\""));
  }
  SECTION("one client's Host never reaches another's cached page") {
    auto client = server().http();
    CHECK_THAT(client.Get("/docs/en/retort", {{"Host", "evil.example"}})->body, Contains("href=\"http://evil.example/docs/"));
    CHECK_THAT(client.Get("/docs/en/retort", {{"X-Forwarded-Host", "evil.example"}})->body, !Contains("evil.example"));
    CHECK_THAT(client.Get("/docs/en/retort", {{"Host", "evil.example/\"><x"}})->body,
               Contains("href=\"http://localhost/docs/") && !Contains("<x"));
    CHECK_THAT(client.Get("/docs/en/retort")->body, !Contains("evil.example") && !Contains("http://localhost/"));
  }
}

TEST_CASE("every page kind has a meta description", "[http][pages][seo]") {
  auto client = server().http();
  for (const char* path : {"/", "/topics/best-practice", "/docs/en/retort", "/search?q=mercury", "/indicators", "/privacy",
                           "/?ui=fr", "/topics/best-practice?ui=es", "/search?q=mercury&ui=pt"}) {
    INFO(path);
    const std::string body = client.Get(path)->body;
    const auto meta = body.find("<meta name=\"description\" content=\"");
    REQUIRE(meta != std::string::npos);
    CHECK(body.find('"', meta + 34) - (meta + 34) >= 50);  // a sentence, not a stub
  }
}
