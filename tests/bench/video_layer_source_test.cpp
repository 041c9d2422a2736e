// The packets a simulated camera layer sends must look like Chromium's VP8 to an SFU: parseable
// descriptors, keyframes that announce their size, frames at the layer's rate and bitrate.
#include "loadgen/video_layer_source.hpp"

#include <gtest/gtest.h>

#include "loadgen/audio_source.hpp"
#include "loadgen/send_time_trailer.hpp"
#include "media/codec/vp8_descriptor.hpp"
#include "media/sfu/payload_inspector.hpp"

namespace dienhong::loadgen {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

TEST(VideoLayerSource, TenSecondsAverageTheLayerBitrateWithPeriodicKeyframes) {
  const MediaModel model;
  const VideoLayer layer = model.layers.back();  // 1280x720, 1.5 Mbit/s
  const auto start = Clock::now();
  VideoLayerSource source(layer, model, 42, start);
  uint64_t bytes = 0;
  uint64_t keyframeStarts = 0;
  uint64_t pictures = 0;
  std::optional<uint16_t> lastPictureId;
  for (auto now = start; now < start + 10s; now += 5ms) {
    while (source.frameDue(now)) {
      source.startFrame(now);
      bool first = true;
      while (const auto packet = source.nextPacket(1000)) {
        ASSERT_LE(packet->payload.size(), model.maxPayloadBytes);
        bytes += packet->payload.size();
        EXPECT_EQ(readSendTimeTrailer(packet->payload), 1000);
        const auto descriptor = media::Vp8Descriptor::parse(packet->payload);
        ASSERT_TRUE(descriptor);
        ASSERT_TRUE(descriptor->pictureId && descriptor->tl0PicIdx);
        EXPECT_EQ(descriptor->startsPicture(), first);
        if (first) {
          ++pictures;
          if (lastPictureId) {
            EXPECT_EQ(*descriptor->pictureId, (*lastPictureId + 1) & 0x7FFF);
          }
          lastPictureId = descriptor->pictureId;
          const auto info = media::inspectPayload(media::VideoCodec::kVp8, packet->payload);
          ASSERT_TRUE(info);
          if (info->keyframeStart) {
            ++keyframeStarts;
            ASSERT_TRUE(info->frameSize);
            EXPECT_EQ(info->frameSize->width, 1280);
            EXPECT_EQ(info->frameSize->height, 720);
          }
        }
        first = false;
      }
    }
  }
  EXPECT_NEAR(static_cast<double>(pictures), 300, 2);
  EXPECT_NEAR(static_cast<double>(keyframeStarts), 4, 1) << "one at the start, then every 3 s";
  EXPECT_NEAR(bytes * 8 / 10.0, 1.5e6, 1.5e6 * 0.1);
}

TEST(VideoLayerSource, AKeyframeRequestIsAnsweredByTheNextFrame) {
  const MediaModel model;
  const auto start = Clock::now();
  VideoLayerSource source(model.layers.front(), model, 7, start);
  source.startFrame(start);
  while (source.nextPacket(0)) {
  }
  source.startFrame(start + 40ms);
  EXPECT_FALSE(source.nextPacket(0)->keyframe);
  while (source.nextPacket(0)) {
  }
  source.requestKeyframe();
  source.startFrame(start + 80ms);
  EXPECT_TRUE(source.nextPacket(0)->keyframe);
  EXPECT_EQ(source.keyframes(), 2u);
}

TEST(AudioSource, SendsOnePacketEveryTwentyMilliseconds) {
  const MediaModel model;
  const auto start = Clock::now();
  AudioSource audio(model, 3, start);
  int packets = 0;
  uint32_t timestamp = audio.rtpTimestamp();
  for (auto now = start; now < start + 1s; now += 5ms) {
    while (audio.packetDue(now, false)) {
      const auto payload = audio.nextPacket(now, 5, false);
      EXPECT_EQ(payload.size(), model.audioPayloadBytes);
      EXPECT_EQ(audio.rtpTimestamp() - timestamp, 960u);
      timestamp = audio.rtpTimestamp();
      ++packets;
    }
  }
  EXPECT_EQ(packets, 50);
}

TEST(AudioSource, WithDtxASilentEndpointSendsComfortNoiseEvery400Milliseconds) {
  MediaModel model;
  model.audioDtx = true;
  const auto start = Clock::now();
  AudioSource audio(model, 3, start);
  int silent = 0;
  int spoken = 0;
  uint32_t timestamp = audio.rtpTimestamp();
  for (auto now = start; now < start + 2s; now += 5ms) {
    const bool speaking = now >= start + 1s;
    while (audio.packetDue(now, speaking)) {
      const auto payload = audio.nextPacket(now, 5, speaking);
      (speaking ? spoken : silent) += 1;
      if (!speaking) {
        EXPECT_LT(payload.size(), 20u);
        EXPECT_EQ(audio.rtpTimestamp() - timestamp, silent == 1 ? 960u : 400u * 48) << "the skipped frames count";
      }
      timestamp = audio.rtpTimestamp();
    }
  }
  EXPECT_EQ(silent, 3);  // at 0, 400 and 800 ms
  EXPECT_EQ(spoken, 50);
}

}  // namespace
}  // namespace dienhong::loadgen
