#pragma once
// Shared by the stats tests: a clock the test moves by hand, request builders, a log in a
// temp folder, and a read-only look at the events table (to see which event counts).
#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "stats/calendar.h"
#include "stats/download_log.h"
#include "stats/reports.h"
#include "support/temp_dir.h"

namespace kc::stats::test {

constexpr const char* kPhoneUa =
    "Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 "
    "Mobile Safari/537.36";

// "YYYY-MM-DD HH:MM:SS" (UTC) → ms since the epoch.
inline std::int64_t at(const std::string& when) {
  const std::int64_t day = parse_day_or_throw(when.substr(0, 10), "test time");
  const int hours = std::stoi(when.substr(11, 2));
  const int minutes = std::stoi(when.substr(14, 2));
  const int seconds = std::stoi(when.substr(17, 2));
  return day * kMillisPerDay + ((hours * 60 + minutes) * 60 + seconds) * 1000LL;
}

class ManualClock {
 public:
  explicit ManualClock(const std::string& when) : millis_(at(when)) {}
  void set(const std::string& when) { millis_ = at(when); }
  void advance(std::chrono::milliseconds by) { millis_ += by.count(); }
  void advance_seconds(int seconds) { millis_ += seconds * 1000LL; }
  Clock clock() {
    return [this] { return std::chrono::system_clock::time_point(std::chrono::milliseconds(millis_.load())); };
  }

 private:
  std::atomic<std::int64_t> millis_;
};

inline RequestFacts download(const std::string& file, const std::string& ip = "203.0.113.7",
                             const std::string& user_agent = kPhoneUa) {
  RequestFacts facts;
  facts.kind = EventKind::Download;
  facts.item = file;
  facts.file = file;
  facts.work = "retort";
  facts.topic = "best-practice";
  facts.bytes = 1000;
  facts.client_ip = ip;
  facts.user_agent = user_agent;
  return facts;
}

inline RequestFacts view(const std::string& work, const std::string& language, const std::string& ip = "203.0.113.7",
                         const std::string& user_agent = kPhoneUa) {
  RequestFacts facts;
  facts.kind = EventKind::View;
  facts.item = work;
  facts.document = language + "/" + work;
  facts.work = work;
  facts.language = language;
  facts.topic = "best-practice";
  facts.bytes = 5000;
  facts.client_ip = ip;
  facts.user_agent = user_agent;
  return facts;
}

// A temp data folder and a clock starting at 2026-03-10 09:00:00 UTC.
struct LogFixture {
  kc::test::TempDir dir;
  ManualClock clock{"2026-03-10 09:00:00"};
  LogOptions options;

  LogFixture() { options.data_dir = dir.path() / "data"; }
  std::unique_ptr<DownloadLog> open() { return std::make_unique<DownloadLog>(options, clock.clock()); }
  std::filesystem::path data_dir() const { return options.data_dir; }

  Report report(Group group, EventKind kind = EventKind::Download, const std::string& from = "2026-01-01",
                const std::string& to = "2026-12-31") const {
    catch_up(data_dir());  // as kc report does: a log killed with -9 left events in the journal
    return build_report(data_dir(), {from, to, group, kind}, "2026-12-31");
  }

  // The reasons of the stored events, in the order they were recorded ("" = counts).
  std::vector<std::string> reasons() const {
    SQLite::Database db((data_dir() / "kc.sqlite").string(), SQLite::OPEN_READONLY);
    SQLite::Statement select(db, "SELECT reason FROM events ORDER BY id");
    std::vector<std::string> reasons;
    while (select.executeStep()) reasons.push_back(select.getColumn(0).getString());
    return reasons;
  }

  std::int64_t scalar(const std::string& sql) const {
    SQLite::Database db((data_dir() / "kc.sqlite").string(), SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getInt64();
  }
};

inline const ReportRow* find_row(const Report& report, const std::string& key) {
  for (const auto& row : report.rows) {
    if (row.key == key) return &row;
  }
  return nullptr;
}

inline std::uint64_t all_events(const ReportRow& row) {
  std::uint64_t total = row.counted;
  for (const auto& [reason, count] : row.excluded) total += count;
  return total;
}

}  // namespace kc::stats::test
