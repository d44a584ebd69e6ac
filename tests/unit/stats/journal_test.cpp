#include <catch2/catch.hpp>
#include <SQLiteCpp/SQLiteCpp.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "stats/download_log.h"
#include "stats/event_record.h"
#include "stats/journal.h"
#include "support/temp_dir.h"

using namespace kc::stats;

namespace {

// Every record from `from` on (up to `until`), and where the reader stopped.
std::vector<std::string> read_all(const std::filesystem::path& dir, JournalPosition from = {},
                                  std::optional<JournalPosition> until = std::nullopt,
                                  JournalPosition* stopped = nullptr) {
  JournalReader reader(dir, from, until);
  std::vector<std::string> records;
  while (const auto payload = reader.next()) records.emplace_back(*payload);
  if (stopped) *stopped = reader.position();
  return records;
}

void truncate_by(const std::filesystem::path& file, std::uintmax_t bytes) {
  std::filesystem::resize_file(file, std::filesystem::file_size(file) - bytes);
}

// A download of files/manual.pdf by visitor "v", as the log journals it.
void append_download(JournalWriter& writer, std::int64_t id, std::optional<std::int64_t> remark = std::nullopt,
                     Exclusion reason = Exclusion::None) {
  LoggedEvent event;
  event.facts.item = event.facts.file = "files/manual.pdf";
  event.id = id;
  event.visitor = "v";
  event.reason = reason;
  event.remark = remark;
  std::string bytes;
  encode(event, bytes);
  writer.append(bytes);
}

}  // namespace

TEST_CASE("journal records come back in order, and a reader resumes where it stopped", "[stats][journal]") {
  kc::test::TempDir dir;
  JournalWriter writer(dir.path(), 1);
  writer.append("first");
  writer.append("second");
  JournalPosition stopped;
  CHECK(read_all(dir.path(), {}, std::nullopt, &stopped) == std::vector<std::string>{"first", "second"});
  CHECK(stopped == writer.end());
  writer.append("third");
  CHECK(read_all(dir.path(), stopped) == std::vector<std::string>{"third"});
  CHECK(read_all(dir.path(), {}, stopped) == std::vector<std::string>{"first", "second"});  // a limit is kept
}

TEST_CASE("a record cut short ends a growing segment and is skipped in a sealed one", "[stats][journal]") {
  kc::test::TempDir dir;
  {
    JournalWriter writer(dir.path(), 7);
    writer.append("kept");
    writer.append("cut short");
  }
  truncate_by(segment_path(dir.path(), 7), 3);
  JournalPosition stopped;
  CHECK(read_all(dir.path(), {}, std::nullopt, &stopped) == std::vector<std::string>{"kept"});
  CHECK(read_all(dir.path(), stopped).empty());  // it may still be being written: wait

  JournalWriter next(dir.path(), 8);  // segment 7 is sealed now
  next.append("after");
  CHECK(read_all(dir.path(), stopped, std::nullopt, &stopped) == std::vector<std::string>{"after"});
  CHECK(stopped == next.end());
}

TEST_CASE("a damaged byte ends the segment's records there", "[stats][journal]") {
  kc::test::TempDir dir;
  { JournalWriter(dir.path(), 1).append("abcdef"); }
  std::string bytes = kc::test::read_file(segment_path(dir.path(), 1));
  bytes[bytes.size() - 2] ^= 0x20;
  kc::test::write_file(segment_path(dir.path(), 1), bytes);
  CHECK(read_all(dir.path()).empty());
}

TEST_CASE("the journal writer starts a new segment past the segment size", "[stats][journal]") {
  kc::test::TempDir dir;
  JournalWriter writer(dir.path(), 1);
  const std::string record(64 * 1024, 'x');
  const std::size_t count = kSegmentBytes / record.size() + 2;
  for (std::size_t i = 0; i < count; ++i) writer.append(record);
  CHECK(journal_segments(dir.path()) == std::vector<std::uint64_t>{1, 2});
  CHECK(read_all(dir.path()).size() == count);
  remove_segments_before(dir.path(), 2);
  CHECK(journal_segments(dir.path()) == std::vector<std::uint64_t>{2});
}

TEST_CASE("a file that is not a journal is refused with its name", "[stats][journal]") {
  kc::test::TempDir dir;
  kc::test::write_file(segment_path(dir.path(), 3), "not a journal at all");
  CHECK_THROWS_WITH(read_all(dir.path()), Catch::Matchers::Contains("events-0000000000000003.journal"));
}

// A real failed write: the file size limit makes writev(2) stop part-way, as a full disk
// would. The writer must not append after the torn record: the next one opens a segment.
TEST_CASE("after a failed write the journal goes on in a new segment", "[stats][journal]") {
  kc::test::TempDir dir;
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    signal(SIGXFSZ, SIG_IGN);
    int failures = 0;
    JournalWriter writer(dir.path(), 1);
    writer.append("before");
    const rlimit limit{100, RLIM_INFINITY};
    setrlimit(RLIMIT_FSIZE, &limit);
    try {
      writer.append(std::string(200, 'y'));
    } catch (const StatsError&) {
      ++failures;
    }
    writer.append("after");
    _exit(failures == 1 && writer.end().segment == 2 ? 0 : 1);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(read_all(dir.path()) == std::vector<std::string>{"before", "after"});
}

TEST_CASE("an event record decodes to what was encoded", "[stats][journal]") {
  LoggedEvent event;
  event.facts.kind = EventKind::View;
  event.facts.item = "retort";
  event.facts.document = "fr/retort";
  event.facts.work = "retort";
  event.facts.language = "fr";
  event.facts.topic = "mercury";
  event.facts.status = 206;
  event.facts.head = true;
  event.facts.range_start = 4096;
  event.facts.bytes = 123456789012;
  event.id = 42;
  event.time = 1795773600123;
  event.visitor = std::string(64, 'a');
  event.agent = "browser";
  event.reason = Exclusion::RangeContinuation;
  event.remark = 41;
  std::string bytes;
  encode(event, bytes);
  const auto decoded = std::get<LoggedEvent>(decode(bytes));
  CHECK(decoded.id == 42);
  CHECK(decoded.time == event.time);
  CHECK(decoded.remark == std::optional<std::int64_t>(41));
  CHECK(decoded.reason == Exclusion::RangeContinuation);
  CHECK(decoded.agent == "browser");
  CHECK(decoded.visitor == event.visitor);
  CHECK(decoded.facts.kind == EventKind::View);
  CHECK(decoded.facts.document == "fr/retort");
  CHECK(decoded.facts.range_start == std::optional<std::uint64_t>(4096));
  CHECK(decoded.facts.bytes == 123456789012u);
  CHECK(decoded.facts.head);
  CHECK(decoded.facts.status == 206);

  std::string search;
  encode(ZeroResultSearch{"2026-11-27", "cyanide", "en"}, search);
  CHECK(std::get<ZeroResultSearch>(decode(search)).query == "cyanide");
  CHECK_THROWS_AS(decode(bytes.substr(0, bytes.size() - 1)), StatsError);
  CHECK_THROWS_AS(decode(bytes + "x"), StatsError);
  CHECK_THROWS_AS(decode("Z"), StatsError);
}

TEST_CASE("a record that does not decode is skipped, and the ones after it are applied", "[stats][journal]") {
  kc::test::TempDir dir;
  {
    JournalWriter writer(dir.path(), 1);
    writer.append("Zsomething a newer kc wrote");
    append_download(writer, 1);
  }
  catch_up(dir.path());
  SQLite::Database db((dir.path() / "kc.sqlite").string(), SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("SELECT count(*) FROM events").getInt() == 1);
}

TEST_CASE("a double click re-marks its earlier event, still held back or already written", "[stats][journal]") {
  kc::test::TempDir dir;
  {
    JournalWriter first(dir.path(), 1);
    append_download(first, 1);
  }
  catch_up(dir.path());  // event 1 is in the database before event 2 re-marks it
  {
    JournalWriter writer(dir.path(), 2);
    append_download(writer, 2, 1);
    append_download(writer, 3);
    append_download(writer, 4, 3);  // 3 is still held back
    append_download(writer, 5, std::nullopt, Exclusion::Robot);
    append_download(writer, 6, 5);  // a robot's event keeps its own reason
    for (std::int64_t id = 7; id <= 5000; ++id) append_download(writer, id);
    append_download(writer, 5001, 7);  // more events than are held back came between
  }
  catch_up(dir.path());
  SQLite::Database db((dir.path() / "kc.sqlite").string(), SQLite::OPEN_READONLY);
  const auto reason = [&](int id) {
    return db.execAndGet("SELECT reason FROM events WHERE id = " + std::to_string(id)).getString();
  };
  CHECK(reason(1) == "double_click");
  CHECK(reason(2) == "");
  CHECK(reason(3) == "double_click");
  CHECK(reason(4) == "");
  CHECK(reason(5) == "robot");
  CHECK(reason(6) == "");
  CHECK(reason(7) == "double_click");
  CHECK(reason(8) == "");
  CHECK(db.execAndGet("SELECT count(*) FROM events").getInt() == 5001);
  CHECK(db.execAndGet("SELECT count(*) FROM events WHERE reason = 'double_click'").getInt() == 3);
}

TEST_CASE("a second event log on the same data folder is refused", "[stats][journal]") {
  kc::test::TempDir dir;
  LogOptions options;
  options.data_dir = dir.path();
  DownloadLog first(options);
  CHECK_THROWS_WITH(DownloadLog(options), Catch::Matchers::Contains("another kc serve is recording events in"));
}

// A data folder from a kc before the journal: schema version 1, one event, no journal.
TEST_CASE("a version 1 database is migrated and keeps its events", "[stats][journal]") {
  kc::test::TempDir dir;
  {
    SQLite::Database db((dir.path() / "kc.sqlite").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(R"sql(
CREATE TABLE events (id INTEGER PRIMARY KEY, time INTEGER NOT NULL, kind TEXT NOT NULL, item TEXT NOT NULL,
  file TEXT NOT NULL, document TEXT NOT NULL, work TEXT NOT NULL, language TEXT NOT NULL, topic TEXT NOT NULL,
  status INTEGER NOT NULL, head INTEGER NOT NULL, range_start INTEGER, bytes INTEGER NOT NULL, agent TEXT NOT NULL,
  visitor TEXT NOT NULL, reason TEXT NOT NULL);
CREATE INDEX events_by_time ON events (time);
CREATE TABLE monthly (month TEXT NOT NULL, kind TEXT NOT NULL, item TEXT NOT NULL, work TEXT NOT NULL,
  topic TEXT NOT NULL, language TEXT NOT NULL, counted INTEGER NOT NULL, unique_sessions INTEGER NOT NULL,
  failed INTEGER NOT NULL, head INTEGER NOT NULL, robot INTEGER NOT NULL, bulk INTEGER NOT NULL,
  range_continuation INTEGER NOT NULL, double_click INTEGER NOT NULL,
  PRIMARY KEY (month, kind, item, work, topic, language)) WITHOUT ROWID;
CREATE TABLE zero_searches (day TEXT NOT NULL, query TEXT NOT NULL, language TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (day, query, language)) WITHOUT ROWID;
INSERT INTO events VALUES (7, 1795773600000, 'download', 'files/manual.pdf', 'files/manual.pdf', '', 'retort', '',
  'best-practice', 200, 0, NULL, 1000, 'browser', 'v1', '');
PRAGMA user_version = 1;
)sql");
  }
  LogOptions options;
  options.data_dir = dir.path();
  {
    DownloadLog log(options);
    RequestFacts facts;
    facts.item = facts.file = "files/manual.pdf";
    facts.client_ip = "192.0.2.1";
    log.record_download(facts);
  }
  SQLite::Database db((dir.path() / "kc.sqlite").string(), SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == 2);
  // The ids go on after the old ones.
  CHECK(db.execAndGet("SELECT group_concat(id) FROM (SELECT id FROM events ORDER BY id)").getString() == "7,8");
}
