#include <catch2/catch.hpp>

#include "render/report_views.h"

using namespace kc;

namespace {

stats::ReportRow row(const std::string& key, std::uint64_t counted) {
  stats::ReportRow result{key, counted, counted, {}, std::nullopt};
  for (const auto& reason : stats::kExclusionReasons) result.excluded[reason.name] = 0;
  result.excluded["head"] = 1;
  return result;
}

}  // namespace

TEST_CASE("a report renders as the JSON of the contract", "[render][stats]") {
  stats::Report report{{"2026-01-01", "2026-12-31", stats::Group::File, stats::EventKind::Download},
                       {row("files/a.pdf", 51)}};
  const auto json = render::report_json(report);
  CHECK(json["from"] == "2026-01-01");
  CHECK(json["to"] == "2026-12-31");
  CHECK(json["group"] == "file");
  CHECK(json["kind"] == "download");
  const auto& first = json["rows"][0];
  CHECK(first["key"] == "files/a.pdf");
  CHECK(first["counted"] == 51);
  CHECK(first["unique"] == 51);
  CHECK(first["excluded"].size() == 6);
  CHECK(first["excluded"]["head"] == 1);
  CHECK(first["excluded"]["range_continuation"] == 0);
  CHECK_FALSE(first.contains("spike"));

  report.query.group = stats::Group::Month;
  report.rows = {row("2026-01", 10), row("2026-02", 500)};
  report.rows[1].spike = "high";
  const auto monthly = render::report_json(report);
  CHECK(monthly["rows"][0]["spike"].is_null());
  CHECK(monthly["rows"][1]["spike"] == "high");
}

TEST_CASE("report CSV quotes as RFC 4180 and defuses spreadsheet formulas", "[render][stats]") {
  stats::Report report{{"2026-01-01", "2026-12-31", stats::Group::File, stats::EventKind::Download}, {}};
  const std::pair<const char*, const char*> cases[] = {
      {"files/a.pdf", "files/a.pdf"},
      {"files/a,b.pdf", "\"files/a,b.pdf\""},
      {"files/\"q\".pdf", "\"files/\"\"q\"\".pdf\""},
      {"files/line\nbreak.pdf", "\"files/line\nbreak.pdf\""},
      {"=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""},
      {"+1", "'+1"},
      {"-1", "'-1"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\tcmd", "'\tcmd"},
      {"files/résumé.pdf", "files/résumé.pdf"},
      {"", ""},
  };
  for (const auto& [key, cell] : cases) {
    INFO(key);
    report.rows = {row(key, 3)};
    CHECK(render::report_csv(report) ==
          "key,counted,unique,excluded_failed,excluded_head,excluded_robot,excluded_bulk,"
          "excluded_range_continuation,excluded_double_click\r\n" +
              std::string(cell) + ",3,3,0,1,0,0,0,0\r\n");
  }
}

TEST_CASE("a monthly CSV report has a spike column", "[render][stats]") {
  stats::Report report{{"2026-01-01", "2026-02-28", stats::Group::Month, stats::EventKind::View},
                       {row("2026-01", 1), row("2026-02", 2)}};
  report.rows[0].spike = "low";
  CHECK(render::report_csv(report) ==
        "key,counted,unique,excluded_failed,excluded_head,excluded_robot,excluded_bulk,"
        "excluded_range_continuation,excluded_double_click,spike\r\n"
        "2026-01,1,1,0,1,0,0,0,0,low\r\n"
        "2026-02,2,2,0,1,0,0,0,0,\r\n");
}

TEST_CASE("indicator progress renders as /api/indicators", "[render][stats]") {
  stats::IndicatorProgress progress;
  progress.indicator.id = "manual";
  progress.indicator.labels = {{"en", "Downloads of the manual"}, {"fr", "Téléchargements du manuel"}};
  progress.indicator.goals = {{"en", "goal"}};
  progress.indicator.counts = "downloads";
  progress.indicator.of_kind = "file";
  progress.indicator.of_values = {"files/manual.pdf"};
  progress.indicator.target = 200;
  progress.indicator.from = "2026-07-01";
  progress.indicator.by = "2027-12-31";
  progress.indicator.set_by = "plan";
  progress.indicator.first_due = "2005-06";
  progress.counted = 50;
  progress.share = 0.25;
  progress.expected = 0.1;
  progress.status = "on-track";
  progress.projected = "2027-01-15";
  progress.months = {{"2026-07", 20}, {"2026-08", 30}};
  const auto json = render::indicators_json({progress});
  const auto& first = json["indicators"][0];
  CHECK(first["id"] == "manual");
  CHECK(first["label"] == "Downloads of the manual");
  CHECK(first["labels"]["fr"] == "Téléchargements du manuel");
  CHECK(first["goal"] == "goal");
  CHECK(first["goals"] == nlohmann::json{{"en", "goal"}});
  CHECK(first["set_by"] == "plan");
  CHECK(first["first_due"] == "2005-06");
  CHECK(first["counts"] == "downloads");
  CHECK(first["of"] == nlohmann::json{{"file", "files/manual.pdf"}});
  CHECK(first["target"] == 200);
  CHECK(first["from"] == "2026-07-01");
  CHECK(first["by"] == "2027-12-31");
  CHECK(first["counted"] == 50);
  CHECK(first["share"] == 0.25);
  CHECK(first["expected"] == 0.1);
  CHECK(first["status"] == "on-track");
  CHECK(first["projected"] == "2027-01-15");
  CHECK(first["months"][1] == nlohmann::json{{"month", "2026-08"}, {"counted", 30}});
  progress.projected.reset();
  CHECK(render::indicators_json({progress})["indicators"][0]["projected"].is_null());
  progress.indicator.of_kind = "files";
  progress.indicator.of_values = {"files/manual.pdf", "files/manual.fr.pdf"};
  progress.indicator.set_by = "project";
  progress.indicator.first_due.clear();
  progress.indicator.goals.clear();
  const auto group = render::indicators_json({progress})["indicators"][0];
  CHECK(group["of"] == nlohmann::json{{"files", {"files/manual.pdf", "files/manual.fr.pdf"}}});
  CHECK(group["set_by"] == "project");
  CHECK(group["first_due"].is_null());
  CHECK(group["goal"].is_null());
}

TEST_CASE("zero-result searches render as rows", "[render][stats]") {
  const auto json = render::zero_searches_json({{"cyanide", "en", 3, "2026-03-12"}});
  CHECK(json ==
        nlohmann::json::parse(R"({"rows":[{"query":"cyanide","language":"en","count":3,"last":"2026-03-12"}]})"));
}
