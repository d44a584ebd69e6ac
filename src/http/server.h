#pragma once
// The HTTP server: the only code that talks to Pistache (DESIGN §4, STACK.md).
//
// Pistache's I/O threads only parse and convert requests; the handlers run on a pool of
// worker threads (each with its own Xapian searcher), because a handler that blocks an
// I/O thread blocks every connection on it (STACK.md item 12). Responses are written as
// raw bytes (Pistache drops custom headers, item 3); file bodies are streamed in 256 KiB
// chunks, each sent when the previous one is written, with a 512 KiB socket buffer, so a
// slow reader never makes a thread spin (item 1).
#include <cstdint>
#include <memory>

#include "http/context.h"
#include "http/options.h"

namespace kc::http {

class Server {
 public:
  // Opens the event log and loads the templates; throws with context on failure.
  explicit Server(ServerOptions options);
  ~Server();  // stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();  // binds (port 0: any free port) and serves on background threads
  std::uint16_t port() const;
  std::uint16_t upload_port() const;  // the upload listener's (options.h: upload_port)
  // Graceful: new requests get 503, in-flight requests and downloads finish (up to
  // drain_timeout), then the listener stops and the event log is flushed. Idempotent.
  void stop();
  Site& site();

  struct Impl;  // opaque: defined in server.cpp

 private:
  void start_upload_listener();
  std::shared_ptr<Impl> impl_;
};

}  // namespace kc::http
