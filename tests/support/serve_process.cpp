#include "support/serve_process.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

namespace kc::test {

ServeProcess::ServeProcess() { content.ingest(); }

Process& ServeProcess::start(const std::vector<std::string>& extra, std::map<std::string, std::string> env) {
  if (process_ && process_->running()) process_->kill();
  port = free_port();
  std::vector<std::string> args = {"serve", "--content", content.content().string(), "--index",
                                   content.index().string(), "--data", data.path().string(), "--port",
                                   std::to_string(port), "--threads", "2"};
  args.insert(args.end(), extra.begin(), extra.end());
  env.emplace("KC_ROBOTS_FILE", robots_file().string());
  env.emplace("KC_WEB", web_dir().string());
  process_ = std::make_unique<Process>(KC_BINARY, args, cwd.path(), env);
  httplib::Client probe("127.0.0.1", port);
  for (int attempt = 0; attempt < 400 && process_->running(); ++attempt) {
    if (const auto result = probe.Get("/healthz"); result && result->status == 200) return *process_;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  FAIL("kc serve did not start: " << process_->standard_error());
  return *process_;
}

httplib::Client ServeProcess::client() const {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(20, 0);
  return client;
}

std::uint64_t ServeProcess::found(const std::string& word) const {
  const auto result = client().Get("/api/search?q=" + word);
  REQUIRE(result);
  REQUIRE(result->status == 200);
  return nlohmann::json::parse(result->body)["total"].get<std::uint64_t>();
}

std::string ServeProcess::page(const std::string& path) const {
  const auto result = client().Get(path);
  REQUIRE(result);
  return std::to_string(result->status) + "\n" + result->body;
}

}  // namespace kc::test
