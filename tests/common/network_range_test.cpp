#include "common/network_range.hpp"

#include <gtest/gtest.h>

namespace dienhong {
namespace {

TEST(NetworkRange, S2_3_Ipv4RangesContainTheirAddresses) {
  auto range = NetworkRange::parse("10.20.0.0/16");
  ASSERT_TRUE(range);
  EXPECT_TRUE(range->contains("10.20.0.1"));
  EXPECT_TRUE(range->contains("10.20.255.255"));
  EXPECT_FALSE(range->contains("10.21.0.1"));
  EXPECT_TRUE(range->contains("::ffff:10.20.3.4")) << "an IPv4 client on a dual-stack socket";
  EXPECT_FALSE(range->contains("not an address"));
  EXPECT_FALSE(range->contains("::1"));
  EXPECT_EQ(range->toString(), "10.20.0.0/16");
  auto odd = NetworkRange::parse("192.168.1.128/25");
  EXPECT_TRUE(odd->contains("192.168.1.200"));
  EXPECT_FALSE(odd->contains("192.168.1.127"));
  auto one = NetworkRange::parse("203.0.113.9");
  EXPECT_EQ(one->toString(), "203.0.113.9/32");
  EXPECT_FALSE(one->contains("203.0.113.10"));
  EXPECT_TRUE(NetworkRange::parse("0.0.0.0/0")->contains("198.51.100.1"));
}

TEST(NetworkRange, S2_3_Ipv6Ranges) {
  auto range = NetworkRange::parse("2001:db8:abcd::/48");
  ASSERT_TRUE(range);
  EXPECT_TRUE(range->contains("2001:db8:abcd:12::1"));
  EXPECT_FALSE(range->contains("2001:db8:abce::1"));
  EXPECT_FALSE(range->contains("10.0.0.1"));
  EXPECT_EQ(range->toString(), "2001:db8:abcd::/48");
  EXPECT_TRUE(NetworkRange::parse("::1/128")->contains("::1"));
}

TEST(NetworkRange, S4_1_MalformedRangesAreRefused) {
  for (const char* bad : {"", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0/8", "10.0.0.0/8/8", "10.1.0.0/8",
                          "::1/129", "2001:db8::1/32", "::ffff:10.0.0.0/104", "localhost", "10.0.0.0/08x",
                          "10.0.0.0 /8", "1.2.3.4/0032"}) {
    EXPECT_FALSE(NetworkRange::parse(bad)) << bad;
  }
}

}  // namespace
}  // namespace dienhong
