#include <catch2/catch.hpp>

#include "search/text_codec.h"

using kc::search::pack_text;
using kc::search::unpack_text;

TEST_CASE("packed snippet text comes back byte for byte, accents included", "[search][codec]") {
  const std::string text = "Chauffer l'amalgame dans une retorte fermée : le mercure est récupéré. " + std::string(3000, 'x');
  const std::string packed = pack_text(text);
  CHECK(packed.size() < text.size());
  CHECK(unpack_text(packed) == text);
  CHECK(pack_text("").empty());
  CHECK(unpack_text("").empty());
}

TEST_CASE("damaged packed text unpacks to nothing instead of failing", "[search][codec]") {
  std::string packed = pack_text(std::string(500, 'a') + "mercury");
  CHECK(unpack_text(packed.substr(0, packed.size() - 3)).empty());
  packed[packed.size() / 2] = static_cast<char>(packed[packed.size() / 2] ^ 0x5A);
  CHECK(unpack_text(packed).empty());
  CHECK(unpack_text("garbage that is no zstd frame").empty());
}
