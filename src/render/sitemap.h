#pragma once
// /sitemap.xml (sitemaps.org 0.9): every guide's address under `base_url`, its date, and
// its translations as hreflang alternates (a guide's variant, pt-BR, when it names one).
// Pure; thread-safe.
#include <string>
#include <vector>

#include "search/query.h"

namespace kc::render {

// `documents` sorted as they should be listed; `base_url` without a trailing "/".
std::string sitemap_xml(const std::string& base_url, const std::vector<search::StoredDocument>& documents);

}  // namespace kc::render
