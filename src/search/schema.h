#pragma once
// The Xapian schema: every term prefix and value slot, in one place, following Omega's
// conventions (xapian-omega/docs/termprefixes.rst). Bump kSchemaVersion whenever what is
// indexed changes, so that the next ingest re-indexes every document.
#include <string>

#include <xapian.h>

#include "search/facets.h"

namespace kc::search::schema {

inline constexpr const char* kSchemaVersion = "kc-index-9";

// Boolean terms (filters). Values are stored lower-case.
inline const std::string kPrefixId = "Q";          // Q<lang>/<slug>, the unique id term
inline const std::string kPrefixTitle = "S";       // title words (probabilistic)
inline const std::string kPrefixSummary = "XSUM";  // summary words (probabilistic; no user syntax)
// Each facet's prefix is in its row of kFacets (facets.h); these two are used apart too.
inline const std::string kPrefixLang = facet("language").prefix;  // Len
inline const std::string kPrefixTopic = facet("topic").prefix;    // XTOPICbest-practice
inline const std::string kPrefixTag = "XTAG";
inline const std::string kPrefixWork = "XWORK";    // the work: a guide and its translations
inline const std::string kPrefixFile = "XFILE";    // XFILEfiles/<path>: an attachment of the guide

// Value slots.
inline constexpr Xapian::valueno kSlotPublished = 0;    // YYYYMMDD, sortable; "" when unknown
inline constexpr Xapian::valueno kSlotFingerprint = 1;  // hex; unchanged files are skipped
inline constexpr Xapian::valueno kSlotId = 2;           // <lang>/<slug>
// Every facet value of the document in one slot, so counting reads one value per match:
// lines "<facet letter><value>", in kFacets' order (the letters are in facets.h).
inline constexpr Xapian::valueno kSlotFacets = 3;

// Index metadata keys: settings that searching needs, so a revision is self-contained.
inline const std::string kMetaSynonyms = "kc:synonyms";  // JSON array of groups
inline const std::string kMetaTopics = "kc:topics";      // JSON array of {id, names}
inline const std::string kMetaIndicators = "kc:indicators";  // JSON array of indicators.yaml entries
inline const std::string kMetaStopWords = "kc:stopwords";    // JSON object: language → folded words

// Document data: one zstd frame (text_codec.h) of a JSON object of metadata, then
// kDataSeparator, the start of the plain text (for snippets, at most kSnippetTextBytes).
// Every result reads it, so the rendered HTML body, which only the guide page needs, is
// kept apart in the index metadata under kMetaHtmlPrefix + id (packed the same way).
// 6 KB (about 900 words) holds a whole guide of the kind we publish; on the 8009 long
// MDN pages it cut the search p50 from 1.4–1.6 ms to 1.0 ms against 16 KB.
inline constexpr char kDataSeparator = '\x1e';
inline constexpr std::size_t kSnippetTextBytes = 6 * 1024;
inline const std::string kMetaHtmlPrefix = "html:";

}  // namespace kc::search::schema
