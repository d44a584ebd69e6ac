#include "staff/content_watcher.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <system_error>

namespace kc::staff {
namespace {

namespace fs = std::filesystem;

// Files: written and closed, renamed in or out, deleted. Folders: created, renamed in or
// out, deleted (seen by their parent). An in-place write is seen once it is closed, so a
// re-ingest never reads a half-written guide because the writer was slow.
constexpr std::uint32_t kMask =
    IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE | IN_ONLYDIR | IN_EXCL_UNLINK;

bool ends_with(const std::string& text, const std::string& end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

void report(const std::string& what) { std::cerr << ("kc serve --watch: " + what + "\n") << std::flush; }

}  // namespace

void Debounce::note(Clock::time_point when) {
  if (!first_) first_ = when;
  last_ = when;
}

std::optional<Debounce::Clock::time_point> Debounce::due() const {
  if (!first_) return std::nullopt;
  return std::min(*last_ + quiet_, *first_ + longest_);
}

bool is_scratch_name(const std::string& name) {
  return name.empty() || name == "4913" || name.rfind(".#", 0) == 0 || ends_with(name, "~") ||
         ends_with(name, ".swp") || ends_with(name, ".swx") || ends_with(name, ".swpx") ||
         name.find(".kc-tmp-") != std::string::npos;
}

ContentWatcher::ContentWatcher(fs::path root, Callback callback, WatchTimes times)
    : root_(std::move(root)), callback_(std::move(callback)), debounce_(times.quiet, times.longest) {
  inotify_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (inotify_ < 0 || wake_ < 0) {
    const std::string why = std::strerror(errno);
    if (inotify_ >= 0) ::close(inotify_);
    if (wake_ >= 0) ::close(wake_);
    throw std::runtime_error("cannot watch " + root_.string() + ": " + why);
  }
  try {
    if (!fs::is_directory(root_)) throw std::runtime_error("not a folder");
    watch_tree(root_);
  } catch (const std::exception& error) {
    ::close(inotify_);
    ::close(wake_);
    throw std::runtime_error("cannot watch " + root_.string() + ": " + error.what());
  }
  try {
    thread_ = std::thread([this] { run(); });
  } catch (const std::system_error&) {
    ::close(inotify_);
    ::close(wake_);
    throw;
  }
}

ContentWatcher::~ContentWatcher() { stop(); }

void ContentWatcher::stop() {
  if (!thread_.joinable()) return;
  // An eventfd write fails only when its counter is full, and only this ever adds to it.
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t written = ::write(wake_, &one, sizeof one);
  thread_.join();
  ::close(inotify_);  // also drops every watch
  ::close(wake_);
}

// Adds a watch on `folder` and every folder below it except dotted ones (content/.git).
// Watching a folder twice is harmless: inotify hands back the same descriptor.
void ContentWatcher::watch_tree(const fs::path& folder) {
  const int descriptor = ::inotify_add_watch(inotify_, folder.c_str(), kMask);
  if (descriptor < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return;  // gone again already: its parent's event covers it
    throw std::runtime_error("inotify_add_watch " + folder.string() + ": " + std::strerror(errno) +
                             (errno == ENOSPC ? " (raise fs.inotify.max_user_watches)" : ""));
  }
  folders_[descriptor] = folder;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    std::error_code kind_error;
    if (name.front() != '.' && it->is_directory(kind_error) && !it->is_symlink(kind_error)) watch_tree(it->path());
  }
}

// A folder renamed out of the tree keeps its watches, which would report a place that is
// no longer content: drop them.
void ContentWatcher::unwatch_tree(const fs::path& folder) {
  const std::string prefix = folder.string() + "/";
  for (auto it = folders_.begin(); it != folders_.end();) {
    if (it->second == folder || it->second.string().rfind(prefix, 0) == 0) {
      ::inotify_rm_watch(inotify_, it->first);  // EINVAL when already gone: nothing to do
      it = folders_.erase(it);
    } else {
      ++it;
    }
  }
}

void ContentWatcher::run() {
  std::set<std::string> changed;
  for (;;) {
    int timeout = -1;
    const auto due = debounce_.due();
    if (due) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(*due - Debounce::Clock::now());
      timeout = static_cast<int>(std::max<std::int64_t>(0, left.count()));
    }
    pollfd watched[2] = {{inotify_, POLLIN, 0}, {wake_, POLLIN, 0}};
    if (::poll(watched, 2, timeout) < 0) {
      if (errno == EINTR) continue;
      report(std::string("stopped watching: poll: ") + std::strerror(errno));
      return;
    }
    if (watched[1].revents != 0) return;  // stop()
    try {
      if (watched[0].revents & POLLIN) read_events(changed);
    } catch (const std::exception& error) {
      report(error.what());  // a folder left unwatched; the change itself is still noted
      debounce_.note(Debounce::Clock::now());
    }
    const auto settled = debounce_.due();
    if (settled && Debounce::Clock::now() >= *settled) settle(changed);
  }
}

void ContentWatcher::read_events(std::set<std::string>& changed) {
  alignas(inotify_event) char buffer[64 * 1024];
  for (;;) {
    const ssize_t size = ::read(inotify_, buffer, sizeof buffer);
    if (size < 0 && errno == EINTR) continue;
    if (size <= 0) return;  // EAGAIN: all read
    for (const char* at = buffer; at < buffer + size;) {
      const auto* event = reinterpret_cast<const inotify_event*>(at);
      at += sizeof(inotify_event) + event->len;
      if (event->mask & IN_Q_OVERFLOW) {  // events were lost: re-watch everything, re-ingest
        watch_tree(root_);
        changed.insert("(many files)");
        debounce_.note(Debounce::Clock::now());
        continue;
      }
      if (event->mask & IN_IGNORED) {
        folders_.erase(event->wd);
        continue;
      }
      const auto folder = folders_.find(event->wd);
      if (folder == folders_.end() || event->len == 0) continue;
      const std::string name = event->name;
      const fs::path path = folder->second / name;
      if (event->mask & IN_ISDIR) {
        if (name.empty() || name.front() == '.') continue;
        if (event->mask & (IN_CREATE | IN_MOVED_TO)) watch_tree(path);  // a new topic folder, say
        if (event->mask & IN_MOVED_FROM) unwatch_tree(path);
      } else if (is_scratch_name(name) || (event->mask & IN_CREATE)) {
        continue;  // a created file is seen again when written and closed
      }
      changed.insert(path.lexically_relative(root_).generic_string());
      debounce_.note(Debounce::Clock::now());
    }
  }
}

void ContentWatcher::settle(std::set<std::string>& changed) {
  const std::vector<std::string> paths(changed.begin(), changed.end());
  changed.clear();
  debounce_.reset();
  try {
    callback_(paths);
  } catch (const std::exception& error) {
    report(error.what());  // keep watching: the next change may well succeed
  }
}

}  // namespace kc::staff
