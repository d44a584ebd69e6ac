// The plain Xapian baseline of tools/bench/relevance (issue 12): the search a developer sets
// up from Xapian's documentation, on the same guides as kc. One Snowball stemmer per language
// (the guide's at index time, the query's at search time), BM25, the words OR-ed (OP_OR),
// Xapian's default query syntax; no synonyms, no accent folding, no spelling, no stop words,
// no field weights (title, summary and body are one text).
//   kc_bench_baseline CONTENT INDEX < QUERIES
// CONTENT is read and validated with kc's own loader (so both see the same guides); INDEX
// must not exist: it is built first. QUERIES are lines "<lang>\t<query>". Prints one JSON
// object a line: first {"guides": {id: work}} for every guide, then for each query
// {"results": [ids], "others": [ids]}: the top 10 in the query's language, and the top 10
// in the other languages (the benchmark shows them when the first list is short, as kc does).
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "content/corpus.h"
#include "markdown/render.h"

namespace {

const char* stemmer_name(const std::string& language) {
  if (language == "fr") return "french";
  if (language == "es") return "spanish";
  if (language == "pt") return "portuguese";
  return "english";
}

void build(const kc::content::Corpus& corpus, const std::string& index) {
  Xapian::WritableDatabase db(index, Xapian::DB_CREATE);
  Xapian::TermGenerator generator;
  for (const auto& doc : corpus.documents) {
    Xapian::Document indexed;
    generator.set_document(indexed);
    generator.set_stemmer(Xapian::Stem(stemmer_name(doc.language)));
    generator.index_text(doc.title);
    generator.increase_termpos();
    generator.index_text(doc.summary);
    generator.increase_termpos();
    generator.index_text(kc::markdown::render(corpus.read_body(doc)).text);
    indexed.add_boolean_term("L" + doc.language);
    indexed.set_data(doc.id());
    db.add_document(indexed);
  }
  db.commit();
}

nlohmann::json top_ids(Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  nlohmann::json ids = nlohmann::json::array();
  const Xapian::MSet mset = enquire.get_mset(0, 10);
  for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(it.get_document().get_data());
  return ids;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s CONTENT INDEX < QUERIES\n", argv[0]);
    return 2;
  }
  const auto loaded = kc::content::load_corpus(argv[1]);
  if (!loaded.problems.empty()) {
    std::fprintf(stderr, "kc_bench_baseline: %s has problems (run kc check)\n", argv[1]);
    return 2;
  }
  if (std::filesystem::exists(argv[2])) {
    std::fprintf(stderr, "kc_bench_baseline: %s exists; give a new folder\n", argv[2]);
    return 2;
  }
  build(loaded.corpus, argv[2]);
  nlohmann::json guides = nlohmann::json::object();
  for (const auto& doc : loaded.corpus.documents) guides[doc.id()] = doc.work;
  std::cout << nlohmann::json{{"guides", guides}}.dump() << '\n';

  Xapian::Database db(argv[2]);
  for (std::string line; std::getline(std::cin, line);) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string language = line.substr(0, tab);
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(Xapian::Stem(stemmer_name(language)));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_OR);
    Xapian::Query query;
    try {
      query = parser.parse_query(line.substr(tab + 1));
    } catch (const Xapian::QueryParserError&) {
      query = parser.parse_query(line.substr(tab + 1), 0);
    }
    const Xapian::Query in_language("L" + language);
    std::cout << nlohmann::json{{"results", top_ids(db, Xapian::Query(Xapian::Query::OP_FILTER, query, in_language))},
                                {"others", top_ids(db, Xapian::Query(Xapian::Query::OP_AND_NOT, query, in_language))}}
                     .dump()
              << '\n';
  }
  return 0;
} catch (const Xapian::Error& error) {
  std::fprintf(stderr, "kc_bench_baseline: %s\n", error.get_description().c_str());
  return 2;
}
