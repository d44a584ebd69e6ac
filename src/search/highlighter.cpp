#include "search/highlighter.h"

#include <algorithm>
#include <vector>

#include "search/document_builder.h"
#include "search/fold.h"
#include "search/schema.h"

namespace kc::search {
namespace {

constexpr std::size_t kMaxWordsScanned = 4000;  // bounds the cost on very long guides

std::size_t char_length(const std::string& text, std::size_t pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
  return std::min(length, text.size() - pos);
}

// Letters, digits and non-ASCII letters are word characters; Unicode punctuation
// (U+00A0–U+00BF, U+2000–U+206F: quotes, dashes, spaces) separates words.
bool is_word_char(const std::string& text, std::size_t pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) return (byte >= '0' && byte <= '9') || ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z');
  const auto next = pos + 1 < text.size() ? static_cast<unsigned char>(text[pos + 1]) : 0;
  return !(byte == 0xC2 && next >= 0xA0) && !(byte == 0xE2 && (next == 0x80 || next == 0x81));
}

struct Word {
  std::size_t begin;
  std::size_t end;
  bool matched;
};

}  // namespace

std::string escape_html(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

Highlighter::Highlighter(const Xapian::Query& query) {
  for (auto it = query.get_terms_begin(); it != query.get_terms_end(); ++it) {
    std::string term = *it;
    const bool stem = !term.empty() && term[0] == 'Z';
    if (stem) term.erase(0, 1);
    if (term.rfind(schema::kPrefixTitle, 0) == 0) term.erase(0, schema::kPrefixTitle.size());
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;  // filters: XTOPIC…, L…, Q…
    if (stem) {
      stems_.insert(term);
      prefixes_.insert(term.substr(0, 2));
    } else {
      words_.insert(term);
    }
    const auto first = static_cast<unsigned char>(term[0]);
    if (first < ascii_first_.size()) ascii_first_[first] = true;
  }
}

bool Highlighter::matches(std::string_view word, Xapian::Stem& stemmer) {
  // Most words of a text cannot match: an ASCII first letter that starts no query term
  // rules a word out before any folding or stemming (an accented one may fold to one).
  auto first = static_cast<unsigned char>(word.front());
  if (first >= 'A' && first <= 'Z') first |= 0x20;
  if (first < ascii_first_.size() && !ascii_first_[first]) return false;
  std::string key = language_;
  key.append(1, '\0').append(word);
  if (const auto known = verdicts_.find(key); known != verdicts_.end()) return known->second;
  const std::string folded = fold(word);
  const bool matched = words_.count(folded) > 0 ||
                       ((prefixes_.count(folded.substr(0, 2)) || prefixes_.count(folded.substr(0, 1))) &&
                        stems_.count(stemmer(folded)) > 0);
  verdicts_.emplace(std::move(key), matched);
  return matched;
}

std::string Highlighter::snippet(const std::string& text, const std::string& language, std::size_t max_words) {
  Xapian::Stem stemmer(stemmer_name(language));
  language_ = language;
  // Scanning stops once a window holds as many matched words as the query has terms
  // (no window can do much better) and the words after it are read: the top results
  // of a search usually match early, and the rest of their text need not be folded.
  const std::size_t enough = std::min(words_.size() + stems_.size(), max_words);
  std::vector<Word> words;
  std::size_t best_start = 0, best_count = 0, count = 0, stop_at = kMaxWordsScanned;
  for (std::size_t pos = 0; pos < text.size() && words.size() < stop_at;) {
    if (!is_word_char(text, pos)) {
      pos += char_length(text, pos);
      continue;
    }
    const std::size_t begin = pos;
    while (pos < text.size() && is_word_char(text, pos)) pos += char_length(text, pos);
    words.push_back({begin, pos, has_terms() && matches(std::string_view(text).substr(begin, pos - begin), stemmer)});
    // The window of max_words words ending here; the best one wins, ties go to the earliest.
    const std::size_t i = words.size() - 1;
    count += words[i].matched;
    if (i >= max_words) count -= words[i - max_words].matched;
    if (count > best_count) {
      best_count = count;
      best_start = i + 1 >= max_words ? i + 1 - max_words : 0;
    }
    if (best_count >= enough && stop_at == kMaxWordsScanned) stop_at = std::min(stop_at, i + 1 + max_words);
  }
  if (words.empty()) return {};

  // Start a few words before the first match, so it is read in context.
  if (best_count > 0) {
    while (best_start < words.size() && !words[best_start].matched) ++best_start;
    best_start = best_start >= 5 ? best_start - 5 : 0;
  }
  const std::size_t last = std::min(words.size(), best_start + max_words) - 1;

  std::string html = best_start > 0 ? "…" : "";
  std::size_t copied = words[best_start].begin;
  for (std::size_t i = best_start; i <= last; ++i) {
    html += escape_html(text.substr(copied, words[i].begin - copied));
    const std::string word = escape_html(text.substr(words[i].begin, words[i].end - words[i].begin));
    html += words[i].matched ? "<mark>" + word + "</mark>" : word;
    copied = words[i].end;
  }
  if (last + 1 < words.size() || words[last].end < text.size()) html += " …";
  for (char& c : html) {
    if (c == '\n') c = ' ';
  }
  return html;
}

}  // namespace kc::search
