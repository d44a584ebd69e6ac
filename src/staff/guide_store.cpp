#include "staff/guide_store.h"

#include <openssl/evp.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "content/corpus.h"
#include "content/front_matter.h"
#include "search/indexer.h"
#include "staff/atomic_file.h"

namespace kc::staff {
namespace {

namespace fs = std::filesystem;

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The revision is the file's SHA-256 (its first 128 bits, in hex): any change to the
// bytes, by staff or by hand, changes it.
std::string revision_of(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 is not available in this OpenSSL");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < 16 && i < size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The guide's file on disk: <lang>/<topic>/<slug>.md in the first topic folder holding it.
std::optional<std::string> find_existing(const fs::path& root, const std::string& language, const std::string& slug) {
  std::error_code error;
  std::vector<std::string> found;
  for (fs::directory_iterator it(root / language, error), end; !error && it != end; it.increment(error)) {
    if (!it->is_directory(error)) continue;
    const fs::path candidate = it->path() / (slug + ".md");
    if (fs::is_regular_file(candidate, error)) {
      found.push_back(language + "/" + it->path().filename().string() + "/" + slug + ".md");
    }
  }
  if (found.empty()) return std::nullopt;
  return *std::min_element(found.begin(), found.end());
}

content::Problem problem(const std::string& path, int line, std::string message) {
  return content::Problem{path, line, std::move(message)};
}

// A problem in another file than the one being saved still blocks the save (the tree
// must stay valid for ingest); its message names the file it is in.
std::vector<content::Problem> as_seen_from(const std::string& path, std::vector<content::Problem> problems) {
  for (auto& found : problems) {
    if (found.path == path) continue;
    found.message = found.path + ":" + std::to_string(found.line) + ": " + found.message;
    found.path = path;
    found.line = 1;
  }
  return problems;
}

}  // namespace

std::string address_problem(const std::string& language, const std::string& slug) {
  if (!content::is_known_language(language)) return "unknown language (en, fr, es or pt)";
  if (slug.empty()) return "the slug is empty";
  if (slug.size() > 200) return "the slug is over 200 bytes";
  if (slug.find('\0') != std::string::npos) return "the slug contains a NUL byte";
  if (slug.find("..") != std::string::npos) return "the slug contains '..'";
  if (slug.find('/') != std::string::npos || slug.find('\\') != std::string::npos) return "the slug contains '/'";
  const std::string folded = lower(slug);
  if (folded.find("%2e") != std::string::npos || folded.find("%2f") != std::string::npos ||
      folded.find("%5c") != std::string::npos || folded.find("%00") != std::string::npos) {
    return "the slug contains an encoded '.', '/' or NUL";
  }
  if (!content::is_valid_slug(slug)) return "invalid slug (lower-case letters, digits and '-', not at either end)";
  return "";
}

namespace {

// A topic change moves the guide's file: the new file is written, then the old one removed.
// A stop between the two would leave both (the same guide twice: every later check fails),
// so the move is written down first, and recover() completes it.
constexpr const char* kMoveJournal = ".kc-move";

bool is_guide_path(const std::string& path) {
  return !path.empty() && path.front() != '/' && path.find("..") == std::string::npos &&
         fs::path(path).extension() == ".md";
}

}  // namespace

// A move a stop interrupted: when its new file was written, the old one goes (and the
// history gets the commit the save did not make); otherwise the old file stays as it was.
void GuideStore::finish_interrupted_move() {
  const fs::path journal = options_.content_dir / kMoveJournal;
  std::error_code error;
  if (!fs::exists(journal, error)) return;
  std::istringstream lines(read_bytes(journal));
  std::string from, to;
  std::getline(lines, from);
  std::getline(lines, to);
  if (is_guide_path(from) && is_guide_path(to) && fs::exists(options_.content_dir / to, error)) {
    remove_durably(options_.content_dir / from);
    history_.commit({from, to}, "kc", "Move " + from + " to " + to + " (completed at start-up)");
    std::cerr << "kc serve: completed the interrupted move of " << from << " to " << to << '\n';
  }
  remove_durably(journal);
}

// What a save or removal would do, worked out before anything is written.
struct GuideStore::Plan {
  std::optional<GuideFile> existing;
  std::string path;  // the file after the change ("" for a removal)
  std::vector<content::Problem> problems;
  content::Corpus corpus;  // the tree as it will be, for the re-index
};

GuideStore::GuideStore(StoreOptions options) : options_(std::move(options)), history_(options_.content_dir) {}

GuideStore::~GuideStore() = default;

std::optional<GuideFile> GuideStore::read(const std::string& language, const std::string& slug) const {
  if (!address_problem(language, slug).empty()) return std::nullopt;
  const auto path = find_existing(options_.content_dir, language, slug);
  if (!path) return std::nullopt;
  std::string text = read_bytes(options_.content_dir / *path);
  std::string revision = revision_of(text);
  return GuideFile{*path, std::move(text), std::move(revision)};
}

std::vector<content::Problem> GuideStore::check(const std::string& language, const std::string& slug,
                                                const std::string& text) const {
  const std::lock_guard lock(mutex_);
  return plan_save(language, slug, text).problems;
}

GuideStore::Plan GuideStore::plan_save(const std::string& language, const std::string& slug,
                                       const std::string& text) const {
  Plan plan;
  plan.existing = read(language, slug);
  const std::string fallback = language + "/" + slug + ".md";
  if (const std::string why = address_problem(language, slug); !why.empty()) {
    plan.problems.push_back(problem(fallback, 1, why));
    return plan;
  }
  // The topic folder comes from the text itself: parse it once to learn it.
  const auto parsed = content::parse_document(fallback, text);
  const std::string& topic = parsed.document.topic;
  if (!parsed.problems.empty() || !content::is_valid_slug(topic)) {
    plan.problems = parsed.problems;
    if (plan.problems.empty()) plan.problems.push_back(problem(fallback, 1, "unknown topic '" + topic + "'"));
    return plan;
  }
  plan.path = language + "/" + topic + "/" + slug + ".md";
  if (parsed.document.slug != slug) {
    plan.problems.push_back(problem(plan.path, 1, "the front matter's slug '" + parsed.document.slug +
                                                      "' is not the address's '" + slug + "'"));
    return plan;
  }
  content::Overlay overlay{{plan.path, text}};
  if (plan.existing && plan.existing->path != plan.path) overlay.emplace(plan.existing->path, std::nullopt);
  auto loaded = content::load_corpus(options_.content_dir, overlay);
  plan.problems = as_seen_from(plan.path, std::move(loaded.problems));
  plan.corpus = std::move(loaded.corpus);
  return plan;
}

search::IngestSummary GuideStore::reindex(const content::Corpus& corpus) const {
  search::IndexOptions index;
  index.index_dir = options_.index_dir;
  index.stop_words_dir = options_.stop_words_dir;
  index.keep_stop_words = options_.stop_words_dir.empty();
  index.threads = 1;  // one guide changed: the ingest skips every other by its fingerprint
  index.lock_wait = std::chrono::seconds(10);
  // Never setenv() from a server thread (it races with getenv() elsewhere: indexer.cpp);
  // a few changed guides fit in Xapian's default buffer anyway.
  index.flush_threshold = 0;
  return search::ingest(corpus, index);
}

SaveResult GuideStore::save(const SaveRequest& request) {
  const std::lock_guard lock(mutex_);
  return save_locked(request, request.text, true);
}

SaveResult GuideStore::save_locked(const SaveRequest& request, const std::string& text, bool if_match_required) {
  SaveResult result;
  Plan plan = plan_save(request.language, request.slug, text);
  const auto& existing = plan.existing;
  result.path = existing ? existing->path : plan.path;
  if (const auto refused = precondition(existing, request.if_match, if_match_required)) {
    result.outcome = *refused;
    if (existing) result.revision = existing->revision;
    if (existing) result.current_text = existing->text;
    return result;
  }
  if (!plan.problems.empty()) {
    result.outcome = SaveOutcome::Invalid;
    result.problems = std::move(plan.problems);
    return result;
  }
  result.outcome = existing ? SaveOutcome::Replaced : SaveOutcome::Created;
  result.path = plan.path;
  result.revision = revision_of(text);
  if (existing && existing->path == plan.path && existing->text == text) return result;  // nothing to do
  history_.ensure_repository();
  std::vector<std::string> changed = {plan.path};
  if (existing && existing->path != plan.path) {
    const fs::path journal = options_.content_dir / kMoveJournal;
    write_atomically(journal, existing->path + "\n" + plan.path + "\n");
    write_atomically(options_.content_dir / plan.path, text);
    remove_durably(options_.content_dir / existing->path);
    remove_durably(journal);
    changed.push_back(existing->path);
  } else {
    write_atomically(options_.content_dir / plan.path, text);
  }
  reindex(plan.corpus);
  const std::string message =
      request.message.empty() ? "Save " + request.language + "/" + request.slug : request.message;
  result.commit = history_.commit(changed, request.author, message);
  return result;
}

// Why a change may not go ahead given the revision the client started from; nullopt when it may.
std::optional<SaveOutcome> GuideStore::precondition(const std::optional<GuideFile>& existing,
                                                    const std::optional<std::vector<std::string>>& if_match, bool required) {
  if (!if_match) {
    return existing && required ? std::optional(SaveOutcome::PreconditionRequired) : std::nullopt;
  }
  if (!existing) return SaveOutcome::Conflict;  // it was removed since the client read it
  const auto matches = [&](const std::string& tag) { return tag == "*" || tag == existing->revision; };
  if (std::none_of(if_match->begin(), if_match->end(), matches)) return SaveOutcome::Conflict;
  return std::nullopt;
}

SaveResult GuideStore::remove(const SaveRequest& request) {
  const std::lock_guard lock(mutex_);
  SaveResult result;
  if (const std::string why = address_problem(request.language, request.slug); !why.empty()) {
    result.problems.push_back(problem(request.language + "/" + request.slug + ".md", 1, why));
    return result;
  }
  const auto existing = read(request.language, request.slug);
  if (!existing) {
    result.outcome = SaveOutcome::NotFound;
    return result;
  }
  result.path = existing->path;
  result.revision = existing->revision;
  if (const auto refused = precondition(existing, request.if_match, false)) {
    result.outcome = *refused;
    result.current_text = existing->text;
    return result;
  }
  auto loaded = content::load_corpus(options_.content_dir, content::Overlay{{existing->path, std::nullopt}});
  if (!loaded.problems.empty()) {
    result.problems = as_seen_from(existing->path, std::move(loaded.problems));
    return result;
  }
  history_.ensure_repository();
  remove_durably(options_.content_dir / existing->path);
  reindex(loaded.corpus);
  const std::string message =
      request.message.empty() ? "Remove " + request.language + "/" + request.slug : request.message;
  result.commit = history_.commit({existing->path}, request.author, message);
  result.outcome = SaveOutcome::Replaced;
  result.revision.clear();
  return result;
}

SaveResult GuideStore::restore(const SaveRequest& request, const std::string& commit) {
  const std::lock_guard lock(mutex_);
  if (!address_problem(request.language, request.slug).empty()) return save_locked(request, "", false);
  const auto text = history_.text_at(request.language, request.slug, commit);
  if (!text) {
    SaveResult result;
    result.outcome = SaveOutcome::NotFound;
    return result;
  }
  SaveRequest restoring = request;
  if (restoring.message.empty()) {
    restoring.message = "Restore " + request.language + "/" + request.slug + " to " + commit.substr(0, 12);
  }
  return save_locked(restoring, *text, false);
}

void GuideStore::recover() {
  const std::lock_guard lock(mutex_);
  remove_stale_temp_files(options_.content_dir);
  history_.clear_stale_locks();
  finish_interrupted_move();
  const Refresh refreshed = refresh_locked();
  if (!refreshed.problems.empty()) {
    std::cerr << "kc serve: the index was not brought up to date with " << options_.content_dir.string() << ": "
              << refreshed.problems.size() << " problem(s), first " << content::to_string(refreshed.problems.front())
              << " (run kc check)\n";
  }
}

Refresh GuideStore::refresh() {
  const std::lock_guard lock(mutex_);
  return refresh_locked();
}

Refresh GuideStore::refresh_locked() const {
  Refresh refreshed;
  std::error_code error;
  if (!fs::exists(options_.index_dir, error)) return refreshed;  // nothing ingested yet: kc ingest makes the index
  auto loaded = content::load_corpus(options_.content_dir);
  if (!loaded.problems.empty()) {
    refreshed.problems = std::move(loaded.problems);
    return refreshed;
  }
  refreshed.ingested = reindex(loaded.corpus);
  return refreshed;
}

}  // namespace kc::staff
