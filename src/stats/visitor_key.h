#pragma once
// The visitor key (DESIGN §6): HMAC-SHA-256 over client IP + "\n" + User-Agent with a
// secret that is replaced every UTC day, so one visitor is recognisable within a day
// (double clicks, bulk, sessions) and never across days, and the IP cannot be recovered.
// The secret and its day live in <data_dir>/visitor-secret (mode 0600, "YYYY-MM-DD <hex>"),
// never in the database, so a restart during the day keeps the same keys.
//
// Thread safety: key() may be called from any thread; each thread hashes with its own
// copy of the keyed HMAC, taken again when the secret changes, so concurrent keys share
// no lock. Throws StatsError when the secret file cannot be written.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

struct evp_mac_ctx_st;

namespace kc::stats {

constexpr const char* kSecretFileName = "visitor-secret";

class VisitorKeys {
 public:
  explicit VisitorKeys(std::filesystem::path data_dir);
  ~VisitorKeys();

  // 64 hex digits. Rotates the secret when `day` (days since 1970-01-01, UTC) is later
  // than the secret's day; an earlier day (a request that straddled midnight) uses the
  // current secret.
  std::string key(std::string_view client_ip, std::string_view user_agent, std::int64_t day);

 private:
  using Secret = std::array<unsigned char, 32>;
  void load();
  void rotate(std::int64_t day);
  void use(const Secret& secret, std::int64_t day);

  struct FreeMac {
    void operator()(evp_mac_ctx_st* mac) const;
  };
  using Mac = std::unique_ptr<evp_mac_ctx_st, FreeMac>;

  Mac keyed_copy();  // of keyed_, under mutex_

  const std::uint64_t id_;  // unique per VisitorKeys in the process: names its thread copies
  std::filesystem::path file_;
  std::mutex mutex_;
  Mac keyed_;  // HMAC-SHA-256 keyed with the current secret; each thread keeps a copy
  std::atomic<std::int64_t> secret_day_{-1};  // -1: none yet; written under mutex_
  std::atomic<std::uint64_t> generation_{0};  // +1 per secret; written under mutex_
};

}  // namespace kc::stats
