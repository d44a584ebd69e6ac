#pragma once
// The `kc` command line (DESIGN §5), with CLI11: check, ingest, search, suggest.
// Results go to stdout, diagnostics and progress to stderr. Exit codes: 0 success,
// 1 validation problems or nothing found, 2 usage or runtime error.
namespace kc::cli {

int run(int argc, char** argv);

}  // namespace kc::cli
