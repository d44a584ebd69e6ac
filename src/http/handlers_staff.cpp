// The staff pages (issue 14): sign-in and sign-out, and the guide form with its preview
// and save. routes.cpp has already checked the session and the CSRF token of every
// other staff page (Access::Staff); the sign-in form checks its own.
#include <algorithm>
#include <filesystem>

#include "content/document.h"
#include "content/guide_form.h"
#include "http/auth.h"
#include "http/cookies.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/representation.h"
#include "render/staff_pages.h"
#include "render/link.h"
#include "search/guide_preview.h"
#include "staff/guide_store.h"

namespace kc::http {
namespace {

constexpr long long kLoginFormSeconds = 60 * 60;  // how long a sign-in form stays usable

render::StaffFrame frame_of(const Request& request) {
  return {request.session->staff, request.session->csrf};
}

Response login_form(const Request& request, Context& context, bool failed) {
  const std::string csrf = random_token();
  Response response = html(render::staff_login(context.site.pages, page_context(request), {csrf, failed}));
  response.header("Set-Cookie", set_cookie(kLoginCookie, csrf, kLoginFormSeconds, request.https));
  return response;
}

// Browsers send a textarea's lines ended by CR LF; files keep LF.
std::string lf_only(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  return text;
}

content::GuideForm form_of(const Request& request) {
  content::GuideForm form;
  form.language = request.field("language");
  form.slug = request.field("slug");
  form.topic = request.field("topic");
  form.title = request.field("title");
  form.summary = lf_only(request.field("summary"));
  form.countries = request.field("countries");
  form.audience = request.field("audience");
  form.published = request.field("published");
  form.review_by = request.field("review_by");
  form.draft = request.field("draft") == "true";
  form.translation_of = request.field("translation_of");
  form.other_translations = request.field("other_translations");
  form.extra = lf_only(request.field("extra"));
  form.body = lf_only(request.field("body"));
  return form;
}

// "<lang>/<topic>/<slug>.md", where the guide will be saved.
std::string guide_path(const content::GuideForm& form) {
  const std::string topic = content::is_valid_slug(form.topic) ? form.topic : "untitled";
  return form.language + "/" + topic + "/" + form.slug + ".md";
}

// The form's choices (topics, English originals) in the UI language.
void add_choices(render::EditView& view, const search::GuideChoices& choices, const std::string& ui_language) {
  for (const auto& topic : choices.topics) {
    const auto name = topic.names.count(ui_language) ? topic.names.at(ui_language)
                                                     : (topic.names.count("en") ? topic.names.at("en") : topic.id);
    view.topics.push_back({topic.id, name});
  }
  for (const auto& [slug, title] : choices.originals) view.works.push_back({"en/" + slug, title});
}

// Problems of the composed file, placed where the person typed them: a line of the text,
// or a front-matter field.
std::vector<render::FormProblem> form_problems(const std::vector<content::Problem>& problems,
                                               const content::ComposedGuide& composed) {
  std::vector<render::FormProblem> placed;
  for (const auto& problem : problems) {
    if (problem.line >= composed.body_line) {
      placed.push_back({"", problem.line - composed.body_line + 1, problem.message});
    } else if (const auto field = composed.field_at_line.find(problem.line); field != composed.field_at_line.end()) {
      placed.push_back({field->second, 0, problem.message});
    } else {
      placed.push_back({"", 0, problem.message});
    }
  }
  return placed;
}

// The public page the guide will be, through the same template as /docs/.
std::string preview_page(const Request& request, Context& context, const search::GuidePreview& preview) {
  render::GuideView view;
  view.document = *preview.document;
  for (const auto& attachment : view.document.attachments) {
    std::error_code error;
    const auto bytes = std::filesystem::file_size(context.site.options.content_dir / attachment.file, error);
    view.attachments.push_back({"/" + attachment.file, attachment.title, error ? 0 : bytes});
  }
  view.translation_titles = preview.translation_titles;
  view.translation_tags = preview.translation_tags;
  render::PageContext page = page_context(request);
  page.path = view.document.url;
  const auto& names = preview.topic_names;
  view.topic_name = names.count(page.ui_language) ? names.at(page.ui_language)
                                                  : (names.count("en") ? names.at("en") : view.document.topic);
  return context.site.pages.guide(page, view);
}

Response edit_page(const Request& request, Context& context, const render::EditView& view, int status = 200) {
  Response response = html(render::staff_edit(context.site.pages, page_context(request), frame_of(request), view));
  response.status = status;
  return response;
}

// Someone saved the guide since this form was opened (or a new guide's address is taken):
// their version and this one, both kept; saving again from here replaces theirs knowingly.
Response conflict_page(const Request& request, Context& context, render::EditView yours,
                       const staff::SaveResult& result) {
  render::ConflictView view;
  view.theirs = result.current_text.value_or("");
  yours.revision = result.revision;
  yours.is_new = false;
  yours.action = "/staff/edit/" + yours.form.language + "/" + yours.form.slug;
  view.yours = std::move(yours);
  Response response =
      html(render::staff_conflict(context.site.pages, page_context(request), frame_of(request), view));
  response.status = 409;
  return response;
}

// Saves a checked form through the GuideStore (If-Match: the revision the form was
// opened at): 303 to the saved guide's form, or the conflict page, or its problems.
Response save(const Request& request, Context& context, render::EditView view, const content::ComposedGuide& composed) {
  staff::SaveRequest save;
  save.language = view.form.language;
  save.slug = view.form.slug;
  save.text = composed.bytes;
  if (!view.revision.empty()) save.if_match = std::vector{view.revision};  // none: create only
  save.author = request.session->staff;
  const staff::SaveResult result = context.site.guides.save(save);
  switch (result.outcome) {
    case staff::SaveOutcome::Created:
    case staff::SaveOutcome::Replaced:
      return redirect(render::Link("/staff/edit/" + save.language + "/" + save.slug)
                          .add("saved", "1")
                          .add("ui", page_context(request).ui_override)
                          .str());
    case staff::SaveOutcome::Conflict:
    case staff::SaveOutcome::PreconditionRequired:
      return conflict_page(request, context, std::move(view), result);
    case staff::SaveOutcome::NotFound:
      throw HttpError(404, "no such guide");
    case staff::SaveOutcome::Invalid:
      break;
  }
  view.problems = form_problems(result.problems, composed);
  return edit_page(request, context, view, 422);
}

// Preview or save a posted form; view.is_new for /staff/new, else the address is the URL's.
Response post_form(const Request& request, Context& context, render::EditView view) {
  const content::GuideForm address = view.form;  // an existing guide's, from its URL
  view.form = form_of(request);
  if (!view.is_new) {
    view.form.language = address.language;
    view.form.slug = address.slug;
  }
  view.revision = request.field("revision");
  if (const std::string problem = staff::address_problem(view.form.language, view.form.slug); !problem.empty()) {
    view.problems.push_back({"slug", 0, problem});
    add_choices(view, search::guide_choices(content::load_corpus(context.site.options.content_dir).corpus),
                page_context(request).ui_language);
    return edit_page(request, context, view, 422);
  }
  const content::ComposedGuide composed = content::compose_guide(view.form);
  const auto existing = context.site.guides.read(view.form.language, view.form.slug);
  const search::GuidePreview preview = search::preview_guide(context.site.options.content_dir, guide_path(view.form),
                                                             composed.bytes, existing ? existing->path : "");
  view.problems = form_problems(preview.problems, composed);
  add_choices(view, preview.choices, page_context(request).ui_language);
  if (request.field("action") == "save" && view.problems.empty()) return save(request, context, std::move(view), composed);
  if (preview.document) view.preview = preview_page(request, context, preview);
  return edit_page(request, context, view, view.problems.empty() ? 200 : 422);
}

}  // namespace

Response staff_login(const Request& request, Context& context) {
  Site& site = context.site;
  if (request.method != "POST") {
    if (request.session) return redirect("/staff");
    return login_form(request, context, false);
  }
  if (const long long wait = site.login_limiter.retry_after(request.client_ip)) {
    throw HttpError(429, "too many failed sign-ins: try again later").with_header("Retry-After", std::to_string(wait));
  }
  if (!same_secret(request.field("csrf"), cookie_value(request.header("cookie"), kLoginCookie))) {
    throw HttpError(403, "the sign-in form has expired: load it again");
  }
  const auto staff = staff_name_for_token(request.field("token"), site.options.tokens());
  if (!staff) {
    site.login_limiter.failed(request.client_ip);
    Response response = login_form(request, context, true);
    response.status = 401;
    return response;
  }
  site.login_limiter.succeeded(request.client_ip);
  const StaffSession session = site.sessions.open(*staff);
  Response response = redirect("/staff");
  const auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(StaffSessions::kLifetime).count();
  response.header("Set-Cookie", set_cookie(kSessionCookie, session.id, lifetime, request.https));
  response.header("Set-Cookie", set_cookie(kLoginCookie, "", 0, request.https));
  return response;
}

Response staff_logout(const Request& request, Context& context) {
  if (request.method != "POST") throw HttpError(405, "sign out with the button on any staff page");
  context.site.sessions.close(request.session->id);
  Response response = redirect("/staff/login");
  response.header("Set-Cookie", set_cookie(kSessionCookie, "", 0, request.https));
  return response;
}

Response staff_new(const Request& request, Context& context) {
  render::EditView view;
  view.is_new = true;
  view.action = "/staff/new";
  if (request.method == "POST") return post_form(request, context, std::move(view));
  view.form.language = content::is_known_language(request.param("lang")) ? request.param("lang") : "en";
  add_choices(view, search::guide_choices(content::load_corpus(context.site.options.content_dir).corpus),
              page_context(request).ui_language);
  return html(render::staff_edit(context.site.pages, page_context(request), frame_of(request), view));
}

Response staff_edit(const Request& request, Context& context) {
  const auto [language, slug] = guide_address(request.path, "/staff/edit/");
  render::EditView view;
  view.is_new = false;
  view.action = "/staff/edit/" + language + "/" + slug;
  view.form.language = language;
  view.form.slug = slug;
  if (request.method == "POST") return post_form(request, context, std::move(view));
  const auto file = context.site.guides.read(language, slug);
  if (!file) throw HttpError(404, "no such guide");
  view.form = content::form_from_file(language, slug, file->text);
  view.revision = file->revision;
  if (request.param("saved") == "1") {
    view.saved_url = "/docs/" + language + "/" + slug;
    view.saved_draft = view.form.draft;
  }
  add_choices(view, search::guide_choices(content::load_corpus(context.site.options.content_dir).corpus),
              page_context(request).ui_language);
  return html(render::staff_edit(context.site.pages, page_context(request), frame_of(request), view));
}

}  // namespace kc::http
