#include "content/link_resolver.h"

#include <filesystem>

namespace kc::content {
namespace {

bool has_scheme(const std::string& url) {
  const auto colon = url.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = url[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

// A content-relative path with "." and ".." resolved, or "" when it climbs out of the root.
std::string normalise(const std::filesystem::path& path) {
  const std::string normal = path.lexically_normal().generic_string();
  if (normal.empty() || normal == "." || normal.rfind("..", 0) == 0 || normal.front() == '/') return {};
  return normal;
}

ResolvedLink resolve_document(const Corpus& corpus, const std::string& language,
                              const std::string& slug, const std::string& fragment) {
  const Document* target = corpus.find(language, slug);
  if (target == nullptr) return {ResolvedLink::Kind::Broken, {}};
  return {ResolvedLink::Kind::Document, target->url() + fragment};
}

}  // namespace

ResolvedLink resolve_link(const Corpus& corpus, const Document& from, const std::string& url) {
  using Kind = ResolvedLink::Kind;
  if (url.empty() || url.front() == '#') return {Kind::Anchor, url};
  if (has_scheme(url) || url.rfind("//", 0) == 0) return {Kind::External, url};

  std::string path = url;
  std::string fragment;
  if (const auto cut = path.find_first_of("?#"); cut != std::string::npos) {
    fragment = path.substr(cut);
    path.resize(cut);
  }
  if (path.rfind("/docs/", 0) == 0) {
    const std::string rest = path.substr(6);
    const auto slash = rest.find('/');
    if (slash == std::string::npos) return {Kind::Broken, {}};
    return resolve_document(corpus, rest.substr(0, slash), rest.substr(slash + 1), fragment);
  }
  if (path.rfind("/files/", 0) == 0) {
    const std::string file = normalise(path.substr(1));
    if (file.empty() || !corpus.files.count(file)) return {Kind::Broken, {}};
    return {Kind::File, "/" + file + fragment};
  }
  if (path.rfind("/diagrams/", 0) == 0) {
    const std::string diagram = normalise(path.substr(1));
    if (diagram.empty() || !corpus.diagrams.count(diagram)) return {Kind::Broken, {}};
    return {Kind::Diagram, "/" + diagram};
  }
  if (path.front() == '/') return {Kind::SitePage, url};

  const std::string target = normalise(std::filesystem::path(from.path).parent_path() / path);
  if (target.rfind("diagrams/", 0) == 0) {
    if (!corpus.diagrams.count(target)) return {Kind::Broken, {}};
    return {Kind::Diagram, "/" + target};
  }
  if (target.rfind("files/", 0) == 0) {
    if (!corpus.files.count(target)) return {Kind::Broken, {}};
    return {Kind::File, "/" + target + fragment};
  }
  if (std::filesystem::path(target).extension() == ".md") {
    if (const Document* doc = corpus.find_path(target)) return {Kind::Document, doc->url() + fragment};
  }
  return {Kind::Broken, {}};
}

}  // namespace kc::content
