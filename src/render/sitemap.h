#pragma once
// /sitemap.xml (sitemaps.org 0.9): every guide's absolute address under `origin`, its
// date, and the same hreflang alternates as its page (render/alternates.h).
// Pure; thread-safe.
#include <string>
#include <vector>

#include "search/query.h"

namespace kc::render {

// `documents` sorted as they should be listed; `origin` like "https://kc.example.org".
std::string sitemap_xml(const std::string& origin, const std::vector<search::StoredDocument>& documents);

}  // namespace kc::render
