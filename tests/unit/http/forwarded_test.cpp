#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "http/forwarded.h"

using kc::http::TrustedProxies;

TEST_CASE("X-Forwarded-For is believed only from trusted proxies", "[http][forwarded]") {
  const std::vector<std::string> trusted = {"127.0.0.1", "::1", "10.0.0.0/8", "fd00::/8",
                                            "not-an-address", "10.0.0.0/33"};
  struct Case {
    const char* why;
    std::string peer, header;
    const char* client;
  };
  const Case cases[] = {
      {"no proxy, no header", "203.0.113.9", "", "203.0.113.9"},
      {"an untrusted peer's header is ignored", "203.0.113.9", "1.2.3.4", "203.0.113.9"},
      {"an untrusted peer's header is ignored even if it names a proxy", "203.0.113.9",
       "127.0.0.1", "203.0.113.9"},
      {"a trusted proxy's single entry", "127.0.0.1", "198.51.100.7", "198.51.100.7"},
      {"a trusted proxy without a header", "127.0.0.1", "", "127.0.0.1"},
      {"the rightmost untrusted entry wins over spoofed ones", "127.0.0.1",
       "6.6.6.6, 198.51.100.7", "198.51.100.7"},
      {"trusted hops on the right are skipped", "127.0.0.1",
       "6.6.6.6, 198.51.100.7, 10.1.2.3, 10.9.9.9", "198.51.100.7"},
      {"CIDR ranges are trusted", "10.200.3.4", "198.51.100.7", "198.51.100.7"},
      {"an address just outside a CIDR range is not", "11.0.0.1", "198.51.100.7", "11.0.0.1"},
      {"IPv6 proxies and clients", "::1", "2001:db8::1", "2001:db8::1"},
      {"IPv6 CIDR ranges", "fd12::5", "2001:db8::1, fd00::7", "2001:db8::1"},
      {"IPv6 answers are canonical", "::1", "2001:DB8:0:0:0:0:0:1", "2001:db8::1"},
      {"an IPv4-mapped peer counts as IPv4", "::ffff:127.0.0.1", "198.51.100.7",
       "198.51.100.7"},
      {"an IPv4-mapped entry becomes IPv4", "127.0.0.1", "::ffff:198.51.100.7",
       "198.51.100.7"},
      {"entries are trimmed", "127.0.0.1", "   198.51.100.7\t", "198.51.100.7"},
      {"empty elements are skipped", "127.0.0.1", "198.51.100.7, , ", "198.51.100.7"},
      {"ports and brackets are stripped", "127.0.0.1", "198.51.100.7:5555", "198.51.100.7"},
      {"bracketed IPv6 with a port", "127.0.0.1", "[2001:db8::1]:443", "2001:db8::1"},
      {"bracketed IPv6 without a port", "127.0.0.1", "[2001:db8::1]", "2001:db8::1"},
      {"all entries trusted gives the leftmost one", "127.0.0.1", "10.0.0.5, 10.0.0.6",
       "10.0.0.5"},
      {"garbage stops the walk at the last trusted hop", "127.0.0.1", "1.2.3.4, unknown",
       "127.0.0.1"},
      {"garbage behind a trusted hop", "127.0.0.1", "1.2.3.4, <script>, 10.0.0.5", "10.0.0.5"},
      {"an untrusted entry right of garbage is the answer", "127.0.0.1", "garbage, 1.2.3.4",
       "1.2.3.4"},
      {"a hostname is garbage", "127.0.0.1", "example.com", "127.0.0.1"},
      {"an out-of-range IPv4 is garbage", "127.0.0.1", "256.1.1.1", "127.0.0.1"},
      {"an IPv4 with a zone or mask is garbage", "127.0.0.1", "1.2.3.4/8", "127.0.0.1"},
      {"a port on bare IPv6 is not guessed", "127.0.0.1", "2001:db8::1:443", "2001:db8::1:443"},
      {"an unparsable peer is returned as is", "unix-socket", "1.2.3.4", "unix-socket"},
      {"a mask longer than 32 bits is not trusted", "10.0.0.1", "1.2.3.4", "1.2.3.4"},
  };
  for (const auto& test : cases) {
    INFO(test.why << ": peer " << test.peer << ", X-Forwarded-For: " << test.header);
    CHECK(TrustedProxies(trusted).client_address(test.peer, test.header) == test.client);
  }
}

TEST_CASE("CIDR prefixes cover exactly their range", "[http][forwarded]") {
  struct Case {
    const char* network;
    const char* peer;
    bool trusted;
  };
  const Case cases[] = {
      {"192.168.1.0/24", "192.168.1.255", true},
      {"192.168.1.0/24", "192.168.2.0", false},
      {"192.168.1.128/25", "192.168.1.129", true},
      {"192.168.1.128/25", "192.168.1.127", false},
      {"172.16.0.0/12", "172.31.255.255", true},
      {"172.16.0.0/12", "172.32.0.0", false},
      {"0.0.0.0/0", "8.8.8.8", true},
      {"0.0.0.0/0", "::1", false},  // a family never matches the other
      {"::/0", "2001:db8::1", true},
      {"::/0", "8.8.8.8", false},
      {"2001:db8::/33", "2001:db8:7fff::1", true},
      {"2001:db8::/33", "2001:db8:8000::1", false},
      {"::ffff:10.0.0.0/104", "10.9.8.7", true},  // mapped notation of 10.0.0.0/8
      {"::ffff:10.0.0.0/104", "11.0.0.1", false},
      {"10.0.0.1", "10.0.0.1", true},
      {"10.0.0.1", "10.0.0.2", false},
      {"10.0.0.0/", "10.0.0.0", false},
      {"10.0.0.0/x", "10.0.0.0", false},
      {"10.0.0.0/-1", "10.0.0.0", false},
      {"::1/129", "::1", false},
      {" 10.0.0.0/8 ", "10.0.0.1", true},
  };
  for (const auto& test : cases) {
    INFO(test.network << " vs " << test.peer);
    const std::string expected = test.trusted ? "198.51.100.7" : test.peer;
    CHECK(TrustedProxies({test.network}).client_address(test.peer, "198.51.100.7") == expected);
  }
}

TEST_CASE("the site's origin: the public URL, else the Host header, else a trusted proxy's forwarded host and scheme",
          "[http][forwarded]") {
  using kc::http::site_origin;
  CHECK(site_origin({"https://kc.example.org/", "other.example", true, "http", "x.example"}) == "https://kc.example.org");
  CHECK(site_origin({"", "KC.Example.org:8080", false, "", ""}) == "http://kc.example.org:8080");
  CHECK(site_origin({"", "[::1]:8080", false, "", ""}) == "http://[::1]:8080");
  CHECK(site_origin({"", "kc.example.org:80", false, "", ""}) == "http://kc.example.org");  // the scheme's own port
  CHECK(site_origin({"", "127.0.0.1:80", true, "https", "kc.example.org:443"}) == "https://kc.example.org");
  CHECK(site_origin({"", "127.0.0.1:8080", true, "https, http", "kc.example.org"}) == "https://kc.example.org");
  CHECK(site_origin({"", "127.0.0.1:8080", true, "https", ""}) == "https://127.0.0.1:8080");
  // An untrusted peer's X-Forwarded-* is ignored: the client cannot choose our links.
  CHECK(site_origin({"", "kc.example.org", false, "https", "evil.example"}) == "http://kc.example.org");
  // A Host that is not host[:port] never reaches a page.
  for (const char* host : {"", "evil.example/\"><script>", "a b", "evil.example:80x", "[not-v6]", "host:", ":80",
                           "user@evil.example"}) {
    INFO(host);
    CHECK(site_origin({"", host, false, "", ""}) == "http://localhost");
  }
  CHECK(site_origin({"", "kc.example.org", true, "javascript", "evil.example/x"}) == "http://kc.example.org");
}

TEST_CASE("a peer is trusted only when listed", "[http][forwarded]") {
  CHECK(TrustedProxies({"127.0.0.1"}).contains("127.0.0.1"));
  CHECK(TrustedProxies({"10.0.0.0/8"}).contains("::ffff:10.1.2.3"));
  CHECK_FALSE(TrustedProxies({"10.0.0.0/8", "::1"}).contains("203.0.113.9"));
  CHECK_FALSE(TrustedProxies({"0.0.0.0/0"}).contains("garbage"));
}
