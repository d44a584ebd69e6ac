#include <catch2/catch.hpp>

#include <string>

#include "http/auth.h"

using kc::http::authenticate;
using kc::http::Role;
using kc::http::Tokens;

TEST_CASE("a bearer token selects its role", "[http][auth]") {
  const Tokens tokens{"analyst-secret-123", "staff-secret-456"};
  struct Case {
    const char* why;
    std::string header;
    Role role;
  };
  const Case cases[] = {
      {"the analyst token", "Bearer analyst-secret-123", Role::Analyst},
      {"the staff token", "Bearer staff-secret-456", Role::Staff},
      {"the scheme is case-insensitive", "bEaReR staff-secret-456", Role::Staff},
      {"extra spaces are tolerated", "  Bearer    analyst-secret-123  ", Role::Analyst},
      {"a tab separates too", "Bearer\tanalyst-secret-123", Role::Analyst},
      {"no header", "", Role::None},
      {"a wrong token", "Bearer guess", Role::None},
      {"a prefix of the token", "Bearer analyst-secret-12", Role::None},
      {"the token plus a byte", "Bearer analyst-secret-1234", Role::None},
      {"the token in another case", "Bearer ANALYST-SECRET-123", Role::None},
      {"the scheme alone", "Bearer", Role::None},
      {"the scheme and spaces", "Bearer    ", Role::None},
      {"no space after the scheme", "Beareranalyst-secret-123", Role::None},
      {"another scheme", "Basic YW5hbHlzdDpzZWNyZXQ=", Role::None},
      {"the token without a scheme", "analyst-secret-123", Role::None},
      {"the token with a NUL appended", std::string("Bearer analyst-secret-123\0", 26), Role::None},
      {"a very long token", "Bearer " + std::string(100000, 'a'), Role::None},
  };
  for (const auto& test : cases) {
    INFO(test.why);
    CHECK(authenticate(test.header, tokens) == test.role);
  }
}

TEST_CASE("an unconfigured token never matches", "[http][auth]") {
  CHECK(authenticate("Bearer ", Tokens{}) == Role::None);
  CHECK(authenticate("Bearer x", Tokens{}) == Role::None);
  CHECK(authenticate("Bearer \"\"", Tokens{}) == Role::None);
  CHECK(authenticate("Bearer staff", Tokens{"", "staff"}) == Role::Staff);
  CHECK(authenticate("Bearer analyst", Tokens{"analyst", ""}) == Role::Analyst);
}

TEST_CASE("staff wins when both configured tokens are the same", "[http][auth]") {
  CHECK(authenticate("Bearer same", Tokens{"same", "same"}) == Role::Staff);
}
