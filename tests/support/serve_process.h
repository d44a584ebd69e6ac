#pragma once
// `kc serve` as its own program (the real binary, as staff and service managers run it) on
// an ingested copy of the test corpus, a temp data folder and a free port: for the tests
// that kill it, signal it or read its standard error.
#include <httplib.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/fixture.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/test_server.h"

namespace kc::test {

class ServeProcess {
 public:
  ServeProcess();  // copies and ingests the test corpus; starts nothing

  // Starts kc serve on a new free port with `extra` arguments and `env` added to the test
  // defaults (robot list, web folder), and waits for /healthz (the test fails with the
  // server's standard error otherwise). A server started before is killed first.
  Process& start(const std::vector<std::string>& extra = {}, std::map<std::string, std::string> env = {});
  Process& process() { return *process_; }

  httplib::Client client() const;                     // to the running server, 20 s read timeout
  std::uint64_t found(const std::string& word) const;  // /api/search?q=word's total
  std::string page(const std::string& path) const;    // "<status>\n<body>"

  ContentFixture content;
  TempDir data, cwd;
  int port = 0;

 private:
  std::unique_ptr<Process> process_;
};

}  // namespace kc::test
