#pragma once
// Synonym expansion in query text (DESIGN §3): each group from synonyms.yaml is a set of
// equivalent expressions; an expression found in the query (whole words, outside quotes
// and field prefixes) is replaced by "(a OR b OR "multi word")", so that any of them finds
// the others and multi-word expressions match as phrases. Works on folded text.
#include <string>
#include <vector>

namespace kc::search {

class SynonymExpander {
 public:
  SynonymExpander() = default;
  // `groups` as written in synonyms.yaml; they are folded here.
  explicit SynonymExpander(const std::vector<std::vector<std::string>>& groups);

  // `folded_query` is the output of fold_query(); returns it unchanged when nothing matches.
  std::string expand(const std::string& folded_query) const;
  bool empty() const { return expressions_.empty(); }

 private:
  struct Expression {
    std::vector<std::string> words;
    std::size_t group = 0;
  };
  std::vector<Expression> expressions_;  // longest first, so multi-word wins
  std::vector<std::string> replacement_;  // per group: "(a OR b OR "c d")"
};

// Splits folded text into words: runs of letters, digits and non-ASCII bytes.
std::vector<std::string> split_words(const std::string& folded);

}  // namespace kc::search
