#include "render/json_views.h"

#include "search/stored_document.h"

namespace kc::render {
namespace {

nlohmann::json optional_json(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json facet_json(const std::vector<search::FacetValue>& values) {
  nlohmann::json facet = nlohmann::json::array();
  for (const auto& value : values) facet.push_back({{"value", value.value}, {"count", value.count}});
  return facet;
}

nlohmann::json results_json(const std::vector<search::ResultItem>& items) {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& item : items) {
    results.push_back({{"id", item.id},
                       {"title", item.title},
                       {"summary", item.summary},
                       {"snippet", item.snippet},
                       {"topic", item.topic},
                       {"language", item.language},
                       {"url", item.url},
                       {"score", item.score},
                       {"published", optional_json(item.published)}});
  }
  return results;
}

}  // namespace

nlohmann::json search_json(const search::SearchResponse& response) {
  nlohmann::json other_languages = nlohmann::json::array();
  for (const auto& group : response.other_languages) {
    other_languages.push_back(
        {{"language", group.language}, {"total", group.total}, {"results", results_json(group.results)}});
  }
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [name, values] : response.facets) facets[name] = facet_json(values);
  return {{"query", response.query},
          {"total", response.total},
          {"total_exact", response.total_is_exact},
          {"page", response.page},
          {"size", response.size},
          {"corrected", optional_json(response.corrected)},
          {"results", results_json(response.results)},
          {"facets", facets},
          {"other_languages", other_languages}};
}

// The stored form (search/stored_document.h), with what the API adds: each attachment's
// address, null for no variant, and the body.
nlohmann::json document_json(const search::StoredDocument& document) {
  nlohmann::json json = document;
  for (auto& attachment : json["attachments"]) attachment["url"] = "/" + attachment["file"].get<std::string>();
  if (document.variant.empty()) json["variant"] = nullptr;
  json["html"] = document.html;
  return json;
}

nlohmann::json error_json(const std::string& message) { return {{"error", message}}; }

nlohmann::json problems_json(const std::vector<content::Problem>& problems) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& problem : problems) list.push_back({{"line", problem.line}, {"message", problem.message}});
  return {{"problems", std::move(list)}};
}

nlohmann::json save_json(const staff::SaveResult& result) {
  using staff::SaveOutcome;
  switch (result.outcome) {
    case SaveOutcome::Created:
    case SaveOutcome::Replaced:
      return {{"path", result.path}, {"revision", result.revision}, {"commit", result.commit}};
    case SaveOutcome::Conflict:
      return {{"error", "the guide changed since the revision in If-Match: nothing was written"},
              {"current_revision", result.revision},
              {"current", result.current_text ? nlohmann::json(*result.current_text) : nlohmann::json(nullptr)}};
    case SaveOutcome::PreconditionRequired:
      return {{"error", "the guide exists: send If-Match with the revision you edited"},
              {"current_revision", result.revision}};
    case SaveOutcome::NotFound:
      return error_json("no such guide");
    case SaveOutcome::Invalid:
      break;
  }
  return problems_json(result.problems);
}

}  // namespace kc::render
