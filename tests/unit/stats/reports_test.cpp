#include <catch2/catch.hpp>

#include "stats/indicators.h"
#include "stats_fixture.h"

using namespace kc::stats;
using namespace kc::stats::test;

namespace {

std::string ip_number(int n) {
  return "10." + std::to_string(n / 65536 % 256) + "." + std::to_string(n / 256 % 256) + "." + std::to_string(n % 256);
}

// `count` downloads of one file by different visitors, a minute apart, from `when` on.
void downloads(DownloadLog& log, ManualClock& clock, const std::string& when, int count, int& visitor) {
  clock.set(when);
  for (int i = 0; i < count; ++i) {
    log.record_download(download("files/manual.pdf", ip_number(++visitor)));
    clock.advance_seconds(60);
  }
}

std::vector<std::string> keys(const Report& report) {
  std::vector<std::string> keys;
  for (const auto& row : report.rows) keys.push_back(row.key);
  return keys;
}

}  // namespace

TEST_CASE("reports group by file, work, topic, language, month and day", "[stats][reports]") {
  LogFixture fixture;
  {
    auto log = fixture.open();
    log->record_download(download("files/a.pdf"));
    fixture.clock.set("2026-04-02 12:00:00");
    RequestFacts other = download("files/b.pdf");
    other.work = "women-in-mining";
    other.topic = "gender";
    log->record_download(other);
    log->record_download(download("files/a.pdf", "192.0.2.44"));
  }
  CHECK(keys(fixture.report(Group::File)) == std::vector<std::string>{"files/a.pdf", "files/b.pdf"});
  CHECK(keys(fixture.report(Group::Doc)) == std::vector<std::string>{"retort", "women-in-mining"});
  CHECK(keys(fixture.report(Group::Topic)) == std::vector<std::string>{"best-practice", "gender"});
  CHECK(keys(fixture.report(Group::Language)) == std::vector<std::string>{""});
  CHECK(keys(fixture.report(Group::Day)) == std::vector<std::string>{"2026-03-10", "2026-04-02"});
  const Report months = fixture.report(Group::Month);
  REQUIRE(months.rows.size() == 12);
  CHECK(months.rows[0].key == "2026-01");
  CHECK(find_row(months, "2026-04")->counted == 2);
  CHECK(find_row(months, "2026-05")->counted == 0);
  CHECK(find_row(months, "2026-05")->excluded.size() == 6);
  CHECK(find_row(months, "2026-05")->excluded.at("robot") == 0);

  const Report march = fixture.report(Group::File, EventKind::Download, "2026-03-10", "2026-03-10");
  CHECK(keys(march) == std::vector<std::string>{"files/a.pdf"});
  CHECK(fixture.report(Group::File, EventKind::View).rows.empty());
}

TEST_CASE("reports refuse dates that are not YYYY-MM-DD and answer empty without a log", "[stats][reports]") {
  kc::test::TempDir dir;
  CHECK_THROWS_AS(build_report(dir.path(), {"2026-01-01", "tomorrow", Group::File, EventKind::Download}), StatsError);
  CHECK_THROWS_AS(zero_result_searches(dir.path(), "2026-02-30", "2026-03-01"), StatsError);
  CHECK(build_report(dir.path(), {"2026-01-01", "2026-12-31", Group::File, EventKind::Download}).rows.empty());
  CHECK(build_report(dir.path(), {"2026-01-01", "2026-03-31", Group::Month, EventKind::Download}, "2026-12-31")
            .rows.size() == 3);
  CHECK(zero_result_searches(dir.path(), "2026-01-01", "2026-12-31").empty());
}

TEST_CASE("group and kind names read back", "[stats][reports]") {
  for (const Group group : {Group::File, Group::Doc, Group::Topic, Group::Language, Group::Month, Group::Day}) {
    CHECK(parse_group(to_string(group)) == group);
  }
  CHECK_FALSE(parse_group("week"));
  CHECK(parse_event_kind("view") == EventKind::View);
  CHECK_FALSE(parse_event_kind("click"));
}

TEST_CASE("monthly rows flag high and low spikes against the previous 12 months", "[stats][reports]") {
  LogFixture fixture;
  int visitor = 0;
  {
    auto log = fixture.open();
    for (int month = 1; month <= 12; ++month) {
      downloads(*log, fixture.clock, format_month(*parse_day("2025-01-01") + 31 * (month - 1)) + "-05 08:00:00", 30,
                visitor);
    }
    downloads(*log, fixture.clock, "2026-01-05 08:00:00", 200, visitor);  // >= 3 × 30 + 100 = 190
    // February 2026: nothing at all, against an average of (11 × 30 + 200) / 12 ≈ 44
    downloads(*log, fixture.clock, "2026-03-05 08:00:00", 30, visitor);
  }
  ReportQuery query{"2025-01-01", "2026-03-31", Group::Month, EventKind::Download};
  const Report report = build_report(fixture.data_dir(), query, "2026-12-31");
  REQUIRE(report.rows.size() == 15);
  CHECK_FALSE(find_row(report, "2025-01")->spike);  // no previous month
  CHECK_FALSE(find_row(report, "2025-12")->spike);
  CHECK(find_row(report, "2026-01")->spike == "high");
  CHECK(find_row(report, "2026-02")->spike == "low");
  CHECK_FALSE(find_row(report, "2026-03")->spike);

  SECTION("a month that is not over is never low, and later months are not listed") {
    const Report early = build_report(fixture.data_dir(), query, "2026-02-15");
    CHECK(early.rows.size() == 14);
    CHECK_FALSE(early.rows.back().spike);
  }
  SECTION("the spike compares whole months even when the range starts mid-month") {
    query.from = "2026-01-20";
    CHECK(build_report(fixture.data_dir(), query, "2026-12-31").rows.front().spike == "high");
  }
}

TEST_CASE("retention folds old months into aggregates that reports still show", "[stats][reports]") {
  LogFixture fixture;
  fixture.clock.set("2023-03-15 10:00:00");
  {
    auto log = fixture.open();
    log->record_download(download("files/manual.pdf", "192.0.2.1"));
    fixture.clock.advance_seconds(61);
    log->record_download(download("files/manual.pdf", "192.0.2.1"));
    log->record_download(download("files/manual.pdf", "192.0.2.2"));
    RequestFacts head = download("files/manual.pdf", "192.0.2.3");
    head.head = true;
    log->record_download(head);
    log->record_view(view("retort", "en"));
    fixture.clock.advance_seconds(40);
    log->record_view(view("retort", "fr"));
  }
  auto snapshot = [&] {
    std::vector<Report> reports;
    for (const Group group : {Group::File, Group::Doc, Group::Topic, Group::Month}) {
      for (const EventKind kind : {EventKind::Download, EventKind::View}) {
        reports.push_back(build_report(fixture.data_dir(), {"2023-01-01", "2023-12-31", group, kind}, "2026-02-01"));
      }
    }
    return reports;
  };
  const auto before = snapshot();
  const ReportRow& file = *find_row(before[0], "files/manual.pdf");
  CHECK(file.counted == 3);
  CHECK(file.unique == 2);
  CHECK(file.excluded.at("head") == 1);
  kc::content::Indicator indicator;
  indicator.id = "manual";
  indicator.counts = "downloads";
  indicator.of_kind = "file";
  indicator.of_values = {"files/manual.pdf"};
  indicator.target = 10;
  indicator.from = "2023-01-01";
  indicator.by = "2023-12-31";
  kc::content::Indicator group = indicator;  // the manual's language versions, counted together
  group.of_kind = "files";
  group.of_values = {"files/manual.pdf", "files/manual.fr.pdf"};
  CHECK(indicator_progress(fixture.data_dir(), {indicator}, "2026-02-01")[0].counted == 3);

  fixture.clock.set("2026-02-01 00:00:01");  // retention 24 months: raw from 2024-01-01 on
  fixture.open()->record_download(download("files/manual.pdf"));
  CHECK(fixture.scalar("SELECT count(*) FROM events") == 1);
  CHECK(fixture.scalar("SELECT count(*) FROM monthly") > 0);

  const auto after = snapshot();
  for (std::size_t r = 0; r < before.size(); ++r) {
    INFO(to_string(before[r].query.group) << " " << to_string(before[r].query.kind));
    REQUIRE(before[r].rows.size() == after[r].rows.size());
    for (std::size_t i = 0; i < before[r].rows.size(); ++i) {
      CHECK(after[r].rows[i].key == before[r].rows[i].key);
      CHECK(after[r].rows[i].counted == before[r].rows[i].counted);
      CHECK(after[r].rows[i].unique == before[r].rows[i].unique);
      CHECK(after[r].rows[i].excluded == before[r].rows[i].excluded);
    }
  }
  CHECK(indicator_progress(fixture.data_dir(), {indicator}, "2026-02-01")[0].counted == 3);
  CHECK(indicator_progress(fixture.data_dir(), {group}, "2026-02-01")[0].counted == 3);  // from the folded months
  // Folded months have no days, and count in a range only when it holds their first day.
  CHECK(build_report(fixture.data_dir(), {"2023-01-01", "2023-12-31", Group::Day, EventKind::Download}).rows.empty());
  CHECK(build_report(fixture.data_dir(), {"2023-03-02", "2023-12-31", Group::File, EventKind::Download}).rows.empty());
  // A second start folds nothing twice.
  fixture.open();
  CHECK(find_row(build_report(fixture.data_dir(), {"2023-01-01", "2023-12-31", Group::File, EventKind::Download}),
                 "files/manual.pdf")
            ->counted == 3);
}

TEST_CASE("every exclusion reason is reported, raw and after retention folded it", "[stats][reports]") {
  LogFixture fixture;
  kc::test::write_file(fixture.dir / "robots.json", R"([{"pattern": "Googlebot\\/"}])");
  fixture.options.robots_file = fixture.dir / "robots.json";
  fixture.options.bulk_files_per_minute = 2;
  fixture.clock.set("2023-03-15 10:00:00");
  {
    auto log = fixture.open();
    RequestFacts failed = download("files/manual.pdf", "192.0.2.1");
    failed.status = 404;
    CHECK(log->record_download(failed) == Exclusion::Failed);
    RequestFacts head = download("files/manual.pdf", "192.0.2.2");
    head.head = true;
    CHECK(log->record_download(head) == Exclusion::Head);
    CHECK(log->record_download(download("files/manual.pdf", "192.0.2.3", "Googlebot/2.1")) == Exclusion::Robot);
    for (const char* file : {"files/a.pdf", "files/b.pdf"}) log->record_download(download(file, "192.0.2.4"));
    CHECK(log->record_download(download("files/manual.pdf", "192.0.2.4")) == Exclusion::Bulk);
    RequestFacts resumed = download("files/manual.pdf", "192.0.2.5");
    resumed.range_start = 1000;
    CHECK(log->record_download(resumed) == Exclusion::RangeContinuation);
    log->record_download(download("files/manual.pdf", "192.0.2.6"));
    fixture.clock.advance_seconds(10);
    log->record_download(download("files/manual.pdf", "192.0.2.6"));  // re-marks the one before
  }
  const ReportQuery query{"2023-01-01", "2023-12-31", Group::File, EventKind::Download};
  auto manual = [&] { return *find_row(build_report(fixture.data_dir(), query, "2026-02-01"), "files/manual.pdf"); };
  const ReportRow raw = manual();
  REQUIRE(raw.excluded.size() == std::size(kExclusionReasons));
  for (const auto& reason : kExclusionReasons) {
    INFO(reason.name);
    CHECK(raw.excluded.at(reason.name) == 1);
  }
  CHECK(raw.counted == 1);

  fixture.clock.set("2026-02-01 00:00:01");  // retention 24 months: 2023 is folded
  fixture.open();
  REQUIRE(fixture.scalar("SELECT count(*) FROM events") == 0);
  const ReportRow folded = manual();
  CHECK(folded.excluded == raw.excluded);
  CHECK(folded.counted == raw.counted);
  CHECK(folded.unique == raw.unique);
}

TEST_CASE("the monthly table gets a column for a reason it lacks when opened for writing", "[stats][reports]") {
  LogFixture fixture;
  fixture.open();
  {
    SQLite::Database db((fixture.data_dir() / "kc.sqlite").string(), SQLite::OPEN_READWRITE);
    db.exec("ALTER TABLE monthly DROP COLUMN double_click");  // as a file from before the reason existed
  }
  REQUIRE(fixture.scalar("SELECT count(*) FROM pragma_table_info('monthly') WHERE name = 'double_click'") == 0);
  fixture.open();
  CHECK(fixture.scalar("SELECT count(*) FROM pragma_table_info('monthly') WHERE name = 'double_click'") == 1);
  CHECK(fixture.report(Group::File).rows.empty());
}
