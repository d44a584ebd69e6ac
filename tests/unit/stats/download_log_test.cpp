#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "stats/journal.h"
#include "stats_fixture.h"

using namespace kc::stats;
using namespace kc::stats::test;

namespace {

// Three Googlebot-like patterns and the okhttp one, as in crawler-user-agents.json.
constexpr const char* kSmallRobotList =
    R"([{"pattern": "Googlebot\\/"}, {"pattern": "bingbot"}, {"pattern": "okhttp"}, {"pattern": "[wW]get"}])";

// Records a download of each file in a child process that then dies by kill -9; true
// when it did.
bool record_then_kill(LogFixture& fixture, const std::vector<std::string>& files) {
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    try {
      DownloadLog log(fixture.options, fixture.clock.clock());
      for (const auto& file : files) log.record_download(download(file));
      raise(SIGKILL);
    } catch (...) {
    }
    _exit(1);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

ReportRow only_row(const Report& report) {
  REQUIRE(report.rows.size() == 1);
  return report.rows.front();
}

}  // namespace

TEST_CASE("three downloads of one file by one visitor within 30 s count once", "[stats][log]") {
  LogFixture fixture;
  {
    auto log = fixture.open();
    for (int i = 0; i < 3; ++i) {
      CHECK(log->record_download(download("files/manual.pdf")) == Exclusion::None);
      fixture.clock.advance_seconds(10);
    }
  }
  const ReportRow row = only_row(fixture.report(Group::File));
  CHECK(row.key == "files/manual.pdf");
  CHECK(row.counted == 1);
  CHECK(row.unique == 1);
  CHECK(row.excluded.at("double_click") == 2);
}

TEST_CASE("two downloads 31 s apart count twice", "[stats][log]") {
  LogFixture fixture;
  {
    auto log = fixture.open();
    log->record_download(download("files/manual.pdf"));
    fixture.clock.advance_seconds(31);
    log->record_download(download("files/manual.pdf"));
  }
  const ReportRow row = only_row(fixture.report(Group::File));
  CHECK(row.counted == 2);
  CHECK(row.unique == 1);
  CHECK(row.excluded.at("double_click") == 0);
}

TEST_CASE("clicks at 0, 20 and 40 s count once, and it is the one at 40 s that counts", "[stats][log]") {
  LogFixture fixture;
  {
    auto log = fixture.open();
    for (int i = 0; i < 3; ++i) {
      log->record_download(download("files/manual.pdf"));
      fixture.clock.advance_seconds(20);
    }
  }
  CHECK(fixture.reasons() == std::vector<std::string>{"double_click", "double_click", ""});
  CHECK(only_row(fixture.report(Group::File)).counted == 1);
}

TEST_CASE("a robot's download does not count and an allow-listed one does", "[stats][log]") {
  LogFixture fixture;
  kc::test::write_file(fixture.dir / "robots.json", kSmallRobotList);
  fixture.options.robots_file = fixture.dir / "robots.json";
  fixture.options.robot_allow_list = {"OkHttp"};
  {
    auto log = fixture.open();
    CHECK(log->record_download(download("files/a.pdf", "192.0.2.1",
                                        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")) ==
          Exclusion::Robot);
    CHECK(log->record_download(download("files/a.pdf", "192.0.2.2", "Wget/1.21.3")) == Exclusion::Robot);
    CHECK(log->record_download(download("files/a.pdf", "192.0.2.3", "okhttp/4.9.2")) == Exclusion::None);
  }
  const ReportRow row = only_row(fixture.report(Group::File));
  CHECK(row.counted == 1);
  CHECK(row.excluded.at("robot") == 2);
  CHECK(fixture.scalar("SELECT count(*) FROM events WHERE agent = 'robot'") == 2);
}

TEST_CASE("a resumed download counts once", "[stats][log]") {
  LogFixture fixture;
  {
    auto log = fixture.open();
    RequestFacts first = download("files/manual.pdf");
    first.status = 206;
    first.range_start = 0;
    CHECK(log->record_download(first) == Exclusion::None);
    fixture.clock.advance_seconds(45);
    RequestFacts resumed = first;
    resumed.range_start = 1'048'576;
    CHECK(log->record_download(resumed) == Exclusion::RangeContinuation);
  }
  const ReportRow row = only_row(fixture.report(Group::File));
  CHECK(row.counted == 1);
  CHECK(row.excluded.at("range_continuation") == 1);
}

TEST_CASE("HEAD requests and 404s do not count", "[stats][log]") {
  LogFixture fixture;
  {
    auto log = fixture.open();
    RequestFacts head = download("files/manual.pdf");
    head.head = true;
    CHECK(log->record_download(head) == Exclusion::Head);
    RequestFacts missing = download("files/missing.pdf");
    missing.status = 404;
    CHECK(log->record_download(missing) == Exclusion::Failed);
  }
  const Report report = fixture.report(Group::File);
  REQUIRE(report.rows.size() == 2);
  for (const auto& row : report.rows) CHECK(row.counted == 0);
  CHECK(find_row(report, "files/manual.pdf")->excluded.at("head") == 1);
  CHECK(find_row(report, "files/missing.pdf")->excluded.at("failed") == 1);
}

TEST_CASE("a guide read in English and in French in one session is one unique item", "[stats][log]") {
  LogFixture fixture;
  {
    auto log = fixture.open();
    log->record_view(view("retort", "en"));
    fixture.clock.advance_seconds(40);  // > 30 s: both count
    log->record_view(view("retort", "fr"));
  }
  const ReportRow row = only_row(fixture.report(Group::Doc, EventKind::View));
  CHECK(row.key == "retort");
  CHECK(row.counted == 2);
  CHECK(row.unique == 1);
  const Report by_language = fixture.report(Group::Language, EventKind::View);
  CHECK(find_row(by_language, "en")->counted == 1);
  CHECK(find_row(by_language, "fr")->counted == 1);
}

TEST_CASE("a new hour is a new session for unique counts", "[stats][log]") {
  LogFixture fixture;
  fixture.clock.set("2026-03-10 09:59:50");
  {
    auto log = fixture.open();
    log->record_download(download("files/manual.pdf"));
    fixture.clock.advance_seconds(40);
    log->record_download(download("files/manual.pdf"));
  }
  const ReportRow row = only_row(fixture.report(Group::File));
  CHECK(row.counted == 2);
  CHECK(row.unique == 2);
}

TEST_CASE("a visitor fetching more different files than the limit in a minute is bulk", "[stats][log]") {
  LogFixture fixture;
  fixture.options.bulk_files_per_minute = 3;
  {
    auto log = fixture.open();
    for (int i = 1; i <= 5; ++i) {
      log->record_download(download("files/f" + std::to_string(i) + ".pdf"));
      fixture.clock.advance_seconds(5);
    }
    log->record_download(download("files/f1.pdf", "198.51.100.9"));  // someone else is not affected
    fixture.clock.advance_seconds(60);
    CHECK(log->record_download(download("files/f6.pdf")) == Exclusion::None);
  }
  CHECK(fixture.reasons() == std::vector<std::string>{"", "", "", "bulk", "bulk", "", ""});
}

TEST_CASE("bulk applies to views of different guides", "[stats][log]") {
  LogFixture fixture;
  fixture.options.bulk_files_per_minute = 2;
  {
    auto log = fixture.open();
    for (const char* work : {"a", "b", "c"}) log->record_view(view(work, "en"));
  }
  CHECK(fixture.reasons() == std::vector<std::string>{"", "", "bulk"});
}

TEST_CASE("a download is in the journal before record_download returns, and applied once", "[stats][log]") {
  LogFixture fixture;
  fixture.options.apply_delay = std::chrono::hours(1);
  auto log = fixture.open();
  log->record_download(download("files/manual.pdf"));
  CHECK(log->events_committed() == 1);
  CHECK(fixture.scalar("SELECT count(*) FROM events") == 0);  // the applier has not run yet
  catch_up(fixture.data_dir());  // what kc report does: another connection applies the journal
  CHECK(fixture.scalar("SELECT count(*) FROM events") == 1);
  log->record_download(download("files/manual.pdf", "198.51.100.1"));
  log.reset();  // the log's own applier starts where catch_up stopped
  CHECK(fixture.scalar("SELECT count(*) FROM events") == 2);
}

TEST_CASE("events reach the database within the apply delay, and by flush", "[stats][log]") {
  LogFixture fixture;
  fixture.options.apply_delay = std::chrono::milliseconds(20);
  auto log = fixture.open();
  log->record_view(view("retort", "en"));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (fixture.scalar("SELECT count(*) FROM events") < 1 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(fixture.scalar("SELECT count(*) FROM events") == 1);

  LogFixture slow;
  slow.options.apply_delay = std::chrono::hours(1);
  auto slow_log = slow.open();
  slow_log->record_view(view("retort", "en"));
  slow_log->record_zero_result_search("cyanide", "en");
  CHECK(slow.scalar("SELECT count(*) FROM events") == 0);
  slow_log->flush();
  CHECK(slow.scalar("SELECT count(*) FROM events") == 1);
  CHECK(slow.scalar("SELECT count(*) FROM zero_searches") == 1);
}

TEST_CASE("the destructor applies everything journaled", "[stats][log]") {
  LogFixture fixture;
  fixture.options.apply_delay = std::chrono::hours(1);
  fixture.open()->record_view(view("retort", "en"));
  CHECK(fixture.scalar("SELECT count(*) FROM events") == 1);
}

TEST_CASE("a committed download survives kill -9", "[stats][log]") {
  LogFixture fixture;
  CHECK(record_then_kill(fixture, {"files/manual.pdf"}));
  CHECK(only_row(fixture.report(Group::File)).counted == 1);
}

TEST_CASE("a double click across a restart is still caught", "[stats][log]") {
  LogFixture fixture;
  fixture.open()->record_download(download("files/manual.pdf"));
  fixture.clock.advance_seconds(10);
  fixture.open()->record_download(download("files/manual.pdf"));
  CHECK(fixture.reasons() == std::vector<std::string>{"double_click", ""});
}

TEST_CASE("after kill -9 the next start applies the journal and the rules carry on", "[stats][log]") {
  LogFixture fixture;
  fixture.options.apply_delay = std::chrono::hours(1);  // nothing reaches SQLite before the kill
  CHECK(record_then_kill(fixture, {"files/manual.pdf", "files/other.pdf"}));
  CHECK(fixture.scalar("SELECT count(*) FROM events") == 0);
  fixture.clock.advance_seconds(10);
  {
    auto log = fixture.open();  // recovery
    CHECK(fixture.scalar("SELECT count(*) FROM events") == 2);
    log->record_download(download("files/manual.pdf"));  // a double click of the first, across the crash
  }
  CHECK(fixture.reasons() == std::vector<std::string>{"double_click", "", ""});
  CHECK(kc::stats::journal_segments(fixture.data_dir()).size() == 1);  // applied segments are removed
}

TEST_CASE("64 threads recording downloads at once lose none", "[stats][log]") {
  constexpr int kThreads = 64;
  constexpr int kEach = 25;
  LogFixture fixture;
  {
    auto log = fixture.open();
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&log, t] {
        for (int i = 0; i < kEach; ++i) {
          log->record_download(download("files/f" + std::to_string(i) + ".pdf", "10.0.0." + std::to_string(t)));
        }
      });
    }
    for (auto& thread : threads) thread.join();
    CHECK(log->events_committed() == kThreads * kEach);
  }
  CHECK(fixture.scalar("SELECT count(*) FROM events") == kThreads * kEach);
  std::uint64_t total = 0;
  for (const auto& row : fixture.report(Group::File).rows) total += all_events(row);
  CHECK(total == kThreads * kEach);
}

TEST_CASE("counted plus every exclusion is every event", "[stats][log]") {
  LogFixture fixture;
  kc::test::write_file(fixture.dir / "robots.json", kSmallRobotList);
  fixture.options.robots_file = fixture.dir / "robots.json";
  fixture.options.bulk_files_per_minute = 3;
  int recorded = 0;
  {
    auto log = fixture.open();
    for (int i = 0; i < 3; ++i) {  // a double click, then a bulk visitor
      log->record_download(download("files/dc.pdf", "10.2.0.1"));
      ++recorded;
    }
    for (int i = 0; i < 6; ++i) {
      log->record_download(download("files/b" + std::to_string(i) + ".pdf", "10.2.0.2"));
      ++recorded;
    }
    for (int i = 0; i < 60; ++i) {
      RequestFacts facts = download("files/f" + std::to_string(i % 7) + ".pdf", "10.1.0." + std::to_string(i % 5),
                                    i % 11 == 0 ? "bingbot/2.0" : kPhoneUa);
      facts.status = i % 13 == 0 ? 500 : (i % 3 == 0 ? 206 : 200);
      facts.head = i % 17 == 0;
      if (facts.status == 206) facts.range_start = i % 2 == 0 ? 0 : 4096;
      log->record_download(facts);
      ++recorded;
      fixture.clock.advance_seconds(3);
    }
  }
  for (const Group group : {Group::File, Group::Doc, Group::Topic, Group::Language, Group::Month, Group::Day}) {
    INFO(to_string(group));
    const Report report = fixture.report(group);
    std::uint64_t total = 0;
    for (const auto& row : report.rows) {
      CHECK(row.excluded.size() == 6);
      total += all_events(row);
    }
    CHECK(total == static_cast<std::uint64_t>(recorded));
  }
  const Report by_day = fixture.report(Group::Day);
  REQUIRE(by_day.rows.size() == 1);
  const ReportRow& row = by_day.rows.front();
  for (const char* reason : {"failed", "head", "robot", "bulk", "range_continuation", "double_click"}) {
    INFO(reason);
    CHECK(row.excluded.at(reason) > 0);
  }
}

TEST_CASE("zero-result searches are counted per day, query and language", "[stats][log]") {
  LogFixture fixture;
  {
    auto log = fixture.open();
    log->record_zero_result_search("cyanide leach", "en");
    log->record_zero_result_search("  cyanide leach ", "en");
    log->record_zero_result_search("", "en");
    fixture.clock.set("2026-03-12 08:00:00");
    log->record_zero_result_search("cyanide leach", "en");
    log->record_zero_result_search("lixiviation", "fr");
  }
  const auto rows = zero_result_searches(fixture.data_dir(), "2026-03-01", "2026-03-31");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].query == "cyanide leach");
  CHECK(rows[0].language == "en");
  CHECK(rows[0].count == 3);
  CHECK(rows[0].last == "2026-03-12");
  CHECK(rows[1].query == "lixiviation");
  CHECK(zero_result_searches(fixture.data_dir(), "2026-03-11", "2026-03-31")[0].count == 1);
  CHECK(fixture.scalar("SELECT count(*) FROM events") == 0);
}

TEST_CASE("bad options are refused", "[stats][log]") {
  LogOptions options;
  options.bulk_files_per_minute = 0;
  CHECK_THROWS_AS(options.validate(), std::invalid_argument);
  LogFixture fixture;
  fixture.options.robots_file = fixture.dir / "missing.json";
  CHECK_THROWS_AS(fixture.open(), StatsError);
}

TEST_CASE("idle cost of one record_download and throughput with 64 threads", "[.bench]") {
  LogFixture fixture;
  auto log = fixture.open();
  constexpr int kIdle = 2000;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kIdle; ++i) log->record_download(download("files/f.pdf", "10.9.0." + std::to_string(i % 250)));
  const double idle_us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / kIdle;
  constexpr int kThreads = 64;
  constexpr int kEach = 500;
  std::vector<std::thread> threads;
  start = std::chrono::steady_clock::now();
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&log, t] {
      for (int i = 0; i < kEach; ++i) log->record_download(download("files/g.pdf", "10.8." + std::to_string(t) + ".1"));
    });
  }
  for (auto& thread : threads) thread.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WARN("idle record_download: " << idle_us << " us; 64 threads: " << kThreads * kEach / seconds << " events/s");
}
