#pragma once
// Bearer-token authentication (RFC 6750 §2.1) for the analyst and staff routes
// (DESIGN §4). Presented and configured tokens are both hashed with SHA-256 and the
// digests compared with CRYPTO_memcmp, so the time taken reveals neither the token's
// content nor its length. Tokens are never logged, copied into messages or thrown.
// Which role opens which route is routes.cpp's decision. Thread-safe; never throws
// except std::bad_alloc.
#include <string>

namespace kc::http {

enum class Role { None, Analyst, Staff };

struct Tokens {
  std::string analyst;  // "" = not configured: nobody gets this role
  std::string staff;
};

// The role whose token the Authorization header carries: "Bearer <token>", the scheme
// case-insensitive, any spaces or tabs around and between. Staff wins when both
// configured tokens are equal. None when the header is absent, of another scheme,
// carries no token, or the token matches neither.
Role authenticate(const std::string& authorization_header, const Tokens& tokens);

}  // namespace kc::http
