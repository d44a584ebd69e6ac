#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "cli/config.h"
#include "support/temp_dir.h"

using Catch::Matchers::Contains;

namespace {

// load_server_options on a config file with `body` after the settings every test needs.
kc::http::ServerOptions load(const kc::test::TempDir& dir, const std::string& body) {
  const auto path = dir.path() / "kc.yaml";
  std::ofstream(path) << "robots_file: none\nweb: " << KC_TEST_DATA << "\n" << body;
  kc::cli::ServeFlags flags;
  flags.config = path.string();
  return kc::cli::load_server_options(flags);
}

}  // namespace

TEST_CASE("named staff tokens are read from the config file", "[cli][config]") {
  kc::test::TempDir dir;
  const auto options = load(dir,
                            "staff:\n"
                            "  - name: Ama Mensah\n"
                            "    token_sha256: 184e08ac545c06c009acd9a35764db9d19a6abe603c0a305fea2a5675eca3d09\n"
                            "  - name: Kofi\n"
                            "    token_sha256: 5bcd66272c63e6b3b1fc1b14bb1dac0673aab6ef8609b0fd07ab89d2c6e39f4b\n");
  REQUIRE(options.staff.size() == 2);
  CHECK(options.staff[0].name == "Ama Mensah");
  CHECK(options.staff[1].token_sha256 == "5bcd66272c63e6b3b1fc1b14bb1dac0673aab6ef8609b0fd07ab89d2c6e39f4b");
  CHECK(options.tokens().named_staff.size() == 2);
  CHECK(load(dir, "staff: []\n").staff.empty());
}

TEST_CASE("a wrong staff entry is refused with its place", "[cli][config]") {
  kc::test::TempDir dir;
  const std::string digest = "184e08ac545c06c009acd9a35764db9d19a6abe603c0a305fea2a5675eca3d09";
  CHECK_THROWS_WITH(load(dir, "staff: Ama\n"), Contains("kc.yaml:3: staff: must be a list"));
  CHECK_THROWS_WITH(load(dir, "staff:\n  - Ama\n"), Contains("kc.yaml:4: staff: each entry"));
  CHECK_THROWS_WITH(load(dir, "staff:\n  - name: Ama\n    token: x\n"), Contains("unknown field 'token'"));
  CHECK_THROWS_WITH(load(dir, "staff:\n  - name: Ama\n    token_sha256: abc\n"),
                    Contains("staff[0].token_sha256 must be 64 hex digits"));
  CHECK_THROWS_WITH(load(dir, "staff:\n  - name: <Ama>\n    token_sha256: " + digest + "\n"),
                    Contains("staff[0].name must be"));
  CHECK_THROWS_WITH(load(dir, "staff:\n  - token_sha256: " + digest + "\n"), Contains("staff[0].name must be"));
  CHECK_THROWS_WITH(load(dir, "staff:\n  - {name: A, token_sha256: " + digest + "}\n  - {name: B, token_sha256: " +
                                  digest + "}\n"),
                    Contains("staff[1].token_sha256 is given twice"));
}

TEST_CASE("max_guide_bytes is read from the config file and checked", "[cli][config]") {
  kc::test::TempDir dir;
  CHECK(load(dir, "").max_guide_bytes == (1u << 20));  // the default: a long manual fits
  CHECK(load(dir, "max_guide_bytes: 2097152\n").max_guide_bytes == (2u << 20));
  CHECK_THROWS_WITH(load(dir, "max_guide_bytes: 100\n"), Contains("max_guide_bytes must be between 1 KiB and 64 MiB"));
  CHECK_THROWS_WITH(load(dir, "max_guide_bytes: -1\n"), Contains("max_guide_bytes must be between"));
  CHECK_THROWS_WITH(load(dir, "max_guide_bytes: lots\n"), Contains("is not a whole number"));
}

TEST_CASE("watch: true in the config file turns kc serve --watch on and a non-boolean is refused", "[cli][config]") {
  kc::test::TempDir dir;
  CHECK_FALSE(load(dir, "").watch);
  CHECK(load(dir, "watch: true\n").watch);
  CHECK_FALSE(load(dir, "watch: false\n").watch);
  CHECK_THROWS_WITH(load(dir, "watch: sometimes\n"), Contains("kc.yaml:3: watch: 'sometimes' is not true or false"));
}
