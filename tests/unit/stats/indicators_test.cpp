#include <catch2/catch.hpp>

#include "stats/indicators.h"
#include "stats_fixture.h"

using namespace kc::stats;
using namespace kc::stats::test;
using kc::content::Indicator;

namespace {

Indicator manual(long long target, const std::string& of_kind = "file",
                 const std::string& of_value = "files/manual.pdf", const std::string& counts = "downloads") {
  Indicator indicator;
  indicator.id = "manual";
  indicator.labels = {{"en", "Downloads of the manual"}};
  indicator.counts = counts;
  indicator.of_kind = of_kind;
  indicator.of_values = {of_value};
  indicator.target = target;
  indicator.from = "2026-01-01";
  indicator.by = "2026-12-31";
  return indicator;
}

// Five visitors download the manual on 2026-01-10; one reads the retort guide in two languages.
struct IndicatorFixture : LogFixture {
  IndicatorFixture() {
    clock.set("2026-01-10 08:00:00");
    auto log = open();
    for (int i = 1; i <= 5; ++i) log->record_download(download("files/manual.pdf", "192.0.2." + std::to_string(i)));
    log->record_view(view("retort", "en"));
    clock.advance_seconds(40);
    log->record_view(view("retort", "fr"));
  }

  IndicatorProgress progress(const Indicator& indicator, const std::string& today) const {
    return indicator_progress(data_dir(), {indicator}, today).at(0);
  }
};

}  // namespace

TEST_CASE("an indicator's status compares its share with the linear pace", "[stats][indicators]") {
  const IndicatorFixture fixture;
  const struct {
    long long target;
    const char* today;
    const char* status;
    std::optional<std::string> projected;
  } cases[] = {
      // 5 of 10 after 31 of 365 days: ahead of the pace; 10 × 31 / 5 = 62 days → March 3.
      {10, "2026-01-31", "on-track", "2026-03-03"},
      // 5 of 10 after 335 days: behind; 10 × 335 / 5 = 670 days, past `by`.
      {10, "2026-12-01", "behind", "2027-11-01"},
      {10, "2027-01-05", "closed-missed", "2027-12-31"},
      // met: the day the target was reached.
      {5, "2026-01-31", "met", "2026-01-10"},
      {5, "2027-01-05", "closed-met", "2026-01-10"},
  };
  for (const auto& test : cases) {
    INFO(test.target << " by " << test.today);
    const auto progress = fixture.progress(manual(test.target), test.today);
    CHECK(progress.counted == 5);
    CHECK(progress.share == Approx(5.0 / static_cast<double>(test.target)));
    CHECK(progress.status == test.status);
    CHECK(progress.projected == test.projected);
  }
  CHECK(fixture.progress(manual(10), "2026-01-31").expected == Approx(31.0 / 365));
  CHECK(fixture.progress(manual(10), "2025-12-01").expected == 0);
  CHECK(fixture.progress(manual(10), "2027-06-01").expected == 1);
}

TEST_CASE("an indicator with nothing counted has no projection", "[stats][indicators]") {
  const IndicatorFixture fixture;
  const auto progress = fixture.progress(manual(10, "file", "files/other.pdf"), "2026-01-31");
  CHECK(progress.counted == 0);
  CHECK(progress.status == "behind");
  CHECK_FALSE(progress.projected);
  CHECK(fixture.progress(manual(10, "file", "files/other.pdf"), "2025-12-31").status == "on-track");
}

TEST_CASE("indicators count a file, all translations of a work, or a topic", "[stats][indicators]") {
  const IndicatorFixture fixture;
  CHECK(fixture.progress(manual(10, "doc", "retort", "views"), "2026-01-31").counted == 2);
  CHECK(fixture.progress(manual(10, "doc", "retort", "downloads"), "2026-01-31").counted == 5);
  CHECK(fixture.progress(manual(10, "topic", "best-practice", "downloads"), "2026-01-31").counted == 5);
  CHECK(fixture.progress(manual(10, "topic", "gender", "downloads"), "2026-01-31").counted == 0);
  CHECK_THROWS_AS(fixture.progress(manual(10, "country", "GH"), "2026-01-31"), StatsError);
  CHECK_THROWS_AS(fixture.progress(manual(10, "file", "files/manual.pdf", "clicks"), "2026-01-31"), StatsError);
  CHECK_THROWS_AS(fixture.progress(manual(10), "31/01/2026"), StatsError);
}

TEST_CASE("a group of files (a manual's language versions) counts as one target", "[stats][indicators]") {
  IndicatorFixture fixture;
  {
    auto log = fixture.open();
    for (int i = 1; i <= 2; ++i) log->record_download(download("files/manual.fr.pdf", "198.51.100." + std::to_string(i)));
    log->record_download(download("files/manual.pt.pdf", "198.51.100.9"));
    log->record_download(download("files/other.pdf", "198.51.100.10"));
  }
  Indicator group = manual(10);
  group.of_kind = "files";
  group.of_values = {"files/manual.pdf", "files/manual.fr.pdf", "files/manual.es.pdf", "files/manual.pt.pdf"};
  const auto progress = fixture.progress(group, "2026-01-31");
  CHECK(progress.counted == 8);  // 5 English + 2 French + 1 Portuguese; none in Spanish; other.pdf is not the manual
  CHECK(progress.months.at(0).counted == 8);
  group.of_values.push_back("files/manual.fr.pdf");  // named twice, still counted once
  CHECK(fixture.progress(group, "2026-01-31").counted == 8);
  CHECK(fixture.progress(manual(10, "file", "files/manual.fr.pdf"), "2026-01-31").counted == 2);
  group.of_values.clear();
  CHECK_THROWS_AS(fixture.progress(group, "2026-01-31"), StatsError);
}

TEST_CASE("an indicator lists every month so far with its count", "[stats][indicators]") {
  const IndicatorFixture fixture;
  const auto progress = fixture.progress(manual(10), "2026-03-15");
  REQUIRE(progress.months.size() == 3);
  CHECK(progress.months[0].month == "2026-01");
  CHECK(progress.months[0].counted == 5);
  CHECK(progress.months[2].month == "2026-03");
  CHECK(progress.months[2].counted == 0);
  CHECK(fixture.progress(manual(10), "2027-03-15").months.size() == 12);
  CHECK(fixture.progress(manual(10), "2025-03-15").months.empty());
}
