#include "media/ice/packet_demux.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "media/ice/stun_message_writer.hpp"
#include "rfc5769_vectors.hpp"

namespace dienhong::media {
namespace {

TEST(PacketDemux, ClassifiesEveryFirstByteByRfc7983) {
  for (int b = 0; b < 256; ++b) {
    const std::array<uint8_t, 1> datagram = {static_cast<uint8_t>(b)};
    PacketKind expected = PacketKind::kUnknown;
    if (b <= 3)
      expected = PacketKind::kStun;
    else if (b >= 16 && b <= 19)
      expected = PacketKind::kZrtp;
    else if (b >= 20 && b <= 63)
      expected = PacketKind::kDtls;
    else if (b >= 64 && b <= 79)
      expected = PacketKind::kTurnChannel;
    else if (b >= 128 && b <= 191)
      expected = PacketKind::kRtpOrRtcp;
    EXPECT_EQ(classifyPacket(datagram), expected) << b;
  }
  EXPECT_EQ(classifyPacket({}), PacketKind::kUnknown);
}

TEST(PacketDemux, SplitsIceUsernameAtTheFirstColon) {
  const auto parts = splitIceUsername("local:remote:odd");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->localUfrag, "local");
  EXPECT_EQ(parts->remoteUfrag, "remote:odd");
  EXPECT_FALSE(splitIceUsername("nocolon"));
  EXPECT_FALSE(splitIceUsername(":remote"));
  EXPECT_FALSE(splitIceUsername("local:"));
}

TEST(PacketDemux, FindsTheLocalUfragOfABindingRequest) {
  EXPECT_EQ(stunLocalUfrag(rfc5769::kRequest), "evtj");
  EXPECT_FALSE(stunLocalUfrag(rfc5769::kIpv4Response)) << "responses are not routed by ufrag";
  const std::array<uint8_t, 4> rtp = {0x80, 0x60, 0, 1};
  EXPECT_FALSE(stunLocalUfrag(rtp));

  std::array<uint8_t, 64> buffer{};
  StunMessageWriter noUsername(buffer, kBindingRequest, rfc5769::kTransactionId);
  noUsername.addPriority(1);
  EXPECT_FALSE(stunLocalUfrag(noUsername.message()));
}

}  // namespace
}  // namespace dienhong::media
