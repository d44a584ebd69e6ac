#include "render/sitemap.h"

#include <map>

#include "content/document.h"
#include "render/alternates.h"
#include "search/highlighter.h"

namespace kc::render {

std::string sitemap_xml(const std::string& origin, const std::vector<search::StoredDocument>& documents) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
  // hreflang is the guide's variant (pt-BR) when it names one (validated: letters and "-").
  std::map<std::string, std::string> tags;
  for (const auto& doc : documents) tags[doc.id] = content::lang_tag(doc.language, doc.variant);
  for (const auto& doc : documents) {
    xml += "<url><loc>" + search::escape_html(origin + Link(doc.url).str()) + "</loc>";
    if (doc.published) xml += "<lastmod>" + *doc.published + "</lastmod>";
    // The same set as the guide page's head: only the versions that exist.
    std::vector<GuideVersion> versions = {{doc.language, tags[doc.id], doc.slug}};
    for (const auto& [language, slug] : doc.translations) {
      const auto found = tags.find(language + "/" + slug);
      if (language != doc.language && found != tags.end()) versions.push_back({language, found->second, slug});
    }
    for (const auto& alternate : guide_alternates(origin, versions)) {
      xml += "<xhtml:link rel=\"alternate\" hreflang=\"" + alternate.hreflang + "\" href=\"" +
             search::escape_html(alternate.url) + "\"/>";
    }
    xml += "</url>\n";
  }
  xml += "</urlset>\n";
  return xml;
}

}  // namespace kc::render
