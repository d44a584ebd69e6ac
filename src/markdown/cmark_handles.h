#pragma once
// RAII owners for cmark's C objects (internal to markdown/).
#include <cmark.h>

#include <cstdlib>
#include <memory>

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

}  // namespace kc::markdown
