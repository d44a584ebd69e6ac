#pragma once
// Site-relative links with properly percent-encoded paths and query strings. The result
// is a plain URL, not HTML: templates escape it (ctemplate's auto-escaper checks the
// scheme of a URL attribute and HTML-escapes the `&`), so nothing is escaped twice.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kc::render {

// RFC 3986 percent-encoding of every byte but the unreserved ones (A–Z a–z 0–9 - . _ ~),
// and of "/" too unless keep_slash.
std::string percent_encode(std::string_view text, bool keep_slash = false);

// A path plus query parameters, e.g. Link("/search").add("q", "mercury free").str() ==
// "/search?q=mercury%20free". Parameters with an empty value are left out.
class Link {
 public:
  explicit Link(std::string_view path);  // an unencoded path, made site-relative ("/…"); encoded by str()
  Link& add(std::string_view name, std::string_view value);
  Link& add(std::string_view name, int value);
  std::string str() const;

 private:
  std::string path_;
  std::vector<std::pair<std::string, std::string>> params_;
};

}  // namespace kc::render
