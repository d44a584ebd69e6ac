#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <fstream>
#include <thread>

#include "support/test_server.h"

using kc::test::TestServer;
using Catch::Matchers::Contains;

namespace {

// A clock the test moves by hand, starting at 2026-11-27 10:00:00 UTC.
struct ManualClock {
  std::atomic<long long> offset_ms{0};
  std::chrono::system_clock::time_point now() const {
    return std::chrono::system_clock::from_time_t(1795773600) + std::chrono::milliseconds(offset_ms.load());
  }
  void advance(std::chrono::milliseconds by) { offset_ms += by.count(); }
};

struct CountingServer {
  explicit CountingServer(std::function<void(kc::http::ServerOptions&)> configure = {})
      : server([this, configure](kc::http::ServerOptions& options) {
          options.clock = [this] { return clock.now(); };
          options.trusted_proxies = {"127.0.0.1"};
          options.log.robot_allow_list = {"okhttp"};
          if (configure) configure(options);
        }) {}

  // A request from the visitor `ip` with user-agent `agent`.
  int get(const std::string& path, const std::string& ip, const std::string& agent = "Mozilla/5.0 (Linux; Android 12) Mobile",
          httplib::Headers extra = {}) {
    extra.emplace("X-Forwarded-For", ip);
    extra.emplace("User-Agent", agent);
    const auto result = server.http().Get(path.c_str(), extra);
    REQUIRE(result);
    return result->status;
  }

  nlohmann::json report(const std::string& group, const std::string& kind = "download") {
    server.server().site().log.flush();
    const auto result = server.http().Get(
        ("/api/stats/downloads?from=2026-11-27&to=2026-11-27&group=" + group + "&kind=" + kind).c_str(),
        {{"Authorization", "Bearer analyst-secret-token"}});
    REQUIRE(result);
    REQUIRE(result->status == 200);
    return nlohmann::json::parse(result->body);
  }

  nlohmann::json row(const std::string& group, const std::string& key, const std::string& kind = "download") {
    const auto full = report(group, kind);
    UNSCOPED_INFO(full.dump());  // shown only when a check fails
    for (const auto& row : full["rows"]) {
      if (row["key"] == key) return row;
    }
    return {{"key", key}, {"counted", 0}, {"unique", 0}};
  }

  ManualClock clock;
  TestServer server;
};

const std::string kFile = "/files/manual.pdf";
const std::string kItem = "files/manual.pdf";

}  // namespace

TEST_CASE("three downloads within 30 s count once, 31 s apart count twice", "[http][stats]") {
  CountingServer counting;
  for (int i = 0; i < 3; ++i) {
    CHECK(counting.get(kFile, "10.0.0.1") == 200);
    counting.clock.advance(std::chrono::seconds(10));
  }
  CHECK(counting.row("file", kItem)["counted"] == 1);
  counting.clock.advance(std::chrono::seconds(60));
  counting.get(kFile, "10.0.0.2");
  counting.clock.advance(std::chrono::seconds(31));
  counting.get(kFile, "10.0.0.2");
  const auto row = counting.row("file", kItem);
  CHECK(row["counted"] == 3);
  CHECK(row["excluded"]["double_click"] == 2);
}

TEST_CASE("clicks at 0, 20 and 40 s count once", "[http][stats]") {
  CountingServer counting;
  for (int i = 0; i < 3; ++i) {
    counting.get(kFile, "10.0.0.3");
    counting.clock.advance(std::chrono::seconds(20));
  }
  CHECK(counting.row("file", kItem)["counted"] == 1);
}

TEST_CASE("robots count 0, an allow-listed agent counts, HEAD and 404 count 0", "[http][stats]") {
  CountingServer counting;
  counting.get(kFile, "10.0.0.4", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
  counting.get(kFile, "10.0.0.5", "okhttp/4.9.2");
  CHECK(counting.get("/files/missing.pdf", "10.0.0.6") == 404);
  httplib::Headers headers{{"X-Forwarded-For", "10.0.0.7"}, {"User-Agent", "curl/8"}};
  CHECK(counting.server.http().Head(kFile.c_str(), headers)->status == 200);
  const auto row = counting.row("file", kItem);
  CHECK(row["counted"] == 1);
  CHECK(row["excluded"]["head"] == 1);
  CHECK(row["excluded"]["robot"] == 1);
  CHECK(counting.row("file", "files/missing.pdf")["excluded"]["failed"] == 1);
}

TEST_CASE("a manual's language versions count as one indicator target, shown in the UI language", "[http][stats][indicators]") {
  CountingServer counting;
  auto& content = counting.server.content();
  kc::test::write_file(content.content() / "files" / "manual.fr.pdf", kc::test::read_file(content.content() / "files" / "manual.pdf"));
  kc::test::write_file(content.content() / "indicators.yaml",
                       "- id: manual\n"
                       "  label: { en: Downloads of the manual (all languages), fr: Téléchargements du manuel (toutes langues) }\n"
                       "  goal: { en: Improved environmental sustainability, fr: Une meilleure durabilité environnementale }\n"
                       "  counts: downloads\n"
                       "  of: { files: [files/manual.pdf, files/manual.fr.pdf] }\n"
                       "  target: 10\n  from: 2026-07-01\n  by: 2027-12-31\n  set_by: plan\n  first_due: 2005-06\n"
                       "- id: manual-fr\n"
                       "  label: Downloads of the French manual\n"
                       "  counts: downloads\n"
                       "  of: { file: files/manual.fr.pdf }\n"
                       "  target: 5\n  from: 2026-07-01\n  by: 2027-12-31\n  set_by: project\n");
  content.ingest();
  CHECK(counting.get(kFile, "10.0.0.1") == 200);
  CHECK(counting.get("/files/manual.fr.pdf", "10.0.0.2") == 200);
  CHECK(counting.get("/files/manual.fr.pdf", "10.0.0.3") == 200);
  CHECK(counting.get("/files/manual.fr.pdf", "10.0.0.3") == 200);  // a double click: the later one counts, once
  counting.server.server().site().log.flush();

  const auto result = counting.server.http().Get("/api/indicators");
  REQUIRE(result);
  REQUIRE(result->status == 200);
  const auto json = nlohmann::json::parse(result->body);
  REQUIRE(json["indicators"].size() == 2);
  const auto& group = json["indicators"][0];
  CHECK(group["of"] == nlohmann::json{{"files", {"files/manual.pdf", "files/manual.fr.pdf"}}});
  CHECK(group["counted"] == 3);  // 1 English + 2 French: one target
  CHECK(group["labels"]["fr"] == "Téléchargements du manuel (toutes langues)");
  CHECK(group["set_by"] == "plan");
  CHECK(group["first_due"] == "2005-06");
  CHECK(json["indicators"][1]["counted"] == 2);
  CHECK(json["indicators"][1]["set_by"] == "project");

  const auto french = counting.server.http().Get("/indicators?ui=fr");
  REQUIRE(french->status == 200);
  CHECK_THAT(french->body, Contains("lang=\"fr\">Téléchargements du manuel (toutes langues)</h2>"));
  CHECK_THAT(french->body, Contains("<span lang=\"fr\">Une meilleure durabilité environnementale</span>"));
  CHECK_THAT(french->body, Contains("Le plan stratégique : 10 téléchargements, d’abord prévus pour juin 2005 ; objectif "
                                    "reconduit du 1 juillet 2026 au 31 décembre 2027."));
  CHECK_THAT(french->body, Contains("lang=\"en\">Downloads of the French manual <span class=\"chip\" lang=\"fr\">Objectif "
                                    "propre au projet</span>"));
}

TEST_CASE("a resumed download counts once", "[http][stats]") {
  CountingServer counting;
  const std::string phone = "Mozilla/5.0 (Linux; Android 10; K) Chrome/120.0 Mobile Safari/537.36";
  CHECK(counting.get(kFile, "10.0.0.8", phone, {{"Range", "bytes=0-"}}) == 206);
  counting.clock.advance(std::chrono::seconds(120));
  CHECK(counting.get(kFile, "10.0.0.8", phone, {{"Range", "bytes=10-"}}) == 206);
  const auto row = counting.row("file", kItem);
  CHECK(row["counted"] == 1);
  CHECK(row["excluded"]["range_continuation"] == 1);
}

TEST_CASE("a download whose file is gone by the time it is opened is a failed event, not a counted one",
          "[http][stats][files]") {
  // The handler finds the file; then, before the server opens it, it is removed.
  CountingServer counting([](kc::http::ServerOptions& options) {
    options.before_open = [](const std::string& path) {
      if (path.find("vanishing") != std::string::npos) std::filesystem::remove(path);
    };
  });
  const auto files = counting.server.content().content() / "files";
  kc::test::write_file(files / "vanishing-small.pdf", std::string(5000, 's'));
  kc::test::write_file(files / "vanishing-large.bin", std::string(1 << 20, 'l'));  // streamed in chunks
  for (const std::string name : {"vanishing-small.pdf", "vanishing-large.bin"}) {
    INFO(name);
    CHECK(counting.get("/files/" + name, "10.0.0.20") == 500);
    const auto row = counting.row("file", "files/" + name);
    CHECK(row["counted"] == 0);
    CHECK(row["excluded"]["failed"] == 1);
  }
  CHECK(counting.get(kFile, "10.0.0.20") == 200);  // the server goes on serving and counting
  CHECK(counting.row("file", kItem)["counted"] == 1);
}

TEST_CASE("views of a guide in English and French are one unique item per session", "[http][stats]") {
  CountingServer counting;
  counting.get("/docs/en/retort", "10.0.0.9");
  counting.clock.advance(std::chrono::seconds(40));
  counting.get("/docs/fr/retorte", "10.0.0.9");
  const auto row = counting.row("doc", "retort", "view");
  CHECK(row["counted"] == 2);
  CHECK(row["unique"] == 1);
}

TEST_CASE("the stats endpoints refuse a missing or wrong token", "[http][stats][auth]") {
  CountingServer counting;
  auto client = counting.server.http();
  const auto missing = client.Get("/api/stats/downloads");
  CHECK(missing->status == 401);
  CHECK(missing->get_header_value("WWW-Authenticate") == "Bearer");
  CHECK(client.Get("/api/stats/downloads", {{"Authorization", "Bearer wrong"}})->status == 401);
  CHECK(client.Get("/api/stats/downloads", {{"Authorization", "Bearer staff-secret-token"}})->status == 403);
  CHECK(client.Get("/api/stats/searches?zero=1", {{"Authorization", "Bearer staff-secret-token"}})->status == 200);
  CHECK(client.Get("/api/stats/downloads?format=csv", {{"Authorization", "Bearer analyst-secret-token"}})
            ->get_header_value("Content-Type") == "text/csv; charset=utf-8");
}

TEST_CASE("zero-result searches are listed for staff", "[http][stats]") {
  CountingServer counting;
  counting.get("/search?q=quuxite", "10.0.0.10");
  counting.get("/search?q=quuxite", "10.0.0.11");  // the second page comes from the response cache
  counting.server.server().site().log.flush();
  const auto result = counting.server.http().Get("/api/stats/searches?zero=1&from=2026-11-01&to=2026-11-30",
                                                 {{"Authorization", "Bearer staff-secret-token"}});
  CHECK_THAT(result->body, Contains("\"query\":\"quuxite\"") && Contains("\"count\":2"));
}

TEST_CASE("a guide page served from the response cache still counts its view", "[http][stats][cache]") {
  CountingServer counting;
  counting.get("/docs/en/retort", "10.0.0.12");
  counting.get("/docs/en/retort", "10.0.0.13");
  counting.get("/docs/en/retort", "10.0.0.14", "Googlebot/2.1 (+http://www.google.com/bot.html)");
  CHECK(counting.server.server().site().cache.figures().hits == 2);
  const auto row = counting.row("doc", "retort", "view");
  CHECK(row["counted"] == 2);
  CHECK(row["excluded"]["robot"] == 1);
}

TEST_CASE("no IP address or token is ever written to the database", "[http][stats][privacy]") {
  CountingServer counting;
  counting.get(kFile, "203.0.113.77");
  counting.get("/docs/en/retort", "203.0.113.77");
  counting.get("/search?q=quuxite", "203.0.113.77");
  counting.server.http().Get("/api/stats/downloads", {{"Authorization", "Bearer analyst-secret-token"}});
  counting.server.server().site().log.flush();
  for (const auto& entry : std::filesystem::directory_iterator(counting.server.data())) {
    const std::string bytes = kc::test::read_file(entry.path());
    INFO(entry.path());
    CHECK(bytes.find("203.0.113.77") == std::string::npos);
    CHECK(bytes.find("127.0.0.1") == std::string::npos);
    CHECK(bytes.find("analyst-secret-token") == std::string::npos);
  }
}

TEST_CASE("kill -9 right after the N-th download's response leaves N events", "[http][stats][durability]") {
  kc::test::ContentFixture content;
  content.ingest();
  kc::test::TempDir data;
  const int port = kc::test::free_port();
  const pid_t child = fork();
  if (child == 0) {
    execl(KC_BINARY, KC_BINARY, "serve", "--content", content.content().c_str(), "--index", content.index().c_str(),
          "--data", data.path().c_str(), "--port", std::to_string(port).c_str(), "--threads", "2",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  httplib::Client client("127.0.0.1", port);
  for (int attempt = 0; attempt < 200 && !client.Get("/healthz"); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  constexpr int kDownloads = 50;
  int answered = 0;
  for (int i = 0; i < kDownloads; ++i) {
    const auto result = client.Get("/files/manual.pdf", {{"User-Agent", "agent-" + std::to_string(i)}});
    if (result && result->status == 200) ++answered;
  }
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  REQUIRE(answered == kDownloads);
  // The analyst's view: kc report applies what the killed server left in its journal.
  const std::string command = std::string(KC_BINARY) + " report --data " + data.path().string() +
                              " --from 2000-01-01 --to 2100-12-31 --group file --format json";
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string output;
  char buffer[4096];
  while (const std::size_t got = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, got);
  REQUIRE(::pclose(pipe) == 0);
  INFO(output);
  const auto report = nlohmann::json::parse(output);
  std::uint64_t events = 0;
  for (const auto& row : report["rows"]) {
    events += row["counted"].get<std::uint64_t>();
    for (const auto& [reason, count] : row["excluded"].items()) events += count.get<std::uint64_t>();
  }
  CHECK(events == kDownloads);
}
