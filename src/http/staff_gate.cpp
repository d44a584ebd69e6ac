#include "http/staff_gate.h"

#include "http/auth.h"
#include "http/errors.h"

namespace kc::http {
namespace {

bool bearer_staff(const Request& request, const Context& context) {
  return authenticate(request.header("authorization"),
                      Tokens{context.site.options.analyst_token, context.site.options.staff_token}) == Role::Staff;
}

}  // namespace

std::optional<Response> require_staff_page(const Request& request, Context& context) {
  if (bearer_staff(request, context)) return std::nullopt;
  Response response;
  response.status = 303;
  response.header("Location", "/staff/login");
  response.header("Cache-Control", "no-store");
  return response;
}

std::string staff_name(const Request& request, const Context& context) {
  return bearer_staff(request, context) ? "staff" : "";
}

// A bearer token is never sent by a browser on its own, so a request carrying one cannot
// be forged by another site: it needs no form token.
std::string staff_form_token(const Request&, Context&) { return {}; }

void require_form_token(const Request& request, Context& context, const std::string&) {
  if (!bearer_staff(request, context)) throw HttpError(403, "the form has expired: reload the page and try again");
}

staff::FileHistory staff_file_history(const Context& context) {
  return staff::file_times_history(context.site.options.content_dir);
}

}  // namespace kc::http
