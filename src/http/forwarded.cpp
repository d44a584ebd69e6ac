#include "http/forwarded.h"

#include <arpa/inet.h>

#include <array>
#include <cctype>
#include <cstring>
#include <optional>
#include <string_view>

#include "http/header_tokens.h"

namespace kc::http {
namespace {

struct Address {
  int family = AF_INET;  // AF_INET (4 bytes used) or AF_INET6 (16 bytes)
  std::array<unsigned char, 16> bytes{};
  int bits() const { return family == AF_INET ? 32 : 128; }
};

struct Network {
  Address base;
  int prefix = 0;
};

// A bare IPv4 or IPv6 address; IPv4-mapped IPv6 becomes IPv4 so that a dual-stack
// socket's "::ffff:127.0.0.1" matches a trusted "127.0.0.1".
std::optional<Address> parse_address(std::string_view text) {
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string bare(text);  // inet_pton needs a NUL-terminated string
  Address address;
  if (inet_pton(AF_INET, bare.c_str(), address.bytes.data()) == 1) return address;
  if (inet_pton(AF_INET6, bare.c_str(), address.bytes.data()) != 1) return std::nullopt;
  static constexpr unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (std::memcmp(address.bytes.data(), kMappedPrefix, sizeof kMappedPrefix) == 0) {
    std::memmove(address.bytes.data(), address.bytes.data() + 12, 4);
    std::memset(address.bytes.data() + 4, 0, 12);
    return address;
  }
  address.family = AF_INET6;
  return address;
}

// An X-Forwarded-For entry: an address, "[v6]", "[v6]:port" or "v4:port".
std::optional<Address> parse_forwarded_entry(std::string_view entry) {
  if (!entry.empty() && entry.front() == '[') {
    const std::size_t close = entry.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view after = entry.substr(close + 1);
    if (!after.empty() && after.front() != ':') return std::nullopt;
    return parse_address(entry.substr(1, close - 1));
  }
  const std::size_t colon = entry.find(':');
  if (colon != std::string_view::npos && entry.find(':', colon + 1) == std::string_view::npos) {
    auto address = parse_address(entry.substr(0, colon));  // "v4:port"
    return address && address->family == AF_INET ? address : std::nullopt;
  }
  return parse_address(entry);
}

std::optional<Network> parse_network(std::string_view text) {
  text = trim_whitespace(text);
  const std::size_t slash = text.find('/');
  auto base = parse_address(text.substr(0, slash));
  if (!base) return std::nullopt;
  Network network{*base, base->bits()};
  if (slash == std::string_view::npos) return network;
  const std::string_view digits = text.substr(slash + 1);
  if (digits.empty() || digits.size() > 3) return std::nullopt;
  int prefix = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    prefix = prefix * 10 + (c - '0');
  }
  // "::ffff:10.0.0.0/104" is the IPv4 range 10.0.0.0/8.
  const bool mapped = base->family == AF_INET && text.find(':') < slash;
  if (mapped) prefix -= 96;
  if (prefix < 0 || prefix > base->bits()) return std::nullopt;
  network.prefix = prefix;
  return network;
}

bool contains(const Network& network, const Address& address) {
  if (network.base.family != address.family) return false;
  const int whole_bytes = network.prefix / 8;
  if (std::memcmp(network.base.bytes.data(), address.bytes.data(), whole_bytes) != 0) return false;
  const int rest = network.prefix % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<unsigned char>(0xFF << (8 - rest));
  return (network.base.bytes[whole_bytes] & mask) == (address.bytes[whole_bytes] & mask);
}

std::string to_text(const Address& address) {
  char buffer[INET6_ADDRSTRLEN] = {};
  inet_ntop(address.family, address.bytes.data(), buffer, sizeof buffer);
  return buffer;
}

std::vector<Network> parse_networks(const std::vector<std::string>& trusted_proxies) {
  std::vector<Network> trusted;
  for (const std::string& entry : trusted_proxies) {
    if (auto network = parse_network(entry)) trusted.push_back(*network);
  }
  return trusted;
}

bool is_listed(const std::vector<Network>& trusted, const Address& address) {
  for (const Network& network : trusted) {
    if (contains(network, address)) return true;
  }
  return false;
}

// RFC 3986 host (a DNS name or IPv4 address, or a bracketed IPv6 literal) with an optional
// port: anything else could smuggle text into the addresses our pages print.
bool is_host_and_port(std::string_view text) {
  if (text.empty() || text.size() > 255) return false;
  std::size_t host_end = 0;
  if (text.front() == '[') {
    host_end = text.find(']');
    if (host_end == std::string_view::npos) return false;
    const std::string literal(text.substr(1, host_end - 1));
    in6_addr ignored{};
    if (inet_pton(AF_INET6, literal.c_str(), &ignored) != 1) return false;
    ++host_end;
  } else {
    while (host_end < text.size() && text[host_end] != ':') {
      const char c = text[host_end];
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') return false;
      ++host_end;
    }
    if (host_end == 0) return false;
  }
  if (host_end == text.size()) return true;
  if (text[host_end] != ':' || host_end + 1 == text.size() || text.size() - host_end > 6) return false;
  for (const char c : text.substr(host_end + 1)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The first element of a header a proxy may have appended to ("https, http").
std::string_view first_element(std::string_view header) {
  return trim_whitespace(header.substr(0, header.find(',')));
}

}  // namespace

std::string site_origin(const OriginFacts& facts) {
  if (!facts.public_url.empty()) {
    std::string_view url = facts.public_url;
    while (!url.empty() && url.back() == '/') url.remove_suffix(1);
    return std::string(url);
  }
  std::string scheme = "http";
  std::string_view host = trim_whitespace(facts.host);
  if (facts.from_trusted_proxy) {
    const std::string proto = lower(first_element(facts.forwarded_proto));
    if (proto == "https" || proto == "http") scheme = proto;
    const std::string_view forwarded_host = first_element(facts.forwarded_host);
    if (is_host_and_port(forwarded_host)) host = forwarded_host;
  }
  std::string authority = is_host_and_port(host) ? lower(host) : std::string("localhost");
  // The scheme's own port is left out, as URLs normalise it (Pistache writes "host:80"
  // for a Host header that had no port).
  const std::string default_port = scheme == "https" ? ":443" : ":80";
  if (authority.size() > default_port.size() && authority.compare(authority.size() - default_port.size(),
                                                                   default_port.size(), default_port) == 0) {
    authority.resize(authority.size() - default_port.size());
  }
  return scheme + "://" + authority;
}

struct TrustedProxies::Networks {
  std::vector<Network> list;
};

TrustedProxies::TrustedProxies() : networks_(std::make_shared<const Networks>()) {}

TrustedProxies::TrustedProxies(const std::vector<std::string>& entries)
    : networks_(std::make_shared<const Networks>(Networks{parse_networks(entries)})) {}

bool TrustedProxies::contains(const std::string& peer_ip) const {
  const auto peer = parse_address(trim_whitespace(peer_ip));
  return peer && is_listed(networks_->list, *peer);
}

std::string TrustedProxies::client_address(const std::string& peer_ip, const std::string& x_forwarded_for) const {
  const auto is_trusted = [&](const Address& address) { return is_listed(networks_->list, address); };
  const auto peer = parse_address(trim_whitespace(peer_ip));
  if (!peer || !is_trusted(*peer)) return peer_ip;

  std::optional<Address> nearest;  // the last header address we can vouch for
  std::string_view list = x_forwarded_for;
  while (!list.empty()) {
    const std::size_t comma = list.rfind(',');
    const std::string_view entry =
        trim_whitespace(comma == std::string_view::npos ? list : list.substr(comma + 1));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(0, comma);
    if (entry.empty()) continue;  // "a, , b": empty list elements (RFC 7230 §7)
    const auto address = parse_forwarded_entry(entry);
    if (!address) break;
    if (!is_trusted(*address)) return to_text(*address);
    nearest = *address;
  }
  return nearest ? to_text(*nearest) : peer_ip;
}

}  // namespace kc::http
