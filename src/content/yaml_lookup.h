#pragma once
// Safe look-ups in yaml-cpp maps (internal to content/): yaml-cpp returns an invalid
// node for a missing key, and asking an invalid node its type throws.
#include <yaml-cpp/yaml.h>

#include <string>

namespace kc::content {

inline YAML::Node child(const YAML::Node& map, const char* key) {
  if (!map.IsDefined() || !map.IsMap()) return YAML::Node();
  const YAML::Node node = map[key];
  return node.IsDefined() ? node : YAML::Node();
}

// The key's scalar text, or "" when the key is missing or not a single value.
inline std::string scalar_at(const YAML::Node& map, const char* key) {
  const YAML::Node node = child(map, key);
  return node.IsScalar() ? node.Scalar() : std::string();
}

}  // namespace kc::content
