#include <catch2/catch.hpp>
#include <xapian.h>

#include <filesystem>
#include <map>

#include "support/fixture.h"

using kc::test::ContentFixture;
using kc::test::write_file;
using Catch::Matchers::VectorContains;

TEST_CASE("a second ingest of an unchanged tree changes nothing", "[ingest]") {
  ContentFixture fixture;
  const auto first = fixture.ingest();
  CHECK(first.added == 9);
  const auto second = fixture.ingest();
  CHECK(second.added == 0);
  CHECK(second.updated == 0);
  CHECK(second.deleted == 0);
  CHECK(second.unchanged == 9);
}

TEST_CASE("editing one guide re-indexes exactly that guide", "[ingest]") {
  ContentFixture fixture;
  fixture.ingest();
  const auto path = fixture.guide("en/best-practice/shaft-safety.md");
  write_file(path, kc::test::read_file(path) + "\nCheck the ladder for zebrawood rungs.\n");
  const auto summary = fixture.ingest();
  CHECK(summary.updated == 1);
  CHECK(summary.unchanged == 8);
  CHECK(fixture.search_ids("zebrawood") == std::vector<std::string>{"en/shaft-safety"});
}

TEST_CASE("deleting a guide removes it from the index", "[ingest]") {
  ContentFixture fixture;
  fixture.ingest();
  REQUIRE_THAT(fixture.search_ids("timber"), VectorContains(std::string("en/shaft-safety")));
  std::filesystem::remove(fixture.guide("en/best-practice/shaft-safety.md"));
  std::filesystem::remove(fixture.guide("en/best-practice/retort.md"));  // it links to shaft-safety
  std::filesystem::remove(fixture.guide("fr/best-practice/retorte.md"));  // its translation
  const auto summary = fixture.ingest();
  CHECK(summary.deleted == 3);
  CHECK(fixture.search_ids("timber").empty());
}

TEST_CASE("editing synonyms.yaml changes results without touching a guide", "[ingest][synonyms]") {
  ContentFixture fixture;
  fixture.ingest();
  CHECK(fixture.search_ids("timber") == std::vector<std::string>{"en/shaft-safety"});
  CHECK(fixture.search_ids("madeira").empty());
  write_file(fixture.content() / "synonyms.yaml", kc::test::read_file(fixture.content() / "synonyms.yaml") +
                                                       "timber: [madeira, madera]\n");
  const auto summary = fixture.ingest();
  CHECK(summary.unchanged == 9);
  CHECK(summary.updated == 0);
  CHECK(fixture.search_ids("madeira") == std::vector<std::string>{"en/shaft-safety"});
}

TEST_CASE("a second ingest waits for the lock, then fails clearly", "[ingest]") {
  ContentFixture fixture;
  fixture.ingest();
  Xapian::WritableDatabase holder(fixture.index().string(), Xapian::DB_OPEN);
  kc::search::IndexOptions options;
  options.index_dir = fixture.index();
  options.lock_wait = std::chrono::milliseconds(300);
  const auto corpus = fixture.load_valid();
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(kc::search::ingest(corpus, options), kc::search::IndexLockedError);
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(300));
  holder.close();
  CHECK(kc::search::ingest(corpus, options).unchanged == 9);
}

TEST_CASE("a searcher sees a new revision without being reopened by hand", "[ingest][search]") {
  ContentFixture fixture;
  fixture.ingest();
  kc::search::Searcher searcher(fixture.index());
  kc::search::SearchRequest request;
  request.query = "quokka";
  CHECK(searcher.search(request).total == 0);
  write_file(fixture.guide("en/gender/quokka.md"), "---\ntitle: Quokka\ntopic: gender\nlanguage: en\n---\nquokka\n");
  fixture.ingest();
  CHECK(searcher.search(request).total == 1);
}

TEST_CASE("the guides listing an attachment follow a new revision", "[ingest][search]") {
  ContentFixture fixture;
  fixture.ingest();
  kc::search::Searcher searcher(fixture.index());
  const auto before = searcher.file_guides("files/manual.pdf");
  CHECK(before.guides == 1);
  CHECK(before.topic == "best-practice");
  CHECK(searcher.file_guides("files/manual.pdf").topic == "best-practice");  // now from the cache
  write_file(fixture.guide("en/gender/manual-too.md"),
             "---\ntitle: Also the manual\ntopic: gender\nlanguage: en\n"
             "attachments:\n  - { file: files/manual.pdf, title: Manual }\n---\nbody\n");
  fixture.ingest();
  const auto after = searcher.file_guides("files/manual.pdf");
  CHECK(after.guides == 2);
  CHECK(after.topic.empty());  // best-practice and gender: no one topic
  CHECK(after.work.empty());
  CHECK(searcher.file_guides("files/nothing-lists-this.pdf").guides == 0);
}

TEST_CASE("a reader sees the previous revision while Xapian flushes every two documents", "[ingest]") {
  ContentFixture fixture;
  fixture.ingest();
  write_file(fixture.guide("en/gender/wombat.md"), "---\ntitle: Wombat\ntopic: gender\nlanguage: en\n---\nwombat\n");
  write_file(fixture.guide("en/gender/numbat.md"), "---\ntitle: Numbat\ntopic: gender\nlanguage: en\n---\nnumbat\n");
  write_file(fixture.guide("en/gender/bilby.md"), "---\ntitle: Bilby\ntopic: gender\nlanguage: en\n---\nbilby\n");
  kc::search::IndexOptions options;
  options.index_dir = fixture.index();
  options.flush_threshold = 2;
  std::vector<Xapian::doccount> seen;
  options.progress = [&](std::size_t, std::size_t) { seen.push_back(Xapian::Database(fixture.index().string()).get_doccount()); };
  CHECK(kc::search::ingest(fixture.load_valid(), options).added == 3);
  CHECK(seen == std::vector<Xapian::doccount>{9, 9, 9});
  CHECK(Xapian::Database(fixture.index().string()).get_doccount() == 12);
  CHECK(fixture.search_ids("numbat") == std::vector<std::string>{"en/numbat"});
}

TEST_CASE("a guide edited after loading fails the ingest and keeps the previous revision", "[ingest]") {
  ContentFixture fixture;
  fixture.ingest();
  write_file(fixture.guide("en/gender/wombat.md"), "---\ntitle: Wombat\ntopic: gender\nlanguage: en\n---\nwombat\n");
  const auto corpus = fixture.load_valid();  // bodies are read again while indexing
  write_file(fixture.guide("en/gender/wombat.md"), "---\ntitle: Wombat\ntopic: gender\nlanguage: en\n---\nnumbat\n");
  kc::search::IndexOptions options;
  options.index_dir = fixture.index();
  CHECK_THROWS_AS(kc::search::ingest(corpus, options), kc::search::SearchError);
  CHECK(Xapian::Database(fixture.index().string()).get_doccount() == 9);
  CHECK_THAT(fixture.search_ids("wombat"), !Catch::Matchers::VectorContains(std::string("en/wombat")));
  CHECK(fixture.ingest().added == 1);
  CHECK(fixture.search_ids("numbat") == std::vector<std::string>{"en/wombat"});
}

TEST_CASE("the spelling dictionary holds every indexed word with its collection frequency", "[ingest][search]") {
  ContentFixture fixture;
  fixture.ingest();
  Xapian::Database db(fixture.index().string());
  std::map<std::string, Xapian::termcount> words;  // Xapian leaves out one-byte words
  for (auto term = db.allterms_begin(); term != db.allterms_end(); ++term) {
    if ((*term).size() > 1 && !((*term)[0] >= 'A' && (*term)[0] <= 'Z')) words[*term] = db.get_collection_freq(*term);
  }
  std::map<std::string, Xapian::termcount> spellings;
  for (auto word = db.spellings_begin(); word != db.spellings_end(); ++word) spellings[*word] = word.get_termfreq();
  CHECK(spellings == words);
  CHECK(db.get_spelling_suggestion("timbre") == "timber");
}
