#pragma once
// Who may use the staff pages, and the facts they share, in one place for
// handlers_staff.cpp and handlers_history.cpp: a staff member (a session from the sign-in
// page, or a staff bearer token for scripts), the CSRF token of their forms, and the
// history of the content folder.
#include <optional>
#include <string>

#include "http/context.h"
#include "http/request.h"
#include "http/response.h"
#include "staff/dashboard.h"

namespace kc::http {

// nullopt when the request is a staff member's; else the answer to give: a 303 to the
// sign-in page.
std::optional<Response> require_staff_page(const Request& request, Context& context);
// The staff member's name, as history records it ("" when not signed in).
std::string staff_name(const Request& request, const Context& context);
// The CSRF token a form on this staff member's page carries.
std::string staff_form_token(const Request& request, Context& context);
// Throws HttpError 403 unless `token` is this staff member's form token.
void require_form_token(const Request& request, Context& context, const std::string& token);
// The versions of each content file, for the dashboard's stale translations.
staff::FileHistory staff_file_history(const Context& context);

}  // namespace kc::http
