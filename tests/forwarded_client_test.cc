// Real-client derivation from X-Forwarded-For / Forwarded behind trusted
// proxies, evaluated right to left like mod_remoteip.
#include "parsers/forwarded_client.h"

#include <gtest/gtest.h>

#include "parsers/format_registry.h"

namespace alcor {
namespace {

std::vector<IpPrefix> trusted(std::vector<std::string> values) {
  std::vector<IpPrefix> out;
  std::string error;
  EXPECT_TRUE(parse_trusted_proxies(values, &out, &error)) << error;
  return out;
}

LogRecord from(std::string_view peer, int32_t port, std::string_view xff, std::string_view fwd = "") {
  LogRecord r;
  r.client = *IpAddress::parse(peer);
  r.client_kind = ClientKind::kAddress;
  r.client_port = port;
  r.forwarded_for = xff;
  r.forwarded = fwd;
  return r;
}

TEST(ForwardedClient, RightToLeftSkippingTrustedProxies) {
  const auto t = trusted({"10.0.0.0/8", "2001:db8:ffff::/48"});
  LogRecord r = from("10.0.0.1", 40000, "198.51.100.1, 203.0.113.7, 10.0.0.2");
  derive_forwarded_client(t, &r);
  EXPECT_EQ(r.client.to_string(), "203.0.113.7");  // the first untrusted from the right; 198.51.100.1 is a claim
  EXPECT_EQ(r.client_port, kPortNotLogged);
  EXPECT_EQ(r.client_source, ClientSource::kXForwardedFor);
  EXPECT_TRUE(r.has_peer);
  EXPECT_EQ(r.peer.to_string(), "10.0.0.1");
  EXPECT_EQ(r.peer_port, 40000);

  // Every hop trusted: the leftmost.
  r = from("10.0.0.1", 1, "10.1.1.1, 10.2.2.2");
  derive_forwarded_client(t, &r);
  EXPECT_EQ(r.client.to_string(), "10.1.1.1");

  // "unknown" stops the walk at the last good address.
  r = from("10.0.0.1", 1, "203.0.113.9, unknown, 10.2.2.2");
  derive_forwarded_client(t, &r);
  EXPECT_EQ(r.client.to_string(), "10.2.2.2");
}

TEST(ForwardedClient, UntrustedPeerKeepsItsOwnAddress) {
  const auto t = trusted({"10.0.0.0/8"});
  LogRecord r = from("203.0.113.50", 5000, "1.2.3.4");
  derive_forwarded_client(t, &r);
  EXPECT_EQ(r.client.to_string(), "203.0.113.50");
  EXPECT_EQ(r.client_port, 5000);
  EXPECT_FALSE(r.has_peer);
  EXPECT_EQ(r.client_source, ClientSource::kConnection);
}

TEST(ForwardedClient, Rfc7239ForWithPortsAndIpv6) {
  const auto t = trusted({"10.0.0.0/8,192.0.2.43"});
  LogRecord r = from("10.0.0.1", 1, "", R"(for="[2001:db8:cafe::17]:4711";proto=https, for=192.0.2.43)");
  derive_forwarded_client(t, &r);
  EXPECT_EQ(r.client.to_string(), "2001:db8:cafe::17");
  EXPECT_EQ(r.client_port, 4711);
  EXPECT_EQ(r.client_source, ClientSource::kForwarded);
  r = from("10.0.0.1", 1, "", "for=_hidden, for=198.51.100.17");
  derive_forwarded_client(t, &r);
  EXPECT_EQ(r.client.to_string(), "198.51.100.17");
}

TEST(ForwardedClient, BadProxySpecsAreNamed) {
  std::vector<IpPrefix> out;
  std::string error;
  EXPECT_FALSE(parse_trusted_proxies({"10.0.0.1/8"}, &out, &error));
  EXPECT_NE(error.find("'10.0.0.1/8'"), std::string::npos) << error;
}

TEST(ForwardedClient, WiredThroughParseOptions) {
  ParseOptions options;
  options.trusted_proxies = trusted({"172.31.0.0/16"});
  std::string error;
  auto p = make_parser("nginx_main", options, &error);
  ASSERT_TRUE(p) << error;
  LogRecord r;
  ASSERT_EQ(p->parse(R"(172.31.7.82 - - [23/Jul/2024:00:06:00 -0300] "GET / HTTP/1.1" 302 0 "-" "ua" )"
                     R"("198.51.100.20, 172.31.1.1")",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "198.51.100.20");
  EXPECT_EQ(r.peer.to_string(), "172.31.7.82");
  auto copy = p->clone();
  ASSERT_EQ(copy->parse(R"(172.31.7.82 - - [23/Jul/2024:00:06:00 -0300] "GET / HTTP/1.1" 302 0 "-" "ua" "-")", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "172.31.7.82");  // no header: the peer stays the client
  EXPECT_FALSE(r.has_peer);
}

}  // namespace
}  // namespace alcor
