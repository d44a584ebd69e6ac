#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <string>

#include "http/url.h"
#include "render/link.h"

using kc::http::parse_target;
using kc::http::percent_decode;
using kc::render::percent_encode;

namespace {
const std::optional<std::string> kRejected = std::nullopt;
}

TEST_CASE("percent-decoding is strict and happens once", "[http][url]") {
  struct Case {
    const char* why;
    std::string input;
    bool plus_is_space;
    std::optional<std::string> decoded;
  };
  const Case cases[] = {
      {"plain text is unchanged", "guides/plan.pdf", false, "guides/plan.pdf"},
      {"escapes decode, either hex case", "a%20b%2fc%2Fd", false, "a b/c/d"},
      {"accented UTF-8 decodes", "s%C3%A9curit%C3%A9", false, "sécurité"},
      {"raw UTF-8 passes through", "sécurité", false, "sécurité"},
      {"'+' is a plus in a path", "a+b", false, "a+b"},
      {"'+' is a space in a query", "a+b", true, "a b"},
      {"an encoded plus stays a plus in a query", "a%2Bb", true, "a+b"},
      {"%2e%2e decodes to dots (confine rejects them later)", "%2e%2e/x", false, "../x"},
      {"%252e decodes once, to the literal %2e", "%252e%252e/", false, "%2e%2e/"},
      {"an empty string is fine", "", false, ""},
      {"a lone percent is rejected", "100%", false, kRejected},
      {"a percent with one digit is rejected", "%4", false, kRejected},
      {"a percent with one digit then text is rejected", "%4x", false, kRejected},
      {"non-hex digits are rejected", "%zz", false, kRejected},
      {"a percent before the end is rejected", "abc%2", false, kRejected},
      {"%00 is rejected", "file%00.pdf", false, kRejected},
      {"a raw NUL is rejected", std::string("file\0.pdf", 9), false, kRejected},
      {"overlong '/' (%C0%AF) is rejected", "..%C0%AF..%C0%AFetc", false, kRejected},
      {"overlong three-byte '/' is rejected", "%E0%80%AF", false, kRejected},
      {"invalid UTF-8 is rejected", "%FF%FE", false, kRejected},
      {"a truncated sequence is rejected", "caf%C3", false, kRejected},
      {"an encoded surrogate is rejected", "%ED%A0%80", false, kRejected},
      {"raw invalid UTF-8 is rejected", "caf\xC3", false, kRejected},
  };
  for (const auto& test : cases) {
    INFO(test.why << ": " << test.input);
    CHECK(percent_decode(test.input, test.plus_is_space) == test.decoded);
  }
}

TEST_CASE("a request target decodes into a path and query parameters", "[http][url]") {
  using Query = std::multimap<std::string, std::string>;
  struct Case {
    const char* why;
    std::string path, query;
    std::optional<std::string> decoded_path;
    Query params;
  };
  const Case cases[] = {
      {"no query", "/docs/fr/plan", "", "/docs/fr/plan", {}},
      {"simple parameters", "/search", "q=malaria&page=2", "/search",
       {{"q", "malaria"}, {"page", "2"}}},
      {"values decode with '+' as space", "/search", "q=mining+safety%21", "/search",
       {{"q", "mining safety!"}}},
      {"names decode too", "/search", "t%6Fpic=health", "/search", {{"topic", "health"}}},
      {"repeated names are all kept, in order", "/search", "lang=fr&lang=en", "/search",
       {{"lang", "fr"}, {"lang", "en"}}},
      {"a name without '=' has an empty value", "/search", "debug&q=x", "/search",
       {{"debug", ""}, {"q", "x"}}},
      {"the first '=' splits, later ones are in the value", "/search", "q=a=b", "/search",
       {{"q", "a=b"}}},
      {"empty pieces and empty names are skipped", "/search", "&&=x&q=1&", "/search",
       {{"q", "1"}}},
      {"an encoded '&' stays inside the value", "/search", "q=a%26b", "/search", {{"q", "a&b"}}},
      {"the path decodes %2F into '/'", "/files/a%2Fb.pdf", "", "/files/a/b.pdf", {}},
      {"a '+' in the path is literal", "/files/c++.pdf", "", "/files/c++.pdf", {}},
      {"an invalid path escape is a 400", "/files/%zz", "", std::nullopt, {}},
      {"%00 in the path is a 400", "/files/a%00.pdf", "", std::nullopt, {}},
      {"overlong UTF-8 in the path is a 400", "/files/..%C0%AF", "", std::nullopt, {}},
      {"an invalid query value is a 400", "/search", "q=%E9t%E9", std::nullopt, {}},
      {"an invalid query name is a 400", "/search", "%ZZ=1", std::nullopt, {}},
      {"%00 in a query value is a 400", "/search", "q=a%00", std::nullopt, {}},
      {"a path that does not start with '/' is a 400", "docs", "", std::nullopt, {}},
      {"an empty path is a 400", "", "q=1", std::nullopt, {}},
  };
  for (const auto& test : cases) {
    INFO(test.why << ": " << test.path << "?" << test.query);
    const auto target = parse_target(test.path, test.query);
    REQUIRE(target.has_value() == test.decoded_path.has_value());
    if (!target) continue;
    CHECK(target->path == *test.decoded_path);
    CHECK(target->query == test.params);
  }
}

TEST_CASE("only the first max_params query parameters are kept", "[http][url]") {
  std::string query;
  for (int i = 0; i < 5000; ++i) query += "p" + std::to_string(i) + "=v&";
  const auto started = std::chrono::steady_clock::now();
  const auto target = parse_target("/search", query);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  REQUIRE(target);
  CHECK(target->query.size() == 100);
  CHECK(target->query.count("p0") == 1);
  CHECK(target->query.count("p99") == 1);
  CHECK(target->query.count("p100") == 0);
  CHECK(elapsed < std::chrono::milliseconds(100));

  CHECK(parse_target("/search", "a=1&b=2&c=3", 2)->query == std::multimap<std::string, std::string>{{"a", "1"}, {"b", "2"}});
  // Parameters past the limit are ignored, not decoded: a bad one there is no 400.
  CHECK(parse_target("/search", "a=1&b=%zz", 1).has_value());
  CHECK(parse_target("/search", "a=1&b=2", 0)->query.empty());
}

TEST_CASE("a 1 MB path decodes in linear time", "[http][url]") {
  const std::string huge = "/" + std::string(1 << 20, 'a');
  const auto started = std::chrono::steady_clock::now();
  const auto target = parse_target(huge, "");
  REQUIRE(target);
  CHECK(target->path.size() == huge.size());
  std::string escaped = "/";
  for (int i = 0; i < (1 << 18); ++i) escaped += "%2e";
  CHECK(parse_target(escaped, "")->path.size() == 1 + (1 << 18));
  CHECK_FALSE(parse_target(escaped + "%", ""));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
}

TEST_CASE("percent-encoding keeps only unreserved characters", "[http][url]") {
  const std::pair<std::string, std::string> cases[] = {
      {"AZaz09-._~", "AZaz09-._~"},
      {"a b", "a%20b"},
      {"a+b&c=d?#/", "a%2Bb%26c%3Dd%3F%23%2F"},
      {"sécurité", "s%C3%A9curit%C3%A9"},
      {"100%", "100%25"},
      {"", ""},
  };
  for (const auto& [text, encoded] : cases) {
    INFO(text);
    CHECK(percent_encode(text) == encoded);
    CHECK(percent_decode(encoded, false) == text);
  }
  CHECK(percent_encode("guides/Plan d'action.pdf", true) == "guides/Plan%20d%27action.pdf");
  CHECK(percent_decode(percent_encode("a/b c/é", true), false) == "a/b c/é");
}
