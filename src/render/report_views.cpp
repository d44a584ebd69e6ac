#include "render/report_views.h"

namespace kc::render {
namespace {

std::uint64_t excluded_count(const stats::ReportRow& row, const char* reason) {
  const auto found = row.excluded.find(reason);
  return found == row.excluded.end() ? 0 : found->second;
}

nlohmann::json excluded_json(const stats::ReportRow& row) {
  nlohmann::json excluded = nlohmann::json::object();
  for (const auto& reason : stats::kExclusionReasons) excluded[reason.name] = excluded_count(row, reason.name);
  return excluded;
}

// OWASP "CSV injection": spreadsheets run a cell starting with these as a formula.
std::string defuse_formula(const std::string& cell) {
  if (!cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos) return "'" + cell;
  return cell;
}

std::string csv_field(const std::string& cell) {
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (const char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

nlohmann::json report_json(const stats::Report& report) {
  const bool monthly = report.query.group == stats::Group::Month;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : report.rows) {
    nlohmann::json json_row = {
        {"key", row.key}, {"counted", row.counted}, {"unique", row.unique}, {"excluded", excluded_json(row)}};
    if (monthly) json_row["spike"] = row.spike ? nlohmann::json(*row.spike) : nlohmann::json(nullptr);
    rows.push_back(std::move(json_row));
  }
  return {{"from", report.query.from},
          {"to", report.query.to},
          {"group", stats::to_string(report.query.group)},
          {"kind", stats::to_string(report.query.kind)},
          {"rows", rows}};
}

std::string report_csv(const stats::Report& report) {
  const bool monthly = report.query.group == stats::Group::Month;
  std::string csv = "key,counted,unique";
  for (const auto& reason : stats::kExclusionReasons) csv += std::string(",excluded_") + reason.name;
  csv += monthly ? ",spike\r\n" : "\r\n";
  for (const auto& row : report.rows) {
    csv += csv_field(defuse_formula(row.key));
    csv += "," + std::to_string(row.counted) + "," + std::to_string(row.unique);
    for (const auto& reason : stats::kExclusionReasons) csv += "," + std::to_string(excluded_count(row, reason.name));
    if (monthly) csv += "," + row.spike.value_or("");
    csv += "\r\n";
  }
  return csv;
}

nlohmann::json indicators_json(const std::vector<stats::IndicatorProgress>& progress) {
  nlohmann::json indicators = nlohmann::json::array();
  for (const auto& entry : progress) {
    const auto& indicator = entry.indicator;
    nlohmann::json months = nlohmann::json::array();
    for (const auto& month : entry.months) months.push_back({{"month", month.month}, {"counted", month.counted}});
    const auto optional = [](const std::string& text) { return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text); };
    nlohmann::json of = nlohmann::json::object();
    if (indicator.of_kind == "files") {
      of["files"] = indicator.of_values;
    } else {
      of[indicator.of_kind] = indicator.of_values.empty() ? std::string() : indicator.of_values.front();
    }
    indicators.push_back({{"id", indicator.id},
                          {"label", indicator.label()},
                          {"labels", indicator.labels},
                          {"goal", optional(indicator.goal())},
                          {"goals", indicator.goals},
                          {"counts", indicator.counts},
                          {"of", of},
                          {"set_by", optional(indicator.set_by)},
                          {"first_due", optional(indicator.first_due)},
                          {"target", indicator.target},
                          {"from", indicator.from},
                          {"by", indicator.by},
                          {"counted", entry.counted},
                          {"share", entry.share},
                          {"expected", entry.expected},
                          {"status", entry.status},
                          {"projected", entry.projected ? nlohmann::json(*entry.projected) : nlohmann::json(nullptr)},
                          {"months", months}});
  }
  return {{"indicators", indicators}};
}

nlohmann::json zero_searches_json(const std::vector<stats::ZeroResultSearch>& rows) {
  nlohmann::json json_rows = nlohmann::json::array();
  for (const auto& row : rows) {
    json_rows.push_back({{"query", row.query}, {"language", row.language}, {"count", row.count}, {"last", row.last}});
  }
  return {{"rows", json_rows}};
}

}  // namespace kc::render
