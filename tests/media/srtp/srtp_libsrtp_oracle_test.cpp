// libsrtp2 as the oracle, both directions, every profile: what we protect libsrtp2 unprotects to
// the original, and what libsrtp2 protects we unprotect to the original — over thousands of
// packets of varied shape on interleaved SSRCs, across a sequence-number rollover (ROC 0 → 1),
// and SRTCP with increasing indices. Our own output is also compared byte for byte with
// libsrtp2's for the same input, which pins the key derivation, IVs and tags exactly.
#include <random>

#include <gtest/gtest.h>

#include "libsrtp_peer.hpp"
#include "srtp_test_util.hpp"

namespace dienhong::media {
namespace {

using test::Bytes;
using test::LibsrtpPeer;
using test::rtcpPacket;
using test::rtpPacket;
using test::RtpSpec;

// Room after a packet: libsrtp2 insists on SRTP_MAX_TRAILER_LEN (tag + the largest MKI).
constexpr size_t kSlack = SRTP_MAX_TRAILER_LEN;

class SrtpLibsrtpOracle : public testing::TestWithParam<SrtpProfile> {
 protected:
  SrtpLibsrtpOracle()
      : local_(test::masterKey(GetParam(), 21)),
        remote_(test::masterKey(GetParam(), 42)),
        ours_(SrtpSession::create(local_, remote_).value()),
        libsrtpIn_(local_, LibsrtpPeer::Direction::kInbound),
        libsrtpOut_(remote_, LibsrtpPeer::Direction::kOutbound),
        libsrtpTwin_(local_, LibsrtpPeer::Direction::kOutbound) {}

  // A packet stream: 3 SSRCs interleaved, sequence numbers starting just before the wrap, an
  // occasional reordering, CSRCs and header extensions now and then, payloads of 0..1200.
  std::vector<Bytes> rtpStream(size_t count, uint32_t seed) {
    std::mt19937 rng(seed);
    const uint32_t ssrcs[] = {0x0badcafe, 0x12345678, 0xfffffffe};
    uint16_t next[] = {65000, 64000, 100};
    std::vector<Bytes> packets;
    for (size_t i = 0; i < count; ++i) {
      const size_t s = rng() % 3;
      RtpSpec spec{.seq = next[s]++, .ssrc = ssrcs[s], .timestamp = static_cast<uint32_t>(rng())};
      spec.payloadType = static_cast<uint8_t>(96 + rng() % 32);
      if (rng() % 8 == 0) spec.csrcCount = rng() % 4;
      if (rng() % 4 == 0) {
        spec.extension = true;
        spec.extensionWords = rng() % 4;
      }
      spec.payloadLength = rng() % 5 == 0 ? rng() % 16 : rng() % 1201;
      spec.fill = static_cast<uint8_t>(rng());
      packets.push_back(rtpPacket(spec));
    }
    // Swap some neighbours: reordering within the replay window must be accepted too.
    for (size_t i = 1; i + 1 < packets.size(); i += 1 + rng() % 10) std::swap(packets[i], packets[i + 1]);
    return packets;
  }

  SrtpMasterKey local_;
  SrtpMasterKey remote_;
  SrtpSession ours_;
  LibsrtpPeer libsrtpIn_;    // receives what we send
  LibsrtpPeer libsrtpOut_;   // sends what we receive
  LibsrtpPeer libsrtpTwin_;  // sends with our send key: its output must equal ours
};

TEST_P(SrtpLibsrtpOracle, OursProtectLibsrtpUnprotectsAcrossRollover) {
  const auto packets = rtpStream(3000, 1);
  for (size_t i = 0; i < packets.size(); ++i) {
    const Bytes& plain = packets[i];
    Bytes ours(plain), twin(plain);
    ours.resize(plain.size() + kSlack);
    twin.resize(plain.size() + kSlack);
    const auto length = ours_.protectRtp(ours, plain.size());
    ASSERT_TRUE(length) << i;
    const auto twinLength = libsrtpTwin_.protectRtp(twin, plain.size());
    ASSERT_TRUE(twinLength) << i << " libsrtp2 status " << libsrtpTwin_.lastStatus();
    ASSERT_EQ(*length, *twinLength) << i;
    ASSERT_TRUE(std::equal(ours.begin(), ours.begin() + static_cast<long>(*length), twin.begin())) << i;

    const auto plainLength = libsrtpIn_.unprotectRtp(ours, *length);
    ASSERT_TRUE(plainLength) << i << " libsrtp2 status " << libsrtpIn_.lastStatus();
    ASSERT_EQ(*plainLength, plain.size()) << i;
    ASSERT_TRUE(std::equal(plain.begin(), plain.end(), ours.begin())) << i;
  }
}

TEST_P(SrtpLibsrtpOracle, LibsrtpProtectOursUnprotectsAcrossRollover) {
  const auto packets = rtpStream(3000, 2);
  for (size_t i = 0; i < packets.size(); ++i) {
    const Bytes& plain = packets[i];
    Bytes buffer(plain);
    buffer.resize(plain.size() + kSlack);
    const auto length = libsrtpOut_.protectRtp(buffer, plain.size());
    ASSERT_TRUE(length) << i << " libsrtp2 status " << libsrtpOut_.lastStatus();
    buffer.resize(*length);
    const auto result = ours_.unprotectRtp(buffer);
    ASSERT_TRUE(result.ok()) << i << " " << srtpStatusCode(result.status);
    ASSERT_EQ(result.length, plain.size()) << i;
    ASSERT_TRUE(std::equal(plain.begin(), plain.end(), buffer.begin())) << i;
  }
  EXPECT_EQ(ours_.receive().counters().rtpCount(SrtpStatus::kOk), packets.size());
}

TEST_P(SrtpLibsrtpOracle, SrtcpBothWaysWithIncreasingIndex) {
  std::mt19937 rng(3);
  const uint32_t ssrcs[] = {0x0badcafe, 0x1};
  // libsrtp2 numbers SRTCP packets from 1, RFC 3711 §3.4 from 0 (as we do; libsrtp2 accepts
  // either). Start ours at 1 so that the two outputs can be compared octet for octet.
  for (uint32_t ssrc : ssrcs) ASSERT_TRUE(ours_.send().setNextSrtcpIndex(ssrc, 1));
  for (int i = 0; i < 600; ++i) {
    const Bytes plain = rtcpPacket(ssrcs[i % 2], rng() % 8, static_cast<uint8_t>(rng()));

    Bytes ours(plain), twin(plain);
    ours.resize(plain.size() + kSlack);
    twin.resize(plain.size() + kSlack);
    const auto length = ours_.protectRtcp(ours, plain.size());
    const auto twinLength = libsrtpTwin_.protectRtcp(twin, plain.size());
    ASSERT_TRUE(length && twinLength) << i;
    ASSERT_EQ(*length, *twinLength) << i;
    ASSERT_TRUE(std::equal(ours.begin(), ours.begin() + static_cast<long>(*length), twin.begin())) << i;
    const auto plainLength = libsrtpIn_.unprotectRtcp(ours, *length);
    ASSERT_TRUE(plainLength) << i << " libsrtp2 status " << libsrtpIn_.lastStatus();
    ASSERT_EQ(*plainLength, plain.size());
    ASSERT_TRUE(std::equal(plain.begin(), plain.end(), ours.begin())) << i;

    Bytes theirs(plain);
    theirs.resize(plain.size() + kSlack);
    const auto theirLength = libsrtpOut_.protectRtcp(theirs, plain.size());
    ASSERT_TRUE(theirLength) << i;
    theirs.resize(*theirLength);
    const auto result = ours_.unprotectRtcp(theirs);
    ASSERT_TRUE(result.ok()) << i << " " << srtpStatusCode(result.status);
    ASSERT_EQ(result.length, plain.size());
    ASSERT_TRUE(std::equal(plain.begin(), plain.end(), theirs.begin())) << i;
  }
}

TEST_P(SrtpLibsrtpOracle, LibsrtpRejectsOurTamperedPacketsAndWeRejectItsReplays) {
  Bytes plain = rtpPacket({.seq = 77, .payloadLength = 100});
  Bytes buffer(plain);
  buffer.resize(plain.size() + kSlack);
  const auto length = ours_.protectRtp(buffer, plain.size());
  ASSERT_TRUE(length);
  buffer[*length - 1] ^= 0x20;
  EXPECT_FALSE(libsrtpIn_.unprotectRtp(buffer, *length));
  EXPECT_EQ(libsrtpIn_.lastStatus(), srtp_err_status_auth_fail);

  Bytes theirs(plain);
  theirs.resize(plain.size() + kSlack);
  const auto theirLength = libsrtpOut_.protectRtp(theirs, plain.size());
  ASSERT_TRUE(theirLength);
  theirs.resize(*theirLength);
  Bytes copy = theirs;
  EXPECT_TRUE(ours_.unprotectRtp(theirs).ok());
  EXPECT_EQ(ours_.unprotectRtp(copy).status, SrtpStatus::kReplayed);
}

INSTANTIATE_TEST_SUITE_P(Profiles, SrtpLibsrtpOracle, testing::ValuesIn(kAllSrtpProfiles),
                         test::profileName);

}  // namespace
}  // namespace dienhong::media
