#include "media/ice/stun_message_view.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "media/ice/crc32.hpp"
#include "media/ice/stun_crypto.hpp"
#include "media/ice/stun_message_writer.hpp"
#include "rfc5769_vectors.hpp"

namespace dienhong::media {
namespace {

std::vector<uint8_t> copyOf(std::span<const uint8_t> bytes) { return {bytes.begin(), bytes.end()}; }

void setLength(std::vector<uint8_t>& message, size_t length) {
  message[2] = static_cast<uint8_t>(length >> 8);
  message[3] = static_cast<uint8_t>(length);
}

std::string_view text(std::span<const uint8_t> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// --- Message type --------------------------------------------------------------------------------

TEST(StunMessageType, EncodesClassBitsBetweenMethodBits) {
  EXPECT_EQ(kBindingRequest.encode(), 0x0001);
  EXPECT_EQ(kBindingIndication.encode(), 0x0011);
  EXPECT_EQ(kBindingSuccess.encode(), 0x0101);
  EXPECT_EQ(kBindingError.encode(), 0x0111);
  // TURN Allocate (0x003) error response is 0x0113; method 0xFFF spreads over all method bits.
  EXPECT_EQ((StunMessageType{StunClass::kErrorResponse, 0x003}.encode()), 0x0113);
  EXPECT_EQ((StunMessageType{StunClass::kRequest, 0xFFF}.encode()), 0x3EEF);
}

TEST(StunMessageType, DecodeInvertsEncodeForEveryTypeValue) {
  for (uint32_t field = 0; field < 0x4000; ++field) {
    const auto type = StunMessageType::decode(static_cast<uint16_t>(field));
    ASSERT_EQ(type.encode(), field);
  }
}

// --- RFC 5769 test vectors -----------------------------------------------------------------------

TEST(StunRfc5769, SampleRequestParsesWithEveryAttribute) {
  const auto message = StunMessageView::parse(rfc5769::kRequest);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->type(), kBindingRequest);
  EXPECT_EQ(message->transactionId(), rfc5769::kTransactionId);
  EXPECT_EQ(message->software(), rfc5769::kSoftwareRequest);
  EXPECT_EQ(message->username(), rfc5769::kUsername);
  EXPECT_EQ(message->priority(), rfc5769::kRequestPriority);
  EXPECT_EQ(message->iceControlled(), rfc5769::kRequestTieBreaker);
  EXPECT_FALSE(message->iceControlling());
  EXPECT_FALSE(message->useCandidate());
  EXPECT_TRUE(message->hasMessageIntegrity());
  EXPECT_FALSE(message->hasMessageIntegritySha256());
  EXPECT_TRUE(message->hasFingerprint());

  std::vector<uint16_t> types;
  for (const StunAttribute attribute : message->attributes()) types.push_back(attribute.type);
  EXPECT_EQ(types, (std::vector<uint16_t>{0x8022, 0x0024, 0x8029, 0x0006, 0x0008, 0x8028}));
}

TEST(StunRfc5769, SampleRequestIntegrityAndFingerprintVerify) {
  const auto message = StunMessageView::parse(rfc5769::kRequest);
  ASSERT_TRUE(message);
  EXPECT_TRUE(message->verifyFingerprint());
  EXPECT_TRUE(message->verifyMessageIntegrity(asBytes(rfc5769::kPassword)));
  EXPECT_FALSE(message->verifyMessageIntegrity(asBytes("VOkJxbRl1RmTxUk/WvJxBT")));
  EXPECT_FALSE(message->verifyMessageIntegrity({}));
}

TEST(StunRfc5769, Ipv4ResponseDecodesMappedAddress) {
  const auto message = StunMessageView::parse(rfc5769::kIpv4Response);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->type(), kBindingSuccess);
  EXPECT_EQ(message->software(), rfc5769::kSoftwareResponse);
  EXPECT_EQ(message->xorMappedAddress(), TransportAddress::fromString("192.0.2.1:32853"));
  EXPECT_TRUE(message->verifyFingerprint());
  EXPECT_TRUE(message->verifyMessageIntegrity(asBytes(rfc5769::kPassword)));
}

TEST(StunRfc5769, Ipv6ResponseDecodesMappedAddress) {
  const auto message = StunMessageView::parse(rfc5769::kIpv6Response);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->xorMappedAddress(),
            TransportAddress::fromString("[2001:db8:1234:5678:11:2233:4455:6677]:32853"));
  EXPECT_TRUE(message->verifyFingerprint());
  EXPECT_TRUE(message->verifyMessageIntegrity(asBytes(rfc5769::kPassword)));
}

TEST(StunRfc5769, LongTermRequestVerifiesUnderMd5Key) {
  const auto message = StunMessageView::parse(rfc5769::kLongTermRequest);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->transactionId(), rfc5769::kLongTermTransactionId);
  EXPECT_EQ(message->username(), rfc5769::kLongTermUsername);
  EXPECT_EQ(message->nonce(), rfc5769::kLongTermNonce);
  EXPECT_EQ(message->realm(), rfc5769::kLongTermRealm);
  EXPECT_FALSE(message->hasFingerprint());
  EXPECT_FALSE(message->verifyFingerprint());
  const Md5Digest key = stunLongTermKey(rfc5769::kLongTermUsername, rfc5769::kLongTermRealm,
                                        rfc5769::kLongTermPassword);
  EXPECT_TRUE(message->verifyMessageIntegrity(key));
  // The key is not the password itself.
  EXPECT_FALSE(message->verifyMessageIntegrity(asBytes(rfc5769::kLongTermPassword)));
}

TEST(StunRfc5769, AnyFlippedBitBreaksIntegrityOrFingerprint) {
  // Every byte of the sample request is covered by the HMAC or by the CRC.
  for (size_t i = 0; i < rfc5769::kRequest.size(); ++i) {
    auto copy = copyOf(rfc5769::kRequest);
    copy[i] ^= 0x01;
    const auto message = StunMessageView::parse(copy);
    if (!message) continue;  // a header or length byte: no longer a STUN message at all
    const bool fingerprint = message->verifyFingerprint();
    const bool integrity = message->verifyMessageIntegrity(asBytes(rfc5769::kPassword));
    EXPECT_FALSE(fingerprint && integrity) << "byte " << i;
    EXPECT_FALSE(fingerprint) << "byte " << i;
  }
}

// --- Crypto primitives against their own RFCs ----------------------------------------------------

TEST(StunCrypto, Crc32MatchesTheCheckValue) {
  EXPECT_EQ(crc32(asBytes("123456789")), 0xCBF43926U);
  EXPECT_EQ(crc32({}), 0U);
  EXPECT_EQ(crc32(asBytes("56789"), crc32(asBytes("1234"))), 0xCBF43926U);
}

TEST(StunCrypto, HmacSha1MatchesRfc2202) {
  const std::array<uint8_t, 20> key = {0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b,
                                       0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b};
  const Sha1Digest expected = {0xb6, 0x17, 0x31, 0x86, 0x55, 0x05, 0x72, 0x64, 0xe2, 0x8b,
                               0xc0, 0xb6, 0xfb, 0x37, 0x8c, 0x8e, 0xf1, 0x46, 0xbe, 0x00};
  EXPECT_EQ(hmacSha1(key, {asBytes("Hi There")}), expected);
  EXPECT_EQ(hmacSha1(key, {asBytes("Hi "), asBytes("There")}), expected);
  // RFC 2202 test case 6: an 80-byte key is hashed first.
  const std::vector<uint8_t> longKey(80, 0xaa);
  const Sha1Digest expected6 = {0xaa, 0x4a, 0xe5, 0xe1, 0x52, 0x72, 0xd0, 0x0e, 0x95, 0x70,
                                0x56, 0x37, 0xce, 0x8a, 0x3b, 0x55, 0xed, 0x40, 0x21, 0x12};
  EXPECT_EQ(hmacSha1(longKey, {asBytes("Test Using Larger Than Block-Size Key - Hash Key First")}),
            expected6);
}

TEST(StunCrypto, HmacSha256MatchesRfc4231) {
  const std::vector<uint8_t> key(20, 0x0b);
  const Sha256Digest expected = {0xb0, 0x34, 0x4c, 0x61, 0xd8, 0xdb, 0x38, 0x53, 0x5c, 0xa8, 0xaf,
                                 0xce, 0xaf, 0x0b, 0xf1, 0x2b, 0x88, 0x1d, 0xc2, 0x00, 0xc9, 0x83,
                                 0x3d, 0xa7, 0x26, 0xe9, 0x37, 0x6c, 0x2e, 0x32, 0xcf, 0xf7};
  EXPECT_EQ(hmacSha256(key, {asBytes("Hi There")}), expected);
}

TEST(StunCrypto, LongTermKeyMatchesRfc8489Example) {
  const Md5Digest expected = {0x84, 0x93, 0xfb, 0xc5, 0x3b, 0xa5, 0x82, 0xfb,
                              0x4c, 0x04, 0x4c, 0x45, 0x6b, 0xdc, 0x40, 0xeb};
  EXPECT_EQ(stunLongTermKey("user", "realm", "pass"), expected);  // RFC 8489 §9.2.2
}

TEST(StunCrypto, ConstantTimeEqualNeedsSameSize) {
  const std::array<uint8_t, 3> a = {1, 2, 3};
  const std::array<uint8_t, 3> b = {1, 2, 4};
  EXPECT_TRUE(constantTimeEqual(a, a));
  EXPECT_FALSE(constantTimeEqual(a, b));
  EXPECT_FALSE(constantTimeEqual(a, std::span<const uint8_t>(a).first(2)));
}

// --- Malformed input -----------------------------------------------------------------------------

TEST(StunParse, EveryTruncationIsRejected) {
  for (const std::span<const uint8_t> vector :
       {std::span<const uint8_t>(rfc5769::kRequest),
        std::span<const uint8_t>(rfc5769::kIpv4Response),
        std::span<const uint8_t>(rfc5769::kIpv6Response),
        std::span<const uint8_t>(rfc5769::kLongTermRequest)}) {
    for (size_t n = 0; n < vector.size(); ++n) {
      EXPECT_FALSE(StunMessageView::parse(vector.first(n))) << "prefix " << n;
      EXPECT_FALSE(isStun(vector.first(n))) << "prefix " << n;
    }
    EXPECT_TRUE(StunMessageView::parse(vector));
    EXPECT_TRUE(isStun(vector));
  }
}

TEST(StunParse, TruncationWithAMatchingLengthNeverVerifies) {
  // A truncated message whose header was "fixed" to match is either refused (an attribute
  // sticks out) or parses without a valid FINGERPRINT.
  for (size_t n = kStunHeaderSize; n < rfc5769::kRequest.size(); n += 4) {
    auto copy = copyOf(std::span<const uint8_t>(rfc5769::kRequest).first(n));
    setLength(copy, n - kStunHeaderSize);
    const auto message = StunMessageView::parse(copy);
    if (message) {
      EXPECT_FALSE(message->verifyFingerprint()) << "prefix " << n;
    }
  }
}

TEST(StunParse, LyingHeaderLengthsAreRejected) {
  auto copy = copyOf(rfc5769::kRequest);
  for (size_t length : {0x54, 0x5C, 0x59, 0x57, 0x00, 0xFFFC}) {
    setLength(copy, length);
    EXPECT_FALSE(StunMessageView::parse(copy)) << "length " << length;
  }
  setLength(copy, 0x58);
  EXPECT_TRUE(StunMessageView::parse(copy));
}

TEST(StunParse, LyingAttributeLengthsAreRejected) {
  // SOFTWARE (at offset 20) claims more than the message holds, or a length whose padding
  // runs past the end.
  auto copy = copyOf(rfc5769::kRequest);
  copy[22] = 0x00;
  copy[23] = 0x59;  // 89 bytes > the 84 that remain
  EXPECT_FALSE(StunMessageView::parse(copy));
  copy[23] = 0x55;  // 85 bytes fit the 84 that remain only without their padding
  EXPECT_FALSE(StunMessageView::parse(copy));
  copy[23] = 0x51;  // 81 bytes, padded 84: ends exactly at the end, swallowing the rest
  const auto swallowed = StunMessageView::parse(copy);
  ASSERT_TRUE(swallowed);
  EXPECT_FALSE(swallowed->hasFingerprint());
  EXPECT_FALSE(swallowed->username());
  copy[22] = 0xFF;
  copy[23] = 0xFF;
  EXPECT_FALSE(StunMessageView::parse(copy));

  // The last attribute (FINGERPRINT) claims 5 bytes: padding would need 3 more.
  copy = copyOf(rfc5769::kRequest);
  copy[103] = 0x05;
  EXPECT_FALSE(StunMessageView::parse(copy));
}

TEST(StunParse, HeaderInvariantsAreEnforced) {
  auto copy = copyOf(rfc5769::kRequest);
  copy[0] |= 0x40;  // top bits must be zero
  EXPECT_FALSE(StunMessageView::parse(copy));
  EXPECT_FALSE(isStun(copy));
  copy = copyOf(rfc5769::kRequest);
  copy[7] ^= 0x01;  // magic cookie
  EXPECT_FALSE(StunMessageView::parse(copy));
  EXPECT_FALSE(isStun(copy));
  // A trailing byte after a well-formed message (the length no longer matches).
  copy = copyOf(rfc5769::kRequest);
  copy.push_back(0);
  EXPECT_FALSE(StunMessageView::parse(copy));
  // A header-only message is fine.
  std::array<uint8_t, 20> empty = {0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42};
  const auto message = StunMessageView::parse(empty);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->attributes().begin(), message->attributes().end());
  EXPECT_FALSE(message->username());
}

TEST(StunParse, AttributeAfterFingerprintIsRejected) {
  auto copy = copyOf(rfc5769::kRequest);
  const std::array<uint8_t, 8> software = {0x80, 0x22, 0x00, 0x04, 'a', 'b', 'c', 'd'};
  copy.insert(copy.end(), software.begin(), software.end());
  setLength(copy, copy.size() - kStunHeaderSize);
  EXPECT_FALSE(StunMessageView::parse(copy));
}

TEST(StunParse, AttributesAfterMessageIntegrityAreIgnored) {
  // USERNAME placed after MESSAGE-INTEGRITY: present on the wire, ignored by lookups (§14.5).
  std::array<uint8_t, 200> buffer{};
  StunMessageWriter writer(buffer, kBindingRequest, rfc5769::kTransactionId);
  writer.addPriority(7).addMessageIntegrity(asBytes("pass")).addUsername("late:user");
  writer.addFingerprint();
  ASSERT_TRUE(writer.ok());
  const auto message = StunMessageView::parse(writer.message());
  ASSERT_TRUE(message);
  EXPECT_EQ(message->priority(), 7U);
  EXPECT_FALSE(message->username());
  EXPECT_TRUE(message->verifyMessageIntegrity(asBytes("pass")));
  EXPECT_TRUE(message->verifyFingerprint());
  size_t ignored = 0;
  for (const StunAttribute attribute : message->attributes()) {
    if (message->isIgnored(attribute)) {
      ++ignored;
      EXPECT_EQ(attribute.type, stun_attribute::kUsername);
      EXPECT_EQ(text(attribute.value), "late:user");
    }
  }
  EXPECT_EQ(ignored, 1U);
}

TEST(StunParse, OnlyFingerprintCountsAfterMessageIntegritySha256) {
  std::array<uint8_t, 200> buffer{};
  StunMessageWriter writer(buffer, kBindingRequest, rfc5769::kTransactionId);
  writer.addUsername("a:b").addMessageIntegritySha256(asBytes("pass"));
  writer.addMessageIntegrity(asBytes("pass")).addPriority(9).addFingerprint();
  ASSERT_TRUE(writer.ok());
  const auto message = StunMessageView::parse(writer.message());
  ASSERT_TRUE(message);
  EXPECT_TRUE(message->hasMessageIntegritySha256());
  EXPECT_FALSE(message->hasMessageIntegrity());  // after MESSAGE-INTEGRITY-SHA256: ignored
  EXPECT_FALSE(message->priority());
  EXPECT_TRUE(message->verifyMessageIntegritySha256(asBytes("pass")));
  EXPECT_FALSE(message->verifyMessageIntegritySha256(asBytes("Pass")));
  EXPECT_TRUE(message->verifyFingerprint());
}

TEST(StunParse, FirstOccurrenceWins) {
  std::array<uint8_t, 100> buffer{};
  StunMessageWriter writer(buffer, kBindingRequest, rfc5769::kTransactionId);
  writer.addPriority(1).addPriority(2);
  const auto message = StunMessageView::parse(writer.message());
  ASSERT_TRUE(message);
  EXPECT_EQ(message->priority(), 1U);
}

TEST(StunParse, MalformedTypedValuesReadAsAbsent) {
  std::array<uint8_t, 200> buffer{};
  StunMessageWriter writer(buffer, kBindingRequest, rfc5769::kTransactionId);
  const std::array<uint8_t, 3> three = {1, 2, 3};
  writer.addAttribute(stun_attribute::kPriority, three)
      .addAttribute(stun_attribute::kUseCandidate, three)
      .addAttribute(stun_attribute::kIceControlling, three)
      .addAttribute(stun_attribute::kXorMappedAddress, three)
      .addAttribute(stun_attribute::kErrorCode, three)
      .addAttribute(stun_attribute::kUnknownAttributes, three)
      .addAttribute(stun_attribute::kFingerprint, three);
  ASSERT_TRUE(writer.ok());
  const auto message = StunMessageView::parse(writer.message());
  ASSERT_TRUE(message);
  EXPECT_FALSE(message->priority());
  EXPECT_FALSE(message->useCandidate());
  EXPECT_FALSE(message->iceControlling());
  EXPECT_FALSE(message->xorMappedAddress());
  EXPECT_FALSE(message->errorCode());
  EXPECT_FALSE(message->unknownAttributes());
  EXPECT_TRUE(message->hasFingerprint());
  EXPECT_FALSE(message->verifyFingerprint());  // 3-byte FINGERPRINT
}

TEST(StunParse, ErrorCodeClassAndNumberAreChecked) {
  for (const auto& [value, expected] :
       std::vector<std::pair<std::array<uint8_t, 4>, std::optional<uint16_t>>>{
           {{0, 0, 4, 1}, 401},
           {{0, 0, 6, 99}, 699},
           {{0, 0, 3, 0}, 300},
           {{0xff, 0xff, 0xfc, 20}, 420},
           {{0, 0, 2, 0}, std::nullopt},
           {{0, 0, 7, 0}, std::nullopt},
           {{0, 0, 4, 100}, std::nullopt}}) {
    std::array<uint8_t, 64> buffer{};
    StunMessageWriter writer(buffer, kBindingError, rfc5769::kTransactionId);
    writer.addAttribute(stun_attribute::kErrorCode, value);
    const auto message = StunMessageView::parse(writer.message());
    ASSERT_TRUE(message);
    const auto code = message->errorCode();
    EXPECT_EQ(code ? std::optional<uint16_t>(code->code) : std::nullopt, expected);
  }
}

TEST(StunParse, UnknownComprehensionRequiredAttributesAreListedOnce) {
  std::array<uint8_t, 200> buffer{};
  StunMessageWriter writer(buffer, kBindingRequest, rfc5769::kTransactionId);
  writer.addUsername("a:b")
      .addAttribute(0x0003, {})  // CHANGE-REQUEST (RFC 5780): comprehension-required, unknown
      .addAttribute(0xC057, {})  // comprehension-optional: ignored
      .addAttribute(0x0014, {})  // REALM: understood
      .addAttribute(0x7FFF, {})
      .addAttribute(0x0003, {})
      .addMessageIntegrity(asBytes("k"))
      .addAttribute(0x0004, {});  // after MESSAGE-INTEGRITY: ignored
  const auto message = StunMessageView::parse(writer.message());
  ASSERT_TRUE(message);
  std::array<uint16_t, 8> unknown{};
  ASSERT_EQ(message->unknownComprehensionRequired(unknown), 2U);
  EXPECT_EQ(unknown[0], 0x0003);
  EXPECT_EQ(unknown[1], 0x7FFF);
  std::array<uint16_t, 1> small{};
  EXPECT_EQ(message->unknownComprehensionRequired(small), 2U);
  EXPECT_EQ(small[0], 0x0003);
}

TEST(StunIsStun, ChecksFirstByteLengthAndCookie) {
  EXPECT_TRUE(isStun(rfc5769::kRequest));
  const std::array<uint8_t, 20> dtlsLike = {22, 0xfe, 0xfd, 0, 0x21, 0x12, 0xa4, 0x42};
  EXPECT_FALSE(isStun(dtlsLike));
  std::array<uint8_t, 20> rfc3489 = {0x00, 0x01, 0x00, 0x00, 1, 2, 3, 4};  // no cookie
  EXPECT_FALSE(isStun(rfc3489));
  EXPECT_FALSE(isStun({}));
}

}  // namespace
}  // namespace dienhong::media
