// What the event log costs per event, in-process (no HTTP, no load generator on the
// cores), side by side in one run. tools/bench/downloads runs it.
//   kc_bench_events [EVENTS=100000] [ROUNDS=3]
// 0. The CPU one counted download costs the event log, all of it (goal ≤ 5 µs): EVENTS
//    downloads by EVENTS different visitors (so each counts) through DownloadLog::
//    record_download() on one thread — the front: visitor key, robot test (the
//    crawler-user-agents list from KC_ROBOTS_FILE, default tools/node_modules/…, as
//    kc serve loads it), rules, journal append — then flush(), which waits for the
//    applier thread to copy them into SQLite. The front is that thread's CPU time; the
//    applier is the rest of the process's CPU time until flush() returns.
// 1. The visitor key (visitor_key.h), computed on each counted request's own thread:
//    µs per key on 1 and on 2 threads at once (equal figures: the threads share no lock).
// 2. The journal applier (journal_applier.h) copying EVENTS download events from the
//    journal into a fresh SQLite file, in the background: µs per event for no double
//    clicks; every event re-marking the one just before (the applier changes the held
//    event before its INSERT); every event re-marking one 10,000 back (past what the
//    applier holds: one UPDATE each).
// Each figure is the median of ROUNDS.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "stats/download_log.h"
#include "stats/event_record.h"
#include "stats/journal.h"
#include "stats/schema.h"
#include "stats/visitor_key.h"

namespace {

using namespace kc::stats;
using Clock = std::chrono::steady_clock;

double cpu_seconds(clockid_t clock) {
  timespec now{};
  clock_gettime(clock, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

struct CountedCost {
  double front_us = 0;    // CPU on the recording thread, per download
  double applier_us = 0;  // CPU of the rest of the process (the applier) until flushed, per download
};

// `events` counted downloads through a fresh event log, then flush().
CountedCost counted_once(const std::filesystem::path& dir, const std::filesystem::path& robots, int events) {
  std::filesystem::remove_all(dir);
  LogOptions options;
  options.data_dir = dir;
  options.robots_file = robots;
  DownloadLog log(options);
  const std::string agent = "Mozilla/5.0 (Linux; Android 12; SM-A135F) AppleWebKit/537.36 Mobile Safari/537.36";
  std::vector<RequestFacts> downloads(static_cast<std::size_t>(events));
  for (int i = 0; i < events; ++i) {
    RequestFacts& facts = downloads[static_cast<std::size_t>(i)];
    facts.item = facts.file = "files/best-practices/mercury-free-gold-processing.pdf";
    facts.work = "mercury-free-processing";
    facts.topic = "best-practices";
    facts.bytes = 4096;
    facts.client_ip = "10." + std::to_string(i >> 16 & 255) + "." + std::to_string(i >> 8 & 255) + "." +
                      std::to_string(i & 255);
    facts.user_agent = agent;
  }
  const double process_start = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID);
  const double thread_start = cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
  int counted = 0;
  for (RequestFacts& facts : downloads) counted += log.record_download(std::move(facts)) == Exclusion::None;
  const double front = cpu_seconds(CLOCK_THREAD_CPUTIME_ID) - thread_start;
  log.flush();
  const double total = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) - process_start;
  if (counted != events) std::fprintf(stderr, "kc_bench_events: only %d of %d downloads counted\n", counted, events);
  return {front / events * 1e6, (total - front) / events * 1e6};
}

double micros_per(Clock::time_point start, int count) {
  return std::chrono::duration<double>(Clock::now() - start).count() / count * 1e6;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// µs per key on each of `threads` threads computing `keys` keys at once.
double keys_once(VisitorKeys& visitor_keys, int threads, int keys) {
  const std::int64_t day = 20'000;
  const auto start = Clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      const std::string agent = "Mozilla/5.0 (Linux; Android 12; SM-A135F) AppleWebKit/537.36 Mobile Safari/537.36";
      for (int i = 0; i < keys; ++i) visitor_keys.key("203.0.113." + std::to_string(i % 250), agent, day);
    });
  }
  for (auto& worker : workers) worker.join();
  return micros_per(start, keys);
}

// µs per event for one apply of `events` events, each re-marking the one `remark_back`
// events before it (0: none).
double apply_once(const std::filesystem::path& dir, int events, int remark_back) {
  std::filesystem::remove_all(dir);
  open_for_writing(dir);  // the schema, as a running server leaves it
  {
    JournalWriter writer(dir, 1);
    std::string bytes;
    LoggedEvent event;
    event.facts.item = event.facts.file = "files/best-practices/mercury-free-gold-processing.pdf";
    event.facts.work = "mercury-free-processing";
    event.facts.topic = "best-practices";
    event.facts.bytes = 4096;
    event.visitor = "3q2+7wAAAAD3n9k1xYz0Qw";
    event.agent = "browser";
    for (int id = 1; id <= events; ++id) {
      event.id = id;
      event.time = 1'790'000'000'000 + id;
      event.remark.reset();
      if (remark_back > 0 && id > remark_back) event.remark = id - remark_back;
      bytes.clear();
      encode(event, bytes);
      writer.append(bytes);
    }
  }
  const auto start = Clock::now();
  catch_up(dir);
  return micros_per(start, events);
}

}  // namespace

int main(int argc, char** argv) {
  const int events = argc > 1 ? std::stoi(argv[1]) : 100'000;
  const int rounds = argc > 2 ? std::stoi(argv[2]) : 3;
  if (events < 1 || rounds < 1) {
    std::fprintf(stderr, "usage: %s [EVENTS] [ROUNDS]\n", argv[0]);
    return 2;
  }
  const auto dir = std::filesystem::temp_directory_path() / "kc-bench-events";
  std::filesystem::remove_all(dir);

  const char* robots_env = std::getenv("KC_ROBOTS_FILE");
  const std::filesystem::path robots =
      robots_env ? robots_env : "tools/node_modules/crawler-user-agents/crawler-user-agents.json";
  if (!std::filesystem::exists(robots)) {
    std::fprintf(stderr, "%s: no robot list at %s (KC_ROBOTS_FILE): run from the repository after tools/setup.sh\n",
                 argv[0], robots.c_str());
    return 2;
  }
  std::vector<double> front_results, applier_results, counted_results;
  for (int round = 0; round < rounds; ++round) {
    const CountedCost cost = counted_once(dir / "counted", robots, events);
    front_results.push_back(cost.front_us);
    applier_results.push_back(cost.applier_us);
    counted_results.push_back(cost.front_us + cost.applier_us);
  }

  std::filesystem::create_directories(dir / "keys");
  VisitorKeys visitor_keys(dir / "keys");
  std::vector<double> key_results[2];
  for (int round = 0; round < rounds; ++round) {
    for (int threads = 1; threads <= 2; ++threads) key_results[threads - 1].push_back(keys_once(visitor_keys, threads, events));
  }

  const int mixes[] = {0, 1, 10'000};
  const char* names[] = {"no double clicks", "each re-marks the event before", "each re-marks one 10,000 back"};
  std::vector<double> apply_results[3];
  for (int round = 0; round < rounds; ++round) {
    for (int mix = 0; mix < 3; ++mix) apply_results[mix].push_back(apply_once(dir / "apply", events, mixes[mix]));
  }
  std::filesystem::remove_all(dir);

  std::printf("CPU per counted download (goal <= 5 us), %d downloads by as many visitors, median of %d rounds:\n",
              events, rounds);
  std::printf("  %-32s %.2f us\n", "front (key, robot, rules, journal)", median(front_results));
  std::printf("  %-32s %.2f us\n", "applier (journal -> SQLite)", median(applier_results));
  std::printf("  %-32s %.2f us\n", "total", median(counted_results));
  std::printf("visitor key (HMAC-SHA-256), %d keys per thread, median of %d rounds:\n", events, rounds);
  std::printf("  %-32s %.2f us/key\n", "1 thread", median(key_results[0]));
  std::printf("  %-32s %.2f us/key per thread\n", "2 threads at once", median(key_results[1]));
  std::printf("journal applier, %d events per apply, median of %d rounds:\n", events, rounds);
  for (int mix = 0; mix < 3; ++mix) std::printf("  %-32s %.2f us/event\n", names[mix], median(apply_results[mix]));
  return 0;
}
