#pragma once
// The content model: what staff write in content/ (DESIGN §2), as plain value types.
// A Document is one guide (one language); guides linked by `translations:` form a work,
// whose id is the slug of the English version (or the guide's own slug without one).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kc::content {

inline const std::vector<std::string> kLanguages = {"en", "fr", "es", "pt"};

struct Attachment {
  std::string file;   // relative to the content root, always "files/…"
  std::string title;  // shown as the link text; defaults to the file name
};

// A guide's own fields: what its front matter says and the work the corpus finds for it.
// They are stored in the index as they are (search::StoredDocument derives from this, and
// search/stored_document.cpp is their one stored form), so a new front-matter field is a
// member here, read in front_matter.cpp, and a row in stored_document.cpp.
struct GuideFields {
  std::string slug;
  std::string language;
  std::string topic;
  std::string variant;  // the regional variant, a BCP 47 tag (pt-BR, pt-MZ…); "" when not given
  std::string title;
  std::string summary;
  std::map<std::string, std::string> translations;  // language → slug
  std::vector<std::string> countries;
  std::vector<std::string> audience;
  std::vector<std::string> tags;
  std::vector<std::string> sources;
  std::optional<std::string> published;  // YYYY-MM-DD; a later day keeps it off the public site until then
  // Staff-only fields, never shown to the public (so not stored in the index either):
  bool draft = false;                    // `draft: true`: never public, never indexed
  std::optional<std::string> review_by;  // YYYY-MM-DD: the dashboard lists it once past
  std::vector<Attachment> attachments;
  std::string work;  // set by the corpus once all translations are known
};

struct Document : GuideFields {
  std::string path;  // relative to the content root, e.g. "en/gender/women-value-chain.md"
  struct Link {
    std::string url;
    int line = 1;
    bool image = false;  // ![alt](url)
    std::string alt;     // an image's alternative text
  };
  std::string body;   // the Markdown after the front matter
  std::vector<Link> links;  // every link and image target in the body, with its file line
  int body_line = 1;  // file line of the body's first line, to report link problems

  std::uint64_t fingerprint = 0;  // set by the corpus: changes when anything indexed changes

  std::string id() const { return language + "/" + slug; }
  std::string url() const { return "/docs/" + language + "/" + slug; }
};

bool is_known_language(const std::string& language);
bool is_valid_slug(const std::string& slug);
bool is_valid_date(const std::string& date);  // YYYY-MM-DD, a real calendar day
// The tag for lang and hreflang attributes: the variant (pt-BR) when given, else the language.
inline std::string lang_tag(const std::string& language, const std::string& variant) {
  return variant.empty() ? language : variant;
}
// The variants a guide in `language` may declare: Portuguese only, by country (pt-BR,
// pt-PT, pt-MZ, pt-AO, pt-CV, pt-GW, pt-ST, pt-TL); empty for the other languages.
const std::vector<std::string>& known_variants(const std::string& language);

}  // namespace kc::content
