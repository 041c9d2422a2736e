// The packet path allocates nothing once a stream exists: counts every C++ allocation (global
// operator new, replaced in this test binary) and every OpenSSL allocation (CRYPTO_malloc, hooked
// before OpenSSL's first use) while packets are protected, unprotected and refused.
#include <gtest/gtest.h>

#include "srtp_test_util.hpp"
#include "support/allocation_counter.hpp"

namespace dienhong::media {
namespace {

using test::Bytes;

class SrtpSteadyState : public testing::TestWithParam<SrtpProfile> {};

TEST_P(SrtpSteadyState, PacketPathAllocatesNothing) {
  ASSERT_TRUE(dienhong::test::opensslAllocationsCounted()) << "OpenSSL allocated before the hook could be installed";
  auto pair = test::sessionPair(GetParam());
  const uint32_t ssrcs[] = {1, 2, 3};
  std::vector<Bytes> plain;
  for (uint32_t ssrc : ssrcs) plain.push_back(test::rtpPacket({.seq = 1, .ssrc = ssrc, .payloadLength = 1000}));
  const Bytes rtcp = test::rtcpPacket(1, 2);
  Bytes buffer(1500), stale(1500);
  auto roundTrip = [&](const Bytes& packet, uint16_t seq) {
    std::copy(packet.begin(), packet.end(), buffer.begin());
    buffer[2] = static_cast<uint8_t>(seq >> 8);
    buffer[3] = static_cast<uint8_t>(seq);
    const auto length = pair.a.protectRtp(buffer, packet.size());
    if (!length) return false;
    std::copy(buffer.begin(), buffer.begin() + static_cast<long>(*length), stale.begin());
    const auto result = pair.b.unprotectRtp(std::span(buffer).first(*length));
    // Refusals are on the packet path too: a replay and a forgery.
    const bool replayRefused =
        pair.b.unprotectRtp(std::span(stale).first(*length)).status == SrtpStatus::kReplayed;
    stale[*length - 1] ^= 1;
    stale[2] ^= 0x40;
    const bool forgeryRefused = !pair.b.unprotectRtp(std::span(stale).first(*length)).ok();
    return result.ok() && replayRefused && forgeryRefused;
  };
  auto rtcpRoundTrip = [&] {
    std::copy(rtcp.begin(), rtcp.end(), buffer.begin());
    const auto length = pair.a.protectRtcp(buffer, rtcp.size());
    return length && pair.b.unprotectRtcp(std::span(buffer).first(*length)).ok();
  };

  // Warm-up: the first packet of each SSRC creates its stream, which may allocate.
  for (const Bytes& packet : plain) ASSERT_TRUE(roundTrip(packet, 1));
  ASSERT_TRUE(rtcpRoundTrip());

  bool ok = true;
  const uint64_t before = dienhong::test::allocationsOnThisThread();
  for (uint16_t seq = 2; seq < 3000; ++seq) {
    ok = roundTrip(plain[seq % 3], seq) && ok;
    if (seq % 10 == 0) ok = rtcpRoundTrip() && ok;
  }
  const uint64_t allocations = dienhong::test::allocationsOnThisThread() - before;
  EXPECT_TRUE(ok);
  EXPECT_EQ(allocations, 0U);
}

INSTANTIATE_TEST_SUITE_P(Profiles, SrtpSteadyState, testing::ValuesIn(kAllSrtpProfiles),
                         test::profileName);

}  // namespace
}  // namespace dienhong::media
