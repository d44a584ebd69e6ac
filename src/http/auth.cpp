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

bool same_token(const Digest& presented, const std::string& configured) {
  if (configured.empty()) return false;  // an unset token opens nothing
  const auto expected = sha256(configured);
  return expected && CRYPTO_memcmp(presented.data(), expected->data(), presented.size()) == 0;
}

}  // namespace

Role authenticate(const std::string& authorization_header, const Tokens& tokens) {
  std::string_view value = trim_whitespace(authorization_header);
  static constexpr std::string_view kScheme = "bearer";
  if (value.size() <= kScheme.size() || !is_blank(value[kScheme.size()])) return Role::None;
  if (!content::equals_ignoring_ascii_case(value.substr(0, kScheme.size()), kScheme)) return Role::None;
  value.remove_prefix(kScheme.size());
  value = trim_whitespace(value);
  if (value.empty()) return Role::None;

  const auto presented = sha256(value);
  if (!presented) return Role::None;
  // Both comparisons always run, so timing does not say which role (if any) matched.
  const bool staff = same_token(*presented, tokens.staff);
  const bool analyst = same_token(*presented, tokens.analyst);
  if (staff) return Role::Staff;
  if (analyst) return Role::Analyst;
  return Role::None;
}

}  // namespace kc::http
