// What the event log costs per event, in-process (no HTTP, no load generator on the
// cores), in two parts side by side in one run. tools/bench/downloads runs it.
//   kc_bench_events [EVENTS=100000] [ROUNDS=3]
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

  std::printf("visitor key (HMAC-SHA-256), %d keys per thread, median of %d rounds:\n", events, rounds);
  std::printf("  %-32s %.2f us/key\n", "1 thread", median(key_results[0]));
  std::printf("  %-32s %.2f us/key per thread\n", "2 threads at once", median(key_results[1]));
  std::printf("journal applier, %d events per apply, median of %d rounds:\n", events, rounds);
  for (int mix = 0; mix < 3; ++mix) std::printf("  %-32s %.2f us/event\n", names[mix], median(apply_results[mix]));
  return 0;
}
