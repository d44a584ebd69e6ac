#pragma once
// Bearer-token authentication (RFC 6750 §2.1) for the analyst and staff routes
// (DESIGN §4), and the check of a token typed into the staff sign-in form. Presented and
// configured tokens are both hashed with SHA-256 and the digests compared with
// CRYPTO_memcmp, every configured token every time, so the time taken reveals neither
// the token's content, nor its length, nor which entry matched. Named staff tokens are
// configured by their SHA-256 only (config `staff: [{name, token_sha256}]`), so the
// config file never holds a usable secret. Tokens are never logged, copied into
// messages or thrown. Which role opens which route is routes.cpp's decision.
// Thread-safe; never throws except std::bad_alloc.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kc::http {

enum class Role { None, Analyst, Staff };

// One named staff member: history records `name` as the author of their saves.
struct StaffToken {
  std::string name;
  std::string token_sha256;  // 64 hex digits (either case) of SHA-256(token)
};

// The name given to whoever presents the single staff token (KC_STAFF_TOKEN).
inline constexpr const char* kSharedStaffName = "staff";

struct Tokens {
  std::string analyst;  // "" = not configured: nobody gets this role
  std::string staff;    // KC_STAFF_TOKEN, known as kSharedStaffName
  std::vector<StaffToken> named_staff;
};

// Who a request or a sign-in is: a role, and for staff the name history records.
struct Identity {
  Role role = Role::None;
  std::string staff_name;  // "" unless role == Staff
};

// The identity the Authorization header carries: "Bearer <token>", the scheme
// case-insensitive, any spaces or tabs around and between. Staff wins when a staff
// token equals the analyst token; among staff tokens the shared one, then the first
// named one in the config's order. None when the header is absent, of another scheme,
// carries no token, or the token matches nothing.
Identity identify(const std::string& authorization_header, const Tokens& tokens);

// The same answer's role only.
Role authenticate(const std::string& authorization_header, const Tokens& tokens);

// A token typed into the sign-in form (taken as typed: no scheme, no trimming): the
// staff name it belongs to, or nullopt. Analyst tokens do not sign in.
std::optional<std::string> staff_name_for_token(std::string_view token, const Tokens& tokens);

// True when `text` is a well-formed token_sha256 value (64 hex digits).
bool is_sha256_hex(std::string_view text);

}  // namespace kc::http
