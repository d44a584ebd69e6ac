// The staff dashboard's model on a real content tree (a copy of the test corpus) and a
// real event log (SQLite in a temp folder): languages present, missing and stale, broken
// links, counts of the month and the zero-result searches.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "content/corpus.h"
#include "staff/dashboard.h"
#include "stats/download_log.h"
#include "support/fixture.h"
#include "support/temp_dir.h"

using namespace kc;

namespace {

const staff::WorkRow* find_work(const staff::Dashboard& dashboard, const std::string& work) {
  for (const auto& row : dashboard.works) {
    if (row.work == work) return &row;
  }
  return nullptr;
}

const staff::LanguageCell& cell(const staff::WorkRow& row, const std::string& language) {
  for (const auto& cell : row.languages) {
    if (cell.language == language) return cell;
  }
  FAIL("no cell for " << language);
  throw std::logic_error("unreachable");
}

void append(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::app);
  out << text;
}

std::chrono::system_clock::time_point utc(int days_since_epoch, int hour) {
  return std::chrono::system_clock::time_point(std::chrono::hours(24 * days_since_epoch + hour));
}

// 2026-03-10 is day 20522 since 1970-01-01.
constexpr int kMarch10 = 20522;

}  // namespace

TEST_CASE("dashboard: every work with its four languages, present or missing", "[staff][dashboard]") {
  test::ContentFixture fixture;
  const content::Corpus corpus = fixture.load_valid();
  test::TempDir data;
  const staff::Dashboard dashboard = staff::build_dashboard({&corpus, data.path(), "2026-03-10", {}});
  const staff::WorkRow* retort = find_work(dashboard, "retort");
  REQUIRE(retort != nullptr);
  CHECK(retort->title == "Recovering gold with a retort");
  REQUIRE(retort->languages.size() == 4);
  CHECK(retort->languages[0].language == "en");
  CHECK(cell(*retort, "en").state == staff::LanguageState::Present);
  CHECK(cell(*retort, "fr").slug == "retorte");
  CHECK(cell(*retort, "es").state == staff::LanguageState::Missing);
  CHECK(cell(*retort, "pt").state == staff::LanguageState::Missing);
  // A work with no English: its own guide is the one shown, the others are missing.
  const staff::WorkRow* child = find_work(dashboard, "trabajo-infantil");
  REQUIRE(child != nullptr);
  CHECK(child->source_language == "es");
  CHECK(cell(*child, "es").state == staff::LanguageState::Present);
  CHECK(cell(*child, "en").state == staff::LanguageState::Missing);
  CHECK(dashboard.broken_links.empty());
  CHECK(dashboard.month == "2026-03");
}

TEST_CASE("dashboard: a translation is stale when the English changed after it was saved", "[staff][dashboard]") {
  test::ContentFixture fixture;
  const content::Corpus corpus = fixture.load_valid();
  test::TempDir data;
  namespace fs = std::filesystem;
  const auto now = fs::file_time_type::clock::now();

  SECTION("from the files' times when there is no history") {
    fs::last_write_time(fixture.guide("fr/best-practice/retorte.md"), now - std::chrono::hours(2));
    fs::last_write_time(fixture.guide("en/best-practice/retort.md"), now - std::chrono::hours(1));
    fs::last_write_time(fixture.guide("fr/hiv-aids/prevention-vih.md"), now - std::chrono::hours(1));
    fs::last_write_time(fixture.guide("en/hiv-aids/hiv-prevention.md"), now - std::chrono::hours(2));
    const auto dashboard = staff::build_dashboard({&corpus, data.path(), "2026-03-10", {}});
    const auto& retorte = cell(*find_work(dashboard, "retort"), "fr");
    CHECK(retorte.state == staff::LanguageState::Stale);
    CHECK(retorte.made_from.empty());  // the English has no version as old as the translation
    CHECK_FALSE(retorte.source_now.empty());
    CHECK(cell(*find_work(dashboard, "hiv-prevention"), "fr").state == staff::LanguageState::Present);
  }

  SECTION("from a history: which English version the translation was made from") {
    const staff::FileHistory history = [](const std::string& path) -> std::vector<staff::FileVersion> {
      if (path == "en/best-practice/retort.md") return {{"c3", 3}, {"c1", 1}};
      if (path == "fr/best-practice/retorte.md") return {{"c2", 2}};
      if (path == "en/hiv-aids/hiv-prevention.md") return {{"c1", 1}};
      if (path == "fr/hiv-aids/prevention-vih.md") return {{"c4", 4}};
      return {};
    };
    const auto dashboard = staff::build_dashboard({&corpus, data.path(), "2026-03-10", history});
    const auto& retorte = cell(*find_work(dashboard, "retort"), "fr");
    CHECK(retorte.state == staff::LanguageState::Stale);
    CHECK(retorte.made_from == "c1");
    CHECK(retorte.source_now == "c3");
    const auto& vih = cell(*find_work(dashboard, "hiv-prevention"), "fr");
    CHECK(vih.state == staff::LanguageState::Present);
    CHECK(vih.made_from == "c1");
    CHECK(vih.source_now == "c1");
    CHECK(cell(*find_work(dashboard, "retort"), "en").state == staff::LanguageState::Present);
  }
}

TEST_CASE("dashboard: broken links with their guide and line", "[staff][dashboard]") {
  test::ContentFixture fixture;
  append(fixture.guide("en/gender/finance-access.md"), "\nSee [the old page](/docs/en/no-such-guide).\n");
  const content::LoadedCorpus loaded = content::load_corpus(fixture.content());
  REQUIRE_FALSE(loaded.problems.empty());  // the loader reports it too; the dashboard lists it
  test::TempDir data;
  const auto dashboard = staff::build_dashboard({&loaded.corpus, data.path(), "2026-03-10", {}});
  REQUIRE(dashboard.broken_links.size() == 1);
  CHECK(dashboard.broken_links[0].guide.path == "en/gender/finance-access.md");
  CHECK(dashboard.broken_links[0].url == "/docs/en/no-such-guide");
  CHECK(dashboard.broken_links[0].line > 1);
}

TEST_CASE("dashboard: this month's views and downloads per work, zero-result searches of 30 days",
          "[staff][dashboard]") {
  test::ContentFixture fixture;
  const content::Corpus corpus = fixture.load_valid();
  test::TempDir data;
  {
    std::chrono::system_clock::time_point now = utc(kMarch10, 9);
    stats::LogOptions options;
    options.data_dir = data.path();
    stats::DownloadLog log(options, [&now] { return now; });
    const auto make = [](stats::EventKind kind, const std::string& ip) {
      stats::RequestFacts facts;
      facts.kind = kind;
      facts.work = "retort";
      facts.topic = "best-practice";
      facts.bytes = 1000;
      facts.client_ip = ip;
      facts.user_agent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0";
      if (kind == stats::EventKind::View) {
        facts.item = "retort";
        facts.document = "en/retort";
        facts.language = "en";
      } else {
        facts.item = facts.file = "files/manual.pdf";
      }
      return facts;
    };
    log.record_view(make(stats::EventKind::View, "192.0.2.1"));
    log.record_view(make(stats::EventKind::View, "192.0.2.2"));
    log.record_download(make(stats::EventKind::Download, "192.0.2.3"));
    now = utc(kMarch10 - 20, 9);  // February: not this month
    log.record_view(make(stats::EventKind::View, "192.0.2.4"));
    log.record_zero_result_search("cyanide leaching", "en");
    now = utc(kMarch10 - 40, 9);  // over 30 days ago
    log.record_zero_result_search("dredging", "en");
    log.flush();
  }
  const auto dashboard = staff::build_dashboard({&corpus, data.path(), "2026-03-10", {}});
  REQUIRE(dashboard.stats_available);
  const staff::WorkRow* retort = find_work(dashboard, "retort");
  CHECK(retort->views == 2);
  CHECK(retort->downloads == 1);
  CHECK(find_work(dashboard, "shaft-safety")->views == 0);
  REQUIRE(dashboard.zero_searches.size() == 1);
  CHECK(dashboard.zero_searches[0].query == "cyanide leaching");
}

TEST_CASE("dashboard: drafts, scheduled guides and guides due for review", "[staff][dashboard]") {
  test::ContentFixture fixture;
  const auto front = [&](const std::string& guide, const std::string& lines) {
    const auto path = fixture.guide(guide);
    const std::string text = test::read_file(path);
    test::write_file(path, "---\n" + lines + text.substr(4));
  };
  front("en/gender/finance-access.md", "draft: true\n");
  front("en/best-practice/shaft-safety.md", "review_by: 2026-03-01\n");
  front("en/hiv-aids/hiv-prevention.md", "review_by: 2026-04-01\n");
  const content::LoadedCorpus loaded = content::load_corpus(fixture.content());
  INFO((loaded.problems.empty() ? "" : content::to_string(loaded.problems.front())));
  test::TempDir data;
  const auto dashboard = staff::build_dashboard({&loaded.corpus, data.path(), "2026-03-10", {}});
  REQUIRE(dashboard.drafts.size() == 1);
  CHECK(dashboard.drafts[0].slug == "finance-access");
  REQUIRE(dashboard.review_due.size() == 1);
  CHECK(dashboard.review_due[0].slug == "shaft-safety");
  CHECK(dashboard.review_due[0].date == "2026-03-01");
  // The retort guide is published 2026-03-01: on 2026-02-20 it is still scheduled.
  const auto before = staff::build_dashboard({&loaded.corpus, data.path(), "2026-02-20", {}});
  bool retort_scheduled = false;
  for (const auto& guide : before.scheduled) retort_scheduled = retort_scheduled || guide.slug == "retort";
  CHECK(retort_scheduled);
  CHECK(before.review_due.empty());
}
