#pragma once
// What a handler may use: the site (shared, thread-safe parts) and the worker thread's
// own searcher (Xapian handles are not thread-safe: one per worker).
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "http/forwarded.h"
#include "http/metrics.h"
#include "http/options.h"
#include "http/response_cache.h"
#include "http/staff_sessions.h"
#include "render/pages.h"
#include "search/searcher.h"
#include "staff/guide_store.h"
#include "stats/download_log.h"

namespace kc::http {

// Shared by all threads; every member is thread-safe or immutable after start-up.
struct Site {
  explicit Site(ServerOptions server_options);
  ServerOptions options;
  TrustedProxies trusted_proxies;  // options.trusted_proxies, parsed once
  render::Pages pages;
  stats::DownloadLog log;
  Metrics metrics;
  ResponseCache cache;
  StaffSessions sessions;      // who is signed in to the staff pages
  LoginLimiter login_limiter;  // failed sign-ins per client address
  std::atomic<std::uint16_t> upload_port{0};  // the upload listener's, once it listens (server.h)
  staff::GuideStore guides;  // staff saves, removals, restores and history (content/)
};

// One per worker thread.
class Context {
 public:
  explicit Context(Site& site) : site(site) {}
  Site& site;
  // The worker's searcher, opened on first use; nullptr while there is no index to open
  // (why is reported on stderr): the pages that can do without one ask this.
  search::Searcher* ready_searcher();
  // The same for the handlers that need an index: throws HttpError 503 while none exists.
  search::Searcher& searcher();

 private:
  std::unique_ptr<search::Searcher> searcher_;
};

}  // namespace kc::http
