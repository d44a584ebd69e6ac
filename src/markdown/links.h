#pragma once
// Finds every link and image target in a Markdown body, with the line it is on, so that
// validation can report broken links as path:line.
#include <string>
#include <string_view>
#include <vector>

namespace kc::markdown {

struct Link {
  std::string url;
  int line = 1;        // file line, counting from `first_line` for the body's first line
  bool image = false;  // ![alt](url) rather than [text](url)
  std::string alt;     // an image's alternative text (its plain text); "" for a link
};

std::vector<Link> extract_links(std::string_view markdown, int first_line = 1);

}  // namespace kc::markdown
