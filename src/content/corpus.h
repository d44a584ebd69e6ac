#pragma once
// The whole content tree (DESIGN §2): topics.yaml, synonyms.yaml, indicators.yaml, every
// guide under <lang>/<topic>/<slug>.md, the attachments under files/ and the SVG
// diagrams under diagrams/ (held in memory: each is a few KB, and pages inline them). load_corpus()
// reads and validates all of it and returns every problem found; it throws only when
// the folder itself cannot be read (std::runtime_error naming the path). Guide bodies are
// not held after loading (memory would grow with the corpus): read_body() reads them again.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "content/document.h"
#include "content/problem.h"

namespace kc::content {

struct Topic {
  std::string id;
  std::map<std::string, std::string> names;  // UI language → name
};

// One entry of indicators.yaml (DESIGN §6): a download or view target over a period.
// `of` names what is counted: one file, a group of files counted together as one target
// (the language versions of one manual, as COUNTER counts one work), a work (all its
// translations) or a topic.
struct Indicator {
  std::string id;
  std::map<std::string, std::string> labels;  // UI language → label; "en" is always there when valid
  std::map<std::string, std::string> goals;   // UI language → the strategic plan's goal it serves
  std::string counts;    // "downloads" or "views"
  std::string of_kind;   // "file", "files" (a group), "doc" or "topic"
  std::vector<std::string> of_values;  // files/<path>… (one for every kind but "files"), a work id or a topic id
  long long target = 0;
  std::string from;      // YYYY-MM-DD
  std::string by;        // YYYY-MM-DD
  std::string set_by;     // "plan" (a target of the strategic plan), "project" (the project's own) or ""
  std::string first_due;  // a plan target's original deadline, YYYY-MM or YYYY-MM-DD; "" if none

  // The label or goal in `language`, else in English, else "".
  std::string label(const std::string& language = "en") const;
  std::string goal(const std::string& language = "en") const;
  // The language of what label(language) and goal(language) return ("" when there is none).
  std::string label_language(const std::string& language) const;
  std::string goal_language(const std::string& language) const;
};

struct Corpus {
  std::filesystem::path root;
  std::vector<Topic> topics;                         // in the order of topics.yaml
  std::vector<std::vector<std::string>> synonyms;    // groups of equivalent expressions
  std::vector<Indicator> indicators;
  std::vector<Document> documents;                   // sorted by path
  std::set<std::string> files;                       // "files/…" present on disk
  std::map<std::string, std::string> diagrams;       // "diagrams/<name>.<lang>.svg" → its text
  std::unordered_map<std::string, std::uint64_t> file_hashes;  // guide path → hash of its bytes as loaded

  const Document* find(const std::string& language, const std::string& slug) const;
  const Document* find_path(const std::string& path) const;
  const Topic* find_topic(const std::string& id) const;
  // The topic's name in `language`, falling back to English, then to the id.
  std::string topic_name(const std::string& id, const std::string& language) const;
  // The guide's Markdown body: doc.body when held, else the file read again. Throws
  // std::runtime_error naming the path if the file changed or vanished since loading.
  std::string read_body(const Document& doc) const;

  // Rebuilds the lookup tables behind find() and find_path(); call after changing documents.
  void build_lookup();

 private:
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<std::string, std::size_t> by_path_;
};

struct LoadedCorpus {
  Corpus corpus;
  std::vector<Problem> problems;  // sorted; empty when the tree is valid
};

// Guide files to read in place of the disk's, by path relative to the root ("<lang>/<topic>/<slug>.md"):
// their text, or nullopt for a file taken away. A staff save is checked this way before
// anything is written (staff/guide_store.h); once written, the loaded corpus is the disk's.
using Overlay = std::map<std::string, std::optional<std::string>>;

LoadedCorpus load_corpus(const std::filesystem::path& root, const Overlay& overlay = {});

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t seed = 14695981039346656037ULL);

}  // namespace kc::content
