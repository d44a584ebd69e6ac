#pragma once
// A guide file not yet saved, as the staff form sees it (issue 14): checked with every
// rule `kc ingest` applies (the whole corpus loaded with this file in place of the saved
// one, nothing written), and rendered as the index would store it, for the preview to go
// through the same template as the public page. Reads the content folder; thread-safe
// (nothing shared); throws std::runtime_error only when the folder cannot be read.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/corpus.h"
#include "content/problem.h"
#include "search/query.h"

namespace kc::search {

// What the staff form offers: the topics, and the English guides a translation can be of.
struct GuideChoices {
  std::vector<content::Topic> topics;
  std::vector<std::pair<std::string, std::string>> originals;  // English slug → title, by title
};
GuideChoices guide_choices(const content::Corpus& corpus);

struct GuidePreview {
  std::vector<content::Problem> problems;     // this file's own, sorted by line
  std::optional<StoredDocument> document;     // with html; nullopt when the file cannot be read as a guide
  std::map<std::string, std::string> translation_titles;  // language → title, of the translations that exist
  std::map<std::string, std::string> translation_tags;    // language → lang tag (pt-BR…)
  std::map<std::string, std::string> topic_names;         // UI language → the topic's name
  GuideChoices choices;                                   // the form's choices, from the same corpus
};

// `path` ("<lang>/<topic>/<slug>.md") is where `text` would be saved; `old_path`, when
// another, is the guide's file now (a new topic moves it), taken away for the check.
GuidePreview preview_guide(const std::filesystem::path& content_dir, const std::string& path, const std::string& text,
                           const std::string& old_path = "");


}  // namespace kc::search
