#pragma once
// The JSON contract (DESIGN §4) for search results and documents, built with
// nlohmann/json: `kc search --json` and /api/search print exactly the same thing.
#include <nlohmann/json.hpp>

#include "search/query.h"

namespace kc::render {

nlohmann::json search_json(const search::SearchResponse& response);
nlohmann::json document_json(const search::StoredDocument& document);
nlohmann::json error_json(const std::string& message);

}  // namespace kc::render
