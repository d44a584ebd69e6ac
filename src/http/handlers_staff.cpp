// The staff dashboard (/staff) and the PDF upload (/staff/upload), issue 14. Each
// handler checks who is asking (staff only), reads the request, calls staff/ and hands
// the result to render/; the statuses are chosen here and in errors.cpp.
#include <chrono>

#include "content/corpus.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/multipart.h"
#include "http/representation.h"
#include "http/staff_gate.h"
#include "staff/dashboard.h"
#include "staff/uploads.h"
#include "stats/calendar.h"

namespace kc::http {
namespace {

std::string today(const Context& context) {
  return stats::format_day(stats::day_of_millis(stats::to_millis(context.site.options.clock())));
}

content::Corpus load_content(const Context& context) {
  // Problems in the tree do not stop the staff from seeing (and fixing) it: the
  // dashboard lists broken links itself.
  return content::load_corpus(context.site.options.content_dir).corpus;
}

// Where the upload form posts: the configured address, else this host on the upload
// listener's port (the browser sends the session cookie there too: cookies do not
// depend on the port).
std::string upload_action(const Request& request, const Context& context, std::uint16_t upload_port) {
  if (!context.site.options.upload_url.empty()) return context.site.options.upload_url;
  std::string host = request.header("host");
  if (host.empty()) host = context.site.options.host;
  if (host.front() == '[') {
    host = host.substr(0, host.find(']') + 1);  // an IPv6 literal
  } else {
    host = host.substr(0, host.find(':'));
  }
  return "http://" + host + ":" + std::to_string(upload_port) + "/staff/upload";
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

std::string field(const std::vector<FormPart>& parts, const std::string& name) {
  const FormPart* part = find_part(parts, name);
  return part == nullptr ? std::string() : part->body;
}

Response upload_page(const Request& request, Context& context, render::UploadView view, int status) {
  view.max_bytes = context.site.options.max_upload_bytes;
  view.csrf = staff_form_token(request, context);
  Response response = html(context.site.pages.staff_upload(page_context(request), view));
  response.status = status;
  return response;
}

// The form's fields after the checks that need no file: the guide it is for must exist.
std::vector<FormPart> read_upload_form(const Request& request, const Context& context) {
  const auto boundary = multipart_boundary(request.header("content-type"));
  if (!boundary) throw HttpError(400, "an upload is sent as multipart/form-data");
  if (request.body.size() > context.site.options.max_upload_bytes + kUploadOverheadBytes) {
    throw HttpError(413, "the upload is over the size limit");
  }
  try {
    return parse_multipart(request.body, *boundary);
  } catch (const MultipartError& error) {
    throw HttpError(400, std::string("the form data is malformed: ") + error.what());
  }
}

}  // namespace

Response staff_dashboard(const Request& request, Context& context) {
  if (auto refused = require_staff_page(request, context)) return std::move(*refused);
  context.site.log.flush();  // count everything answered before this page
  const content::Corpus corpus = load_content(context);
  staff::DashboardInputs inputs{&corpus, context.site.options.log.data_dir, today(context), staff_file_history(context)};
  return html(context.site.pages.staff_dashboard(page_context(request), staff::build_dashboard(inputs)));
}

Response staff_upload(const Request& request, Context& context) {
  if (auto refused = require_staff_page(request, context)) return std::move(*refused);
  render::UploadView view;
  view.action = upload_action(request, context, context.site.upload_port);
  if (request.method != "POST") return upload_page(request, context, view, 200);
  const std::vector<FormPart> parts = read_upload_form(request, context);
  require_form_token(request, context, field(parts, "csrf"));
  const FormPart* file = find_part(parts, "file");
  view.name = field(parts, "name");
  view.guide = field(parts, "guide");
  if (file == nullptr || !file->has_filename || (file->filename.empty() && file->body.empty())) {
    view.outcome = "no_file";
    return upload_page(request, context, view, 422);
  }
  const content::Corpus corpus = load_content(context);
  const auto slash = view.guide.find('/');
  if (!view.guide.empty() && (slash == std::string::npos ||
                              corpus.find(view.guide.substr(0, slash), view.guide.substr(slash + 1)) == nullptr)) {
    view.outcome = "bad_guide";
    return upload_page(request, context, view, 422);
  }
  staff::Upload upload{view.name.empty() ? file->filename : view.name, file->body, view.guide,
                       field(parts, "replace") == "yes", context.site.options.max_upload_bytes};
  const staff::UploadResult result = staff::store_upload(corpus, upload);
  view.outcome = outcome_name(result.outcome);
  view.file = result.file;
  view.bytes = result.bytes;
  view.used_by = result.used_by;
  // A guide page shows its attachments' sizes: pages rendered before may not be kept.
  if (result.bytes > 0) context.site.cache.clear();
  return upload_page(request, context, view, outcome_status(result.outcome));
}

}  // namespace kc::http
