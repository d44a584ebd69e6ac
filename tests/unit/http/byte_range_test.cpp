#include <catch2/catch.hpp>

#include <string>

#include "http/byte_range.h"

using kc::http::ByteRange;
using kc::http::content_range;
using kc::http::http_status;
using kc::http::parse_range;
using Kind = kc::http::ByteRange::Kind;

TEST_CASE("Range headers parse into whole, partial or unsatisfiable", "[http][range]") {
  struct Case {
    const char* why;
    std::string header;
    std::uint64_t size;
    Kind kind;
    std::uint64_t first, length;
    const char* content_range;
  };
  const Case cases[] = {
      {"no header is the whole file", "", 1000, Kind::Full, 0, 1000, ""},
      {"a closed range", "bytes=0-99", 1000, Kind::Partial, 0, 100, "bytes 0-99/1000"},
      {"one byte", "bytes=5-5", 1000, Kind::Partial, 5, 1, "bytes 5-5/1000"},
      {"an open range", "bytes=900-", 1000, Kind::Partial, 900, 100, "bytes 900-999/1000"},
      {"an open range from 0 is still partial", "bytes=0-", 1000, Kind::Partial, 0, 1000,
       "bytes 0-999/1000"},
      {"the last byte", "bytes=999-", 1000, Kind::Partial, 999, 1, "bytes 999-999/1000"},
      {"a last position past the end is clamped", "bytes=500-5000", 1000, Kind::Partial, 500,
       500, "bytes 500-999/1000"},
      {"a suffix", "bytes=-100", 1000, Kind::Partial, 900, 100, "bytes 900-999/1000"},
      {"a suffix longer than the file is the whole file", "bytes=-5000", 1000, Kind::Partial,
       0, 1000, "bytes 0-999/1000"},
      {"the unit is case-insensitive", "Bytes=0-0", 10, Kind::Partial, 0, 1, "bytes 0-0/10"},
      {"surrounding spaces are allowed", "  bytes=1-2 ", 10, Kind::Partial, 1, 2,
       "bytes 1-2/10"},
      {"a last position of UINT64_MAX is clamped", "bytes=0-18446744073709551615", 10,
       Kind::Partial, 0, 10, "bytes 0-9/10"},
      {"a first position at the end is unsatisfiable", "bytes=1000-", 1000,
       Kind::Unsatisfiable, 0, 0, "bytes */1000"},
      {"a first position far past the end is unsatisfiable", "bytes=999999999-", 1000,
       Kind::Unsatisfiable, 0, 0, "bytes */1000"},
      {"a closed range past the end is unsatisfiable", "bytes=2000-3000", 1000,
       Kind::Unsatisfiable, 0, 0, "bytes */1000"},
      {"a zero suffix is unsatisfiable", "bytes=-0", 1000, Kind::Unsatisfiable, 0, 0,
       "bytes */1000"},
      {"any range on an empty file is unsatisfiable", "bytes=0-", 0, Kind::Unsatisfiable, 0,
       0, "bytes */0"},
      {"a suffix on an empty file is unsatisfiable", "bytes=-10", 0, Kind::Unsatisfiable, 0,
       0, "bytes */0"},
      {"several ranges get the whole file", "bytes=0-1,5-6", 1000, Kind::Full, 0, 1000, ""},
      {"several ranges with spaces get the whole file", "bytes=0-1, 5-6", 1000, Kind::Full,
       0, 1000, ""},
      {"another unit is ignored", "items=0-1", 1000, Kind::Full, 0, 1000, ""},
      {"a missing unit is ignored", "0-99", 1000, Kind::Full, 0, 1000, ""},
      {"a missing '=' is ignored", "bytes 0-99", 1000, Kind::Full, 0, 1000, ""},
      {"a missing dash is ignored", "bytes=100", 1000, Kind::Full, 0, 1000, ""},
      {"a lone dash is ignored", "bytes=-", 1000, Kind::Full, 0, 1000, ""},
      {"last before first is ignored (RFC 7233 §2.1)", "bytes=500-100", 1000, Kind::Full, 0,
       1000, ""},
      {"negative numbers are ignored", "bytes=-5-10", 1000, Kind::Full, 0, 1000, ""},
      {"signs are ignored", "bytes=+5-10", 1000, Kind::Full, 0, 1000, ""},
      {"letters are ignored", "bytes=a-b", 1000, Kind::Full, 0, 1000, ""},
      {"spaces inside the spec are ignored", "bytes=0 - 1", 1000, Kind::Full, 0, 1000, ""},
      {"an empty spec is ignored", "bytes=", 1000, Kind::Full, 0, 1000, ""},
      {"a first position that overflows is ignored", "bytes=18446744073709551616-", 1000,
       Kind::Full, 0, 1000, ""},
      {"a last position that overflows is ignored", "bytes=0-99999999999999999999999", 1000,
       Kind::Full, 0, 1000, ""},
      {"a suffix that overflows is ignored", "bytes=-99999999999999999999999", 1000,
       Kind::Full, 0, 1000, ""},
  };
  for (const auto& test : cases) {
    INFO(test.why << ": '" << test.header << "' on " << test.size << " bytes");
    const ByteRange range = parse_range(test.header, test.size);
    CHECK(range.kind == test.kind);
    CHECK(range.first == test.first);
    CHECK(range.length == test.length);
    CHECK(content_range(range, test.size) == test.content_range);
  }
}

TEST_CASE("a byte range names its status code", "[http][range]") {
  CHECK(http_status(parse_range("", 10)) == 200);
  CHECK(http_status(parse_range("bytes=0-1", 10)) == 206);
  CHECK(http_status(parse_range("bytes=10-", 10)) == 416);
}

TEST_CASE("ranges near the 64-bit limit do not overflow", "[http][range]") {
  const std::uint64_t huge = UINT64_MAX;
  const ByteRange tail = parse_range("bytes=18446744073709551614-", huge);
  CHECK(tail.kind == Kind::Partial);
  CHECK(tail.first == huge - 1);
  CHECK(tail.length == 1);
  const ByteRange all = parse_range("bytes=0-", huge);
  CHECK(all.kind == Kind::Partial);
  CHECK(all.length == huge);
  CHECK(parse_range("bytes=-18446744073709551615", huge).first == 0);
}
