// SrtpSession behaviour for every profile: round trips, tampering, replay, the replay window's
// edges, rollover ordering, SRTCP indices, truncated and malformed input, stream limits.
#include "media/srtp/srtp_session.hpp"

#include <memory>

#include <gtest/gtest.h>

#include "srtp_test_util.hpp"

namespace dienhong::media {
namespace {

using test::Bytes;
using test::protectRtcp;
using test::protectRtp;
using test::rtcpPacket;
using test::rtpPacket;
using test::RtpSpec;

class SrtpSessionTest : public testing::TestWithParam<SrtpProfile> {
 protected:
  SrtpSessionTest() : pair_(test::sessionPair(GetParam())) {}

  SrtpSession& sender() { return pair_.a; }
  SrtpSession& receiver() { return pair_.b; }

  Bytes srtp(uint16_t seq, uint32_t ssrc = 0x11223344, size_t payload = 160) {
    return protectRtp(sender(), rtpPacket({.seq = seq, .ssrc = ssrc, .payloadLength = payload}));
  }

  SrtpStatus deliver(Bytes packet) { return receiver().unprotectRtp(packet).status; }
  SrtpStatus deliverRtcp(Bytes packet) { return receiver().unprotectRtcp(packet).status; }

  test::SessionPair pair_;
};

TEST_P(SrtpSessionTest, RtpRoundTripRestoresThePacketAndAddsTheTag) {
  const auto& params = srtpProfileParams(GetParam());
  for (const RtpSpec& spec : {RtpSpec{.seq = 1}, RtpSpec{.seq = 2, .payloadLength = 0},
                              RtpSpec{.seq = 3, .csrcCount = 3, .payloadLength = 1},
                              RtpSpec{.seq = 4, .csrcCount = 1, .extension = true,
                                      .extensionWords = 2, .payloadLength = 1200}}) {
    const Bytes plain = rtpPacket(spec);
    Bytes packet = protectRtp(sender(), plain);
    ASSERT_EQ(packet.size(), plain.size() + params.rtpTagLength);
    const size_t headerLength = plain.size() - spec.payloadLength;
    // The header is authenticated but stays in the clear; the payload does not.
    EXPECT_TRUE(std::equal(plain.begin(), plain.begin() + static_cast<long>(headerLength), packet.begin()));
    if (spec.payloadLength > 8) {
      EXPECT_FALSE(std::equal(plain.begin() + static_cast<long>(headerLength), plain.end(),
                              packet.begin() + static_cast<long>(headerLength)));
    }
    const auto result = receiver().unprotectRtp(packet);
    ASSERT_TRUE(result.ok()) << srtpStatusCode(result.status);
    ASSERT_EQ(result.length, plain.size());
    EXPECT_EQ(Bytes(packet.begin(), packet.begin() + static_cast<long>(result.length)), plain);
  }
}

TEST_P(SrtpSessionTest, RtcpRoundTripWithIncreasingSrtcpIndex) {
  const auto& params = srtpProfileParams(GetParam());
  for (uint32_t i = 0; i < 50; ++i) {
    const Bytes plain = rtcpPacket(0xabcdef01, i % 4, static_cast<uint8_t>(i));
    Bytes packet = protectRtcp(sender(), plain);
    ASSERT_EQ(packet.size(), plain.size() + 4 + params.rtcpTagLength);
    const size_t indexAt = params.aead ? packet.size() - 4 : plain.size();
    const uint32_t word = uint32_t{packet[indexAt]} << 24 | uint32_t{packet[indexAt + 1]} << 16 |
                          uint32_t{packet[indexAt + 2]} << 8 | packet[indexAt + 3];
    EXPECT_EQ(word, 0x80000000u | i);  // E set, index counting from 0
    const auto result = receiver().unprotectRtcp(packet);
    ASSERT_TRUE(result.ok()) << srtpStatusCode(result.status);
    EXPECT_EQ(Bytes(packet.begin(), packet.begin() + static_cast<long>(result.length)), plain);
  }
}

TEST_P(SrtpSessionTest, EveryFlippedBitIsRejectedAndChangesNothing) {
  const Bytes packet = srtp(500, 0x11223344, 40);
  for (size_t i = 0; i < packet.size(); ++i) {
    for (uint8_t bit : {0x01, 0x80}) {
      Bytes forged = packet;
      forged[i] ^= bit;
      EXPECT_NE(deliver(forged), SrtpStatus::kOk) << "octet " << i;
    }
  }
  EXPECT_EQ(receiver().receive().streamCount(), 0u);  // no forgery created the stream
  EXPECT_EQ(deliver(packet), SrtpStatus::kOk);
}

TEST_P(SrtpSessionTest, TamperedTagPayloadAndHeaderAreAuthFailures) {
  const Bytes packet = srtp(7);
  Bytes tag = packet, payload = packet, header = packet;
  tag.back() ^= 1;
  payload[20] ^= 1;
  header[1] ^= 1;  // payload type
  EXPECT_EQ(deliver(tag), SrtpStatus::kAuthFailed);
  EXPECT_EQ(deliver(payload), SrtpStatus::kAuthFailed);
  EXPECT_EQ(deliver(header), SrtpStatus::kAuthFailed);
  EXPECT_EQ(receiver().receive().counters().rtpCount(SrtpStatus::kAuthFailed), 3u);
}

TEST_P(SrtpSessionTest, TamperedSrtcpIsRejected) {
  const Bytes packet = protectRtcp(sender(), rtcpPacket(0x55, 2));
  for (size_t i = 0; i < packet.size(); ++i) {
    Bytes forged = packet;
    forged[i] ^= 0x04;
    EXPECT_NE(deliverRtcp(forged), SrtpStatus::kOk) << "octet " << i;
  }
  EXPECT_EQ(deliverRtcp(packet), SrtpStatus::kOk);
}

TEST_P(SrtpSessionTest, ReplayedPacketIsRejected) {
  const Bytes packet = srtp(1000);
  EXPECT_EQ(deliver(packet), SrtpStatus::kOk);
  EXPECT_EQ(deliver(packet), SrtpStatus::kReplayed);
  const Bytes rtcp = protectRtcp(sender(), rtcpPacket(0x11223344, 1));
  EXPECT_EQ(deliverRtcp(rtcp), SrtpStatus::kOk);
  EXPECT_EQ(deliverRtcp(rtcp), SrtpStatus::kReplayed);
}

TEST_P(SrtpSessionTest, PacketFarBehindTheWindowIsRejected) {
  constexpr size_t kWindow = SrtpReceiveContext::kRtpReplayWindow;
  const Bytes ancient = srtp(100);
  const Bytes oldest = srtp(static_cast<uint16_t>(5000 - kWindow + 1));
  const Bytes tooOld = srtp(static_cast<uint16_t>(5000 - kWindow));
  const Bytes newest = srtp(5000);
  EXPECT_EQ(deliver(newest), SrtpStatus::kOk);
  EXPECT_EQ(deliver(tooOld), SrtpStatus::kTooOld);
  EXPECT_EQ(deliver(oldest), SrtpStatus::kOk);
  EXPECT_EQ(deliver(ancient), SrtpStatus::kTooOld);
}

TEST_P(SrtpSessionTest, OutOfOrderWithinTheWindowIsAcceptedOnce) {
  std::vector<Bytes> packets;
  for (uint16_t seq = 0; seq < 40; ++seq) packets.push_back(srtp(static_cast<uint16_t>(2000 + seq)));
  for (size_t i : {5, 0, 39, 20, 1, 2, 38, 3, 4}) EXPECT_EQ(deliver(packets[i]), SrtpStatus::kOk) << i;
  for (size_t i : {0, 39, 20, 5}) EXPECT_EQ(deliver(packets[i]), SrtpStatus::kReplayed) << i;
  for (size_t i = 6; i < 20; ++i) EXPECT_EQ(deliver(packets[i]), SrtpStatus::kOk) << i;
}

TEST_P(SrtpSessionTest, PacketsAroundARolloverAreAcceptedInEitherOrder) {
  // The sender's ROC becomes 1 at sequence number 0; the receiver must authenticate 65535 with
  // ROC 0 even after it has seen 0 and 1 with ROC 1.
  const Bytes p65534 = srtp(65534), p65535 = srtp(65535), p0 = srtp(0), p1 = srtp(1);
  EXPECT_EQ(deliver(p65534), SrtpStatus::kOk);
  EXPECT_EQ(deliver(p0), SrtpStatus::kOk);
  EXPECT_EQ(deliver(p65535), SrtpStatus::kOk);  // before the rollover, after it
  EXPECT_EQ(deliver(p1), SrtpStatus::kOk);
  EXPECT_EQ(deliver(p65535), SrtpStatus::kReplayed);
  EXPECT_EQ(deliver(p0), SrtpStatus::kReplayed);
  // A packet from ROC 0 replayed 2^16 later would need ROC 1 to verify: it does not.
  for (uint16_t seq = 2; seq < 40000; seq += 1000) EXPECT_EQ(deliver(srtp(seq)), SrtpStatus::kOk);
  EXPECT_NE(deliver(p65534), SrtpStatus::kOk);
}

TEST_P(SrtpSessionTest, ManyRolloversKeepInStep) {
  uint16_t seq = 65000;
  for (int i = 0; i < 3 * 65536 / 997; ++i) {
    seq = static_cast<uint16_t>(seq + 997);
    ASSERT_EQ(deliver(srtp(seq, 0x77, 4)), SrtpStatus::kOk) << i;
  }
}

TEST_P(SrtpSessionTest, SrtcpIndexBehindTheWindowIsRejected) {
  std::vector<Bytes> packets;
  for (int i = 0; i < 200; ++i) packets.push_back(protectRtcp(sender(), rtcpPacket(9, 0)));
  EXPECT_EQ(deliverRtcp(packets[199]), SrtpStatus::kOk);
  EXPECT_EQ(deliverRtcp(packets[199 - SrtpReceiveContext::kRtcpReplayWindow]), SrtpStatus::kTooOld);
  EXPECT_EQ(deliverRtcp(packets[200 - SrtpReceiveContext::kRtcpReplayWindow]), SrtpStatus::kOk);
  EXPECT_EQ(deliverRtcp(packets[150]), SrtpStatus::kOk);
  EXPECT_EQ(deliverRtcp(packets[150]), SrtpStatus::kReplayed);
}

TEST_P(SrtpSessionTest, TooShortInputIsRejectedAtEveryLength) {
  // Each input sits in a heap block of exactly its length: AddressSanitizer catches any read
  // past it. A valid header is kept so that the length check alone must do the work.
  const auto& params = srtpProfileParams(GetParam());
  const Bytes packet = srtp(3, 0x11223344, 0);
  for (size_t length = 0; length < 12 + params.rtpTagLength; ++length) {
    auto exact = std::make_unique<uint8_t[]>(length + 1);
    std::copy_n(packet.begin(), std::min(length, packet.size()), exact.get());
    EXPECT_EQ(receiver().unprotectRtp({exact.get(), length}).status, SrtpStatus::kTooShort) << length;
  }
  const Bytes rtcp = protectRtcp(sender(), rtcpPacket(3, 0));
  for (size_t length = 0; length < 8 + 4 + params.rtcpTagLength; ++length) {
    auto exact = std::make_unique<uint8_t[]>(length + 1);
    std::copy_n(rtcp.begin(), std::min(length, rtcp.size()), exact.get());
    EXPECT_EQ(receiver().unprotectRtcp({exact.get(), length}).status, SrtpStatus::kTooShort) << length;
  }
  // Every truncation of a valid packet fails one way or another, never reading past it.
  const Bytes big = srtp(4, 0x11223344, 64);
  for (size_t length = 0; length < big.size(); ++length) {
    Bytes truncated(big.begin(), big.begin() + static_cast<long>(length));
    EXPECT_NE(receiver().unprotectRtp(truncated).status, SrtpStatus::kOk) << length;
  }
}

TEST_P(SrtpSessionTest, HeadersRunningPastThePacketAreMalformed) {
  const size_t tag = srtpProfileParams(GetParam()).rtpTagLength;
  Bytes csrcs = rtpPacket({.seq = 1, .payloadLength = 0});
  csrcs[0] |= 0x0f;  // 15 CSRCs announced, none present
  csrcs.resize(csrcs.size() + tag);
  EXPECT_EQ(deliver(csrcs), SrtpStatus::kMalformed);
  Bytes extension = rtpPacket({.seq = 1, .extension = true, .extensionWords = 1, .payloadLength = 0});
  extension[15] = 200;  // extension length of 200 words
  extension.resize(extension.size() + tag);
  EXPECT_EQ(deliver(extension), SrtpStatus::kMalformed);
  Bytes version = srtp(1);
  version[0] = (version[0] & 0x3f) | 0x40;  // version 1
  EXPECT_EQ(deliver(version), SrtpStatus::kMalformed);
}

TEST_P(SrtpSessionTest, ProtectRefusesWhatItCannotProtect) {
  const size_t tag = srtpProfileParams(GetParam()).rtpTagLength;
  Bytes plain = rtpPacket({.seq = 1});
  const size_t length = plain.size();
  plain.resize(length + tag - 1);  // one octet short of room for the tag
  const Bytes before = plain;
  EXPECT_EQ(sender().protectRtp(plain, length), std::nullopt);
  EXPECT_EQ(plain, before);
  EXPECT_EQ(sender().protectRtp(plain, plain.size() + 1), std::nullopt);
  Bytes notRtp(40, 0);
  EXPECT_EQ(sender().protectRtp(notRtp, 20), std::nullopt);
  EXPECT_EQ(sender().protectRtcp(notRtp, 4), std::nullopt);
  EXPECT_EQ(sender().send().counters().refused, 4u);
}

TEST_P(SrtpSessionTest, SrtcpIndexIsNeverReused) {
  ASSERT_TRUE(sender().send().setNextSrtcpIndex(42, 0x7fffffff));
  Bytes buffer = rtcpPacket(42, 0);
  const size_t length = buffer.size();
  buffer.resize(length + kSrtpMaxRtcpOverhead);
  EXPECT_TRUE(sender().protectRtcp(buffer, length).has_value());
  buffer = rtcpPacket(42, 0);
  buffer.resize(length + kSrtpMaxRtcpOverhead);
  EXPECT_EQ(sender().protectRtcp(buffer, length), std::nullopt);  // 2^31 used: rekey first
}

TEST_P(SrtpSessionTest, ForgedPacketsDoNotMoveTheWindow) {
  const Bytes p10 = srtp(10), p11 = srtp(11);
  Bytes ahead = srtp(30000);
  ahead.back() ^= 1;
  EXPECT_EQ(deliver(p10), SrtpStatus::kOk);
  EXPECT_EQ(deliver(ahead), SrtpStatus::kAuthFailed);
  EXPECT_EQ(deliver(p11), SrtpStatus::kOk);  // still in the window a forgery would have moved
}

TEST_P(SrtpSessionTest, AnIndexIsProtectedOnlyOnceByDefault) {
  // A second packet under one index would reuse the keystream / GCM nonce.
  Bytes first = rtpPacket({.seq = 9, .fill = 1}), second = rtpPacket({.seq = 9, .fill = 2});
  const size_t length = first.size();
  first.resize(length + kSrtpMaxRtpOverhead);
  second.resize(length + kSrtpMaxRtpOverhead);
  EXPECT_TRUE(sender().protectRtp(first, length).has_value());
  EXPECT_EQ(sender().protectRtp(second, length), std::nullopt);
  EXPECT_EQ(sender().send().counters().resendsRefused, 1u);
  // Nor one so far behind that the sender can no longer tell whether it was sent.
  srtp(static_cast<uint16_t>(9 + SrtpSendContext::kSentWindow));
  Bytes behind = rtpPacket({.seq = 8});
  behind.resize(length + kSrtpMaxRtpOverhead);
  EXPECT_EQ(sender().protectRtp(behind, length), std::nullopt);
  // Within the window, a late first send is fine.
  EXPECT_EQ(deliver(srtp(11)), SrtpStatus::kOk);
}

TEST_P(SrtpSessionTest, AllowResendProtectsTheSamePacketAgainIdentically) {
  auto pair = test::sessionPair(GetParam(), {.allowResend = true});
  const Bytes plain = rtpPacket({.seq = 300});
  const Bytes once = protectRtp(pair.a, plain);
  const Bytes again = protectRtp(pair.a, plain);
  EXPECT_EQ(once, again);  // same index, same key: the same bytes, nothing new revealed
  Bytes received = again;
  EXPECT_TRUE(pair.b.unprotectRtp(received).ok());
  received = once;
  EXPECT_EQ(pair.b.unprotectRtp(received).status, SrtpStatus::kReplayed);
}

INSTANTIATE_TEST_SUITE_P(Profiles, SrtpSessionTest, testing::ValuesIn(kAllSrtpProfiles),
                         test::profileName);

TEST(SrtpSessionOptionsTest, NewSsrcBeyondTheBoundIsRefusedUntilOneIsRemoved) {
  auto pair = test::sessionPair(SrtpProfile::kAeadAes128Gcm, {.maxSendStreams = 8, .maxReceiveStreams = 2});
  auto packet = [&](uint32_t ssrc) { return protectRtp(pair.a, rtpPacket({.seq = 1, .ssrc = ssrc})); };
  Bytes p1 = packet(1), p2 = packet(2), p3 = packet(3);
  EXPECT_TRUE(pair.b.unprotectRtp(p1).ok());
  EXPECT_TRUE(pair.b.unprotectRtp(p2).ok());
  EXPECT_EQ(pair.b.unprotectRtp(p3).status, SrtpStatus::kStreamLimit);
  EXPECT_TRUE(pair.b.receive().removeStream(1));
  EXPECT_TRUE(pair.b.unprotectRtp(p3).ok());
  EXPECT_EQ(pair.b.receive().streamCount(), 2u);
}

TEST(SrtpSessionOptionsTest, SenderStreamLimit) {
  auto pair = test::sessionPair(SrtpProfile::kAes128CmHmacSha1_80, {.maxSendStreams = 1, .maxReceiveStreams = 1});
  Bytes a = rtpPacket({.seq = 1, .ssrc = 1}), b = rtpPacket({.seq = 1, .ssrc = 2});
  const size_t length = a.size();
  a.resize(length + 16);
  b.resize(length + 16);
  EXPECT_TRUE(pair.a.protectRtp(a, length).has_value());
  EXPECT_EQ(pair.a.protectRtp(b, length), std::nullopt);
}

TEST(SrtpSessionCreate, RefusesKeysOfDifferentProfiles) {
  const auto result = SrtpSession::create(test::masterKey(SrtpProfile::kAeadAes128Gcm, 1),
                                          test::masterKey(SrtpProfile::kAes128CmHmacSha1_80, 1));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "srtp_profile_mismatch");
}

}  // namespace
}  // namespace dienhong::media
