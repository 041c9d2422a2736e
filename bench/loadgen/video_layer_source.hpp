// VideoLayerSource: the packets one VP8 simulcast layer of a camera would produce — frames at the
// layer's rate whose sizes average its bitrate (keyframes several times larger, periodically and
// when asked), each cut into RTP payloads that start with an RFC 7741 payload descriptor
// (15-bit picture id, TL0PICIDX, one temporal layer) and, on the first packet of a frame, the VP8
// payload header (a keyframe's carries its size, as SFUs read it to order layers). Every payload
// ends with the send-time trailer. The picture content is filler: SFUs do not decode.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>

#include "loadgen/media_model.hpp"

namespace dienhong::loadgen {

class VideoLayerSource {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr uint32_t kClockRate = 90000;
  static constexpr size_t kMaxPayload = 1200;

  struct Packet {
    std::span<const uint8_t> payload;  // valid until the next call
    uint32_t rtpTimestamp = 0;
    bool marker = false;  // last packet of the frame
    bool keyframe = false;
  };

  VideoLayerSource(const VideoLayer& layer, const MediaModel& model, uint32_t seed, Clock::time_point start);

  // True when the next frame is due; startFrame() then begins it and nextPacket() yields its
  // packets until nullopt.
  bool frameDue(Clock::time_point now) const { return now >= nextFrameAt_; }
  void startFrame(Clock::time_point now);
  std::optional<Packet> nextPacket(int64_t sentMicros);

  void requestKeyframe() { keyframeRequested_ = true; }
  uint64_t frames() const { return frames_; }
  uint64_t keyframes() const { return keyframes_; }

 private:
  uint32_t random();

  VideoLayer layer_;
  uint32_t maxPayload_;
  uint32_t deltaFrameBytes_;
  uint32_t keyframeBytes_;
  Clock::duration frameInterval_;
  Clock::duration keyframeInterval_;
  Clock::time_point nextFrameAt_;
  Clock::time_point nextKeyframeAt_;
  uint32_t rng_;
  uint32_t rtpTimestamp_;
  uint16_t pictureId_;
  uint8_t tl0PicIdx_;
  bool keyframeRequested_ = true;  // a stream starts with a keyframe

  // The frame being packetised.
  bool keyframe_ = false;
  uint32_t remaining_ = 0;  // frame bytes not yet in a packet
  uint32_t packetsLeft_ = 0;
  bool firstPacket_ = false;
  std::array<uint8_t, kMaxPayload> buffer_{};

  uint64_t frames_ = 0;
  uint64_t keyframes_ = 0;
};

}  // namespace dienhong::loadgen
