#pragma once
// Synonym expansion in query text (DESIGN §3): each group from synonyms.yaml is a set of
// equivalent expressions; an expression found in the query (whole words, outside quotes
// and field prefixes) is replaced by the field "kcsyn:<group>", which the query parser
// turns (see searcher.cpp) into one Xapian OP_SYNONYM of all the group's expressions —
// words stemmed, multi-word expressions as phrases — so that any of them finds the
// others and the group is weighted as one term: a rare translation of a common word
// does not outrank the word itself. Works on folded text.
#include <string>
#include <vector>

namespace kc::search {

class SynonymExpander {
 public:
  SynonymExpander() = default;
  // `groups` as written in synonyms.yaml; they are folded here.
  explicit SynonymExpander(const std::vector<std::vector<std::string>>& groups);

  static constexpr const char* kField = "kcsyn";

  // `folded_query` is the output of fold_query(); returns it unchanged when nothing matches.
  std::string expand(const std::string& folded_query) const;
  bool empty() const { return expressions_.empty(); }

  // The expressions of group `group` (from kField's value), each as its folded words;
  // empty for an unknown group.
  std::vector<std::vector<std::string>> group(const std::string& group) const;

 private:
  struct Expression {
    std::vector<std::string> words;
    std::size_t group = 0;
  };
  std::vector<Expression> expressions_;  // longest first, so multi-word wins
  std::vector<std::vector<std::vector<std::string>>> groups_;  // group → expression → words
};

// Splits folded text into words: runs of letters, digits and non-ASCII bytes.
std::vector<std::string> split_words(const std::string& folded);

}  // namespace kc::search
