#include "media/rtcp/rtcp_compound_writer.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "../rtp/test_bytes.hpp"
#include "media/rtcp/pli.hpp"
#include "media/rtcp/receiver_report.hpp"
#include "media/rtcp/rtcp_compound_reader.hpp"
#include "media/rtcp/sdes.hpp"

namespace dienhong::media {
namespace {

using test::hex;

TEST(RtcpCompoundWriter, AppendsPacketsBackToBack) {
  std::vector<uint8_t> buffer(64);
  RtcpCompoundWriter writer(buffer);
  const std::array<SdesItem, 1> items = {SdesItem{sdes_item::kCname, "ab"}};
  const std::array<SdesChunk, 1> chunks = {SdesChunk{Ssrc(1), items}};
  EXPECT_TRUE(writer.append(ReceiverReport{Ssrc(1), {}}));
  EXPECT_TRUE(writer.append(Sdes{chunks}));
  EXPECT_TRUE(writer.append(Pli{Ssrc(1), Ssrc(2)}));
  EXPECT_EQ(std::vector<uint8_t>(writer.data().begin(), writer.data().end()),
            hex("80 c9 00 01 00 00 00 01"
                "81 ca 00 03 00 00 00 01 01 02 61 62 00 00 00 00"
                "81 ce 00 02 00 00 00 01 00 00 00 02"));

  RtcpCompoundReader reader(writer.data());
  std::vector<RtcpPacketKind> kinds;
  for (const RtcpPacket& packet : reader) kinds.push_back(packet.kind());
  EXPECT_EQ(kinds, (std::vector<RtcpPacketKind>{RtcpPacketKind::kReceiverReport,
                                                RtcpPacketKind::kSdes, RtcpPacketKind::kPli}));
}

TEST(RtcpCompoundWriter, APacketThatDoesNotFitLeavesTheCompoundUnchanged) {
  std::vector<uint8_t> buffer(20);
  RtcpCompoundWriter writer(buffer);
  EXPECT_TRUE(writer.append(Pli{Ssrc(1), Ssrc(2)}));
  EXPECT_EQ(writer.remaining(), 8U);
  EXPECT_FALSE(writer.append(Pli{Ssrc(3), Ssrc(4)}));
  EXPECT_EQ(writer.size(), 12U);
  EXPECT_TRUE(writer.append(ReceiverReport{Ssrc(5), {}})) << "a smaller packet still fits";
  EXPECT_EQ(writer.size(), 20U);
  writer.clear();
  EXPECT_TRUE(writer.empty());
}

}  // namespace
}  // namespace dienhong::media
