#include "content/front_matter.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

#include "content/utf8.h"
#include "content/yaml_lookup.h"

namespace kc::content {
namespace {

int line_of_offset(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// Reads the typed keys of the front matter, turning type errors into problems at the
// key's own line (yaml-cpp marks are 0-based and relative to the YAML block).
class FrontMatterReader {
 public:
  FrontMatterReader(const std::string& path, int first_line, std::vector<Problem>& problems)
      : path_(path), first_line_(first_line), problems_(problems) {}

  int line_of(const YAML::Node& node) const { return first_line_ + node.Mark().line; }

  void problem(const YAML::Node& node, const std::string& message) {
    problems_.push_back({path_, node.IsDefined() && node.Mark().line >= 0 ? line_of(node) : 1, message});
  }

  std::string scalar(const YAML::Node& map, const char* key) {
    const YAML::Node node = child(map, key);
    if (!node.IsDefined() || node.IsNull()) return {};
    if (!node.IsScalar()) {
      problem(node, std::string("'") + key + "' must be a single value");
      return {};
    }
    return node.Scalar();
  }

  // A YYYY-MM-DD value; nullopt (with a problem when present but wrong) otherwise.
  std::optional<std::string> date(const YAML::Node& map, const char* key) {
    const std::string text = scalar(map, key);
    if (text.empty()) return std::nullopt;
    if (is_valid_date(text)) return text;
    problem(child(map, key), "invalid date '" + text + "' (expected YYYY-MM-DD)");
    return std::nullopt;
  }

  // true or false (YAML 1.2's spellings); anything else is a problem and counts as true,
  // so that a mistyped `draft: ture` never publishes the guide.
  bool boolean(const YAML::Node& map, const char* key) {
    const std::string text = scalar(map, key);
    if (text.empty() || text == "false") return false;
    if (text != "true") problem(child(map, key), std::string("'") + key + "' must be true or false");
    return true;
  }

  std::vector<std::string> list(const YAML::Node& map, const char* key) {
    const YAML::Node node = child(map, key);
    std::vector<std::string> values;
    if (!node.IsDefined() || node.IsNull()) return values;
    if (node.IsScalar()) return {node.Scalar()};
    if (!node.IsSequence()) {
      problem(node, std::string("'") + key + "' must be a list");
      return values;
    }
    for (const auto& item : node) {
      if (item.IsScalar()) {
        values.push_back(item.Scalar());
      } else {
        problem(item, std::string("'") + key + "' entries must be single values");
      }
    }
    return values;
  }

  std::map<std::string, std::string> translations(const YAML::Node& map) {
    const YAML::Node node = child(map, "translations");
    std::map<std::string, std::string> result;
    if (!node.IsDefined() || node.IsNull()) return result;
    if (!node.IsMap()) {
      problem(node, "'translations' must map a language to a slug, e.g. { fr: mon-guide }");
      return result;
    }
    for (const auto& entry : node) {
      const std::string language = entry.first.Scalar();
      if (!is_known_language(language)) {
        problem(entry.first, "unknown translation language '" + language + "'");
      } else if (!entry.second.IsScalar() || !is_valid_slug(entry.second.Scalar())) {
        problem(entry.second, "translation '" + language + "' must be a slug");
      } else {
        result[language] = entry.second.Scalar();
      }
    }
    return result;
  }

  std::vector<Attachment> attachments(const YAML::Node& map) {
    const YAML::Node node = child(map, "attachments");
    std::vector<Attachment> result;
    if (!node.IsDefined() || node.IsNull()) return result;
    if (!node.IsSequence()) {
      problem(node, "'attachments' must be a list of { file: files/…, title: … }");
      return result;
    }
    for (const auto& item : node) {
      Attachment attachment;
      if (item.IsScalar()) {
        attachment.file = item.Scalar();
      } else if (!scalar_at(item, "file").empty()) {
        attachment.file = scalar_at(item, "file");
        attachment.title = scalar_at(item, "title");
      } else {
        problem(item, "an attachment needs 'file: files/…'");
        continue;
      }
      if (attachment.title.empty()) {
        attachment.title = std::filesystem::path(attachment.file).filename().string();
      }
      result.push_back(std::move(attachment));
    }
    return result;
  }

 private:
  const std::string& path_;
  int first_line_;
  std::vector<Problem>& problems_;
};

void read_front_matter(const YAML::Node& root, FrontMatterReader& reader, Document& doc,
                       std::vector<Problem>& problems) {
  doc.title = reader.scalar(root, "title");
  doc.summary = reader.scalar(root, "summary");
  doc.topic = reader.scalar(root, "topic");
  doc.language = reader.scalar(root, "language");
  const std::string slug = reader.scalar(root, "slug");
  if (!slug.empty()) doc.slug = slug;
  // A key that is present but not a single value was reported by scalar() already.
  const auto missing = [&](const char* key) {
    const YAML::Node node = child(root, key);
    return !node.IsDefined() || node.IsNull() || (node.IsScalar() && node.Scalar().empty());
  };
  if (missing("title")) problems.push_back({doc.path, 1, "missing 'title'"});
  if (missing("topic")) problems.push_back({doc.path, 1, "missing 'topic'"});
  if (missing("language")) {
    problems.push_back({doc.path, 1, "missing 'language'"});
  } else if (!is_known_language(doc.language)) {
    reader.problem(child(root, "language"), "unknown language '" + doc.language + "' (en, fr, es or pt)");
  }
  if (!is_valid_slug(doc.slug)) {
    problems.push_back({doc.path, slug.empty() ? 1 : reader.line_of(child(root, "slug")),
                        "invalid slug '" + doc.slug + "' (lower-case letters, digits and '-')"});
  }
  doc.variant = reader.scalar(root, "variant");
  if (!doc.variant.empty() && is_known_language(doc.language)) {
    const auto& variants = known_variants(doc.language);
    if (variants.empty()) {
      reader.problem(child(root, "variant"), "'variant' is for Portuguese guides only (pt-BR, pt-MZ…)");
      doc.variant.clear();
    } else if (std::find(variants.begin(), variants.end(), doc.variant) == variants.end()) {
      std::string list;
      for (const auto& known : variants) list += (list.empty() ? "" : ", ") + known;
      reader.problem(child(root, "variant"), "unknown variant '" + doc.variant + "' (" + list + ")");
      doc.variant.clear();
    }
  }
  doc.published = reader.date(root, "published");
  doc.review_by = reader.date(root, "review_by");
  doc.draft = reader.boolean(root, "draft");
  doc.translations = reader.translations(root);
  doc.countries = reader.list(root, "countries");
  doc.audience = reader.list(root, "audience");
  doc.tags = reader.list(root, "tags");
  doc.sources = reader.list(root, "sources");
  doc.attachments = reader.attachments(root);
}

}  // namespace

ParsedDocument parse_document(const std::string& path, std::string_view bytes) {
  ParsedDocument parsed;
  Document& doc = parsed.document;
  auto& problems = parsed.problems;
  doc.path = path;
  doc.slug = std::filesystem::path(path).stem().string();

  if (const auto bad = find_invalid_utf8(bytes)) {
    problems.push_back({path, line_of_offset(bytes, *bad), "invalid UTF-8 (the file must be saved as UTF-8)"});
    return parsed;
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  const bool opens = bytes.substr(0, 4) == "---\n" || bytes.substr(0, 5) == "---\r\n";
  const std::size_t yaml_start = opens ? bytes.find('\n') + 1 : 0;
  std::size_t close = std::string_view::npos;
  for (std::size_t pos = yaml_start; opens && pos < bytes.size();) {
    const std::size_t end = bytes.find('\n', pos);
    std::string_view line = bytes.substr(pos, end == std::string_view::npos ? end : end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line == "---" || line == "...") {
      close = pos;
      break;
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  if (!opens || close == std::string_view::npos) {
    problems.push_back({path, 1, opens ? "front matter is not closed by a '---' line"
                                       : "missing front matter (the file must start with a '---' line)"});
    return parsed;
  }
  const std::size_t body_start = bytes.find('\n', close);
  doc.body = body_start == std::string_view::npos ? "" : std::string(bytes.substr(body_start + 1));
  doc.body_line = line_of_offset(bytes, close) + 1;

  YAML::Node root;
  try {
    root = YAML::Load(std::string(bytes.substr(yaml_start, close - yaml_start)));
  } catch (const YAML::Exception& error) {
    problems.push_back({path, 2 + std::max(0, error.mark.line), "malformed YAML: " + error.msg});
    return parsed;
  }
  if (!root.IsMap()) {
    problems.push_back({path, 2, "front matter must be a YAML mapping of keys to values"});
    return parsed;
  }
  FrontMatterReader reader(path, 2, problems);
  try {
    read_front_matter(root, reader, doc, problems);
  } catch (const YAML::Exception& error) {
    problems.push_back({path, 2 + std::max(0, error.mark.line), "malformed front matter: " + error.msg});
  }
  return parsed;
}

}  // namespace kc::content
