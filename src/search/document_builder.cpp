#include "search/document_builder.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

#include "content/link_resolver.h"
#include "content/text.h"
#include "content/utf8.h"
#include "markdown/render.h"
#include "search/fold.h"
#include "search/schema.h"
#include "search/stored_document.h"
#include "search/text_codec.h"

namespace kc::search {
namespace {


}  // namespace

const char* stemmer_name(const std::string& language) {
  if (language == "fr") return "french";
  if (language == "es") return "spanish";
  if (language == "pt") return "portuguese";
  return "english";
}

std::string stored_fingerprint(const content::Document& doc) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(content::fnv1a64(schema::kSchemaVersion, doc.fingerprint)));
  return hex;
}

DocumentBuilder::DocumentBuilder() { generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME); }

markdown::RenderedMarkdown render_body(const content::Corpus& corpus, const content::Document& doc,
                                       std::string_view markdown) {
  return markdown::render(
      markdown,
      [&](const std::string& url) {
        const auto link = content::resolve_link(corpus, doc, url);
        return link.kind == content::ResolvedLink::Kind::Broken ? url : link.href;
      },
      [&](const std::string& url) -> const std::string* {
        const auto link = content::resolve_link(corpus, doc, url);
        if (link.kind != content::ResolvedLink::Kind::Diagram) return nullptr;
        return &corpus.diagrams.at(link.href.substr(1));
      });
}

BuiltDocument DocumentBuilder::build(const content::Corpus& corpus, const content::Document& doc) {
  const auto rendered = render_body(corpus, doc, corpus.read_body(doc));

  Xapian::Document indexed;
  generator_.set_document(indexed);
  generator_.set_stemmer(Xapian::Stem(stemmer_name(doc.language)));
  const std::string title = fold(doc.title);
  const std::string summary = fold(doc.summary);
  const std::string tags = fold(content::join(doc.tags, " "));
  const std::string headings = fold(rendered.headings);
  const std::string text = fold(rendered.text);
  generator_.index_text(title, 1, schema::kPrefixTitle);
  generator_.index_text(title, 5);
  generator_.increase_termpos();
  generator_.index_text(summary, 1, schema::kPrefixSummary);
  generator_.index_text(summary, 2);
  generator_.increase_termpos();
  generator_.index_text(tags, 2);
  generator_.increase_termpos();
  generator_.index_text(headings, 2);
  generator_.increase_termpos();
  generator_.index_text(text);
  // "co-op" is indexed as "co" and "op" (a phrase for the query parser) and also as "coop",
  // so that either spelling finds it (the query's hyphens are joined in its other reading).
  std::string compounds;
  for (const std::string* part : {&title, &summary, &tags, &headings, &text}) {
    for (const auto& word : hyphenated_words(*part)) compounds += word + ' ';
  }
  generator_.index_text_without_positions(compounds);
  // The generator holds a reference to the document: drop it before the document
  // crosses to the writer thread (Xapian's reference counts are not atomic).
  generator_.set_document(Xapian::Document());

  indexed.add_boolean_term(schema::kPrefixId + doc.id());
  for (const Facet& facet : kFacets) {
    for (const auto& value : values_of(facet, doc)) {
      indexed.add_boolean_term(facet.prefix + (facet.folded ? fold(value) : value));
    }
  }
  indexed.add_boolean_term(schema::kPrefixWork + doc.work);
  for (const auto& tag : doc.tags) indexed.add_boolean_term(schema::kPrefixTag + fold(tag));
  for (const auto& attachment : doc.attachments) indexed.add_boolean_term(schema::kPrefixFile + attachment.file);

  std::string published = doc.published.value_or("");
  published.erase(std::remove(published.begin(), published.end(), '-'), published.end());
  indexed.add_value(schema::kSlotPublished, published);
  indexed.add_value(schema::kSlotFingerprint, stored_fingerprint(doc));
  indexed.add_value(schema::kSlotId, doc.id());
  std::string facets;
  for (const Facet& facet : kFacets) {
    for (const auto& value : values_of(facet, doc)) facets.append(facets.empty() ? "" : "\n").append(1, facet.letter) += value;
  }
  indexed.add_value(schema::kSlotFacets, facets);

  indexed.set_data(pack_text(nlohmann::json(stored_document(doc)).dump() + schema::kDataSeparator +
                             content::truncate_utf8(rendered.text, schema::kSnippetTextBytes)));
  count_spelling(indexed);
  // Packed here, on a builder thread: Xapian then stores it as it is instead of deflating
  // it on the single writer thread (and inflating it for every guide page).
  return {std::move(indexed), pack_text(rendered.html)};
}

// TermGenerator would add spelling data as it indexes, but that needs the database on
// this thread; prefixed terms (an upper-case first letter, stems included) are not words.
void DocumentBuilder::count_spelling(const Xapian::Document& document) {
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
    const std::string& word = *term;
    if (!word.empty() && !(word[0] >= 'A' && word[0] <= 'Z')) spelling_[word] += term.get_wdf();
  }
}

}  // namespace kc::search
