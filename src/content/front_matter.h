#pragma once
// Parses one guide file — a YAML front-matter block between `---` lines, then Markdown —
// into a Document (yaml-cpp is used here and in corpus.cpp only). Every problem is
// reported with the file line it is on; parsing never throws for bad input.
#include <string>
#include <string_view>
#include <vector>

#include "content/document.h"
#include "content/problem.h"

namespace kc::content {

struct ParsedDocument {
  Document document;
  std::vector<Problem> problems;  // empty when the file is valid on its own
};

// `path` is relative to the content root ("<lang>/<topic>/<slug>.md"); `bytes` is the file.
ParsedDocument parse_document(const std::string& path, std::string_view bytes);

}  // namespace kc::content
