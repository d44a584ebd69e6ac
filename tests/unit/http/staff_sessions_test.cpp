#include <catch2/catch.hpp>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "http/cookies.h"
#include "http/staff_sessions.h"

using namespace kc::http;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

TEST_CASE("sessions are 256 random bits, carry their own CSRF token and expire after 12 hours", "[http][staff]") {
  StaffSessions sessions;
  const auto now = SessionClock::now();
  std::set<std::string> ids;
  for (int i = 0; i < 100; ++i) ids.insert(sessions.open("amina", now).id);
  CHECK(ids.size() == 100);
  const StaffSession session = sessions.open("amina", now);
  CHECK(session.id.size() == 64);
  CHECK(session.csrf.size() == 64);
  CHECK(session.csrf != session.id);
  CHECK(sessions.find(session.id, now + hours(11))->staff == "amina");
  CHECK_FALSE(sessions.find(session.id, now + hours(12)));
  CHECK_FALSE(sessions.find("", now));
  const StaffSession other = sessions.open("luis", now);
  sessions.close(other.id);
  CHECK_FALSE(sessions.find(other.id, now));
}

TEST_CASE("the sign-in limiter blocks an address after five failures in five minutes", "[http][staff]") {
  LoginLimiter limiter;
  const auto start = SessionClock::now();
  for (int i = 0; i < 5; ++i) {
    CHECK(limiter.retry_after("10.0.0.1", start + seconds(i)) == 0);
    limiter.failed("10.0.0.1", start + seconds(i));
  }
  CHECK(limiter.retry_after("10.0.0.1", start + seconds(10)) == 290);  // the first failure leaves at 5 min
  CHECK(limiter.retry_after("10.0.0.2", start + seconds(10)) == 0);    // per address
  CHECK(limiter.retry_after("10.0.0.1", start + minutes(5)) == 0);
  limiter.failed("10.0.0.3", start);
  limiter.succeeded("10.0.0.3");
  CHECK(limiter.retry_after("10.0.0.3", start) == 0);
}

TEST_CASE("sessions may be opened and found from many threads at once", "[http][staff]") {
  StaffSessions sessions;
  std::atomic<int> found{0};  // Catch's assertions are not thread-safe: count, check after
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&sessions, &found] {
      for (int i = 0; i < 200; ++i) {
        const auto session = sessions.open("staff");
        if (sessions.find(session.id)) ++found;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(found == 800);
}

TEST_CASE("cookies: the value by name, and the attributes set", "[http][staff]") {
  CHECK(cookie_value("a=1; kc_staff=abc ; b=2", "kc_staff") == "abc");
  CHECK(cookie_value("xkc_staff=1; kc_staff=\"q\"", "kc_staff") == "q");
  CHECK(cookie_value("a=1", "kc_staff").empty());
  CHECK(set_cookie("kc_staff", "v", 43200, false) == "kc_staff=v; Path=/staff; Max-Age=43200; HttpOnly; SameSite=Strict");
  CHECK(set_cookie("kc_staff", "", 0, true) == "kc_staff=; Path=/staff; Max-Age=0; HttpOnly; SameSite=Strict; Secure");
}
