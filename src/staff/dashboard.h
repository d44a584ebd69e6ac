#pragma once
// The staff dashboard's facts (issue 14), gathered from the content tree, its history and
// the event log, as plain values for render/: every work with its four languages
// (present, missing or stale), guides past their review date, drafts and scheduled
// guides, broken links, the zero-result searches of the last 30 days and each work's
// downloads and views this month. Knows no HTTP and no template.
//
// Stale, and which English revision a translation was made from, are DERIVED from the
// history of the content folder, not written into the translation's front matter:
//  - it holds for files edited by hand and committed, as for saves through the staff
//    form or API (the issue asks the same history to work both ways), where a
//    `source_revision:` field would only be right when every tool remembered to write it;
//  - a field copied along with the text of another translation would silently lie;
//  - the history already records it: a translation was made from the English version
//    that was current when the translation was last saved. The translation is stale when
//    the English has a newer version than that one.
// The history is passed in as a function (FileHistory) so that this module needs no Git:
// http/ gives it the Git history of content/ (staff/history.h), and a tree that is not a
// repository yet falls back to the files' modification times (file_times_history()).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "content/corpus.h"
#include "stats/reports.h"

namespace kc::staff {

// One saved version of a file: an opaque id (a commit id, or a time stamp without Git)
// and its place in the history: a later save has a larger `order` (a commit's position in
// the log, since two commits may share a second; a modification time without Git).
struct FileVersion {
  std::string id;
  std::int64_t order = 0;
};
// The versions of a file (path relative to the content root), newest first; empty when
// the file has no recorded history.
using FileHistory = std::function<std::vector<FileVersion>(const std::string& path)>;

// Without Git: each file's one "version" is its modification time.
FileHistory file_times_history(const std::filesystem::path& content_root);

enum class LanguageState { Present, Missing, Stale };
const char* to_string(LanguageState state);  // "present", "missing", "stale"

struct LanguageCell {
  std::string language;  // en, fr, es, pt
  LanguageState state = LanguageState::Missing;
  std::string slug;  // "" when missing
  std::string path;  // relative to the content root; "" when missing
  // For a translation of an English guide: the English version it was made from and the
  // current one (they differ exactly when the cell is stale); "" when unknown.
  std::string made_from;
  std::string source_now;
};

struct WorkRow {
  std::string work;    // the work id
  std::string title;   // of its English version, else of its first guide
  std::string topic;
  std::string source_language;  // the language the others are translations of ("en" when present)
  std::string source_slug;
  std::vector<LanguageCell> languages;  // always en, fr, es, pt in that order
  std::uint64_t views = 0;              // this month, counted (COUNTER)
  std::uint64_t downloads = 0;          // of its attachments this month, counted
};

struct GuideRef {
  std::string language;
  std::string slug;
  std::string title;
  std::string path;
  std::string date;  // review_by for review-due guides, published for scheduled ones; "" else
};

struct BrokenLink {
  GuideRef guide;
  int line = 1;
  std::string url;
};

struct Dashboard {
  std::string today;  // YYYY-MM-DD (UTC)
  std::string month;  // YYYY-MM, the month of the counts
  std::vector<WorkRow> works;  // sorted by work id
  std::vector<GuideRef> review_due;  // review_by before today, oldest first
  std::vector<GuideRef> drafts;
  std::vector<GuideRef> scheduled;   // published after today, soonest first
  std::vector<BrokenLink> broken_links;
  std::vector<stats::ZeroResultSearch> zero_searches;  // the last 30 days, most frequent first
  bool stats_available = true;  // false when the event log could not be read (why: stats_error)
  std::string stats_error;
};

struct DashboardInputs {
  const content::Corpus* corpus = nullptr;
  std::filesystem::path data_dir;  // the event log's folder
  std::string today;               // YYYY-MM-DD (UTC)
  FileHistory history;             // empty: file_times_history(corpus->root)
};

Dashboard build_dashboard(const DashboardInputs& inputs);

}  // namespace kc::staff
