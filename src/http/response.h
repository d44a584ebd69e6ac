#pragma once
// What a handler returns: status, headers, and a body that is either bytes in memory or
// a range of a file. server.cpp alone writes it to the socket (streaming file ranges in
// chunks, STACK.md items 1–3 and 10).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "stats/event.h"

namespace kc::http {

struct FileRange {
  std::string path;  // absolute, already confined to its root
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};

// What serving a response does besides sending it. dispatch() applies it on every
// request, including when the response itself comes from the cache.
struct Effects {
  std::optional<stats::RequestFacts> view;  // a guide view to count; the client's fields are filled per request
  std::optional<std::pair<std::string, std::string>> zero_result_search;  // (query, language) to record
  bool search = false;                                                    // counts in kc_searches_total
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // in order; Content-Length is added by server.cpp
  std::string body;
  std::optional<FileRange> file;  // when set, the body is this file range instead of `body`
  // A download to count: server.cpp records it in the event log (with the final status)
  // before the first byte of the response is sent (DESIGN §6).
  std::optional<stats::RequestFacts> download_event;
  Effects effects;

  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  std::string find_header(const std::string& name) const;  // case-insensitive; "" when absent
};

}  // namespace kc::http
