// `kc serve --watch` (the real binary, as staff run it): a guide written, edited or
// deleted by hand under content/ shows on its page, in search and in the sitemap without
// a restart; a broken file prints `path:line:` and leaves the last good version online.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <regex>
#include <thread>

#include "support/serve_process.h"
#include "support/test_server.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// A kc serve process with the test staff token, started with `extra` arguments and `env`.
struct WatchServer : kc::test::ServeProcess {
  explicit WatchServer(const std::vector<std::string>& extra, std::map<std::string, std::string> env = {}) {
    env.emplace("KC_STAFF_TOKEN", "watch-token");
    start(extra, env);
  }
};

// Polls `done` until it holds or `limit` passes (a generous bound: the assertion is that
// it happens, the time it took is measured and printed); returns the time taken.
std::chrono::milliseconds until(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(15)) {
  const auto start = Clock::now();
  while (!done() && Clock::now() - start < limit) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

std::string guide(const std::string& title, const std::string& body) {
  return "---\ntitle: " + title + "\ntopic: gender\nlanguage: en\n---\n" + body + "\n";
}

// What vim does on :w with backupcopy=no: the probe file, a swap file, the old file moved
// to a backup, the new text written, the backup removed.
void save_like_vim(const fs::path& file, const std::string& text) {
  const fs::path folder = file.parent_path();
  const std::string name = file.filename().string();
  kc::test::write_file(folder / "4913", "");
  fs::remove(folder / "4913");
  kc::test::write_file(folder / ("." + name + ".swp"), "swap");
  if (fs::exists(file)) fs::rename(file, folder / (name + "~"));
  kc::test::write_file(folder / (name + ".tmp~"), text);
  fs::rename(folder / (name + ".tmp~"), file);
  fs::remove(folder / (name + "~"));
  fs::remove(folder / ("." + name + ".swp"));
}

}  // namespace

TEST_CASE("kc serve --watch publishes hand edits under content/ and keeps the last good version on problems",
          "[http][watch]") {
  WatchServer server({"--watch"});
  const fs::path first = server.content.guide("en/gender/quarzite-watch.md");
  const fs::path second = server.content.guide("en/gender/plain-write.md");

  // Rendered (and cached) before the change: the cache must not hide it afterwards.
  CHECK_THAT(server.page("/topics/gender"), !Catch::Contains("Quarzite watch"));
  CHECK_THAT(server.page("/search?q=vorpelline"), !Catch::Contains("/docs/en/quarzite-watch"));

  // (1) A new guide saved like an editor does (temp file renamed over it)...
  save_like_vim(first, guide("Quarzite watch", "The word vorpelline is only here."));
  const auto created = until([&] { return server.found("vorpelline") == 1; });
  REQUIRE(server.found("vorpelline") == 1);
  CHECK_THAT(server.page("/docs/en/quarzite-watch"), Catch::StartsWith("200\n") && Catch::Contains("vorpelline"));
  CHECK_THAT(server.page("/sitemap.xml"), Catch::Contains("/docs/en/quarzite-watch"));
  CHECK_THAT(server.page("/topics/gender"), Catch::Contains("Quarzite watch"));
  CHECK_THAT(server.page("/search?q=vorpelline"), Catch::Contains("/docs/en/quarzite-watch"));
  // ... and one written in place.
  kc::test::write_file(second, guide("Plain write", "The word tambourelle is only here."));
  const auto written = until([&] { return server.found("tambourelle") == 1; });
  REQUIRE(server.found("tambourelle") == 1);
  CHECK_THAT(server.page("/topics/gender"), Catch::Contains("Plain write"));

  // (2) An edit changes the page (the response cache follows).
  save_like_vim(first, guide("Quarzite watch", "The word glissomar replaced it."));
  const auto edited = until([&] { return server.page("/docs/en/quarzite-watch").find("glissomar") != std::string::npos; });
  CHECK_THAT(server.page("/docs/en/quarzite-watch"), Catch::Contains("glissomar") && !Catch::Contains("vorpelline"));
  CHECK(server.found("glissomar") == 1);
  CHECK(server.found("vorpelline") == 0);

  // (3) Broken front matter: `path:line:` on stderr, and the previous version stays online.
  kc::test::write_file(first, "---\ntitle: [unclosed\ntopic: gender\nlanguage: en\n---\nThe word brokkelund.\n");
  const std::regex problem_line(R"((^|\n)en/gender/quarzite-watch\.md:[0-9]+: [^\n]+\n)");
  const auto reported = until([&] { return std::regex_search(server.process().standard_error(), problem_line); });
  INFO(server.process().standard_error());
  REQUIRE(std::regex_search(server.process().standard_error(), problem_line));
  CHECK_THAT(server.process().standard_error(), Catch::Contains("still serving the last good version"));
  CHECK_THAT(server.page("/docs/en/quarzite-watch"), Catch::StartsWith("200\n") && Catch::Contains("glissomar"));
  CHECK(server.found("glissomar") == 1);
  CHECK(server.found("brokkelund") == 0);

  // A staff save while watching goes through the same lock (and is not undone by the watch).
  const auto saved = server.client().Put("/api/staff/guides/en/plain-write",
                                         {{"Authorization", "Bearer watch-token"}, {"If-Match", "*"}},
                                         guide("Plain write", "Staff wrote zinnoberak."), "text/markdown");
  REQUIRE(saved);
  CHECK(saved->status == 422);  // quarzite-watch.md is broken: the tree must stay valid
  save_like_vim(first, guide("Quarzite watch", "Fixed: the word glissomar and hydrangol."));
  until([&] { return server.found("hydrangol") == 1; });
  REQUIRE(server.found("hydrangol") == 1);

  // (4) Deleting a guide removes it from search and its page.
  fs::remove(second);
  const auto deleted = until([&] { return server.found("tambourelle") == 0; });
  CHECK(server.found("tambourelle") == 0);
  CHECK_THAT(server.page("/docs/en/plain-write"), Catch::StartsWith("404\n"));
  CHECK_THAT(server.page("/topics/gender"), !Catch::Contains("Plain write"));
  CHECK_THAT(server.page("/sitemap.xml"), !Catch::Contains("/docs/en/plain-write"));

  // A topic folder made after the start is watched too (the test corpus has no fr/gender/).
  const fs::path late = server.content.guide("fr/gender/arrive-tard.md");
  REQUIRE(!fs::exists(late.parent_path()));
  fs::create_directories(late.parent_path());
  kc::test::write_file(late, "---\ntitle: Arrivé tard\ntopic: gender\nlanguage: fr\n---\nLe mot quenouillard.\n");
  const auto late_found = until([&] { return server.found("quenouillard") == 1; });
  CHECK(server.found("quenouillard") == 1);

  CHECK(server.process().terminate() == 0);  // SIGTERM stops the watcher too: no hang
  CHECK_THAT(server.process().standard_error(), Catch::Contains("kc serve --watch: watching"));
  WARN("write to searchable: created " << created.count() << " ms, in place " << written.count() << " ms, edited "
                                       << edited.count() << " ms, problem printed " << reported.count()
                                       << " ms, deleted " << deleted.count() << " ms, new folder "
                                       << late_found.count() << " ms");
}

TEST_CASE("without --watch a hand edit waits for kc ingest and KC_WATCH=true turns watching on", "[http][watch]") {
  {
    WatchServer server({});
    kc::test::write_file(server.content.guide("en/gender/unwatched.md"), guide("Unwatched", "The word morvellian."));
    // The watching server above publishes within a second or two: three is long enough to
    // tell that nothing is watching here.
    until([&] { return server.found("morvellian") == 1; }, std::chrono::seconds(3));
    CHECK(server.found("morvellian") == 0);
    CHECK_THAT(server.process().standard_error(), !Catch::Contains("--watch"));
  }
  WatchServer server({}, {{"KC_WATCH", "true"}});
  kc::test::write_file(server.content.guide("en/gender/watched.md"), guide("Watched", "The word sarvelline."));
  until([&] { return server.found("sarvelline") == 1; });
  CHECK(server.found("sarvelline") == 1);
}
