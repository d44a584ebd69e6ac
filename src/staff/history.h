#pragma once
// The history of content/ as a Git repository (libgit2): every staff save, removal and
// restore is a commit whose author is the staff name; commits made by hand (`git commit`
// in content/) are part of the same history. A guide's versions are the commits that
// changed its file, wherever its topic folder put it (<lang>/<topic>/<slug>.md), so a
// guide moved to another topic keeps its history. Only this module uses libgit2.
//
// Thread safety: one History per process, calls serialised by its own mutex (libgit2
// repository handles are not thread-safe). Throws HistoryError naming the repository
// and libgit2's message for repository failures; a missing guide or version is not an
// error (empty / nullopt).
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kc::staff {

class HistoryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One version of a guide: the commit that made it.
struct Version {
  std::string commit;      // full hex object id (40 digits)
  std::string author;      // the staff name (or whoever committed by hand)
  std::int64_t time = 0;   // seconds since the epoch, UTC
  std::string message;     // the commit message's first line
  std::string path;        // the guide's file at that commit, relative to content/
  bool removed = false;    // this commit removed the guide (its text is the one before)
};

class History {
 public:
  // Opens the repository at `content_root`, creating it (and a first commit of what is
  // there) when content/ is not one yet.
  explicit History(std::filesystem::path content_root);
  ~History();
  History(const History&) = delete;
  History& operator=(const History&) = delete;

  // Makes content/ a repository when it is not one yet, its first commit (author "kc")
  // holding what is there now. Call before changing a file, so that the first staff
  // save shows as that save, by its author.
  void ensure_repository();

  // Removes the lock files a process killed in the middle of a commit leaves in .git
  // (index.lock, HEAD.lock, refs/heads/*.lock), which would refuse every later commit.
  // Only at server start, when no commit of ours can be running.
  void clear_stale_locks();

  // Commits the current state of `paths` (relative to content/; a path whose file is gone
  // is recorded as removed) with `author` as author and committer. Returns the commit id
  // (HEAD's when nothing changed: no empty commit is made).
  std::string commit(const std::vector<std::string>& paths, const std::string& author, const std::string& message);

  // The versions of <lang>/*/<slug>.md, newest first, at most `limit`.
  std::vector<Version> versions(const std::string& language, const std::string& slug, std::size_t limit = 200);

  // The guide's file as it was at `commit` (for a removal: as it was just before);
  // nullopt when the commit is unknown or did not hold the guide.
  std::optional<std::string> text_at(const std::string& language, const std::string& slug, const std::string& commit);

  // A unified diff (3 lines of context) from the guide at `from` to the guide at `to`;
  // "" when they are the same. Throws HistoryError when either version is unknown.
  std::string diff(const std::string& language, const std::string& slug, const std::string& from,
                   const std::string& to);

  // Every guide's versions at once, from one walk of the history (versions() walks it once
  // per guide, too slow for a dashboard of thousands): "<lang>/<slug>" → the commits that
  // changed it, newest first. Computed again only when HEAD has moved.
  struct Change {
    std::string commit;      // full hex object id
    std::int64_t order = 0;  // its place in the log: a later commit has a larger order
  };
  using Changes = std::map<std::string, std::vector<Change>>;
  std::shared_ptr<const Changes> changes();

 private:
  struct Repository;
  std::unique_ptr<Repository> repository_;
  std::mutex mutex_;
  std::string changes_head_;  // the HEAD `changes_` was computed at
  std::shared_ptr<const Changes> changes_;
};

}  // namespace kc::staff
