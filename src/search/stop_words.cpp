#include "search/stop_words.h"

#include <algorithm>
#include <fstream>

#include "content/document.h"
#include "content/utf8.h"
#include "search/document_builder.h"
#include "search/fold.h"
#include "search/query.h"

namespace kc::search {

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
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    lists.emplace(language, std::move(words));
  }
  return lists;
}

}  // namespace kc::search
