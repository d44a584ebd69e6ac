#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <thread>

#include "render/report_views.h"
#include "stats/backup.h"
#include "stats/reports.h"
#include "stats/robots.h"
#include "support/process.h"
#include "support/test_server.h"

// kc as it is deployed: an installed layout (<prefix>/bin/kc, <prefix>/share/kc) started
// from a folder that is no checkout, a robot list that is never silently missing, and a
// backup of the event log taken while the server counts.

using Catch::Matchers::Contains;
using kc::test::Process;

namespace {

namespace fs = std::filesystem;

// <prefix>/bin/kc and <prefix>/share/kc/web, as cmake --install lays them out.
struct InstalledKc {
  InstalledKc() {
    fs::create_directories(prefix.path() / "bin");
    fs::create_directories(share());
    fs::copy_file(KC_BINARY, program());
    fs::copy(kc::test::web_dir(), share() / "web", fs::copy_options::recursive);
    content.ingest();
  }
  fs::path program() const { return prefix.path() / "bin" / "kc"; }
  fs::path share() const { return prefix.path() / "share" / "kc"; }
  fs::path robot_list() const { return share() / "crawler-user-agents.json"; }

  // kc serve from `elsewhere` (not a checkout), on a fresh port.
  std::unique_ptr<Process> serve(std::map<std::string, std::string> env = {}) {
    port = kc::test::free_port();
    env.emplace("KC_ROBOTS_FILE", "");  // only what this test sets
    return std::make_unique<Process>(program(),
                                     std::vector<std::string>{"serve", "--content", content.content().string(), "--index",
                                                              content.index().string(), "--data",
                                                              data.path().string(), "--port", std::to_string(port)},
                                     elsewhere.path(), env);
  }
  nlohmann::json healthz(Process& server) const {
    httplib::Client client("127.0.0.1", port);
    for (int attempt = 0; attempt < 200 && server.running(); ++attempt) {
      if (const auto result = client.Get("/healthz"); result && result->status == 200) {
        return nlohmann::json::parse(result->body);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    FAIL("kc serve did not answer /healthz: " << server.standard_error());
    return {};
  }

  kc::test::TempDir prefix, elsewhere, data;
  kc::test::ContentFixture content;
  int port = 0;
};

std::uint64_t all_events(const kc::stats::Report& report) {
  std::uint64_t events = 0;
  for (const auto& row : report.rows) {
    events += row.counted;
    for (const auto& [reason, count] : row.excluded) events += count;
  }
  return events;
}

kc::stats::Report downloads(const fs::path& data_dir) {
  return kc::stats::build_report(data_dir, {"2000-01-01", "2100-12-31", kc::stats::Group::File,
                                            kc::stats::EventKind::Download});
}

}  // namespace

TEST_CASE("kc serve without a robot list exits 2 naming where it looked, robots_file: none starts with 0 patterns",
          "[deploy][robots]") {
  InstalledKc kc;
  auto refused = kc.serve();
  CHECK(refused->wait(std::chrono::seconds(10)) == 2);
  const std::string message = refused->standard_error();
  CHECK_THAT(message, Contains("no robot list: looked for " + kc.robot_list().string()));
  CHECK_THAT(message, Contains("tools/setup.sh"));
  CHECK_THAT(message, Contains("robots_file: none"));

  auto missing_file = kc.serve({{"KC_ROBOTS_FILE", (kc.elsewhere.path() / "gone.json").string()}});
  CHECK(missing_file->wait(std::chrono::seconds(10)) == 2);
  CHECK_THAT(missing_file->standard_error(), Contains("robot list not found: " +
                                                      (kc.elsewhere.path() / "gone.json").string()));

  auto without = kc.serve({{"KC_ROBOTS_FILE", "none"}});
  CHECK(kc.healthz(*without)["robot_patterns"] == 0);
  CHECK(without->terminate() == 0);
}

TEST_CASE("an installed kc finds web/ and the robot list from its prefix, from any folder, and Googlebot is a robot",
          "[deploy][robots]") {
  InstalledKc kc;
  fs::copy_file(kc::test::robots_file(), kc.robot_list());  // the list tools/setup.sh installs; required
  const std::size_t patterns = kc::stats::RobotList(kc.robot_list(), {}).pattern_count();
  REQUIRE(patterns > 100);
  auto server = kc.serve();
  CHECK(kc.healthz(*server)["robot_patterns"] == patterns);
  httplib::Client client("127.0.0.1", kc.port);
  const auto home = client.Get("/");
  REQUIRE(home);
  CHECK(home->status == 200);  // templates found under share/kc/web
  CHECK_THAT(client.Get("/metrics")->body, Contains("kc_robot_patterns " + std::to_string(patterns)));
  const char* googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
  CHECK(client.Get("/files/manual.pdf", {{"User-Agent", googlebot}})->status == 200);
  CHECK(client.Get("/files/manual.pdf", {{"User-Agent", "Mozilla/5.0 (Linux; Android 12) Mobile"}})->status == 200);
  REQUIRE(server->terminate() == 0);

  const auto report = kc::test::run_command(kc.program().string() + " report --data " + kc.data.path().string() +
                                            " --from 2000-01-01 --to 2100-12-31 --format json");
  REQUIRE(report.status == 0);
  const auto row = nlohmann::json::parse(report.output)["rows"].at(0);
  INFO(report.output);
  CHECK(row["counted"] == 1);
  CHECK(row["excluded"]["robot"] == 1);
}

TEST_CASE("an installed kc ingest finds the stop-word lists from its prefix, and refuses without them",
          "[deploy][stop]") {
  InstalledKc kc;
  const fs::path index = kc.elsewhere.path() / "index";
  const std::string ingest = "cd " + kc.elsewhere.path().string() + " && " + kc.program().string() +
                             " ingest --content " + kc.content.content().string() + " --index " + index.string();
  const auto refused = kc::test::run_command(ingest + " 2>&1");
  CHECK(refused.status == 2);
  CHECK_THAT(refused.output, Contains("no stop-word lists: looked for " + (kc.share() / "stopwords").string()) &&
                                 Contains("tools/setup.sh"));
  CHECK(!fs::exists(index / "iamglass"));

  fs::copy(kc::test::stop_words_dir(), kc.share() / "stopwords");  // as cmake --install lays them out
  const auto ingested = kc::test::run_command(ingest);
  REQUIRE(ingested.status == 0);
  const auto found = nlohmann::json::parse(
      kc::test::run_command(kc.program().string() + " search 'how to use a retort' --lang en --json --index " +
                            index.string())
          .output);
  CHECK(found["results"].at(0)["id"] == "en/retort");
}

TEST_CASE("a backup taken during 16 downloading clients holds every event applied when it began, and loses none",
          "[deploy][backup][stats]") {
  kc::test::TestServer server;
  kc::test::TempDir backups;
  constexpr int kClients = 16;
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> answered{0}, failed{0};
  std::vector<std::thread> clients;
  for (int id = 0; id < kClients; ++id) {
    clients.emplace_back([&, id] {
      auto client = server.http();
      for (int i = 0; !stop; ++i) {
        const std::string agent = "client-" + std::to_string(id) + "-" + std::to_string(i);
        const auto result = client.Get("/files/manual.pdf", {{"User-Agent", agent}});
        (result && result->status == 200 ? answered : failed)++;
      }
    });
  }
  while (answered < 300) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  server.server().site().log.flush();
  const std::uint64_t applied_before = all_events(downloads(server.data()));
  // While the 16 clients go on: the backup, as `kc backup` takes it, from another process.
  const fs::path during = backups / "during" / "kc.sqlite";  // its folder is made by kc backup
  const auto backup = kc::test::run_command(std::string(KC_BINARY) + " backup --data " + server.data().string() +
                                            " --to " + during.string());
  const std::uint64_t answered_after_backup = answered;
  stop = true;
  for (auto& client : clients) client.join();
  REQUIRE(backup.status == 0);
  CHECK_THAT(backup.output, Contains("backed up "));
  CHECK(answered_after_backup > 300);  // the clients really ran across the backup
  CHECK(failed == 0);

  const std::uint64_t in_backup = all_events(downloads(during.parent_path()));
  CHECK(applied_before > 0);
  CHECK(in_backup >= applied_before);
  CHECK(in_backup <= answered);
  server.server().site().log.flush();
  CHECK(all_events(downloads(server.data())) == answered);  // nothing lost from the live log

  // Once the clients stop, a backup gives the same figures as the live log.
  const fs::path after = backups / "after" / "kc.sqlite";
  fs::create_directories(after.parent_path());
  kc::stats::backup(server.data(), after);
  CHECK(kc::render::report_json(downloads(after.parent_path())) == kc::render::report_json(downloads(server.data())));
}
