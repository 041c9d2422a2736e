#include "media/speaker/speech_activity_tracker.hpp"

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

constexpr int64_t kStart = 1'000'000;  // a multiple of the block length, as the detector's frames

// Levels: 30 is loud speech (97 dB above -127 dBov), 100 background.
constexpr uint8_t kLoud = 30;
constexpr uint8_t kQuiet = 100;

TEST(SpeechActivityTracker, GradesLoudnessIntoBandsAboveTheThreshold) {
  ActiveSpeakerConfig config;
  SpeechActivityTracker tracker(config, kStart);
  tracker.onLevel(kStart, kQuiet, false);  // teaches a low noise floor first
  tracker.onLevel(kStart + 1, 66, true);   // 61 dB: 4 dB above the 57 dB speech threshold
  tracker.advanceTo(kStart + 2);
  EXPECT_EQ(tracker.immediateBands(), 3);  // 1 + 4 / 2
  tracker.onLevel(kStart + 2, kLoud, true);
  tracker.advanceTo(kStart + 3);
  EXPECT_EQ(tracker.immediateBands(), 13);  // capped
  tracker.onLevel(kStart + 3, 75, true);    // quieter than -70 dBov: never speech
  tracker.advanceTo(kStart + 4);
  EXPECT_EQ(tracker.mediumActiveFrames(), 2);
}

TEST(SpeechActivityTracker, CountsMediumFramesAndLongBlocks) {
  ActiveSpeakerConfig config;
  SpeechActivityTracker tracker(config, kStart);
  // 1 s of speech: 50 frames = 5 blocks.
  for (int64_t f = kStart; f < kStart + 50; ++f) tracker.onLevel(f, kLoud, true);
  tracker.advanceTo(kStart + 50);
  EXPECT_EQ(tracker.mediumActiveFrames(), 10);
  EXPECT_EQ(tracker.longActiveBlocks(), 5);
  // Then 1 s of silence with packets, 1 s without (DTX): the windows empty out.
  for (int64_t f = kStart + 50; f < kStart + 100; ++f) tracker.onLevel(f, kQuiet, false);
  tracker.advanceTo(kStart + 100);
  EXPECT_EQ(tracker.mediumActiveFrames(), 0);
  EXPECT_EQ(tracker.longActiveBlocks(), 5);  // 10 blocks back still reaches the speech
  tracker.advanceTo(kStart + 150);
  EXPECT_EQ(tracker.longActiveBlocks(), 0);
  EXPECT_EQ(tracker.lastActiveFrame(), kStart + 49);
}

TEST(SpeechActivityTracker, ABlockInProgressCountsOnceActiveEnough) {
  ActiveSpeakerConfig config;
  SpeechActivityTracker tracker(config, kStart);
  for (int64_t f = kStart; f < kStart + 4; ++f) tracker.onLevel(f, kLoud, true);
  tracker.advanceTo(kStart + 4);
  EXPECT_EQ(tracker.longActiveBlocks(), 0);
  tracker.onLevel(kStart + 4, kLoud, true);  // the fifth of ten: half the block
  tracker.advanceTo(kStart + 5);
  EXPECT_EQ(tracker.longActiveBlocks(), 1);
}

TEST(SpeechActivityTracker, APacketCoversTheFramesSinceThePreviousOneUpToSixtyMilliseconds) {
  ActiveSpeakerConfig config;
  SpeechActivityTracker tracker(config, kStart);
  // 60 ms packets: one every third frame.
  for (int64_t f = kStart + 2; f < kStart + 32; f += 3) tracker.onLevel(f, kLoud, true);
  tracker.advanceTo(kStart + 30);
  EXPECT_EQ(tracker.mediumActiveFrames(), 10);
  // A packet after 200 ms of DTX silence does not speak for the whole gap.
  tracker.onLevel(kStart + 52, kLoud, true);
  tracker.advanceTo(kStart + 53);
  EXPECT_EQ(tracker.mediumActiveFrames(), 3);
}

TEST(SpeechActivityTracker, HonoursTheVoiceActivityBitOnceTheStreamUsesIt) {
  ActiveSpeakerConfig config;
  SpeechActivityTracker tracker(config, kStart);
  tracker.onLevel(kStart, kQuiet, false);
  tracker.onLevel(kStart + 1, kLoud, false);  // never set yet: judged by level
  tracker.onLevel(kStart + 2, kLoud, true);
  tracker.onLevel(kStart + 3, kLoud, false);  // now it means "no voice"
  tracker.advanceTo(kStart + 4);
  EXPECT_EQ(tracker.mediumActiveFrames(), 2);
}

TEST(SpeechActivityTracker, LearnsASteadyNoiseFloor) {
  ActiveSpeakerConfig config;
  SpeechActivityTracker tracker(config, kStart);
  // A fan at -55 dBov from a client that never sets the voice activity bit.
  for (int64_t f = kStart; f < kStart + 250; ++f) tracker.onLevel(f, 55, false);
  tracker.advanceTo(kStart + 250);
  EXPECT_NEAR(tracker.noiseFloorDb(), 72, 0.5);
  EXPECT_EQ(tracker.mediumActiveFrames(), 0);
  EXPECT_EQ(tracker.longActiveBlocks(), 0);
  // Speech over the fan is still speech.
  for (int64_t f = kStart + 250; f < kStart + 260; ++f) tracker.onLevel(f, kLoud, false);
  tracker.advanceTo(kStart + 260);
  EXPECT_EQ(tracker.mediumActiveFrames(), 10);
}

TEST(SpeechActivityTracker, IgnoresLatePacketsAndSurvivesAnHourOfSilence) {
  ActiveSpeakerConfig config;
  SpeechActivityTracker tracker(config, kStart);
  for (int64_t f = kStart; f < kStart + 50; ++f) tracker.onLevel(f, kLoud, true);
  tracker.advanceTo(kStart + 50);
  tracker.onLevel(kStart + 10, kLoud, true);
  EXPECT_EQ(tracker.lateLevels(), 1);
  const int64_t hourLater = kStart + 50 + 180'000;
  tracker.advanceTo(hourLater);
  EXPECT_EQ(tracker.closedThrough(), hourLater - 1);
  EXPECT_EQ(tracker.mediumActiveFrames(), 0);
  EXPECT_EQ(tracker.longActiveBlocks(), 0);
  for (int64_t f = hourLater; f < hourLater + 10; ++f) tracker.onLevel(f, kLoud, true);
  tracker.advanceTo(hourLater + 10);
  EXPECT_EQ(tracker.mediumActiveFrames(), 10);
}

}  // namespace
}  // namespace dienhong::media
