#pragma once
// The hreflang alternates of a page, as search engines read them: absolute URLs (relative
// ones are ignored), one per language version including the page itself, and x-default;
// every version lists the same set, so the links are reciprocal. Used by the page head
// and by sitemap.xml, which must agree. Pure; thread-safe.
#include <string>
#include <vector>

#include "render/link.h"

namespace kc::render {

struct Alternate {
  std::string hreflang;  // "fr", "pt-BR" or "x-default"
  std::string url;       // absolute, percent-encoded, not HTML-escaped
};

struct GuideVersion {
  std::string language;  // en, fr, es or pt
  std::string tag;       // its lang tag: the variant (pt-BR) when it names one, else the language
  std::string slug;
};

// Every version of one guide at /docs/{language}/{slug}, in the site's language order
// (en, fr, es, pt), then x-default: the English version when there is one, else the first.
// Empty when there is only one version: a page with no translation has no alternates.
std::vector<Alternate> guide_alternates(const std::string& origin, std::vector<GuideVersion> versions);

// A page whose text follows the UI language (home, topics, indicators, privacy): one
// alternate per UI language, `self` with ?ui={code}, and x-default `self` itself, which
// chooses by Accept-Language.
std::vector<Alternate> ui_alternates(const std::string& origin, const Link& self);

}  // namespace kc::render
