#include <catch2/catch.hpp>

#include "http/response_cache.h"

using kc::http::Response;
using kc::http::ResponseCache;

namespace {

Response page(const std::string& body) {
  Response response;
  response.body = body;
  response.header("Content-Type", "text/html; charset=utf-8");
  return response;
}

}  // namespace

TEST_CASE("the response cache answers a stored key for its revision only", "[http][cache]") {
  ResponseCache cache(1 << 20);
  CHECK_FALSE(cache.find("a", 7));
  cache.store("a", 7, cache.generation(), page("seven"));
  REQUIRE(cache.find("a", 7));
  CHECK(cache.find("a", 7)->body == "seven");
  CHECK_FALSE(cache.find("b", 7));
  const auto figures = cache.figures();
  CHECK(figures.hits == 2);
  CHECK(figures.misses == 2);
  CHECK(figures.entries == 1);
}

TEST_CASE("a newer revision empties the response cache, an older one never refills it", "[http][cache]") {
  ResponseCache cache(1 << 20);
  cache.store("a", 7, cache.generation(), page("seven"));
  CHECK_FALSE(cache.find("a", 8));  // the first request that sees revision 8
  CHECK(cache.figures().entries == 0);
  cache.store("a", 7, cache.generation(), page("late render of seven"));  // a worker still on revision 7
  CHECK_FALSE(cache.find("a", 8));
  CHECK_FALSE(cache.find("a", 7));
  cache.store("a", 8, cache.generation(), page("eight"));
  CHECK(cache.find("a", 8)->body == "eight");
}

TEST_CASE("the least recently used entries leave once the byte budget is spent", "[http][cache]") {
  ResponseCache cache(64 * 1024);
  const std::string body(5000, 'x');
  for (int i = 0; i < 8; ++i) {
    cache.store("k" + std::to_string(i), 1, cache.generation(), page(body));
    CHECK(cache.find("k0", 1));  // k0 stays the most recently used
  }
  for (int i = 8; i < 40; ++i) cache.store("k" + std::to_string(i), 1, cache.generation(), page(body));
  const auto figures = cache.figures();
  CHECK(figures.bytes <= 64 * 1024);
  CHECK(figures.entries < 13);
  CHECK_FALSE(cache.find("k1", 1));
  CHECK(cache.find("k39", 1));
}

TEST_CASE("a response larger than an eighth of the budget, or a budget of 0, is not kept", "[http][cache]") {
  ResponseCache small(64 * 1024);
  small.store("big", 1, small.generation(), page(std::string(9000, 'x')));
  CHECK_FALSE(small.find("big", 1));
  ResponseCache off(0);
  CHECK_FALSE(off.enabled());
  off.store("a", 1, off.generation(), page("a"));
  CHECK_FALSE(off.find("a", 1));
}

TEST_CASE("a page rendered before a clear() is not kept by the store that follows it", "[http][cache]") {
  ResponseCache cache(1 << 20);
  // A worker takes the generation and renders a guide page; meanwhile an attachment is
  // replaced under the same name (same revision) and the cache cleared; then the worker stores.
  const std::uint64_t before = cache.generation();
  cache.clear();
  cache.store("a", 7, before, page("the old attachment size"));
  CHECK_FALSE(cache.find("a", 7));
  cache.store("a", 7, cache.generation(), page("the new attachment size"));
  const auto hit = cache.find("a", 7);
  REQUIRE(hit);
  CHECK(hit->body == "the new attachment size");
}
