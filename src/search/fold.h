#pragma once
// Accent folding with ICU (the only place that includes ICU): "Sécurité MINERAÇÃO" →
// "securite mineracao". Text is folded before stemming at index and query time, so
// "securite" and "sécurité" meet (STACK.md). Thread-safe: ICU's normalizers are shared
// immutable singletons.
#include <string>
#include <string_view>

namespace kc::search {

// Removes combining marks, lower-cases, and turns apostrophes into spaces (elisions:
// "l'orpailleur" → "l orpailleur"). `text` must be valid UTF-8.
std::string fold(std::string_view text);

// Like fold(), but keeps the upper-case query operators AND, OR, NOT, XOR, NEAR, ADJ,
// so that "or" (French for gold) stays a word while "gold OR silver" keeps its meaning.
std::string fold_query(std::string_view text);
bool is_query_operator(std::string_view word);  // AND, OR, NOT, XOR, NEAR or ADJ

}  // namespace kc::search
