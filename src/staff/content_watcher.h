#pragma once
// `kc serve --watch`: notices hand edits under content/ (Linux inotify, every folder,
// including those created later) and calls back once they settle, as `hugo server` does.
// An editor's save is several events (a swap file, a temp file renamed over the guide, a
// backup); the callback runs once after `quiet` without a new change, and at the latest
// `longest` after the first, never once per event. What to do with the change (re-ingest
// through GuideStore) is the owner's business.
//
// Ignored: dotted folders (content/.git), editor leftovers (*.swp, *.swx, *~, .#*, vim's
// 4913 probe) and write_atomically's temp files (atomic_file.h): none of them is content.
//
// Threads: one of its own, which alone touches the inotify watches and runs the callback;
// the destructor (or stop()) wakes it, waits for a running callback to finish and joins,
// so nothing the callback uses may go away before the watcher does.
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace kc::staff {

// When to call back, given when changes were seen: a pure value, so its rule is testable.
class Debounce {
 public:
  using Clock = std::chrono::steady_clock;
  Debounce(std::chrono::milliseconds quiet, std::chrono::milliseconds longest) : quiet_(quiet), longest_(longest) {}
  void note(Clock::time_point when);             // a change was seen at `when`
  std::optional<Clock::time_point> due() const;  // when to act; nullopt: nothing pending
  void reset() { first_.reset(); }               // acted on everything noted

 private:
  std::chrono::milliseconds quiet_, longest_;
  std::optional<Clock::time_point> first_, last_;
};

// Whether a file name under content/ is an editor's or kc's own scratch file.
bool is_scratch_name(const std::string& name);

struct WatchTimes {
  std::chrono::milliseconds quiet{300};
  std::chrono::milliseconds longest{1000};
};

class ContentWatcher {
 public:
  // Called on the watcher's thread with the changed paths (relative to the root, sorted).
  using Callback = std::function<void(const std::vector<std::string>& changed)>;
  // Watches `root` at once (throws std::runtime_error naming it when inotify refuses).
  ContentWatcher(std::filesystem::path root, Callback callback, WatchTimes times = {});
  ~ContentWatcher();  // stop()
  ContentWatcher(const ContentWatcher&) = delete;
  ContentWatcher& operator=(const ContentWatcher&) = delete;
  void stop();  // idempotent; from the owning thread, never from the callback

 private:
  void run();
  void read_events(std::set<std::string>& changed);
  void watch_tree(const std::filesystem::path& folder);
  void unwatch_tree(const std::filesystem::path& folder);
  void settle(std::set<std::string>& changed);

  std::filesystem::path root_;
  Callback callback_;
  Debounce debounce_;
  int inotify_ = -1;
  int wake_ = -1;  // an eventfd: stop() writes to it
  std::map<int, std::filesystem::path> folders_;  // watch descriptor -> its folder (watcher thread only)
  std::thread thread_;
};

}  // namespace kc::staff
