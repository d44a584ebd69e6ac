#include "search/guide_preview.h"

#include <algorithm>

#include "content/front_matter.h"
#include "search/document_builder.h"
#include "search/stored_document.h"

namespace kc::search {

GuidePreview preview_guide(const std::filesystem::path& content_dir, const std::string& path, const std::string& text,
                           const std::string& old_path) {
  content::Overlay overlay{{path, text}};
  if (!old_path.empty() && old_path != path) overlay[old_path] = std::nullopt;
  content::LoadedCorpus loaded = content::load_corpus(content_dir, overlay);
  GuidePreview preview;
  for (auto& problem : loaded.problems) {
    if (problem.path == path) preview.problems.push_back(std::move(problem));
  }
  const content::Corpus& corpus = loaded.corpus;
  preview.choices = guide_choices(corpus);
  const content::Document* doc = corpus.find_path(path);
  if (doc == nullptr) return preview;
  StoredDocument stored = stored_document(*doc);
  // The corpus keeps no bodies (and this one is not on disk): render the text given.
  stored.html = render_body(corpus, *doc, content::parse_document(path, text).document.body).html;
  for (const auto& [language, slug] : doc->translations) {
    if (const content::Document* other = corpus.find(language, slug)) {
      preview.translation_titles[language] = other->title;
      preview.translation_tags[language] = other->variant;
    }
  }
  if (const content::Topic* topic = corpus.find_topic(doc->topic)) preview.topic_names = topic->names;
  preview.document = std::move(stored);
  return preview;
}

GuideChoices guide_choices(const content::Corpus& corpus) {
  GuideChoices choices;
  choices.topics = corpus.topics;
  for (const auto& doc : corpus.documents) {
    if (doc.language == "en") choices.originals.emplace_back(doc.slug, doc.title);
  }
  std::sort(choices.originals.begin(), choices.originals.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  return choices;
}

}  // namespace kc::search
