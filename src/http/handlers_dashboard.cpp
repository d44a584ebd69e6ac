// The staff dashboard (/staff) and the PDF upload (/staff/upload), issue 14. routes.cpp
// has checked the session and, for a POST, the form's CSRF token (server.cpp reads the
// fields of a multipart form like any other form's). Each handler reads the request,
// calls staff/ and hands the result to render/; the statuses are chosen here.
#include <filesystem>

#include "content/corpus.h"
#include "content/guide_form.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/representation.h"
#include "render/staff_work_pages.h"
#include "staff/dashboard.h"
#include "staff/guide_store.h"
#include "staff/history.h"
#include "staff/uploads.h"
#include "stats/calendar.h"

namespace kc::http {
namespace {

render::StaffFrame frame_of(const Request& request) { return {request.session->staff, request.session->csrf}; }

std::string today(const Context& context) {
  return stats::format_day(stats::day_of_millis(stats::to_millis(context.site.options.clock())));
}

// The Git history of a guide file, for the dashboard's stale translations: a guide's
// versions are found by language and slug (history.h), so they follow a topic change.
staff::FileHistory git_history(Context& context) {
  return [changes = context.site.guides.history().changes()](const std::string& path) {
    const std::filesystem::path file(path);
    std::vector<staff::FileVersion> versions;
    const auto found = changes->find(file.begin()->string() + "/" + file.stem().string());
    if (found == changes->end()) return versions;
    for (const auto& change : found->second) versions.push_back({change.commit, change.order});
    return versions;
  };
}

content::Corpus load_content(const Context& context) {
  // Problems in the tree do not stop the staff from seeing (and fixing) it: the
  // dashboard lists broken links itself.
  return content::load_corpus(context.site.options.content_dir).corpus;
}

// Where the upload form posts: the configured address, else this host on the upload
// listener's port (the browser sends the session cookie there too: cookies do not
// depend on the port, and SameSite compares sites, not ports).
std::string upload_action(const Request& request, const Context& context) {
  if (!context.site.options.upload_url.empty()) return context.site.options.upload_url;
  std::string host = request.header("host");
  if (host.empty()) host = context.site.options.host;
  host = host.front() == '[' ? host.substr(0, host.find(']') + 1) : host.substr(0, host.find(':'));
  return std::string(request.https ? "https://" : "http://") + host + ":" +
         std::to_string(context.site.upload_port.load()) + "/staff/upload";
}

const char* outcome_name(staff::UploadOutcome outcome) {
  switch (outcome) {
    case staff::UploadOutcome::Written:
    case staff::UploadOutcome::Replaced: return "done";
    case staff::UploadOutcome::BadName: return "bad_name";
    case staff::UploadOutcome::NotPdf: return "not_pdf";
    case staff::UploadOutcome::TooLarge: return "too_large";
    case staff::UploadOutcome::NeedsConfirm: return "confirm";
  }
  return "bad_name";
}

int outcome_status(staff::UploadOutcome outcome) {
  switch (outcome) {
    case staff::UploadOutcome::Written: return 201;
    case staff::UploadOutcome::Replaced: return 200;
    case staff::UploadOutcome::BadName:
    case staff::UploadOutcome::NotPdf: return 422;
    case staff::UploadOutcome::TooLarge: return 413;
    case staff::UploadOutcome::NeedsConfirm: return 409;
  }
  return 422;
}

Response upload_page(const Request& request, Context& context, render::UploadView view, int status) {
  view.max_bytes = context.site.options.max_upload_bytes;
  Response response = html(render::staff_upload(context.site.pages, page_context(request), frame_of(request), view));
  response.status = status;
  return response;
}

// True when `guide` is "<lang>/<slug>" of an existing guide.
bool names_a_guide(const content::Corpus& corpus, const std::string& guide) {
  const auto slash = guide.find('/');
  return slash != std::string::npos && corpus.find(guide.substr(0, slash), guide.substr(slash + 1)) != nullptr;
}

// A stored upload joins the history (author: the staff member), and the guide it was sent
// for lists it under `attachments:` (a save of that guide, so a commit of its own too).
void record_upload(const Request& request, Context& context, render::UploadView& view) {
  staff::GuideStore& guides = context.site.guides;
  const std::string& staff = request.session->staff;
  guides.history().commit({view.file}, staff, "Upload " + view.file);
  if (view.guide.empty()) return;
  const std::string language = view.guide.substr(0, view.guide.find('/'));
  const std::string slug = view.guide.substr(language.size() + 1);
  const auto guide = guides.read(language, slug);
  const std::string title = view.title.empty() ? view.file.substr(view.file.rfind('/') + 1) : view.title;
  const auto text = guide ? content::with_attachment(language, slug, guide->text, view.file, title) : std::nullopt;
  view.attached = text && *text == guide->text;
  if (!text || view.attached) return;
  const staff::SaveRequest save{language, slug, *text, std::vector{guide->revision}, staff,
                                "Attach " + view.file + " to " + view.guide};
  const staff::SaveOutcome outcome = guides.save(save).outcome;
  view.attached = outcome == staff::SaveOutcome::Replaced;
}

}  // namespace

Response staff_dashboard(const Request& request, Context& context) {
  context.site.log.flush();  // count everything answered before this page
  const content::Corpus corpus = load_content(context);
  const staff::DashboardInputs inputs{&corpus, context.site.options.log.data_dir, today(context), git_history(context)};
  render::DashboardView view;
  view.only_todo = request.param("works") == "todo";
  if (request.has_param("page")) view.page = parse_int(request.param("page"), "page", 1, 1000000);
  return html(render::staff_dashboard(context.site.pages, page_context(request), frame_of(request),
                                      staff::build_dashboard(inputs), view));
}

Response staff_upload(const Request& request, Context& context) {
  render::UploadView view;
  view.action = upload_action(request, context);
  if (request.method != "POST") {
    view.guide = request.param("guide");  // the edit page's "attach a PDF" link names its guide
    return upload_page(request, context, view, 200);
  }
  view.name = request.field("name");
  view.guide = request.field("guide");
  view.title = request.field("title");
  const FormPart* file = request.files.empty() ? nullptr : &request.files.front();
  if (file == nullptr || file->name != "file" || (file->filename.empty() && file->body.empty())) {
    view.outcome = "no_file";
    return upload_page(request, context, view, 422);
  }
  const content::Corpus corpus = load_content(context);
  if (!view.guide.empty() && !names_a_guide(corpus, view.guide)) {
    view.outcome = "bad_guide";
    return upload_page(request, context, view, 422);
  }
  const staff::Upload upload{view.name.empty() ? file->filename : view.name, file->body, view.guide,
                             request.field("replace") == "yes", context.site.options.max_upload_bytes};
  const staff::UploadResult result = staff::store_upload(corpus, upload);
  view.outcome = outcome_name(result.outcome);
  view.file = result.file;
  view.bytes = result.bytes;
  view.used_by = result.used_by;
  if (result.bytes > 0) {
    record_upload(request, context, view);
    // A guide page shows its attachments' sizes: pages rendered before may not be kept.
    context.site.cache.clear();
  }
  return upload_page(request, context, view, outcome_status(result.outcome));
}

}  // namespace kc::http
