// Fuzz target: compound RTCP packets (RFC 3550 §6, RFC 4585, RFC 5104, REMB, transport-wide
// congestion control feedback). Properties asserted, not only the absence of crashes:
//  - every packet that parses as one of our types serialises (serializedSize() exact), and the
//    re-parse equals the first parse;
//  - re-serialised packets appended with RtcpCompoundWriter read back as the same sequence of
//    packet kinds;
//  - list expansions are consistent: NACK items re-packed from their expansion expand to the same
//    sequence numbers, transport feedback yields exactly packetStatusCount consecutive packets.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "common/byte_reader.hpp"
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

using namespace dienhong;
using namespace dienhong::media;

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

// Large enough for any re-serialisation of a 64 KiB input: only transport feedback can grow
// (the greedy chunk choice may need more chunks than the sender used), by at most ~19 KB each.
constexpr size_t kMaxCompoundInput = 64 * 1024;
std::array<uint8_t, 16 * 1024 * 1024> compoundBuffer;

template <class Packet>
void roundTrip(const RtcpPacket& packet, RtcpCompoundWriter& compound,
               std::vector<RtcpPacketKind>& kinds) {
  auto first = Packet::parse(packet);
  if (!first) return;
  std::vector<uint8_t> out(first->serializedSize());
  ByteWriter writer(out);
  check(first->serialize(writer));  // whatever parses can be written again
  check(writer.ok() && writer.size() == out.size());
  auto second = parseSingleRtcp<Packet>(out);
  check(second.has_value());
  check(*second == *first);

  check(compound.append(*first));
  kinds.push_back(packet.kind());
}

void nackExpansion(const RtcpPacket& packet) {
  auto nack = GenericNack::parse(packet);
  if (!nack) return;
  std::vector<SequenceNumber> lost;
  for (SequenceNumber sequence : nack->lostPackets()) lost.push_back(sequence);
  check(lost.size() >= nack->items.size() && lost.size() <= nack->items.size() * 17);
  // Re-packing an ascending expansion and expanding again must give it back.
  for (size_t i = 1; i < lost.size(); ++i) {
    if (!isNewer(lost[i], lost[i - 1])) return;
  }
  std::vector<NackItem> items(lost.size());
  const auto packing = packNackItems(lost, items);
  check(packing.consumed == lost.size() && packing.items <= nack->items.size());
  const GenericNack repacked{nack->senderSsrc, nack->mediaSsrc,
                             std::span<const NackItem>(items).first(packing.items)};
  size_t i = 0;
  for (SequenceNumber sequence : repacked.lostPackets()) {
    check(i < lost.size() && sequence == lost[i]);
    ++i;
  }
  check(i == lost.size());
}

void feedbackPackets(const RtcpPacket& packet) {
  auto feedback = TransportFeedback::parse(packet);
  if (!feedback) return;
  size_t count = 0;
  SequenceNumber expected = feedback->baseSequenceNumber();
  for (const TransportFeedbackPacket& p : feedback->packets()) {
    check(p.sequenceNumber == expected);
    check(p.received || p.deltaTicks == 0);
    ++expected;
    ++count;
  }
  check(count == feedback->packetStatusCount());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxCompoundInput) return 0;
  RtcpCompoundWriter compound(compoundBuffer);
  std::vector<RtcpPacketKind> kinds;

  RtcpCompoundReader reader(std::span<const uint8_t>(data, size));
  for (const RtcpPacket& packet : reader) {
    check(packet.bytes().size() >= kRtcpHeaderSize && packet.bytes().size() % 4 == 0);
    check(packet.body().size() + kRtcpHeaderSize <= packet.bytes().size());
    // Every parser sees every packet: a parser must reject what is not its type.
    roundTrip<SenderReport>(packet, compound, kinds);
    roundTrip<ReceiverReport>(packet, compound, kinds);
    roundTrip<Sdes>(packet, compound, kinds);
    roundTrip<Bye>(packet, compound, kinds);
    roundTrip<GenericNack>(packet, compound, kinds);
    roundTrip<Pli>(packet, compound, kinds);
    roundTrip<Fir>(packet, compound, kinds);
    roundTrip<Remb>(packet, compound, kinds);
    roundTrip<TransportFeedback>(packet, compound, kinds);
    nackExpansion(packet);
    feedbackPackets(packet);
  }
  check(!reader.failed() || reader.offset() < size);

  // At most one of our types accepts any packet, and the re-serialised compound frames cleanly
  // into the same kinds.
  RtcpCompoundReader again(compound.data());
  size_t index = 0;
  for (const RtcpPacket& packet : again) {
    check(index < kinds.size() && packet.kind() == kinds[index]);
    ++index;
  }
  check(!again.failed() && index == kinds.size());
  return 0;
}
