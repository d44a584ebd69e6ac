#include "content/validate.h"

#include <filesystem>
#include <map>
#include <set>

#include "content/link_resolver.h"
#include "markdown/svg.h"

namespace kc::content {
namespace {

void check_placement(const Document& doc, std::vector<Problem>& problems) {
  const std::filesystem::path path(doc.path);
  const std::string folder_language = path.begin()->string();
  const std::string folder_topic = std::next(path.begin())->string();
  if (!doc.language.empty() && doc.language != folder_language) {
    problems.push_back({doc.path, 1, "language '" + doc.language + "' does not match the folder '" +
                                         folder_language + "/'"});
  }
  if (!doc.topic.empty() && doc.topic != folder_topic) {
    problems.push_back({doc.path, 1, "topic '" + doc.topic + "' does not match the folder '" +
                                         folder_language + "/" + folder_topic + "/'"});
  }
}

bool is_blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

bool looks_like_diagram(const std::string& url) {
  const std::string path = url.substr(0, url.find_first_of("?#"));
  return path.find("diagrams/") != std::string::npos && path.size() > 4 && path.substr(path.size() - 4) == ".svg";
}

// "diagrams/retort.fr.svg" → "fr"; "" when the name carries no known language.
std::string diagram_language(const std::string& path) {
  const std::string stem = std::filesystem::path(path).stem().string();
  const auto dot = stem.rfind('.');
  const std::string language = dot == std::string::npos ? "" : stem.substr(dot + 1);
  return is_known_language(language) ? language : "";
}

void check_links(const Corpus& corpus, const Document& doc, std::vector<Problem>& problems) {
  if (doc.body.size() > kMaxBodyBytes) {
    problems.push_back({doc.path, doc.body_line, "the body is over 1 MiB: split the guide"});
    return;
  }
  for (const auto& link : doc.links) {
    const ResolvedLink resolved = resolve_link(corpus, doc, link.url);
    if (link.image && is_blank(link.alt)) {
      problems.push_back({doc.path, link.line, "image '" + link.url + "' needs alternative text: ![what it shows](…)"});
    }
    if (resolved.kind == ResolvedLink::Kind::Broken) {
      problems.push_back({doc.path, link.line, looks_like_diagram(link.url)
                                                   ? "missing diagram '" + link.url + "' (no such file under diagrams/)"
                                                   : "broken link '" + link.url + "'"});
    } else if (resolved.kind == ResolvedLink::Kind::Diagram) {
      if (!link.image) {
        problems.push_back({doc.path, link.line, "diagram '" + link.url + "' is shown with image syntax: ![what it shows](" +
                                                     link.url + ")"});
      }
      const std::string language = diagram_language(resolved.href);
      if (!language.empty() && !doc.language.empty() && language != doc.language) {
        problems.push_back({doc.path, link.line, "diagram '" + link.url + "' has " + language +
                                                     " labels but the guide is in " + doc.language + ": show its ." +
                                                     doc.language + ".svg version"});
      }
    }
  }
}

// Every diagram must parse and keep to the sanitiser's allow-list, reported at its own lines.
void check_diagrams(const Corpus& corpus, std::vector<Problem>& problems) {
  for (const auto& [path, text] : corpus.diagrams) {
    for (const auto& problem : markdown::sanitise_svg(text).problems) {
      problems.push_back({path, problem.line, problem.message});
    }
  }
}

void check_indicators(const Corpus& corpus, std::vector<Problem>& problems) {
  std::set<std::string> works;
  for (const auto& doc : corpus.documents) works.insert(doc.work);
  for (const Indicator& indicator : corpus.indicators) {
    const bool files = indicator.of_kind == "file" || indicator.of_kind == "files";
    for (const std::string& value : indicator.of_values) {
      const bool known = (files && corpus.files.count(value)) || (indicator.of_kind == "topic" && corpus.find_topic(value)) ||
                         (indicator.of_kind == "doc" && works.count(value));
      if (!known) {
        problems.push_back({"indicators.yaml", 1, "indicator '" + indicator.id + "' counts an unknown " +
                                                      (files ? std::string("file") : indicator.of_kind) + " '" + value + "'"});
      }
    }
  }
}

}  // namespace

void validate_corpus(const Corpus& corpus, std::vector<Problem>& problems) {
  std::map<std::string, const Document*> first_with_id;
  for (const Document& doc : corpus.documents) {
    check_placement(doc, problems);
    if (!doc.topic.empty() && corpus.find_topic(doc.topic) == nullptr) {
      problems.push_back({doc.path, 1, "unknown topic '" + doc.topic + "' (not in topics.yaml)"});
    }
    if (auto [it, inserted] = first_with_id.emplace(doc.id(), &doc); !inserted) {
      problems.push_back({doc.path, 1, "duplicate slug '" + doc.slug + "' in language '" + doc.language +
                                           "' (already used by " + it->second->path + ")"});
    }
    for (const auto& [language, slug] : doc.translations) {
      if (language == doc.language) {
        problems.push_back({doc.path, 1, "a guide cannot be its own translation ('" + language + "')"});
      } else if (corpus.find(language, slug) == nullptr) {
        problems.push_back({doc.path, 1, "unknown translation target '" + language + "/" + slug + "'"});
      }
    }
    for (const Attachment& attachment : doc.attachments) {
      if (!corpus.files.count(attachment.file)) {
        problems.push_back({doc.path, 1, "missing attachment '" + attachment.file + "' (not under files/)"});
      }
    }
    check_links(corpus, doc, problems);
  }
  check_indicators(corpus, problems);
  check_diagrams(corpus, problems);
}

}  // namespace kc::content
