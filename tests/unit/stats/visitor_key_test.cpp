#include <catch2/catch.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/stat.h>

#include <string>
#include <thread>

#include "stats/visitor_key.h"
#include "stats_fixture.h"

using namespace kc::stats;
using namespace kc::stats::test;

namespace {

std::string secret_hex(const std::filesystem::path& data_dir) {
  const std::string text = kc::test::read_file(data_dir / kSecretFileName);
  return text.substr(11, 64);
}

std::string database_bytes(const std::filesystem::path& data_dir) {
  std::string bytes;
  for (const char* name : {"kc.sqlite", "kc.sqlite-wal"}) {
    if (std::filesystem::exists(data_dir / name)) bytes += kc::test::read_file(data_dir / name);
  }
  return bytes;
}

std::string unhex(const std::string& hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return bytes;
}

}  // namespace

TEST_CASE("a visitor key is stable within a UTC day and changes the next day", "[stats][visitor]") {
  kc::test::TempDir dir;
  VisitorKeys keys(dir.path());
  const std::int64_t day = *parse_day("2026-03-10");
  const std::string key = keys.key("203.0.113.7", kPhoneUa, day);
  CHECK(key.size() == 64);
  CHECK(keys.key("203.0.113.7", kPhoneUa, day) == key);
  CHECK(keys.key("203.0.113.8", kPhoneUa, day) != key);
  CHECK(keys.key("203.0.113.7", "curl/8.0", day) != key);
  // The separator keeps "IP + UA" pairs apart: "1.2.3.4" + "5x" is not "1.2.3.45" + "x".
  CHECK(keys.key("1.2.3.4", "5x", day) != keys.key("1.2.3.45", "x", day));
  // A request that straddled midnight still gets a key, with the current secret.
  CHECK(keys.key("203.0.113.7", kPhoneUa, day - 1) == key);

  const std::string next_day = keys.key("203.0.113.7", kPhoneUa, day + 1);
  CHECK(next_day != key);
  CHECK(kc::test::read_file(dir / kSecretFileName).rfind("2026-03-11 ", 0) == 0);
}

// Each thread hashes with its own copy of the keyed HMAC, restarted per key: every key
// must still be exactly HMAC-SHA-256(secret, IP "\n" User-Agent), whatever came before
// it on that thread, on any thread, and with another VisitorKeys in between.
TEST_CASE("a visitor key is the HMAC of IP and User-Agent, on every thread and after any other key",
          "[stats][visitor]") {
  kc::test::TempDir dir, other_dir;
  VisitorKeys keys(dir.path());
  VisitorKeys other(other_dir.path());
  const std::int64_t day = *parse_day("2026-03-10");
  const auto expected = [&](const std::string& ip, const std::string& ua) {
    const std::string secret = unhex(secret_hex(dir.path()));
    const std::string message = ip + "\n" + ua;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &size);
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < size; ++i) hex += {kDigits[digest[i] >> 4], kDigits[digest[i] & 0xF]};
    return hex;
  };
  const std::string first = keys.key("203.0.113.7", kPhoneUa, day);
  CHECK(first == expected("203.0.113.7", kPhoneUa));
  CHECK(keys.key("198.51.100.1", "curl/8.0", day) == expected("198.51.100.1", "curl/8.0"));
  CHECK(other.key("203.0.113.7", kPhoneUa, day) != first);  // another secret, same thread
  CHECK(keys.key("203.0.113.7", kPhoneUa, day) == first);
  std::string from_thread;
  std::thread([&] { from_thread = keys.key("203.0.113.7", kPhoneUa, day); }).join();
  CHECK(from_thread == first);
  const std::string next_day = keys.key("203.0.113.7", kPhoneUa, day + 1);  // a new secret
  CHECK(next_day == expected("203.0.113.7", kPhoneUa));
  std::thread([&] { from_thread = keys.key("203.0.113.7", kPhoneUa, day + 1); }).join();
  CHECK(from_thread == next_day);
}

TEST_CASE("the secret survives a restart on the same day, in a file only its owner reads", "[stats][visitor]") {
  kc::test::TempDir dir;
  const std::int64_t day = *parse_day("2026-03-10");
  const std::string key = VisitorKeys(dir.path()).key("203.0.113.7", kPhoneUa, day);
  CHECK(VisitorKeys(dir.path()).key("203.0.113.7", kPhoneUa, day) == key);
  struct stat info {};
  REQUIRE(stat((dir / kSecretFileName).c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK_FALSE(std::filesystem::exists(dir / "visitor-secret.tmp"));
}

TEST_CASE("the log stores a different visitor key each day and never the secret or the IP", "[stats][visitor]") {
  LogFixture fixture;
  const std::string ip = "198.51.100.23";
  std::vector<std::string> secrets;
  {
    auto log = fixture.open();
    log->record_download(download("files/manual.pdf", ip));
    secrets.push_back(secret_hex(fixture.data_dir()));
    fixture.clock.set("2026-03-11 09:00:00");
    log->record_download(download("files/manual.pdf", ip));
    log->record_view(view("retort", "en", ip));
    log->flush();
    secrets.push_back(secret_hex(fixture.data_dir()));
    CHECK(fixture.scalar("SELECT count(DISTINCT visitor) FROM events WHERE kind = 'download'") == 2);

    const std::string bytes = database_bytes(fixture.data_dir());
    CHECK(bytes.find(ip) == std::string::npos);
    CHECK(bytes.find("198.51.100") == std::string::npos);
    CHECK(bytes.find("Android 13") == std::string::npos);  // the raw User-Agent is not kept either
    for (const auto& secret : secrets) {
      CHECK(bytes.find(secret) == std::string::npos);
      CHECK(bytes.find(unhex(secret)) == std::string::npos);
    }
  }
  CHECK(secrets[0] != secrets[1]);
}
