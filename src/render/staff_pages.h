#pragma once
// The staff pages (issue 14) on the public pages' layout and strings (page_frame.h):
// sign-in, the guide form (/staff/new, /staff/edit/{lang}/{slug}) with its problems and
// preview, and the conflict page. Every staff page is noindex and carries the staff
// header (who is signed in, the links, sign-out with the session's CSRF token), which
// the other staff page modules add with staff_frame(). Thread-safe (Pages is immutable).
#include <string>
#include <vector>

#include "content/guide_form.h"
#include "render/pages.h"

namespace kc::render {

class Page;

// Who is signed in, for the staff header and every form's CSRF field.
struct StaffFrame {
  std::string staff;  // the staff member's name
  std::string csrf;
};

// Adds the staff header to a page being built, and marks it noindex.
void staff_frame(Page& page, const StaffFrame& frame);

struct LoginView {
  std::string csrf;    // the sign-in form's own token (the session does not exist yet)
  bool failed = false;  // the last attempt gave a wrong key
};

// A problem to show next to the form: `line` is a line of the Markdown text when
// `field` is empty, else the front-matter field it is about ("title", "extra"…; "" and
// line 0 for the whole guide).
struct FormProblem {
  std::string field;
  int line = 0;
  std::string message;
};

struct Choice {
  std::string value;
  std::string label;
};

struct EditView {
  content::GuideForm form;
  bool is_new = true;
  std::string action;    // where the form posts: /staff/new or /staff/edit/{lang}/{slug}
  std::string revision;  // the revision the form was opened at ("" for a new guide)
  std::vector<Choice> topics;  // id → name in the UI language
  std::vector<Choice> works;   // "en/<slug>" → the English original's title
  std::vector<FormProblem> problems;
  std::string preview;     // the public page as it will be published; "" for none
  std::string saved_url;   // set after a save: the public page's address
  bool saved_draft = false;
};

struct ConflictView {
  EditView yours;       // the typed version, its revision the saved one's (saving again replaces it)
  std::string theirs;   // the saved file as it is now
};

std::string staff_login(const Pages& pages, const PageContext& context, const LoginView& view);
std::string staff_edit(const Pages& pages, const PageContext& context, const StaffFrame& frame, const EditView& view);
std::string staff_conflict(const Pages& pages, const PageContext& context, const StaffFrame& frame,
                           const ConflictView& view);

}  // namespace kc::render
