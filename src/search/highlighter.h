#pragma once
// Snippets with highlighted matches, on the original accented text (internal to search/).
// Xapian's MSet::snippet cannot do this once terms are accent-folded (STACK.md): each
// word is folded and stemmed in the document's language and compared with the query's
// terms. Not thread-safe (holds stemmers): one per search.
#include <array>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include <xapian.h>

namespace kc::search {

class Highlighter {
 public:
  explicit Highlighter(const Xapian::Query& query);

  // An HTML fragment of about `max_words` words of `text` around the densest matches:
  // escaped text, <mark> around matched words, "…" where text was cut.
  std::string snippet(const std::string& text, const std::string& language, std::size_t max_words = 30);

  bool has_terms() const { return !words_.empty() || !stems_.empty(); }

 private:
  bool matches(std::string_view word, Xapian::Stem& stemmer);

  std::set<std::string> words_;     // folded query words, unstemmed
  std::set<std::string> stems_;     // their stems in any language
  std::set<std::string> prefixes_;  // first two bytes of every stem: a cheap pre-check
  std::array<bool, 128> ascii_first_{};  // the first byte of every word and stem, when ASCII
  // Verdicts on words already folded and stemmed in this search, by language + word: the
  // results of one search share most of their vocabulary.
  std::string language_;
  std::unordered_map<std::string, bool> verdicts_;
};

// Escapes &, <, >, " and ' for HTML text and attributes.
std::string escape_html(const std::string& text);

}  // namespace kc::search
