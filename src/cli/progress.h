#pragma once
// Progress of a long command on a terminal: "done of total, rate, time left" redrawn on
// one stderr line at most ten times a second. Silent when stderr is not a terminal.
#include <chrono>
#include <cstddef>
#include <string>

namespace kc::cli {

class Progress {
 public:
  explicit Progress(std::string unit);
  void update(std::size_t done, std::size_t total);
  void finish();  // clears the line

 private:
  std::string unit_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace kc::cli
