#include "http/response_cache.h"

namespace kc::http {
namespace {

std::size_t size_of(const std::string& key, const Response& response) {
  std::size_t bytes = key.size() + response.body.size() + 256;  // 256: the entry's own bookkeeping
  for (const auto& [name, value] : response.headers) bytes += name.size() + value.size() + 32;
  return bytes;
}

}  // namespace

std::optional<Response> ResponseCache::find(const std::string& key, std::uint64_t revision) {
  std::lock_guard lock(mutex_);
  if (revision != revision_) {
    if (revision > revision_) start_revision(revision);
    ++misses_;
    return std::nullopt;
  }
  const auto found = by_key_.find(key);
  if (found == by_key_.end()) {
    ++misses_;
    return std::nullopt;
  }
  entries_.splice(entries_.begin(), entries_, found->second);
  ++hits_;
  return found->second->response;
}

std::uint64_t ResponseCache::generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

void ResponseCache::clear() {
  std::lock_guard lock(mutex_);
  ++generation_;
  entries_.clear();
  by_key_.clear();
  bytes_ = 0;
}

void ResponseCache::store(const std::string& key, std::uint64_t revision, std::uint64_t generation,
                          const Response& response) {
  const std::size_t bytes = size_of(key, response);
  if (!enabled() || bytes > max_bytes_ / 8) return;
  std::lock_guard lock(mutex_);
  if (generation != generation_) return;  // rendered before a clear(): perhaps from what it cleared
  if (revision < revision_) return;  // rendered from a revision already replaced
  if (revision > revision_) start_revision(revision);
  if (const auto found = by_key_.find(key); found != by_key_.end()) {
    bytes_ -= found->second->bytes;
    entries_.erase(found->second);
    by_key_.erase(found);
  }
  entries_.push_front({key, response, bytes});
  by_key_.emplace(key, entries_.begin());
  bytes_ += bytes;
  evict_until_fits();
}

ResponseCache::Figures ResponseCache::figures() const {
  std::lock_guard lock(mutex_);
  return {hits_, misses_, entries_.size(), bytes_};
}

void ResponseCache::start_revision(std::uint64_t revision) {
  revision_ = revision;
  entries_.clear();
  by_key_.clear();
  bytes_ = 0;
}

void ResponseCache::evict_until_fits() {
  while (bytes_ > max_bytes_ && !entries_.empty()) {
    bytes_ -= entries_.back().bytes;
    by_key_.erase(entries_.back().key);
    entries_.pop_back();
  }
}

}  // namespace kc::http
