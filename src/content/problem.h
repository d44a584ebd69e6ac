#pragma once
// A validation problem in the content tree, reported as `path:line: message`
// (path relative to the content folder, line 1 for file-level problems).
#include <string>
#include <vector>

namespace kc::content {

struct Problem {
  std::string path;
  int line = 1;
  std::string message;
};

std::string to_string(const Problem& problem);

// Sorts by path then line, so reports are stable and read top to bottom.
void sort_problems(std::vector<Problem>& problems);

}  // namespace kc::content
