// The staff guide API (README "Staff API"): PUT, GET and DELETE of one guide's whole
// Markdown file at /api/staff/guides/{lang}/{slug}, for scripts, over staff::GuideStore.
// Statuses: 201 created, 200 replaced or removed, 401 no valid token, 403 an analyst
// token, 404 no such guide, 409 a stale If-Match (both versions in the body), 422
// problems, 428 a replacement without If-Match.
#include <nlohmann/json.hpp>

#include "http/auth.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/header_tokens.h"

namespace kc::http {
namespace {

constexpr const char* kPrefix = "/api/staff/guides/";

Identity require_staff(const Request& request, const Context& context) {
  Identity who = identify(request.header("authorization"), context.site.options.tokens());
  if (who.role == Role::None) throw HttpError(401, "a valid staff bearer token is required");
  if (who.role != Role::Staff) throw HttpError(403, "this token may not publish guides");
  return who;
}

nlohmann::json problems_json(const std::vector<content::Problem>& problems) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& problem : problems) list.push_back({{"line", problem.line}, {"message", problem.message}});
  return list;
}

Response json_status(int status, const nlohmann::json& body) {
  Response response = json(body.dump());
  response.status = status;
  response.header("Cache-Control", "no-store");
  return response;
}

Response unprocessable(const std::vector<content::Problem>& problems) {
  return json_status(422, {{"problems", problems_json(problems)}});
}

std::string quoted(const std::string& revision) { return "\"" + revision + "\""; }

// If-Match: one strong entity tag or "*" (RFC 7232 §3.1). A weak tag never matches a
// strong comparison, so it is passed on as a revision no file has: a 409.
std::optional<std::string> if_match(const Request& request) {
  if (!request.headers.count("if-match")) return std::nullopt;
  std::string value(trim_whitespace(request.header("if-match")));
  if (value == "*") return value;
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') return value.substr(1, value.size() - 2);
  return "not a strong entity tag: " + value;
}

// {lang, slug} from the address (staff::address_problem says whether they can name a guide).
std::pair<std::string, std::string> address(const Request& request) {
  const std::string rest = request.path.substr(std::string(kPrefix).size());
  const auto slash = rest.find('/');
  std::string language = rest.substr(0, slash);
  std::string slug = slash == std::string::npos ? "" : rest.substr(slash + 1);
  return {std::move(language), std::move(slug)};
}

Response answer(const staff::SaveResult& result) {
  using staff::SaveOutcome;
  switch (result.outcome) {
    case SaveOutcome::Created:
    case SaveOutcome::Replaced: {
      const int status = result.outcome == SaveOutcome::Created ? 201 : 200;
      Response response = json_status(status, {{"path", result.path},
                                               {"revision", result.revision},
                                               {"commit", result.commit}});
      if (!result.revision.empty()) response.header("ETag", quoted(result.revision));
      return response;
    }
    case SaveOutcome::Conflict:
      return json_status(409, {{"error", "the guide changed since the revision in If-Match: nothing was written"},
                               {"current_revision", result.revision},
                               {"current", result.current_text ? nlohmann::json(*result.current_text) : nullptr}});
    case SaveOutcome::PreconditionRequired:
      return json_status(428, {{"error", "the guide exists: send If-Match with the revision you edited"},
                               {"current_revision", result.revision}});
    case SaveOutcome::NotFound:
      throw HttpError(404, "no such guide");
    case SaveOutcome::Invalid:
      break;
  }
  return unprocessable(result.problems);
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
    return unprocessable({content::Problem{language + "/" + slug, 1, why}});
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
