#include "content/problem.h"

#include <algorithm>
#include <tuple>

namespace kc::content {

std::string to_string(const Problem& problem) {
  return problem.path + ":" + std::to_string(problem.line) + ": " + problem.message;
}

void sort_problems(std::vector<Problem>& problems) {
  std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) {
    return std::tie(a.path, a.line) < std::tie(b.path, b.line);
  });
}

}  // namespace kc::content
