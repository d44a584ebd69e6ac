// The staff guide API (PUT/GET/DELETE /api/staff/guides/{lang}/{slug}) on a real server,
// a real index and a real Git history of the temp content folder; drafts and scheduled
// guides on every public route.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <string>

#include "support/process.h"
#include "support/test_server.h"

using Catch::Matchers::Contains;
using kc::test::TestServer;

namespace {

const httplib::Headers kStaff = {{"Authorization", "Bearer staff-secret-token"}};

// A clock the test moves by hand: 2026-12-05 12:00 UTC plus whole days.
struct DayClock {
  std::atomic<int> days{0};
  std::chrono::system_clock::time_point now() const {
    return std::chrono::system_clock::from_time_t(1796472000) + std::chrono::hours(24 * days.load());
  }
};

std::string guide(const std::string& title, const std::string& body, const std::string& extra = "") {
  return "---\ntitle: " + title + "\nsummary: Un guide de test.\ntopic: best-practice\nlanguage: fr\n" + extra +
         "---\n" + body + "\n";
}

httplib::Headers with(httplib::Headers headers, const std::string& name, const std::string& value) {
  headers.emplace(name, value);
  return headers;
}

std::string put_address(const std::string& slug) { return "/api/staff/guides/fr/" + slug; }

nlohmann::json search(TestServer& server, const std::string& query) {
  const auto result = server.http().Get("/api/search?q=" + query);
  REQUIRE(result);
  REQUIRE(result->status == 200);
  return nlohmann::json::parse(result->body);
}

}  // namespace

TEST_CASE("staff API: no token is 401, an analyst token 403", "[http][staff]") {
  TestServer server;
  auto client = server.http();
  const std::string address = put_address("retorte");
  CHECK(client.Get(address)->status == 401);
  CHECK(client.Put(address, guide("X", "y"), "text/markdown")->status == 401);
  CHECK(client.Delete(address)->status == 401);
  CHECK(client.Get(address, {{"Authorization", "Bearer wrong"}})->status == 401);
  CHECK(client.Get(address, {{"Authorization", "Bearer analyst-secret-token"}})->status == 403);
  CHECK(client.Get(address, kStaff)->status == 200);
  CHECK(client.Post(address, kStaff, "", "text/plain")->status == 405);
}

TEST_CASE("staff API: create 201, live at once; replace needs If-Match (428), a stale one is 409", "[http][staff]") {
  TestServer server;
  auto client = server.http();
  const std::string address = put_address("sechage-okapi");
  const auto start = std::chrono::steady_clock::now();
  const auto created = client.Put(address, kStaff, guide("Séchage okapi", "Le mot zorblax est unique."), "text/markdown");
  REQUIRE(created);
  INFO(created->body);
  REQUIRE(created->status == 201);
  const std::string first_tag = created->get_header_value("ETag");
  CHECK(first_tag.size() == 34);
  CHECK(search(server, "zorblax")["total"] == 1);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  CHECK(client.Get("/docs/fr/sechage-okapi")->status == 200);

  const auto read = client.Get(address, kStaff);
  CHECK(read->status == 200);
  CHECK(read->get_header_value("ETag") == first_tag);
  CHECK_THAT(read->body, Contains("zorblax"));

  const std::string second = guide("Séchage okapi", "Le mot quexil remplace l'autre.");
  CHECK(client.Put(address, kStaff, second, "text/markdown")->status == 428);
  const auto replaced = client.Put(address, with(kStaff, "If-Match", first_tag), second, "text/markdown");
  REQUIRE(replaced->status == 200);
  const std::string second_tag = replaced->get_header_value("ETag");
  CHECK(second_tag != first_tag);
  CHECK(search(server, "quexil")["total"] == 1);
  CHECK(search(server, "zorblax")["total"] == 0);

  // A second editor who started from the first revision: 409 with both versions, nothing written.
  const std::string third = guide("Séchage okapi", "Le mot vrombal efface tout.");
  const auto conflict = client.Put(address, with(kStaff, "If-Match", first_tag), third, "text/markdown");
  REQUIRE(conflict->status == 409);
  const auto body = nlohmann::json::parse(conflict->body);
  CHECK_THAT(body["current"].get<std::string>(), Contains("quexil"));
  CHECK("\"" + body["current_revision"].get<std::string>() + "\"" == second_tag);
  CHECK_THAT(client.Get(address, kStaff)->body, Contains("quexil"));
  CHECK(client.Put(address, with(kStaff, "If-Match", "W/" + second_tag), third, "text/markdown")->status == 409);
}

TEST_CASE("staff API: invalid input is 422 with line and message, and nothing is written", "[http][staff]") {
  TestServer server;
  auto client = server.http();
  const auto bad = client.Put(put_address("mal-date"), kStaff,
                              guide("Mauvaise date", "Texte.", "published: 2026-13-01\n"), "text/markdown");
  REQUIRE(bad->status == 422);
  const auto problems = nlohmann::json::parse(bad->body)["problems"];
  REQUIRE(problems.size() == 1);
  CHECK(problems[0]["line"] == 6);
  CHECK_THAT(problems[0]["message"].get<std::string>(), Contains("invalid date '2026-13-01'"));
  CHECK(client.Get(put_address("mal-date"), kStaff)->status == 404);
  CHECK_FALSE(std::filesystem::exists(server.content().guide("fr/best-practice/mal-date.md")));

  const auto unknown_topic = client.Put(put_address("sans-theme"), kStaff,
                                        "---\ntitle: T\ntopic: nowhere\nlanguage: fr\n---\nx\n", "text/markdown");
  CHECK(unknown_topic->status == 422);
  const auto wrong_language = client.Put("/api/staff/guides/es/otra", kStaff, guide("T", "x"), "text/markdown");
  CHECK(wrong_language->status == 422);
}

TEST_CASE("staff API: a hostile slug is 422", "[http][staff][hostile]") {
  TestServer server;
  const std::string text = guide("T", "x");
  for (const std::string& slug : {std::string(".."), std::string("a/b"), std::string("%2e%2e"), std::string("%252e"),
                                  std::string("a%00b"), std::string("a..b"), std::string(201, 'a'),
                                  std::string("A"), std::string("x.md"), std::string("%2F")}) {
    INFO(slug);
    std::string raw = "PUT /api/staff/guides/fr/" + slug + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                      "staff-secret-token\r\nContent-Length: " + std::to_string(text.size()) + "\r\n\r\n" + text;
    CHECK(kc::test::status_of(server.raw_exchange(raw)) == 422);
  }
  CHECK(kc::test::status_of(server.raw_exchange("GET /api/staff/guides/xx/retorte HTTP/1.1\r\nHost: x\r\n"
                                                "Authorization: Bearer staff-secret-token\r\n\r\n")) == 422);
  CHECK(std::filesystem::is_directory(server.content().content() / "fr"));
}

TEST_CASE("staff API: DELETE takes a guide off the public site and keeps it in history", "[http][staff]") {
  TestServer server;
  auto client = server.http();
  const std::string address = put_address("a-retirer");
  REQUIRE(client.Put(address, kStaff, guide("À retirer", "Le mot plimbo."), "text/markdown")->status == 201);
  CHECK(search(server, "plimbo")["total"] == 1);
  const auto removed = client.Delete(address, kStaff);
  REQUIRE(removed->status == 200);
  CHECK(search(server, "plimbo")["total"] == 0);
  CHECK(client.Get("/docs/fr/a-retirer")->status == 404);
  CHECK(client.Get(address, kStaff)->status == 404);
  CHECK(client.Delete(address, kStaff)->status == 404);
  const auto versions = server.server().site().guides.history().versions("fr", "a-retirer");
  REQUIRE(versions.size() == 2);
  CHECK(versions[0].removed);
  CHECK_THAT(*server.server().site().guides.history().text_at("fr", "a-retirer", versions[1].commit),
             Contains("plimbo"));
  // A guide that others name as a translation cannot be removed (their links would break).
  const auto linked = client.Delete(put_address("retorte"), kStaff);
  CHECK(linked->status == 422);
  CHECK_THAT(linked->body, Contains("unknown translation target"));
}

TEST_CASE("history: three saves by three people, then restoring the first makes it live again", "[http][staff][history]") {
  TestServer server([](kc::http::ServerOptions& options) {
    options.staff = {{"Ama Mensah", "b2d22ca54124c06e53ebcdb50c7589fedb9efedd177000253d4f6c499598136d"},
                     {"Kofi", "6df282a10ac44b7233a453bef8e0757eaaf7927cde4c2d1f7fdcc8fa323a4580"},
                     {"Lucía", "b2299e16da44b45748b1428b94be69064210d75fc44881f91ced15c533c082da"}};
  });
  auto client = server.http();
  const std::string address = put_address("trois-mains");
  const auto first = client.Put(address, {{"Authorization", "Bearer ama-token"}}, guide("Trois", "Version wugalo."),
                                "text/markdown");
  REQUIRE(first->status == 201);
  const auto second = client.Put(address, {{"Authorization", "Bearer kofi-token"}, {"If-Match", first->get_header_value("ETag")}},
                                 guide("Trois", "Version dribnet."), "text/markdown");
  REQUIRE(second->status == 200);
  const auto third = client.Put(address + "?message=Lucia%27s%20edit",
                                {{"Authorization", "Bearer lucia-token"}, {"If-Match", second->get_header_value("ETag")}},
                                guide("Trois", "Version sploff."), "text/markdown");
  REQUIRE(third->status == 200);

  auto& history = server.server().site().guides.history();
  const auto versions = history.versions("fr", "trois-mains");
  REQUIRE(versions.size() == 3);
  CHECK(versions[0].author == "Lucía");
  CHECK(versions[0].message == "Lucia's edit");
  CHECK(versions[1].author == "Kofi");
  CHECK(versions[2].author == "Ama Mensah");
  CHECK(versions[2].path == "fr/best-practice/trois-mains.md");
  CHECK_THAT(history.diff("fr", "trois-mains", versions[2].commit, versions[1].commit),
             Contains("-Version wugalo.") && Contains("+Version dribnet."));
  CHECK(search(server, "wugalo")["total"] == 0);

  kc::staff::SaveRequest restore;
  restore.language = "fr";
  restore.slug = "trois-mains";
  restore.author = "Kofi";
  const auto restored = server.server().site().guides.restore(restore, versions[2].commit);
  CHECK(restored.outcome == kc::staff::SaveOutcome::Replaced);
  CHECK(search(server, "wugalo")["total"] == 1);
  CHECK(search(server, "sploff")["total"] == 0);
  const auto after = history.versions("fr", "trois-mains");
  REQUIRE(after.size() == 4);
  CHECK(after[0].author == "Kofi");
  CHECK_THAT(after[0].message, Contains("Restore fr/trois-mains"));
}

TEST_CASE("history: a commit made by hand in content/ is part of a guide's history", "[http][staff][history]") {
  TestServer server;
  auto client = server.http();
  REQUIRE(client.Put(put_address("a-la-main"), kStaff, guide("Main", "Avant."), "text/markdown")->status == 201);
  const auto file = server.content().guide("fr/best-practice/a-la-main.md");
  kc::test::write_file(file, guide("Main", "Après, à la main."));
  const std::string git = "git -C '" + server.content().content().string() + "' ";
  REQUIRE(kc::test::run_command(git + "-c user.name='Hand Editor' -c user.email=h@example.org commit -q -am 'By hand'")
              .status == 0);
  const auto versions = server.server().site().guides.history().versions("fr", "a-la-main");
  REQUIRE(versions.size() == 2);
  CHECK(versions[0].author == "Hand Editor");
  CHECK(versions[0].message == "By hand");
  CHECK(versions[1].author == "staff");
}

TEST_CASE("a draft is 404 on every public route", "[http][staff][draft]") {
  TestServer server;
  auto client = server.http();
  const auto created = client.Put(put_address("brouillon"), kStaff,
                                  guide("Brouillon secret", "Le mot glorpane est secret.", "draft: true\n"), "text/markdown");
  REQUIRE(created->status == 201);
  CHECK(client.Get(put_address("brouillon"), kStaff)->status == 200);  // staff still read it
  for (const char* path : {"/docs/fr/brouillon", "/api/docs/fr/brouillon"}) {
    INFO(path);
    CHECK(client.Get(path)->status == 404);
  }
  CHECK(search(server, "glorpane")["total"] == 0);
  CHECK_THAT(client.Get("/api/suggest?q=Brouillon")->body, !Contains("Brouillon secret"));
  CHECK_THAT(client.Get("/sitemap.xml")->body, !Contains("brouillon"));
  CHECK_THAT(client.Get("/topics/best-practice?ui=fr")->body, !Contains("brouillon"));
  CHECK_THAT(client.Get("/?ui=fr")->body, !Contains("brouillon"));
  CHECK_THAT(client.Get("/search?q=glorpane")->body, !Contains("brouillon"));
  CHECK_THAT(client.Get("/api/search?q=secret&lang=fr")->body, !Contains("brouillon"));
  CHECK_THAT(client.Get("/docs/fr/retorte")->body, !Contains("brouillon"));  // not even as related

  // Published: it appears; back to draft: gone again.
  const std::string tag = created->get_header_value("ETag");
  const auto published = client.Put(put_address("brouillon"), with(kStaff, "If-Match", tag),
                                    guide("Brouillon secret", "Le mot glorpane est secret."), "text/markdown");
  REQUIRE(published->status == 200);
  CHECK(client.Get("/docs/fr/brouillon")->status == 200);
  CHECK(client.Put(put_address("brouillon"), with(kStaff, "If-Match", published->get_header_value("ETag")),
                   guide("Brouillon secret", "Le mot glorpane est secret.", "draft: true\n"), "text/markdown")
            ->status == 200);
  CHECK(client.Get("/docs/fr/brouillon")->status == 404);
  CHECK(search(server, "glorpane")["total"] == 0);
}

TEST_CASE("a guide published tomorrow is hidden until tomorrow, with no one acting", "[http][staff][schedule]") {
  DayClock clock;
  TestServer server([&clock](kc::http::ServerOptions& options) { options.clock = [&clock] { return clock.now(); }; });
  auto client = server.http();
  // The clock says 2026-12-05.
  REQUIRE(client.Put(put_address("demain"), kStaff, guide("Demain", "Le mot zintaro, et quorvex.", "published: 2026-12-06\n"),
                     "text/markdown")->status == 201);
  REQUIRE(client.Put(put_address("aujourdhui"), kStaff, guide("Aujourd'hui", "Le mot zintaro aussi.",
                                                              "published: 2026-12-05\n"),
                     "text/markdown")->status == 201);
  CHECK(search(server, "zintaro")["total"] == 1);
  CHECK(client.Get("/docs/fr/aujourdhui")->status == 200);
  CHECK(client.Get("/docs/fr/demain")->status == 404);
  CHECK(client.Get("/api/docs/fr/demain")->status == 404);
  CHECK_THAT(client.Get("/sitemap.xml")->body, Contains("/docs/fr/aujourdhui") && !Contains("/docs/fr/demain"));
  CHECK_THAT(client.Get("/topics/best-practice?ui=fr")->body, !Contains("/docs/fr/demain"));
  CHECK_THAT(client.Get("/api/suggest?q=Demain")->body, !Contains("Demain"));
  const auto counts_before = client.Get("/?ui=fr")->body;
  CHECK(search(server, "quorvez")["corrected"].is_null());  // "did you mean" does not reveal it


  clock.days = 1;  // midnight passed: the same server, the same index, the same cache
  CHECK(search(server, "zintaro")["total"] == 2);
  CHECK(client.Get("/docs/fr/demain")->status == 200);
  CHECK_THAT(client.Get("/sitemap.xml")->body, Contains("/docs/fr/demain"));
  CHECK_THAT(client.Get("/topics/best-practice?ui=fr")->body, Contains("/docs/fr/demain"));
  CHECK(client.Get("/?ui=fr")->body != counts_before);
  CHECK(search(server, "quorvez")["corrected"] == "quorvex");  // the topic's count and the latest guides
}

TEST_CASE("topic counts leave scheduled guides out until their day", "[http][staff][schedule]") {
  DayClock clock;
  TestServer server([&clock](kc::http::ServerOptions& options) { options.clock = [&clock] { return clock.now(); }; });
  auto client = server.http();
  auto count = [&] {
    kc::search::SearchLimits limits;
    limits.clock = [&clock] { return clock.now(); };
    kc::search::Searcher searcher(server.content().index(), limits);
    for (const auto& topic : searcher.info().topics) {
      if (topic.id == "best-practice") return topic.count;
    }
    return std::uint64_t{0};
  };
  const auto before = count();
  REQUIRE(client.Put(put_address("plus-tard"), kStaff, guide("Plus tard", "Texte.", "published: 2026-12-09\n"),
                     "text/markdown")->status == 201);
  CHECK(count() == before);
  clock.days = 4;
  CHECK(count() == before + 1);
}
