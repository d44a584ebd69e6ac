#include "search/stored_document.h"

namespace kc::search {
namespace {

// Every stored field, by kind: the JSON key and the member.
struct TextField {
  const char* key;
  std::string StoredDocument::*member;
};
struct ListField {
  const char* key;
  std::vector<std::string> content::GuideFields::*member;
};

const TextField kTexts[] = {
    {"id", &StoredDocument::id},           {"url", &StoredDocument::url},
    {"slug", &StoredDocument::slug},       {"language", &StoredDocument::language},
    {"variant", &StoredDocument::variant}, {"topic", &StoredDocument::topic},
    {"title", &StoredDocument::title},     {"summary", &StoredDocument::summary},
    {"work", &StoredDocument::work},
};
const ListField kLists[] = {
    {"countries", &content::GuideFields::countries},
    {"audience", &content::GuideFields::audience},
    {"tags", &content::GuideFields::tags},
    {"sources", &content::GuideFields::sources},
};
constexpr const char* kPublished = "published";        // "YYYY-MM-DD" or null
constexpr const char* kAttachments = "attachments";    // [{file, title}]
constexpr const char* kTranslations = "translations";  // {language: slug}

std::string text_at(const nlohmann::json& json, const char* key) {
  const auto found = json.find(key);
  return found != json.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::vector<std::string> list_at(const nlohmann::json& json, const char* key) {
  std::vector<std::string> values;
  const auto found = json.find(key);
  if (found == json.end() || !found->is_array()) return values;
  for (const auto& value : *found) {
    if (value.is_string()) values.push_back(value.get<std::string>());
  }
  return values;
}

}  // namespace

StoredDocument stored_document(const content::Document& document) {
  StoredDocument stored;
  static_cast<content::GuideFields&>(stored) = document;
  stored.id = document.id();
  stored.url = document.url();
  return stored;
}

void to_json(nlohmann::json& json, const StoredDocument& document) {
  json = nlohmann::json::object();
  for (const auto& field : kTexts) json[field.key] = document.*field.member;
  for (const auto& field : kLists) json[field.key] = document.*field.member;
  json[kPublished] = document.published ? nlohmann::json(*document.published) : nlohmann::json(nullptr);
  nlohmann::json attachments = nlohmann::json::array();
  for (const auto& attachment : document.attachments) {
    attachments.push_back({{"file", attachment.file}, {"title", attachment.title}});
  }
  json[kAttachments] = std::move(attachments);
  json[kTranslations] = document.translations;
}

void from_json(const nlohmann::json& json, StoredDocument& document) {
  for (const auto& field : kTexts) document.*field.member = text_at(json, field.key);
  for (const auto& field : kLists) document.*field.member = list_at(json, field.key);
  if (const auto published = json.find(kPublished); published != json.end() && published->is_string()) {
    document.published = published->get<std::string>();
  }
  if (const auto attachments = json.find(kAttachments); attachments != json.end() && attachments->is_array()) {
    for (const auto& attachment : *attachments) {
      if (attachment.is_object()) document.attachments.push_back({text_at(attachment, "file"), text_at(attachment, "title")});
    }
  }
  if (const auto translations = json.find(kTranslations); translations != json.end() && translations->is_object()) {
    for (const auto& [language, slug] : translations->items()) {
      if (slug.is_string()) document.translations.emplace(language, slug.get<std::string>());
    }
  }
}

}  // namespace kc::search
