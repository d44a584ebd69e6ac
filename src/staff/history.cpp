#include "staff/history.h"

#include <git2.h>

#include <algorithm>
#include <iostream>
#include <utility>

namespace kc::staff {
namespace {

namespace fs = std::filesystem;

// libgit2 objects freed by their own functions.
template <typename T, void (*Free)(T*)>
struct Freer {
  void operator()(T* object) const { Free(object); }
};
using RepoPtr = std::unique_ptr<git_repository, Freer<git_repository, git_repository_free>>;
using IndexPtr = std::unique_ptr<git_index, Freer<git_index, git_index_free>>;
using TreePtr = std::unique_ptr<git_tree, Freer<git_tree, git_tree_free>>;
using CommitPtr = std::unique_ptr<git_commit, Freer<git_commit, git_commit_free>>;
using BlobPtr = std::unique_ptr<git_blob, Freer<git_blob, git_blob_free>>;
using SignaturePtr = std::unique_ptr<git_signature, Freer<git_signature, git_signature_free>>;
using WalkPtr = std::unique_ptr<git_revwalk, Freer<git_revwalk, git_revwalk_free>>;
using PatchPtr = std::unique_ptr<git_patch, Freer<git_patch, git_patch_free>>;
using EntryPtr = std::unique_ptr<git_tree_entry, Freer<git_tree_entry, git_tree_entry_free>>;

// libgit2 must be initialised once per process before any call; it is never shut down
// (a History may live until exit).
void initialise_libgit2() {
  static const int initialised = git_libgit2_init();
  (void)initialised;
}

// The author's e-mail: Git requires one, staff have none; the name is what history shows.
constexpr const char* kNoEmail = "staff@kc.invalid";

std::string last_error() {
  const git_error* error = git_error_last();
  return error && error->message ? error->message : "unknown libgit2 error";
}

// Where a guide's file is in one commit: its path and blob, or nothing.
struct Found {
  std::string path;
  git_oid blob{};
};

}  // namespace

struct History::Repository {
  fs::path root;
  RepoPtr repo;

  void check(int rc, const std::string& what) const {
    if (rc < 0) throw HistoryError("history of " + root.string() + ": " + what + ": " + last_error());
  }

  // Opens content/ as a repository of its own (never one of a folder above it).
  bool open() {
    if (repo) return true;
    git_repository* raw = nullptr;
    const int rc = git_repository_open_ext(&raw, root.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
    if (rc == GIT_ENOTFOUND) return false;
    check(rc, "opening the repository");
    repo.reset(raw);
    return true;
  }

  // Makes content/ a repository whose first commit holds everything already there, so
  // that the first staff save shows as a change of what was published by hand.
  void create() {
    git_repository* raw = nullptr;
    check(git_repository_init(&raw, root.c_str(), 0), "creating the repository");
    repo.reset(raw);
    IndexPtr index = open_index();
    check(git_index_add_all(index.get(), nullptr, GIT_INDEX_ADD_DEFAULT, nullptr, nullptr), "adding content/");
    write_commit(index.get(), "kc", "Start the history of content/");
  }

  IndexPtr open_index() const {
    git_index* raw = nullptr;
    check(git_repository_index(&raw, repo.get()), "reading the index");
    return IndexPtr(raw);
  }

  std::string write_commit(git_index* index, const std::string& author, const std::string& message) {
    check(git_index_write(index), "writing the index");
    git_oid tree_id;
    check(git_index_write_tree(&tree_id, index), "writing the tree");
    git_tree* tree = nullptr;
    check(git_tree_lookup(&tree, repo.get(), &tree_id), "reading the tree");
    const TreePtr tree_holder(tree);
    git_signature* signature = nullptr;
    check(git_signature_now(&signature, author.c_str(), kNoEmail), "the author '" + author + "'");
    const SignaturePtr signature_holder(signature);
    CommitPtr parent = head();
    if (parent && git_oid_equal(git_commit_tree_id(parent.get()), &tree_id)) {
      // Nothing changed (a file sent again as it was): no empty commit in the history.
      char hex[GIT_OID_HEXSZ + 1];
      git_oid_tostr(hex, sizeof hex, git_commit_id(parent.get()));
      return hex;
    }
    const git_commit* parents[] = {parent.get()};
    git_oid commit_id;
    check(git_commit_create(&commit_id, repo.get(), "HEAD", signature, signature, nullptr, message.c_str(), tree,
                            parent ? 1 : 0, parents),
          "committing");
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &commit_id);
    return hex;
  }

  // HEAD's commit; nullptr while the repository has none.
  CommitPtr head() const {
    git_oid id;
    const int rc = git_reference_name_to_id(&id, repo.get(), "HEAD");
    if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) return nullptr;
    check(rc, "reading HEAD");
    return lookup(id);
  }

  CommitPtr lookup(const git_oid& id) const {
    git_commit* commit = nullptr;
    check(git_commit_lookup(&commit, repo.get(), &id), "reading a commit");
    return CommitPtr(commit);
  }

  // The commit named by `hex` (4 to 40 hex digits); nullptr when there is none.
  CommitPtr find_commit(const std::string& hex) const {
    if (hex.size() < 4 || hex.size() > GIT_OID_HEXSZ ||
        hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
      return nullptr;
    }
    git_oid id;
    if (git_oid_fromstrn(&id, hex.c_str(), hex.size()) < 0) return nullptr;
    git_commit* commit = nullptr;
    if (git_commit_lookup_prefix(&commit, repo.get(), &id, hex.size()) < 0) return nullptr;
    return CommitPtr(commit);
  }

  // <lang>/<topic>/<slug>.md in the commit's tree, whatever the topic folder.
  std::optional<Found> find_guide(const git_commit* commit, const std::string& language, const std::string& slug) const {
    git_tree* raw = nullptr;
    check(git_commit_tree(&raw, commit), "reading a commit's tree");
    const TreePtr tree(raw);
    const git_tree_entry* language_entry = git_tree_entry_byname(tree.get(), language.c_str());
    if (language_entry == nullptr || git_tree_entry_type(language_entry) != GIT_OBJECT_TREE) return std::nullopt;
    git_tree* language_raw = nullptr;
    check(git_tree_lookup(&language_raw, repo.get(), git_tree_entry_id(language_entry)), "reading a folder");
    const TreePtr language_tree(language_raw);
    const std::string file = slug + ".md";
    for (std::size_t i = 0; i < git_tree_entrycount(language_tree.get()); ++i) {
      const git_tree_entry* topic = git_tree_entry_byindex(language_tree.get(), i);
      if (git_tree_entry_type(topic) != GIT_OBJECT_TREE) continue;
      const std::string path = language + "/" + git_tree_entry_name(topic) + "/" + file;
      git_tree_entry* entry = nullptr;
      if (git_tree_entry_bypath(&entry, tree.get(), path.c_str()) < 0) continue;
      const EntryPtr holder(entry);
      if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) continue;
      return Found{path, *git_tree_entry_id(entry)};
    }
    return std::nullopt;
  }

  // The commits from HEAD back, newest first (a merge's parents in time order).
  WalkPtr walk_from_head() const {
    git_revwalk* raw = nullptr;
    check(git_revwalk_new(&raw, repo.get()), "walking the history");
    WalkPtr walk(raw);
    git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    check(git_revwalk_push_head(walk.get()), "walking the history");
    return walk;
  }

  CommitPtr first_parent(const git_commit* commit) const {
    if (git_commit_parentcount(commit) == 0) return nullptr;
    git_commit* parent = nullptr;
    check(git_commit_parent(&parent, commit, 0), "reading a parent commit");
    return CommitPtr(parent);
  }

  std::string blob_text(const git_oid& id) const {
    git_blob* raw = nullptr;
    check(git_blob_lookup(&raw, repo.get(), &id), "reading a file");
    const BlobPtr blob(raw);
    return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                       static_cast<std::size_t>(git_blob_rawsize(blob.get())));
  }

  // The guide's text at `hex`; for a commit that removed it, the text just before.
  std::optional<std::string> text_at(const std::string& language, const std::string& slug, const std::string& hex) const {
    const CommitPtr commit = find_commit(hex);
    if (!commit) return std::nullopt;
    if (auto found = find_guide(commit.get(), language, slug)) return blob_text(found->blob);
    const CommitPtr parent = first_parent(commit.get());
    if (!parent) return std::nullopt;
    if (auto before = find_guide(parent.get(), language, slug)) return blob_text(before->blob);
    return std::nullopt;
  }
};

History::History(std::filesystem::path content_root) : repository_(std::make_unique<Repository>()) {
  initialise_libgit2();
  repository_->root = std::move(content_root);
  repository_->open();
}

History::~History() = default;

void History::ensure_repository() {
  const std::lock_guard lock(mutex_);
  if (!repository_->open()) repository_->create();
}

void History::clear_stale_locks() {
  const std::lock_guard lock(mutex_);
  const fs::path git = repository_->root / ".git";
  std::error_code error;
  if (!fs::is_directory(git, error)) return;
  std::vector<fs::path> locks = {git / "index.lock", git / "HEAD.lock"};
  for (fs::recursive_directory_iterator it(git / "refs", error), end; !error && it != end; it.increment(error)) {
    if (it->path().extension() == ".lock") locks.push_back(it->path());
  }
  for (const auto& path : locks) {
    std::error_code ignored;
    if (fs::remove(path, ignored)) std::cerr << "kc serve: removed " << path.string() << " (a commit was interrupted)\n";
  }
}

std::string History::commit(const std::vector<std::string>& paths, const std::string& author,
                            const std::string& message) {
  const std::lock_guard lock(mutex_);
  Repository& r = *repository_;
  if (!r.open()) r.create();
  IndexPtr index = r.open_index();
  for (const std::string& path : paths) {
    std::error_code error;
    if (fs::exists(r.root / path, error)) {
      r.check(git_index_add_bypath(index.get(), path.c_str()), "adding " + path);
    } else {
      r.check(git_index_remove_bypath(index.get(), path.c_str()), "removing " + path);
    }
  }
  return r.write_commit(index.get(), author, message);
}

std::vector<Version> History::versions(const std::string& language, const std::string& slug, std::size_t limit) {
  const std::lock_guard lock(mutex_);
  Repository& r = *repository_;
  std::vector<Version> versions;
  if (!r.open() || !r.head()) return versions;
  const WalkPtr walk = r.walk_from_head();
  git_oid id;
  while (versions.size() < limit && git_revwalk_next(&id, walk.get()) == 0) {
    const CommitPtr commit = r.lookup(id);
    const auto now = r.find_guide(commit.get(), language, slug);
    const CommitPtr parent = r.first_parent(commit.get());
    const auto before = parent ? r.find_guide(parent.get(), language, slug) : std::nullopt;
    const bool changed = now ? !before || before->path != now->path || !git_oid_equal(&before->blob, &now->blob)
                             : before.has_value();
    if (!changed) continue;
    Version version;
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &id);
    version.commit = hex;
    const git_signature* author = git_commit_author(commit.get());
    version.author = author && author->name ? author->name : "";
    version.time = static_cast<std::int64_t>(git_commit_time(commit.get()));
    const char* summary = git_commit_summary(commit.get());
    version.message = summary ? summary : "";
    version.path = now ? now->path : before->path;
    version.removed = !now;
    versions.push_back(std::move(version));
  }
  return versions;
}

std::optional<std::string> History::text_at(const std::string& language, const std::string& slug,
                                            const std::string& commit) {
  const std::lock_guard lock(mutex_);
  if (!repository_->open()) return std::nullopt;
  return repository_->text_at(language, slug, commit);
}

std::string History::diff(const std::string& language, const std::string& slug, const std::string& from,
                          const std::string& to) {
  const std::lock_guard lock(mutex_);
  Repository& r = *repository_;
  if (!r.open()) throw HistoryError("history of " + r.root.string() + ": there is no history yet");
  const auto old_text = r.text_at(language, slug, from);
  const auto new_text = r.text_at(language, slug, to);
  if (!old_text || !new_text) throw HistoryError("no such version of " + language + "/" + slug);
  if (*old_text == *new_text) return "";
  const std::string path = language + "/" + slug + ".md";
  git_patch* raw = nullptr;
  r.check(git_patch_from_buffers(&raw, old_text->data(), old_text->size(), path.c_str(), new_text->data(),
                                 new_text->size(), path.c_str(), nullptr),
          "comparing two versions");
  const PatchPtr patch(raw);
  git_buf buffer = GIT_BUF_INIT;
  r.check(git_patch_to_buf(&buffer, patch.get()), "printing a diff");
  std::string text(buffer.ptr, buffer.size);
  git_buf_dispose(&buffer);
  return text;
}

namespace {

using DiffPtr = std::unique_ptr<git_diff, Freer<git_diff, git_diff_free>>;

// "<lang>/<topic>/<slug>.md" → "<lang>/<slug>"; "" for any other file.
std::string guide_key(const char* path) {
  if (path == nullptr) return {};
  const fs::path file(path);
  std::vector<std::string> parts;
  for (const auto& part : file) parts.push_back(part.string());
  if (parts.size() != 3 || file.extension() != ".md") return {};
  return parts[0] + "/" + file.stem().string();
}

}  // namespace

std::shared_ptr<const History::Changes> History::changes() {
  const std::lock_guard lock(mutex_);
  Repository& r = *repository_;
  auto changes = std::make_shared<Changes>();
  if (!r.open()) return changes;
  const CommitPtr head = r.head();
  if (!head) return changes;
  char head_hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(head_hex, sizeof head_hex, git_commit_id(head.get()));
  if (changes_ && changes_head_ == head_hex) return changes_;

  const WalkPtr walk = r.walk_from_head();
  git_oid id;
  std::int64_t order = 0;  // 0 for HEAD, then -1, -2… : newer is larger
  while (git_revwalk_next(&id, walk.get()) == 0) {
    const CommitPtr commit = r.lookup(id);
    const CommitPtr parent = r.first_parent(commit.get());
    git_tree* raw_tree = nullptr;
    r.check(git_commit_tree(&raw_tree, commit.get()), "reading a commit's tree");
    const TreePtr tree(raw_tree);
    TreePtr parent_tree;
    if (parent) {
      r.check(git_commit_tree(&raw_tree, parent.get()), "reading a commit's tree");
      parent_tree.reset(raw_tree);
    }
    git_diff* raw_diff = nullptr;
    r.check(git_diff_tree_to_tree(&raw_diff, r.repo.get(), parent_tree.get(), tree.get(), nullptr), "comparing trees");
    const DiffPtr diff(raw_diff);
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &id);
    for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
      const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
      for (const char* path : {delta->new_file.path, delta->old_file.path}) {
        const std::string key = guide_key(path);
        if (key.empty()) continue;
        auto& versions = (*changes)[key];
        if (versions.empty() || versions.back().commit != hex) versions.push_back({hex, order});  // a move: once
      }
    }
    --order;
  }
  changes_head_ = head_hex;
  changes_ = changes;
  return changes;
}

}  // namespace kc::staff
