// A staff save interrupted by SIGKILL at any moment (the real kc binary, killed while it
// writes, re-indexes or commits): the guide's file is the old text or the new one, never
// a mix, and once kc serve is started again the index agrees with the file.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <random>
#include <thread>

#include "support/serve_process.h"

using kc::test::Process;

namespace {

namespace fs = std::filesystem;

// One made-up word per version, far enough apart that "did you mean" never turns one into another.
const char* const kMarkers[] = {"alphazed", "brontoque", "cymbalix", "dorvenal", "eskatrum", "fulgorin", "gamblyx"};

// A guide long enough (~400 KB) that writing, rendering and indexing it take a while,
// marked by one word found nowhere else.
std::string long_guide(const std::string& marker) {
  std::string text = "---\ntitle: Long " + marker + "\ntopic: best-practice\nlanguage: fr\n---\n";
  for (int i = 0; i < 4000; ++i) {
    text += "Paragraphe " + std::to_string(i) + " " + marker + " : l'orpailleur lave le minerai.\n\n";
  }
  return text;
}


}  // namespace

TEST_CASE("a save killed at any moment leaves the old or the new file, and the index follows it", "[http][staff][crash]") {
  kc::test::ServeProcess setup;
  const auto start = [&setup]() -> Process& {
    return setup.start({}, {{"KC_STAFF_TOKEN", "crash-token"}, {"KC_MAX_REQUEST_BYTES", "4000000"}});
  };
  const fs::path file = setup.content.guide("fr/best-practice/longue.md");
  const httplib::Headers staff = {{"Authorization", "Bearer crash-token"}, {"If-Match", "*"}};
  std::chrono::milliseconds save_time{0};
  {
    Process& server = start();
    const auto started = std::chrono::steady_clock::now();
    auto created = setup.client().Put("/api/staff/guides/fr/longue", {{"Authorization", "Bearer crash-token"}},
                                      long_guide(kMarkers[0]), "text/markdown");
    REQUIRE(created);
    INFO(created->body);
    REQUIRE(created->status == 201);
    save_time = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    server.kill();
  }
  std::mt19937 random(14);
  std::string previous = long_guide(kMarkers[0]);
  int old_seen = 0, new_seen = 0;
  // Kills spread over the whole time a save takes here (the request read, the file
  // written, the guide re-indexed, the commit made), every other one in its first tenth,
  // where the write is.
  std::uniform_int_distribution<int> anywhere(0, static_cast<int>(save_time.count() * 5 / 4) + 1);
  std::uniform_int_distribution<int> early(0, static_cast<int>(save_time.count() / 10) + 1);
  for (int round = 1; round <= 6; ++round) {
    INFO("round " << round);
    const std::string marker = kMarkers[round];
    const std::string next = long_guide(marker);
    Process& server = start();
    std::thread saver([&] { setup.client().Put("/api/staff/guides/fr/longue", staff, next, "text/markdown"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(round % 2 ? early(random) : anywhere(random)));
    server.kill();
    saver.join();

    const std::string on_disk = kc::test::read_file(file);
    const bool is_new = on_disk == next;
    REQUIRE((is_new || on_disk == previous));  // never a torn file
    (is_new ? new_seen : old_seen)++;

    Process& restarted = start();
    const std::string previous_marker = kMarkers[round - 1];
    CHECK(setup.found(is_new ? marker : previous_marker) == 1);
    CHECK(setup.found(is_new ? previous_marker : marker) == 0);
    for (const auto& entry : fs::directory_iterator(file.parent_path())) {  // a killed write's temp file is gone
      CHECK(entry.path().filename().string().find(".kc-tmp-") == std::string::npos);
    }
    // The store still works after the crash (history included): a save goes through.
    if (!is_new) {
      const auto saved = setup.client().Put("/api/staff/guides/fr/longue", staff, next, "text/markdown");
      REQUIRE(saved);
      INFO(saved->body);
      CHECK(saved->status == 200);
      CHECK(setup.found(marker) == 1);
    }
    previous = next;
    restarted.kill();
  }
  // Not a property, but the test means nothing if the kills never landed mid-save.
  WARN("a save took " << save_time.count() << " ms; killed before the rename: " << old_seen << ", after: " << new_seen);
}
