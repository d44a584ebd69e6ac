#include "search/searcher.h"

#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "content/civil_date.h"
#include "content/document.h"
#include "content/utf8.h"
#include "search/document_builder.h"
#include "search/fold.h"
#include "search/highlighter.h"
#include "search/schema.h"
#include "search/stop_words.h"
#include "search/stored_document.h"
#include "search/synonyms.h"
#include "search/text_codec.h"

namespace kc::search {
namespace {

constexpr unsigned kSyntaxFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                                  Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                                  Xapian::QueryParser::FLAG_PURE_NOT;
constexpr int kMaxPageSize = 50;
constexpr int kOtherLanguageResults = 3;  // per other language, when the chosen one has few
// Each word is also looked for in the title and in the summary, each weighed by BM25 as a
// field of its own, so that a guide about the subject outranks one that mentions it in
// passing (their words are in the text too: a title word weighs text + 1 title). Measured
// on tools/bench/relevance (hits@3 / MRR, 240 queries): no fields 89.2% / 0.826; title 0.5,
// 1, 1.5, 2: 93.8 / 0.883, 95.4 / 0.889, 95.4 / 0.879, 94.2 / 0.862; title 1 + summary
// 0.25, 0.5, 1: 96.2 / 0.904, 96.2 / 0.899, 95.4 / 0.895.
constexpr double kTitleWeight = 1.0;
constexpr double kSummaryWeight = 0.5;
constexpr std::size_t kMaxRelatedCached = 50000;  // entries of a few hundred bytes each
constexpr std::size_t kMaxAttachmentsCached = 50000;  // file names, each with the few guides listing it

// Counts every facet value of the matching documents (one packed slot per document). Each
// document's packed values are counted whole: documents share few combinations (82 among
// the 8009 MDN pages), so a match costs one hash look-up instead of a parse and a map
// insert per value, and facet() splits each combination once. An OR query counts many
// matches (up to the facet threshold), so this is most of what counting costs.
class FacetSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override { ++combinations_[doc.get_value(schema::kSlotFacets)]; }

  std::vector<FacetValue> facet(char letter) const {
    std::map<std::string, std::uint64_t> counts;
    for (const auto& [values, count] : combinations_) {
      for (std::size_t pos = 0; pos < values.size();) {
        const std::size_t end = std::min(values.find('\n', pos), values.size());
        if (end > pos + 1 && values[pos] == letter) counts[values.substr(pos + 1, end - pos - 1)] += count;
        pos = end + 1;
      }
    }
    std::vector<FacetValue> values;
    for (const auto& [value, count] : counts) values.push_back({value, count});
    std::stable_sort(values.begin(), values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    return values;
  }

 private:
  std::unordered_map<std::string, std::uint64_t> combinations_;
};

// An unbalanced quote would make the rest of the query one long phrase: drop it.
std::string balance_quotes(std::string folded) {
  if (std::count(folded.begin(), folded.end(), '"') % 2 != 0) folded.erase(folded.rfind('"'), 1);
  return folded;
}

// The syntax-free version of a query: words only, for the fallback parse.
std::string plain_words(const std::string& folded) {
  std::string plain;
  for (const auto& word : split_words(folded)) plain += (plain.empty() ? "" : " ") + word;
  return plain;
}

// Turns "kcsyn:<group>" (SynonymExpander) into one OP_SYNONYM of the group's expressions,
// stemmed as the parser of this language would stem them.
class SynonymProcessor : public Xapian::FieldProcessor {
 public:
  // `prefix`: the field searched ("" for the text, schema::kPrefixTitle for titles).
  SynonymProcessor(const SynonymExpander& synonyms, const std::string& language, std::string prefix)
      : synonyms_(synonyms), stemmer_(stemmer_name(language)), prefix_(std::move(prefix)) {}

  Xapian::Query operator()(const std::string& value) override {
    std::vector<Xapian::Query> expressions;
    for (const auto& words : synonyms_.group(value)) {
      if (words.size() == 1) {
        expressions.emplace_back("Z" + prefix_ + stemmer_(words.front()));
      } else {
        std::vector<Xapian::Query> phrase;
        for (const auto& word : words) phrase.emplace_back(prefix_ + word);
        expressions.emplace_back(Xapian::Query::OP_PHRASE, phrase.begin(), phrase.end(),
                                 static_cast<Xapian::termcount>(words.size()));
      }
    }
    return Xapian::Query(Xapian::Query::OP_SYNONYM, expressions.begin(), expressions.end());
  }

 private:
  const SynonymExpander& synonyms_;  // owned by the searcher, rebuilt with the parsers
  Xapian::Stem stemmer_;
  std::string prefix_;
};

struct SplitData {
  nlohmann::json meta;
  std::string text;
};

// What text_codec packed; an index written before kc-index-7 (document data) or
// kc-index-8 (guide HTML) holds it plain, and still answers until it is re-ingested.
std::string stored_text(const std::string& stored) {
  std::string text = unpack_text(stored);
  return text.empty() ? stored : text;
}

SplitData split_data(const std::string& packed, bool with_bodies) {
  const std::string data = stored_text(packed);
  const std::size_t first = data.find(schema::kDataSeparator);
  SplitData split{nlohmann::json::parse(data.substr(0, first)), {}};
  if (with_bodies && first != std::string::npos) split.text = data.substr(first + 1);
  return split;
}

ResultItem result_item(const nlohmann::json& meta) {
  ResultItem item;
  from_json(meta, item);
  return item;
}

}  // namespace

struct Searcher::State {
  std::filesystem::path dir;
  SearchLimits limits;
  Xapian::Database db;
  Xapian::rev revision = 0;
  SynonymExpander synonyms;
  std::vector<TopicInfo> topics;
  // Stop words per language, folded, and "" → those of all four: without a language filter
  // the query's language is unknown, and an English "how" must not count in the French
  // reading. Declared before the parsers, which point to the stoppers.
  std::map<std::string, std::set<std::string>> stop_words;
  std::map<std::string, std::unique_ptr<Xapian::SimpleStopper>> stoppers;
  // Per language, and per field searched besides the text: the same words in titles and summaries.
  std::map<std::string, Xapian::QueryParser> parsers;
  std::map<std::string, Xapian::QueryParser> title_parsers;
  std::map<std::string, Xapian::QueryParser> summary_parsers;
  // Related guides of this revision by document id: an expansion set per guide view
  // costs more than the rest of the page, and only changes with the index.
  std::unordered_map<std::string, std::vector<ResultItem>> related_cache;
  // The guides listing each attachment, for this revision: every counted download asks.
  std::unordered_map<std::string, FileGuides> attachment_cache;
  // Glass replaces iamglass (write, then rename) on every commit, so an unchanged inode
  // and mtime mean an unchanged revision: one stat() instead of reopen()'s
  // open-read-close on every request.
  std::string version_file;
  struct ::stat version_stat {};

  void open() {
    version_file = (dir / "iamglass").string();
    if (!std::filesystem::exists(version_file)) {
      throw SearchError("no index at " + dir.string() + ": run `kc ingest` first");
    }
    version_changed();
    db = Xapian::Database(dir.string());
    load_settings();
  }

  bool version_changed() {
    struct ::stat now {};
    if (::stat(version_file.c_str(), &now) != 0) return true;
    const bool same = now.st_ino == version_stat.st_ino && now.st_dev == version_stat.st_dev &&
                      now.st_size == version_stat.st_size && now.st_mtim.tv_sec == version_stat.st_mtim.tv_sec &&
                      now.st_mtim.tv_nsec == version_stat.st_mtim.tv_nsec;
    version_stat = now;
    return !same;
  }

  // Reopens on a newer revision; settings come from the index, so they switch with it.
  // `force`: the revision we read was overwritten under us, whatever the file says.
  void refresh(bool force = false) {
    if (!force && !version_changed()) return;
    db.reopen();
    if (db.get_revision() != revision) load_settings();
  }

  void load_settings() {
    revision = db.get_revision();
    related_cache.clear();
    attachment_cache.clear();
    std::vector<std::vector<std::string>> groups;
    const std::string synonyms_json = db.get_metadata(schema::kMetaSynonyms);
    if (!synonyms_json.empty()) groups = nlohmann::json::parse(synonyms_json).get<decltype(groups)>();
    synonyms = SynonymExpander(groups);
    topics.clear();
    const std::string topics_json = db.get_metadata(schema::kMetaTopics);
    for (const auto& topic : topics_json.empty() ? nlohmann::json::array() : nlohmann::json::parse(topics_json)) {
      topics.push_back({topic["id"], topic["names"].get<std::map<std::string, std::string>>(), 0});
    }
    stop_words.clear();
    stoppers.clear();
    const std::string stop_words_json = db.get_metadata(schema::kMetaStopWords);
    if (!stop_words_json.empty()) {
      for (const auto& [language, words] : nlohmann::json::parse(stop_words_json).get<StopWords>()) {
        stop_words[language].insert(words.begin(), words.end());
        stop_words[""].insert(words.begin(), words.end());
      }
    }
    for (const auto& [language, words] : stop_words) {
      stoppers[language] = std::make_unique<Xapian::SimpleStopper>(words.begin(), words.end());
    }
    parsers.clear();
    title_parsers.clear();
    for (const auto& language : content::kLanguages) {
      parsers.emplace(language, make_parser(language, ""));
      title_parsers.emplace(language, make_parser(language, schema::kPrefixTitle));
      summary_parsers.emplace(language, make_parser(language, schema::kPrefixSummary));
    }
  }

  Xapian::QueryParser make_parser(const std::string& language, const std::string& field) const {
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(Xapian::Stem(stemmer_name(language)));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    // Any word may be missing: BM25 ranks first the guides with more of the rarer words
    // (measured against "every word first": see search() and README).
    parser.set_default_op(Xapian::Query::OP_OR);

    parser.set_max_expansion(static_cast<Xapian::termcount>(limits.max_wildcard_terms),
                             Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    parser.add_prefix("title", schema::kPrefixTitle);
    for (const Facet& facet : kFacets) parser.add_boolean_prefix(facet.parameter, facet.prefix);
    parser.add_boolean_prefix("tag", schema::kPrefixTag);
    parser.add_prefix(SynonymExpander::kField, (new SynonymProcessor(synonyms, language, field))->release());
    return parser;
  }

  // Every reading of the query, each parsed in the filter's language or in all four
  // (DESIGN §3), combined with OP_MAX, not OR: a word that stems alike in several languages
  // must not count four times, and a guide gets the weight of its best reading. Broken
  // syntax falls back to the plain words, never to an error.
  Xapian::Query parse(const std::vector<std::string>& readings, const std::string& language) {
    // Xapian keeps stop words inside phrases ("to be or not to be"), and all of them when the
    // query has nothing else; elsewhere it drops them.
    const auto stopper = stoppers.find(language);
    const Xapian::Stopper* stop = stopper == stoppers.end() ? nullptr : stopper->second.get();
    for (auto* field_parsers : {&parsers, &title_parsers, &summary_parsers}) {
      for (auto& entry : *field_parsers) entry.second.set_stopper(stop);
    }
    std::vector<Xapian::Query> parsed;
    std::set<std::string> seen;
    for (const auto& reading : readings) {
      const std::string expanded = synonyms.expand(reading);
      for (auto& [parser_language, parser] : parsers) {
        if (!language.empty() && parser_language != language) continue;
        const Xapian::Query fields[] = {
            parse_one(parser, expanded, reading, ""),
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                          parse_one(title_parsers.at(parser_language), expanded, reading, schema::kPrefixTitle),
                          kTitleWeight),
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                          parse_one(summary_parsers.at(parser_language), expanded, reading, schema::kPrefixSummary),
                          kSummaryWeight)};
        Xapian::Query query(Xapian::Query::OP_OR, std::begin(fields), std::end(fields));
        // Most words stem alike in two or more of the languages ("mercury", "array"): each
        // reading is matched once (OP_MAX does not merge equal subqueries).
        if (seen.insert(query.serialise()).second) parsed.push_back(std::move(query));
      }
    }
    return Xapian::Query(Xapian::Query::OP_MAX, parsed.begin(), parsed.end());
  }

  static Xapian::Query parse_one(Xapian::QueryParser& parser, const std::string& expanded, const std::string& reading,
                                 const std::string& field) {
    try {
      return parser.parse_query(expanded, kSyntaxFlags, field);
    } catch (const Xapian::QueryParserError&) {
      return parser.parse_query(plain_words(reading), 0, field);
    }
  }

  // The query as typed, with its hyphenated words joined ("anti-retroviral" also finds
  // "antirétroviral"), and with its unknown words corrected (a misspelt word that matches
  // nothing would leave its guide to chance).
  static std::vector<std::string> readings(const std::string& folded, const std::optional<std::string>& corrected) {
    std::vector<std::string> all = {folded};
    if (std::string joined = join_hyphens(folded); joined != folded) all.push_back(std::move(joined));
    if (corrected) all.push_back(*corrected);
    return all;
  }

  bool is_stop_word(const std::string& word, const std::string& language) const {
    const auto words = stop_words.find(language);
    return words != stop_words.end() && words->second.count(word) != 0;
  }

  // "Did you mean": only for queries with a word that is nowhere in the index (the
  // spelling search costs as much as the search itself, a term look-up almost nothing).
  // Each word the index does not hold is replaced by Xapian's spelling suggestion; the
  // others, stop words and the query's syntax stay as typed ("undeerstanding web" must
  // not become "understanding we"). Only unknown words pay for a suggestion.
  std::optional<std::string> correction(const std::string& folded, const std::string& language) {
    std::string corrected = folded;
    std::size_t from = 0;
    for (const std::string& word : split_words(folded)) {
      const std::size_t at = corrected.find(word, from);
      from = at + word.size();
      if (is_query_operator(word) || db.term_exists(word) || is_stop_word(word, language)) continue;
      const std::string suggestion = db.get_spelling_suggestion(word);
      if (suggestion.empty() || !in_public_guide(suggestion)) continue;
      corrected.replace(at, word.size(), suggestion);
      from = at + suggestion.size();
    }
    if (corrected == folded) return std::nullopt;
    return corrected;
  }

  // A reader in one language should see guides in that language first when they match
  // about as well: a fixed extra weight for them (the filters, if any, still apply).
  static Xapian::Query prefer_language(Xapian::Query query, const SearchRequest& request) {
    if (request.preferred_language.empty() || !request.language.empty()) return query;
    static constexpr double kPreferredLanguageWeight = 5.0;
    Xapian::Query boost((new Xapian::FixedWeightPostingSource(kPreferredLanguageWeight))->release());
    boost = Xapian::Query(Xapian::Query::OP_FILTER, boost, Xapian::Query(schema::kPrefixLang + request.preferred_language));
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, boost);
  }

  Xapian::Query with_filters(Xapian::Query query, const SearchRequest& request) const {
    std::vector<Xapian::Query> filters;
    for (const Facet& facet : kFacets) {
      const std::string& value = request.*facet.filter;
      if (!value.empty()) filters.emplace_back(facet.prefix + (facet.folded ? fold(value) : value));
    }
    query = published_only(std::move(query));
    if (filters.empty()) return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, query,
                         Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
  }

  std::string today() const { return index_day(limits.clock()); }

  // Leaves out the guides whose published day is after today: decided at query time on
  // the stored day, so a scheduled guide appears on its day with no one acting. Values
  // are YYYYMMDD, so "after today" is "at least today followed by any character" ('~'
  // sorts after every digit); guides without a day have no value and always match.
  Xapian::Query published_only(Xapian::Query query) const {
    const Xapian::Query scheduled(Xapian::Query::OP_VALUE_GE, schema::kSlotPublished, today() + "~");
    return Xapian::Query(Xapian::Query::OP_AND_NOT, query, scheduled);
  }

  // Whether a public guide holds `word`: the spelling dictionary also has the words of
  // guides scheduled for a later day, which "did you mean" must not reveal.
  bool in_public_guide(const std::string& word) {
    Xapian::Enquire enquire(db);
    enquire.set_query(published_only(Xapian::Query(word)));
    return !enquire.get_mset(0, 1).empty();
  }

  // The guides not yet public, by topic (few: only those scheduled for a later day).
  std::map<std::string, Xapian::doccount> scheduled_by_topic() {
    std::map<std::string, Xapian::doccount> counts;
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotPublished, today() + "~"));
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      ++counts[split_data(it.get_document().get_data(), false).meta.value("topic", "")];
    }
    return counts;
  }

  bool is_public(const StoredDocument& document) const {
    if (!document.published) return true;
    std::string day = *document.published;
    day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
    return day <= today();
  }

  // Runs `work` on a fresh revision; a revision replaced during the call (two commits by
  // the writer) is reopened and the call retried once. Xapian errors become SearchError.
  template <typename Work>
  auto on_current_revision(Work work) -> decltype(work()) {
    try {
      refresh();
      try {
        return work();
      } catch (const Xapian::DatabaseModifiedError&) {
        refresh(true);
        return work();
      }
    } catch (const Xapian::Error& error) {
      throw SearchError("searching " + dir.string() + ": " + error.get_description());
    }
  }

  // One page of matches; `facets` (optional) counts the facets of every match.
  Xapian::MSet match(const Xapian::Query& query, const SearchRequest& request, bool has_query, Xapian::doccount first,
                     Xapian::doccount size, FacetSpy* facets) {
    Xapian::Enquire enquire(db);
    if (request.sort == SortOrder::Date || !has_query) {
      enquire.set_sort_by_value_then_relevance(schema::kSlotPublished, true);
    }
    enquire.set_query(with_filters(has_query ? prefer_language(query, request) : query, request));
    if (facets != nullptr) enquire.add_matchspy(facets);
    return enquire.get_mset(first, size, static_cast<Xapian::doccount>(limits.facet_threshold));
  }

  std::vector<ResultItem> items(const Xapian::MSet& mset, Highlighter& highlighter, bool has_query) {
    std::vector<ResultItem> found;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const SplitData data = split_data(it.get_document().get_data(), has_query);
      ResultItem item = result_item(data.meta);
      item.score = has_query ? it.get_percent() : 0;
      item.snippet = has_query ? highlighter.snippet(data.text, item.language) : escape_html(item.summary);
      found.push_back(std::move(item));
    }
    return found;
  }

  // The best few matches in each other language (issue 12), the query read in all four.
  std::vector<LanguageResults> other_languages(const std::vector<std::string>& all_readings,
                                               const SearchRequest& request) {
    const Xapian::Query query = parse(all_readings, "");
    Highlighter highlighter(query);
    std::vector<LanguageResults> groups;
    for (const auto& language : content::kLanguages) {
      if (language == request.language) continue;
      SearchRequest other = request;
      other.language = language;
      const Xapian::MSet mset = match(query, other, true, 0, kOtherLanguageResults, nullptr);
      if (mset.empty()) continue;
      groups.push_back({language, mset.get_matches_estimated(), items(mset, highlighter, true)});
    }
    return groups;
  }

  // Ranking (issue 12): the meaningful words OR-ed, under Xapian's BM25. Measured on
  // tools/bench/relevance with the same stop words and fields (hits@3 / MRR): this 95.4% /
  // 0.889; every word first, as Meilisearch's "words" rule (a fixed weight per matched word)
  // 90.4% / 0.837; guides with every word first, then BM25 (OP_AND_MAYBE with a bonus for
  // the AND) 90.8% / 0.842. Counting words treats "know" or "use" as much as "retort";
  // BM25's idf already lets a guide with more of the rare words win.
  SearchResponse search(const SearchRequest& request) {
    SearchResponse response;
    response.page = std::max(1, request.page);
    response.size = std::clamp(request.size, 1, kMaxPageSize);
    response.query = content::truncate_utf8(content::repair_utf8(request.query), limits.max_query_bytes);
    const std::string folded = balance_quotes(fold_query(response.query));
    const bool has_query = !split_words(folded).empty();
    if (has_query) response.corrected = correction(folded, request.language);
    const std::vector<std::string> all_readings = readings(folded, response.corrected);

    const std::uint64_t first64 = static_cast<std::uint64_t>(response.page - 1) * response.size;
    const auto first = static_cast<Xapian::doccount>(std::min<std::uint64_t>(first64, db.get_doccount()));
    // Not Xapian::Query::MatchAll: that is one global object whose reference count is not
    // atomic, so copying it from several workers at once is a data race (TSan saw it). An
    // empty term is the same query, built by this thread.
    const Xapian::Query query = has_query ? parse(all_readings, request.language) : Xapian::Query(std::string());
    FacetSpy facets;
    const Xapian::MSet mset =
        match(query, request, has_query, first, static_cast<Xapian::doccount>(response.size), &facets);

    response.total = mset.get_matches_estimated();
    response.total_is_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    Highlighter highlighter(query);
    response.results = items(mset, highlighter, has_query);
    for (const Facet& facet : kFacets) response.facets[facet.name] = facets.facet(facet.letter);
    if (has_query && !request.language.empty() && response.page == 1 && response.total < SearchResponse::kFewResults) {
      response.other_languages = other_languages(all_readings, request);
    }
    return response;
  }
};

std::string index_day(std::chrono::system_clock::time_point time) {
  const auto days = std::chrono::duration_cast<std::chrono::hours>(time.time_since_epoch()).count();
  const content::CivilDate date = content::civil_from_days(days >= 0 ? days / 24 : (days - 23) / 24);
  char text[16];
  std::snprintf(text, sizeof text, "%04d%02d%02d", date.year, date.month, date.day);
  return text;
}

Searcher::Searcher(std::filesystem::path index_dir, SearchLimits limits) : state_(std::make_unique<State>()) {
  state_->dir = std::move(index_dir);
  state_->limits = limits;
  try {
    state_->open();
  } catch (const Xapian::Error& error) {
    throw SearchError("opening the index " + state_->dir.string() + ": " + error.get_description());
  }
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResponse Searcher::search(const SearchRequest& request) {
  return state_->on_current_revision([&] { return state_->search(request); });
}

std::vector<std::string> Searcher::suggest(const std::string& prefix, const std::string& language, std::size_t limit) {
  return state_->on_current_revision([&]() -> std::vector<std::string> {
    const std::string folded = plain_words(fold(content::truncate_utf8(content::repair_utf8(prefix), 200)));
    if (folded.empty()) return {};
    Xapian::QueryParser parser;
    parser.set_database(state_->db);
    parser.set_max_expansion(static_cast<Xapian::termcount>(state_->limits.max_wildcard_terms),
                             Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    parser.set_default_op(Xapian::Query::OP_AND);
    Xapian::Query query = parser.parse_query(folded, Xapian::QueryParser::FLAG_PARTIAL, schema::kPrefixTitle);
    if (!language.empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(schema::kPrefixLang + language));
    }
    Xapian::Enquire enquire(state_->db);
    enquire.set_query(state_->published_only(query));
    std::vector<std::string> titles;
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit * 2));
    for (auto it = mset.begin(); it != mset.end() && titles.size() < limit; ++it) {
      std::string title = split_data(it.get_document().get_data(), false).meta.value("title", "");
      if (std::find(titles.begin(), titles.end(), title) == titles.end()) titles.push_back(std::move(title));
    }
    return titles;
  });
}

std::optional<StoredDocument> Searcher::document(const std::string& language, const std::string& slug,
                                                 bool with_body) {
  return state_->on_current_revision([&]() -> std::optional<StoredDocument> {
    const std::string id_term = schema::kPrefixId + language + "/" + slug;
    Xapian::PostingIterator posting = state_->db.postlist_begin(id_term);
    if (posting == state_->db.postlist_end(id_term)) return std::nullopt;
    const SplitData data = split_data(state_->db.get_document(*posting).get_data(), false);
    StoredDocument doc = data.meta.get<StoredDocument>();
    if (!state_->is_public(doc)) return std::nullopt;
    if (with_body) doc.html = stored_text(state_->db.get_metadata(schema::kMetaHtmlPrefix + doc.id));
    return doc;
  });
}

std::vector<ResultItem> Searcher::related(const StoredDocument& document, std::size_t limit) {
  return state_->on_current_revision([&]() -> std::vector<ResultItem> {
    // Keyed by day too: a guide published today joins tomorrow's answers.
    const std::string cache_key = document.id + '\n' + std::to_string(limit) + '\n' + state_->today();
    if (const auto cached = state_->related_cache.find(cache_key); cached != state_->related_cache.end()) {
      return cached->second;
    }
    const std::string id_term = schema::kPrefixId + document.id;
    Xapian::PostingIterator posting = state_->db.postlist_begin(id_term);
    if (posting == state_->db.postlist_end(id_term)) return {};
    Xapian::Enquire enquire(state_->db);
    Xapian::RSet relevant;
    relevant.add_document(*posting);
    // Expand on plain words only: prefixed terms are filters, and stems duplicate words.
    struct WordsOnly : Xapian::ExpandDecider {
      bool operator()(const std::string& term) const override {
        return term.size() > 3 && !(term[0] >= 'A' && term[0] <= 'Z') &&
               term.find_first_of("0123456789") == std::string::npos;
      }
    } words_only;
    const Xapian::ESet terms = enquire.get_eset(20, relevant, &words_only);
    Xapian::Query query(Xapian::Query::OP_ELITE_SET, terms.begin(), terms.end(), 20);
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(schema::kPrefixWork + document.work));
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(schema::kPrefixLang + document.language));
    enquire.set_query(state_->published_only(query));
    std::vector<ResultItem> items;
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      items.push_back(result_item(split_data(it.get_document().get_data(), false).meta));
      items.back().score = it.get_percent();
    }
    if (state_->related_cache.size() < kMaxRelatedCached) state_->related_cache.emplace(cache_key, items);
    return items;
  });
}

std::vector<ResultItem> Searcher::latest(const std::string& language, const std::string& topic, std::size_t limit) {
  SearchRequest request;
  request.language = language;
  request.topic = topic;
  request.size = static_cast<int>(std::min<std::size_t>(limit, kMaxPageSize));
  request.sort = SortOrder::Date;
  return search(request).results;
}

std::uint64_t Searcher::revision() {
  return state_->on_current_revision([&] { return static_cast<std::uint64_t>(state_->revision); });
}

IndexInfo Searcher::info() {
  return state_->on_current_revision([&] {
    IndexInfo info;
    info.revision = state_->revision;
    info.documents = state_->db.get_doccount();
    const auto scheduled = state_->scheduled_by_topic();
    for (TopicInfo topic : state_->topics) {
      topic.count = state_->db.get_termfreq(schema::kPrefixTopic + topic.id);
      if (const auto hidden = scheduled.find(topic.id); hidden != scheduled.end()) topic.count -= hidden->second;
      info.topics.push_back(std::move(topic));
    }
    return info;
  });
}

}  // namespace kc::search

namespace kc::search {

std::vector<content::Indicator> Searcher::indicators() {
  return state_->on_current_revision([&] {
    std::vector<content::Indicator> indicators;
    const std::string json = state_->db.get_metadata(schema::kMetaIndicators);
    for (const auto& item : json.empty() ? nlohmann::json::array() : nlohmann::json::parse(json)) {
      content::Indicator indicator;
      indicator.id = item.value("id", "");
      indicator.labels = item.value("labels", std::map<std::string, std::string>{});
      indicator.goals = item.value("goals", std::map<std::string, std::string>{});
      // An index written before labels had languages (kc-index-8) holds English strings.
      if (item.contains("label")) indicator.labels.emplace("en", item.value("label", ""));
      if (item.contains("goal") && !item.value("goal", "").empty()) indicator.goals.emplace("en", item.value("goal", ""));
      indicator.counts = item.value("counts", "");
      indicator.of_kind = item.value("of_kind", "");
      indicator.of_values = item.value("of_values", std::vector<std::string>{});
      if (item.contains("of_value")) indicator.of_values = {item.value("of_value", "")};
      indicator.target = item.value("target", 0LL);
      indicator.from = item.value("from", "");
      indicator.by = item.value("by", "");
      indicator.set_by = item.value("set_by", "");
      indicator.first_due = item.value("first_due", "");
      indicators.push_back(std::move(indicator));
    }
    return indicators;
  });
}

std::vector<StoredDocument> Searcher::all_documents() {
  return state_->on_current_revision([&] {
    std::vector<StoredDocument> documents;
    for (auto it = state_->db.postlist_begin(""); it != state_->db.postlist_end(""); ++it) {
      auto document = split_data(state_->db.get_document(*it).get_data(), false).meta.get<StoredDocument>();
      if (state_->is_public(document)) documents.push_back(std::move(document));
    }
    std::sort(documents.begin(), documents.end(),
              [](const StoredDocument& a, const StoredDocument& b) { return a.id < b.id; });
    return documents;
  });
}

FileGuides Searcher::file_guides(const std::string& file) {
  return state_->on_current_revision([&] {
    if (const auto cached = state_->attachment_cache.find(file); cached != state_->attachment_cache.end()) {
      return cached->second;
    }
    FileGuides guides;
    const std::string term = schema::kPrefixFile + file;
    for (auto it = state_->db.postlist_begin(term); it != state_->db.postlist_end(term); ++it) {
      const auto ref = split_data(state_->db.get_document(*it).get_data(), false).meta.get<StoredDocument>();
      if (guides.guides++ == 0) {
        guides.work = ref.work;
        guides.topic = ref.topic;
      }
      if (ref.work != guides.work) guides.work.clear();
      if (ref.topic != guides.topic) guides.topic.clear();
    }
    // Bounded: the names asked for are the client's to choose.
    if (state_->attachment_cache.size() < kMaxAttachmentsCached) state_->attachment_cache.emplace(file, guides);
    return guides;
  });
}

}  // namespace kc::search
