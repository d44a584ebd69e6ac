#include "search/synonyms.h"

#include <algorithm>

#include "search/fold.h"

namespace kc::search {
namespace {

struct WordSpan {
  std::size_t begin;
  std::size_t end;
  bool expandable;  // outside quotes and not the value of a field prefix
};

std::vector<WordSpan> word_spans(const std::string& text) {
  std::vector<WordSpan> spans;
  bool in_quotes = false;
  for (std::size_t pos = 0; pos < text.size();) {
    if (text[pos] == '"') in_quotes = !in_quotes;
    if (!is_word_byte(text[pos])) {
      ++pos;
      continue;
    }
    const std::size_t begin = pos;
    while (pos < text.size() && (is_word_byte(text[pos]) || text[pos] == '\'')) ++pos;
    const bool after_prefix = begin > 0 && text[begin - 1] == ':';
    const bool before_prefix = pos < text.size() && text[pos] == ':';
    const bool wildcard = pos < text.size() && text[pos] == '*';
    // "+word" and "-word" (love/hate) must keep their operator on the word itself.
    const bool love_hate = begin > 0 && (text[begin - 1] == '+' || text[begin - 1] == '-') &&
                           (begin == 1 || text[begin - 2] == ' ' || text[begin - 2] == '(');
    spans.push_back({begin, pos, !in_quotes && !after_prefix && !before_prefix && !wildcard && !love_hate});
  }
  return spans;
}

}  // namespace

std::vector<std::string> split_words(const std::string& folded) {
  std::vector<std::string> words;
  for (const auto& span : word_spans(folded)) words.push_back(folded.substr(span.begin, span.end - span.begin));
  return words;
}

SynonymExpander::SynonymExpander(const std::vector<std::vector<std::string>>& groups) {
  for (const auto& group : groups) {
    std::vector<std::vector<std::string>> expressions;
    for (const auto& expression : group) {
      std::vector<std::string> words = split_words(fold(expression));
      if (words.empty()) continue;
      expressions_.push_back({words, groups_.size()});
      expressions.push_back(std::move(words));
    }
    groups_.push_back(std::move(expressions));
  }
  std::stable_sort(expressions_.begin(), expressions_.end(),
                   [](const Expression& a, const Expression& b) { return a.words.size() > b.words.size(); });
}

std::string SynonymExpander::expand(const std::string& folded_query) const {
  if (expressions_.empty()) return folded_query;
  const std::vector<WordSpan> spans = word_spans(folded_query);
  std::string expanded;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < spans.size();) {
    const Expression* match = nullptr;
    for (const auto& expression : expressions_) {
      const std::size_t n = expression.words.size();
      if (i + n > spans.size()) continue;
      bool equal = true;
      for (std::size_t k = 0; k < n && equal; ++k) {
        const WordSpan& span = spans[i + k];
        equal = span.expandable &&
                folded_query.compare(span.begin, span.end - span.begin, expression.words[k]) == 0 &&
                expression.words[k].size() == span.end - span.begin;
      }
      if (equal) {
        match = &expression;
        break;
      }
    }
    if (match == nullptr) {
      ++i;
      continue;
    }
    const std::size_t last = i + match->words.size() - 1;
    expanded += folded_query.substr(copied, spans[i].begin - copied);
    expanded += std::string(kField) + ":" + std::to_string(match->group);
    copied = spans[last].end;
    i = last + 1;
  }
  return expanded + folded_query.substr(copied);
}

std::vector<std::vector<std::string>> SynonymExpander::group(const std::string& group) const {
  if (group.empty() || group.size() > 9 || group.find_first_not_of("0123456789") != std::string::npos) return {};
  const std::size_t index = std::stoul(group);
  return index < groups_.size() ? groups_[index] : std::vector<std::vector<std::string>>{};
}

}  // namespace kc::search
