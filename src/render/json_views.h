#pragma once
// The JSON contract (DESIGN §4) for search results and documents, built with
// nlohmann/json: `kc search --json` and /api/search print exactly the same thing.
#include <nlohmann/json.hpp>

#include "content/problem.h"
#include "search/query.h"
#include "staff/guide_store.h"

namespace kc::render {

nlohmann::json search_json(const search::SearchResponse& response);
nlohmann::json document_json(const search::StoredDocument& document);
nlohmann::json error_json(const std::string& message);
// The staff guide API's answers (README "Staff API"): {"problems":[{line, message}]}, and
// the body for each save outcome but NotFound ({path, revision, commit}; a conflict's
// current text and revision; Invalid: problems_json).
nlohmann::json problems_json(const std::vector<content::Problem>& problems);
nlohmann::json save_json(const staff::SaveResult& result);

}  // namespace kc::render
