#pragma once
// Configuration for `kc serve`: flags override environment variables (KC_*), which
// override the YAML config file (--config, else kc.yaml when present), which overrides
// the defaults (DESIGN §5). The only place that reads the environment or config files.
// Throws std::runtime_error naming the file, key or variable that is wrong, and when the
// robot list is missing (see locations.h; `robots_file: none` runs without one). Tokens
// are never printed.
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
  std::optional<int> max_upload_mb;
  bool watch = false;  // --watch (no flag: the file's or KC_WATCH's choice)
};

http::ServerOptions load_server_options(const ServeFlags& flags);

}  // namespace kc::cli
