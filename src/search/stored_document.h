#pragma once
// The one stored form of a guide: the JSON object the index keeps for it (schema.h,
// "Document data"), written when it is indexed, read for every result, guide page, site
// map and download, and the base of /api/docs (render/json_views.cpp). Every field of
// content::GuideFields is in the table in stored_document.cpp; the body (html) is stored
// apart. Pure; thread-safe.
#include <nlohmann/json.hpp>

#include "content/document.h"
#include "search/query.h"

namespace kc::search {

// The guide as the index stores it: its fields, id and address (no body).
StoredDocument stored_document(const content::Document& document);

// nlohmann's conversions (`nlohmann::json json = document;`, `json.get<StoredDocument>()`).
// Writing leaves out html; reading takes a missing key as empty (an index written
// before the field existed still answers) and never throws for a wrong type.
void to_json(nlohmann::json& json, const StoredDocument& document);
void from_json(const nlohmann::json& json, StoredDocument& document);

}  // namespace kc::search
