#include "media/rtcp/transport_feedback.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "rtcp_test_util.hpp"

namespace dienhong::media {
namespace {

using test::hex;

// draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1: six packets from 65533 across the
// wrap, one two-bit status vector (1 0 2 1 2 0), deltas 4, -2 (large), 255, 300 (large).
const std::vector<uint8_t> kFeedback =
    hex("8f cd 00 06"
        "11 11 11 11 22 22 22 22"
        "ff fd 00 06"  // base 65533, status count 6
        "ff ff ff 07"  // reference time -1 (x 64 ms), feedback packet count 7
        "d2 60"        // 1|1| 01 00 10 01 10 00 00
        "04 ff fe ff 01 2c");

std::vector<TransportFeedbackPacket> packetsOf(const TransportFeedback& feedback) {
  std::vector<TransportFeedbackPacket> out;
  for (const TransportFeedbackPacket& p : feedback.packets()) out.push_back(p);
  return out;
}

TransportFeedbackPacket received(uint16_t sequence, int32_t delta) {
  return {SequenceNumber(sequence), true, delta};
}
TransportFeedbackPacket lost(uint16_t sequence) { return {SequenceNumber(sequence), false, 0}; }

TEST(TransportFeedback, ParsesHeaderStatusesAndDeltas) {
  auto feedback = parseSingleRtcp<TransportFeedback>(kFeedback);
  ASSERT_TRUE(feedback);
  EXPECT_EQ(feedback->senderSsrc(), Ssrc(0x11111111));
  EXPECT_EQ(feedback->mediaSsrc(), Ssrc(0x22222222));
  EXPECT_EQ(feedback->baseSequenceNumber(), SequenceNumber(65533));
  EXPECT_EQ(feedback->packetStatusCount(), 6);
  EXPECT_EQ(feedback->referenceTime(), -1);
  EXPECT_EQ(feedback->referenceTimeMicros(), -64000);
  EXPECT_EQ(feedback->feedbackPacketCount(), 7);
  EXPECT_EQ(packetsOf(*feedback), (std::vector<TransportFeedbackPacket>{
                                      received(65533, 4), lost(65534), received(65535, -2),
                                      received(0, 255), received(1, 300), lost(2)}));
}

TEST(TransportFeedback, RoundTripsByteForByte) {
  test::expectRoundTrip<TransportFeedback>(kFeedback);
}

TEST(TransportFeedback, ParsesMixedRunLengthAndVectorChunks) {
  std::vector<uint8_t> bytes =
      hex("8f cd 00 10 11 11 11 11 22 22 22 22"
          "00 64 01 55"  // base 100, 341 packets
          "00 00 10 01"  // reference time 16 (1.024 s), count 1
          "20 14"        // run: 20 x small delta
          "ac f7"        // one-bit vector: 1 0 1 1 0 0 1 1 1 1 0 1 1 1
          "01 2c"        // run: 300 x not received
          "e4 96");      // two-bit vector: 2 1 0 2 1 1 2
  for (int i = 0; i < 20; ++i) bytes.push_back(1);
  for (int i = 0; i < 10; ++i) bytes.push_back(static_cast<uint8_t>(0x10 + i));
  for (uint8_t b : hex("ff 9c 05 03 e8 06 07 01 00")) bytes.push_back(b);
  bytes.push_back(0);  // zero padding to 68 bytes
  ASSERT_EQ(bytes.size(), 68U);

  auto feedback = parseSingleRtcp<TransportFeedback>(bytes);
  ASSERT_TRUE(feedback);
  const auto packets = packetsOf(*feedback);
  ASSERT_EQ(packets.size(), 341U);
  EXPECT_EQ(feedback->referenceTimeMicros(), 1'024'000);
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(packets[i], received(static_cast<uint16_t>(100 + i), 1)) << i;
  const int vector[] = {1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1};
  int nextSmall = 0x10;
  for (int i = 0; i < 14; ++i) {
    const auto& p = packets[20 + i];
    EXPECT_EQ(p.sequenceNumber, SequenceNumber(static_cast<uint16_t>(120 + i)));
    EXPECT_EQ(p.received, vector[i] == 1) << i;
    EXPECT_EQ(p.deltaTicks, vector[i] == 1 ? nextSmall++ : 0) << i;
  }
  for (int i = 34; i < 334; ++i) EXPECT_FALSE(packets[i].received) << i;
  EXPECT_EQ(packets[334], received(434, -100));
  EXPECT_EQ(packets[335], received(435, 5));
  EXPECT_EQ(packets[336], lost(436));
  EXPECT_EQ(packets[337], received(437, 1000));
  EXPECT_EQ(packets[338], received(438, 6));
  EXPECT_EQ(packets[339], received(439, 7));
  EXPECT_EQ(packets[340], received(440, 256));

  // Our encoder chooses its own chunks; the packets must survive.
  test::expectRoundTrip<TransportFeedback>(bytes, /*canonical=*/false);
}

TEST(TransportFeedback, CarriesExtremeAndNegativeDeltas) {
  const std::vector<TransportFeedbackPacket> packets = {received(10, 32767), received(11, -32768),
                                                        received(12, 0),     received(13, 255),
                                                        received(14, 256),   received(15, -1)};
  auto feedback = TransportFeedback::fromPackets(Ssrc(1), Ssrc(2), -8388608, 0, packets);
  ASSERT_TRUE(feedback);
  const auto bytes = test::serialized(*feedback);
  auto parsed = parseSingleRtcp<TransportFeedback>(bytes);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(packetsOf(*parsed), packets);
  EXPECT_EQ(parsed->referenceTime(), -8388608);
  // Chunk 1|1| 10 10 01 01 10 10 00 (the last symbol unused), then the deltas.
  EXPECT_EQ(std::vector<uint8_t>(bytes.begin() + 20, bytes.end()),
            hex("e9 68 7f ff 80 00 00 ff 01 00 ff ff"));
}

TEST(TransportFeedback, RefusesDeltasAndReferenceTimesThatDoNotFit) {
  const std::vector<TransportFeedbackPacket> tooLate = {received(1, 32768)};
  EXPECT_FALSE(TransportFeedback::fromPackets(Ssrc(1), Ssrc(2), 0, 0, tooLate));
  const std::vector<TransportFeedbackPacket> tooEarly = {received(1, -32769)};
  EXPECT_FALSE(TransportFeedback::fromPackets(Ssrc(1), Ssrc(2), 0, 0, tooEarly));
  const std::vector<TransportFeedbackPacket> ok = {received(1, 5)};
  EXPECT_FALSE(TransportFeedback::fromPackets(Ssrc(1), Ssrc(2), 1 << 23, 0, ok));
  EXPECT_FALSE(TransportFeedback::fromPackets(Ssrc(1), Ssrc(2), 0, 0, {}));
  const std::vector<TransportFeedbackPacket> lostWithJunkDelta = {
      {SequenceNumber(1), false, 99999}};
  EXPECT_TRUE(TransportFeedback::fromPackets(Ssrc(1), Ssrc(2), 0, 0, lostWithJunkDelta))
      << "a lost packet's delta is ignored";
}

TEST(TransportFeedback, RefusesUnorderedOrOverlongLists) {
  const std::vector<TransportFeedbackPacket> backwards = {received(5, 1), received(4, 1)};
  EXPECT_FALSE(TransportFeedback::fromPackets(Ssrc(1), Ssrc(2), 0, 0, backwards));
  const std::vector<TransportFeedbackPacket> duplicate = {received(5, 1), received(5, 1)};
  EXPECT_FALSE(TransportFeedback::fromPackets(Ssrc(1), Ssrc(2), 0, 0, duplicate));
  // Three steps of 30000 span more than 65535 sequence numbers.
  const std::vector<TransportFeedbackPacket> tooLong = {received(0, 1), received(30000, 1),
                                                        received(60000, 1), received(24464, 1)};
  EXPECT_FALSE(TransportFeedback::fromPackets(Ssrc(1), Ssrc(2), 0, 0, tooLong));
}

TEST(TransportFeedback, GapsInTheListAreNotReceived) {
  const std::vector<TransportFeedbackPacket> onlyReceived = {received(65534, 8), received(1, 12)};
  auto feedback = TransportFeedback::fromPackets(Ssrc(1), Ssrc(2), 0, 3, onlyReceived);
  ASSERT_TRUE(feedback);
  EXPECT_EQ(feedback->packetStatusCount(), 4);
  EXPECT_EQ(packetsOf(*feedback), (std::vector<TransportFeedbackPacket>{
                                      received(65534, 8), lost(65535), lost(0), received(1, 12)}));
}

TEST(TransportFeedback, RoundTripsARealisticHundredPacketPatternWithLosses) {
  // 100 packets across the sequence wrap, ~5 ms apart with jitter, a three-packet burst loss,
  // scattered single losses, one reordered (negative delta) and one delayed (large) packet.
  std::vector<TransportFeedbackPacket> all;
  std::vector<TransportFeedbackPacket> receivedOnly;
  for (int i = 0; i < 100; ++i) {
    const auto sequence = static_cast<uint16_t>(65490 + i);
    const bool isLost = (i % 11 == 7) || (i >= 50 && i <= 52);
    int32_t delta = 20 + (i * 37) % 9 - 4;
    if (i == 30) delta = -3;
    if (i == 64) delta = 600;  // 150 ms stall
    all.push_back(isLost ? lost(sequence) : received(sequence, delta));
    if (!isLost) receivedOnly.push_back(all.back());
  }
  auto fromAll = TransportFeedback::fromPackets(Ssrc(0xA), Ssrc(0xB), 12345, 42, all);
  auto fromReceived = TransportFeedback::fromPackets(Ssrc(0xA), Ssrc(0xB), 12345, 42, receivedOnly);
  ASSERT_TRUE(fromAll);
  ASSERT_TRUE(fromReceived);
  EXPECT_EQ(*fromAll, *fromReceived);
  const auto bytes = test::serialized(*fromAll);
  EXPECT_EQ(test::serialized(*fromReceived), bytes);

  auto parsed = parseSingleRtcp<TransportFeedback>(bytes);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->baseSequenceNumber(), SequenceNumber(65490));
  EXPECT_EQ(parsed->packetStatusCount(), 100);
  EXPECT_EQ(parsed->referenceTime(), 12345);
  EXPECT_EQ(parsed->feedbackPacketCount(), 42);
  EXPECT_EQ(packetsOf(*parsed), all);
  EXPECT_EQ(*parsed, *fromAll);
  // 89 received: 87 small + 2 large deltas = 91 bytes; the chunks must stay compact (never
  // more than one per seven packets).
  EXPECT_LE(bytes.size(), 4U + 16 + 2 * 15 + 91 + 3);
}

TEST(TransportFeedback, RejectsReservedSymbolsMissingDeltasAndEmptyFeedback) {
  auto bytes = kFeedback;
  bytes[20] = 0xD3;  // two-bit vector 1|1| 01 00 11 ...: the third symbol is the reserved 3
  EXPECT_FALSE(parseSingleRtcp<TransportFeedback>(bytes));
  bytes = kFeedback;
  bytes[20] = 0x40;  // run of six "large" symbols: wants 12 bytes of deltas, 6 are there
  bytes[21] = 0x06;
  EXPECT_FALSE(parseSingleRtcp<TransportFeedback>(bytes));
  bytes = kFeedback;
  bytes[14] = 0;
  bytes[15] = 0;  // status count 0
  EXPECT_FALSE(parseSingleRtcp<TransportFeedback>(bytes));
  bytes = kFeedback;
  bytes[15] = 20;  // 20 statuses: the first delta bytes are taken as a chunk, too few remain
  EXPECT_FALSE(parseSingleRtcp<TransportFeedback>(bytes));
}

TEST(TransportFeedback, AcceptsPaddingViaThePaddingBit) {
  auto bytes = kFeedback;
  bytes[0] = 0xAF;
  bytes[3] = 0x07;
  for (uint8_t b : {0, 0, 0, 4}) bytes.push_back(b);
  auto feedback = parseSingleRtcp<TransportFeedback>(bytes);
  ASSERT_TRUE(feedback);
  EXPECT_EQ(packetsOf(*feedback).size(), 6U);
}

TEST(TransportFeedback, TruncationsAreSafe) {
  test::expectTruncationsAreSafe<TransportFeedback>(kFeedback);
}

}  // namespace
}  // namespace dienhong::media
