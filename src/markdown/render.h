#pragma once
// Markdown → HTML and plain text with cmark (the only module that includes cmark.h).
// Rendering is safe by default: raw HTML is dropped and javascript:/vbscript:/data: links
// are emptied (never CMARK_OPT_UNSAFE); invalid UTF-8 is replaced (CMARK_OPT_VALIDATE_UTF8).
// An image that is a diagram (the DiagramSource gives its SVG text) is inlined as an
// <svg> sanitised by svg.h, named by the image's alt text; the n-th diagram of a body
// prefixes its ids with "d<n>-".
#include <functional>
#include <string>
#include <string_view>

namespace kc::markdown {

// Maps a link or image URL as written to the URL to render (e.g. "x.md" → "/docs/en/x").
using UrlRewriter = std::function<std::string(const std::string&)>;
// The SVG text of the diagram an image URL (as written) points at, or nullptr for an
// ordinary image. The text must outlive the call to render().
using DiagramSource = std::function<const std::string*(const std::string&)>;

struct RenderedMarkdown {
  std::string html;      // the body as HTML, escaped by cmark
  std::string text;      // plain text of the whole body, blocks separated by newlines
  std::string headings;  // the text of every heading, one per line
};

RenderedMarkdown render(std::string_view markdown, const UrlRewriter& rewrite = {}, const DiagramSource& diagrams = {});

}  // namespace kc::markdown
