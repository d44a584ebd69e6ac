#include "stats/download_log.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "content/utf8.h"
#include "stats/calendar.h"
#include "stats/counter_rules.h"
#include "stats/event_record.h"
#include "stats/journal.h"
#include "stats/journal_applier.h"
#include "stats/retention.h"
#include "stats/robots.h"
#include "stats/schema.h"
#include "stats/visitor_key.h"

namespace kc::stats {
namespace {

using SteadyClock = std::chrono::steady_clock;

// The applier wakes this often when idle, to notice a new UTC day (retention).
constexpr auto kHousekeepingPeriod = std::chrono::seconds(60);
// After a failed apply, the next try waits at least this long.
constexpr auto kRetryDelay = std::chrono::seconds(1);
// How often (event time) the rules forget visitors idle for more than a minute.
constexpr std::int64_t kForgetEveryMillis = 10'000;
// Zero-result queries are user input: keep the stored text short.
constexpr std::size_t kMaxQueryBytes = 200;

std::string clean_query(const std::string& query) {
  std::string text = content::repair_utf8(query);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
  text.resize(content::cut_utf8(text, kMaxQueryBytes).size());
  return text;
}

}  // namespace

Clock system_clock() {
  return [] { return std::chrono::system_clock::now(); };
}

void LogOptions::validate() const {
  if (data_dir.empty()) throw std::invalid_argument("the statistics data_dir is empty");
  if (bulk_files_per_minute < 1) throw std::invalid_argument("bulk_files_per_minute must be at least 1");
  if (retention_months < 0) throw std::invalid_argument("retention_months must not be negative");
  if (apply_delay <= std::chrono::milliseconds(0)) throw std::invalid_argument("apply_delay must be positive");
}

struct DownloadLog::Impl {
  Impl(LogOptions options, Clock clock);
  ~Impl();

  // The front, on the caller's thread.
  Exclusion record(RequestFacts facts);  // prepare(), then append()
  LoggedEvent prepare(RequestFacts facts, bool& robot);
  Exclusion append(LoggedEvent& event, bool robot);
  void append(const ZeroResultSearch& search);
  void note_pending();
  JournalPosition journal_end();  // takes append_mutex_
  void flush();

  // The applier thread.
  void run();
  std::optional<StatsError> apply_round();
  void housekeeping(bool at_start);
  void restore_rules(std::int64_t now);

  const LogOptions options_;
  const Clock clock_;
  const RobotList robots_;
  VisitorKeys keys_;

  const JournalLock lock_;  // first: no other log may append to this folder's journal

  // The applier's connection: used by the constructor, then by the applier thread only.
  SQLite::Database db_;
  JournalApplier applier_;
  std::int64_t retained_day_ = 0;

  // Under append_mutex_: the rules, the ids and the journal, so that all three see the
  // events in the same order.
  std::mutex append_mutex_;
  CounterRules rules_;
  std::int64_t next_id_ = 1;
  std::int64_t forgotten_at_ = 0;
  std::optional<JournalWriter> journal_;
  std::string record_;  // encoding buffer, reused
  std::atomic<std::uint64_t> events_committed_{0};
  std::atomic<bool> pending_{false};  // journaled since the applier last looked

  // Under apply_mutex_: what the front and flush() tell the applier, and what it answers.
  std::mutex apply_mutex_;
  std::condition_variable wake_applier_;
  std::condition_variable round_done_;
  std::optional<SteadyClock::time_point> due_;
  bool flush_requested_ = false;
  bool stopping_ = false;
  std::uint64_t rounds_started_ = 0;
  std::uint64_t rounds_done_ = 0;
  JournalPosition applied_;
  std::optional<StatsError> last_error_;
  std::thread applier_thread_;
};

// Recovery first: whatever a crash left in the journal is applied before the new segment
// takes appends, and the rules are rebuilt from the database it produced.
DownloadLog::Impl::Impl(LogOptions options, Clock clock)
    : options_((options.validate(), std::move(options))),
      clock_(clock ? std::move(clock) : system_clock()),
      robots_(options_.robots_file, options_.robot_allow_list),
      keys_(options_.data_dir),
      lock_(options_.data_dir),
      db_(open_for_writing(options_.data_dir)),
      applier_(db_, options_.data_dir),
      rules_(options_.bulk_files_per_minute) {
  std::uint64_t last_segment = applier_.position().segment;
  for (const std::uint64_t segment : journal_segments(options_.data_dir))
    last_segment = std::max(last_segment, segment);
  journal_.emplace(options_.data_dir, last_segment + 1);
  applied_ = applier_.apply(journal_->end());
  remove_segments_before(options_.data_dir, applied_.segment);
  try {
    housekeeping(true);
    restore_rules(to_millis(clock_()));
  } catch (const SQLite::Exception& e) {
    throw_stats_error(e, database_path(options_.data_dir), "starting the event log");
  }
  applier_thread_ = std::thread([this] { run(); });
}

DownloadLog::Impl::~Impl() {
  {
    std::lock_guard lock(apply_mutex_);
    stopping_ = true;
  }
  wake_applier_.notify_one();
  applier_thread_.join();
}

Exclusion DownloadLog::Impl::record(RequestFacts facts) {
  bool robot = false;
  LoggedEvent event = prepare(std::move(facts), robot);
  return append(event, robot);
}

// The HMAC and the robot pass run here, in parallel on the callers' threads.
LoggedEvent DownloadLog::Impl::prepare(RequestFacts facts, bool& robot) {
  LoggedEvent event;
  event.time = to_millis(clock_());
  event.visitor = keys_.key(facts.client_ip, facts.user_agent, day_of_millis(event.time));
  robot = robots_.is_robot(facts.user_agent);
  event.agent = agent_class(robot, facts.user_agent);
  facts.client_ip.clear();
  facts.user_agent.clear();
  event.facts = std::move(facts);
  return event;
}

// The id is used up even when the write fails, so that no later event takes the id the
// rules remember; a refused event stays in the rules' memory (at worst a later click is
// judged against a request that was answered 503).
Exclusion DownloadLog::Impl::append(LoggedEvent& event, bool robot) {
  {
    std::lock_guard lock(append_mutex_);
    if (event.time - forgotten_at_ >= kForgetEveryMillis || event.time < forgotten_at_) {
      rules_.forget_before(event.time);
      forgotten_at_ = event.time;
    }
    const RequestFacts& facts = event.facts;
    event.id = next_id_++;
    const Decision decision = rules_.apply(
        {facts.kind, event.visitor, facts.item, event.time, facts.status, facts.head, robot, facts.range_start},
        event.id);
    event.reason = decision.exclusion;
    event.remark = decision.remark;
    record_.clear();
    encode(event, record_);
    journal_->append(record_);
  }
  ++events_committed_;
  note_pending();
  return event.reason;
}

void DownloadLog::Impl::append(const ZeroResultSearch& search) {
  {
    std::lock_guard lock(append_mutex_);
    record_.clear();
    encode(search, record_);
    journal_->append(record_);
  }
  note_pending();
}

// The first append after the applier last looked starts the apply_delay clock; the rest
// cost one atomic load.
void DownloadLog::Impl::note_pending() {
  if (pending_.load(std::memory_order_relaxed) || pending_.exchange(true)) return;
  {
    std::lock_guard lock(apply_mutex_);
    if (!due_) due_ = SteadyClock::now() + options_.apply_delay;
  }
  wake_applier_.notify_one();
}

JournalPosition DownloadLog::Impl::journal_end() {
  std::lock_guard lock(append_mutex_);
  return journal_->end();
}

void DownloadLog::Impl::flush() {
  const JournalPosition end = journal_end();
  std::unique_lock lock(apply_mutex_);
  if (applied_ >= end) return;
  const std::uint64_t wanted = rounds_started_ + 1;  // a round that starts after this point sees `end`
  flush_requested_ = true;
  wake_applier_.notify_one();
  round_done_.wait(lock, [&] { return rounds_done_ >= wanted; });
  if (applied_ < end && last_error_) throw *last_error_;
}

void DownloadLog::Impl::run() {
  std::unique_lock lock(apply_mutex_);
  auto housekeeping_due = SteadyClock::now() + kHousekeepingPeriod;
  while (true) {
    while (!stopping_ && !flush_requested_ && !(due_ && SteadyClock::now() >= *due_)) {
      const auto deadline = due_ ? std::min(*due_, housekeeping_due) : housekeeping_due;
      wake_applier_.wait_until(lock, deadline);
      if (SteadyClock::now() >= housekeeping_due) break;
    }
    const bool stopping = stopping_;
    flush_requested_ = false;
    due_.reset();
    ++rounds_started_;
    lock.unlock();

    std::optional<StatsError> error = apply_round();
    if (error) {
      std::cerr << "kc: " << error->what()
                << (stopping ? " (kept in the journal: applied at the next start)" : " (kept in the journal: retried)")
                << '\n';
    }
    if (SteadyClock::now() >= housekeeping_due) {
      housekeeping(false);
      housekeeping_due = SteadyClock::now() + kHousekeepingPeriod;
    }

    lock.lock();
    last_error_ = std::move(error);
    if (last_error_ && !due_)
      due_ = SteadyClock::now() + std::max<SteadyClock::duration>(options_.apply_delay, kRetryDelay);
    ++rounds_done_;
    round_done_.notify_all();
    if (stopping) return;
  }
}

// Everything journaled so far, in one transaction; then the segments it finished go.
std::optional<StatsError> DownloadLog::Impl::apply_round() {
  pending_.store(false);  // before reading the end: a later append schedules the next round
  const JournalPosition until = journal_end();
  try {
    const JournalPosition applied = applier_.apply(until);
    const std::uint64_t previous_segment = [&] {
      std::lock_guard lock(apply_mutex_);
      const std::uint64_t segment = applied_.segment;
      applied_ = applied;
      return segment;
    }();
    if (applied.segment != previous_segment) remove_segments_before(options_.data_dir, applied.segment);
    return std::nullopt;
  } catch (const StatsError& e) {
    return e;
  } catch (const std::exception& e) {
    return StatsError(std::string("applying the event journal: ") + e.what());
  }
}

// Once per UTC day of the log's clock: fold and delete what retention no longer keeps raw.
void DownloadLog::Impl::housekeeping(bool at_start) {
  const std::int64_t today = day_of_millis(to_millis(clock_()));
  if (!at_start && today == retained_day_) return;
  retained_day_ = today;
  try {
    apply_retention(db_, retention_cutoff_day(today, options_.retention_months));
  } catch (const SQLite::Exception& e) {
    if (at_start) throw;
    std::cerr << "kc: statistics retention failed (retried tomorrow): " << e.what() << '\n';
  }
}

// The rules' memory after a restart: the last minute of events, replayed in order, so a
// double click across a quick restart is still caught. The next id is chosen here too.
void DownloadLog::Impl::restore_rules(std::int64_t now) {
  rules_.clear();
  next_id_ = db_.execAndGet("SELECT coalesce(max(id), 0) + 1 FROM events").getInt64();
  SQLite::Statement recent(db_, "SELECT id, time, kind, visitor, item, reason FROM events WHERE time >= ? ORDER BY id");
  recent.bind(1, now - kBulkWindowMillis);
  while (recent.executeStep()) {
    const auto kind = parse_event_kind(recent.getColumn(2).getString());
    const auto reason = parse_exclusion(recent.getColumn(5).getString());
    if (!kind || !reason) continue;
    rules_.remember(*kind, recent.getColumn(3).getString(), recent.getColumn(4).getString(),
                    recent.getColumn(1).getInt64(), *reason, recent.getColumn(0).getInt64());
  }
  forgotten_at_ = now;
}

DownloadLog::DownloadLog(LogOptions options, Clock clock)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(clock))) {}

DownloadLog::~DownloadLog() = default;

Exclusion DownloadLog::record_download(RequestFacts facts) { return impl_->record(std::move(facts)); }

void DownloadLog::record_view(RequestFacts facts) {
  try {
    impl_->record(std::move(facts));
  } catch (const StatsError& e) {
    std::cerr << "kc: a page view was not counted: " << e.what() << '\n';
  }
}

void DownloadLog::record_zero_result_search(const std::string& query, const std::string& language) {
  std::string text = clean_query(query);
  if (text.empty()) return;
  try {
    const std::string day = format_day(day_of_millis(to_millis(impl_->clock_())));
    impl_->append(ZeroResultSearch{day, std::move(text), content::repair_utf8(language)});
  } catch (const StatsError& e) {
    std::cerr << "kc: a zero-result search was not recorded: " << e.what() << '\n';
  }
}

void DownloadLog::flush() { impl_->flush(); }

std::uint64_t DownloadLog::events_committed() const { return impl_->events_committed_.load(); }

std::size_t DownloadLog::robot_patterns() const { return impl_->robots_.pattern_count(); }

void catch_up(const std::filesystem::path& data_dir) {
  if (journal_segments(data_dir).empty()) return;
  SQLite::Database db = open_for_writing(data_dir);
  JournalApplier(db, data_dir).apply(std::nullopt);
}

}  // namespace kc::stats
