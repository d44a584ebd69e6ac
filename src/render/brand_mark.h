#pragma once
// The site's brand mark, read once from its one drawing, web/static/icon.*.svg: as inline
// SVG for the page header and as a data: URL for the favicon. A page is then a single
// request: on a 2G link every further request costs a round trip of 300 ms or more, and
// the favicon one delayed Lighthouse's LCP by half a second (issue 15).
#include <filesystem>
#include <string>

namespace kc::render {

struct BrandMark {
  std::string inline_svg;   // <svg … aria-hidden="true">…</svg>, trusted markup from our own file
  std::string favicon_url;  // data:image/svg+xml,… percent-encoded, safe in any attribute
};

// Throws std::runtime_error naming the folder when it holds no icon.*.svg or several, or
// the file is not an <svg> drawing.
BrandMark load_brand_mark(const std::filesystem::path& static_dir);

}  // namespace kc::render
