#include "http/static_files.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <system_error>
#include <utility>

#include "content/text.h"

namespace kc::http {
namespace fs = std::filesystem;
namespace {

bool is_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isxdigit(c) != 0; });
}

// Syntactic checks only: what an attacker can say with the path alone.
bool is_plain_relative_path(const std::string& relative) {
  if (relative.empty() || relative.size() > kMaxRelativePathBytes) return false;
  if (relative.find('\0') != std::string::npos) return false;
  if (relative.find('\\') != std::string::npos) return false;  // a separator elsewhere
  if (relative.front() == '/') return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(relative.find('/', start), relative.size());
    const std::string_view segment(relative.data() + start, end - start);
    // Covers "", ".", ".." and hidden names such as ".git" or ".env".
    if (segment.empty() || segment.front() == '.') return false;
    if (end == relative.size()) return true;
    start = end + 1;
  }
}

// True when `inner` has every component of `outer` and at least one more.
bool strictly_under(const fs::path& outer, const fs::path& inner) {
  auto o = outer.begin();
  auto i = inner.begin();
  for (; o != outer.end(); ++o, ++i) {
    if (i == inner.end() || *o != *i) return false;
  }
  return i != inner.end();
}

}  // namespace

std::optional<fs::path> confine(const fs::path& root, const std::string& relative) {
  if (!is_plain_relative_path(relative)) return std::nullopt;
  std::error_code error;
  const fs::path canonical_root = fs::canonical(root, error);
  if (error) return std::nullopt;
  // canonical() resolves every symlink and fails when the file does not exist.
  fs::path file = fs::canonical(canonical_root / relative, error);
  if (error) return std::nullopt;
  if (!strictly_under(canonical_root, file)) return std::nullopt;
  if (!fs::is_regular_file(file, error) || error) return std::nullopt;
  return file;
}

std::string content_type(const fs::path& file) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".css", "text/css; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"},
      {".doc", "application/msword"},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {".epub", "application/epub+zip"},
      {".gif", "image/gif"},
      {".htm", "text/html; charset=utf-8"},
      {".html", "text/html; charset=utf-8"},
      {".ico", "image/x-icon"},
      {".jpeg", "image/jpeg"},
      {".jpg", "image/jpeg"},
      {".js", "text/javascript; charset=utf-8"},  // RFC 9239
      {".json", "application/json"},
      {".mp3", "audio/mpeg"},
      {".mp4", "video/mp4"},
      {".pdf", "application/pdf"},
      {".png", "image/png"},
      {".ppt", "application/vnd.ms-powerpoint"},
      {".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
      {".svg", "image/svg+xml"},
      {".txt", "text/plain; charset=utf-8"},
      {".webp", "image/webp"},
      {".xls", "application/vnd.ms-excel"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".xml", "application/xml"},
      {".zip", "application/zip"},
  };
  const std::string extension = content::ascii_lower(file.extension().string());
  for (const auto& [known, type] : kTypes) {
    if (extension == known) return type;
  }
  return "application/octet-stream";
}

bool is_compressible(const std::string& content_type) {
  std::string type = content::ascii_lower(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (type.rfind("text/", 0) == 0) return true;
  const std::size_t slash = type.find('/');
  if (slash == std::string::npos) return false;
  const std::string subtype = type.substr(slash + 1);
  const auto ends_with = [&](std::string_view suffix) {
    return subtype.size() >= suffix.size() &&
           subtype.compare(subtype.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  // Exact subtypes, not substrings: .docx is "…openxmlformats…" and already a zip.
  return subtype == "json" || subtype == "xml" || subtype == "javascript" ||
         subtype == "x-javascript" || subtype == "ecmascript" || ends_with("+json") ||
         ends_with("+xml");
}

bool is_fingerprinted(const std::string& file_name) {
  const std::string name = file_name.substr(file_name.rfind('/') + 1);  // npos + 1 == 0
  const std::size_t extension_dot = name.rfind('.');
  if (extension_dot == std::string::npos || extension_dot + 1 == name.size()) return false;
  const std::size_t hash_dot = name.rfind('.', extension_dot - (extension_dot > 0 ? 1 : 0));
  if (hash_dot == std::string::npos || hash_dot == 0 || hash_dot == extension_dot) return false;
  const std::string_view hash(name.data() + hash_dot + 1, extension_dot - hash_dot - 1);
  return hash.size() >= 8 && hash.size() <= 64 && is_hex(hash);
}

}  // namespace kc::http
