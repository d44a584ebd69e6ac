#include "http/server.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <ctime>
#include <iostream>
#include <optional>
#include <sstream>
#include <system_error>
#include <thread>
#include <utility>

#include "content/text.h"
#include "http/content_watch.h"
#include "http/errors.h"
#include "http/etag.h"
#include "http/forwarded.h"
#include "http/multipart.h"
#include "http/routes.h"
#include "http/url.h"
#include "http/worker_pool.h"

namespace kc::http {
namespace {

namespace P = Pistache;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kChunkBytes = 256 * 1024;
constexpr int kSendBufferBytes = 512 * 1024;

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
    headers.emplace(content::ascii_lower(header->name()), value.str());
  }
  for (const auto& [name, raw] : request.headers().rawList()) headers.emplace(content::ascii_lower(name), raw.value());
  return headers;
}

// The size of the request line and header block, as Pistache kept them (a repeated
// header counts once): what max_request_bytes limits besides the body, whatever the
// body may be. The spaces, colons and line ends are counted as one request would have them.
std::size_t head_bytes(const P::Http::Request& request, const std::map<std::string, std::string>& headers) {
  std::size_t bytes = request.resource().size() + request.query().as_str().size() + 20;  // method, version, CRLF
  for (const auto& [name, value] : headers) bytes += name.size() + value.size() + 4;
  return bytes + 2;
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

// A file descriptor, closed by its owner.
class Descriptor {
 public:
  Descriptor() = default;
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(Descriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Descriptor& operator=(Descriptor&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  explicit operator bool() const { return fd_ >= 0; }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_ = -1;
};

// A multipart/form-data body (an upload form): its fields into request.form (so that the
// CSRF check reads them as for any form), its files into request.files. The raw body is
// dropped: an upload is up to max_upload_bytes, and one copy of it is enough.
bool read_multipart(Request& request, const std::string& boundary) {
  try {
    for (FormPart& part : parse_multipart(request.body, boundary)) {
      if (part.has_filename) {
        request.files.push_back(std::move(part));
      } else {
        request.form.emplace(part.name, std::move(part.body));
      }
    }
  } catch (const MultipartError&) {
    return false;
  }
  std::string().swap(request.body);
  return true;
}

// Decodes an application/x-www-form-urlencoded body into request.form, with the query's
// rules (url.h), or a multipart/form-data one (above); false when it is not validly encoded.
bool read_form(Request& request) {
  const std::string type = content::ascii_lower(request.header("content-type"));
  if (const auto boundary = multipart_boundary(request.header("content-type"))) return read_multipart(request, *boundary);
  if (type.rfind("application/x-www-form-urlencoded", 0) != 0) return true;
  auto fields = parse_target("/", request.body, 1000);
  if (!fields) return false;
  request.form = std::move(fields->query);
  return true;
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
  std::unique_ptr<P::Http::Endpoint> upload_endpoint;  // PDF uploads only (options.h)
  std::unique_ptr<staff::ContentWatcher> watcher;      // --watch only; uses `site`, so stopped first
  std::atomic<bool> draining{false};
  std::atomic<int> in_flight{0};
  bool stopped = false;

  // One request-response exchange, shared by everything that still works on it (the
  // job, the pending write, the file stream). The last owner ends it, so in_flight — what
  // a graceful stop waits for — drops even when Pistache abandons a write to a client
  // that has gone.
  struct Exchange {
    Exchange(std::shared_ptr<Impl> owner, const std::shared_ptr<P::Tcp::Peer>& client, bool keep)
        : server(std::move(owner)), peer(client), io_thread(std::this_thread::get_id()), keep_alive(keep) {
      ++server->in_flight;
      // Pistache closes a departed client's descriptor on its I/O thread at any moment,
      // and the number is handed to the next socket opened: shutting the connection down
      // by peer->fd() from another thread can hit a stranger's connection. Our own
      // duplicate, taken here on the I/O thread while the number is surely this peer's,
      // always names this connection. Only an answer that closes needs it.
      if (!keep_alive) socket = Descriptor(::fcntl(client->fd(), F_DUPFD_CLOEXEC, 0));
    }
    ~Exchange() { --server->in_flight; }

    // The whole response is written: a connection answered "Connection: close" is
    // half-closed so the client sees the end (RFC 7230 §6.6). One whose keep-alive was
    // withdrawn later (the server began draining) has no duplicate: the stop closes it.
    void complete() const {
      if (!keep_alive && socket) ::shutdown(socket.get(), SHUT_WR);
    }

    std::shared_ptr<Impl> server;
    std::weak_ptr<P::Tcp::Peer> peer;
    std::thread::id io_thread;  // the Pistache thread that owns the connection
    bool keep_alive;            // lowered by the job when the server starts draining
    Descriptor socket;          // a duplicate of the connection's descriptor, when it closes
  };

  // Sends a file range chunk by chunk; the last owner of this object (the pending write,
  // or nobody once the client has gone) closes the file.
  struct FileStream : std::enable_shared_from_this<FileStream> {
    std::shared_ptr<Exchange> exchange;
    int fd = -1;
    std::uint64_t offset = 0;
    std::uint64_t remaining = 0;

    ~FileStream() {
      if (fd >= 0) ::close(fd);
    }

    void send_next() {
      const auto target = exchange->peer.lock();
      if (!target) return;
      if (remaining == 0) return exchange->complete();
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
                if (std::this_thread::get_id() == self->exchange->io_thread) {
                  if (const auto alive = self->exchange->peer.lock()) P::Http::Handler::getParser(alive)->reset();
                }
                self->send_next();
              },
              [self](std::exception_ptr) {});
    }
  };

  // One response made ready for the wire: the head (with the body when it is small) as
  // bytes, and a stream for the rest of a large file.
  struct Outgoing {
    int status = 0;
    std::string bytes;
    std::shared_ptr<FileStream> stream;
  };

  // Opens the file of `response` (and reads a small one into its body now), so that its
  // status is final before its download is recorded: a file that is gone or shorter than
  // it was when the handler looked turns the response into a 500 (logged; counted as
  // failed). Nothing to open for HEAD.
  Descriptor open_body(const Request& request, Context& context, Response& response) const {
    if (!response.file || request.head()) return {};
    Descriptor file;
    response = guarded(request, context, [&]() -> Response {
      const std::string& path = response.file->path;
      if (site.options.before_open) site.options.before_open(path);
      file = Descriptor(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
      if (!file) throw std::system_error(errno, std::generic_category(), "opening " + path);
      if (response.file->length <= kChunkBytes) {
        // Small: read now and send with the head, in one write.
        std::string body(static_cast<std::size_t>(response.file->length), '\0');
        const ssize_t got = ::pread(file.get(), body.data(), body.size(), static_cast<off_t>(response.file->offset));
        if (got != static_cast<ssize_t>(body.size())) throw std::runtime_error(path + " shrank while it was read");
        file = {};
        response.file.reset();
        response.body = std::move(body);
      }
      return std::move(response);
    });
    if (!response.file) file = {};
    return file;
  }

  // The response made ready for the wire; `file` is the open file of a large one.
  Outgoing prepare(const std::shared_ptr<Exchange>& exchange, bool head, const Response& response, Descriptor file) {
    Outgoing outgoing;
    if (file) {
      outgoing.stream = std::make_shared<FileStream>();
      outgoing.stream->exchange = exchange;
      outgoing.stream->fd = file.release();
      outgoing.stream->offset = response.file->offset;
      outgoing.stream->remaining = response.file->length;
      if (const auto peer = exchange->peer.lock()) {
        ::setsockopt(peer->fd(), SOL_SOCKET, SO_SNDBUF, &kSendBufferBytes, sizeof kSendBufferBytes);
      }
    }
    const std::uint64_t length = response.file ? response.file->length : response.body.size();
    outgoing.status = response.status;
    outgoing.bytes = head_block(response, length, exchange->keep_alive);
    if (!head && !response.file) outgoing.bytes += response.body;
    return outgoing;
  }

  void send(const std::shared_ptr<Exchange>& exchange, Outgoing outgoing) {
    const auto peer = exchange->peer.lock();
    if (!peer) return;
    peer->send(raw_buffer(std::move(outgoing.bytes)))
        .then(
            [exchange, stream = std::move(outgoing.stream)](ssize_t) {
              if (stream) return stream->send_next();
              exchange->complete();
            },
            [exchange](std::exception_ptr) {});
  }

  void finish(const std::shared_ptr<Exchange>& exchange, const std::string& route, Outgoing outgoing,
              Clock::time_point start) {
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    site.metrics.record_request(route, outgoing.status, seconds);
    send(exchange, std::move(outgoing));
  }

  // Over the size limits (options.h): a request line and headers over max_request_bytes,
  // or a whole request over it that is not a guide write (nor an upload, on the upload
  // listener), or a guide over max_guide_bytes.
  // Pistache itself refuses only what exceeds the sum of the two limits.
  bool is_too_large(const P::Http::Request& pistache_request, const Request& request,
                    const std::optional<ParsedTarget>& target) const {
    const ServerOptions& options = site.options;
    const std::size_t head = head_bytes(pistache_request, request.headers);
    const std::size_t body = pistache_request.body().size();
    if (head > options.max_request_bytes) return true;
    if (request.upload_listener) return false;  // its own limit, for its one route (options.h)
    if (head + body <= options.max_request_bytes) return false;
    return !target || !takes_guide_body(request.method, target->path) || body > options.max_guide_bytes;
  }

  // Runs on a Pistache I/O thread: convert, then hand the work to the pool.
  // Takes the peer by value and lets it go before the job is posted: the reference that
  // survives is Pistache's, so the worker never drops the last one behind its back.
  void on_request(const P::Http::Request& pistache_request, std::shared_ptr<P::Tcp::Peer> peer, bool upload_listener) {
    const auto start = Clock::now();
    auto exchange = std::make_shared<Exchange>(shared_from_this(), peer, wants_keep_alive(pistache_request) && !draining);
    std::string query = pistache_request.query().as_str();
    if (!query.empty() && query.front() == '?') query.erase(0, 1);
    auto target = parse_target(pistache_request.resource(), query);
    Request request;
    request.method = P::Http::methodString(pistache_request.method());
    request.headers = header_map(pistache_request);
    const std::string peer_ip = peer->address().host();
    const bool from_trusted_proxy = site.trusted_proxies.contains(peer_ip);
    request.client_ip = site.trusted_proxies.client_address(peer_ip, request.header("x-forwarded-for"));
    request.origin = site_origin({site.options.public_url, request.header("host"), from_trusted_proxy,
                                  request.header("x-forwarded-proto"), request.header("x-forwarded-host")});
    // Only a trusted proxy may say the client came over https (then cookies are Secure).
    request.https =
        from_trusted_proxy && content::equals_ignoring_ascii_case(request.header("x-forwarded-proto"), "https");
    request.upload_listener = upload_listener;
    const bool too_large = is_too_large(pistache_request, request, target);
    peer.reset();
    if (target) {
      request.path = std::move(target->path);
      request.query = std::move(target->query);
    }
    if (target && !too_large) {  // a body refused is neither copied nor decoded
      request.body = pistache_request.body();
      if (!read_form(request)) target.reset();  // a form body badly encoded: 400, as a bad query
    }
    // A staff address that does not decode names a guide or file that cannot exist: 422,
    // as for any other hostile name (staff::address_problem), not the public 400.
    const std::string& resource = pistache_request.resource();
    const int invalid_status = resource.rfind("/api/staff/", 0) == 0 || resource.rfind("/staff/", 0) == 0 ? 422 : 400;
    auto self = shared_from_this();
    pool->post([self, request = std::move(request), valid = target.has_value(), too_large, invalid_status, exchange,
                start](Context& context) {
      RoutedResponse routed;
      if (self->draining) {
        routed = {"draining", error_response(request, context, 503, "the server is restarting")};
      } else if (too_large) {
        routed = {"too_large", error_response(request, context, 413, "the request is too large")};
      } else if (!valid) {
        routed = {"invalid", error_response(request, context, invalid_status,
                                            "the address is not valid (bad %-encoding or UTF-8, or a NUL)")};
      } else {
        routed = dispatch(request, context);
      }
      exchange->keep_alive = exchange->keep_alive && !self->draining;
      Response& response = routed.response;
      Effects effects = std::move(response.effects);
      Descriptor file = self->open_body(request, context, response);
      // Nothing lost (DESIGN §6): a download is in the event journal, with the status it
      // is answered with, before its response starts; one that cannot be counted is not served.
      if (!record_effects(request, context, response.status, std::move(effects))) {
        file = {};
        response = error_response(request, context, 503, "the download could not be counted: try again");
      }
      self->finish(exchange, routed.route, self->prepare(exchange, request.head(), response, std::move(file)), start);
    });
  }
};

namespace {

class PistacheHandler : public P::Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheHandler)
  PistacheHandler(std::weak_ptr<Server::Impl> server, bool upload_listener)
      : server_(std::move(server)), upload_listener_(upload_listener) {}

  void onRequest(const P::Http::Request& request, P::Http::ResponseWriter writer) override {
    const auto server = server_.lock();
    if (!server) return;
    std::shared_ptr<P::Tcp::Peer> peer;
    try {
      peer = writer.peer();
    } catch (const std::exception&) {
      return;  // the client has gone
    }
    server->on_request(request, std::move(peer), upload_listener_);
  }

 private:
  std::weak_ptr<Server::Impl> server_;
  bool upload_listener_;
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
  try {
    impl_->site.guides.recover();  // a save killed mid-way: its temp file, an index behind its file
  } catch (const std::exception& error) {
    std::cerr << "kc serve: the index was not brought up to date with the content folder: " << error.what() << '\n';
  }
  try {
    // content/'s history exists before the first save, so that every save, the first
    // included, is a commit of its own by its staff member (the first commit, by "kc",
    // holds what was published by hand). After recover(): no temp file or stale lock in it.
    std::error_code missing;
    if (std::filesystem::is_directory(options.content_dir, missing)) impl_->site.guides.history().ensure_repository();
  } catch (const std::exception& error) {
    std::cerr << "kc serve: the history of the content folder could not be started: " << error.what() << '\n';
  }
  if (options.watch) impl_->watcher = watch_content(impl_->site);
  impl_->pool = std::make_unique<WorkerPool>(impl_->site, threads);
  impl_->endpoint = std::make_unique<P::Http::Endpoint>(P::Address(options.host, P::Port(options.port)));
  auto endpoint_options = P::Http::Endpoint::options()
                              .threads(static_cast<int>(threads))
                              .flags(P::Tcp::Options::ReuseAddr | P::Tcp::Options::NoDelay)
                              .maxRequestSize(options.max_request_bytes + options.max_guide_bytes)
                              .headerTimeout(options.header_timeout)
                              .keepaliveTimeout(options.keepalive_timeout);
  impl_->endpoint->init(endpoint_options);
  impl_->endpoint->setHandler(std::make_shared<PistacheHandler>(impl_, false));
  impl_->endpoint->serveThreaded();
  start_upload_listener();
}

// Its own I/O thread and size limit; the requests join the same worker pool.
void Server::start_upload_listener() {
  const ServerOptions& options = impl_->site.options;
  impl_->upload_endpoint =
      std::make_unique<P::Http::Endpoint>(P::Address(options.host, P::Port(options.upload_port)));
  auto endpoint_options = P::Http::Endpoint::options()
                              .threads(1)
                              .flags(P::Tcp::Options::ReuseAddr | P::Tcp::Options::NoDelay)
                              .maxRequestSize(options.max_upload_bytes + kUploadOverheadBytes)
                              .headerTimeout(options.header_timeout)
                              .bodyTimeout(options.upload_timeout)
                              .keepaliveTimeout(options.keepalive_timeout);
  impl_->upload_endpoint->init(endpoint_options);
  impl_->upload_endpoint->setHandler(std::make_shared<PistacheHandler>(impl_, true));
  impl_->upload_endpoint->serveThreaded();
  impl_->site.upload_port = static_cast<std::uint16_t>(impl_->upload_endpoint->getPort());
}

std::uint16_t Server::port() const { return impl_->endpoint ? static_cast<std::uint16_t>(impl_->endpoint->getPort()) : 0; }

std::uint16_t Server::upload_port() const {
  return impl_->upload_endpoint ? static_cast<std::uint16_t>(impl_->upload_endpoint->getPort()) : 0;
}

void Server::stop() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  impl_->watcher.reset();  // first: it uses the site; waits for a re-ingest under way to end
  impl_->draining = true;
  const auto deadline = Clock::now() + impl_->site.options.drain_timeout;
  while (impl_->in_flight > 0 && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  if (impl_->endpoint) impl_->endpoint->shutdown();
  if (impl_->upload_endpoint) impl_->upload_endpoint->shutdown();
  if (impl_->pool) impl_->pool->stop();
  impl_->site.log.flush();
}

Site& Server::site() { return impl_->site; }

}  // namespace kc::http
