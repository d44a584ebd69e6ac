#include "http/options.h"

#include <cctype>
#include <set>
#include <string>
#include <stdexcept>

namespace kc::http {
namespace {

// A staff name becomes a Git author name: no angle brackets or control characters
// (libgit2 refuses them), and short enough for a history page.
bool is_valid_staff_name(const std::string& name) {
  if (name.empty() || name.size() > 100) return false;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f || c == '<' || c == '>') return false;
  }
  return true;
}

void validate_staff(const std::vector<StaffToken>& staff) {
  std::set<std::string> names;
  std::set<std::string> digests;
  for (std::size_t i = 0; i < staff.size(); ++i) {
    const std::string where = "staff[" + std::to_string(i) + "]";
    if (!is_valid_staff_name(staff[i].name)) {
      throw std::invalid_argument(where + ".name must be 1 to 100 bytes without '<', '>' or control characters");
    }
    if (!is_sha256_hex(staff[i].token_sha256)) {
      throw std::invalid_argument(where + ".token_sha256 must be 64 hex digits (sha256sum of the token)");
    }
    if (!names.insert(staff[i].name).second) throw std::invalid_argument(where + ".name is given twice");
    std::string digest = staff[i].token_sha256;
    for (char& c : digest) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!digests.insert(digest).second) throw std::invalid_argument(where + ".token_sha256 is given twice");
  }
}

}  // namespace

void ServerOptions::validate() const {
  if (host.empty()) throw std::invalid_argument("host must not be empty");
  if (threads > 256) throw std::invalid_argument("threads must be at most 256");
  if (max_request_bytes < 1024) throw std::invalid_argument("max_request_bytes must be at least 1024");
  if (max_request_bytes > (std::size_t{16} << 20)) throw std::invalid_argument("max_request_bytes must be at most 16 MiB");
  if (max_guide_bytes < 1024 || max_guide_bytes > (std::size_t{64} << 20)) {
    throw std::invalid_argument("max_guide_bytes must be between 1 KiB and 64 MiB");
  }
  if (header_timeout.count() <= 0 || keepalive_timeout.count() <= 0) {
    throw std::invalid_argument("timeouts must be positive");
  }
  if (max_upload_bytes < 1024 || max_upload_bytes > (std::size_t{4} << 30)) {
    throw std::invalid_argument("max_upload_bytes must be between 1 KiB and 4 GiB");
  }
  if (upload_timeout.count() <= 0) throw std::invalid_argument("upload_timeout must be positive");
  validate_staff(staff);
  log.validate();
}

}  // namespace kc::http
