#include <catch2/catch.hpp>

#include "content/text.h"

using namespace kc::content;

TEST_CASE("ASCII case changes only A to Z, whatever the locale", "[content][text]") {
  CHECK(ascii_lower("Content-Type") == "content-type");
  CHECK(ascii_lower("PT-BR") == "pt-br");
  CHECK(ascii_lower("Sécurité ÉTÉ") == "sécurité ÉtÉ");  // UTF-8 bytes pass through
  CHECK(ascii_lower("") == "");
  CHECK(equals_ignoring_ascii_case("GZip", "gzip"));
  CHECK(equals_ignoring_ascii_case("", ""));
  CHECK_FALSE(equals_ignoring_ascii_case("gzip", "gzi"));
  CHECK_FALSE(equals_ignoring_ascii_case("É", "é"));
}

TEST_CASE("join puts the separator between the non-empty parts only", "[content][text]") {
  CHECK(join({"a", "b", "c"}, ", ") == "a, b, c");
  CHECK(join({"", "a", "", "b", ""}, " · ") == "a · b");
  CHECK(join({}, ", ") == "");
  CHECK(join({"", ""}, ", ") == "");
}

TEST_CASE("join_or lists choices for a message", "[content][text]") {
  CHECK(join_or({"en", "fr", "es", "pt"}) == "en, fr, es or pt");
  CHECK(join_or({"a", "b"}) == "a or b");
  CHECK(join_or({"a"}) == "a");
  CHECK(join_or({}) == "");
}
