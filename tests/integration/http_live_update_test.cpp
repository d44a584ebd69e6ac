#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>

#include "support/test_server.h"

using kc::test::TestServer;
using kc::test::write_file;

TEST_CASE("after kc ingest the running server serves the new revision with no failed request", "[http][live]") {
  TestServer server;
  std::atomic<bool> done{false};
  std::atomic<int> requests{0}, failures{0};
  std::mutex failure_mutex;
  std::string first_failure;
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&] {
      auto client = server.http();
      while (!done) {
        const auto result = client.Get("/api/search?q=mining");
        ++requests;
        if (result && result->status == 200) continue;
        ++failures;
        const std::lock_guard lock(failure_mutex);
        if (first_failure.empty()) {
          first_failure = result ? "status " + std::to_string(result->status) + ": " + result->body
                                 : "no response: " + httplib::to_string(result.error());
        }
      }
    });
  }
  for (int round = 0; round < 5; ++round) {
    write_file(server.content().guide("en/gender/round-" + std::to_string(round) + ".md"),
               "---\ntitle: Round " + std::to_string(round) + "\ntopic: gender\nlanguage: en\n---\nokapi" +
                   std::to_string(round) + " mining\n");
    server.content().ingest();
    const auto result = server.http().Get("/api/search?q=okapi" + std::to_string(round));
    REQUIRE(result);
    CHECK(nlohmann::json::parse(result->body)["total"] == 1);
  }
  done = true;
  for (auto& reader : readers) reader.join();
  CHECK(requests > 20);
  INFO(first_failure);
  CHECK(failures == 0);
}
