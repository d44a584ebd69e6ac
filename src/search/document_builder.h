#pragma once
// Turns a content::Document into the Xapian::Document the index stores: folded text
// under the document language's stemmer, filter terms, facet and sort values, and the
// data the pages need (metadata, plain text for snippets; the rendered HTML). Internal to
// search/. Not thread-safe: use one DocumentBuilder per thread.
#include <string>
#include <unordered_map>

#include <xapian.h>

#include "content/corpus.h"
#include "markdown/render.h"

namespace kc::search {

// Xapian's stemmer name for one of our languages ("english" for "en").
const char* stemmer_name(const std::string& language);

// A guide's body (`markdown`, the text after its front matter) rendered as the index
// stores it: links resolved in `corpus`, diagrams inlined. The staff preview
// (guide_preview.h) shows the same.
markdown::RenderedMarkdown render_body(const content::Corpus& corpus, const content::Document& doc,
                                       std::string_view markdown);

// Fingerprint as stored in the index: the content's, mixed with the schema version.
std::string stored_fingerprint(const content::Document& doc);

struct BuiltDocument {
  Xapian::Document document;
  std::string html;  // the rendered body, packed (text_codec.h), stored apart (schema.h)
};

// Spelling dictionary words (unprefixed terms) → summed wdf, as add_spelling() takes them.
using SpellingCounts = std::unordered_map<std::string, Xapian::termcount>;

class DocumentBuilder {
 public:
  DocumentBuilder();
  // The returned document shares nothing with this builder (safe to hand to another thread).
  // Its words are also added to spelling().
  BuiltDocument build(const content::Corpus& corpus, const content::Document& doc);

  // The words of every document built so far; grows with the vocabulary, not the corpus.
  SpellingCounts& spelling() { return spelling_; }

 private:
  void count_spelling(const Xapian::Document& document);

  Xapian::TermGenerator generator_;
  SpellingCounts spelling_;
};

}  // namespace kc::search
