#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "support/allocation_counter.hpp"
#include "../rtp/test_bytes.hpp"
#include "media/rtcp/bye.hpp"
#include "media/rtcp/fir.hpp"
#include "media/rtcp/generic_nack.hpp"
#include "media/rtcp/pli.hpp"
#include "media/rtcp/receiver_report.hpp"
#include "media/rtcp/remb.hpp"
#include "media/rtcp/rtcp_compound_reader.hpp"
#include "media/rtcp/rtcp_compound_writer.hpp"
#include "media/rtcp/sdes.hpp"
#include "media/rtcp/sender_report.hpp"
#include "media/rtcp/transport_feedback.hpp"

namespace dienhong::media {
namespace {

// Parses every packet of the compound, walks every list, and writes it back out.
size_t consume(const RtcpPacket& packet, RtcpCompoundWriter& writer) {
  size_t seen = 0;
  switch (packet.kind()) {
    case RtcpPacketKind::kSenderReport: {
      auto sr = SenderReport::parse(packet);
      for (const ReportBlock& block : sr->reportBlocks) seen += block.jitter;
      writer.append(*sr);
      break;
    }
    case RtcpPacketKind::kReceiverReport: {
      auto rr = ReceiverReport::parse(packet);
      for (const ReportBlock& block : rr->reportBlocks) seen += block.jitter;
      writer.append(*rr);
      break;
    }
    case RtcpPacketKind::kSdes: {
      auto sdes = Sdes::parse(packet);
      for (const SdesChunk& chunk : sdes->chunks) seen += chunk.cname()->size();
      writer.append(*sdes);
      break;
    }
    case RtcpPacketKind::kBye: {
      auto bye = Bye::parse(packet);
      seen += bye->reason.size();
      writer.append(*bye);
      break;
    }
    case RtcpPacketKind::kGenericNack: {
      auto nack = GenericNack::parse(packet);
      for (SequenceNumber s : nack->lostPackets()) seen += s.value() > 0;
      writer.append(*nack);
      break;
    }
    case RtcpPacketKind::kPli:
      writer.append(*Pli::parse(packet));
      ++seen;
      break;
    case RtcpPacketKind::kFir: {
      auto fir = Fir::parse(packet);
      for (const FirEntry& entry : fir->entries) seen += entry.commandSequenceNumber;
      writer.append(*fir);
      break;
    }
    case RtcpPacketKind::kRemb: {
      auto remb = Remb::parse(packet);
      for (Ssrc ssrc : remb->ssrcs) seen += ssrc.value() > 0;
      writer.append(*remb);
      break;
    }
    case RtcpPacketKind::kTransportFeedback: {
      auto feedback = TransportFeedback::parse(packet);
      for (const TransportFeedbackPacket& p : feedback->packets()) seen += p.received;
      writer.append(*feedback);
      break;
    }
    case RtcpPacketKind::kUnknown:
      break;
  }
  return seen;
}

TEST(RtcpReceivePath, ParsesAndWritesEveryPacketTypeWithoutAllocating) {
  const auto compound = test::hex(
      "81 c8 00 0c 11 22 33 44 e4 2a 5c 1f 80 00 00 00 00 01 5f 90 00 00 00 64 00 01 86 a0"
      "55 66 77 88 19 ff ff fe 00 01 00 05 00 00 00 2a 5c 1f 80 00 00 01 80 00"
      "81 c9 00 07 11 22 33 44 55 66 77 88 00 00 00 00 00 00 ff ff 00 00 01 00 00 00 00 00 00 00 "
      "00 00"
      "81 ca 00 03 11 22 33 44 01 02 61 62 00 00 00 00"
      "81 cb 00 04 11 22 33 44 08 73 68 75 74 64 6f 77 6e 00 00 00"
      "81 cd 00 04 11 22 33 44 55 66 77 88 ff fe 00 05 00 0a 80 00"
      "81 ce 00 02 11 22 33 44 55 66 77 88"
      "84 ce 00 04 11 22 33 44 00 00 00 00 55 66 77 88 07 00 00 00"
      "8f ce 00 05 11 22 33 44 00 00 00 00 52 45 4d 42 01 0e dc 6c 55 66 77 88"
      "8f cd 00 06 11 11 11 11 22 22 22 22 ff fd 00 06 ff ff ff 07 d2 60 04 ff fe ff 01 2c"
      "80 cc 00 02 11 22 33 44 6e 61 6d 65");
  std::vector<uint8_t> buffer(1500);
  const uint64_t before = dienhong::test::allocationsOnThisThread();

  RtcpCompoundWriter writer(buffer);
  RtcpCompoundReader reader(compound);
  size_t packets = 0;
  size_t seen = 0;
  for (const RtcpPacket& packet : reader) {
    seen += consume(packet, writer);
    ++packets;
  }
  std::array<NackItem, 4> items{};
  const std::array<SequenceNumber, 3> lost = {SequenceNumber(1), SequenceNumber(3),
                                              SequenceNumber(40)};
  const auto packing = packNackItems(lost, items);

  const uint64_t allocations = dienhong::test::allocationsOnThisThread() - before;
  EXPECT_EQ(allocations, 0U);
  EXPECT_EQ(packets, 10U);
  EXPECT_FALSE(reader.failed());
  EXPECT_GT(seen, 0U);
  EXPECT_EQ(writer.size(), compound.size() - 12) << "everything but the APP packet re-written";
  EXPECT_EQ(packing.items, 2U);
}

}  // namespace
}  // namespace dienhong::media
