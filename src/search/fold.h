#pragma once
// Accent folding with ICU (the only place that includes ICU): "Sécurité MINERAÇÃO" →
// "securite mineracao". Text is folded before stemming at index and query time, so
// "securite" and "sécurité" meet (STACK.md). Thread-safe: ICU's normalizers are shared
// immutable singletons.
#include <string>
#include <string_view>
#include <vector>

namespace kc::search {

// Removes combining marks, lower-cases, spells out the ligatures œ and æ ("œuvre" →
// "oeuvre"), and turns apostrophes into spaces (elisions: "l'orpailleur" → "l orpailleur",
// and the stop-word lists drop the "l"). `text` must be valid UTF-8.
std::string fold(std::string_view text);

// The hyphenated words of folded text, each written without its hyphens ("co-op" → "coop",
// "anti-retroviral" → "antiretroviral"): indexed besides the parts, so that a word is found
// with or without its hyphen.
std::vector<std::string> hyphenated_words(std::string_view folded);
// `folded` with the hyphens inside words removed: the query's other reading.
std::string join_hyphens(std::string_view folded);

// Like fold(), but keeps the upper-case query operators AND, OR, NOT, XOR, NEAR, ADJ,
// so that "or" (French for gold) stays a word while "gold OR silver" keeps its meaning.
std::string fold_query(std::string_view text);
bool is_query_operator(std::string_view word);  // AND, OR, NOT, XOR, NEAR or ADJ

// A byte of a word: an ASCII letter or digit, or any byte of a UTF-8 sequence.
bool is_word_byte(char c);

}  // namespace kc::search
