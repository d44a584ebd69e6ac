#include "cli/config.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>

#include "cli/locations.h"

namespace kc::cli {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream stream(text);
  for (std::string item; std::getline(stream, item, ',');) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

int to_int(const std::string& text, const std::string& where) {
  try {
    std::size_t used = 0;
    const int value = std::stoi(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  throw std::runtime_error(where + ": '" + text + "' is not a whole number");
}

bool to_bool(const std::string& text, const std::string& where) {
  if (text == "true" || text == "yes" || text == "on" || text == "1") return true;
  if (text == "false" || text == "no" || text == "off" || text == "0") return false;
  throw std::runtime_error(where + ": '" + text + "' is not true or false");
}

// One setting: how to apply a textual value (from the file or the environment).
using Setter = std::function<void(http::ServerOptions&, const std::string& value, const std::string& where)>;

const std::map<std::string, Setter>& setters() {
  static const std::map<std::string, Setter> kSetters = {
      {"host", [](auto& o, const auto& v, const auto&) { o.host = v; }},
      {"port", [](auto& o, const auto& v, const auto& w) { o.port = static_cast<std::uint16_t>(to_int(v, w)); }},
      {"threads", [](auto& o, const auto& v, const auto& w) { o.threads = static_cast<unsigned>(to_int(v, w)); }},
      {"content", [](auto& o, const auto& v, const auto&) { o.content_dir = v; }},
      {"index", [](auto& o, const auto& v, const auto&) { o.index_dir = v; }},
      {"data", [](auto& o, const auto& v, const auto&) { o.log.data_dir = v; }},
      {"web", [](auto& o, const auto& v, const auto&) { o.web_dir = v; }},
      {"public_url", [](auto& o, const auto& v, const auto&) { o.public_url = v; }},
      {"analyst_token", [](auto& o, const auto& v, const auto&) { o.analyst_token = v; }},
      {"staff_token", [](auto& o, const auto& v, const auto&) { o.staff_token = v; }},
      {"trusted_proxies", [](auto& o, const auto& v, const auto&) { o.trusted_proxies = split_list(v); }},
      {"max_request_bytes",
       [](auto& o, const auto& v, const auto& w) { o.max_request_bytes = static_cast<std::size_t>(to_int(v, w)); }},
      {"max_guide_bytes",
       [](auto& o, const auto& v, const auto& w) { o.max_guide_bytes = static_cast<std::size_t>(to_int(v, w)); }},
      {"header_timeout_ms",
       [](auto& o, const auto& v, const auto& w) { o.header_timeout = std::chrono::milliseconds(to_int(v, w)); }},
      {"keepalive_timeout_ms",
       [](auto& o, const auto& v, const auto& w) { o.keepalive_timeout = std::chrono::milliseconds(to_int(v, w)); }},
      {"robots_file", [](auto& o, const auto& v, const auto&) { o.log.robots_file = v; }},
      {"robot_allow_list", [](auto& o, const auto& v, const auto&) { o.log.robot_allow_list = split_list(v); }},
      {"bulk_files_per_minute",
       [](auto& o, const auto& v, const auto& w) { o.log.bulk_files_per_minute = to_int(v, w); }},
      {"retention_months", [](auto& o, const auto& v, const auto& w) { o.log.retention_months = to_int(v, w); }},
      {"cache_mb",
       [](auto& o, const auto& v, const auto& w) {
         const int megabytes = to_int(v, w);
         if (megabytes < 0) throw std::runtime_error(w + ": must be 0 (off) or more");
         o.response_cache_bytes = static_cast<std::size_t>(megabytes) << 20;
       }},
      {"max_upload_mb",
       [](auto& o, const auto& v, const auto& w) {
         const int megabytes = to_int(v, w);
         if (megabytes < 1 || megabytes > 4096) throw std::runtime_error(w + ": must be from 1 to 4096 (MB)");
         o.max_upload_bytes = static_cast<std::size_t>(megabytes) << 20;
       }},
      {"upload_port",
       [](auto& o, const auto& v, const auto& w) {
         const int port = to_int(v, w);
         if (port < 0 || port > 65535) throw std::runtime_error(w + ": must be a port (0: any)");
         o.upload_port = static_cast<std::uint16_t>(port);
       }},
      {"upload_url", [](auto& o, const auto& v, const auto&) { o.upload_url = v; }},
      {"watch", [](auto& o, const auto& v, const auto& w) { o.watch = to_bool(v, w); }},
      {"count_events", [](auto& o, const auto& v, const auto& w) { o.count_events = to_int(v, w) != 0; }},
  };
  return kSetters;
}

std::string line_of(const YAML::Node& node) { return std::to_string(node.Mark().line + 1); }

// `staff: [{name, token_sha256}]`: a list of mappings, unlike every other setting, so
// read here rather than through setters(). ServerOptions::validate() checks the values.
std::vector<http::StaffToken> read_staff(const YAML::Node& list, const std::string& file) {
  std::vector<http::StaffToken> staff;
  if (list.IsNull()) return staff;
  if (!list.IsSequence()) throw std::runtime_error(file + ":" + line_of(list) + ": staff: must be a list of {name, token_sha256}");
  for (const auto& item : list) {
    const std::string where = file + ":" + line_of(item) + ": staff";
    if (!item.IsMap()) throw std::runtime_error(where + ": each entry must be {name, token_sha256}");
    http::StaffToken member;
    for (const auto& field : item) {
      const std::string key = field.first.Scalar();
      if (!field.second.IsScalar()) throw std::runtime_error(where + ": " + key + " must be a text value");
      if (key == "name") {
        member.name = field.second.Scalar();
      } else if (key == "token_sha256") {
        member.token_sha256 = field.second.Scalar();
      } else {
        throw std::runtime_error(where + ": unknown field '" + key + "' (name, token_sha256)");
      }
    }
    staff.push_back(std::move(member));
  }
  return staff;
}

void apply_file(const fs::path& path, http::ServerOptions& options) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path.string());
  } catch (const YAML::Exception& error) {
    throw std::runtime_error(path.string() + ":" + std::to_string(error.mark.line + 1) + ": " + error.msg);
  }
  if (root.IsNull()) return;
  if (!root.IsMap()) throw std::runtime_error(path.string() + ": must be a mapping of settings");
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    const std::string where = path.string() + ":" + std::to_string(entry.first.Mark().line + 1) + ": " + key;
    if (key == "staff") {
      options.staff = read_staff(entry.second, path.string());
      continue;
    }
    const auto setter = setters().find(key);
    if (setter == setters().end()) throw std::runtime_error(where + ": unknown setting (see kc.example.yaml)");
    std::string value;
    if (entry.second.IsSequence()) {
      for (const auto& item : entry.second) value += (value.empty() ? "" : ",") + item.as<std::string>();
    } else if (entry.second.IsScalar()) {
      value = entry.second.Scalar();
    } else if (!entry.second.IsNull()) {
      throw std::runtime_error(where + ": must be a value or a list");
    }
    setter->second(options, value, where);
  }
}

void apply_environment(http::ServerOptions& options) {
  for (const auto& [key, setter] : setters()) {
    std::string variable = "KC_" + key;
    for (char& c : variable) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (const char* value = std::getenv(variable.c_str()); value != nullptr && *value != '\0') {
      setter(options, value, "environment variable " + variable);
    }
  }
}

// The robot list is required: without it every crawler would count as a reader, and
// nobody would notice. Only an explicit `robots_file: none` runs without one.
void resolve_robot_list(fs::path& robots_file) {
  const std::string how = "install it with tools/setup.sh (the npm package crawler-user-agents), point "
                          "robots_file (KC_ROBOTS_FILE) at a copy, or set robots_file: none to count robots as readers";
  if (robots_file == "none") {
    robots_file.clear();
    return;
  }
  if (robots_file.empty()) {
    robots_file = found_or_throw(locate_robot_list(), "robot list", how);
    return;
  }
  std::error_code error;
  if (!fs::is_regular_file(robots_file, error)) {
    throw std::runtime_error("robot list not found: " + robots_file.string() + " (robots_file); " + how);
  }
}

void resolve_web_dir(fs::path& web_dir) {
  if (web_dir.empty()) {
    web_dir = found_or_throw(locate_web_dir(), "web folder (templates, UI strings)",
                             "run kc from a checkout or an installed prefix, or set web (KC_WEB)");
  }
}

}  // namespace

http::ServerOptions load_server_options(const ServeFlags& flags) {
  http::ServerOptions options;
  options.web_dir.clear();  // found below unless the file or the environment names it
  const char* env_config = std::getenv("KC_CONFIG");
  const std::string config = flags.config ? *flags.config : env_config && *env_config ? env_config : "";
  if (!config.empty()) {
    if (!fs::exists(config)) throw std::runtime_error("config file not found: " + config);
    apply_file(config, options);
  } else if (fs::exists("kc.yaml")) {
    apply_file("kc.yaml", options);
  }
  apply_environment(options);
  if (flags.content) options.content_dir = *flags.content;
  if (flags.index) options.index_dir = *flags.index;
  if (flags.data) options.log.data_dir = *flags.data;
  if (flags.host) options.host = *flags.host;
  if (flags.port) options.port = static_cast<std::uint16_t>(*flags.port);
  if (flags.threads) options.threads = static_cast<unsigned>(*flags.threads);
  if (flags.watch) options.watch = true;
  if (flags.max_upload_mb) options.max_upload_bytes = static_cast<std::size_t>(*flags.max_upload_mb) << 20;
  resolve_robot_list(options.log.robots_file);
  resolve_web_dir(options.web_dir);
  // Optional: without the lists a staff save keeps the ones the index already holds.
  if (const auto stop_words = locate_stop_words().found) options.stop_words_dir = *stop_words;
  try {
    options.validate();
  } catch (const std::invalid_argument& error) {
    throw std::runtime_error(std::string("configuration: ") + error.what());
  }
  return options;
}

}  // namespace kc::cli
