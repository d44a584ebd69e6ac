#pragma once
// The checks that need the whole tree: topics, duplicate slugs, translations, links,
// attachments and indicator references (each file's own checks are in front_matter).
#include <vector>

#include "content/corpus.h"
#include "content/problem.h"

namespace kc::content {

void validate_corpus(const Corpus& corpus, std::vector<Problem>& problems);

}  // namespace kc::content
