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

// What serving a response does besides sending it. server.cpp records it
// (record_effects, routes.h) on every request, including when the response itself comes
// from the cache, once the status is final and before the first byte is sent.
struct Effects {
  // A guide view and a download to count (DESIGN §6). The status and the client's fields
  // (HEAD, address, User-Agent) are filled when they are recorded.
  std::optional<stats::RequestFacts> view;
  std::optional<stats::RequestFacts> download;
  std::optional<std::pair<std::string, std::string>> zero_result_search;  // (query, language) to record
  bool search = false;                                                    // counts in kc_searches_total
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // in order; Content-Length is added by server.cpp
  std::string body;
  std::optional<FileRange> file;  // when set, the body is this file range instead of `body`
  Effects effects;

  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  std::string find_header(const std::string& name) const;  // case-insensitive; "" when absent
};

}  // namespace kc::http
