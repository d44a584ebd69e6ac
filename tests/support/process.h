#pragma once
// kc run as a separate program, the way users and service managers run it: its own
// working folder and environment, its standard error kept in a file for the test to read.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace kc::test {

class Process {
 public:
  // Starts `program ARGS…` in `cwd` with the current environment plus `env` (a value of
  // "" removes the variable).
  Process(const std::filesystem::path& program, std::vector<std::string> args, const std::filesystem::path& cwd,
          std::map<std::string, std::string> env = {});
  ~Process();  // SIGKILL if still running
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // The exit status once it ended by itself within `timeout`; -1 if it was still running
  // (it is then left running), 128 + N for signal N.
  int wait(std::chrono::milliseconds timeout);
  int terminate();  // SIGTERM, then wait up to 15 s; returns the exit status
  int kill();       // SIGKILL (nothing is cleaned up, as in a crash), then wait; the exit status
  bool running();
  std::string standard_error() const;

 private:
  pid_t pid_ = -1;
  int status_ = -1;
  TempDir output_;
};

struct CommandResult {
  int status;          // the shell's exit status
  std::string output;  // standard output
};
CommandResult run_command(const std::string& command);

}  // namespace kc::test
