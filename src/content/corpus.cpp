#include "content/corpus.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

#include "content/front_matter.h"
#include "content/link_resolver.h"
#include "content/validate.h"
#include "content/yaml_lookup.h"
#include "markdown/links.h"

namespace kc::content {
namespace fs = std::filesystem;
namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Loads an optional YAML settings file; a missing file is an empty node.
YAML::Node load_settings(const fs::path& root, const std::string& name, std::vector<Problem>& problems) {
  const fs::path path = root / name;
  if (!fs::exists(path)) return YAML::Node();
  try {
    return YAML::Load(read_file(path));
  } catch (const YAML::Exception& error) {
    problems.push_back({name, 1 + std::max(0, error.mark.line), "malformed YAML: " + error.msg});
    return YAML::Node();
  }
}

int line_of(const YAML::Node& node) { return 1 + std::max(0, node.Mark().line); }

void load_topics(const YAML::Node& root, Corpus& corpus, std::vector<Problem>& problems) {
  if (!root.IsDefined() || root.IsNull()) return;
  if (!root.IsMap()) {
    problems.push_back({"topics.yaml", 1, "must map each topic id to its names, e.g. gender: { en: Gender }"});
    return;
  }
  for (const auto& entry : root) {
    Topic topic{entry.first.Scalar(), {}};
    if (!is_valid_slug(topic.id)) {
      problems.push_back({"topics.yaml", line_of(entry.first), "invalid topic id '" + topic.id + "'"});
      continue;
    }
    if (entry.second.IsMap()) {
      for (const auto& name : entry.second) {
        if (name.second.IsScalar()) topic.names[name.first.Scalar()] = name.second.Scalar();
      }
    } else if (entry.second.IsScalar()) {
      topic.names["en"] = entry.second.Scalar();
    }
    corpus.topics.push_back(std::move(topic));
  }
}

void load_synonyms(const YAML::Node& root, Corpus& corpus, std::vector<Problem>& problems) {
  if (!root.IsDefined() || root.IsNull()) return;
  if (!root.IsMap()) {
    problems.push_back({"synonyms.yaml", 1, "must map a term to the words that also find it, e.g. hiv: [aids]"});
    return;
  }
  for (const auto& entry : root) {
    std::vector<std::string> group{entry.first.Scalar()};
    if (entry.second.IsSequence()) {
      for (const auto& item : entry.second) {
        if (item.IsScalar()) group.push_back(item.Scalar());
      }
    } else if (entry.second.IsScalar()) {
      group.push_back(entry.second.Scalar());
    } else {
      problems.push_back({"synonyms.yaml", line_of(entry.second),
                          "'" + group.front() + "' must list its synonyms, e.g. [aids, sida]"});
      continue;
    }
    corpus.synonyms.push_back(std::move(group));
  }
}

// A text in the UI languages: a single string (English) or a map { en: …, fr: …, es: …, pt: … }.
std::map<std::string, std::string> texts_at(const YAML::Node& item, const char* key, int line,
                                            std::vector<Problem>& problems) {
  std::map<std::string, std::string> texts;
  const YAML::Node node = child(item, key);
  if (!node.IsDefined() || node.IsNull()) return texts;
  if (node.IsScalar()) {
    if (!node.Scalar().empty()) texts["en"] = node.Scalar();
    return texts;
  }
  if (!node.IsMap()) {
    problems.push_back({"indicators.yaml", line_of(node), std::string("'") + key + "' must be a text or { en: …, fr: …, es: …, pt: … }"});
    return texts;
  }
  for (const auto& entry : node) {
    const std::string language = entry.first.Scalar();
    if (!is_known_language(language) || !entry.second.IsScalar()) {
      problems.push_back({"indicators.yaml", line_of(entry.first),
                          std::string("'") + key + "' has an unknown language '" + language + "' (en, fr, es or pt)"});
    } else if (!entry.second.Scalar().empty()) {
      texts[language] = entry.second.Scalar();
    }
  }
  if (!texts.empty() && !texts.count("en")) {
    problems.push_back({"indicators.yaml", line, std::string("'") + key + "' needs its English text (en: …)"});
  }
  return texts;
}

// { file: files/… }, { files: [files/…, …] } (counted together), { doc: <work> } or { topic: <id> }.
void read_of(const YAML::Node& item, int line, Indicator& indicator, std::vector<Problem>& problems) {
  const YAML::Node of_node = child(item, "of");
  if (of_node.IsMap() && of_node.size() == 1) {
    const auto of = *of_node.begin();
    indicator.of_kind = of.first.Scalar();
    if (of.second.IsScalar() && indicator.of_kind != "files") {
      indicator.of_values = {of.second.Scalar()};
    } else if (of.second.IsSequence() && indicator.of_kind == "files") {
      for (const auto& value : of.second) {
        if (value.IsScalar()) indicator.of_values.push_back(value.Scalar());
      }
    }
  }
  const bool known_kind = indicator.of_kind == "file" || indicator.of_kind == "files" || indicator.of_kind == "doc" ||
                          indicator.of_kind == "topic";
  if (!known_kind || indicator.of_values.empty()) {
    problems.push_back({"indicators.yaml", line,
                        "'of' must be { file: … }, { files: [ …, … ] }, { doc: … } or { topic: … }"});
  }
}

bool is_valid_month_or_day(const std::string& text) {
  return is_valid_date(text) || (text.size() == 7 && is_valid_date(text + "-01"));
}

void load_indicators(const YAML::Node& root, Corpus& corpus, std::vector<Problem>& problems) {
  if (!root.IsDefined() || root.IsNull()) return;
  if (!root.IsSequence()) {
    problems.push_back({"indicators.yaml", 1, "must be a list of indicators (- id: …)"});
    return;
  }
  for (const auto& item : root) {
    const int line = line_of(item);
    const auto text = [&](const char* key) { return scalar_at(item, key); };
    Indicator indicator;
    indicator.id = text("id");
    indicator.labels = texts_at(item, "label", line, problems);
    indicator.goals = texts_at(item, "goal", line, problems);
    indicator.counts = text("counts");
    indicator.from = text("from");
    indicator.by = text("by");
    indicator.set_by = text("set_by");
    indicator.first_due = text("first_due");
    if (indicator.id.empty()) problems.push_back({"indicators.yaml", line, "an indicator needs an 'id'"});
    if (indicator.counts != "downloads" && indicator.counts != "views") {
      problems.push_back({"indicators.yaml", line, "'counts' must be downloads or views"});
    }
    read_of(item, line, indicator, problems);
    if (!indicator.set_by.empty() && indicator.set_by != "plan" && indicator.set_by != "project") {
      problems.push_back({"indicators.yaml", line, "'set_by' must be plan (the strategic plan's target) or project"});
    }
    if (!indicator.first_due.empty() && (indicator.set_by != "plan" || !is_valid_month_or_day(indicator.first_due))) {
      problems.push_back({"indicators.yaml", line, "'first_due' is a plan target's first deadline: YYYY-MM or YYYY-MM-DD, with set_by: plan"});
    }
    try {
      indicator.target = child(item, "target").as<long long>(0);
    } catch (const YAML::Exception&) {
      indicator.target = 0;
    }
    if (indicator.target <= 0) problems.push_back({"indicators.yaml", line, "'target' must be a positive number"});
    if (!is_valid_date(indicator.from) || !is_valid_date(indicator.by) || indicator.by < indicator.from) {
      problems.push_back({"indicators.yaml", line, "'from' and 'by' must be dates (YYYY-MM-DD), from ≤ by"});
    }
    corpus.indicators.push_back(std::move(indicator));
  }
}

// diagrams/*.svg: any other file there is reported (a diagram is an SVG file, nothing else).
void load_diagrams(const fs::path& root, Corpus& corpus, std::vector<Problem>& problems) {
  const fs::path diagrams = root / "diagrams";
  if (!fs::is_directory(diagrams)) return;
  for (const auto& entry : fs::recursive_directory_iterator(diagrams)) {
    if (!entry.is_regular_file()) continue;
    const std::string relative = fs::relative(entry.path(), root).generic_string();
    if (entry.path().extension() != ".svg") {
      problems.push_back({relative, 1, "only SVG diagrams (.svg) belong in diagrams/"});
    } else {
      corpus.diagrams.emplace(relative, read_file(entry.path()));
    }
  }
}

void load_files(const fs::path& root, Corpus& corpus) {
  const fs::path files = root / "files";
  if (!fs::is_directory(files)) return;
  for (const auto& entry : fs::recursive_directory_iterator(files)) {
    if (entry.is_regular_file()) corpus.files.insert(fs::relative(entry.path(), root).generic_string());
  }
}

// Guides are <lang>/<topic>/<slug>.md; anything else with .md below the root is reported.
void load_documents(const fs::path& root, const Overlay& overlay, Corpus& corpus, std::vector<Problem>& problems) {
  std::vector<std::string> paths;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (it.depth() == 0 && it->is_directory() && (name == "files" || name == "diagrams" || name.front() == '.')) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->path().extension() != ".md") continue;
    const std::string relative = fs::relative(it->path(), root).generic_string();
    if (it.depth() == 2) {
      paths.push_back(relative);
    } else if (it.depth() > 0) {
      problems.push_back({relative, 1, "guides belong in <lang>/<topic>/<slug>.md"});
    }
  }
  for (const auto& [path, text] : overlay) {
    const auto found = std::find(paths.begin(), paths.end(), path);
    if (found == paths.end() && text) paths.push_back(path);
    if (found != paths.end() && !text) paths.erase(found);
  }
  std::sort(paths.begin(), paths.end());
  corpus.documents.reserve(paths.size());
  for (const auto& path : paths) {
    const auto replaced = overlay.find(path);
    const std::string bytes = replaced != overlay.end() ? *replaced->second : read_file(root / path);
    ParsedDocument parsed = parse_document(path, bytes);
    problems.insert(problems.end(), parsed.problems.begin(), parsed.problems.end());
    Document& doc = parsed.document;
    doc.fingerprint = fnv1a64(bytes);
    corpus.file_hashes.emplace(path, doc.fingerprint);
    for (auto& link : markdown::extract_links(doc.body, doc.body_line)) {
      doc.links.push_back({std::move(link.url), link.line, link.image, std::move(link.alt)});
    }
    // Bodies are dropped once their links are extracted, except those over the limit,
    // which validation must still see to report them.
    if (doc.body.size() <= kMaxBodyBytes) std::string().swap(doc.body);
    corpus.documents.push_back(std::move(doc));
  }
}

// A work is a guide and its translations (linked either way): its id is the English
// member's slug, else the slug of the first member in en, fr, es, pt order.
void assign_works(Corpus& corpus) {
  std::vector<std::size_t> parent(corpus.documents.size());
  for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  std::function<std::size_t(std::size_t)> find_root = [&](std::size_t i) {
    return parent[i] == i ? i : parent[i] = find_root(parent[i]);
  };
  std::unordered_map<std::string, std::size_t> index_of;
  for (std::size_t i = 0; i < corpus.documents.size(); ++i) index_of.emplace(corpus.documents[i].id(), i);
  for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
    for (const auto& [language, slug] : corpus.documents[i].translations) {
      if (auto it = index_of.find(language + "/" + slug); it != index_of.end()) {
        parent[find_root(i)] = find_root(it->second);
      }
    }
  }
  std::unordered_map<std::size_t, const Document*> representative;
  const auto rank = [](const std::string& language) {
    return std::find(kLanguages.begin(), kLanguages.end(), language) - kLanguages.begin();
  };
  for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
    const Document*& chosen = representative[find_root(i)];
    if (chosen == nullptr || rank(corpus.documents[i].language) < rank(chosen->language)) {
      chosen = &corpus.documents[i];
    }
  }
  for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
    corpus.documents[i].work = representative[find_root(i)]->slug;
  }
}

// The fingerprint covers the file and everything else that changes its indexed form:
// its work, its topic's names, the translations that exist and where its links lead.
void finish_fingerprints(Corpus& corpus) {
  for (Document& doc : corpus.documents) {
    std::string derived = doc.work + '\n';
    if (const Topic* topic = corpus.find_topic(doc.topic)) {
      for (const auto& [language, name] : topic->names) derived += language + '=' + name + '\n';
    }
    for (const auto& [language, slug] : doc.translations) {
      derived += corpus.find(language, slug) ? language + '/' + slug + '\n' : "";
    }
    for (const auto& link : doc.links) {
      const ResolvedLink resolved = resolve_link(corpus, doc, link.url);
      derived += resolved.href + '\n';
      // An inlined diagram is part of the page: editing it re-indexes the guides showing it.
      if (resolved.kind == ResolvedLink::Kind::Diagram) {
        derived += std::to_string(fnv1a64(corpus.diagrams.at(resolved.href.substr(1)))) + '\n';
      }
    }
    doc.fingerprint = fnv1a64(derived, doc.fingerprint);
  }
}

std::string text_in(const std::map<std::string, std::string>& texts, const std::string& language) {
  for (const std::string& choice : {language, std::string("en")}) {
    if (const auto found = texts.find(choice); found != texts.end()) return found->second;
  }
  return {};
}

std::string language_of(const std::map<std::string, std::string>& texts, const std::string& language) {
  if (texts.count(language)) return language;
  return texts.count("en") ? "en" : "";
}

}  // namespace

std::string Indicator::label(const std::string& language) const { return text_in(labels, language); }
std::string Indicator::goal(const std::string& language) const { return text_in(goals, language); }
std::string Indicator::label_language(const std::string& language) const { return language_of(labels, language); }
std::string Indicator::goal_language(const std::string& language) const { return language_of(goals, language); }

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t seed) {
  std::uint64_t hash = seed;
  for (const unsigned char byte : bytes) {
    hash ^= byte;
    hash *= 1099511628211ULL;
  }
  return hash;
}

const Document* Corpus::find(const std::string& language, const std::string& slug) const {
  const auto it = by_id_.find(language + "/" + slug);
  return it == by_id_.end() ? nullptr : &documents[it->second];
}

const Document* Corpus::find_path(const std::string& path) const {
  const auto it = by_path_.find(path);
  return it == by_path_.end() ? nullptr : &documents[it->second];
}

const Topic* Corpus::find_topic(const std::string& id) const {
  for (const auto& topic : topics) {
    if (topic.id == id) return &topic;
  }
  return nullptr;
}

std::string Corpus::topic_name(const std::string& id, const std::string& language) const {
  const Topic* topic = find_topic(id);
  if (topic == nullptr) return id;
  if (auto it = topic->names.find(language); it != topic->names.end()) return it->second;
  if (auto it = topic->names.find("en"); it != topic->names.end()) return it->second;
  return id;
}

std::string Corpus::read_body(const Document& doc) const {
  const auto hash = file_hashes.find(doc.path);
  if (!doc.body.empty() || hash == file_hashes.end()) return doc.body;
  std::string bytes;
  try {
    bytes = read_file(root / doc.path);
  } catch (const std::runtime_error&) {
    throw std::runtime_error(doc.path + " vanished while being indexed: run the ingest again");
  }
  if (fnv1a64(bytes) != hash->second) {
    throw std::runtime_error(doc.path + " changed while being indexed: run the ingest again");
  }
  return parse_document(doc.path, bytes).document.body;
}

void Corpus::build_lookup() {
  by_id_.clear();
  by_path_.clear();
  for (std::size_t i = 0; i < documents.size(); ++i) {
    by_id_.emplace(documents[i].id(), i);  // the first of duplicate slugs wins, as validation reports
    by_path_.emplace(documents[i].path, i);
  }
}

LoadedCorpus load_corpus(const fs::path& root, const Overlay& overlay) {
  if (!fs::is_directory(root)) throw std::runtime_error("content folder not found: " + root.string());
  LoadedCorpus loaded;
  Corpus& corpus = loaded.corpus;
  corpus.root = root;
  auto& problems = loaded.problems;
  load_topics(load_settings(root, "topics.yaml", problems), corpus, problems);
  load_synonyms(load_settings(root, "synonyms.yaml", problems), corpus, problems);
  load_indicators(load_settings(root, "indicators.yaml", problems), corpus, problems);
  load_files(root, corpus);
  load_diagrams(root, corpus, problems);
  load_documents(root, overlay, corpus, problems);
  corpus.build_lookup();
  assign_works(corpus);
  finish_fingerprints(corpus);
  validate_corpus(corpus, problems);
  sort_problems(problems);
  return loaded;
}

}  // namespace kc::content
