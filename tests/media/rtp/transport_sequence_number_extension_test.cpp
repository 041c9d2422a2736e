#include "media/rtp/transport_sequence_number_extension.hpp"

#include <gtest/gtest.h>

#include <array>

#include "test_bytes.hpp"

namespace dienhong::media {
namespace {

using test::hex;

TEST(TransportSequenceNumberExtension, ParsesBigEndianSixteenBits) {
  auto parsed = TransportSequenceNumberExtension::parse(hex("ff fe"));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->sequenceNumber, SequenceNumber(65534));
}

TEST(TransportSequenceNumberExtension, RejectsOtherSizes) {
  EXPECT_FALSE(TransportSequenceNumberExtension::parse(hex("01")));
  EXPECT_FALSE(TransportSequenceNumberExtension::parse(hex("00 01 80 02")))
      << "the transport-wide-cc-02 form with a feedback request is a different extension";
}

TEST(TransportSequenceNumberExtension, RoundTrips) {
  std::array<uint8_t, 2> out{};
  ByteWriter writer(out);
  TransportSequenceNumberExtension{SequenceNumber(0x1234)}.serialize(writer);
  EXPECT_EQ(out, (std::array<uint8_t, 2>{0x12, 0x34}));
  EXPECT_EQ(TransportSequenceNumberExtension::parse(out)->sequenceNumber, SequenceNumber(0x1234));
}

}  // namespace
}  // namespace dienhong::media
