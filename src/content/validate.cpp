#include "content/validate.h"

#include <filesystem>
#include <map>
#include <set>

#include "content/link_resolver.h"

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

void check_links(const Corpus& corpus, const Document& doc, std::vector<Problem>& problems) {
  if (doc.body.size() > kMaxBodyBytes) {
    problems.push_back({doc.path, doc.body_line, "the body is over 1 MiB: split the guide"});
    return;
  }
  for (const auto& link : doc.links) {
    if (resolve_link(corpus, doc, link.url).kind == ResolvedLink::Kind::Broken) {
      problems.push_back({doc.path, link.line, "broken link '" + link.url + "'"});
    }
  }
}

void check_indicators(const Corpus& corpus, std::vector<Problem>& problems) {
  std::set<std::string> works;
  for (const auto& doc : corpus.documents) works.insert(doc.work);
  for (const Indicator& indicator : corpus.indicators) {
    const bool known = (indicator.of_kind == "file" && corpus.files.count(indicator.of_value)) ||
                       (indicator.of_kind == "topic" && corpus.find_topic(indicator.of_value)) ||
                       (indicator.of_kind == "doc" && works.count(indicator.of_value));
    if (!known) {
      problems.push_back({"indicators.yaml", 1, "indicator '" + indicator.id + "' counts an unknown " +
                                                    indicator.of_kind + " '" + indicator.of_value + "'"});
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
}

}  // namespace kc::content
