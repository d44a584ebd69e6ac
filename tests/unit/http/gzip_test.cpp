#include <catch2/catch.hpp>

#include <zlib.h>

#include <random>
#include <stdexcept>
#include <string>

#include "http/gzip.h"

using kc::http::accepts_gzip;
using kc::http::gzip;

namespace {

// Inflates with automatic header detection (15 + 32), refusing anything but gzip.
std::string gunzip(const std::string& compressed) {
  REQUIRE(compressed.size() >= 18);
  REQUIRE(static_cast<unsigned char>(compressed[0]) == 0x1F);  // RFC 1952 magic
  REQUIRE(static_cast<unsigned char>(compressed[1]) == 0x8B);
  z_stream stream{};
  REQUIRE(inflateInit2(&stream, 15 + 32) == Z_OK);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char buffer[16384];
  int status = Z_OK;
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  }
  inflateEnd(&stream);
  CHECK(status == Z_STREAM_END);
  CHECK(stream.avail_in == 0);
  return out;
}

}  // namespace

TEST_CASE("Accept-Encoding says whether the client takes gzip", "[http][gzip]") {
  const std::pair<const char*, bool> cases[] = {
      {"gzip", true},
      {"gzip, deflate, br", true},
      {"deflate, gzip;q=0.5", true},
      {"GZIP", true},
      {"x-gzip", true},
      {"*", true},
      {"br, *;q=0.1", true},
      {"gzip;q=1.0", true},
      {"gzip ; q=0.001", true},
      {"", false},
      {"identity", false},
      {"deflate, br", false},
      {"gzip;q=0", false},
      {"gzip;q=0.000", false},
      {"gzip;q=0, *", false},         // a named coding overrides "*"
      {"*, gzip;q=0", false},
      {"*;q=0", false},
      {"x-gzip;q=0, gzip", true},     // the best weight for gzip counts
      {"gzip;q=bad", false},          // a malformed entry is skipped
      {"gzip;q=bad, *", true},
      {"gzipx", false},
      {"gz", false},
      {",,gzip,,", true},
      {"gzip;level=9", true},         // unknown parameters do not matter
  };
  for (const auto& [header, accepted] : cases) {
    INFO(header);
    CHECK(accepts_gzip(header) == accepted);
  }
}

TEST_CASE("gzip output inflates back to the input", "[http][gzip]") {
  std::string page;
  for (int i = 0; i < 2000; ++i) page += "<li>Sécurité minière, guide " + std::to_string(i) + "</li>\n";
  std::string noise(300000, '\0');
  std::mt19937 random(42);
  for (char& c : noise) c = static_cast<char>(random());
  const std::string inputs[] = {"", "a", "hello hello hello hello", page, noise,
                                std::string(5'000'000, 'x')};
  for (const auto& input : inputs) {
    INFO("input of " << input.size() << " bytes");
    const std::string compressed = gzip(input);
    CHECK(gunzip(compressed) == input);
  }
  CHECK(gzip(page).size() < page.size() / 5);
  CHECK(gunzip(gzip(page, 9)) == page);
  CHECK(gunzip(gzip(page, 0)) == page);
  CHECK(gunzip(gzip(page, -1)) == page);
}

TEST_CASE("gzip throws on a zlib failure", "[http][gzip]") {
  CHECK_THROWS_AS(gzip("text", 42), std::runtime_error);
}
