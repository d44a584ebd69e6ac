#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <fstream>

#include "stats/download_log.h"
#include "stats/robots.h"
#include "stats_fixture.h"

using namespace kc::stats;

namespace {

std::filesystem::path crawler_list() {
  return std::filesystem::path(KC_TEST_DATA) / "../../tools/node_modules/crawler-user-agents/crawler-user-agents.json";
}

constexpr const char* kIphoneSafari =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 "
    "Mobile/15E148 Safari/604.1";

}  // namespace

TEST_CASE("every instance of the crawler list is a robot and phone browsers are not", "[stats][robots]") {
  INFO(crawler_list() << " is missing: run tools/setup.sh");
  REQUIRE(std::filesystem::exists(crawler_list()));
  const RobotList robots(crawler_list(), {});
  std::ifstream in(crawler_list());
  const auto list = nlohmann::json::parse(in);
  CHECK(robots.pattern_count() == list.size());
  std::size_t instances = 0;
  for (const auto& entry : list) {
    for (const auto& instance : entry.value("instances", nlohmann::json::array())) {
      INFO(entry["pattern"].get<std::string>() << " / " << instance.get<std::string>());
      CHECK(robots.is_robot(instance.get<std::string>()));
      ++instances;
    }
  }
  CHECK(instances > 1000);
  CHECK_FALSE(robots.is_robot(kc::stats::test::kPhoneUa));
  CHECK_FALSE(robots.is_robot(kIphoneSafari));
  CHECK_FALSE(robots.is_robot(""));

  SECTION("a very long User-Agent neither exhausts the matcher nor hides a robot") {
    std::string filler;
    for (unsigned x = 7; filler.size() < 64 * 1024; x = x * 1103515245u + 12345u) {
      filler += static_cast<char>('a' + (x >> 16) % 26);
      if ((x >> 8) % 7 == 0) filler += ' ';
    }
    CHECK_FALSE(robots.is_robot(std::string(kc::stats::test::kPhoneUa) + " " + filler));
    CHECK(robots.is_robot(std::string(kc::stats::test::kPhoneUa) + " " + filler + " Googlebot/2.1"));
  }
  SECTION("the allow-list takes User-Agents off the list, case-insensitively") {
    CHECK(robots.is_robot("okhttp/4.9.2"));
    const RobotList allowing(crawler_list(), {"OKHTTP"});
    CHECK_FALSE(allowing.is_robot("okhttp/4.9.2"));
    CHECK(allowing.is_robot("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"));
  }
}

TEST_CASE("the robot list refuses files it cannot use", "[stats][robots]") {
  kc::test::TempDir dir;
  const std::pair<const char*, const char*> cases[] = {
      {"not json", "[{"},
      {"not an array", R"({"pattern": "bot"})"},
      {"no pattern", R"([{"url": "x"}])"},
      {"a bad regex", R"([{"pattern": "(unclosed"}])"},
  };
  for (const auto& [name, text] : cases) {
    INFO(name);
    kc::test::write_file(dir / "robots.json", text);
    CHECK_THROWS_AS(RobotList(dir / "robots.json", {}), StatsError);
  }
  CHECK_THROWS_AS(RobotList(dir / "missing.json", {}), StatsError);
  CHECK_FALSE(RobotList({}, {"x"}).is_robot("Googlebot/2.1"));
}

TEST_CASE("user agents fall in a small set of classes", "[stats][robots]") {
  const std::tuple<bool, const char*, const char*> cases[] = {
      {true, "Googlebot/2.1", "robot"},
      {false, kIphoneSafari, "browser"},
      {false, "Opera/9.80 (J2ME/MIDP; Opera Mini/4.2)", "browser"},
      {false, "curl/8.0.1", "other"},
      {false, "", "other"},
  };
  for (const auto& [robot, user_agent, expected] : cases) {
    INFO(user_agent);
    CHECK(std::string(agent_class(robot, user_agent)) == expected);
  }
}
