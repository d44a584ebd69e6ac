#pragma once
// Resolves a link written in a guide (DESIGN §2) to what it points at: another guide
// (a relative path to its .md file, or /docs/<lang>/<slug>), an attachment (/files/… or a
// relative path into files/), a diagram (/diagrams/<name>.<lang>.svg or a relative path
// into diagrams/; its href is "/diagrams/…", the corpus key with a leading "/"), an
// external URL (any scheme), or a site page. Internal links are rewritten to the URL the
// server answers.
#include <string>

#include "content/corpus.h"

namespace kc::content {

struct ResolvedLink {
  enum class Kind { External, Anchor, Document, File, Diagram, SitePage, Broken };
  Kind kind = Kind::Broken;
  std::string href;  // the URL to render (unchanged for external links)
};

ResolvedLink resolve_link(const Corpus& corpus, const Document& from, const std::string& url);

}  // namespace kc::content
