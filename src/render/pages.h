#pragma once
// HTML pages (DESIGN §4), expanded from the ctemplate templates in web/templates/ with
// auto-escaping (the only module that includes ctemplate), in the UI language's strings
// from web/i18n/<lang>.json. No JavaScript; CSS inline; every page ≤ 14 KB gzipped
// apart from a guide's own body. Only two variables are emitted unescaped: a guide's body
// (safe HTML from markdown/) and search snippets (escaped by search/, with <mark>).
//
// Thread safety: a Pages object is immutable after construction; every method may be
// called from any thread. The constructor throws std::runtime_error naming the file
// when a template or strings file is missing or invalid.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "search/query.h"
#include "stats/indicators.h"

namespace kc::render {

inline const std::vector<std::string> kUiLanguages = {"en", "fr", "es", "pt"};

// What every page needs to know about the request.
struct PageContext {
  std::string ui_language = "en";  // one of kUiLanguages
  std::string path;                // the request path, e.g. "/search"
  std::string origin = "http://localhost";  // scheme and authority for absolute links (hreflang)
  std::string ui_override;         // the ?ui= value when given, kept on the page's links
};

struct AttachmentView {
  std::string url;    // "/files/…", a path not yet percent-encoded (pages encode it)
  std::string title;
  std::uint64_t bytes = 0;  // size on disk, shown with the estimated 2G download time
};

struct GuideView {
  search::StoredDocument document;
  std::vector<AttachmentView> attachments;
  std::map<std::string, std::string> translation_titles;  // language → title, for existing translations
  std::map<std::string, std::string> translation_tags;    // language → its lang tag (pt-BR…), when known
  std::vector<search::ResultItem> related;
  std::string topic_name;
};

struct Engine;  // page_frame.h, internal to render/

class Pages {
 public:
  explicit Pages(const std::filesystem::path& web_dir);
  ~Pages();

  std::string home(const PageContext& context, const search::IndexInfo& index,
                   const std::vector<search::ResultItem>& latest) const;
  std::string topic(const PageContext& context, const search::TopicInfo& topic, const search::SearchRequest& request,
                    const search::SearchResponse& guides) const;
  std::string guide(const PageContext& context, const GuideView& guide) const;
  std::string search(const PageContext& context, const search::SearchRequest& request,
                     const search::SearchResponse& response, const search::IndexInfo& index) const;
  std::string indicators(const PageContext& context, const std::vector<stats::IndicatorProgress>& progress,
                         const std::string& today) const;
  std::string privacy(const PageContext& context) const;
  std::string not_found(const PageContext& context) const;
  // The same, with links to the topics of the index (prefer this one when it is at hand).
  std::string not_found(const PageContext& context, const search::IndexInfo& index) const;
  std::string error(const PageContext& context, int status) const;  // 400, 405, 500…: a short generic page

  // A UI string in one language (falls back to English, then to the key).
  std::string text(const std::string& language, const std::string& key) const;

  // The templates and strings, for the other page modules of render/ (staff_pages.h).
  const Engine& engine() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kc::render
