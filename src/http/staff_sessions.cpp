#include "http/staff_sessions.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <array>

namespace kc::http {

std::string random_token() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw SessionError("cannot draw a random session token (OpenSSL RAND_bytes failed)");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(bytes.size() * 2);
  for (const unsigned char byte : bytes) {
    text += kHex[byte >> 4];
    text += kHex[byte & 0x0f];
  }
  return text;
}

bool same_secret(const std::string& a, const std::string& b) {
  // The lengths of our tokens are public (64 hex digits): only the content must not leak.
  return !a.empty() && a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

StaffSession StaffSessions::open(const std::string& staff, SessionClock::time_point now) {
  StaffSession session{random_token(), random_token(), staff, now + kLifetime};
  const std::lock_guard lock(mutex_);
  drop_expired(now);
  sessions_[session.id] = session;
  return session;
}

std::optional<StaffSession> StaffSessions::find(const std::string& id, SessionClock::time_point now) {
  if (id.empty()) return std::nullopt;
  const std::lock_guard lock(mutex_);
  drop_expired(now);
  // A map lookup compares keys byte by byte, but an attacker learns nothing useful from
  // it: ids are 256 random bits, so no prefix of one can be guessed toward the rest.
  const auto found = sessions_.find(id);
  if (found == sessions_.end()) return std::nullopt;
  return found->second;
}

void StaffSessions::close(const std::string& id) {
  const std::lock_guard lock(mutex_);
  sessions_.erase(id);
}

void StaffSessions::drop_expired(SessionClock::time_point now) {
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = it->second.expires <= now ? sessions_.erase(it) : std::next(it);
  }
}

long long LoginLimiter::retry_after(const std::string& address, SessionClock::time_point now) {
  const std::lock_guard lock(mutex_);
  forget_old(now);
  const auto found = failures_.find(address);
  if (found == failures_.end() || found->second.size() < static_cast<std::size_t>(kMaxFailures)) return 0;
  // Blocked until enough failures have left the window for one more try.
  const auto& times = found->second;
  const auto opens = times[times.size() - kMaxFailures] + kWindow;
  const auto wait = std::chrono::ceil<std::chrono::seconds>(opens - now).count();
  return wait > 0 ? wait : 1;
}

void LoginLimiter::failed(const std::string& address, SessionClock::time_point now) {
  const std::lock_guard lock(mutex_);
  forget_old(now);
  failures_[address].push_back(now);
}

void LoginLimiter::succeeded(const std::string& address) {
  const std::lock_guard lock(mutex_);
  failures_.erase(address);
}

// Keeps memory bounded by the addresses that failed in the last window.
void LoginLimiter::forget_old(SessionClock::time_point now) {
  for (auto it = failures_.begin(); it != failures_.end();) {
    auto& times = it->second;
    while (!times.empty() && times.front() + kWindow <= now) times.erase(times.begin());
    it = times.empty() ? failures_.erase(it) : std::next(it);
  }
}

}  // namespace kc::http
