#pragma once
// Finished representations of pages and searches (after gzip and ETag, before the
// per-request 304 check), keyed by what they depend on — route, address, UI language,
// gzip — and held for one index revision only: the first request that sees a newer
// revision empties the cache, so a stale revision is never served. Least recently used
// entries go first once the byte budget is spent; a budget of 0 switches the cache off.
//
// Rendering and compressing a guide page costs several times what sending it does, and
// guidance is read far more often than it changes. Thread-safe.
#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/response.h"

namespace kc::http {

class ResponseCache {
 public:
  explicit ResponseCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  bool enabled() const { return max_bytes_ > 0; }
  // A copy of the entry stored under `key` for `revision`, if any.
  std::optional<Response> find(const std::string& key, std::uint64_t revision);
  // The number of clear() calls so far: take it before rendering what store() will keep.
  std::uint64_t generation() const;
  // Keeps `response` unless it alone exceeds an eighth of the budget, `revision` is older
  // than the newest one seen, or the cache was cleared since `generation` was taken (the
  // response may have been rendered from what the clear was for: an old attachment size).
  void store(const std::string& key, std::uint64_t revision, std::uint64_t generation, const Response& response);
  // Forgets every entry, and refuses those rendered before: for changes the revision does
  // not cover (an attachment replaced under the same name changes the size its guide
  // page shows). Call once the change is visible to new renderings.
  void clear();

  struct Figures {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t entries = 0;
    std::uint64_t bytes = 0;
  };
  Figures figures() const;

 private:
  struct Entry {
    std::string key;
    Response response;
    std::size_t bytes = 0;
  };
  void start_revision(std::uint64_t revision);  // with mutex_ held
  void evict_until_fits();                      // with mutex_ held

  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::uint64_t revision_ = 0;
  std::uint64_t generation_ = 0;  // clear() calls
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
  std::size_t bytes_ = 0;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

}  // namespace kc::http
