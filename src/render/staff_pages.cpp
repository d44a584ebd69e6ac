#include "render/staff_pages.h"

#include "content/document.h"
#include "render/page_frame.h"

namespace kc::render {
namespace {

// The labels of the front-matter fields, to name where a problem is.
std::string field_label(const Page& page, const std::string& field) {
  if (field == "translation_of") return page.text("staff.f.translation_of");
  if (field == "review_by") return page.text("staff.f.review_by");
  if (field == "language" || field == "title" || field == "summary" || field == "topic" || field == "countries" ||
      field == "audience" || field == "published" || field == "draft" || field == "extra") {
    return page.text("staff.f." + field);
  }
  return page.text("staff.f.frontmatter");
}

void fields(Page& page, TemplateDictionary& parent, const StaffFrame& frame, const EditView& view) {
  const content::GuideForm& form = view.form;
  auto* dict = parent.AddIncludeDictionary("FIELDS");
  dict->SetFilename("staff_fields.tpl");
  dict->SetValue("CSRF", frame.csrf);
  dict->SetValue("REVISION", view.revision);
  dict->SetValue("OTHER_TRANSLATIONS", form.other_translations);
  if (view.is_new) {
    auto* section = dict->AddSectionDictionary("NEW");
    section->SetValue("SLUG", form.slug);
    for (const auto& code : content::kLanguages) {
      auto* entry = section->AddSectionDictionary("LANG");
      entry->SetValue("CODE", code);
      entry->SetValue("NAME", page.name_of("lang.", code));
      if (code == form.language) entry->ShowSection("SELECTED");
    }
  } else {
    auto* section = dict->AddSectionDictionary("EXISTING");
    section->SetValue("LANGUAGE", form.language);
    section->SetValue("SLUG", form.slug);
  }
  const auto choices = [dict](const char* name, const std::vector<Choice>& list, const std::string& selected) {
    for (const auto& choice : list) {
      auto* entry = dict->AddSectionDictionary(name);
      entry->SetValue(std::string(name) == "TOPIC" ? "ID" : "VALUE", choice.value);
      entry->SetValue(std::string(name) == "TOPIC" ? "NAME" : "LABEL", choice.label);
      if (choice.value == selected) entry->ShowSection("SELECTED");
    }
  };
  choices("TOPIC", view.topics, form.topic);
  choices("WORK", view.works, form.translation_of);
  dict->SetValue("TITLE", form.title);
  dict->SetValue("SUMMARY", form.summary);
  dict->SetValue("COUNTRIES", form.countries);
  dict->SetValue("AUDIENCE", form.audience);
  dict->SetValue("PUBLISHED", form.published);
  dict->SetValue("REVIEW_BY", form.review_by);
  if (form.draft) dict->ShowSection("DRAFT");
  dict->SetValue("BODY", form.body);
  dict->SetValue("EXTRA", form.extra);
}

void problems(const Page& page, TemplateDictionary& content, const std::vector<FormProblem>& list) {
  if (list.empty()) return;
  auto* section = content.AddSectionDictionary("PROBLEMS");
  for (const auto& problem : list) {
    auto* entry = section->AddSectionDictionary("PROBLEM");
    // "line: message" for the text, "Field: message" for the front matter.
    entry->SetValue("WHERE", problem.field.empty() && problem.line > 0
                                 ? page.format("staff.line", {{"n", std::to_string(problem.line)}})
                                 : field_label(page, problem.field));
    entry->SetValue("MESSAGE", problem.message);
  }
}

}  // namespace

void staff_frame(Page& page, const StaffFrame& frame) {
  page.noindex();
  auto& section = page.layout_section("STAFF");
  auto* nav = section.AddIncludeDictionary("NAV");
  nav->SetFilename("staff_nav.tpl");
  nav->SetValue("DASHBOARD_URL", page.url(Link("/staff")));
  nav->SetValue("NEW_URL", page.url(Link("/staff/new")));
  nav->SetValue("LOGOUT_URL", page.url(Link("/staff/logout")));
  nav->SetValue("CSRF", frame.csrf);
  nav->SetValue("SIGNED_IN", page.format("staff.signed_in", {{"name", frame.staff}}));
}

std::string staff_login(const Pages& pages, const PageContext& context, const LoginView& view) {
  const Engine& engine = pages.engine();
  Page page(engine, context, "staff_login.tpl", engine.strings.get(context.ui_language, "staff.login_title"));
  page.noindex();
  page.description(page.text("staff.login_description"));
  auto& content = page.content();
  content.SetValue("CSRF", view.csrf);
  content.SetValue("ACTION", page.url(Link("/staff/login")));
  if (view.failed) content.SetValueAndShowSection("TEXT", page.text("staff.login_failed"), "FAILED");
  return page.expand();
}

std::string staff_edit(const Pages& pages, const PageContext& context, const StaffFrame& frame, const EditView& view) {
  const Engine& engine = pages.engine();
  const std::string heading = view.is_new ? engine.strings.get(context.ui_language, "staff.new_title")
                                          : engine.strings.format(context.ui_language, "staff.edit_title",
                                                                  {{"title", view.form.title}});
  Page page(engine, context, "staff_edit.tpl", heading);
  staff_frame(page, frame);
  page.description(page.text("staff.edit_description"));
  auto& content = page.content();
  content.SetValue("HEADING", heading);
  content.SetValue("ACTION", page.url(Link(view.action)));
  if (!view.saved_url.empty()) {
    auto* saved = content.AddSectionDictionary("SAVED");
    saved->SetValue("TEXT", page.text(view.saved_draft ? "staff.saved_draft" : "staff.saved"));
    saved->SetValue("URL", view.saved_url);
  }
  problems(page, content, view.problems);
  if (!view.preview.empty()) content.SetValueAndShowSection("HTML", view.preview, "PREVIEW");
  if (!view.is_new) {
    const std::string guide = view.form.language + "/" + view.form.slug;
    auto* tools = content.AddSectionDictionary("GUIDE_TOOLS");
    tools->SetValue("HISTORY_URL", page.url(Link("/staff/history/" + guide)));
    tools->SetValue("UPLOAD_URL", page.url(Link("/staff/upload").add("guide", guide)));
  }
  fields(page, content, frame, view);
  return page.expand();
}

std::string staff_conflict(const Pages& pages, const PageContext& context, const StaffFrame& frame,
                           const ConflictView& view) {
  const Engine& engine = pages.engine();
  Page page(engine, context, "staff_conflict.tpl", engine.strings.get(context.ui_language, "staff.conflict_title"));
  staff_frame(page, frame);
  page.description(page.text("staff.conflict_intro"));
  auto& content = page.content();
  content.SetValue("THEIRS", view.theirs);
  content.SetValue("DOC_LANG", view.yours.form.language);
  content.SetValue("ACTION", page.url(Link(view.yours.action)));
  fields(page, content, frame, view.yours);
  return page.expand();
}

}  // namespace kc::render
