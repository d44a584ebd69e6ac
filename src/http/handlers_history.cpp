// A guide's history (/staff/history/{lang}/{slug}), issue 14: GET lists its versions and,
// with ?version=<commit>, the diff from that version to the current one; POST restores a
// version through the GuideStore (a new save, committed with the staff name), with the
// revision the page was shown at as If-Match, so a save made meanwhile is not lost.
// routes.cpp has checked the session and the CSRF token.
#include <algorithm>

#include "content/corpus.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/representation.h"
#include "render/staff_work_pages.h"
#include "staff/guide_store.h"
#include "staff/history.h"

namespace kc::http {
namespace {

constexpr const char* kPrefix = "/staff/history/";

bool is_commit_id(const std::string& text) {
  return text.size() == 40 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// The page for the guide as it is now, comparing `compared` when given.
render::HistoryView history_view(Context& context, const std::string& language, const std::string& slug,
                                 const std::string& compared) {
  staff::GuideStore& guides = context.site.guides;
  render::HistoryView view;
  view.language = language;
  view.slug = slug;
  view.versions = guides.history().versions(language, slug);
  if (const auto file = guides.read(language, slug)) {
    view.revision = file->revision;
    const content::LoadedCorpus loaded = content::load_corpus(context.site.options.content_dir);
    if (const content::Document* doc = loaded.corpus.find(language, slug)) view.title = doc->title;
  }
  if (view.versions.empty() && view.revision.empty()) throw HttpError(404, "this guide has no history");
  const bool known = std::any_of(view.versions.begin(), view.versions.end(),
                                 [&](const staff::Version& version) { return version.commit == compared; });
  if (!compared.empty() && !known) throw HttpError(404, "no such version of this guide");
  if (!compared.empty()) {
    view.compared = compared;
    view.diff = guides.history().diff(language, slug, compared, view.versions.front().commit);
  }
  return view;
}

Response page(const Request& request, Context& context, const render::HistoryView& view, int status = 200) {
  Response response = html(render::staff_history(context.site.pages, page_context(request),
                                                  {request.session->staff, request.session->csrf}, view));
  response.status = status;
  return response;
}

}  // namespace

Response staff_history(const Request& request, Context& context) {
  const auto [language, slug] = guide_address(request.path, kPrefix);
  if (request.method != "POST") {
    const std::string version = request.param("version");
    if (!version.empty() && !is_commit_id(version)) throw HttpError(400, "'version' must be a commit id");
    return page(request, context, history_view(context, language, slug, version));
  }
  const std::string version = request.field("version");
  if (!is_commit_id(version)) throw HttpError(400, "'version' must be a commit id");
  staff::SaveRequest restore{language, slug, "", std::nullopt, request.session->staff, ""};
  if (!request.field("revision").empty()) restore.if_match = std::vector{request.field("revision")};
  const staff::SaveResult result = context.site.guides.restore(restore, version);
  render::HistoryView view = history_view(context, language, slug, "");
  switch (result.outcome) {
    case staff::SaveOutcome::Created:
    case staff::SaveOutcome::Replaced:
      for (const staff::Version& old : view.versions) {
        if (old.commit == version) view.restored_time = old.time;
      }
      context.site.cache.clear();  // the guide's page changed with the index revision; lists too
      return page(request, context, view);
    case staff::SaveOutcome::NotFound: throw HttpError(404, "no such version of this guide");
    case staff::SaveOutcome::Conflict:
      view.problem = context.site.pages.text(page_context(request).ui_language, "staff.hist.conflict");
      return page(request, context, view, 409);
    case staff::SaveOutcome::PreconditionRequired:
    case staff::SaveOutcome::Invalid:
      break;
  }
  view.problem = context.site.pages.text(page_context(request).ui_language, "staff.hist.invalid");
  for (const content::Problem& problem : result.problems) view.problem += " " + content::to_string(problem);
  return page(request, context, view, 422);
}

}  // namespace kc::http
