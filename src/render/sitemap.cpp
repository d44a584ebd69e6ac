#include "render/sitemap.h"

#include <map>

#include "content/document.h"
#include "search/highlighter.h"

namespace kc::render {

std::string sitemap_xml(const std::string& base_url, const std::vector<search::StoredDocument>& documents) {
  const std::string base = search::escape_html(base_url);
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
  // hreflang is the guide's variant (pt-BR) when it names one (validated: letters and "-").
  std::map<std::string, std::string> tags;
  for (const auto& doc : documents) tags[doc.id] = content::lang_tag(doc.language, doc.variant);
  const auto tag_of = [&tags](const std::string& language, const std::string& slug) {
    const auto found = tags.find(language + "/" + slug);
    return found == tags.end() ? language : found->second;
  };
  for (const auto& doc : documents) {
    xml += "<url><loc>" + base + search::escape_html(doc.url) + "</loc>";
    if (doc.published) xml += "<lastmod>" + *doc.published + "</lastmod>";
    if (!doc.translations.empty()) {
      xml += "<xhtml:link rel=\"alternate\" hreflang=\"" + tags[doc.id] + "\" href=\"" + base + search::escape_html(doc.url) + "\"/>";
    }
    for (const auto& [language, slug] : doc.translations) {
      xml += "<xhtml:link rel=\"alternate\" hreflang=\"" + tag_of(language, slug) + "\" href=\"" + base + "/docs/" + language +
             "/" + search::escape_html(slug) + "\"/>";
    }
    xml += "</url>\n";
  }
  xml += "</urlset>\n";
  return xml;
}

}  // namespace kc::render
