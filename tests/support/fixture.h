#pragma once
// The test corpus (tests/data/content: en, fr, es, pt) copied into a temp folder so a
// test may edit it, plus helpers to load, ingest and search it.
#include <filesystem>
#include <string>
#include <vector>

#include "content/corpus.h"
#include "search/indexer.h"
#include "search/searcher.h"
#include "support/temp_dir.h"

namespace kc::test {

std::filesystem::path test_data();
std::filesystem::path starter_content();  // the repository's content/
// The stop-word lists tools/setup.sh installs (tests/ run after it: an ingest without them fails).
std::filesystem::path stop_words_dir();

class ContentFixture {
 public:
  ContentFixture();  // copies tests/data/content
  explicit ContentFixture(const std::filesystem::path& source);  // copies another content tree
  std::filesystem::path content() const { return dir_ / "content"; }
  std::filesystem::path index() const { return dir_ / "index"; }
  std::filesystem::path guide(const std::string& relative) const { return content() / relative; }

  content::Corpus load_valid() const;  // fails the test on any problem
  search::IngestSummary ingest() const;
  std::vector<std::string> search_ids(const std::string& query, const std::string& language = "");

 private:
  TempDir dir_;
};

}  // namespace kc::test
