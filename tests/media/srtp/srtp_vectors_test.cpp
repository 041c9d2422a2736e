// Exact-byte vectors: the AES-CM keystream of RFC 3711 Appendix B.2, the AES-GCM SRTP and SRTCP
// packets of RFC 7714 §16 and §17, and libsrtp's own AES-CM/HMAC-SHA1-80 validation packet.
#include <gtest/gtest.h>

#include "media/srtp/aes_ctr.hpp"
#include "media/srtp/srtp_key_derivation.hpp"
#include "media/srtp/srtp_receive_context.hpp"
#include "media/srtp/srtp_send_context.hpp"
#include "srtp_test_util.hpp"

namespace dienhong::media {
namespace {

using srtp::SrtpSessionKeys;
using srtp::SrtpTransform;
using srtp::TransformDirection;
using test::Bytes;
using test::hex;

// ---- RFC 3711 Appendix B.2: AES-CM keystream -------------------------------------------------

const Bytes kB2SessionKey = hex("2B7E151628AED2A6ABF7158809CF4F3C");
const Bytes kB2SessionSalt = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");

Bytes block(const Bytes& stream, size_t counter) {
  return Bytes(stream.begin() + static_cast<long>(counter * 16),
               stream.begin() + static_cast<long>(counter * 16 + 16));
}

TEST(SrtpVectors, Rfc3711B2KeystreamWholeSegment) {
  // SSRC = 0 and index = 0, so the IV is the salt followed by the 16-bit block counter.
  auto ctr = srtp::AesCtr::create(kB2SessionKey);
  ASSERT_TRUE(ctr);
  srtp::AesCtr::Iv iv{};
  std::copy(kB2SessionSalt.begin(), kB2SessionSalt.end(), iv.begin());
  Bytes stream(0xFF02 * 16, 0);
  ASSERT_TRUE(ctr->apply(iv, stream));
  EXPECT_EQ(block(stream, 0x0000), hex("E03EAD0935C95E80E166B16DD92B4EB4"));
  EXPECT_EQ(block(stream, 0x0001), hex("D23513162B02D0F72A43A2FE4A5F97AB"));
  EXPECT_EQ(block(stream, 0x0002), hex("41E95B3BB0A2E8DD477901E4FCA894C0"));
  EXPECT_EQ(block(stream, 0xFEFF), hex("EC8CDF7398607CB0F2D21675EA9EA1E4"));
  EXPECT_EQ(block(stream, 0xFF00), hex("362B7C3C6773516318A077D7FC5073AE"));
  EXPECT_EQ(block(stream, 0xFF01), hex("6A2CC3787889374FBEB4C81B17BA6C44"));
}

TEST(SrtpVectors, Rfc3711B2KeystreamEncryptsRtpPayload) {
  // The same keystream through the packet transform: an RTP packet with SSRC 0 and sequence
  // number 0 (first packet, ROC 0) whose payload is zeros encrypts to the keystream itself.
  const auto keys = SrtpSessionKeys::fromSessionValues(SrtpProfile::kAes128CmHmacSha1_80,
                                                       kB2SessionKey, Bytes(20, 0x42), kB2SessionSalt);
  ASSERT_TRUE(keys);
  auto transform = SrtpTransform::fromSessionKeys(*keys, *keys, TransformDirection::kProtect);
  ASSERT_TRUE(transform);
  SrtpSendContext sender(std::move(*transform), 4);
  Bytes packet = test::rtpPacket({.seq = 0, .ssrc = 0, .payloadLength = 48, .fill = 0});
  std::fill(packet.begin() + 12, packet.end(), 0);
  const size_t plainLength = packet.size();
  packet.resize(plainLength + 10);
  ASSERT_EQ(sender.protectRtp(packet, plainLength), plainLength + 10);
  EXPECT_EQ(Bytes(packet.begin() + 12, packet.begin() + 60),
            hex("E03EAD0935C95E80E166B16DD92B4EB4D23513162B02D0F72A43A2FE4A5F97AB"
                "41E95B3BB0A2E8DD477901E4FCA894C0"));
}

// ---- libsrtp's srtp_validate(): AES_CM_128_HMAC_SHA1_80, key derivation included -------------

TEST(SrtpVectors, LibsrtpValidationPacketAesCm128HmacSha1_80) {
  const auto master = SrtpMasterKey::create(SrtpProfile::kAes128CmHmacSha1_80,
                                            hex("e1f97a0d3e018be0d64fa32c06de4139"),
                                            hex("0ec675ad498afeebb6960b3aabe6"));
  ASSERT_TRUE(master);
  auto session = SrtpSession::create(*master, *master);
  ASSERT_TRUE(session.ok());
  const Bytes plain = hex("800f1234decafbadcafebabeabababababababababababababababab");
  const Bytes expected = hex("800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb");
  const Bytes srtp = test::protectRtp(*session, plain);
  EXPECT_EQ(srtp, expected);
  Bytes received = expected;
  const auto result = session->unprotectRtp(received);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(Bytes(received.begin(), received.begin() + static_cast<long>(result.length)), plain);
}

// ---- RFC 7714 §16 (SRTP) and §17 (SRTCP): session key and salt given directly ----------------

const Bytes kGcmKey128 = hex("000102030405060708090a0b0c0d0e0f");
const Bytes kGcmKey256 = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
const Bytes kGcmSalt = hex("517569642070726f2071756f");  // "Quid pro quo"

const Bytes kGcmRtp = hex(
    "8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976"
    "69736120 696e2070 61727465 73207472 6573");
const Bytes kGcmRtcp = hex(
    "81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61"
    "deadbeef deadbeef deadbeef deadbeef deadbeef");
constexpr uint32_t kGcmRtcpSsrc = 0x4d617273;  // "Mars"
constexpr uint32_t kGcmSrtcpIndex = 0x5d4;

SrtpTransform gcmTransform(const Bytes& key, TransformDirection direction) {
  const auto profile = key.size() == 16 ? SrtpProfile::kAeadAes128Gcm : SrtpProfile::kAeadAes256Gcm;
  const auto keys = SrtpSessionKeys::fromSessionValues(profile, key, {}, kGcmSalt);
  EXPECT_TRUE(keys);
  auto transform = SrtpTransform::fromSessionKeys(*keys, *keys, direction);
  EXPECT_TRUE(transform);
  return std::move(*transform);
}

void expectGcmRtpVector(const Bytes& key, const Bytes& expected) {
  SrtpSendContext sender(gcmTransform(key, TransformDirection::kProtect), 4);
  Bytes buffer = kGcmRtp;
  buffer.resize(kGcmRtp.size() + 16);
  ASSERT_EQ(sender.protectRtp(buffer, kGcmRtp.size()), expected.size());
  EXPECT_EQ(buffer, expected);

  SrtpReceiveContext receiver(gcmTransform(key, TransformDirection::kUnprotect), 4);
  Bytes received = expected;
  const auto result = receiver.unprotectRtp(received);
  ASSERT_TRUE(result.ok()) << srtpStatusCode(result.status);
  EXPECT_EQ(Bytes(received.begin(), received.begin() + static_cast<long>(result.length)), kGcmRtp);
}

void expectGcmRtcpProtect(const Bytes& key, const Bytes& expected) {
  SrtpSendContext sender(gcmTransform(key, TransformDirection::kProtect), 4);
  ASSERT_TRUE(sender.setNextSrtcpIndex(kGcmRtcpSsrc, kGcmSrtcpIndex));
  Bytes buffer = kGcmRtcp;
  buffer.resize(kGcmRtcp.size() + 20);
  ASSERT_EQ(sender.protectRtcp(buffer, kGcmRtcp.size()), expected.size());
  EXPECT_EQ(buffer, expected);
}

void expectGcmRtcpUnprotect(const Bytes& key, const Bytes& srtcp) {
  SrtpReceiveContext receiver(gcmTransform(key, TransformDirection::kUnprotect), 4);
  Bytes received = srtcp;
  const auto result = receiver.unprotectRtcp(received);
  ASSERT_TRUE(result.ok()) << srtpStatusCode(result.status);
  EXPECT_EQ(Bytes(received.begin(), received.begin() + static_cast<long>(result.length)), kGcmRtcp);
  Bytes again = srtcp;
  EXPECT_EQ(receiver.unprotectRtcp(again).status, SrtpStatus::kReplayed);
}

TEST(SrtpVectors, Rfc7714Section16_1Aes128GcmRtp) {
  expectGcmRtpVector(kGcmKey128, hex(
      "8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5"
      "0d294e6f 42a5f47a 51c7d19b 36de3adf 8833899d 7f27beb1 6a9152cf 765ee439 0cce"));
}

TEST(SrtpVectors, Rfc7714Section16_2Aes256GcmRtp) {
  expectGcmRtpVector(kGcmKey256, hex(
      "8040f17b 8041f8d3 5501a0b2 32b1de78 a822fe12 ef9f78fa 332e33aa b1801238"
      "9a58e2f3 b50b2a02 76ffae0f 1ba63799 b87b7aa3 db36dfff d6b0f9bb 7878d7a7 6c13"));
}

const Bytes kRfc7714Srtcp128 = hex(
    "81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 6c06f32d"
    "c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b c84aa458 96cf4d2f c5abf872 45d9eade 800005d4");
const Bytes kRfc7714Srtcp256 = hex(
    "81c8000d 4d617273 d50ae4d1 f5ce5d30 4ba297e4 7d470c28 2c3ece5d bffe0a50"
    "a2eaa5c1 110555be 8415f658 c61de047 6f1b6fad 1d1eb30c 4446839f 57ff6f6c b26ac3be 800005d4");

TEST(SrtpVectors, Rfc7714Section17_1Aes128GcmSrtcp) {
  expectGcmRtcpProtect(kGcmKey128, kRfc7714Srtcp128);
  expectGcmRtcpUnprotect(kGcmKey128, kRfc7714Srtcp128);
}

TEST(SrtpVectors, Rfc7714Section17_2Aes256GcmSrtcp) {
  expectGcmRtcpProtect(kGcmKey256, kRfc7714Srtcp256);
  expectGcmRtcpUnprotect(kGcmKey256, kRfc7714Srtcp256);
}

TEST(SrtpVectors, Rfc7714Section17_3Aes128GcmSrtcpAuthenticatedOnly) {
  // E = 0: the packet travels in the clear and is all associated data.
  expectGcmRtcpUnprotect(kGcmKey128, hex(
      "81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61"
      "deadbeef deadbeef deadbeef deadbeef deadbeef 841dd968 3dd78ec9 2ae58790 125f62b3 000005d4"));
}

TEST(SrtpVectors, Rfc7714Section17_4Aes256GcmSrtcpAuthenticatedOnly) {
  expectGcmRtcpUnprotect(kGcmKey256, hex(
      "81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61"
      "deadbeef deadbeef deadbeef deadbeef deadbeef 91db4afb feee5a97 8fab4393 ed2615fe 000005d4"));
}

TEST(SrtpVectors, Rfc7714SrtcpWithFlippedEncryptionFlagIsRejected) {
  // E is authenticated: claiming the encrypted packet was sent in the clear must fail.
  Bytes forged = kRfc7714Srtcp128;
  forged[forged.size() - 4] &= 0x7f;
  SrtpReceiveContext receiver(gcmTransform(kGcmKey128, TransformDirection::kUnprotect), 4);
  EXPECT_EQ(receiver.unprotectRtcp(forged).status, SrtpStatus::kAuthFailed);
}

}  // namespace
}  // namespace dienhong::media
