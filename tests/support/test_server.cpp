#include "support/test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <csignal>

namespace kc::test {

std::filesystem::path web_dir() { return test_data() / ".." / ".." / "web"; }

std::filesystem::path robots_file() {
  const auto path = test_data() / ".." / ".." / "tools" / "node_modules" / "crawler-user-agents" / "crawler-user-agents.json";
  if (!std::filesystem::exists(path)) FAIL("the robot list " << path << " is missing: run tools/setup.sh --test");
  return path;
}

TestServer::TestServer(std::function<void(http::ServerOptions&)> configure,
                       const std::filesystem::path& content_source)
    : content_(content_source) {
  // As kc's main does (STACK.md item 2): a connection that breaks is an error value for
  // the clients in this process, not a signal that ends the test run.
  std::signal(SIGPIPE, SIG_IGN);
  content_.ingest();
  http::ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.content_dir = content_.content();
  options.index_dir = content_.index();
  options.stop_words_dir = stop_words_dir();
  options.web_dir = web_dir();
  options.log.data_dir = data_.path();
  options.log.robots_file = robots_file();
  options.analyst_token = "analyst-secret-token";
  options.staff_token = "staff-secret-token";
  options.header_timeout = std::chrono::milliseconds(1500);
  options.drain_timeout = std::chrono::seconds(3);
  if (configure) configure(options);
  server_ = std::make_unique<http::Server>(options);
  server_->start();
}

TestServer::~TestServer() { server_->stop(); }

httplib::Client TestServer::http() const {
  httplib::Client client("127.0.0.1", port());
  client.set_read_timeout(10, 0);
  client.set_connection_timeout(5, 0);
  return client;
}

int TestServer::connect() const {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port());
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) return fd;
  if (fd >= 0) ::close(fd);
  return -1;
}

std::string TestServer::raw_exchange(const std::string& bytes, std::chrono::milliseconds timeout) const {
  const int fd = connect();
  std::string received;
  if (fd >= 0) {
    for (std::size_t sent = 0; sent < bytes.size();) {
      const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buffer[65536];
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd poller{fd, POLLIN, 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (::poll(&poller, 1, static_cast<int>(std::max<long long>(1, left.count()))) <= 0) break;
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      received.append(buffer, static_cast<std::size_t>(n));
      const auto end_of_head = received.find("\r\n\r\n");
      if (end_of_head != std::string::npos) {
        const auto length_at = received.find("Content-Length: ");
        if (length_at != std::string::npos && length_at < end_of_head) {
          const std::size_t length = std::stoul(received.substr(length_at + 16));
          if (received.size() >= end_of_head + 4 + length) break;
        }
      }
    }
    ::close(fd);
  }
  return received;
}

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

int status_of(const std::string& raw_response) {
  if (raw_response.rfind("HTTP/1.", 0) != 0 || raw_response.size() < 12) return 0;
  return std::stoi(raw_response.substr(9, 3));
}

}  // namespace kc::test
