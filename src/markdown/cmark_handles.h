#pragma once
// RAII owners for cmark's C objects, and the plain text of a node (internal to markdown/).
#include <cmark.h>

#include <cstdlib>
#include <memory>
#include <string>

namespace kc::markdown {

struct CmarkNodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct CmarkIterFree {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
struct CmarkStringFree {
  void operator()(char* text) const { std::free(text); }
};
using CmarkNode = std::unique_ptr<cmark_node, CmarkNodeFree>;
using CmarkIter = std::unique_ptr<cmark_iter, CmarkIterFree>;
using CmarkString = std::unique_ptr<char, CmarkStringFree>;

// The text inside `node` without its markup: an image's alt text, as cmark renders it.
inline std::string plain_text(cmark_node* node) {
  std::string text;
  for (cmark_node* child = cmark_node_first_child(node); child != nullptr; child = cmark_node_next(child)) {
    const cmark_node_type type = cmark_node_get_type(child);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
      if (const char* literal = cmark_node_get_literal(child)) text += literal;
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      text += ' ';
    } else {
      text += plain_text(child);
    }
  }
  return text;
}

}  // namespace kc::markdown
