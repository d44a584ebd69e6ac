#pragma once
// Markdown → HTML and plain text with cmark (the only module that includes cmark.h).
// Rendering is safe by default: raw HTML is dropped and javascript:/vbscript:/data: links
// are emptied (never CMARK_OPT_UNSAFE); invalid UTF-8 is replaced (CMARK_OPT_VALIDATE_UTF8).
#include <functional>
#include <string>
#include <string_view>

namespace kc::markdown {

// Maps a link or image URL as written to the URL to render (e.g. "x.md" → "/docs/en/x").
using UrlRewriter = std::function<std::string(const std::string&)>;

struct RenderedMarkdown {
  std::string html;      // the body as HTML, escaped by cmark
  std::string text;      // plain text of the whole body, blocks separated by newlines
  std::string headings;  // the text of every heading, one per line
};

RenderedMarkdown render(std::string_view markdown, const UrlRewriter& rewrite = {});

}  // namespace kc::markdown
