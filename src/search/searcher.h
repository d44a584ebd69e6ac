#pragma once
// Answers searches, suggestions, document look-ups and related guides from one index.
//
// Thread safety: a Searcher owns a Xapian::Database, which is not thread-safe; use one
// Searcher per thread (SearcherPool). Every call first checks for a newer revision
// written by `kc ingest` and reopens on it, so a long-lived Searcher serves new content
// without a restart. Throws SearchError for engine failures; never for user syntax.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "content/corpus.h"
#include "search/query.h"

namespace kc::search {

struct SearchLimits {
  std::size_t max_query_bytes = 1024;  // longer queries are cut at a word boundary
  std::size_t facet_threshold = 10000;  // facet counts are exact up to this many matches
  std::size_t max_wildcard_terms = 64;  // a prefix* expands to its most frequent terms
  // "Now", for scheduled guides: one whose `published:` day (UTC) is after today's is
  // left out of every answer (search, suggest, document, related, latest, all_documents)
  // until that day comes, with no re-ingest. Tests move it.
  std::function<std::chrono::system_clock::time_point()> clock = std::chrono::system_clock::now;
};

// The UTC day of `time` as the index stores published days: YYYYMMDD.
std::string index_day(std::chrono::system_clock::time_point time);

class Searcher {
 public:
  explicit Searcher(std::filesystem::path index_dir, SearchLimits limits = {});
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  SearchResponse search(const SearchRequest& request);
  // Up to `limit` guide titles completing the typed text.
  std::vector<std::string> suggest(const std::string& prefix, const std::string& language = "", std::size_t limit = 10);
  // `with_body`: also read the rendered HTML (stored apart; a title look-up skips it).
  std::optional<StoredDocument> document(const std::string& language, const std::string& slug, bool with_body = true);
  // Guides about the same things, excluding the guide's own work (its translations).
  std::vector<ResultItem> related(const StoredDocument& document, std::size_t limit = 5);
  // Newest guides first, optionally in one language and topic.
  std::vector<ResultItem> latest(const std::string& language, const std::string& topic, std::size_t limit);
  IndexInfo info();
  // The revision the next call will read (cheap: what caches are keyed by).
  std::uint64_t revision();
  // The indicator targets of this revision's indicators.yaml.
  std::vector<content::Indicator> indicators();
  // Every guide, sorted by id (for sitemap.xml).
  std::vector<StoredDocument> all_documents();
  // The guides that list `file` ("files/…") among their attachments.
  FileGuides file_guides(const std::string& file);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace kc::search
