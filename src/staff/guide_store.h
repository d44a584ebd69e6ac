#pragma once
// Staff publishing without a shell: reads, saves and removes one guide file under
// content/, as `kc ingest` would see it. A save checks the text through the same path as
// `kc check` (front_matter + validate_corpus, with the new text in place of the old),
// writes it atomically (a temp file in the same folder, fsync, rename, fsync of the
// folder), commits it to History with the staff name as author, then re-indexes: the
// incremental ingest rewrites only the guides whose fingerprint changed, and the running
// server's searchers reopen on the new revision by themselves, so the guide is live and
// searchable at once.
//
// A guide is addressed by language and slug; its file is <lang>/<topic>/<slug>.md, the
// topic taken from its front matter (a new topic moves the file). Its revision (the
// HTTP ETag, unquoted) is a digest of the file's bytes, so a hand edit changes it too.
//
// Thread safety: every call may come from any thread; saves, removals, restores and
// refreshes (hand edits seen by `kc serve --watch`) are serialised by the store's mutex.
// Throws std::runtime_error (or HistoryError, search::SearchError) only for failures of
// the disk, the repository or the index, never for bad input: that is a SaveResult with
// problems.
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "content/corpus.h"
#include "content/problem.h"
#include "search/indexer.h"
#include "staff/history.h"

namespace kc::staff {

// Why `language` and `slug` cannot address a guide ("" when they can): an unknown
// language, or a slug that is not [a-z0-9-], with `..`, `/`, `%2e`, NUL, or over 200 bytes.
// The HTTP layer answers 422 with it.
std::string address_problem(const std::string& language, const std::string& slug);

struct GuideFile {
  std::string path;      // relative to content/, e.g. "fr/gender/mon-guide.md"
  std::string text;      // the whole file: front matter and Markdown
  std::string revision;  // the ETag value, unquoted
};

enum class SaveOutcome {
  Created,               // 201
  Replaced,              // 200 (also a removal or a restore that succeeded)
  Conflict,              // 409: if_match is not the current revision; nothing written
  PreconditionRequired,  // 428: the guide exists and no if_match was given; nothing written
  NotFound,              // 404: remove or restore of a guide (or version) that does not exist
  Invalid,               // 422: problems; nothing written
};

struct SaveRequest {
  std::string language;
  std::string slug;
  std::string text;                     // the whole file, front matter included
  // The revisions the editor may have started from (If-Match's list, http/etag.h
  // if_match_tags); {"*"}: any existing guide; an empty list matches none; nullopt: not given.
  std::optional<std::vector<std::string>> if_match;
  std::string author;                   // the staff name (http/auth.h Identity::staff_name)
  std::string message;                  // the commit message; "" for "Save <lang>/<slug>"
};

struct SaveResult {
  SaveOutcome outcome = SaveOutcome::Invalid;
  std::string path;      // the guide's file (after the save when it succeeded)
  std::string revision;  // Created/Replaced: the new revision; Conflict: the current one ("" if removed)
  std::optional<std::string> current_text;  // Conflict: the file on disk now (nullopt: there is none)
  std::vector<content::Problem> problems;   // Invalid: `line: message`, path relative to content/
  std::string commit;    // the history commit of a successful save
};

// What bringing the index up to date with content/ did.
struct Refresh {
  std::vector<content::Problem> problems;           // content/ has problems: the index was left alone
  std::optional<search::IngestSummary> ingested;  // nullopt: problems, or no index yet (kc ingest makes it)
};

struct StoreOptions {
  std::filesystem::path content_dir;
  std::filesystem::path index_dir;
  std::filesystem::path stop_words_dir;  // as kc ingest uses (search/indexer.h IndexOptions)
};

class GuideStore {
 public:
  explicit GuideStore(StoreOptions options);  // opens (or creates) content/'s History
  ~GuideStore();

  // The guide's current file; nullopt when there is none (or the address is refused).
  std::optional<GuideFile> read(const std::string& language, const std::string& slug) const;

  // The problems a save of `text` would meet ("line: message"), without writing anything:
  // for a preview.
  std::vector<content::Problem> check(const std::string& language, const std::string& slug, const std::string& text) const;

  // Creates or replaces the guide (see SaveOutcome for the answers).
  SaveResult save(const SaveRequest& request);

  // Takes the guide out of the public site: its file is removed and the removal committed,
  // so the history keeps every version. Invalid when other guides still name it as a
  // translation (their problems are listed). `request.text` is unused.
  SaveResult remove(const SaveRequest& request);

  // Saves the guide's text as it was at `commit` (History::text_at) as a new version;
  // request.text is unused, request.message defaults to "Restore <lang>/<slug> to <commit>".
  SaveResult restore(const SaveRequest& request, const std::string& commit);

  History& history() { return history_; }

  // At server start: removes the temp files a killed save left behind, completes a topic
  // change's move of the file that a stop interrupted (never two files for one guide), and brings the
  // index up to date with content/ (a save killed between its rename and its re-index
  // left a newer file than the index). Does nothing to the index while content/ has
  // problems (printed on stderr) or before the first `kc ingest`.
  void recover();

  // Brings the index up to date with content/ as it is now (hand edits: `kc serve
  // --watch`), serialised with saves; as recover(), leaves the index alone while content/
  // has problems, which it returns (paths relative to content/, as `kc check` prints them).
  Refresh refresh();

 private:
  Refresh refresh_locked() const;  // with mutex_ held
  struct Plan;
  Plan plan_save(const std::string& language, const std::string& slug, const std::string& text) const;
  SaveResult save_locked(const SaveRequest& request, const std::string& text, bool if_match_required);
  static std::optional<SaveOutcome> precondition(const std::optional<GuideFile>& existing,
                                                 const std::optional<std::vector<std::string>>& if_match, bool required);
  search::IngestSummary reindex(const content::Corpus& corpus) const;
  void finish_interrupted_move();

  StoreOptions options_;
  History history_;
  mutable std::mutex mutex_;
};

}  // namespace kc::staff
