// The staff guide API (README "Staff API"): PUT, GET and DELETE of one guide's whole
// Markdown file at /api/staff/guides/{lang}/{slug}, for scripts, over staff::GuideStore.
// Statuses: 201 created, 200 replaced or removed, 401 no valid token, 403 an analyst
// token, 404 no such guide, 409 a stale If-Match (both versions in the body), 422
// problems, 428 a replacement without If-Match.
#include "http/auth.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/etag.h"
#include "render/json_views.h"

namespace kc::http {
namespace {

constexpr const char* kPrefix = "/api/staff/guides/";

Identity require_staff(const Request& request, const Context& context) {
  Identity who = identify(request.header("authorization"), context.site.options.tokens());
  if (who.role == Role::None) throw HttpError(401, "a valid staff bearer token is required");
  if (who.role != Role::Staff) throw HttpError(403, "this token may not publish guides");
  return who;
}

Response json_status(int status, const std::string& body) {
  Response response = json(body);
  response.status = status;
  response.header("Cache-Control", "no-store");
  return response;
}

std::string quoted(const std::string& revision) { return "\"" + revision + "\""; }

// If-Match (RFC 9110 §13.1.1): "*" or a list of entity tags, the guide's revision
// matching any strong one; weak tags never match (a list of those alone: a 409).
std::optional<std::vector<std::string>> if_match(const Request& request) {
  if (!request.headers.count("if-match")) return std::nullopt;
  return if_match_tags(request.header("if-match"));
}

// {lang, slug} from the address (staff::address_problem says whether they can name a guide).
std::pair<std::string, std::string> address(const Request& request) {
  const std::string rest = request.path.substr(std::string(kPrefix).size());
  const auto slash = rest.find('/');
  std::string language = rest.substr(0, slash);
  std::string slug = slash == std::string::npos ? "" : rest.substr(slash + 1);
  return {std::move(language), std::move(slug)};
}

// The status of each outcome: chosen here, the body by render::save_json.
int status_of(staff::SaveOutcome outcome) {
  switch (outcome) {
    case staff::SaveOutcome::Created: return 201;
    case staff::SaveOutcome::Replaced: return 200;
    case staff::SaveOutcome::Conflict: return 409;
    case staff::SaveOutcome::PreconditionRequired: return 428;
    case staff::SaveOutcome::NotFound: return 404;
    case staff::SaveOutcome::Invalid: return 422;
  }
  return 500;
}

Response answer(const staff::SaveResult& result) {
  Response response = json_status(status_of(result.outcome), render::save_json(result).dump());
  const bool saved = result.outcome == staff::SaveOutcome::Created || result.outcome == staff::SaveOutcome::Replaced;
  if (saved && !result.revision.empty()) response.header("ETag", quoted(result.revision));
  return response;
}

Response get_guide(const std::string& language, const std::string& slug, Context& context) {
  const auto guide = context.site.guides.read(language, slug);
  if (!guide) throw HttpError(404, "no such guide");
  Response response;
  response.body = guide->text;
  response.header("Content-Type", "text/markdown; charset=utf-8");
  response.header("ETag", quoted(guide->revision));
  response.header("Cache-Control", "no-store");
  return response;
}

}  // namespace

Response api_staff_guide(const Request& request, Context& context) {
  const Identity who = require_staff(request, context);
  const auto [language, slug] = address(request);
  if (const std::string why = staff::address_problem(language, slug); !why.empty()) {
    return json_status(422, render::problems_json({content::Problem{language + "/" + slug, 1, why}}).dump());
  }
  if (request.method == "GET" || request.method == "HEAD") return get_guide(language, slug, context);
  staff::SaveRequest save;
  save.language = language;
  save.slug = slug;
  save.if_match = if_match(request);
  save.author = who.staff_name;
  save.message = request.param("message");
  if (request.method == "DELETE") return answer(context.site.guides.remove(save));
  save.text = request.body;  // whatever its Content-Type: curl --data-binary sends a form's
  return answer(context.site.guides.save(save));
}

}  // namespace kc::http
