#include "stats/download_log.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>

#include "content/utf8.h"
#include "stats/calendar.h"
#include "stats/counter_rules.h"
#include "stats/retention.h"
#include "stats/robots.h"
#include "stats/schema.h"
#include "stats/visitor_key.h"

namespace kc::stats {
namespace {

using SteadyClock = std::chrono::steady_clock;

// The writer wakes this often when idle, to notice a new UTC day (retention).
constexpr auto kHousekeepingPeriod = std::chrono::seconds(60);
// How often (event time) the rules forget visitors idle for more than a minute.
constexpr std::int64_t kForgetEveryMillis = 10'000;
// Zero-result queries are user input: keep the stored text short.
constexpr std::size_t kMaxQueryBytes = 200;

constexpr const char* kInsertEvent =
    "INSERT INTO events (id, time, kind, item, file, document, work, language, topic, status, head, "
    "range_start, bytes, agent, visitor, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kRemarkDoubleClick = "UPDATE events SET reason = 'double_click' WHERE id = ? AND reason = ''";
constexpr const char* kCountZeroSearch =
    "INSERT INTO zero_searches (day, query, language, count) VALUES (?, ?, ?, 1) "
    "ON CONFLICT (day, query, language) DO UPDATE SET count = count + 1";

// An event ready for the writer: keyed and robot-checked on the caller's thread (HMAC and
// the RE2 pass run in parallel there), with the IP and User-Agent already dropped.
struct PendingEvent {
  RequestFacts facts;
  std::int64_t time = 0;
  std::string visitor;
  bool robot = false;
  const char* agent = "other";
};

struct PendingSearch {
  std::string day;
  std::string query;
  std::string language;
};

// Lives on the stack of a thread blocked in record_download(); the writer fills it in and
// sets `done` under the queue mutex.
struct Waiter {
  Exclusion exclusion = Exclusion::None;
  bool done = false;
  std::optional<StatsError> error;
};

struct Pending {
  std::variant<PendingEvent, PendingSearch> what;
  Waiter* waiter = nullptr;
  // For record_download(facts, callback): the waiter lives here and the callback runs on
  // the writer thread after the commit, outside the queue mutex.
  std::shared_ptr<Waiter> owned_waiter;
  DownloadLog::Committed on_committed;
};

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
  if (view_commit_delay <= std::chrono::milliseconds(0))
    throw std::invalid_argument("view_commit_delay must be positive");
}

struct DownloadLog::Impl {
  Impl(LogOptions options, Clock clock);
  ~Impl();

  PendingEvent prepare(const RequestFacts& facts);
  void enqueue(Pending pending, bool urgent);
  Exclusion wait_for(Waiter& waiter);
  void flush();

  // The writer thread and what only it touches.
  void run();
  std::optional<StatsError> write_batch(std::vector<Pending>& batch);
  void write_event(const PendingEvent& event, Waiter* waiter);
  void write_search(const PendingSearch& search);
  void finish_batch(std::vector<Pending>& batch, std::uint64_t last_seq, const std::optional<StatsError>& error,
                    std::vector<Pending>& callbacks);
  void housekeeping(bool at_start);
  void restore_rules(std::int64_t now);

  const LogOptions options_;
  const Clock clock_;
  const std::filesystem::path db_path_;
  const RobotList robots_;
  VisitorKeys keys_;

  SQLite::Database db_;
  std::optional<SQLite::Statement> insert_;
  std::optional<SQLite::Statement> remark_;
  std::optional<SQLite::Statement> count_search_;
  CounterRules rules_;
  std::int64_t next_id_ = 1;
  std::int64_t retained_day_ = 0;
  std::int64_t forgotten_at_ = 0;

  std::mutex mutex_;
  std::condition_variable wake_writer_;
  std::condition_variable batch_done_;
  std::vector<Pending> queue_;
  std::uint64_t queued_seq_ = 0;     // events and searches ever queued
  std::uint64_t committed_seq_ = 0;  // ... and handled by the writer (committed or failed)
  std::uint64_t failed_seq_ = 0;     // the last seq of the last failed batch
  std::optional<StatsError> last_error_;
  bool urgent_ = false;
  bool stopping_ = false;
  std::optional<SteadyClock::time_point> views_due_;
  std::atomic<std::uint64_t> events_committed_{0};
  std::thread writer_;
};

DownloadLog::Impl::Impl(LogOptions options, Clock clock)
    : options_((options.validate(), std::move(options))),
      clock_(clock ? std::move(clock) : system_clock()),
      db_path_(database_path(options_.data_dir)),
      robots_(options_.robots_file, options_.robot_allow_list),
      keys_(options_.data_dir),
      db_(open_for_writing(options_.data_dir)),
      rules_(options_.bulk_files_per_minute) {
  try {
    insert_.emplace(db_, kInsertEvent);
    remark_.emplace(db_, kRemarkDoubleClick);
    count_search_.emplace(db_, kCountZeroSearch);
    housekeeping(true);
    restore_rules(to_millis(clock_()));
  } catch (const SQLite::Exception& e) {
    throw_stats_error(e, db_path_, "starting the event log");
  }
  writer_ = std::thread([this] { run(); });
}

DownloadLog::Impl::~Impl() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_writer_.notify_one();
  writer_.join();
}

PendingEvent DownloadLog::Impl::prepare(const RequestFacts& facts) {
  PendingEvent event;
  event.facts = facts;
  event.time = to_millis(clock_());
  event.visitor = keys_.key(facts.client_ip, facts.user_agent, day_of_millis(event.time));
  event.robot = robots_.is_robot(facts.user_agent);
  event.agent = agent_class(event.robot, facts.user_agent);
  event.facts.client_ip.clear();
  event.facts.user_agent.clear();
  return event;
}

void DownloadLog::Impl::enqueue(Pending pending, bool urgent) {
  bool wake = urgent;
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(pending));
    ++queued_seq_;
    if (urgent) {
      urgent_ = true;
    } else if (!views_due_) {
      views_due_ = SteadyClock::now() + options_.view_commit_delay;
      wake = true;  // so the writer sleeps until the new deadline, not its idle period
    }
  }
  if (wake) wake_writer_.notify_one();
}

Exclusion DownloadLog::Impl::wait_for(Waiter& waiter) {
  std::unique_lock lock(mutex_);
  batch_done_.wait(lock, [&] { return waiter.done; });
  if (waiter.error) throw *waiter.error;
  return waiter.exclusion;
}

void DownloadLog::Impl::flush() {
  std::unique_lock lock(mutex_);
  const std::uint64_t target = queued_seq_;
  const std::uint64_t handled_before = committed_seq_;
  if (handled_before >= target) return;
  urgent_ = true;
  wake_writer_.notify_one();
  batch_done_.wait(lock, [&] { return committed_seq_ >= target; });
  if (failed_seq_ > handled_before && last_error_) throw *last_error_;
}

// Group commit: take everything queued, commit it in one transaction, wake the waiters
// and run the callbacks, repeat. Downloads make the batch urgent; views wait up to
// view_commit_delay so that a burst of page views costs one commit.
void DownloadLog::Impl::run() {
  std::vector<Pending> batch;
  std::unique_lock lock(mutex_);
  while (true) {
    // The deadline moves when the first view of a batch arrives: recompute it on every wake.
    while (!stopping_ && !urgent_ && !(views_due_ && SteadyClock::now() >= *views_due_)) {
      const auto deadline = views_due_.value_or(SteadyClock::now() + kHousekeepingPeriod);
      if (wake_writer_.wait_until(lock, deadline) == std::cv_status::timeout && !views_due_) break;
    }
    batch.swap(queue_);
    urgent_ = false;
    views_due_.reset();
    const bool stopping = stopping_;
    const std::uint64_t last_seq = queued_seq_;
    lock.unlock();

    std::optional<StatsError> error;
    if (!batch.empty()) error = write_batch(batch);
    lock.lock();
    std::vector<Pending> callbacks;
    finish_batch(batch, last_seq, error, callbacks);
    if (!callbacks.empty()) {
      lock.unlock();
      for (auto& pending : callbacks) {
        pending.on_committed(pending.owned_waiter->exclusion, !pending.owned_waiter->error.has_value());
      }
      lock.lock();
    }
    if (stopping && queue_.empty()) return;

    // After the waiters are released: retention may take a while once a month.
    lock.unlock();
    housekeeping(false);
    lock.lock();
  }
}

std::optional<StatsError> DownloadLog::Impl::write_batch(std::vector<Pending>& batch) {
  std::optional<StatsError> error;
  try {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    for (const auto& pending : batch) {
      if (const auto* event = std::get_if<PendingEvent>(&pending.what)) {
        write_event(*event, pending.waiter);
      } else {
        write_search(std::get<PendingSearch>(pending.what));
      }
    }
    transaction.commit();
    return std::nullopt;
  } catch (const SQLite::Exception& e) {
    error.emplace("statistics database " + db_path_.string() + ": writing events: " + e.what(), e.getErrorCode());
  } catch (const std::exception& e) {
    error.emplace("statistics database " + db_path_.string() + ": writing events: " + e.what());
  }
  // The rules remembered events that were rolled back: start again from what is on disk.
  try {
    restore_rules(to_millis(clock_()));
  } catch (const std::exception&) {
    rules_.clear();
  }
  return error;
}

void DownloadLog::Impl::write_event(const PendingEvent& event, Waiter* waiter) {
  const RequestFacts& facts = event.facts;
  const std::int64_t id = next_id_++;
  const Decision decision = rules_.apply(
      {facts.kind, event.visitor, facts.item, event.time, facts.status, facts.head, event.robot, facts.range_start},
      id);
  SQLite::Statement& insert = *insert_;
  insert.tryReset();
  insert.bind(1, id);
  insert.bind(2, event.time);
  insert.bind(3, to_string(facts.kind));
  insert.bind(4, facts.item);
  insert.bind(5, facts.file);
  insert.bind(6, facts.document);
  insert.bind(7, facts.work);
  insert.bind(8, facts.language);
  insert.bind(9, facts.topic);
  insert.bind(10, facts.status);
  insert.bind(11, facts.head ? 1 : 0);
  if (facts.range_start) {
    insert.bind(12, static_cast<std::int64_t>(*facts.range_start));
  } else {
    insert.bind(12);
  }
  insert.bind(13, static_cast<std::int64_t>(facts.bytes));
  insert.bind(14, event.agent);
  insert.bind(15, event.visitor);
  insert.bind(16, to_string(decision.exclusion));
  insert.exec();
  if (decision.remark) {
    remark_->tryReset();
    remark_->bind(1, *decision.remark);
    remark_->exec();
  }
  if (waiter) waiter->exclusion = decision.exclusion;
}

void DownloadLog::Impl::write_search(const PendingSearch& search) {
  SQLite::Statement& count = *count_search_;
  count.tryReset();
  count.bind(1, search.day);
  count.bind(2, search.query);
  count.bind(3, search.language);
  count.exec();
}

void DownloadLog::Impl::finish_batch(std::vector<Pending>& batch, std::uint64_t last_seq,
                                     const std::optional<StatsError>& error, std::vector<Pending>& callbacks) {
  std::uint64_t events = 0;
  for (auto& pending : batch) {
    events += std::holds_alternative<PendingEvent>(pending.what) ? 1 : 0;
    if (pending.waiter) {
      pending.waiter->error = error;
      pending.waiter->done = true;
    }
    if (pending.on_committed) callbacks.push_back(std::move(pending));
  }
  if (error) {
    failed_seq_ = last_seq;
    last_error_ = error;
  } else {
    events_committed_ += events;
  }
  committed_seq_ = last_seq;
  batch.clear();
  batch_done_.notify_all();
}

// Once per UTC day of the log's clock: fold and delete what retention no longer keeps
// raw. Every ten seconds of event time: let the rules forget idle visitors.
void DownloadLog::Impl::housekeeping(bool at_start) {
  const std::int64_t now = to_millis(clock_());
  const std::int64_t today = day_of_millis(now);
  if (at_start || today != retained_day_) {
    retained_day_ = today;
    try {
      apply_retention(db_, retention_cutoff_day(today, options_.retention_months));
    } catch (const SQLite::Exception& e) {
      if (at_start) throw;
      std::cerr << "kc: statistics retention failed (retried tomorrow): " << e.what() << '\n';
    }
  }
  if (now - forgotten_at_ >= kForgetEveryMillis || now < forgotten_at_) {
    rules_.forget_before(now);
    forgotten_at_ = now;
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
}

DownloadLog::DownloadLog(LogOptions options, Clock clock)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(clock))) {}

DownloadLog::~DownloadLog() = default;

Exclusion DownloadLog::record_download(const RequestFacts& facts) {
  Waiter waiter;
  impl_->enqueue({impl_->prepare(facts), &waiter, nullptr, nullptr}, true);
  return impl_->wait_for(waiter);
}

void DownloadLog::record_download(const RequestFacts& facts, Committed on_committed) {
  auto waiter = std::make_shared<Waiter>();
  Pending pending{impl_->prepare(facts), waiter.get(), waiter, std::move(on_committed)};
  impl_->enqueue(std::move(pending), true);
}

void DownloadLog::record_view(const RequestFacts& facts) {
  impl_->enqueue({impl_->prepare(facts), nullptr, nullptr, nullptr}, false);
}

void DownloadLog::record_zero_result_search(const std::string& query, const std::string& language) {
  std::string text = clean_query(query);
  if (text.empty()) return;
  const std::string day = format_day(day_of_millis(to_millis(impl_->clock_())));
  impl_->enqueue({PendingSearch{day, std::move(text), content::repair_utf8(language)}, nullptr, nullptr, nullptr}, false);
}

void DownloadLog::flush() { impl_->flush(); }

std::uint64_t DownloadLog::events_committed() const { return impl_->events_committed_.load(); }

}  // namespace kc::stats
