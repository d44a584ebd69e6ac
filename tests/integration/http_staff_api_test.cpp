// The staff guide API (PUT/GET/DELETE /api/staff/guides/{lang}/{slug}) on a real server,
// a real index and a real Git history of the temp content folder; drafts and scheduled
// guides on every public route.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
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

TEST_CASE("staff API: create 201, live at once, replace needs If-Match (428), a stale one is 409", "[http][staff]") {
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
  // The test corpus is copied without a .git: the server makes content/ a repository when
  // it starts, so that the first save is a commit of its own, by its author.
  REQUIRE_FALSE(std::filesystem::exists(kc::test::test_data() / "content" / ".git"));
  TestServer server([](kc::http::ServerOptions& options) {
    options.staff = {{"Ama Mensah", "b2d22ca54124c06e53ebcdb50c7589fedb9efedd177000253d4f6c499598136d"},
                     {"Kofi", "6df282a10ac44b7233a453bef8e0757eaaf7927cde4c2d1f7fdcc8fa323a4580"},
                     {"Lucía", "b2299e16da44b45748b1428b94be69064210d75fc44881f91ced15c533c082da"}};
  });
  const std::string git = "git -C '" + server.content().content().string() + "' ";
  CHECK(kc::test::run_command(git + "log --format='%an|%s'").output == "kc|Start the history of content/\n");

  auto client = server.http();
  const std::string address = put_address("trois-mains");
  const auto first = client.Put(address + "?message=Ama%20writes", {{"Authorization", "Bearer ama-token"}},
                                guide("Trois", "Version wugalo."), "text/markdown");
  REQUIRE(first->status == 201);
  const auto second = client.Put(address + "?message=Kofi%20rewrites",
                                 {{"Authorization", "Bearer kofi-token"}, {"If-Match", first->get_header_value("ETag")}},
                                 guide("Trois", "Version dribnet."), "text/markdown");
  REQUIRE(second->status == 200);
  const auto third = client.Put(address + "?message=Lucia%27s%20edit",
                                {{"Authorization", "Bearer lucia-token"}, {"If-Match", second->get_header_value("ETag")}},
                                guide("Trois", "Version sploff."), "text/markdown");
  REQUIRE(third->status == 200);

  // The repository's own log of the file, read by git itself: one commit per save.
  const std::string file = "fr/best-practice/trois-mains.md";
  CHECK(kc::test::run_command(git + "log --format='%an|%s' -- " + file).output ==
        "Lucía|Lucia's edit\nKofi|Kofi rewrites\nAma Mensah|Ama writes\n");
  auto& history = server.server().site().guides.history();
  const auto versions = history.versions("fr", "trois-mains");
  REQUIRE(versions.size() == 3);
  CHECK(versions[2].path == file);
  CHECK_THAT(history.diff("fr", "trois-mains", versions[2].commit, versions[1].commit),
             Contains("-Version wugalo.") && Contains("+Version dribnet."));
  CHECK(search(server, "wugalo")["total"] == 0);

  // Restoring the first through the history page, as Lucía signed in, from the current revision.
  const auto lucia = server.server().site().sessions.open("Lucía");
  const httplib::Headers session = {{"Cookie", "kc_staff=" + lucia.id}};
  const std::string current = third->get_header_value("ETag");
  const auto restored = client.Post("/staff/history/fr/trois-mains", session,
                                    "csrf=" + lucia.csrf + "&version=" + versions[2].commit +
                                        "&revision=" + current.substr(1, current.size() - 2),
                                    "application/x-www-form-urlencoded");
  REQUIRE(restored);
  CHECK(restored->status == 200);
  const auto page = client.Get("/docs/fr/trois-mains");
  REQUIRE(page);
  CHECK_THAT(page->body, Contains("Version wugalo."));
  CHECK(page->body.find("sploff") == std::string::npos);
  const auto found = client.Get("/search?q=wugalo");
  REQUIRE(found);
  CHECK_THAT(found->body, Contains("/docs/fr/trois-mains"));
  CHECK(client.Get("/search?q=sploff")->body.find("/docs/fr/trois-mains") == std::string::npos);
  CHECK(search(server, "wugalo")["total"] == 1);
  const auto log = kc::test::run_command(git + "log -1 --format='%an|%s' -- " + file).output;
  CHECK_THAT(log, Contains("Lucía|Restore fr/trois-mains to " + versions[2].commit.substr(0, 12)));
}

TEST_CASE("staff API: If-Match takes a list of tags or the star, and a weak tag never matches", "[http][staff]") {
  TestServer server;
  auto client = server.http();
  const std::string address = put_address("liste-etiquettes");
  const auto created = client.Put(address, kStaff, guide("Liste", "Premier."), "text/markdown");
  REQUIRE(created->status == 201);
  const std::string first = created->get_header_value("ETag");
  const auto listed = client.Put(address, with(kStaff, "If-Match", "\"0000\", " + first + ", \"ffff\""),
                                 guide("Liste", "Deuxième."), "text/markdown");
  REQUIRE(listed);
  CHECK(listed->status == 200);
  const std::string second = listed->get_header_value("ETag");
  CHECK(client.Put(address, with(kStaff, "If-Match", "W/" + second), guide("Liste", "X."), "text/markdown")->status ==
        409);
  CHECK(client.Put(address, with(kStaff, "If-Match", "W/" + second + ", \"0000\""), guide("Liste", "X."),
                   "text/markdown")->status == 409);
  CHECK(client.Put(address, with(kStaff, "If-Match", first + ", \"0000\""), guide("Liste", "X."), "text/markdown")
            ->status == 409);  // a list of stale tags
  CHECK_THAT(client.Get(address, kStaff)->body, Contains("Deuxième."));
  const auto any = client.Put(address, with(kStaff, "If-Match", "*"), guide("Liste", "Troisième."), "text/markdown");
  REQUIRE(any);
  CHECK(any->status == 200);
  const std::string third = any->get_header_value("ETag");
  CHECK(client.Delete(address, with(kStaff, "If-Match", "\"0000\",W/" + third))->status == 409);
  CHECK(client.Delete(address, with(kStaff, "If-Match", "\"0000\"," + third))->status == 200);
  CHECK(client.Put(address, with(kStaff, "If-Match", "*"), guide("Liste", "Y."), "text/markdown")->status == 409);
}

TEST_CASE("staff API: a guide of 200 KB is saved up to max_guide_bytes while every other request keeps 32 KiB",
          "[http][staff][limits]") {
  TestServer server;
  auto client = server.http();
  std::string body;
  for (int i = 0; body.size() < 200 * 1024; ++i) {
    body += "Paragraphe " + std::to_string(i) + " : le mercure se récupère dans une cornue fermée.\n\n";
  }
  body += "Le dernier mot est glorpane.";
  const std::string text = guide("Manuel complet", body);
  const std::string address = put_address("manuel-complet");

  // No token: refused before anything is written, whatever the size.
  CHECK(client.Put(address, text, "text/markdown")->status == 401);
  CHECK_FALSE(std::filesystem::exists(server.content().guide("fr/best-practice/manuel-complet.md")));

  const auto saved = client.Put(address, kStaff, text, "text/markdown");
  REQUIRE(saved);
  INFO(saved->body.substr(0, 300));
  CHECK(saved->status == 201);
  CHECK(kc::test::read_file(server.content().guide("fr/best-practice/manuel-complet.md")) == text);
  CHECK(search(server, "glorpane")["total"] == 1);
  const auto page = client.Get("/docs/fr/manuel-complet");
  REQUIRE(page);
  CHECK_THAT(page->body, Contains("glorpane"));

  // The same size anywhere else: 413, and nothing changes.
  const std::string big(200 * 1024, 'a');
  CHECK(client.Post("/staff/login", big, "application/x-www-form-urlencoded")->status == 413);
  CHECK(client.Post("/staff/history/fr/manuel-complet", big, "application/x-www-form-urlencoded")->status == 413);
  CHECK(client.Put("/docs/fr/manuel-complet", big, "text/plain")->status == 413);
  CHECK(client.Post(address, kStaff, big, "text/markdown")->status == 413);  // POST is not a guide write here
  // A small one elsewhere is still answered as before.
  CHECK(client.Put("/docs/fr/manuel-complet", "x", "text/plain")->status == 405);

  // Over max_guide_bytes (1 MiB): 413 from us, or Pistache's own 413 or a cut connection
  // further up; never a save.
  const std::string too_long = guide("Trop long", std::string((1u << 20) + 1, 'x'));
  const auto refused = client.Put(put_address("trop-long"), kStaff, too_long, "text/markdown");
  if (refused) CHECK(refused->status == 413);
  const auto far_too_long = client.Put(put_address("trop-long"), kStaff, std::string(2u << 20, 'x'), "text/markdown");
  if (far_too_long) CHECK(far_too_long->status == 413);
  CHECK(client.Put(put_address("trop-long"), too_long, "text/markdown")->status == 413);  // no token either
  CHECK_FALSE(std::filesystem::exists(server.content().guide("fr/best-practice/trop-long.md")));

  // A guide write's request line and headers stay within max_request_bytes.
  const auto fat_headers = client.Put(put_address("entetes"), with(kStaff, "X-Filler", std::string(40 * 1024, 'h')),
                                      guide("Entêtes", "x"), "text/markdown");
  if (fat_headers) CHECK(fat_headers->status == 413);
  CHECK_FALSE(std::filesystem::exists(server.content().guide("fr/best-practice/entetes.md")));
  CHECK(client.Get("/healthz")->status == 200);
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
