#include "markdown/render.h"

#include <cmark.h>

#include <stdexcept>
#include <utility>
#include <vector>

#include "markdown/cmark_handles.h"
#include "markdown/svg.h"

namespace kc::markdown {
namespace {

constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART;

bool is_block_end(cmark_node_type type) {
  switch (type) {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
    case CMARK_NODE_ITEM:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_BLOCK_QUOTE:
      return true;
    default:
      return false;
  }
}

// Replaces each diagram image by its sanitised <svg>. cmark writes a custom inline node's
// text as it is, and only our sanitiser's output ever goes there. A diagram that is
// refused (kc check reports it) is left as its alt text.
void inline_diagrams(const std::vector<std::pair<cmark_node*, const std::string*>>& diagrams) {
  int number = 0;
  for (const auto& [image, svg] : diagrams) {
    const std::string alt = plain_text(image);
    const SanitisedSvg sanitised = sanitise_svg(*svg, {alt, "d" + std::to_string(++number) + "-"});
    cmark_node* replacement = nullptr;
    if (sanitised.html.empty()) {
      replacement = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(replacement, alt.c_str());
    } else {
      replacement = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
      cmark_node_set_on_enter(replacement, sanitised.html.c_str());
    }
    if (replacement == nullptr || !cmark_node_replace(image, replacement)) {
      cmark_node_free(replacement);
      throw std::runtime_error("cmark could not inline a diagram");
    }
    cmark_node_free(image);
  }
}

}  // namespace

RenderedMarkdown render(std::string_view markdown, const UrlRewriter& rewrite, const DiagramSource& diagrams) {
  CmarkNode document(
      cmark_parse_document(markdown.data(), markdown.size(), kOptions));
  if (!document) throw std::runtime_error("cmark could not parse a document");

  RenderedMarkdown rendered;
  std::vector<std::pair<cmark_node*, const std::string*>> found_diagrams;
  CmarkIter iter(cmark_iter_new(document.get()));
  int heading_depth = 0;
  for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const cmark_node_type type = cmark_node_get_type(node);
    if (event == CMARK_EVENT_ENTER) {
      if (type == CMARK_NODE_HEADING) ++heading_depth;
      if (type == CMARK_NODE_IMAGE && diagrams) {
        const char* url = cmark_node_get_url(node);
        if (const std::string* svg = url != nullptr ? diagrams(url) : nullptr) found_diagrams.emplace_back(node, svg);
      }
      if ((type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) && rewrite) {
        const char* url = cmark_node_get_url(node);
        if (url != nullptr) cmark_node_set_url(node, rewrite(url).c_str());
      }
      if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK) {
        const char* literal = cmark_node_get_literal(node);
        if (literal != nullptr) {
          rendered.text += literal;
          if (heading_depth > 0) rendered.headings += literal;
        }
      } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
        rendered.text += ' ';
        if (heading_depth > 0) rendered.headings += ' ';
      }
    } else if (event == CMARK_EVENT_EXIT) {
      if (type == CMARK_NODE_HEADING) {
        --heading_depth;
        rendered.headings += '\n';
      }
      if (is_block_end(type) && !rendered.text.empty() && rendered.text.back() != '\n') {
        rendered.text += '\n';
      }
    }
  }
  iter.reset();  // nodes are replaced only once the walk is over
  inline_diagrams(found_diagrams);
  CmarkString html(cmark_render_html(document.get(), kOptions));
  rendered.html = html ? html.get() : "";
  return rendered;
}

}  // namespace kc::markdown
