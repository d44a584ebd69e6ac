#include "markdown/links.h"

#include <cmark.h>

#include "markdown/cmark_handles.h"

namespace kc::markdown {

std::vector<Link> extract_links(std::string_view markdown, int first_line) {
  std::vector<Link> links;
  CmarkNode document(cmark_parse_document(markdown.data(), markdown.size(),
                                          CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8));
  if (!document) return links;
  CmarkIter iter(cmark_iter_new(document.get()));
  int block_line = 1;
  for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter.get());
    // cmark 0.30 keeps source positions for blocks only: a link gets its block's line.
    if (const int line = cmark_node_get_start_line(node); line > 0) block_line = line;
    const cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
      const char* url = cmark_node_get_url(node);
      if (url == nullptr || *url == '\0') continue;
      const bool image = type == CMARK_NODE_IMAGE;
      links.push_back({url, first_line + block_line - 1, image, image ? plain_text(node) : std::string()});
    }
  }
  return links;
}

}  // namespace kc::markdown
