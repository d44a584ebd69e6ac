#pragma once
// The client address and the site's public origin behind trusted reverse proxies
// (DESIGN §4), from X-Forwarded-For, -Proto and -Host (the de-facto headers; RFC 7239
// `Forwarded` is not read). Only a peer listed in
// `trusted_proxies` is believed; the header of anyone else is ignored, so a client cannot
// choose the address its downloads are counted under. Pure (inet_pton/inet_ntop only),
// thread-safe, never throws except std::bad_alloc.
#include <memory>
#include <string>
#include <vector>

namespace kc::http {

// The trusted proxies, parsed once (the server builds them at start-up and asks them for
// every request): IPv4/IPv6 addresses or CIDR ranges ("127.0.0.1", "::1", "10.0.0.0/8",
// "fd00::/8"), malformed entries ignored. An IPv4-mapped IPv6 address (::ffff:a.b.c.d)
// counts as its IPv4 address. Copies share the parsed list; immutable, so thread-safe.
class TrustedProxies {
 public:
  TrustedProxies();  // trusts no one
  explicit TrustedProxies(const std::vector<std::string>& entries);

  // True when `peer_ip` is listed.
  bool contains(const std::string& peer_ip) const;

  // `peer_ip` is the socket's peer; `x_forwarded_for` the header ("" when absent; several
  // headers joined with ','). Untrusted peer → `peer_ip` unchanged. Trusted peer → walk
  // the header from the right past trusted addresses and return the first one that is not
  // trusted, in canonical text form. Entries are trimmed; "[v6]", "[v6]:port" and
  // "v4:port" are accepted. The walk stops at an entry that is not an address (only a
  // client or a misbehaving proxy writes one, and nothing to its left can be vouched
  // for): the answer is then the last trusted address reached, as it is when every entry
  // is trusted; `peer_ip` unchanged when the header is empty.
  std::string client_address(const std::string& peer_ip, const std::string& x_forwarded_for) const;

 private:
  struct Networks;
  std::shared_ptr<const Networks> networks_;
};

struct OriginFacts {
  std::string public_url;        // the configured public address; wins when not ""
  std::string host;              // the Host header
  bool from_trusted_proxy = false;
  std::string forwarded_proto;   // X-Forwarded-Proto, believed only from a trusted proxy
  std::string forwarded_host;    // X-Forwarded-Host, likewise
};

// The scheme and authority absolute links on our pages start with ("https://kc.example.org"):
// `public_url` without its trailing '/', else the Host header (or a trusted proxy's
// X-Forwarded-Host and -Proto), lower-cased. Search engines ignore relative hreflang
// alternates, so pages need this; a Host that is not a plain host[:port] becomes
// "localhost" rather than text an attacker chose.
std::string site_origin(const OriginFacts& facts);

}  // namespace kc::http
