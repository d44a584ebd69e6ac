#pragma once
// SVG diagrams (content/diagrams/*.svg) made safe to inline in a page. The file is parsed
// with libxml2 (markdown/ owns it; svg.cpp is the only file that includes it) and written
// out again from the parsed tree, keeping only what an allow-list names:
//   elements   svg (the root only), g, path, rect, circle, ellipse, line, polyline, polygon,
//              text, tspan, title, desc, defs, marker — all in the SVG namespace;
//   attributes geometry (x, y, d, points, viewBox, transform…), marker geometry, and
//              presentation attributes (fill, stroke, font-size, text-anchor, marker-end…),
//              with no namespace; `url(…)` only as a local `url(#id)`.
// Everything else is dropped and reported: script, style, foreignObject, image, use, a,
// any href, every on* attribute, the style attribute, processing instructions, and any
// DOCTYPE (so no entity is ever declared, expanded or fetched: the whole file is refused).
// No file or network access ever happens (NONET, and external entities are never loaded).
//
// The inlined <svg> gets role="img", aria-labelledby and, as its first child, a <title>
// holding the accessible name (the image's alt text); the file's own top-level <title>
// is replaced by it. Every id (and every url(#id) reference) is prefixed, so two diagrams
// on one page never share an id.
//
// Thread safety: sanitise_svg() may be called from any thread (libxml2 is initialised once).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kc::markdown {

// A diagram is a few KB; a guide page must stay ≤ 14 KB gzipped with its diagrams.
inline constexpr std::size_t kMaxSvgBytes = 32 * 1024;

struct SvgProblem {
  int line = 1;  // the line of the file, from 1
  std::string message;
};

struct SvgOptions {
  std::string title;      // the accessible name; "" keeps the file's own top-level <title>
  std::string id_prefix;  // put before every id, e.g. "d1-" (letters, digits, '-' and '_')
};

struct SanitisedSvg {
  std::string html;                  // the <svg> element to inline; "" when the file is refused
  std::vector<SvgProblem> problems;  // everything dropped or refused, in file order; empty when clean
};

SanitisedSvg sanitise_svg(std::string_view svg, const SvgOptions& options = {});

}  // namespace kc::markdown
