#pragma once
// A real kc server on 127.0.0.1 and a free port, over a temp copy of the test corpus
// (ingested into a temp index) with a temp data folder; stopped in the destructor.
// http() is a real HTTP client (cpp-httplib); raw_exchange() sends arbitrary bytes.
#include <httplib.h>

#include <chrono>
#include <memory>
#include <string>

#include "http/server.h"
#include "support/fixture.h"

namespace kc::test {

std::filesystem::path web_dir();           // the repository's web/
std::filesystem::path robots_file();       // the npm crawler list (the test fails when it is missing)

class TestServer {
 public:
  // `configure` may change the options before the server starts.
  explicit TestServer(std::function<void(http::ServerOptions&)> configure = {},
                      const std::filesystem::path& content_source = test_data() / "content");
  ~TestServer();

  std::uint16_t port() const { return server_->port(); }
  httplib::Client http() const;
  ContentFixture& content() { return content_; }
  std::filesystem::path data() const { return data_.path(); }
  http::Server& server() { return *server_; }
  void stop() { server_->stop(); }

  // A new TCP connection to the server: its descriptor (the caller closes it), or -1.
  int connect() const;
  // Sends `bytes` on a fresh connection, then reads until the peer closes, `timeout`
  // passes, or one response is complete; returns what was read.
  std::string raw_exchange(const std::string& bytes, std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

 private:
  ContentFixture content_;
  TempDir data_;
  std::unique_ptr<http::Server> server_;
};

// A port that was free a moment ago on 127.0.0.1 (for servers started as processes).
int free_port();

// The status code of a raw HTTP response ("HTTP/1.1 404 …" → 404), or 0.
int status_of(const std::string& raw_response);

}  // namespace kc::test
