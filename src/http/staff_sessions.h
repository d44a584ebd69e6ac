#pragma once
// Who is signed in to the staff pages (issue 14): sessions held in memory, each named by
// 256 random bits (OpenSSL RAND_bytes) carried in the session cookie, with the staff
// member's name, its own CSRF token (every staff form carries it) and an expiry; expired
// sessions are dropped whenever the table is touched. Also the sign-in rate limit: a
// client address with too many failed attempts in a window is refused for a while.
// A restart signs everyone out (nothing is written to disk, so nothing can leak from it).
// Thread-safe (one mutex each); never throws except std::bad_alloc and SessionError when
// the random generator fails.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kc::http {

class SessionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using SessionClock = std::chrono::system_clock;

// 32 random bytes as 64 lower-case hex digits. Throws SessionError when OpenSSL cannot draw them.
std::string random_token();

// Compares two tokens without revealing through timing where they first differ.
bool same_secret(const std::string& a, const std::string& b);

struct StaffSession {
  std::string id;    // the cookie value
  std::string csrf;  // what every form of this session must send back
  std::string staff;  // the staff member's name, for history
  SessionClock::time_point expires;
};

class StaffSessions {
 public:
  static constexpr std::chrono::hours kLifetime{12};

  // A new session for `staff`, valid kLifetime from `now`.
  StaffSession open(const std::string& staff, SessionClock::time_point now = SessionClock::now());
  // The live session named `id`, or nullopt (unknown, expired, or "").
  std::optional<StaffSession> find(const std::string& id, SessionClock::time_point now = SessionClock::now());
  void close(const std::string& id);

 private:
  void drop_expired(SessionClock::time_point now);  // the mutex held
  std::mutex mutex_;
  std::map<std::string, StaffSession> sessions_;
};

// Failed sign-ins per client address: kMaxFailures in kWindow blocks the address until
// the oldest of them leaves the window. A success clears the address's failures.
class LoginLimiter {
 public:
  static constexpr int kMaxFailures = 5;
  static constexpr std::chrono::minutes kWindow{5};

  // 0 when `address` may try now, else the seconds to wait (for Retry-After).
  long long retry_after(const std::string& address, SessionClock::time_point now = SessionClock::now());
  void failed(const std::string& address, SessionClock::time_point now = SessionClock::now());
  void succeeded(const std::string& address);

 private:
  void forget_old(SessionClock::time_point now);  // the mutex held
  std::mutex mutex_;
  std::map<std::string, std::vector<SessionClock::time_point>> failures_;
};

}  // namespace kc::http
