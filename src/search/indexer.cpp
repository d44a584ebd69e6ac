#include "search/indexer.h"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "search/document_builder.h"
#include "search/schema.h"

namespace kc::search {
namespace {

using Clock = std::chrono::steady_clock;

Xapian::WritableDatabase open_for_writing(const IndexOptions& options) {
  std::filesystem::create_directories(options.index_dir);
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

// id → stored fingerprint of every document in the index, read from two value streams.
std::unordered_map<std::string, std::string> indexed_fingerprints(const Xapian::Database& db) {
  std::unordered_map<Xapian::docid, std::string> fingerprint_of;
  for (auto it = db.valuestream_begin(schema::kSlotFingerprint); it != db.valuestream_end(schema::kSlotFingerprint); ++it) {
    fingerprint_of.emplace(it.get_docid(), *it);
  }
  std::unordered_map<std::string, std::string> by_id;
  for (auto it = db.valuestream_begin(schema::kSlotId); it != db.valuestream_end(schema::kSlotId); ++it) {
    by_id.emplace(*it, fingerprint_of[it.get_docid()]);
  }
  return by_id;
}

// The settings a revision carries with it, by metadata key.
std::map<std::string, std::string> settings(const content::Corpus& corpus) {
  nlohmann::json synonyms = nlohmann::json::array();
  for (const auto& group : corpus.synonyms) synonyms.push_back(group);
  nlohmann::json topics = nlohmann::json::array();
  for (const auto& topic : corpus.topics) topics.push_back({{"id", topic.id}, {"names", topic.names}});
  nlohmann::json indicators = nlohmann::json::array();
  for (const auto& indicator : corpus.indicators) {
    indicators.push_back({{"id", indicator.id}, {"label", indicator.label}, {"goal", indicator.goal},
                          {"counts", indicator.counts}, {"of_kind", indicator.of_kind},
                          {"of_value", indicator.of_value}, {"target", indicator.target},
                          {"from", indicator.from}, {"by", indicator.by}});
  }
  return {{schema::kMetaSynonyms, synonyms.dump()},
          {schema::kMetaTopics, topics.dump()},
          {schema::kMetaIndicators, indicators.dump()}};
}

// Builds documents on worker threads and hands them to `consume` on the calling thread
// in order, keeping at most kWindow built documents in memory.
class OrderedBuilder {
 public:
  static constexpr std::size_t kWindow = 64;

  OrderedBuilder(const content::Corpus& corpus, const std::vector<const content::Document*>& docs, unsigned threads)
      : corpus_(corpus), docs_(docs), slots_(docs.size()) {
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }

  ~OrderedBuilder() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    room_.notify_all();
    for (auto& worker : workers_) worker.join();
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
  void work() {
    DocumentBuilder builder;
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
  std::mutex mutex_;
  std::condition_variable built_;
  std::condition_variable room_;
  std::vector<std::thread> workers_;
};

// TermGenerator would add spelling data as it indexes, but that needs the database on
// the builder threads: the writer adds the same words from each document's term list.
void add_spelling(Xapian::WritableDatabase& db, const Xapian::Document& document) {
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
    const std::string& word = *term;
    if (!word.empty() && !(word[0] >= 'A' && word[0] <= 'Z')) db.add_spelling(word, term.get_wdf());
  }
}

IngestSummary write_changes(Xapian::WritableDatabase& db, const content::Corpus& corpus, const IndexOptions& options) {
  IngestSummary summary;
  auto indexed = indexed_fingerprints(db);
  std::vector<const content::Document*> changed;
  for (const auto& doc : corpus.documents) {
    const auto it = indexed.find(doc.id());
    if (it == indexed.end()) {
      ++summary.added;
      changed.push_back(&doc);
    } else {
      if (it->second == stored_fingerprint(doc)) {
        ++summary.unchanged;
      } else {
        ++summary.updated;
        changed.push_back(&doc);
      }
      indexed.erase(it);
    }
  }
  const auto new_settings = settings(corpus);
  const bool settings_changed = std::any_of(new_settings.begin(), new_settings.end(), [&](const auto& setting) {
    return db.get_metadata(setting.first) != setting.second;
  });
  if (changed.empty() && indexed.empty() && !settings_changed) return summary;

  db.begin_transaction();
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  {
    OrderedBuilder builder(corpus, changed, threads);
    for (std::size_t i = 0; i < changed.size(); ++i) {
      const BuiltDocument built = builder.take(i);
      add_spelling(db, built.document);
      db.replace_document(schema::kPrefixId + changed[i]->id(), built.document);
      db.set_metadata(schema::kMetaHtmlPrefix + changed[i]->id(), built.html);
      if (options.progress) options.progress(i + 1, changed.size());
    }
  }
  for (const auto& [id, fingerprint] : indexed) {
    db.delete_document(schema::kPrefixId + id);
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
  }
}

}  // namespace kc::search
