#pragma once
// The one error type the statistics module throws for storage failures: the journal, the
// SQLite file (with SQLite's error code, as SQLite::Exception keeps it), the robot list,
// the visitor-key secret, and dates it cannot read.
#include <stdexcept>
#include <string>

namespace kc::stats {

class StatsError : public std::runtime_error {
 public:
  StatsError(const std::string& message, int sqlite_code = 0) : std::runtime_error(message), code_(sqlite_code) {}
  int code() const { return code_; }  // SQLite's (extended) result code; 0 when SQLite was not involved

 private:
  int code_;
};

}  // namespace kc::stats
