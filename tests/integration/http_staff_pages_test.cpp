// The staff pages over real HTTP (issue 14): sign-in, the session cookie, CSRF, the
// sign-in rate limit, and the guide form's preview and problems.
#include <catch2/catch.hpp>

#include <chrono>
#include <regex>
#include <thread>
#include <string>

#include "support/test_server.h"

using kc::test::TestServer;
using Catch::Matchers::Contains;

namespace {

constexpr const char* kForm = "application/x-www-form-urlencoded";
constexpr const char* kStaffToken = "staff-secret-token";  // test_server.cpp

std::string encode(const std::string& text) {
  std::string out;
  static const char* hex = "0123456789ABCDEF";
  for (const unsigned char ch : text) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += hex[ch >> 4];
      out += hex[ch & 15];
    }
  }
  return out;
}

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [name, value] : fields) body += (body.empty() ? "" : "&") + encode(name) + "=" + encode(value);
  return body;
}

// The Set-Cookie header that sets `name`, or "".
std::string set_cookie_header(const httplib::Result& result, const std::string& name) {
  const auto count = result->get_header_value_count("Set-Cookie");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string value = result->get_header_value("Set-Cookie", i);
    if (value.rfind(name + "=", 0) == 0) return value;
  }
  return {};
}

std::string cookie_value(const std::string& set_cookie) {
  const auto start = set_cookie.find('=') + 1;
  return set_cookie.substr(start, set_cookie.find(';') - start);
}

std::string csrf_in(const std::string& body) {
  std::smatch match;
  REQUIRE(std::regex_search(body, match, std::regex("name=\"csrf\" value=\"([0-9a-f]{64})\"")));
  return match[1];
}

struct SignedIn {
  std::string cookie;  // "kc_staff=…"
  std::string csrf;
};

httplib::Result post_login(httplib::Client& client, const std::string& token, httplib::Headers extra = {}) {
  const auto page = client.Get("/staff/login", extra);
  REQUIRE(page->status == 200);
  const std::string csrf = csrf_in(page->body);
  extra.emplace("Cookie", "kc_login=" + cookie_value(set_cookie_header(page, "kc_login")));
  return client.Post("/staff/login", extra, form({{"csrf", csrf}, {"token", token}}), kForm);
}

SignedIn sign_in(TestServer& server) {
  auto client = server.http();
  const auto result = post_login(client, kStaffToken);
  REQUIRE(result->status == 303);
  SignedIn staff;
  staff.cookie = "kc_staff=" + cookie_value(set_cookie_header(result, "kc_staff"));
  const auto page = client.Get("/staff/new", {{"Cookie", staff.cookie}});
  REQUIRE(page->status == 200);
  staff.csrf = csrf_in(page->body);
  return staff;
}

TestServer& server() {
  static TestServer instance;
  return instance;
}

// A French guide as the form sends it.
std::vector<std::pair<std::string, std::string>> french_guide(const SignedIn& staff, const std::string& action,
                                                              const std::string& body) {
  return {{"csrf", staff.csrf},
          {"revision", ""},
          {"language", "fr"},
          {"slug", "cornue-artisanale"},
          {"title", "Fabriquer une cornue <artisanale>"},
          {"summary", "Une cornue simple & sûre."},
          {"topic", "best-practice"},
          {"translation_of", "en/retort"},
          {"countries", "BF, ML"},
          {"audience", "miners"},
          {"published", "2026-01-15"},
          {"body", body},
          {"action", action}};
}

}  // namespace

TEST_CASE("without a session the staff pages send to the sign-in page and the API answers 401",
          "[http][staff]") {
  auto client = server().http();
  for (const char* path : {"/staff/new", "/staff/edit/en/retort"}) {
    INFO(path);
    const auto page = client.Get(path);
    CHECK(page->status == 303);
    CHECK(page->get_header_value("Location") == "/staff/login");
    const auto posted = client.Post(path, "title=x", kForm);
    CHECK(posted->status == 303);
  }
  const auto forged = client.Get("/staff/new", {{"Cookie", "kc_staff=" + std::string(64, 'a')}});
  CHECK(forged->status == 303);
  // A session cookie does not open the API: scripts keep their bearer token.
  const SignedIn staff = sign_in(server());
  for (const char* path : {"/api/staff/guides/en/retort", "/api/stats/downloads"}) {
    INFO(path);
    const auto api = client.Get(path, {{"Cookie", staff.cookie}});
    CHECK(api->status == 401);
    CHECK(api->get_header_value("WWW-Authenticate") == "Bearer");
  }
  const auto put = client.Put("/api/staff/guides/en/retort", {{"Cookie", staff.cookie}}, "---\n", "text/markdown");
  CHECK(put->status == 401);
  CHECK(client.Get("/api/staff/guides/en/retort", {{"Authorization", std::string("Bearer ") + kStaffToken}})->status ==
        200);
}

TEST_CASE("signing in sets an HttpOnly, SameSite=Strict, expiring session cookie, Secure behind https",
          "[http][staff]") {
  TestServer local([](kc::http::ServerOptions& options) { options.trusted_proxies = {"127.0.0.1"}; });
  auto client = local.http();
  const auto plain = post_login(client, kStaffToken);
  REQUIRE(plain->status == 303);
  CHECK(plain->get_header_value("Location") == "/staff");
  const std::string cookie = set_cookie_header(plain, "kc_staff");
  CHECK(std::regex_match(cookie, std::regex("kc_staff=[0-9a-f]{64}; Path=/staff; Max-Age=43200; HttpOnly; SameSite=Strict")));

  const auto tls = post_login(client, kStaffToken, {{"X-Forwarded-Proto", "https"}});
  REQUIRE(tls->status == 303);
  CHECK_THAT(set_cookie_header(tls, "kc_staff"), Contains("; HttpOnly; SameSite=Strict; Secure"));
  CHECK(cookie_value(set_cookie_header(tls, "kc_staff")) != cookie_value(cookie));  // a fresh random session

  // Signing out ends the session: the same cookie then opens nothing.
  const std::string session = "kc_staff=" + cookie_value(cookie);
  const auto page = client.Get("/staff/new", {{"Cookie", session}});
  REQUIRE(page->status == 200);
  CHECK_THAT(page->body, Contains("<meta name=\"robots\" content=\"noindex\">") && Contains("Signed in as staff"));
  CHECK(page->get_header_value("Cache-Control") == "no-store");
  const auto out = client.Post("/staff/logout", {{"Cookie", session}}, form({{"csrf", csrf_in(page->body)}}), kForm);
  CHECK(out->status == 303);
  CHECK_THAT(set_cookie_header(out, "kc_staff"), Contains("Max-Age=0"));
  CHECK(client.Get("/staff/new", {{"Cookie", session}})->status == 303);
}

TEST_CASE("a form posted without its CSRF token, or with a wrong one, is refused with 403", "[http][staff]") {
  auto client = server().http();
  const SignedIn staff = sign_in(server());
  const httplib::Headers session = {{"Cookie", staff.cookie}};
  auto fields = french_guide(staff, "preview", "Texte.\n");
  fields.erase(fields.begin());  // no csrf
  CHECK(client.Post("/staff/new", session, form(fields), kForm)->status == 403);
  fields.insert(fields.begin(), {"csrf", std::string(64, '0')});
  CHECK(client.Post("/staff/new", session, form(fields), kForm)->status == 403);
  CHECK(client.Post("/staff/logout", session, "", kForm)->status == 403);
  CHECK(client.Get("/staff/new", session)->status == 200);  // still signed in

  // The sign-in form has its own token, tied to a cookie set with the form.
  const auto page = client.Get("/staff/login");
  const std::string csrf = csrf_in(page->body);
  CHECK(client.Post("/staff/login", form({{"csrf", csrf}, {"token", kStaffToken}}), kForm)->status == 403);
  CHECK(client.Post("/staff/login", {{"Cookie", "kc_login=" + std::string(64, '1')}},
                    form({{"csrf", csrf}, {"token", kStaffToken}}), kForm)
            ->status == 403);
}

TEST_CASE("five failed sign-ins from one address in five minutes give 429 with Retry-After", "[http][staff]") {
  TestServer local;
  auto client = local.http();
  for (int attempt = 1; attempt <= 5; ++attempt) {
    INFO(attempt);
    const auto failed = post_login(client, "not-the-token");
    CHECK(failed->status == 401);
    CHECK_THAT(failed->body, Contains("That key is not valid"));
  }
  const auto blocked = post_login(client, kStaffToken);  // even the right token waits
  CHECK(blocked->status == 429);
  const int retry_after = std::stoi(blocked->get_header_value("Retry-After"));
  CHECK(retry_after > 0);
  CHECK(retry_after <= 300);
  CHECK(set_cookie_header(blocked, "kc_staff").empty());
}

TEST_CASE("preview shows the page as it will be published and keeps the text typed", "[http][staff]") {
  auto client = server().http();
  const SignedIn staff = sign_in(server());
  const std::string body = "## Les étapes\n\nChauffer **doucement** le [guide anglais](/docs/en/retort).\n";
  const auto result = client.Post("/staff/new", {{"Cookie", staff.cookie}},
                                  form(french_guide(staff, "preview", body)), kForm);
  REQUIRE(result->status == 200);
  const std::string& page = result->body;
  // The public guide page, escaped into the sandboxed frame's srcdoc: no script can run.
  CHECK_THAT(page, Contains("<iframe class=\"pv\" name=\"preview\" title=\"Preview\" sandbox srcdoc=\""));
  CHECK_THAT(page, Contains("&lt;h2&gt;Les étapes&lt;/h2&gt;") && Contains("&lt;strong&gt;doucement&lt;/strong&gt;"));
  CHECK_THAT(page, Contains("&lt;html lang=&quot;en&quot;") &&
                       Contains("lang=&quot;fr&quot;&gt;Fabriquer une cornue &amp;lt;artisanale&amp;gt;&lt;/h1&gt;"));
  CHECK_THAT(page, Contains("&gt;Best practices&lt;/a&gt;"));  // the topic's name, as on the public page
  // Every field keeps what was typed.
  CHECK_THAT(page, Contains("value=\"Fabriquer une cornue &lt;artisanale&gt;\"") &&
                       Contains(">## Les étapes\n\nChauffer **doucement** le [guide anglais](/docs/en/retort).\n</textarea>") &&
                       Contains("Une cornue simple &amp; sûre.</textarea>") && Contains("value=\"BF, ML\"") &&
                       Contains("<option value=\"en/retort\" selected>") &&
                       Contains("<option value=\"fr\" selected>") && Contains("value=\"cornue-artisanale\""));
  CHECK_THAT(page, !Contains("<script"));
  // Nothing was written.
  CHECK(!std::filesystem::exists(server().content().guide("fr/best-practice/cornue-artisanale.md")));
}

TEST_CASE("invalid input is shown as line: message, with everything typed kept", "[http][staff]") {
  auto client = server().http();
  const SignedIn staff = sign_in(server());
  const std::string body = "Premier paragraphe.\n\nVoir [la page](nulle-part.md).\n";
  auto fields = french_guide(staff, "save", body);
  fields.emplace_back("extra", "tags: [cornue]\n");
  const auto result = client.Post("/staff/new", {{"Cookie", staff.cookie}}, form(fields), kForm);
  REQUIRE(result->status == 422);
  CHECK_THAT(result->body, Contains("<li>line 3: broken link &#39;nulle-part.md&#39;</li>"));
  CHECK_THAT(result->body, Contains(">Premier paragraphe.\n\nVoir [la page](nulle-part.md).\n</textarea>") &&
                               Contains(">tags: [cornue]\n</textarea>"));
  CHECK(!std::filesystem::exists(server().content().guide("fr/best-practice/cornue-artisanale.md")));

  // A front-matter problem names its field.
  fields = french_guide(staff, "preview", "Texte.\n");
  for (auto& [name, value] : fields) {
    if (name == "published") value = "2026-02-30";
  }
  const auto bad_date = client.Post("/staff/new", {{"Cookie", staff.cookie}}, form(fields), kForm);
  CHECK(bad_date->status == 422);
  CHECK_THAT(bad_date->body, Contains("<li>Publication date: invalid date &#39;2026-02-30&#39;"));
}

TEST_CASE("the edit form opens an existing guide with its fields and keeps what it does not show", "[http][staff]") {
  auto client = server().http();
  const SignedIn staff = sign_in(server());
  const auto page = client.Get("/staff/edit/fr/retorte", {{"Cookie", staff.cookie}});
  REQUIRE(page->status == 200);
  CHECK_THAT(page->body, Contains("<input type=\"hidden\" name=\"slug\" value=\"retorte\">") &&
                             Contains("<option value=\"best-practice\" selected>"));
  CHECK(client.Get("/staff/edit/fr/no-such-guide", {{"Cookie", staff.cookie}})->status == 404);
  CHECK(client.Get("/staff/edit/fr/..%2f..%2fetc", {{"Cookie", staff.cookie}})->status == 404);
}

namespace {

std::string field_value(const std::string& body, const std::string& name) {
  std::smatch match;
  REQUIRE(std::regex_search(body, match, std::regex("name=\"" + name + "\" value=\"([^\"]*)\"")));
  return match[1];
}

// The edit form of fr/retorte as the browser would post it back, with another body.
std::string retorte_form(const SignedIn& staff, const std::string& revision, const std::string& body) {
  return form({{"csrf", staff.csrf},
               {"revision", revision},
               {"title", "Récupérer l'or avec une retorte"},
               {"topic", "best-practice"},
               {"translation_of", "en/retort"},
               {"countries", "BF, ML"},
               {"audience", "miners"},
               {"published", "2026-03-02"},
               {"body", body},
               {"action", "save"}});
}

}  // namespace

TEST_CASE("a saved guide is live at once: its page and the public search find it", "[http][staff]") {
  TestServer local;
  auto client = local.http();
  const SignedIn staff = sign_in(local);
  const auto saved = client.Post("/staff/new", {{"Cookie", staff.cookie}},
                                 form(french_guide(staff, "save", "Le zinzolin protège les orpailleurs.\n")), kForm);
  REQUIRE(saved->status == 303);
  CHECK(saved->get_header_value("Location") == "/staff/edit/fr/cornue-artisanale?saved=1");
  const auto text = kc::test::read_file(local.content().guide("fr/best-practice/cornue-artisanale.md"));
  CHECK_THAT(text, Contains("title: \"Fabriquer une cornue <artisanale>\"") && Contains("translations: {\"en\": \"retort\"}") &&
                       Contains("---\nLe zinzolin protège les orpailleurs.\n"));

  const auto page = client.Get("/staff/edit/fr/cornue-artisanale?saved=1", {{"Cookie", staff.cookie}});
  REQUIRE(page->status == 200);
  CHECK_THAT(page->body, Contains("Saved. The guide is live.") && Contains("href=\"/docs/fr/cornue-artisanale\""));
  CHECK(!field_value(page->body, "revision").empty());
  // Live within 2 s (the save re-indexes before it answers; the searchers reopen).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  bool found = false;
  while (!found && std::chrono::steady_clock::now() < deadline) {
    found = client.Get("/search?q=zinzolin")->body.find("/docs/fr/cornue-artisanale") != std::string::npos;
    if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(found);
  CHECK(client.Get("/docs/fr/cornue-artisanale")->status == 200);
}

TEST_CASE("a conflicting save shows both versions with 409 and overwrites nothing", "[http][staff]") {
  TestServer local;
  auto client = local.http();
  const SignedIn alice = sign_in(local);
  const SignedIn bob = sign_in(local);
  const auto opened = client.Get("/staff/edit/fr/retorte", {{"Cookie", alice.cookie}});
  REQUIRE(opened->status == 200);
  const std::string revision = field_value(opened->body, "revision");
  REQUIRE(!revision.empty());

  const httplib::Headers as_alice = {{"Cookie", alice.cookie}}, as_bob = {{"Cookie", bob.cookie}};
  REQUIRE(client.Post("/staff/edit/fr/retorte", as_alice, retorte_form(alice, revision, "Version d'Alice.\n"), kForm)
              ->status == 303);
  const auto conflict =
      client.Post("/staff/edit/fr/retorte", as_bob, retorte_form(bob, revision, "Version de Bob.\n"), kForm);
  REQUIRE(conflict->status == 409);
  CHECK_THAT(conflict->body, Contains("Someone else saved this guide") &&
                                 Contains("<pre class=\"theirs\" lang=\"fr\">") && Contains("Version d&#39;Alice.") &&
                                 Contains(">Version de Bob.\n</textarea>"));
  const std::string path = "fr/best-practice/retorte.md";
  CHECK_THAT(kc::test::read_file(local.content().guide(path)), Contains("Version d'Alice.") && !Contains("Bob"));

  // Saving again from the conflict page is a choice made knowing the other version.
  const std::string current = field_value(conflict->body, "revision");
  CHECK(current != revision);
  CHECK(client.Post("/staff/edit/fr/retorte", as_bob, retorte_form(bob, current, "Version de Bob.\n"), kForm)->status ==
        303);
  CHECK_THAT(kc::test::read_file(local.content().guide(path)), Contains("Version de Bob."));

  // A new guide at a taken address is a conflict too, never a replacement.
  auto fields = french_guide(alice, "save", "Autre texte.\n");
  for (auto& [name, value] : fields) {
    if (name == "slug") value = "retorte";
  }
  const auto taken = client.Post("/staff/new", as_alice, form(fields), kForm);
  CHECK(taken->status == 409);
  CHECK_THAT(kc::test::read_file(local.content().guide(path)), Contains("Version de Bob.") && !Contains("Autre texte"));
}

TEST_CASE("a draft saved from the form stays off the public site and reopens as a draft", "[http][staff]") {
  TestServer local;
  auto client = local.http();
  const SignedIn staff = sign_in(local);
  auto fields = french_guide(staff, "save", "Le brouillonnage reste interne.\n");
  fields.emplace_back("draft", "true");
  fields.emplace_back("review_by", "2027-06-30");
  REQUIRE(client.Post("/staff/new", {{"Cookie", staff.cookie}}, form(fields), kForm)->status == 303);
  CHECK(client.Get("/docs/fr/cornue-artisanale")->status == 404);
  CHECK(client.Get("/search?q=brouillonnage")->body.find("cornue-artisanale") == std::string::npos);
  const auto page = client.Get("/staff/edit/fr/cornue-artisanale?saved=1", {{"Cookie", staff.cookie}});
  REQUIRE(page->status == 200);
  CHECK_THAT(page->body, Contains("Saved as a draft: only staff can see it.") &&
                             Contains("type=\"checkbox\" value=\"true\" checked>") && Contains("value=\"2027-06-30\""));
}

TEST_CASE("a 200 KB guide is previewed and saved from the staff form, and is live", "[http][staff][limits]") {
  TestServer local;
  auto client = local.http();
  const SignedIn staff = sign_in(local);
  std::string body;
  for (int i = 0; body.size() < 200 * 1024; ++i) {
    body += "Étape " + std::to_string(i) + " : chauffer l'amalgame dans la cornue, loin des enfants.\n\n";
  }
  body += "Fin du manuel : vrillonne.\n";
  const std::string posted = form(french_guide(staff, "preview", body));
  REQUIRE(posted.size() > 200 * 1024);
  const auto preview = client.Post("/staff/new", {{"Cookie", staff.cookie}}, posted, kForm);
  REQUIRE(preview);
  CHECK(preview->status == 200);
  CHECK_THAT(preview->body, Contains("vrillonne"));

  const auto saved = client.Post("/staff/new", {{"Cookie", staff.cookie}}, form(french_guide(staff, "save", body)), kForm);
  REQUIRE(saved);
  REQUIRE(saved->status == 303);
  const auto text = kc::test::read_file(local.content().guide("fr/best-practice/cornue-artisanale.md"));
  CHECK(text.size() > 200 * 1024);
  CHECK_THAT(text, Contains("Fin du manuel : vrillonne."));
  CHECK_THAT(client.Get("/search?q=vrillonne")->body, Contains("/docs/fr/cornue-artisanale"));
  CHECK_THAT(client.Get("/docs/fr/cornue-artisanale")->body, Contains("vrillonne"));

  // The same form posted where a guide is not written: 413, nothing else happens.
  const auto elsewhere = client.Post("/staff/logout", {{"Cookie", staff.cookie}}, posted, kForm);
  REQUIRE(elsewhere);
  CHECK(elsewhere->status == 413);
  CHECK(client.Get("/staff/new", {{"Cookie", staff.cookie}})->status == 200);  // still signed in
}
