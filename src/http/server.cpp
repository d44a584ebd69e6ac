#include "http/server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <iostream>
#include <sstream>
#include <thread>

#include "http/errors.h"
#include "http/etag.h"
#include "http/forwarded.h"
#include "http/routes.h"
#include "http/url.h"
#include "http/worker_pool.h"

namespace kc::http {
namespace {

namespace P = Pistache;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kChunkBytes = 256 * 1024;
constexpr int kSendBufferBytes = 512 * 1024;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// HTTP/1.1 keeps the connection unless asked to close; HTTP/1.0 only when asked to keep.
bool wants_keep_alive(const P::Http::Request& request) {
  const auto connection = request.headers().tryGet<P::Http::Header::Connection>();
  if (request.version() == P::Http::Version::Http10) {
    return connection && connection->control() == P::Http::ConnectionControl::KeepAlive;
  }
  return !connection || connection->control() != P::Http::ConnectionControl::Close;
}

std::map<std::string, std::string> header_map(const P::Http::Request& request) {
  std::map<std::string, std::string> headers;
  for (const auto& header : request.headers().list()) {
    std::ostringstream value;
    header->write(value);
    headers.emplace(lower(header->name()), value.str());
  }
  for (const auto& [name, raw] : request.headers().rawList()) headers.emplace(lower(name), raw.value());
  return headers;
}

// The status line and header block, written by us because Pistache 0.0.5 drops raw
// headers (STACK.md item 3).
std::string head_block(const Response& response, std::uint64_t content_length, bool keep_alive) {
  std::string head = "HTTP/1.1 " + std::to_string(response.status) + " " + reason_phrase(response.status) + "\r\n";
  for (const auto& [name, value] : response.headers) head += name + ": " + value + "\r\n";
  if (response.status != 304) head += "Content-Length: " + std::to_string(content_length) + "\r\n";
  head += "Date: " + http_date(std::time(nullptr)) + "\r\n";
  head += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  return head;
}

P::RawBuffer raw_buffer(std::string bytes) {
  const std::size_t size = bytes.size();
  return P::RawBuffer(std::move(bytes), size);
}

}  // namespace

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  explicit Impl(ServerOptions options) : site(std::move(options)) {}

  Site site;
  std::unique_ptr<WorkerPool> pool;
  std::unique_ptr<P::Http::Endpoint> endpoint;
  std::atomic<bool> draining{false};
  std::atomic<int> in_flight{0};
  bool stopped = false;

  // Ends the exchange; a connection answered "Connection: close" is half-closed so the
  // client sees the end (RFC 7230 §6.6).
  void finish(const std::shared_ptr<P::Tcp::Peer>& peer, bool keep_alive) {
    if (!keep_alive) half_close(*peer);
    --in_flight;
  }

  // Pistache may already have closed this peer's descriptor and the number may belong to
  // a new connection by now: shut it down only while it is still this peer's socket.
  static void half_close(const P::Tcp::Peer& peer) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(peer.fd(), reinterpret_cast<sockaddr*>(&address), &length) != 0) return;
    std::uint16_t port = 0;
    if (address.ss_family == AF_INET) port = ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
    if (address.ss_family == AF_INET6) port = ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
    // Pistache 0.0.5 records the peer's port in network byte order.
    const auto recorded = static_cast<std::uint16_t>(peer.address().port());
    if (port == recorded || port == ntohs(recorded)) ::shutdown(peer.fd(), SHUT_WR);
  }

  // Sends a file range chunk by chunk; the last owner of this object (the pending write,
  // or nobody once the client has gone) closes the file.
  struct FileStream : std::enable_shared_from_this<FileStream> {
    std::shared_ptr<Impl> server;
    std::weak_ptr<P::Tcp::Peer> peer;
    int fd = -1;
    std::uint64_t offset = 0;
    std::uint64_t remaining = 0;
    bool keep_alive = true;
    bool finished = false;
    std::thread::id io_thread;  // the Pistache thread that owns this connection

    ~FileStream() {
      if (fd >= 0) ::close(fd);
      if (!finished) --server->in_flight;  // the client went away mid-download
    }

    void send_next() {
      const auto target = peer.lock();
      if (!target) return;
      if (remaining == 0) {
        finished = true;
        server->finish(target, keep_alive);
        return;
      }
      std::string chunk(static_cast<std::size_t>(std::min<std::uint64_t>(remaining, kChunkBytes)), '\0');
      const ssize_t got = ::pread(fd, chunk.data(), chunk.size(), static_cast<off_t>(offset));
      if (got <= 0) return;  // the file shrank under us: the client sees a short body
      chunk.resize(static_cast<std::size_t>(got));
      offset += static_cast<std::uint64_t>(got);
      remaining -= static_cast<std::uint64_t>(got);
      auto self = shared_from_this();
      target->send(raw_buffer(std::move(chunk)))
          .then(
              [self](ssize_t) {
                // The idle clock runs from the end of the request: restart it for each chunk
                // so a long download is not cut (STACK.md item 10). The parser belongs to
                // the connection's I/O thread; a continuation that runs on a worker (the
                // write finished before it was attached) leaves it for the next chunk.
                if (std::this_thread::get_id() == self->io_thread) {
                  if (const auto alive = self->peer.lock()) P::Http::Handler::getParser(alive)->reset();
                }
                self->send_next();
              },
              [self](std::exception_ptr) {});
    }
  };

  void write(const std::weak_ptr<P::Tcp::Peer>& weak_peer, std::thread::id io_thread, const Request& request,
             Response response, bool keep_alive) {
    const auto peer = weak_peer.lock();
    if (!peer) {
      --in_flight;
      return;
    }
    std::shared_ptr<FileStream> stream;
    if (response.file && !request.head()) {
      stream = std::make_shared<FileStream>();
      stream->server = shared_from_this();
      stream->peer = weak_peer;
      stream->fd = ::open(response.file->path.c_str(), O_RDONLY | O_CLOEXEC);
      stream->offset = response.file->offset;
      stream->remaining = response.file->length;
      stream->keep_alive = keep_alive;
      stream->io_thread = io_thread;
      if (stream->fd < 0) {
        stream->finished = true;
        response = Response{500, {{"Content-Type", "text/plain"}}, "internal error", std::nullopt};
        stream.reset();
      } else {
        ::setsockopt(peer->fd(), SOL_SOCKET, SO_SNDBUF, &kSendBufferBytes, sizeof kSendBufferBytes);
      }
    }
    const std::uint64_t length = response.file ? response.file->length : response.body.size();
    std::string bytes = head_block(response, length, keep_alive);
    if (!request.head() && !response.file) bytes += response.body;
    auto self = shared_from_this();
    peer->send(raw_buffer(std::move(bytes)))
        .then(
            [self, stream, weak_peer, keep_alive](ssize_t) {
              if (stream) return stream->send_next();
              if (const auto alive = weak_peer.lock()) {
                self->finish(alive, keep_alive);
              } else {
                --self->in_flight;
              }
            },
            [self, stream](std::exception_ptr) {
              if (!stream) --self->in_flight;
            });
  }

  // Runs on a Pistache I/O thread: convert, then hand the work to the pool.
  void on_request(const P::Http::Request& pistache_request, const std::shared_ptr<P::Tcp::Peer>& peer) {
    const auto start = Clock::now();
    const auto io_thread = std::this_thread::get_id();
    const bool keep_alive = wants_keep_alive(pistache_request) && !draining;
    ++in_flight;
    std::weak_ptr<P::Tcp::Peer> weak_peer = peer;
    std::string query = pistache_request.query().as_str();
    if (!query.empty() && query.front() == '?') query.erase(0, 1);
    auto target = parse_target(pistache_request.resource(), query);
    Request request;
    request.method = P::Http::methodString(pistache_request.method());
    request.headers = header_map(pistache_request);
    request.client_ip = client_address(peer->address().host(), request.header("x-forwarded-for"),
                                       site.options.trusted_proxies);
    if (target) {
      request.path = std::move(target->path);
      request.query = std::move(target->query);
    }
    auto self = shared_from_this();
    pool->post([self, request = std::move(request), valid = target.has_value(), weak_peer, io_thread, keep_alive,
                start](Context& context) {
      RoutedResponse routed;
      if (self->draining) {
        routed = {"draining", error_response(request, context, 503, "the server is restarting")};
      } else if (!valid) {
        routed = {"invalid", error_response(request, context, 400, "the address is not valid (bad %-encoding or UTF-8)")};
      } else {
        routed = dispatch(request, context);
      }
      const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
      self->site.metrics.record_request(routed.route, routed.response.status, seconds);
      self->write(weak_peer, io_thread, request, std::move(routed.response), keep_alive && !self->draining);
    });
  }
};

namespace {

class PistacheHandler : public P::Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheHandler)
  explicit PistacheHandler(std::weak_ptr<Server::Impl> server) : server_(std::move(server)) {}

  void onRequest(const P::Http::Request& request, P::Http::ResponseWriter writer) override {
    const auto server = server_.lock();
    if (!server) return;
    std::shared_ptr<P::Tcp::Peer> peer;
    try {
      peer = writer.peer();
    } catch (const std::exception&) {
      return;  // the client has gone
    }
    server->on_request(request, peer);
  }

 private:
  std::weak_ptr<Server::Impl> server_;
};

}  // namespace

Server::Server(ServerOptions options) {
  options.validate();
  impl_ = std::make_shared<Impl>(std::move(options));
}

Server::~Server() { stop(); }

void Server::start() {
  const ServerOptions& options = impl_->site.options;
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  impl_->pool = std::make_unique<WorkerPool>(impl_->site, threads);
  impl_->endpoint = std::make_unique<P::Http::Endpoint>(P::Address(options.host, P::Port(options.port)));
  auto endpoint_options = P::Http::Endpoint::options()
                              .threads(static_cast<int>(threads))
                              .flags(P::Tcp::Options::ReuseAddr | P::Tcp::Options::NoDelay)
                              .maxRequestSize(options.max_request_bytes)
                              .headerTimeout(options.header_timeout)
                              .keepaliveTimeout(options.keepalive_timeout);
  impl_->endpoint->init(endpoint_options);
  impl_->endpoint->setHandler(std::make_shared<PistacheHandler>(impl_));
  impl_->endpoint->serveThreaded();
}

std::uint16_t Server::port() const { return impl_->endpoint ? static_cast<std::uint16_t>(impl_->endpoint->getPort()) : 0; }

void Server::stop() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  impl_->draining = true;
  const auto deadline = Clock::now() + impl_->site.options.drain_timeout;
  while (impl_->in_flight > 0 && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  if (impl_->endpoint) impl_->endpoint->shutdown();
  if (impl_->pool) impl_->pool->stop();
  impl_->site.log.flush();
}

Site& Server::site() { return impl_->site; }

}  // namespace kc::http
