#include <catch2/catch.hpp>

#include <clocale>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "http/etag.h"

using kc::http::etag_matches;
using kc::http::http_date;
using kc::http::if_match_tags;
using kc::http::make_etag;
using kc::http::not_modified;
using kc::http::parse_http_date;

namespace {
constexpr std::time_t kRfcExample = 784111777;  // Sun, 06 Nov 1994 08:49:37 GMT
}

TEST_CASE("an ETag is strong and made of size and modification time", "[http][etag]") {
  CHECK(make_etag(0, 0) == "\"0-0\"");
  CHECK(make_etag(255, 4096) == "\"ff-1000\"");
  CHECK(make_etag(1, 1700000000123456789) == "\"1-17979cfe3d85cd15\"");
  CHECK(make_etag(10, 1) != make_etag(10, 2));
  CHECK(make_etag(10, 1) != make_etag(11, 1));
}

TEST_CASE("If-None-Match uses weak comparison", "[http][etag]") {
  const std::string etag = "\"ff-1000\"";
  const std::pair<const char*, bool> cases[] = {
      {"\"ff-1000\"", true},
      {"W/\"ff-1000\"", true},
      {"*", true},
      {" * ", true},
      {"\"aa-1\", \"ff-1000\"", true},
      {"\"aa-1\",W/\"ff-1000\"", true},
      {"  \"aa-1\" ,  \"ff-1000\"  ", true},
      {"\"a,b\", \"ff-1000\"", true},  // a comma inside a tag is part of it
      {"\"ff-1001\"", false},
      {"\"FF-1000\"", false},           // opaque tags compare byte for byte
      {"ff-1000", false},               // unquoted: malformed
      {"\"ff-1000", false},             // unterminated
      {"w/\"ff-1000\"", false},         // the weak prefix is case-sensitive
      {"garbage, \"ff-1000\"", false},  // matching stops where the list breaks
      {"", false},
      {",,", false},
  };
  for (const auto& [header, matches] : cases) {
    INFO(header);
    CHECK(etag_matches(header, etag) == matches);
  }
  CHECK(etag_matches("\"ff-1000\"", "W/\"ff-1000\""));
}

TEST_CASE("If-Match lists strong tags only, or *", "[http][etag]") {
  using Tags = std::vector<std::string>;
  CHECK(if_match_tags("\"abc\"") == Tags{"abc"});
  CHECK(if_match_tags(" * ") == Tags{"*"});
  CHECK(if_match_tags("\"a\", \"b\"") == Tags{"a", "b"});
  CHECK(if_match_tags("\"a\",\"b\" ,  \"c\"") == Tags{"a", "b", "c"});
  CHECK(if_match_tags("\"a,b\", \"c\"") == Tags{"a,b", "c"});  // a comma inside a tag is part of it
  CHECK(if_match_tags("W/\"a\"").empty());                   // weak: never matches If-Match
  CHECK(if_match_tags("W/\"a\", \"b\"") == Tags{"b"});
  CHECK(if_match_tags("\"a\", *").size() == 1);               // "*" only counts alone
  CHECK(if_match_tags("abc").empty());                         // unquoted: malformed
  CHECK(if_match_tags("\"a\", garbage, \"b\"") == Tags{"a"});  // read up to where it breaks
  CHECK(if_match_tags("").empty());
}

TEST_CASE("HTTP dates are IMF-fixdate in GMT whatever the locale", "[http][etag]") {
  const std::pair<std::time_t, const char*> cases[] = {
      {kRfcExample, "Sun, 06 Nov 1994 08:49:37 GMT"},
      {0, "Thu, 01 Jan 1970 00:00:00 GMT"},
      {951782400, "Tue, 29 Feb 2000 00:00:00 GMT"},
      {1700000000, "Tue, 14 Nov 2023 22:13:20 GMT"},
      {253402300799, "Fri, 31 Dec 9999 23:59:59 GMT"},
      {-1, "Wed, 31 Dec 1969 23:59:59 GMT"},
  };
  const char* previous = std::setlocale(LC_TIME, nullptr);
  const std::string saved = previous ? previous : "C";
  std::setlocale(LC_TIME, "fr_FR.UTF-8");  // may not exist: then "C" stays, still a valid test
  for (const auto& [time, text] : cases) {
    INFO(text);
    CHECK(http_date(time) == text);
    CHECK(parse_http_date(text) == time);
  }
  std::setlocale(LC_TIME, saved.c_str());
  CHECK(http_date(253402300800) == "");  // year 10000
}

TEST_CASE("HTTP dates parse in all three RFC 7231 forms", "[http][etag]") {
  const std::optional<std::time_t> kInvalid = std::nullopt;
  const std::pair<const char*, std::optional<std::time_t>> cases[] = {
      {"Sun, 06 Nov 1994 08:49:37 GMT", kRfcExample},
      {"  Sun, 06 Nov 1994 08:49:37 GMT ", kRfcExample},
      {"Sunday, 06-Nov-94 08:49:37 GMT", kRfcExample},
      {"Sun Nov  6 08:49:37 1994", kRfcExample},
      {"Sun Nov 06 08:49:37 1994", kRfcExample},
      {"Thursday, 01-Jan-70 00:00:00 GMT", 0},
      {"Tuesday, 14-Nov-23 22:13:20 GMT", 1700000000},
      {"Sat, 31 Dec 2016 23:59:60 GMT", 1483228800},  // a leap second
      {"Tue, 29 Feb 2000 00:00:00 GMT", 951782400},
      {"Mon, 29 Feb 2100 00:00:00 GMT", kInvalid},  // 2100 is not a leap year
      {"Sun, 31 Nov 1994 08:49:37 GMT", kInvalid},
      {"Sun, 00 Nov 1994 08:49:37 GMT", kInvalid},
      {"Sun, 06 Nov 1994 24:00:00 GMT", kInvalid},
      {"Sun, 06 Nov 1994 08:60:00 GMT", kInvalid},
      {"Sun, 06 Nov 1994 08:49:37 UTC", kInvalid},
      {"Sun, 06 Nov 1994 08:49:37 +0000", kInvalid},
      {"Sun, 6 Nov 1994 08:49:37 GMT", kInvalid},
      {"sun, 06 nov 1994 08:49:37 GMT", kInvalid},
      {"Xyz, 06 Nov 1994 08:49:37 GMT", kInvalid},
      {"Sun, 06 Foo 1994 08:49:37 GMT", kInvalid},
      {"Sun, 06 Nov 1994 08-49-37 GMT", kInvalid},
      {"Sunday, 06-Nov-1994 08:49:37 GMT", kInvalid},
      {"Sun Nov  6 08:49:37 94", kInvalid},
      {"1994-11-06T08:49:37Z", kInvalid},
      {"784111777", kInvalid},
      {"", kInvalid},
  };
  for (const auto& [text, time] : cases) {
    INFO(text);
    CHECK(parse_http_date(text) == time);
  }
}

TEST_CASE("conditional GETs: If-None-Match wins over If-Modified-Since", "[http][etag]") {
  const std::string etag = "\"ff-1000\"";
  const std::string modified_date = "Sun, 06 Nov 1994 08:49:37 GMT";
  struct Case {
    const char* why;
    std::string if_none_match, if_modified_since;
    std::time_t last_modified;
    bool not_modified;
  };
  const Case cases[] = {
      {"no conditions", "", "", kRfcExample, false},
      {"matching tag", etag, "", kRfcExample, true},
      {"other tag", "\"aa-1\"", "", kRfcExample, false},
      {"other tag beats a matching date", "\"aa-1\"", modified_date, kRfcExample, false},
      {"matching tag beats an older date", etag, "Thu, 01 Jan 1970 00:00:00 GMT", kRfcExample,
       true},
      {"unchanged since the date", "", modified_date, kRfcExample, true},
      {"older than the date", "", modified_date, kRfcExample - 60, true},
      {"changed after the date", "", modified_date, kRfcExample + 1, false},
      {"an unparsable date is ignored", "", "yesterday", kRfcExample, false},
      {"a blank If-None-Match counts as absent", "  ", modified_date, kRfcExample, true},
  };
  for (const auto& test : cases) {
    INFO(test.why);
    CHECK(not_modified(test.if_none_match, test.if_modified_since, etag, test.last_modified) ==
          test.not_modified);
  }
}
