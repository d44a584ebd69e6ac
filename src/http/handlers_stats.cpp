#include <chrono>

#include "content/document.h"

#include "http/auth.h"
#include "http/errors.h"
#include "http/handlers.h"
#include "http/representation.h"
#include "render/report_views.h"
#include "stats/calendar.h"
#include "stats/indicators.h"
#include "stats/reports.h"

namespace kc::http {
namespace {

std::string utc_day(std::chrono::system_clock::time_point time) {
  return stats::format_day(stats::day_of_millis(stats::to_millis(time)));
}

std::string today(const Context& context) { return utc_day(context.site.options.clock()); }

std::string days_ago(const Context& context, int days) {
  return utc_day(context.site.options.clock() - std::chrono::hours(24 * days));
}

Role role_of(const Request& request, const Context& context) {
  return authenticate(request.header("authorization"), context.site.options.tokens());
}

void require_role(const Request& request, const Context& context, bool staff_allowed) {
  const Role role = role_of(request, context);
  if (role == Role::None) throw HttpError(401, "a valid bearer token is required");
  if (role == Role::Staff && !staff_allowed) throw HttpError(403, "this token may not read download statistics");
}

std::string date_param(const Request& request, const char* name, const std::string& fallback) {
  const std::string value = request.param(name);
  if (value.empty()) return fallback;
  if (!content::is_valid_date(value)) throw HttpError(400, std::string("'") + name + "' must be a date (YYYY-MM-DD)");
  return value;
}

stats::Group group_param(const std::string& group) {
  if (group.empty()) return stats::Group::File;
  if (const auto parsed = stats::parse_group(group)) return *parsed;
  throw HttpError(400, "'group' must be file, doc, topic, language, month or day");
}

stats::EventKind kind_param(const std::string& kind) {
  if (kind.empty()) return stats::EventKind::Download;
  if (const auto parsed = stats::parse_event_kind(kind)) return *parsed;
  throw HttpError(400, "'kind' must be download or view");
}

// Reports count every event answered before them: the log's applier catches up first.
std::vector<stats::IndicatorProgress> progress(Context& context) {
  context.site.log.flush();
  return stats::indicator_progress(context.site.options.log.data_dir, context.searcher().indicators(), today(context));
}

}  // namespace

Response indicators_page(const Request& request, Context& context) {
  return html(context.site.pages.indicators(page_context(request), progress(context), today(context)));
}

Response api_indicators(const Request&, Context& context) {
  return json(render::indicators_json(progress(context)).dump());
}

Response api_stats_downloads(const Request& request, Context& context) {
  require_role(request, context, false);
  stats::ReportQuery query;
  query.to = date_param(request, "to", today(context));
  query.from = date_param(request, "from", days_ago(context, 29));
  if (query.from > query.to) throw HttpError(400, "'from' must not be after 'to'");
  query.group = group_param(request.param("group"));
  query.kind = kind_param(request.param("kind"));
  const std::string format = request.param("format");
  if (!format.empty() && format != "json" && format != "csv") throw HttpError(400, "'format' must be json or csv");
  context.site.log.flush();
  const stats::Report report = stats::build_report(context.site.options.log.data_dir, query, today(context));
  if (format != "csv") return json(render::report_json(report).dump());
  Response response;
  response.body = render::report_csv(report);
  response.header("Content-Type", "text/csv; charset=utf-8");
  response.header("Content-Disposition", "attachment; filename=\"kc-downloads-" + query.from + "-" + query.to + ".csv\"");
  response.header("Cache-Control", "no-store");
  return response;
}

Response api_stats_searches(const Request& request, Context& context) {
  require_role(request, context, true);
  if (request.param("zero") != "1") throw HttpError(400, "only zero-result searches are listed: add zero=1");
  const std::string to = date_param(request, "to", today(context));
  const std::string from = date_param(request, "from", days_ago(context, 29));
  context.site.log.flush();
  return json(render::zero_searches_json(stats::zero_result_searches(context.site.options.log.data_dir, from, to)).dump());
}

}  // namespace kc::http
