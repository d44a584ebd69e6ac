#include "search/guide_preview.h"

#include <algorithm>

#include "search/document_builder.h"
#include "search/stored_document.h"

namespace kc::search {

GuidePreview preview_guide(const std::filesystem::path& content_dir, const content::GuideOverride& guide) {
  content::LoadedCorpus loaded = content::load_corpus(content_dir, guide);
  GuidePreview preview;
  for (auto& problem : loaded.problems) {
    if (problem.path == guide.path) preview.problems.push_back(std::move(problem));
  }
  const content::Corpus& corpus = loaded.corpus;
  preview.choices = guide_choices(corpus);
  const content::Document* doc = corpus.find_path(guide.path);
  if (doc == nullptr) return preview;
  StoredDocument stored = stored_document(*doc);
  stored.html = render_body(corpus, *doc).html;
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
