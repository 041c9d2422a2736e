#include "media/ice/stun_message_writer.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "media/ice/stun_crypto.hpp"
#include "media/ice/stun_message_view.hpp"
#include "rfc5769_vectors.hpp"

namespace dienhong::media {
namespace {

std::vector<uint8_t> bytesOf(std::span<const uint8_t> bytes) {
  return {bytes.begin(), bytes.end()};
}

// --- Byte-exact rebuilds of RFC 5769 -------------------------------------------------------------

TEST(StunWriterRfc5769, RebuildsSampleRequestByteExact) {
  std::array<uint8_t, 256> buffer{};
  StunMessageWriter writer(buffer, kBindingRequest, rfc5769::kTransactionId);
  writer.setPaddingByte(0x20);  // the RFC pads with spaces
  writer.addSoftware(rfc5769::kSoftwareRequest)
      .addPriority(rfc5769::kRequestPriority)
      .addIceControlled(rfc5769::kRequestTieBreaker)
      .addUsername(rfc5769::kUsername)
      .addMessageIntegrity(rfc5769::kPassword)
      .addFingerprint();
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ(bytesOf(writer.message()), bytesOf(rfc5769::kRequest));
}

TEST(StunWriterRfc5769, RebuildsIpv4ResponseByteExact) {
  std::array<uint8_t, 256> buffer{};
  StunMessageWriter writer(buffer, kBindingSuccess, rfc5769::kTransactionId);
  writer.setPaddingByte(0x20);
  writer.addSoftware(rfc5769::kSoftwareResponse)
      .addXorMappedAddress(*TransportAddress::fromString("192.0.2.1:32853"))
      .addMessageIntegrity(rfc5769::kPassword)
      .addFingerprint();
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ(bytesOf(writer.message()), bytesOf(rfc5769::kIpv4Response));
}

TEST(StunWriterRfc5769, RebuildsIpv6ResponseByteExact) {
  std::array<uint8_t, 256> buffer{};
  StunMessageWriter writer(buffer, kBindingSuccess, rfc5769::kTransactionId);
  writer.setPaddingByte(0x20);
  writer.addSoftware(rfc5769::kSoftwareResponse)
      .addXorMappedAddress(
          *TransportAddress::fromString("[2001:db8:1234:5678:11:2233:4455:6677]:32853"))
      .addMessageIntegrity(rfc5769::kPassword)
      .addFingerprint();
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ(bytesOf(writer.message()), bytesOf(rfc5769::kIpv6Response));
}

TEST(StunWriterRfc5769, RebuildsLongTermRequestByteExact) {
  std::array<uint8_t, 256> buffer{};
  StunMessageWriter writer(buffer, kBindingRequest, rfc5769::kLongTermTransactionId);
  const Md5Digest key = stunLongTermKey(rfc5769::kLongTermUsername, rfc5769::kLongTermRealm,
                                        rfc5769::kLongTermPassword);
  writer.addUsername(rfc5769::kLongTermUsername)
      .addText(stun_attribute::kNonce, rfc5769::kLongTermNonce)
      .addText(stun_attribute::kRealm, rfc5769::kLongTermRealm)
      .addMessageIntegrity(key);
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ(bytesOf(writer.message()), bytesOf(rfc5769::kLongTermRequest));
}

TEST(StunWriterRfc5769, ZeroPaddingChangesTheHmacButStillVerifies) {
  // Padding is covered by the HMAC, so zero padding gives different (still valid) bytes.
  std::array<uint8_t, 256> buffer{};
  StunMessageWriter writer(buffer, kBindingRequest, rfc5769::kTransactionId);
  writer.addSoftware(rfc5769::kSoftwareRequest)
      .addPriority(rfc5769::kRequestPriority)
      .addIceControlled(rfc5769::kRequestTieBreaker)
      .addUsername(rfc5769::kUsername)
      .addMessageIntegrity(rfc5769::kPassword)
      .addFingerprint();
  ASSERT_TRUE(writer.ok());
  EXPECT_NE(bytesOf(writer.message()), bytesOf(rfc5769::kRequest));
  const auto message = StunMessageView::parse(writer.message());
  ASSERT_TRUE(message);
  EXPECT_TRUE(message->verifyMessageIntegrity(asBytes(rfc5769::kPassword)));
  EXPECT_TRUE(message->verifyFingerprint());
}

// --- Round trips, one per attribute --------------------------------------------------------------

class StunWriterRoundTrip : public ::testing::Test {
 protected:
  std::optional<StunMessageView> roundTrip(void (*fill)(StunMessageWriter&)) {
    StunMessageWriter writer(buffer_, kBindingRequest, kId);
    fill(writer);
    if (!writer.ok()) return std::nullopt;
    return StunMessageView::parse(writer.message());
  }
  static constexpr StunTransactionId kId = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  std::array<uint8_t, 2048> buffer_{};
};

TEST_F(StunWriterRoundTrip, Username) {
  const auto m = roundTrip([](StunMessageWriter& w) { w.addUsername("abcd:efgh"); });
  ASSERT_TRUE(m);
  EXPECT_EQ(m->username(), "abcd:efgh");
  EXPECT_EQ(m->bytes().size(), 20U + 4 + 12);
}

TEST_F(StunWriterRoundTrip, UsernameLengthLimit) {
  auto m = roundTrip([](StunMessageWriter& w) { w.addUsername(std::string(508, 'u')); });
  ASSERT_TRUE(m);
  EXPECT_EQ(m->username()->size(), 508U);
  m = roundTrip([](StunMessageWriter& w) { w.addUsername(std::string(509, 'u')); });
  ASSERT_TRUE(m);
  EXPECT_FALSE(m->username()) << "RFC 8489 §14.3: fewer than 509 bytes";
}

TEST_F(StunWriterRoundTrip, Software) {
  const auto m = roundTrip([](StunMessageWriter& w) { w.addSoftware("dienhong 0.1"); });
  ASSERT_TRUE(m);
  EXPECT_EQ(m->software(), "dienhong 0.1");
}

TEST_F(StunWriterRoundTrip, XorMappedAddressIpv4AndIpv6) {
  for (const char* text :
       {"192.0.2.1:32853", "0.0.0.0:0", "255.255.255.255:65535", "[2001:db8::1]:443", "[::]:1",
        "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:9"}) {
    const auto address = TransportAddress::fromString(text);
    ASSERT_TRUE(address) << text;
    StunMessageWriter writer(buffer_, kBindingSuccess, kId);
    writer.addXorMappedAddress(*address);
    const auto m = StunMessageView::parse(writer.message());
    ASSERT_TRUE(m) << text;
    EXPECT_EQ(m->xorMappedAddress(), address) << text;
    // The address is never on the wire in the clear (RFC 8489 §14.2's point).
    const auto raw = m->find(stun_attribute::kXorMappedAddress)->value;
    EXPECT_NE(bytesOf(raw.subspan(4)), bytesOf(address->addressBytes())) << text;
  }
}

TEST_F(StunWriterRoundTrip, ErrorCode) {
  const auto m = roundTrip([](StunMessageWriter& w) { w.addErrorCode(487, "Role Conflict"); });
  ASSERT_TRUE(m);
  ASSERT_TRUE(m->errorCode());
  EXPECT_EQ(m->errorCode()->code, 487);
  EXPECT_EQ(m->errorCode()->reason, "Role Conflict");
  const auto raw = m->find(stun_attribute::kErrorCode)->value;
  EXPECT_EQ(raw[2], 4);
  EXPECT_EQ(raw[3], 87);
}

TEST_F(StunWriterRoundTrip, ErrorCodeOutOfRangeFails) {
  EXPECT_FALSE(roundTrip([](StunMessageWriter& w) { w.addErrorCode(299, "x"); }));
  EXPECT_FALSE(roundTrip([](StunMessageWriter& w) { w.addErrorCode(700, "x"); }));
  EXPECT_TRUE(roundTrip([](StunMessageWriter& w) { w.addErrorCode(300, ""); }));
  EXPECT_TRUE(roundTrip([](StunMessageWriter& w) { w.addErrorCode(699, ""); }));
}

TEST_F(StunWriterRoundTrip, UnknownAttributes) {
  const auto m = roundTrip([](StunMessageWriter& w) {
    const std::array<uint16_t, 3> types = {0x0003, 0x7FFF, 0x0004};
    w.addUnknownAttributes(types);
  });
  ASSERT_TRUE(m);
  const auto list = m->unknownAttributes();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 3U);
  EXPECT_EQ((*list)[0], 0x0003);
  EXPECT_EQ((*list)[1], 0x7FFF);
  EXPECT_EQ((*list)[2], 0x0004);
}

TEST_F(StunWriterRoundTrip, IceAttributes) {
  const auto m = roundTrip([](StunMessageWriter& w) {
    w.addPriority(0xFFFFFFFF).addUseCandidate().addIceControlling(0x0102030405060708);
  });
  ASSERT_TRUE(m);
  EXPECT_EQ(m->priority(), 0xFFFFFFFFU);
  EXPECT_TRUE(m->useCandidate());
  EXPECT_EQ(m->iceControlling(), 0x0102030405060708U);
  EXPECT_FALSE(m->iceControlled());
  const auto n = roundTrip([](StunMessageWriter& w) { w.addIceControlled(~uint64_t{0}); });
  ASSERT_TRUE(n);
  EXPECT_EQ(n->iceControlled(), ~uint64_t{0});
  EXPECT_FALSE(n->useCandidate());
}

TEST_F(StunWriterRoundTrip, RawAttributeKeepsValueAndPadsWithZero) {
  const auto m = roundTrip([](StunMessageWriter& w) {
    const std::array<uint8_t, 5> value = {9, 8, 7, 6, 5};
    w.addAttribute(0xC057, value);
  });
  ASSERT_TRUE(m);
  const auto bytes = m->bytes();
  ASSERT_EQ(bytes.size(), 20U + 4 + 8);
  EXPECT_EQ(bytesOf(bytes.subspan(20)),
            (std::vector<uint8_t>{0xC0, 0x57, 0x00, 0x05, 9, 8, 7, 6, 5, 0, 0, 0}));
}

TEST_F(StunWriterRoundTrip, MessageIntegrityAndFingerprint) {
  const auto m = roundTrip([](StunMessageWriter& w) {
    w.addUsername("u:v").addMessageIntegrity("secret").addFingerprint();
  });
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->verifyMessageIntegrity(asBytes("secret")));
  EXPECT_FALSE(m->verifyMessageIntegrity(asBytes("Secret")));
  EXPECT_TRUE(m->verifyFingerprint());
}

TEST_F(StunWriterRoundTrip, MessageIntegritySha256FullAndTruncated) {
  for (size_t size : {32U, 28U, 16U}) {
    StunMessageWriter writer(buffer_, kBindingRequest, kId);
    writer.addUsername("u:v").addMessageIntegritySha256(asBytes("secret"), size).addFingerprint();
    ASSERT_TRUE(writer.ok());
    const auto m = StunMessageView::parse(writer.message());
    ASSERT_TRUE(m);
    EXPECT_EQ(m->find(stun_attribute::kMessageIntegritySha256)->value.size(), size);
    EXPECT_TRUE(m->verifyMessageIntegritySha256(asBytes("secret"))) << size;
    EXPECT_FALSE(m->verifyMessageIntegritySha256(asBytes("secreT"))) << size;
    EXPECT_TRUE(m->verifyFingerprint());
  }
  for (size_t size : {0U, 12U, 18U, 36U}) {
    StunMessageWriter writer(buffer_, kBindingRequest, kId);
    writer.addMessageIntegritySha256(asBytes("secret"), size);
    EXPECT_FALSE(writer.ok()) << size;
  }
}

TEST_F(StunWriterRoundTrip, BothIntegrityAttributesVerify) {
  // MESSAGE-INTEGRITY-SHA256 after MESSAGE-INTEGRITY covers it (RFC 8489 §14.6).
  const auto m = roundTrip([](StunMessageWriter& w) {
    w.addUsername("u:v").addMessageIntegrity("k").addMessageIntegritySha256(asBytes("k"));
    w.addFingerprint();
  });
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->verifyMessageIntegrity(asBytes("k")));
  EXPECT_TRUE(m->verifyMessageIntegritySha256(asBytes("k")));
  EXPECT_TRUE(m->verifyFingerprint());
}

// --- Failure modes -------------------------------------------------------------------------------

TEST(StunWriter, HeaderLengthIsCurrentAfterEveryAttribute) {
  std::array<uint8_t, 256> buffer{};
  StunMessageWriter writer(buffer, kBindingRequest, rfc5769::kTransactionId);
  EXPECT_TRUE(StunMessageView::parse(writer.message()));
  writer.addUsername("x");
  EXPECT_TRUE(StunMessageView::parse(writer.message()));
  writer.addPriority(1);
  EXPECT_TRUE(StunMessageView::parse(writer.message()));
  writer.addFingerprint();
  EXPECT_TRUE(StunMessageView::parse(writer.message()));
}

TEST(StunWriter, NothingAfterFingerprint) {
  std::array<uint8_t, 256> buffer{};
  StunMessageWriter writer(buffer, kBindingRequest, rfc5769::kTransactionId);
  writer.addFingerprint();
  ASSERT_TRUE(writer.ok());
  writer.addPriority(1);
  EXPECT_FALSE(writer.ok());
  EXPECT_TRUE(writer.message().empty());
  EXPECT_EQ(writer.size(), 0U);
}

TEST(StunWriter, EveryTooSmallBufferFailsWithoutWritingPastIt) {
  // Build the sample request into buffers of every size below its own; bytes beyond the
  // buffer must stay untouched and the writer must report failure.
  for (size_t n = 0; n < rfc5769::kRequest.size(); ++n) {
    std::vector<uint8_t> memory(rfc5769::kRequest.size() + 16, 0xA5);
    StunMessageWriter writer(std::span<uint8_t>(memory).first(n), kBindingRequest,
                             rfc5769::kTransactionId);
    writer.setPaddingByte(0x20);
    writer.addSoftware(rfc5769::kSoftwareRequest)
        .addPriority(rfc5769::kRequestPriority)
        .addIceControlled(rfc5769::kRequestTieBreaker)
        .addUsername(rfc5769::kUsername)
        .addMessageIntegrity(rfc5769::kPassword)
        .addFingerprint();
    EXPECT_FALSE(writer.ok()) << n;
    EXPECT_TRUE(writer.message().empty()) << n;
    for (size_t i = n; i < memory.size(); ++i) ASSERT_EQ(memory[i], 0xA5) << n << " " << i;
  }
}

TEST(StunWriter, AttributeValueOver64KiBFails) {
  std::vector<uint8_t> buffer(70'000);
  std::vector<uint8_t> value(65'536);
  StunMessageWriter writer(buffer, kBindingRequest, rfc5769::kTransactionId);
  writer.addAttribute(0x8000, value);
  EXPECT_FALSE(writer.ok());
  StunMessageWriter second(buffer, kBindingRequest, rfc5769::kTransactionId);
  second.addAttribute(0x8000, std::span<const uint8_t>(value).first(65'528));  // body 65'532
  EXPECT_TRUE(second.ok());
  second.addAttribute(0x8000, std::span<const uint8_t>(value).first(4));  // message > 64 KiB
  EXPECT_FALSE(second.ok());
}

}  // namespace
}  // namespace dienhong::media
