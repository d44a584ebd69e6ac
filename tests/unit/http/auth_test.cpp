#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "http/auth.h"

using kc::http::authenticate;
using kc::http::Role;
using kc::http::Tokens;

TEST_CASE("a bearer token selects its role", "[http][auth]") {
  const Tokens tokens{"analyst-secret-123", "staff-secret-456", {}};
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
  CHECK(authenticate("Bearer staff", Tokens{"", "staff", {}}) == Role::Staff);
  CHECK(authenticate("Bearer analyst", Tokens{"analyst", "", {}}) == Role::Analyst);
}

TEST_CASE("staff wins when both configured tokens are the same", "[http][auth]") {
  CHECK(authenticate("Bearer same", Tokens{"same", "same", {}}) == Role::Staff);
}

namespace {

using kc::http::identify;
using kc::http::staff_name_for_token;
using kc::http::StaffToken;

// The digests as `printf %s TOKEN | sha256sum` prints them (the second in upper case:
// either case is accepted).
Tokens named_tokens() {
  Tokens tokens{"analyst-secret-123", "shared-staff-456", {}};
  tokens.named_staff = {
      {"Ama Mensah", "184e08ac545c06c009acd9a35764db9d19a6abe603c0a305fea2a5675eca3d09"},  // ama-token-1
      {"Kofi", "5BCD66272C63E6B3B1FC1B14BB1DAC0673AAB6EF8609B0FD07AB89D2C6E39F4B"},        // kofi-token-2
      {"Broken", "not-a-digest"},
  };
  return tokens;
}

}  // namespace

TEST_CASE("a named staff token yields the staff role and the member's name", "[http][auth]") {
  const Tokens tokens = named_tokens();
  const auto ama = identify("Bearer ama-token-1", tokens);
  CHECK(ama.role == Role::Staff);
  CHECK(ama.staff_name == "Ama Mensah");
  CHECK(identify("Bearer kofi-token-2", tokens).staff_name == "Kofi");
  const auto shared = identify("Bearer shared-staff-456", tokens);
  CHECK(shared.role == Role::Staff);
  CHECK(shared.staff_name == "staff");
  const auto analyst = identify("Bearer analyst-secret-123", tokens);
  CHECK(analyst.role == Role::Analyst);
  CHECK(analyst.staff_name.empty());
  CHECK(identify("Bearer ama-token-", tokens).role == Role::None);
  CHECK(identify("Bearer not-a-digest", tokens).role == Role::None);
  CHECK(identify("Bearer 184e08ac545c06c009acd9a35764db9d19a6abe603c0a305fea2a5675eca3d09", tokens).role ==
        Role::None);  // the digest is not the token
}

TEST_CASE("a token typed at sign-in gives the staff name, as typed", "[http][auth]") {
  const Tokens tokens = named_tokens();
  CHECK(staff_name_for_token("ama-token-1", tokens) == std::optional<std::string>("Ama Mensah"));
  CHECK(staff_name_for_token("shared-staff-456", tokens) == std::optional<std::string>("staff"));
  CHECK_FALSE(staff_name_for_token("analyst-secret-123", tokens));  // analysts do not sign in as staff
  CHECK_FALSE(staff_name_for_token(" ama-token-1", tokens));
  CHECK_FALSE(staff_name_for_token("", tokens));
  CHECK_FALSE(staff_name_for_token("", Tokens{}));
}

TEST_CASE("a token_sha256 value is 64 hex digits", "[http][auth]") {
  CHECK(kc::http::is_sha256_hex("184e08ac545c06c009acd9a35764db9d19a6abe603c0a305fea2a5675eca3d09"));
  CHECK_FALSE(kc::http::is_sha256_hex("184e08ac545c06c009acd9a35764db9d19a6abe603c0a305fea2a5675eca3d0"));
  CHECK_FALSE(kc::http::is_sha256_hex("184e08ac545c06c009acd9a35764db9d19a6abe603c0a305fea2a5675eca3d0g"));
  CHECK_FALSE(kc::http::is_sha256_hex(""));
}
