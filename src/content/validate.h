#pragma once
// The checks that need the whole tree: topics, duplicate slugs, translations, links,
// images' alternative text, diagrams (each one parses and keeps to markdown/svg.h's
// allow-list; a guide shows the version in its own language), attachments and
// indicator references (each file's own checks are in front_matter).
#include <cstddef>
#include <vector>

#include "content/corpus.h"
#include "content/problem.h"

namespace kc::content {

// A guide's Markdown body may be at most this long (cmark output can grow ~13× with nesting).
inline constexpr std::size_t kMaxBodyBytes = 1 << 20;

void validate_corpus(const Corpus& corpus, std::vector<Problem>& problems);

}  // namespace kc::content
