#include "media/ice/transport_address.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <unordered_set>

namespace dienhong::media {
namespace {

TEST(TransportAddress, ParsesAndPrintsIpv4AndIpv6) {
  const auto v4 = TransportAddress::fromString("192.0.2.1:32853");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->family(), TransportAddress::Family::kIpv4);
  EXPECT_EQ(v4->port(), 32853);
  EXPECT_EQ(v4->toString(), "192.0.2.1:32853");
  EXPECT_EQ(v4->addressBytes().size(), 4U);
  EXPECT_EQ(*v4, TransportAddress::ipv4({192, 0, 2, 1}, 32853));

  const auto v6 = TransportAddress::fromString("[2001:db8::1]:443");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->family(), TransportAddress::Family::kIpv6);
  EXPECT_EQ(v6->toString(), "[2001:db8::1]:443");
  EXPECT_EQ(v6->addressBytes().size(), 16U);
  EXPECT_EQ(v6->addressBytes()[0], 0x20);
  EXPECT_EQ(v6->addressBytes()[15], 0x01);
}

TEST(TransportAddress, RejectsMalformedText) {
  for (const char* text : {"", "192.0.2.1", "192.0.2.1:", "192.0.2.1:65536", "192.0.2.1:-1",
                           "192.0.2:80", "2001:db8::1:80", "[2001:db8::1]", "[2001:db8::1]80",
                           "[]:80", "[192.0.2.1]:80", "host:80", "192.0.2.1:80x", "1.2.3.4: 80"}) {
    EXPECT_FALSE(TransportAddress::fromString(text)) << text;
  }
}

TEST(TransportAddress, EqualityIncludesPortFamilyAndProtocol) {
  const auto udp = *TransportAddress::fromString("10.0.0.1:5000");
  const auto tcp = *TransportAddress::fromString("10.0.0.1:5000", TransportProtocol::kTcp);
  EXPECT_NE(udp, tcp);
  EXPECT_NE(udp, *TransportAddress::fromString("10.0.0.1:5001"));
  EXPECT_NE(udp, *TransportAddress::fromString("[::ffff:10.0.0.1]:5000"));
  std::unordered_set<TransportAddress> set = {udp, tcp, udp};
  EXPECT_EQ(set.size(), 2U);
}

TEST(TransportAddress, SockaddrRoundTripAndMappedIpv4) {
  for (const char* text : {"192.0.2.1:32853", "[2001:db8::7]:9"}) {
    const auto address = *TransportAddress::fromString(text);
    sockaddr_storage storage{};
    const size_t length = address.toSockaddr(storage);
    EXPECT_EQ(length, address.family() == TransportAddress::Family::kIpv4 ? sizeof(sockaddr_in)
                                                                          : sizeof(sockaddr_in6));
    EXPECT_EQ(TransportAddress::fromSockaddr(reinterpret_cast<const sockaddr*>(&storage)), address);
  }
  // A dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d; it is IPv4 to us.
  sockaddr_in6 mapped{};
  mapped.sin6_family = AF_INET6;
  mapped.sin6_port = htons(4000);
  const uint8_t bytes[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 198, 51, 100, 7};
  std::memcpy(&mapped.sin6_addr, bytes, 16);
  EXPECT_EQ(TransportAddress::fromSockaddr(reinterpret_cast<const sockaddr*>(&mapped)),
            TransportAddress::fromString("198.51.100.7:4000"));
  sockaddr unix{};
  unix.sa_family = AF_UNIX;
  EXPECT_FALSE(TransportAddress::fromSockaddr(&unix));
  EXPECT_FALSE(TransportAddress::fromSockaddr(nullptr));
}

}  // namespace
}  // namespace dienhong::media
