#include "stats/visitor_key.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "stats/calendar.h"
#include "stats/stats_error.h"

namespace kc::stats {
namespace {

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    hex[2 * i] = kDigits[bytes[i] >> 4];
    hex[2 * i + 1] = kDigits[bytes[i] & 0xF];
  }
  return hex;
}

bool from_hex(std::string_view hex, unsigned char* bytes, std::size_t size) {
  if (hex.size() != size * 2) return false;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < size; ++i) {
    const int high = nibble(hex[2 * i]);
    const int low = nibble(hex[2 * i + 1]);
    if (high < 0 || low < 0) return false;
    bytes[i] = static_cast<unsigned char>(high << 4 | low);
  }
  return true;
}

// Written to a temporary file created 0600 (whatever the umask) and renamed over the old
// one, so a crash leaves either the old secret or the new one, never half of one.
void write_secret_file(const std::filesystem::path& file, const std::string& text) {
  const std::string temporary = file.string() + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw StatsError("cannot write " + temporary + ": " + std::strerror(errno));
  const bool written = ::fchmod(fd, 0600) == 0 &&
                       ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  const int write_errno = errno;
  ::close(fd);
  if (!written) {
    ::unlink(temporary.c_str());
    throw StatsError("cannot write " + temporary + ": " + std::strerror(write_errno));
  }
  if (std::rename(temporary.c_str(), file.c_str()) != 0) {
    const int rename_errno = errno;
    ::unlink(temporary.c_str());
    throw StatsError("cannot replace " + file.string() + ": " + std::strerror(rename_errno));
  }
}

std::uint64_t next_instance_id() {
  static std::atomic<std::uint64_t> last{0};
  return ++last;
}

}  // namespace

void VisitorKeys::FreeMac::operator()(evp_mac_ctx_st* mac) const { EVP_MAC_CTX_free(mac); }

VisitorKeys::VisitorKeys(std::filesystem::path data_dir)
    : id_(next_instance_id()), file_(std::move(data_dir) / kSecretFileName) {
  load();
}

VisitorKeys::~VisitorKeys() = default;

VisitorKeys::Mac VisitorKeys::keyed_copy() {
  Mac copy(EVP_MAC_CTX_dup(keyed_.get()));
  if (!copy) throw StatsError("cannot copy the keyed HMAC-SHA-256 for the visitor keys (OpenSSL)");
  return copy;
}

// Keying, and even copying a keyed context (allocations, and reference counts that every
// thread touches), cost more than hashing a header. So each thread keeps its own keyed
// copy and restarts it for each key: EVP_MAC_init() without a key keeps the key.
std::string VisitorKeys::key(std::string_view client_ip, std::string_view user_agent, std::int64_t day) {
  struct ThreadCopy {
    std::uint64_t owner = 0;  // the VisitorKeys id_ it was copied from
    std::uint64_t generation = 0;
    Mac mac;
  };
  thread_local ThreadCopy local;
  bool fresh = false;
  if (day > secret_day_.load() || local.owner != id_ || local.generation != generation_.load()) {
    std::lock_guard lock(mutex_);
    if (day > secret_day_.load()) rotate(day);
    local.mac = keyed_copy();
    local.owner = id_;
    local.generation = generation_.load();
    fresh = true;
  }
  EVP_MAC_CTX* mac = local.mac.get();
  unsigned char digest[EVP_MAX_MD_SIZE];
  std::size_t digest_size = 0;
  const bool ok = (fresh || EVP_MAC_init(mac, nullptr, 0, nullptr)) &&
                  EVP_MAC_update(mac, reinterpret_cast<const unsigned char*>(client_ip.data()), client_ip.size()) &&
                  EVP_MAC_update(mac, reinterpret_cast<const unsigned char*>("\n"), 1) &&
                  EVP_MAC_update(mac, reinterpret_cast<const unsigned char*>(user_agent.data()), user_agent.size()) &&
                  EVP_MAC_final(mac, digest, &digest_size, sizeof digest);
  if (!ok) {
    local.mac.reset();  // its state is unknown: the next key() copies again
    local.owner = 0;
    throw StatsError("cannot compute a visitor key (OpenSSL HMAC-SHA-256 failed)");
  }
  return to_hex(digest, digest_size);
}

void VisitorKeys::use(const Secret& secret, std::int64_t day) {
  EVP_MAC* hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  Mac mac(hmac ? EVP_MAC_CTX_new(hmac) : nullptr);
  EVP_MAC_free(hmac);  // the context keeps its own reference
  char digest_name[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                               OSSL_PARAM_construct_end()};
  if (!mac || !EVP_MAC_init(mac.get(), secret.data(), secret.size(), params)) {
    throw StatsError("cannot key HMAC-SHA-256 for the visitor keys (OpenSSL)");
  }
  keyed_ = std::move(mac);
  secret_day_ = day;
  ++generation_;
}

// A missing or unreadable file is not an error: the first key() writes a fresh one.
void VisitorKeys::load() {
  std::ifstream in(file_);
  std::string day_text, hex;
  if (!(in >> day_text >> hex)) return;
  const auto day = parse_day(day_text);
  Secret secret;
  if (!day || !from_hex(hex, secret.data(), secret.size())) return;
  use(secret, *day);
  ::chmod(file_.c_str(), 0600);  // in case someone copied it with looser permissions
}

void VisitorKeys::rotate(std::int64_t day) {
  Secret fresh;
  if (RAND_bytes(fresh.data(), static_cast<int>(fresh.size())) != 1) {
    throw StatsError("cannot draw a random visitor-key secret (OpenSSL RAND_bytes failed)");
  }
  write_secret_file(file_, format_day(day) + " " + to_hex(fresh.data(), fresh.size()) + "\n");
  use(fresh, day);
}

}  // namespace kc::stats
