#pragma once
// The values that go in and out of a search (DESIGN §3–§4). Plain data: no Xapian here,
// so that http/, render/ and cli/ can use them without knowing the engine.
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "content/document.h"

namespace kc::search {

// Thrown for unexpected engine failures (a corrupt or missing index, I/O errors), with
// the index path and Xapian's description. User syntax errors never throw.
class SearchError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class SortOrder { Relevance, Date };

struct SearchRequest {
  std::string query;     // user syntax; empty lists everything matching the filters
  std::string language;  // filter (en, fr, es, pt) and the stemmer to use; "" for all
  std::string preferred_language;  // without a filter, rank guides in this language a little higher
  std::string topic;     // the other facets' filters (kFacets, facets.h); "" for none
  std::string country;
  std::string audience;
  int page = 1;          // 1-based
  int size = 10;
  SortOrder sort = SortOrder::Relevance;
};

struct FacetValue {
  std::string value;
  std::uint64_t count = 0;
};

using Attachment = content::Attachment;

// A guide as stored in the index (stored_document.h is its one stored form): its own
// fields, its id and address, and, when asked for, its rendered body.
struct StoredDocument : content::GuideFields {
  std::string id;    // <lang>/<slug>
  std::string url;   // /docs/<lang>/<slug>
  std::string html;  // the rendered body; "" unless asked for (Searcher::document)
};

// One match of a search: the guide, and how it matched.
struct ResultItem : StoredDocument {
  std::string snippet;  // HTML: escaped text with <mark> around matched words
  int score = 0;        // Xapian's percentage, 0–100
};

// The matches in one other language, shown when the chosen language has few (issue 12).
struct LanguageResults {
  std::string language;
  std::uint64_t total = 0;
  std::vector<ResultItem> results;  // the best few
};

struct SearchResponse {
  std::string query;
  std::uint64_t total = 0;
  bool total_is_exact = true;  // false beyond the facet threshold (estimates)
  int page = 1;
  int size = 10;
  std::optional<std::string> corrected;  // "did you mean"
  std::vector<ResultItem> results;
  std::map<std::string, std::vector<FacetValue>> facets;  // by facet name (kFacets, facets.h)
  // With a language filter, on the first page, when it has fewer than kFewResults results:
  // the matches in each other language that has some, in en, fr, es, pt order.
  std::vector<LanguageResults> other_languages;
  static constexpr std::uint64_t kFewResults = 3;
};

// The guides that list one attachment, for attributing its downloads (DESIGN §6): their
// work and topic when they all agree, "" when they differ or no guide lists it.
struct FileGuides {
  std::size_t guides = 0;
  std::string work;
  std::string topic;
};

struct TopicInfo {
  std::string id;
  std::map<std::string, std::string> names;
  std::uint64_t count = 0;  // documents in the index
};

struct IndexInfo {
  std::uint64_t revision = 0;
  std::uint64_t documents = 0;
  std::vector<TopicInfo> topics;
};

}  // namespace kc::search
