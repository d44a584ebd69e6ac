#include "http/auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <optional>
#include <string_view>

#include "content/text.h"
#include "http/header_tokens.h"

namespace kc::http {
namespace {

using Digest = std::array<unsigned char, 32>;

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// SHA-256 maps every token to 32 bytes: the comparison below then takes the same time
// whatever the lengths, and an early length check cannot leak the token's length.
std::optional<Digest> sha256(std::string_view text) {
  Digest digest{};
  unsigned int size = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 ||
      size != digest.size()) {
    return std::nullopt;  // no SHA-256 in this OpenSSL: fail closed
  }
  return digest;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The configured digest's bytes; nullopt when it is malformed (config validation
// refuses those, so this only keeps a bad value from matching anything).
std::optional<Digest> digest_from_hex(std::string_view hex) {
  if (!is_sha256_hex(hex)) return std::nullopt;
  Digest digest{};
  for (std::size_t i = 0; i < digest.size(); ++i) {
    digest[i] = static_cast<unsigned char>(hex_value(hex[2 * i]) * 16 + hex_value(hex[2 * i + 1]));
  }
  return digest;
}

bool same_digest(const Digest& presented, const std::optional<Digest>& expected) {
  return expected && CRYPTO_memcmp(presented.data(), expected->data(), presented.size()) == 0;
}

bool same_token(const Digest& presented, const std::string& configured) {
  if (configured.empty()) return false;  // an unset token opens nothing
  return same_digest(presented, sha256(configured));
}

// The staff name whose token has this digest. Every entry is compared, matched or not,
// so the time does not say which one matched.
std::optional<std::string> staff_name_for_digest(const Digest& presented, const Tokens& tokens) {
  std::optional<std::string> found;
  if (same_token(presented, tokens.staff)) found = kSharedStaffName;
  for (const StaffToken& member : tokens.named_staff) {
    if (same_digest(presented, digest_from_hex(member.token_sha256)) && !found) found = member.name;
  }
  return found;
}

Identity identify_digest(const Digest& presented, const Tokens& tokens) {
  // Both roles are always checked, so timing does not say which role (if any) matched.
  auto staff_name = staff_name_for_digest(presented, tokens);
  const bool analyst = same_token(presented, tokens.analyst);
  if (staff_name) return Identity{Role::Staff, std::move(*staff_name)};
  if (analyst) return Identity{Role::Analyst, ""};
  return Identity{};
}

}  // namespace

bool is_sha256_hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (hex_value(c) < 0) return false;
  }
  return true;
}

Identity identify(const std::string& authorization_header, const Tokens& tokens) {
  std::string_view value = trim_whitespace(authorization_header);
  static constexpr std::string_view kScheme = "bearer";
  if (value.size() <= kScheme.size() || !is_blank(value[kScheme.size()])) return Identity{};
  if (!content::equals_ignoring_ascii_case(value.substr(0, kScheme.size()), kScheme)) return Identity{};
  value.remove_prefix(kScheme.size());
  value = trim_whitespace(value);
  if (value.empty()) return Identity{};
  const auto presented = sha256(value);
  if (!presented) return Identity{};
  return identify_digest(*presented, tokens);
}

Role authenticate(const std::string& authorization_header, const Tokens& tokens) {
  return identify(authorization_header, tokens).role;
}

std::optional<std::string> staff_name_for_token(std::string_view token, const Tokens& tokens) {
  if (token.empty()) return std::nullopt;
  const auto presented = sha256(token);
  if (!presented) return std::nullopt;
  return staff_name_for_digest(*presented, tokens);
}

}  // namespace kc::http
