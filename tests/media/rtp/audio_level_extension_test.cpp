#include "media/rtp/audio_level_extension.hpp"

#include <gtest/gtest.h>

#include <array>

#include "test_bytes.hpp"

namespace dienhong::media {
namespace {

using test::hex;

TEST(AudioLevelExtension, ParsesVoiceActivityAndLevel) {
  // RFC 6464 §3: |V| level |
  auto loudVoice = AudioLevelExtension::parse(hex("83"));
  ASSERT_TRUE(loudVoice);
  EXPECT_TRUE(loudVoice->voiceActivity);
  EXPECT_EQ(loudVoice->level, 3);
  auto silence = AudioLevelExtension::parse(hex("7f"));
  ASSERT_TRUE(silence);
  EXPECT_FALSE(silence->voiceActivity);
  EXPECT_EQ(silence->level, 127);
}

TEST(AudioLevelExtension, AcceptsTheWordPaddedFormAndRejectsEmpty) {
  auto padded = AudioLevelExtension::parse(hex("aa 00"));  // RFC 6464 figure 2, len=1
  ASSERT_TRUE(padded);
  EXPECT_EQ(padded->level, 0x2A);
  EXPECT_FALSE(AudioLevelExtension::parse({}));
}

TEST(AudioLevelExtension, RoundTripsAndClampsTheLevel) {
  for (int v = 0; v < 256; ++v) {
    const std::array<uint8_t, 1> byte = {static_cast<uint8_t>(v)};
    auto parsed = AudioLevelExtension::parse(byte);
    ASSERT_TRUE(parsed);
    std::array<uint8_t, AudioLevelExtension::kSize> out{};
    ByteWriter writer(out);
    parsed->serialize(writer);
    EXPECT_EQ(out[0], v);
  }
  std::array<uint8_t, 1> out{};
  ByteWriter writer(out);
  AudioLevelExtension{false, 200}.serialize(writer);
  EXPECT_EQ(out[0], 0x7F) << "an out-of-range level must not set the V bit";
}

}  // namespace
}  // namespace dienhong::media
