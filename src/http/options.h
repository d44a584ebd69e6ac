#pragma once
// Server configuration (filled only by cli/config.cpp): a plain aggregate with defaults
// and validate(), as OSRM's EngineConfig. Tokens are never logged.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/auth.h"
#include "stats/download_log.h"

namespace kc::http {

// Headers, multipart framing and the other form fields around an uploaded file.
inline constexpr std::size_t kUploadOverheadBytes = 64 * 1024;

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;        // 0: any free port (tests read it back)
  unsigned threads = 0;             // I/O threads and workers each; 0: one per core
  std::filesystem::path content_dir = "content";
  std::filesystem::path index_dir = "index";
  std::filesystem::path web_dir = "web";
  // The stop-word lists a staff save re-indexes with, as kc ingest does; "" keeps those
  // the index holds (search/indexer.h keep_stop_words).
  std::filesystem::path stop_words_dir;
  std::size_t max_request_bytes = 32 * 1024;  // request line + headers + body; above: 413
  // The body of a staff guide write (PUT /api/staff/guides/…, POST of the staff guide
  // form: routes.cpp takes_guide_body) may be this large, as a manual's Markdown is; its
  // request line and headers still count against max_request_bytes. Pistache's limit on
  // the main listener is the sum of the two; server.cpp answers 413 for every other request
  // over max_request_bytes.
  std::size_t max_guide_bytes = 1u << 20;
  // PDF uploads (POST /staff/upload) arrive on their own listener, whose request size limit
  // is max_upload_bytes + kUploadOverheadBytes, so that the public listener keeps its small
  // one (Pistache's limit is per listener, and its parsing cost grows with the request:
  // STACK.md item 7). The upload form posts to upload_url when set (behind a proxy that
  // routes /staff/upload there), else to this host on upload_port.
  std::size_t max_upload_bytes = 50u << 20;  // a file larger than this: 413
  // 0: any free port (the server's own pages know which, so the form still posts there);
  // set a fixed one when a reverse proxy routes /staff/upload to it.
  std::uint16_t upload_port = 0;
  std::string upload_url;
  std::chrono::milliseconds upload_timeout{std::chrono::minutes(30)};  // the whole body (50 MB at 2G speed)
  std::chrono::milliseconds header_timeout{std::chrono::seconds(10)};  // slow clients: 408
  std::chrono::milliseconds keepalive_timeout{std::chrono::seconds(30)};
  std::chrono::milliseconds drain_timeout{std::chrono::seconds(10)};  // SIGTERM: in-flight work
  std::vector<std::string> trusted_proxies;  // addresses or CIDR ranges allowed to set X-Forwarded-For
  std::string analyst_token;
  std::string staff_token;  // its holder is known as "staff" (auth.h kSharedStaffName)
  std::vector<StaffToken> staff;  // named staff tokens (config `staff:`), by SHA-256
  std::string public_url;   // e.g. https://kc.example.org, for sitemap.xml; "" = from Host
  stats::LogOptions log;    // data_dir, robots, bulk threshold, retention
  std::size_t response_cache_bytes = 32 << 20;  // rendered pages and searches (response_cache.h); 0: off
  // Re-ingest when a file under content_dir changes by hand (http/content_watch.h).
  bool watch = false;
  bool count_events = true;  // false only to measure what counting costs (tools/bench/downloads)
  stats::Clock clock = stats::system_clock();  // for counting and "today"; tests move time
  // Tests only: called with a file response's path after the handler checked the file and
  // before the server opens it, so that a test can remove it in between.
  std::function<void(const std::string& path)> before_open;
  Tokens tokens() const { return Tokens{analyst_token, staff_token, staff}; }
  void validate() const;    // throws std::invalid_argument naming the bad setting
};

}  // namespace kc::http
