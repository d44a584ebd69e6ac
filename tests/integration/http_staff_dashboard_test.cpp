// The staff dashboard and the PDF upload over real HTTP: a real server on a copy of the
// test corpus, its upload listener, real files written (or not) under content/files/.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>

#include "support/test_server.h"

using Catch::Matchers::Contains;
using kc::test::TestServer;

namespace {

std::function<void(kc::http::ServerOptions&)> staff_server(std::size_t max_upload_bytes = 8u << 20) {
  return [max_upload_bytes](kc::http::ServerOptions& options) {
    options.staff_token = "staff-secret-token-for-tests";
    options.max_upload_bytes = max_upload_bytes;
    options.upload_port = 0;
  };
}

// A signed-in staff member: a session of the server's own table (as /staff/login opens it).
struct SignedIn {
  explicit SignedIn(TestServer& server) : session(server.server().site().sessions.open("Ada")) {}
  kc::http::StaffSession session;
  httplib::Headers headers() const { return {{"Cookie", std::string("kc_staff=") + session.id}}; }
};

httplib::Client upload_client(TestServer& server) {
  httplib::Client client("127.0.0.1", server.server().upload_port());
  client.set_read_timeout(std::chrono::seconds(20));
  client.set_write_timeout(std::chrono::seconds(20));
  return client;
}

std::string pdf_of_size(std::size_t bytes) {
  std::string pdf = "%PDF-1.7\n";
  pdf.resize(bytes - 6, 'x');
  return pdf + "%%EOF\n";
}

httplib::Result upload(TestServer& server, const std::string& name, const std::string& bytes,
                       const std::string& guide = "", bool replace = false, const std::string& title = "") {
  const SignedIn staff(server);
  httplib::MultipartFormDataItems items = {{"csrf", staff.session.csrf, "", ""},
                                           {"name", name, "", ""},
                                           {"guide", guide, "", ""},
                                           {"title", title, "", ""},
                                           {"file", bytes, "upload.pdf", "application/pdf"}};
  if (replace) items.push_back({"replace", "yes", "", ""});
  return upload_client(server).Post("/staff/upload", staff.headers(), items);
}

std::set<std::string> files_in(const std::filesystem::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("staff dashboard: staff only, every work with its languages present, missing or stale",
          "[http][staff][dashboard]") {
  TestServer server(staff_server());
  auto client = server.http();
  const auto anonymous = client.Get("/staff");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 303);
  CHECK(anonymous->get_header_value("Location") == "/staff/login");

  // The English changes after its French translation was saved (a commit by hand, as
  // staff who still use files make one), within the same second as the first commit (the
  // server's, at start): the order of commits decides, not their time.
  const auto english = server.content().guide("en/best-practice/retort.md");
  kc::test::write_file(english, kc::test::read_file(english) + "\nA new paragraph.\n");
  server.server().site().guides.history().commit({"en/best-practice/retort.md"}, "Ada", "Retort: a new paragraph");

  // A draft and a guide past its review date (hand edits: the dashboard reads the files).
  const auto front = [&](const std::string& guide, const std::string& lines) {
    const auto path = server.content().guide(guide);
    kc::test::write_file(path, "---\n" + lines + kc::test::read_file(path).substr(4));
  };
  front("en/gender/finance-access.md", "draft: true\n");
  front("en/best-practice/shaft-safety.md", "review_by: 2001-02-03\n");

  const SignedIn staff(server);
  const auto page = client.Get("/staff", staff.headers());
  REQUIRE(page);
  CHECK(page->status == 200);
  const std::string& html = page->body;
  CHECK_THAT(html, Contains("Recovering gold with a retort"));
  // The French translation is out of date; Spanish and Portuguese are missing, offered to translate.
  CHECK_THAT(html, Contains("class=\"s-stale\"><a href=\"/staff/edit/fr/retorte\">"));
  CHECK_THAT(html, Contains("/staff/new?translation_of=en%2Fretort&amp;lang=es"));
  CHECK_THAT(html, Contains("/staff/new?translation_of=en%2Fretort&amp;lang=pt"));
  CHECK_THAT(html, Contains("/staff/history/en/retort"));
  // Translations of an unchanged English are up to date.
  CHECK_THAT(html, Contains("class=\"s-present\"><a href=\"/staff/edit/fr/prevention-vih\">"));
  CHECK_THAT(html, Contains("Searches that found nothing"));
  const auto section = [&](const std::string& id) {
    const auto start = html.find("<h2 id=\"" + id + "\">");
    REQUIRE(start != std::string::npos);
    return html.substr(start, html.find("<h2", start + 4) - start);
  };
  CHECK_THAT(section("drafts"), Contains("/staff/edit/en/finance-access"));
  CHECK_THAT(section("review"), Contains("/staff/edit/en/shaft-safety"));
  CHECK_THAT(section("review"), Contains("2001"));
  CHECK_THAT(section("scheduled"), Contains("None."));

  const auto french = client.Get("/staff?ui=fr", staff.headers());
  REQUIRE(french);
  CHECK_THAT(french->body, Contains("Tableau de bord"));
  CHECK_THAT(french->body, Contains("À revoir"));
}

TEST_CASE("staff dashboard: works come 50 to a page, all or only those that need work", "[http][staff][dashboard]") {
  TestServer server(staff_server());
  for (int i = 0; i < 60; ++i) {  // 60 more English guides, none translated (hand-written files)
    const std::string slug = "extra-" + std::to_string(100 + i);
    kc::test::write_file(server.content().guide("en/best-practice/" + slug + ".md"),
                         "---\ntitle: Extra " + std::to_string(100 + i) + "\ntopic: best-practice\nlanguage: en\n---\nText.\n");
  }
  for (const std::string language : {"fr", "es", "pt"}) {  // one work in all four languages
    kc::test::write_file(server.content().guide(language + "/best-practice/extra-100-" + language + ".md"),
                         "---\ntitle: Extra 100 " + language + "\ntopic: best-practice\nlanguage: " + language +
                             "\ntranslations: { en: extra-100 }\n---\nTexte.\n");
  }
  const SignedIn staff(server);
  auto client = server.http();
  const auto first = client.Get("/staff", staff.headers());
  REQUIRE(first);
  CHECK(first->status == 200);
  CHECK_THAT(first->body, Contains("Page 1 of 2"));
  CHECK_THAT(first->body, Contains("href=\"/staff?page=2#works\" rel=\"next\""));
  const auto rows = [](const std::string& html) {
    std::size_t count = 0;
    for (auto at = html.find("<th scope=\"row\">"); at != std::string::npos; at = html.find("<th scope=\"row\">", at + 1)) ++count;
    return count;
  };
  CHECK(rows(first->body) == 50);
  const auto second = client.Get("/staff?page=2", staff.headers());
  REQUIRE(second);
  CHECK_THAT(second->body, Contains("Page 2 of 2"));
  CHECK_THAT(second->body, Contains("rel=\"prev\""));
  const std::size_t total = rows(first->body) + rows(second->body);
  CHECK(total > 60);
  CHECK(client.Get("/staff?page=0", staff.headers())->status == 400);
  CHECK(client.Get("/staff?page=x", staff.headers())->status == 400);
  CHECK_THAT(client.Get("/staff?page=99", staff.headers())->body, Contains("Page 2 of 2"));  // the last page

  // Only the works that need work: every extra guide but the first lacks three
  // translations; the fully translated one is left out.
  const auto todo = client.Get("/staff?works=todo", staff.headers());
  REQUIRE(todo);
  CHECK_THAT(todo->body, Contains("Extra 101"));
  CHECK_FALSE(todo->body.find("Extra 100<") != std::string::npos);
  CHECK_THAT(todo->body, Contains("href=\"/staff#works\">Show all"));
  std::size_t todo_rows = rows(todo->body);
  if (const auto next = client.Get("/staff?works=todo&page=2", staff.headers()); next && next->body.find("Page 2") != std::string::npos) {
    todo_rows += rows(next->body);
  }
  CHECK(todo_rows < total);
  CHECK(todo_rows >= 59);
}

TEST_CASE("staff dashboard: zero-result searches and broken links appear", "[http][staff][dashboard]") {
  TestServer server(staff_server());
  auto client = server.http();
  REQUIRE(client.Get("/search?q=zzzyxnothing")->status == 200);
  kc::test::write_file(server.content().guide("en/gender/finance-access.md"),
                       kc::test::read_file(server.content().guide("en/gender/finance-access.md")) +
                           "\nSee [the old page](/docs/en/no-such-guide).\n");
  const auto page = client.Get("/staff", SignedIn(server).headers());
  REQUIRE(page);
  CHECK_THAT(page->body, Contains("zzzyxnothing"));
  CHECK_THAT(page->body, Contains("en/gender/finance-access.md:"));
  CHECK_THAT(page->body, Contains("/docs/en/no-such-guide"));
}

TEST_CASE("staff upload: a good PDF is written and served with its size on the guide page", "[http][staff][upload]") {
  TestServer server(staff_server());
  const std::string pdf = pdf_of_size(3 * 1024 * 1024 + 17);
  const auto answer = upload(server, "manual", pdf, "en/retort");  // the guide's own file: replaced
  REQUIRE(answer);
  CHECK(answer->status == 200);
  CHECK_THAT(answer->body, Contains("files/manual.pdf"));
  CHECK(kc::test::read_file(server.content().content() / "files/manual.pdf") == pdf);
  auto client = server.http();
  const auto file = client.Get("/files/manual.pdf");
  REQUIRE(file);
  CHECK(file->status == 200);
  CHECK(file->body.size() == pdf.size());
  const auto guide = client.Get("/docs/en/retort");
  REQUIRE(guide);
  CHECK_THAT(guide->body, Contains("3 MB"));

  const auto fresh = upload(server, "retort-poster", pdf_of_size(2048), "");
  REQUIRE(fresh);
  CHECK(fresh->status == 201);
  CHECK(files_in(server.content().content() / "files") == std::set<std::string>{"manual.pdf", "retort-poster.pdf"});
}

TEST_CASE("staff upload: a PDF sent for a guide joins its attachments and the history", "[http][staff][upload]") {
  TestServer server(staff_server());
  auto client = server.http();
  const SignedIn staff(server);
  const auto form = client.Get("/staff/upload?guide=en/retort", staff.headers());
  REQUIRE(form);
  CHECK_THAT(form->body, Contains("value=\"en/retort\""));  // the edit page's link names its guide

  const auto answer = upload(server, "retort-poster", pdf_of_size(40 * 1024), "en/retort", false, "Retort poster");
  REQUIRE(answer);
  CHECK(answer->status == 201);
  CHECK_THAT(answer->body, Contains("en/retort"));
  const auto file = server.server().site().guides.read("en", "retort");
  REQUIRE(file);
  CHECK_THAT(file->text, Contains("files/retort-poster.pdf"));
  CHECK_THAT(file->text, Contains("Retort poster"));
  const auto guide = client.Get("/docs/en/retort");
  REQUIRE(guide);
  CHECK_THAT(guide->body, Contains("Retort poster"));
  CHECK_THAT(guide->body, Contains("40 KB"));
  const auto versions = server.server().site().guides.history().versions("en", "retort");
  REQUIRE_FALSE(versions.empty());
  CHECK(versions.front().author == "Ada");
  CHECK(versions.front().message == "Attach files/retort-poster.pdf to en/retort");

  // Sent again (replacing it): still listed once, no new version of the guide.
  REQUIRE(upload(server, "retort-poster", pdf_of_size(50 * 1024), "en/retort", true, "Retort poster")->status == 200);
  const auto again = server.server().site().guides.read("en", "retort");
  REQUIRE(again);
  CHECK(again->revision == file->revision);
  CHECK(server.server().site().guides.history().versions("en", "retort").size() == versions.size());
}

TEST_CASE("staff upload: refusals write nothing", "[http][staff][upload]") {
  TestServer server(staff_server(64 * 1024));
  const auto files = server.content().content() / "files";
  const std::string original = kc::test::read_file(files / "manual.pdf");
  const auto unchanged = [&] {
    CHECK(files_in(files) == std::set<std::string>{"manual.pdf"});
    CHECK(kc::test::read_file(files / "manual.pdf") == original);
  };
  SECTION("not a PDF, whatever its name: 422") {
    const auto answer = upload(server, "report", "<html><body>not a pdf</body></html>");
    REQUIRE(answer);
    CHECK(answer->status == 422);
    CHECK_THAT(answer->body, Contains("not a PDF"));
    unchanged();
  }
  SECTION("a hostile name: 422") {
    const std::string names[] = {"../manual", "a/b", "%2e%2e", std::string("a\0b", 3), std::string(201, 'a'), "Manual"};
    for (const std::string& name : names) {
      const auto answer = upload(server, name, pdf_of_size(1024));
      REQUIRE(answer);
      CHECK(answer->status == 422);
    }
    unchanged();
  }
  SECTION("over the limit by a little (our check): 413") {
    const auto answer = upload(server, "big", pdf_of_size(64 * 1024 + 10));
    REQUIRE(answer);
    CHECK(answer->status == 413);
    unchanged();
  }
  SECTION("far over the limit (the listener's own limit): 413 or the connection cut") {
    const auto answer = upload(server, "huge", pdf_of_size(2 * 1024 * 1024));
    if (answer) CHECK(answer->status == 413);
    unchanged();
  }
  SECTION("another guide's file: 409 and a confirm step, then replaced") {
    const auto asked = upload(server, "manual", pdf_of_size(2048), "fr/retorte");
    REQUIRE(asked);
    CHECK(asked->status == 409);
    CHECK_THAT(asked->body, Contains("en/retort"));
    unchanged();
    const auto confirmed = upload(server, "manual", pdf_of_size(2048), "fr/retorte", true);
    REQUIRE(confirmed);
    CHECK(confirmed->status == 200);
    CHECK(kc::test::read_file(files / "manual.pdf").size() == 2048);
  }
  SECTION("a wrong CSRF token: 403") {
    const SignedIn staff(server);
    httplib::MultipartFormDataItems items = {{"csrf", "not-the-token", "", ""},
                                             {"file", pdf_of_size(1024), "x.pdf", "application/pdf"},
                                             {"name", "x", "", ""}};
    const auto answer = upload_client(server).Post("/staff/upload", staff.headers(), items);
    REQUIRE(answer);
    CHECK(answer->status == 403);
    unchanged();
  }
  SECTION("without a session: refused") {
    httplib::MultipartFormDataItems items = {{"file", pdf_of_size(1024), "x.pdf", "application/pdf"},
                                             {"name", "x", "", ""}};
    const auto answer = upload_client(server).Post("/staff/upload", items);
    REQUIRE(answer);
    CHECK(answer->status == 303);
    unchanged();
  }
}

TEST_CASE("staff upload: the upload listener serves nothing else, the public one keeps its small limit",
          "[http][staff][upload]") {
  TestServer server(staff_server());
  const auto other = upload_client(server).Get("/");
  REQUIRE(other);
  CHECK(other->status == 404);
  httplib::MultipartFormDataItems items = {{"file", pdf_of_size(512 * 1024), "x.pdf", "application/pdf"},
                                           {"name", "x", "", ""}};
  const auto answer = server.http().Post("/staff/upload", SignedIn(server).headers(), items);
  if (answer) CHECK(answer->status == 413);
  CHECK_FALSE(std::filesystem::exists(server.content().content() / "files/x.pdf"));
}

namespace {

// Saves the guide's whole file through the GuideStore, as the staff form and API do.
void save(TestServer& server, const std::string& author, const std::string& body) {
  auto& guides = server.server().site().guides;
  const auto current = guides.read("en", "retort");
  REQUIRE(current);
  std::string text = current->text;
  text = text.substr(0, text.find("\n---\n") + 5) + body;
  kc::staff::SaveRequest request{"en", "retort", text, std::vector{current->revision}, author, "Edit by " + author};
  const auto result = guides.save(request);
  INFO(result.problems.size());
  REQUIRE(result.outcome == kc::staff::SaveOutcome::Replaced);
}

}  // namespace

TEST_CASE("staff history: versions with their authors, a diff, and a restore that goes live", "[http][staff][history]") {
  TestServer server(staff_server());
  // No .git in the copied corpus: the server started content/'s history with the tree as copied.
  const auto started = server.http().Get("/staff/history/en/retort", SignedIn(server).headers());
  REQUIRE(started);
  CHECK(started->status == 200);  // one version before any save: the first commit, by kc
  CHECK_THAT(started->body, Contains("Start the history of content/"));
  save(server, "Ada", "First <version> & body: amalgam retort.\n");
  save(server, "Bea", "Second version of the body.\n");
  save(server, "Cy", "Third version, with kerosene.\n");
  auto& history = server.server().site().guides.history();
  const auto versions = history.versions("en", "retort");
  REQUIRE(versions.size() == 4);  // the first commit of the tree, then three saves
  CHECK(versions[0].author == "Cy");
  CHECK(versions[2].author == "Ada");
  const std::string first = versions[2].commit;

  const SignedIn staff(server);
  auto client = server.http();
  CHECK(client.Get("/staff/history/en/retort")->status == 303);  // no session
  const auto list = client.Get("/staff/history/en/retort", staff.headers());
  REQUIRE(list);
  CHECK(list->status == 200);
  CHECK_THAT(list->body, Contains("Edit by Ada"));
  CHECK_THAT(list->body, Contains("Bea"));
  CHECK_THAT(list->body, Contains("value=\"" + first + "\""));

  const auto diff = client.Get(("/staff/history/en/retort?version=" + first).c_str(), staff.headers());
  REQUIRE(diff);
  CHECK(diff->status == 200);
  CHECK_THAT(diff->body, Contains("-First &lt;version&gt; &amp; body"));  // escaped, line by line
  CHECK_THAT(diff->body, Contains("+Third version, with kerosene."));
  CHECK(client.Get("/staff/history/en/retort?version=nothex", staff.headers())->status == 400);
  CHECK(client.Get(("/staff/history/en/retort?version=" + std::string(40, 'a')).c_str(), staff.headers())->status == 404);

  const auto revision = server.server().site().guides.read("en", "retort")->revision;
  const auto forged = client.Post("/staff/history/en/retort", staff.headers(),
                                  "csrf=wrong&version=" + first + "&revision=" + revision,
                                  "application/x-www-form-urlencoded");
  REQUIRE(forged);
  CHECK(forged->status == 403);
  const auto stale = client.Post("/staff/history/en/retort", staff.headers(),
                                 "csrf=" + staff.session.csrf + "&version=" + first + "&revision=0123",
                                 "application/x-www-form-urlencoded");
  REQUIRE(stale);
  CHECK(stale->status == 409);  // the page was older than the guide: nothing restored
  const auto restored = client.Post("/staff/history/en/retort", staff.headers(),
                                    "csrf=" + staff.session.csrf + "&version=" + first + "&revision=" + revision,
                                    "application/x-www-form-urlencoded");
  REQUIRE(restored);
  CHECK(restored->status == 200);
  const auto after = history.versions("en", "retort");
  REQUIRE(after.size() == 5);
  CHECK(after[0].author == "Ada");  // the one who restored (the session's staff name)
  const auto guide = client.Get("/docs/en/retort");
  REQUIRE(guide);
  CHECK_THAT(guide->body, Contains("body: amalgam retort."));
  CHECK_FALSE(guide->body.find("kerosene") != std::string::npos);
}
