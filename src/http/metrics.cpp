#include "http/metrics.h"

#include <sstream>

namespace kc::http {

void Metrics::record_request(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
  }
  ++latency_count_;
  latency_sum_ += seconds;
}

std::string Metrics::prometheus_text(const Gauges& gauges) const {
  std::ostringstream out;
  std::lock_guard lock(mutex_);
  out << "# HELP kc_http_requests_total HTTP requests by route and status.\n"
      << "# TYPE kc_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    out << "kc_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << count << '\n';
  }
  out << "# HELP kc_http_request_duration_seconds Time from request to response start.\n"
      << "# TYPE kc_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    out << "kc_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} " << bucket_counts_[i] << '\n';
  }
  out << "kc_http_request_duration_seconds_bucket{le=\"+Inf\"} " << latency_count_ << '\n'
      << "kc_http_request_duration_seconds_sum " << latency_sum_ << '\n'
      << "kc_http_request_duration_seconds_count " << latency_count_ << '\n'
      << "# TYPE kc_searches_total counter\nkc_searches_total " << searches_.load() << '\n'
      << "# HELP kc_response_cache_hits_total Pages and searches answered from the response cache.\n"
      << "# TYPE kc_response_cache_hits_total counter\nkc_response_cache_hits_total " << gauges.cache_hits << '\n'
      << "# TYPE kc_response_cache_misses_total counter\nkc_response_cache_misses_total " << gauges.cache_misses
      << '\n'
      << "# TYPE kc_response_cache_entries gauge\nkc_response_cache_entries " << gauges.cache_entries << '\n'
      << "# TYPE kc_response_cache_bytes gauge\nkc_response_cache_bytes " << gauges.cache_bytes << '\n'
      << "# TYPE kc_downloads_total counter\nkc_downloads_total " << downloads_.load() << '\n'
      << "# HELP kc_events_committed_total Download and view events committed to the event log.\n"
      << "# TYPE kc_events_committed_total counter\nkc_events_committed_total "
      << gauges.events_committed << '\n'
      << "# TYPE kc_index_revision gauge\nkc_index_revision " << gauges.index_revision << '\n'
      << "# TYPE kc_index_documents gauge\nkc_index_documents " << gauges.index_documents << '\n'
      << "# HELP kc_robot_patterns Crawler patterns loaded for the COUNTER robot rule (0: no robot list).\n"
      << "# TYPE kc_robot_patterns gauge\nkc_robot_patterns " << gauges.robot_patterns << '\n';
  return out.str();
}

}  // namespace kc::http
