#include "search/indexer.h"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "search/document_builder.h"
#include "search/schema.h"
#include "search/stop_words.h"

namespace kc::search {
namespace {

using Clock = std::chrono::steady_clock;

// Xapian 1.4 buffers postings and positions in memory until it has this many changed
// documents, inside a transaction too (the tables are written, not committed), and reads
// the number only from its environment when a database is opened. setenv() races with
// getenv() on other threads, so the environment is written only when it differs: once
// per process in practice, before `kc ingest` (or a test's first ingest) starts threads.
void set_flush_threshold(unsigned documents) {
  if (documents == 0) return;
  const std::string wanted = std::to_string(documents);
  const char* current = std::getenv("XAPIAN_FLUSH_THRESHOLD");
  if (current == nullptr || wanted != current) setenv("XAPIAN_FLUSH_THRESHOLD", wanted.c_str(), 1);
}

Xapian::WritableDatabase open_for_writing(const IndexOptions& options) {
  std::filesystem::create_directories(options.index_dir);
  set_flush_threshold(options.flush_threshold);
  const auto deadline = Clock::now() + options.lock_wait;
  while (true) {
    try {
      return Xapian::WritableDatabase(options.index_dir.string(), Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
      if (Clock::now() >= deadline) {
        throw IndexLockedError("another kc ingest is writing " + options.index_dir.string() + " (waited " +
                               std::to_string(options.lock_wait.count() / 1000) + " s for its lock)");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

struct IndexedDocument {
  Xapian::docid docid = 0;
  std::string fingerprint;
};

// id → docid and stored fingerprint of every document in the index, read from two value
// streams. Knowing the docid lets the writer replace by docid: replacing by id term makes
// Xapian open that term's posting list, which first writes out every buffered position.
std::unordered_map<std::string, IndexedDocument> indexed_documents(const Xapian::Database& db) {
  std::unordered_map<Xapian::docid, std::string> fingerprint_of;
  for (auto it = db.valuestream_begin(schema::kSlotFingerprint); it != db.valuestream_end(schema::kSlotFingerprint); ++it) {
    fingerprint_of.emplace(it.get_docid(), *it);
  }
  std::unordered_map<std::string, IndexedDocument> by_id;
  for (auto it = db.valuestream_begin(schema::kSlotId); it != db.valuestream_end(schema::kSlotId); ++it) {
    by_id.emplace(*it, IndexedDocument{it.get_docid(), fingerprint_of[it.get_docid()]});
  }
  return by_id;
}

// The settings a revision carries with it, by metadata key.
std::map<std::string, std::string> settings(const content::Corpus& corpus, const IndexOptions& options) {
  nlohmann::json synonyms = nlohmann::json::array();
  for (const auto& group : corpus.synonyms) synonyms.push_back(group);
  nlohmann::json topics = nlohmann::json::array();
  for (const auto& topic : corpus.topics) topics.push_back({{"id", topic.id}, {"names", topic.names}});
  nlohmann::json indicators = nlohmann::json::array();
  for (const auto& indicator : corpus.indicators) {
    indicators.push_back({{"id", indicator.id},          {"labels", indicator.labels},
                          {"goals", indicator.goals},    {"counts", indicator.counts},
                          {"of_kind", indicator.of_kind}, {"of_values", indicator.of_values},
                          {"target", indicator.target},  {"from", indicator.from},
                          {"by", indicator.by},          {"set_by", indicator.set_by},
                          {"first_due", indicator.first_due}});
  }
  const nlohmann::json stop_words =
      options.stop_words_dir.empty() ? nlohmann::json::object() : nlohmann::json(load_stop_words(options.stop_words_dir));
  return {{schema::kMetaSynonyms, synonyms.dump()},
          {schema::kMetaTopics, topics.dump()},
          {schema::kMetaIndicators, indicators.dump()},
          {schema::kMetaStopWords, stop_words.dump()}};
}

// Builds documents on worker threads and hands them to the calling thread in order,
// keeping at most kWindow built documents in memory. Each worker also counts the words
// of the documents it built, for the spelling dictionary (see finish()).
class OrderedBuilder {
 public:
  static constexpr std::size_t kWindow = 64;

  OrderedBuilder(const content::Corpus& corpus, const std::vector<const content::Document*>& docs, unsigned threads)
      : corpus_(corpus), docs_(docs), slots_(docs.size()) {
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }

  ~OrderedBuilder() { stop(); }

  // Call after the last take(): waits for the workers and returns their word counts.
  std::vector<SpellingCounts> finish() {
    stop();
    return std::move(spelling_);
  }

  BuiltDocument take(std::size_t index) {
    std::unique_lock lock(mutex_);
    built_.wait(lock, [&] { return slots_[index].has_value() || error_; });
    if (error_) std::rethrow_exception(error_);
    BuiltDocument document = std::move(*slots_[index]);
    slots_[index].reset();
    consumed_ = index + 1;
    lock.unlock();
    room_.notify_all();
    return document;
  }

 private:
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    room_.notify_all();
    for (auto& worker : workers_) worker.join();
    workers_.clear();
  }

  void work() {
    DocumentBuilder builder;
    build_all(builder);
    std::lock_guard lock(mutex_);
    spelling_.push_back(std::move(builder.spelling()));
  }

  void build_all(DocumentBuilder& builder) {
    while (true) {
      const std::size_t index = next_++;
      if (index >= docs_.size()) return;
      {
        std::unique_lock lock(mutex_);
        room_.wait(lock, [&] { return stopping_ || index < consumed_ + kWindow; });
        if (stopping_) return;
      }
      try {
        BuiltDocument document = builder.build(corpus_, *docs_[index]);
        std::lock_guard lock(mutex_);
        slots_[index] = std::move(document);
      } catch (...) {
        std::lock_guard lock(mutex_);
        if (!error_) error_ = std::current_exception();
      }
      built_.notify_all();
    }
  }

  const content::Corpus& corpus_;
  const std::vector<const content::Document*>& docs_;
  std::vector<std::optional<BuiltDocument>> slots_;
  std::atomic<std::size_t> next_{0};
  std::size_t consumed_ = 0;
  bool stopping_ = false;
  std::exception_ptr error_;
  std::vector<SpellingCounts> spelling_;
  std::mutex mutex_;
  std::condition_variable built_;
  std::condition_variable room_;
  std::vector<std::thread> workers_;
};

// Each word once per worker with its summed frequency: the same dictionary as one
// add_spelling() per term of every document, for a fraction of the writer's time.
void add_spelling(Xapian::WritableDatabase& db, const std::vector<SpellingCounts>& counts) {
  for (const auto& words : counts) {
    for (const auto& [word, frequency] : words) db.add_spelling(word, frequency);
  }
}

// What an ingest must write: the guides to (re-)index, each with the docid it replaces
// (0 for a new one), and the indexed documents no longer in the corpus.
struct Plan {
  std::vector<const content::Document*> changed;
  std::vector<Xapian::docid> replaces;
  std::unordered_map<std::string, IndexedDocument> removed;
};

Plan plan_changes(const Xapian::Database& db, const content::Corpus& corpus, IngestSummary& summary) {
  Plan plan;
  plan.removed = indexed_documents(db);
  for (const auto& doc : corpus.documents) {
    // A draft is never public: not indexed at all, so no route or suggestion can show it
    // (and one that was published before leaves the index as if removed).
    if (doc.draft) continue;
    const auto it = plan.removed.find(doc.id());
    if (it == plan.removed.end()) {
      ++summary.added;
      plan.changed.push_back(&doc);
      plan.replaces.push_back(0);
      continue;
    }
    if (it->second.fingerprint == stored_fingerprint(doc)) {
      ++summary.unchanged;
    } else {
      ++summary.updated;
      plan.changed.push_back(&doc);
      plan.replaces.push_back(it->second.docid);
    }
    plan.removed.erase(it);
  }
  return plan;
}

// New guides are added rather than replaced by id term: their id is known to be absent,
// and this keeps Xapian's buffers (see indexed_documents) until the flush threshold.
void write_documents(Xapian::WritableDatabase& db, const content::Corpus& corpus, const Plan& plan,
                     const IndexOptions& options) {
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  OrderedBuilder builder(corpus, plan.changed, threads);
  for (std::size_t i = 0; i < plan.changed.size(); ++i) {
    const BuiltDocument built = builder.take(i);
    if (plan.replaces[i] == 0) {
      db.add_document(built.document);
    } else {
      db.replace_document(plan.replaces[i], built.document);
    }
    db.set_metadata(schema::kMetaHtmlPrefix + plan.changed[i]->id(), built.html);
    if (options.progress) options.progress(i + 1, plan.changed.size());
  }
  add_spelling(db, builder.finish());
}

IngestSummary write_changes(Xapian::WritableDatabase& db, const content::Corpus& corpus, const IndexOptions& options) {
  IngestSummary summary;
  const Plan plan = plan_changes(db, corpus, summary);
  auto new_settings = settings(corpus, options);
  if (options.keep_stop_words && options.stop_words_dir.empty()) new_settings.erase(schema::kMetaStopWords);
  const bool settings_changed = std::any_of(new_settings.begin(), new_settings.end(), [&](const auto& setting) {
    return db.get_metadata(setting.first) != setting.second;
  });
  if (plan.changed.empty() && plan.removed.empty() && !settings_changed) return summary;

  db.begin_transaction();
  write_documents(db, corpus, plan, options);
  for (const auto& [id, indexed] : plan.removed) {
    db.delete_document(indexed.docid);
    db.set_metadata(schema::kMetaHtmlPrefix + id, "");  // an empty value removes the key
    ++summary.deleted;
  }
  for (const auto& [key, value] : new_settings) db.set_metadata(key, value);
  db.commit_transaction();
  return summary;
}

}  // namespace

IngestSummary ingest(const content::Corpus& corpus, const IndexOptions& options) {
  const auto start = Clock::now();
  try {
    Xapian::WritableDatabase db = open_for_writing(options);
    IngestSummary summary = write_changes(db, corpus, options);
    db.close();
    summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return summary;
  } catch (const Xapian::Error& error) {
    throw SearchError("indexing " + options.index_dir.string() + ": " + error.get_description());
  } catch (const SearchError&) {
    throw;
  } catch (const std::runtime_error& error) {  // a guide re-read from disk changed (Corpus::read_body)
    throw SearchError("indexing " + options.index_dir.string() + ": " + error.what());
  }
}

}  // namespace kc::search
