// R3: the forwarding path allocates nothing per packet in the steady state — publisher RTP to
// two subscribers (simulcast video and audio), the timer (feedback, reports, NACKs, allocation,
// speaker decisions) and subscriber RTCP (NACK -> RTX, PLI, receiver reports, feedback).
#include <gtest/gtest.h>

#include "media/rtcp/generic_nack.hpp"
#include "media/rtcp/pli.hpp"
#include "media/rtcp/receiver_report.hpp"
#include "router_test_support.hpp"
#include "support/allocation_counter.hpp"

namespace dienhong::media::test {
namespace {

using namespace std::chrono_literals;

class CountingSink : public MediaSink {
 public:
  bool sendRtp(std::span<uint8_t>, size_t length) override {
    ++packets;
    bytes += length;
    return true;
  }
  bool sendRtcp(std::span<uint8_t>, size_t) override {
    ++rtcp;
    return true;
  }
  uint64_t packets = 0;
  uint64_t bytes = 0;
  uint64_t rtcp = 0;
};

TEST(RouterAllocation, R3_ForwardingAndRtcpAllocateNothingInTheSteadyState) {
  RecordingListener listener;
  Router router(listener);
  CountingSink publisher, alice, bob;
  router.addParticipant(1);
  router.addParticipant(2);
  router.addParticipant(3);
  router.setSinks(1, &publisher, nullptr);
  router.setSinks(2, nullptr, &alice);
  router.setSinks(3, nullptr, &bob);
  const TrackKey video = router.addTrack(1, simulcastVideo("0", {"q", "h", "f"})).value();
  const TrackKey audio = router.addTrack(1, opusAudio("1")).value();
  ASSERT_TRUE(router.addConsumer(videoConsumer(2, video, 0xA1, 0xA2)).ok());
  ASSERT_TRUE(router.addConsumer(videoConsumer(3, video, 0xB1, 0xB2)).ok());
  ASSERT_TRUE(router.addConsumer(audioConsumer(2, audio, 0xA5)).ok());
  ASSERT_TRUE(router.addConsumer(audioConsumer(3, audio, 0xB5)).ok());

  // Ten seconds of media, prepared up front: the test's own vectors must not count.
  constexpr int kFrames = 600;
  std::vector<std::vector<uint8_t>> packets;
  uint16_t transport = 1;
  for (int frame = 0; frame < kFrames; ++frame) {
    for (uint32_t layer = 0; layer < 3; ++layer) {
      RtpSpec spec;
      spec.ssrc = 0x1000 + layer;
      spec.sequence = static_cast<uint16_t>(frame);
      spec.timestamp = 1500u * static_cast<uint32_t>(frame);
      spec.marker = true;
      spec.payload = vp8Payload(static_cast<uint16_t>(frame), static_cast<uint8_t>(frame), true, frame % 120 == 0,
                                static_cast<uint16_t>(320 << layer), static_cast<uint16_t>(180 << layer), 300 + 300 * layer);
      spec.transportSequence = transport++;
      spec.mid = "0";
      spec.rid = std::array<std::string, 3>{"q", "h", "f"}[layer];
      packets.push_back(rtp(spec));
    }
    RtpSpec speech;
    speech.ssrc = 0x3000;
    speech.sequence = static_cast<uint16_t>(frame);
    speech.timestamp = 960u * static_cast<uint32_t>(frame);
    speech.payloadType = kOpus;
    speech.payload = std::vector<uint8_t>(80, 9);
    speech.audioLevel = static_cast<uint8_t>(0x80 | (frame % 40));
    speech.transportSequence = transport++;
    speech.mid = "1";
    packets.push_back(rtp(speech));
  }
  // Per frame, a NACK from Alice for two packets she was sent a moment ago (the lowest layer keeps
  // the publisher's numbering) and one long gone.
  std::vector<std::vector<uint8_t>> nacks;
  for (int frame = 0; frame < kFrames; ++frame) {
    const std::array<NackItem, 2> items{NackItem{SequenceNumber(static_cast<uint16_t>(frame - 3)), 0x0001},
                                        NackItem{SequenceNumber(20), 0}};
    GenericNack nack{Ssrc(9), Ssrc(0xA1), WireList<NackItem>(items)};
    std::vector<uint8_t> bytes(nack.serializedSize());
    ByteWriter w(bytes);
    nack.serialize(w);
    nacks.push_back(bytes);
  }
  // Feedback about nothing we know (still parsed and fed to the estimator), a PLI and a report.
  std::vector<std::vector<uint8_t>> rtcp;
  {
    std::vector<uint8_t> bytes;
    Pli pli{Ssrc(9), Ssrc(0xB1)};
    bytes.assign(pli.serializedSize(), 0);
    ByteWriter w2(bytes);
    pli.serialize(w2);
    rtcp.push_back(bytes);
    ReportBlock block;
    block.sourceSsrc = Ssrc(0xA1);
    block.lastSenderReport = 0x1234;
    const std::array<ReportBlock, 1> blocks{block};
    ReceiverReport rr{Ssrc(9), WireList<ReportBlock>(blocks)};
    bytes.assign(rr.serializedSize(), 0);
    ByteWriter w3(bytes);
    rr.serialize(w3);
    rtcp.push_back(bytes);
    const std::array<TransportFeedbackPacket, 3> fb{TransportFeedbackPacket{SequenceNumber(40000), true, 4},
                                                    TransportFeedbackPacket{SequenceNumber(40001), false, 0},
                                                    TransportFeedbackPacket{SequenceNumber(40002), true, 300}};
    const auto feedback = TransportFeedback::fromPackets(Ssrc(9), Ssrc(0xA1), 100, 1, fb);
    bytes.assign(feedback->serializedSize(), 0);
    ByteWriter w4(bytes);
    feedback->serialize(w4);
    rtcp.push_back(bytes);
  }

  std::array<uint8_t, 1500> buffer{};
  Clock::time_point now{std::chrono::seconds(100)};
  size_t next = 0;
  int frame = 0;
  auto play = [&](int frames) {
    for (int f = 0; f < frames && next < packets.size(); ++f, ++frame) {
      for (int p = 0; p < 4; ++p, ++next) {
        std::copy(packets[next].begin(), packets[next].end(), buffer.begin());
        router.onPublisherRtp(1, std::span<uint8_t>(buffer.data(), packets[next].size()), now);
      }
      std::copy(nacks[frame].begin(), nacks[frame].end(), buffer.begin());
      router.onSubscriberRtcp(2, std::span<uint8_t>(buffer.data(), nacks[frame].size()), now);
      if (f % 3 == 0) {
        for (auto& bytes : rtcp) {
          std::copy(bytes.begin(), bytes.end(), buffer.begin());
          router.onSubscriberRtcp(f % 2 ? 2 : 3, std::span<uint8_t>(buffer.data(), bytes.size()), now);
        }
      }
      router.onTimer(now);
      now += 10ms;
      router.onTimer(now);
      now += 10ms;
    }
  };
  play(300);  // every SSRC bound, every consumer on a layer, every buffer grown
  const uint64_t before = dienhong::test::allocationsOnThisThread();
  const uint64_t sentBefore = alice.packets + bob.packets;
  play(300);
  const uint64_t allocations = dienhong::test::allocationsOnThisThread() - before;
  EXPECT_EQ(allocations, 0U);
  EXPECT_GT(alice.packets + bob.packets - sentBefore, 1000U) << "the measured stretch forwarded media";
  EXPECT_GT(router.counters().retransmissionsSent, 300U);
  EXPECT_GT(publisher.rtcp, 0U);
}

}  // namespace
}  // namespace dienhong::media::test
