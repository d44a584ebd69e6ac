#include "render/link.h"

namespace kc::render {

std::string percent_encode(std::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' ||
                            byte == '~';
    if (unreserved || (keep_slash && byte == '/')) {
      out += ch;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

Link::Link(std::string_view path) {
  // Always site-relative: "//host/x" would leave the site and "x" would be relative to
  // the current page.
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  path_ = "/";
  path_ += path;
}

Link& Link::add(std::string_view name, std::string_view value) {
  if (!value.empty()) params_.emplace_back(std::string(name), std::string(value));
  return *this;
}

Link& Link::add(std::string_view name, int value) { return add(name, std::to_string(value)); }

std::string Link::str() const {
  // Paths come decoded (from the request or the index); encoding them here also turns a
  // "javascript:" value into a harmless relative path ("javascript%3A…").
  std::string out = percent_encode(path_, true);
  char separator = '?';
  for (const auto& [name, value] : params_) {
    out += separator;
    out += percent_encode(name);
    out += '=';
    out += percent_encode(value);
    separator = '&';
  }
  return out;
}

}  // namespace kc::render
