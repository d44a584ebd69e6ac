// The watch behind `kc serve --watch`: the debounce rule, the names it ignores, and a
// real inotify watch on a temp folder (a burst of writes is one callback; scratch files
// and .git are none; a folder made later is watched).
#include <catch2/catch.hpp>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "staff/content_watcher.h"
#include "support/temp_dir.h"

using kc::staff::ContentWatcher;
using kc::staff::Debounce;
using namespace std::chrono_literals;

namespace {

namespace fs = std::filesystem;

// The callbacks a watcher made, for the test thread to wait on.
struct Calls {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::vector<std::string>> calls;

  void add(const std::vector<std::string>& paths) {
    const std::lock_guard lock(mutex);
    calls.push_back(paths);
    changed.notify_all();
  }
  // Waits until there are `count` calls (or `limit` passes); returns how many there are.
  std::size_t wait_for(std::size_t count, std::chrono::milliseconds limit = 10s) {
    std::unique_lock lock(mutex);
    changed.wait_for(lock, limit, [&] { return calls.size() >= count; });
    return calls.size();
  }
  std::vector<std::vector<std::string>> snapshot() {
    const std::lock_guard lock(mutex);
    return calls;
  }
};

}  // namespace

TEST_CASE("the debounce acts after a quiet spell, and at the latest `longest` after the first change", "[staff][watch]") {
  Debounce debounce(300ms, 1000ms);
  const auto t0 = Debounce::Clock::time_point{} + 10s;
  CHECK_FALSE(debounce.due());
  debounce.note(t0);
  CHECK(debounce.due() == t0 + 300ms);
  debounce.note(t0 + 200ms);  // still busy: wait for quiet again
  CHECK(debounce.due() == t0 + 500ms);
  for (auto at = t0; at < t0 + 2s; at += 100ms) debounce.note(at);  // never quiet
  CHECK(debounce.due() == t0 + 1000ms);
  debounce.reset();
  CHECK_FALSE(debounce.due());
  debounce.note(t0 + 5s);
  CHECK(debounce.due() == t0 + 5s + 300ms);
}

TEST_CASE("editor and kc temp files are scratch, guides and attachments are not", "[staff][watch]") {
  for (const char* name : {".guide.md.swp", ".guide.md.swx", "guide.md~", ".#guide.md", "4913", ".guide.md.kc-tmp-a1b2"}) {
    INFO(name);
    CHECK(kc::staff::is_scratch_name(name));
  }
  for (const char* name : {"guide.md", "report.pdf", "topics.yaml", "4913.md"}) {
    INFO(name);
    CHECK_FALSE(kc::staff::is_scratch_name(name));
  }
}

TEST_CASE("a real watch: one callback per burst, none for scratch files or .git, new folders followed", "[staff][watch]") {
  kc::test::TempDir root;
  fs::create_directories(root / "en" / "gender");
  fs::create_directories(root / ".git" / "objects");
  Calls calls;
  ContentWatcher watcher(root.path(), [&](const std::vector<std::string>& changed) { calls.add(changed); },
                         kc::staff::WatchTimes{250ms, 2000ms});

  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) kc::test::write_file(root / "en" / "gender" / "a.md", "version " + std::to_string(i));
  kc::test::write_file(root / "en" / "gender" / "b.md", "b");
  REQUIRE(calls.wait_for(1) == 1);
  const auto settled = std::chrono::steady_clock::now() - start;
  CHECK(calls.wait_for(2, 600ms) == 1);  // the burst was one callback
  CHECK(calls.snapshot()[0] == std::vector<std::string>{"en/gender/a.md", "en/gender/b.md"});
  CHECK(settled >= 250ms);

  // Scratch files and .git: no callback at all.
  kc::test::write_file(root / "en" / "gender" / ".a.md.swp", "swap");
  kc::test::write_file(root / "en" / "gender" / "a.md~", "backup");
  kc::test::write_file(root / "en" / "gender" / ".a.md.kc-tmp-1234", "temp");
  kc::test::write_file(root / ".git" / "objects" / "x", "object");
  CHECK(calls.wait_for(2, 700ms) == 1);

  // A folder created now, and a file in it at once.
  fs::create_directories(root / "fr" / "biodiversity");
  kc::test::write_file(root / "fr" / "biodiversity" / "c.md", "c");
  REQUIRE(calls.wait_for(2) == 2);
  // The file may land in the same callback as its folders or in a later one.
  calls.wait_for(3, 600ms);
  bool seen = false;
  for (const auto& call : calls.snapshot()) {
    for (const auto& path : call) seen = seen || path == "fr" || path == "fr/biodiversity/c.md";
  }
  CHECK(seen);
  const std::size_t before = calls.wait_for(99, 0ms);
  kc::test::write_file(root / "fr" / "biodiversity" / "c.md", "c again");  // inside the new folder: watched
  CHECK(calls.wait_for(before + 1) == before + 1);
  CHECK(calls.snapshot().back() == std::vector<std::string>{"fr/biodiversity/c.md"});

  watcher.stop();
  watcher.stop();  // idempotent
}
