#include "render/brand_mark.h"

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

namespace kc::render {
namespace {

// The drawing as the text of a data: URL, as short as is safe: double quotes become
// single ones (the same XML), and only what URLs or an HTML attribute cannot hold as it
// is gets percent-encoded: % # < > & and anything outside printable ASCII.
std::string data_url_text(const std::string& svg) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : svg) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"') {
      out += '\'';
    } else if (byte < 0x20 || byte >= 0x7f || c == '%' || c == '#' || c == '<' || c == '>' || c == '&') {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

BrandMark load_brand_mark(const std::filesystem::path& static_dir) {
  std::vector<std::filesystem::path> found;
  if (std::filesystem::is_directory(static_dir)) {
    for (const auto& entry : std::filesystem::directory_iterator(static_dir)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("icon.", 0) == 0 && entry.path().extension() == ".svg") found.push_back(entry.path());
    }
  }
  if (found.size() != 1) {
    throw std::runtime_error(static_dir.string() + ": needs exactly one icon.*.svg, found " + std::to_string(found.size()));
  }
  std::ifstream in(found.front(), std::ios::binary);
  const std::string drawing((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string opening = "<svg ";
  const auto start = drawing.find(opening);
  const auto end = drawing.rfind("</svg>");
  if (start == std::string::npos || end == std::string::npos || end < start) {
    throw std::runtime_error(found.front().string() + ": not an <svg> drawing");
  }
  BrandMark mark;
  // Decorative next to the site's name: hidden from screen readers, 32 px like the old <img>.
  mark.inline_svg = "<svg width=\"32\" height=\"32\" aria-hidden=\"true\" focusable=\"false\" " +
                    drawing.substr(start + opening.size(), end + 6 - start - opening.size());
  mark.favicon_url = "data:image/svg+xml," + data_url_text(drawing.substr(start, end + 6 - start));
  return mark;
}

}  // namespace kc::render
