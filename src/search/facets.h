#pragma once
// The facets: the guide fields a search is narrowed by and counted on (DESIGN §3), in the
// order pages show them. Each row is read by everything that knows facets: the indexer
// (terms and the facets slot), the searcher (query syntax, filters, counts), the search
// and guide pages (filters, counts, names), /api/search (its "facets" object), the HTTP
// parameters and kc search's flags. A new facet over a field of content::GuideFields is
// a row here, its filter in SearchRequest, and its UI strings ("facet.<name>", the names
// of its values, and the guide label when it has one). No Xapian here: render/, http/ and
// cli/ read it too. Constant; thread-safe.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "content/document.h"
#include "search/query.h"

namespace kc::search {

struct Facet {
  const char* name;       // in SearchResponse::facets and /api/search's "facets"
  const char* parameter;  // the HTTP parameter (?lang=), kc search's flag (--lang) and the query syntax field (lang:)
  std::string SearchRequest::*filter;
  const std::vector<std::string>* choices;  // the only values a filter may take; nullptr: any
  const char* prefix;                       // its boolean terms' prefix (Omega's conventions, schema.h)
  char letter;                              // its lines in the facets slot (schema::kSlotFacets)
  bool folded;              // terms and filters accent- and case-folded: values staff type freely
  const char* value_names;  // the UI strings' prefix that names a value ("country." → "country.GH");
                            // "" for topics, which topics.yaml names
  const char* guide_label;  // the UI string labelling it in a guide's "About" list; nullptr where the
                            // guide page shows it apart (topic, language)
  const char* help;         // kc search --<parameter>
  // The guide's values: one field or a list.
  std::string content::GuideFields::*one;
  std::vector<std::string> content::GuideFields::*many;
};

inline constexpr Facet kFacets[] = {
    {"topic", "topic", &SearchRequest::topic, nullptr, "XTOPIC", 't', false, "", nullptr, "Only this topic",
     &content::GuideFields::topic, nullptr},
    {"language", "lang", &SearchRequest::language, &content::kLanguages, "L", 'l', false, "lang.", nullptr,
     "Only this language (en, fr, es, pt)", &content::GuideFields::language, nullptr},
    {"country", "country", &SearchRequest::country, nullptr, "XCOUNTRY", 'c', true, "country.", "guide.countries",
     "Only this country (ISO code)", nullptr, &content::GuideFields::countries},
    {"audience", "audience", &SearchRequest::audience, nullptr, "XAUDIENCE", 'a', true, "audience.",
     "guide.audience", "Only this audience", nullptr, &content::GuideFields::audience},
};

// The facet named `name`; throws std::out_of_range for another name.
constexpr const Facet& facet(std::string_view name) {
  for (const Facet& facet : kFacets) {
    if (name == facet.name) return facet;
  }
  throw std::out_of_range("no facet named " + std::string(name));
}

// The values `guide` has for `facet`, in its own order.
inline std::vector<std::string> values_of(const Facet& facet, const content::GuideFields& guide) {
  if (facet.one != nullptr) return {guide.*facet.one};
  return guide.*facet.many;
}

}  // namespace kc::search
