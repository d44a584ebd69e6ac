// What the event log costs in the background: the journal applier (journal_applier.h)
// copying N download events from the journal into a fresh SQLite file, in-process, for
// three mixes of double clicks, side by side in one run.
//   kc_bench_apply [EVENTS=100000] [ROUNDS=3]
// Prints µs per event (median of the rounds) for: no double clicks; every event
// re-marking the one just before (one visitor clicking again and again: the applier
// changes the held event before its INSERT); every event re-marking one 10,000 events
// back (past what the applier holds: one UPDATE each). tools/bench/downloads runs it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "stats/download_log.h"
#include "stats/event_record.h"
#include "stats/journal.h"
#include "stats/schema.h"

namespace {

using namespace kc::stats;

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
  const auto start = std::chrono::steady_clock::now();
  catch_up(dir);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return seconds / events * 1e6;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int events = argc > 1 ? std::stoi(argv[1]) : 100'000;
  const int rounds = argc > 2 ? std::stoi(argv[2]) : 3;
  if (events < 1 || rounds < 1) {
    std::fprintf(stderr, "usage: %s [EVENTS] [ROUNDS]\n", argv[0]);
    return 2;
  }
  const auto dir = std::filesystem::temp_directory_path() / "kc-bench-apply";
  const int mixes[] = {0, 1, 10'000};
  const char* names[] = {"no double clicks", "each re-marks the event before", "each re-marks one 10,000 back"};
  std::vector<double> results[3];
  for (int round = 0; round < rounds; ++round) {
    for (int mix = 0; mix < 3; ++mix) results[mix].push_back(apply_once(dir, events, mixes[mix]));
  }
  std::filesystem::remove_all(dir);
  std::printf("journal applier, %d events per apply, median of %d rounds:\n", events, rounds);
  for (int mix = 0; mix < 3; ++mix) std::printf("  %-32s %.2f us/event\n", names[mix], median(results[mix]));
  return 0;
}
