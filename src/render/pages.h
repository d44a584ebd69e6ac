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
#include "staff/dashboard.h"
#include "stats/indicators.h"

namespace kc::render {

inline const std::vector<std::string> kUiLanguages = {"en", "fr", "es", "pt"};

// What every page needs to know about the request.
struct PageContext {
  std::string ui_language = "en";  // one of kUiLanguages
  std::string path;                // the request path, e.g. "/search"
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

// The staff upload form, and what became of the last upload (issue 14).
struct UploadView {
  std::string action;       // where the form posts (the upload listener, http/options.h)
  std::string csrf;         // the form's CSRF token
  std::string name;         // the fields as sent, kept on a refusal
  std::string guide;        // "<lang>/<slug>" or ""
  std::uint64_t max_bytes = 0;
  // "" (the empty form), or the outcome of a post: "done", "bad_name", "not_pdf",
  // "too_large", "confirm", "no_file", "bad_guide" (each a staff.upload.* string).
  std::string outcome;
  std::string file;         // "files/<name>.pdf"
  std::uint64_t bytes = 0;  // written
  std::vector<std::string> used_by;  // guide ids using `file` (for "confirm")
};

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
  std::string error(const PageContext& context, int status) const;
  // Staff pages (issue 14): the dashboard and the PDF upload form.
  std::string staff_dashboard(const PageContext& context, const staff::Dashboard& dashboard) const;
  std::string staff_upload(const PageContext& context, const UploadView& view) const;  // 400, 405, 500…: a short generic page

  // A UI string in one language (falls back to English, then to the key).
  std::string text(const std::string& language, const std::string& key) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kc::render
