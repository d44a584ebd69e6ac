#include "content/guide_form.h"

#include <yaml-cpp/yaml.h>

#include <set>
#include <sstream>

#include "content/text.h"

namespace kc::content {
namespace {

// The keys the form shows as fields; every other key travels in `extra`.
const std::set<std::string> kFormKeys = {"title",     "summary",   "topic", "language",    "countries",
                                         "audience",  "published", "review_by", "draft", "translations"};

std::string scalar(const YAML::Node& root, const char* key) {
  const YAML::Node node = root[key];
  return node.IsDefined() && node.IsScalar() ? node.Scalar() : std::string();
}

std::string joined_list(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return {};
  if (node.IsScalar()) return node.Scalar();
  std::vector<std::string> values;
  if (node.IsSequence()) {
    for (const auto& item : node) {
      if (item.IsScalar()) values.push_back(item.Scalar());
    }
  }
  return join(values, ", ");
}

void read_translations(const YAML::Node& node, GuideForm& form) {
  if (!node.IsDefined() || !node.IsMap()) return;
  std::vector<std::string> others;
  for (const auto& entry : node) {
    if (!entry.first.IsScalar() || !entry.second.IsScalar()) continue;
    const std::string language = entry.first.Scalar();
    const std::string slug = entry.second.Scalar();
    if (language == "en" && form.language != "en") {
      form.translation_of = "en/" + slug;
    } else {
      others.push_back(language + ":" + slug);
    }
  }
  form.other_translations = join(others, " ");
}

// The keys the form does not show, as YAML text (block style, as staff write it).
std::string extra_keys(const YAML::Node& root) {
  YAML::Node rest(YAML::NodeType::Map);
  for (const auto& entry : root) {
    if (entry.first.IsScalar() && kFormKeys.count(entry.first.Scalar()) == 0) rest[entry.first] = entry.second;
  }
  if (rest.size() == 0) return {};
  YAML::Emitter out;
  out << rest;
  return std::string(out.c_str()) + "\n";
}

// One "key: value" line, the value written by yaml-cpp in double quotes (escaped as YAML
// needs), so nothing typed can end the line or add a key.
std::string key_value(const std::string& key, const std::string& value) {
  YAML::Emitter out;
  out << YAML::DoubleQuoted << value;
  return key + ": " + out.c_str() + "\n";
}

std::string flow_list(const std::string& key, const std::vector<std::string>& values) {
  YAML::Emitter out;
  out << YAML::Flow << YAML::DoubleQuoted << values;
  return key + ": " + out.c_str() + "\n";
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> values;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string_view piece = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    const std::string_view value = trimmed(piece);
    if (!value.empty()) values.emplace_back(value);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return values;
}

GuideForm form_from_file(const std::string& language, const std::string& slug, std::string_view bytes) {
  GuideForm form;
  form.language = language;
  form.slug = slug;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::string_view yaml;
  if (bytes.substr(0, 4) == "---\n" || bytes.substr(0, 5) == "---\r\n") {
    const std::size_t start = bytes.find('\n') + 1;
    std::size_t close = bytes.find("\n---", start - 1);
    while (close != std::string_view::npos) {
      const std::size_t after = close + 4;
      if (after >= bytes.size() || bytes[after] == '\n' || bytes[after] == '\r') break;
      close = bytes.find("\n---", after);
    }
    if (close != std::string_view::npos) {
      yaml = bytes.substr(start, close + 1 - start);
      const std::size_t body = bytes.find('\n', close + 1);
      bytes = body == std::string_view::npos ? std::string_view() : bytes.substr(body + 1);
    }
  }
  form.body = std::string(bytes);
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    if (!root.IsMap()) {
      form.extra = std::string(yaml);
      return form;
    }
    form.title = scalar(root, "title");
    form.summary = scalar(root, "summary");
    form.topic = scalar(root, "topic");
    form.countries = joined_list(root["countries"]);
    form.audience = joined_list(root["audience"]);
    form.published = scalar(root, "published");
    form.review_by = scalar(root, "review_by");
    form.draft = scalar(root, "draft") == "true";
    read_translations(root["translations"], form);
    form.extra = extra_keys(root);
  } catch (const YAML::Exception&) {
    form.extra = std::string(yaml);  // kept as it is: the checks will say what is wrong
  }
  return form;
}

ComposedGuide compose_guide(const GuideForm& form) {
  ComposedGuide composed;
  std::string& out = composed.bytes;
  int line = 1;
  const auto add = [&](const std::string& field, const std::string& text) {
    out += text;
    for (const char ch : text) {
      if (ch != '\n') continue;
      composed.field_at_line[++line] = field;  // the line the text just ended
    }
  };
  out = "---\n";
  add("title", key_value("title", form.title));
  if (!form.summary.empty()) add("summary", key_value("summary", form.summary));
  add("topic", key_value("topic", form.topic));
  add("language", key_value("language", form.language));
  std::map<std::string, std::string> translations;
  std::istringstream others(form.other_translations);
  for (std::string entry; others >> entry;) {
    const std::size_t colon = entry.find(':');
    if (colon != std::string::npos) translations[entry.substr(0, colon)] = entry.substr(colon + 1);
  }
  if (form.translation_of.rfind("en/", 0) == 0) translations["en"] = form.translation_of.substr(3);
  if (!translations.empty()) {
    YAML::Emitter map;
    map << YAML::Flow << YAML::DoubleQuoted << translations;
    add("translation_of", std::string("translations: ") + map.c_str() + "\n");
  }
  if (const auto countries = split_list(form.countries); !countries.empty()) add("countries", flow_list("countries", countries));
  if (const auto audience = split_list(form.audience); !audience.empty()) add("audience", flow_list("audience", audience));
  if (!form.published.empty()) add("published", key_value("published", form.published));
  if (!form.review_by.empty()) add("review_by", key_value("review_by", form.review_by));
  if (form.draft) add("draft", "draft: true\n");
  std::string extra = form.extra;
  if (!extra.empty() && extra.back() != '\n') extra += '\n';
  add("extra", extra);
  out += "---\n";
  composed.body_line = line + 2;  // after the closing "---"
  out += form.body;
  return composed;
}

std::optional<std::string> with_attachment(const std::string& language, const std::string& slug,
                                           std::string_view bytes, const std::string& file,
                                           const std::string& title) {
  GuideForm form = form_from_file(language, slug, bytes);
  try {
    YAML::Node extra = form.extra.empty() ? YAML::Node(YAML::NodeType::Map) : YAML::Load(form.extra);
    if (!extra.IsMap()) return std::nullopt;
    YAML::Node attachments = extra["attachments"];
    if (!attachments.IsDefined() || attachments.IsNull()) attachments = YAML::Node(YAML::NodeType::Sequence);
    if (!attachments.IsSequence()) return std::nullopt;
    for (const auto& attachment : attachments) {
      if (attachment.IsMap() && attachment["file"].IsScalar() && attachment["file"].Scalar() == file) {
        return std::string(bytes);
      }
    }
    YAML::Node attachment(YAML::NodeType::Map);
    attachment["file"] = file;
    attachment["title"] = title;
    attachments.push_back(attachment);
    extra["attachments"] = attachments;
    YAML::Emitter out;
    out << extra;
    form.extra = std::string(out.c_str()) + "\n";
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
  return compose_guide(form).bytes;
}

}  // namespace kc::content
