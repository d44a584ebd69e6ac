#pragma once
// Counters for GET /metrics in the Prometheus text format: requests by route and status,
// a latency histogram, searches, response-cache hits and misses, downloads. Thread-safe.
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace kc::http {

class Metrics {
 public:
  void record_request(const std::string& route, int status, double seconds);
  void count_search() { searches_.fetch_add(1, std::memory_order_relaxed); }
  void count_download() { downloads_.fetch_add(1, std::memory_order_relaxed); }

  struct Gauges {
    std::uint64_t index_revision = 0;
    std::uint64_t index_documents = 0;
    std::uint64_t events_committed = 0;
    std::uint64_t robot_patterns = 0;
    std::uint64_t cache_hits = 0;
    std::uint64_t cache_misses = 0;
    std::uint64_t cache_entries = 0;
    std::uint64_t cache_bytes = 0;
  };
  std::string prometheus_text(const Gauges& gauges) const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025,
                                                       0.05,   0.1,   0.25,  0.5,   1.0,  2.5};
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::array<std::uint64_t, kBuckets.size()> bucket_counts_{};
  std::uint64_t latency_count_ = 0;
  double latency_sum_ = 0;
  std::atomic<std::uint64_t> searches_{0};
  std::atomic<std::uint64_t> downloads_{0};
};

}  // namespace kc::http
