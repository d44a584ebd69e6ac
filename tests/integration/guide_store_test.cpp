// staff::GuideStore and staff::History in-process, on a temp copy of the test corpus and
// a real index: what the HTTP tests do not reach (a topic change, check(), versions and
// diffs of unknown commits, an unchanged save).
#include <catch2/catch.hpp>

#include "staff/atomic_file.h"
#include "staff/guide_store.h"
#include "support/fixture.h"

using Catch::Matchers::Contains;
using kc::staff::SaveOutcome;

namespace {

std::string guide(const std::string& topic, const std::string& body) {
  return "---\ntitle: Déplacé\ntopic: " + topic + "\nlanguage: fr\n---\n" + body + "\n";
}

struct Store {
  Store() { content.ingest(); }
  kc::test::ContentFixture content;
  kc::staff::GuideStore store{{content.content(), content.index(), kc::test::stop_words_dir()}};

  kc::staff::SaveResult save(const std::string& text, std::optional<std::string> if_match = std::nullopt) {
    kc::staff::SaveRequest request;
    request.language = "fr";
    request.slug = "deplace";
    request.text = text;
    if (if_match) request.if_match = std::vector{*if_match};
    request.author = "Ama";
    return store.save(request);
  }
};

}  // namespace

TEST_CASE("a new topic moves the guide's file, and its history follows it", "[staff][store]") {
  Store s;
  const auto first = s.save(guide("best-practice", "Premier."));
  REQUIRE(first.outcome == SaveOutcome::Created);
  CHECK(first.path == "fr/best-practice/deplace.md");
  const auto moved = s.save(guide("hiv-aids", "Second."), first.revision);
  REQUIRE(moved.outcome == SaveOutcome::Replaced);
  CHECK(moved.path == "fr/hiv-aids/deplace.md");
  CHECK_FALSE(std::filesystem::exists(s.content.guide("fr/best-practice/deplace.md")));
  CHECK(s.store.read("fr", "deplace")->text == guide("hiv-aids", "Second."));
  CHECK(s.content.search_ids("Second", "fr") == std::vector<std::string>{"fr/deplace"});
  const auto versions = s.store.history().versions("fr", "deplace");
  REQUIRE(versions.size() == 2);
  CHECK(versions[0].path == "fr/hiv-aids/deplace.md");
  CHECK(versions[1].path == "fr/best-practice/deplace.md");
  CHECK_THAT(s.store.history().diff("fr", "deplace", versions[1].commit, versions[0].commit),
             Contains("-topic: best-practice") && Contains("+topic: hiv-aids"));
}

TEST_CASE("a move a stop interrupted is completed at start-up, never two files for one guide", "[staff][store]") {
  Store s;
  const auto first = s.save(guide("best-practice", "Premier."));
  REQUIRE(first.outcome == SaveOutcome::Created);
  // What a kill between the new file's rename and the old file's removal leaves.
  kc::staff::write_atomically(s.content.content() / ".kc-move", "fr/best-practice/deplace.md\nfr/hiv-aids/deplace.md\n");
  kc::staff::write_atomically(s.content.guide("fr/hiv-aids/deplace.md"), guide("hiv-aids", "Second."));
  s.store.recover();
  CHECK_FALSE(std::filesystem::exists(s.content.guide("fr/best-practice/deplace.md")));
  CHECK_FALSE(std::filesystem::exists(s.content.content() / ".kc-move"));
  CHECK(s.store.read("fr", "deplace")->text == guide("hiv-aids", "Second."));
  CHECK(s.content.search_ids("Second", "fr") == std::vector<std::string>{"fr/deplace"});
  CHECK(s.content.search_ids("Premier", "fr").empty());
  CHECK(s.store.history().versions("fr", "deplace").front().path == "fr/hiv-aids/deplace.md");

  // Killed before the new file was renamed into place: the old file stays, the journal goes.
  kc::staff::write_atomically(s.content.content() / ".kc-move", "fr/hiv-aids/deplace.md\nfr/gender/deplace.md\n");
  s.store.recover();
  CHECK(std::filesystem::exists(s.content.guide("fr/hiv-aids/deplace.md")));
  CHECK_FALSE(std::filesystem::exists(s.content.content() / ".kc-move"));
  CHECK(s.save(guide("gender", "Troisième."), s.store.read("fr", "deplace")->revision).outcome == SaveOutcome::Replaced);
}

TEST_CASE("an unchanged save writes and commits nothing, check() writes nothing", "[staff][store]") {
  Store s;
  const auto first = s.save(guide("best-practice", "Pareil."));
  const auto again = s.save(guide("best-practice", "Pareil."), first.revision);
  CHECK(again.outcome == SaveOutcome::Replaced);
  CHECK(again.revision == first.revision);
  CHECK(again.commit.empty());
  CHECK(s.store.history().versions("fr", "deplace").size() == 1);
  // Committing a file as it already is (an upload sent again) makes no empty commit.
  CHECK(s.store.history().commit({"fr/best-practice/deplace.md"}, "Ama", "Again") == first.commit);
  CHECK(s.store.history().versions("fr", "deplace").size() == 1);
  const auto problems = s.store.check("fr", "nouveau", "---\ntitle: X\ntopic: best-practice\nlanguage: fr\n"
                                                       "published: hier\n---\nx\n");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 5);
  CHECK(s.store.check("fr", "nouveau", guide("best-practice", "Bien.")).empty());
  CHECK_FALSE(s.store.read("fr", "nouveau"));
}

TEST_CASE("history answers nothing for unknown commits and refuses their diff", "[staff][store]") {
  Store s;
  CHECK(s.store.history().versions("fr", "retorte").empty());  // no repository yet
  const auto first = s.save(guide("best-practice", "Un."));
  auto& history = s.store.history();
  CHECK_FALSE(history.text_at("fr", "deplace", "0000000000000000000000000000000000000000"));
  CHECK_FALSE(history.text_at("fr", "deplace", "not-hex"));
  CHECK_FALSE(history.text_at("fr", "deplace", "../../etc"));
  CHECK_THROWS_AS(history.diff("fr", "deplace", "abcd", first.commit), kc::staff::HistoryError);
  CHECK(*history.text_at("fr", "deplace", first.commit.substr(0, 10)) == guide("best-practice", "Un."));
  // The guides there before the first save are in the repository's first commit.
  const auto retorte = history.versions("fr", "retorte");
  REQUIRE(retorte.size() == 1);
  CHECK(retorte[0].author == "kc");
}

TEST_CASE("an atomic write leaves no temp file, and a stale one is cleared", "[staff][store]") {
  kc::test::TempDir dir;
  kc::staff::write_atomically(dir / "a/b.md", "one");
  kc::staff::write_atomically(dir / "a/b.md", "two");
  CHECK(kc::test::read_file(dir / "a/b.md") == "two");
  kc::test::write_file(dir / "a/.b.md.kc-tmp-123456", "torn");
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "a")) files += entry.is_regular_file();
  CHECK(files == 2);
  kc::staff::remove_stale_temp_files(dir.path());
  CHECK_FALSE(std::filesystem::exists(dir / "a/.b.md.kc-tmp-123456"));
  kc::staff::remove_durably(dir / "a/b.md");
  kc::staff::remove_durably(dir / "a/b.md");  // already gone: not an error
  CHECK(std::filesystem::is_empty(dir / "a"));
}
