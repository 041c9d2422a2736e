#include "loadgen/video_layer_source.hpp"

#include <algorithm>

#include "loadgen/send_time_trailer.hpp"

namespace dienhong::loadgen {
namespace {

constexpr size_t kDescriptorSize = 6;  // X|S, I|L|T, M + 15-bit picture id, TL0PICIDX, TID|Y

}  // namespace

VideoLayerSource::VideoLayerSource(const VideoLayer& layer, const MediaModel& model, uint32_t seed,
                                   Clock::time_point start)
    : layer_(layer),
      maxPayload_(std::clamp<uint32_t>(model.maxPayloadBytes, 64, kMaxPayload)),
      frameInterval_(std::chrono::microseconds(1'000'000 / std::max<uint32_t>(1, layer.framesPerSecond))),
      keyframeInterval_(std::chrono::milliseconds(std::max<uint32_t>(model.keyframeIntervalMs, 100))),
      nextFrameAt_(start),
      nextKeyframeAt_(start + keyframeInterval_),
      rng_(seed | 1),
      rtpTimestamp_(seed * 2654435761u),
      pictureId_(static_cast<uint16_t>(seed & 0x7FFF)),
      tl0PicIdx_(static_cast<uint8_t>(seed >> 8)) {
  // Sizes such that one keyframe per interval plus delta frames average the layer's bitrate.
  const double framesPerInterval =
      std::max(1.0, layer.framesPerSecond * model.keyframeIntervalMs / 1000.0);
  const double averageBytes = layer.bitrateBps / 8.0 / std::max<uint32_t>(1, layer.framesPerSecond);
  const double delta = averageBytes * framesPerInterval / (framesPerInterval - 1 + model.keyframeSizeFactor);
  deltaFrameBytes_ = std::max<uint32_t>(static_cast<uint32_t>(delta), 40);
  keyframeBytes_ = deltaFrameBytes_ * std::max<uint32_t>(1, model.keyframeSizeFactor);
}

uint32_t VideoLayerSource::random() {  // xorshift32: cheap, deterministic per seed
  rng_ ^= rng_ << 13;
  rng_ ^= rng_ >> 17;
  rng_ ^= rng_ << 5;
  return rng_;
}

void VideoLayerSource::startFrame(Clock::time_point now) {
  keyframe_ = keyframeRequested_ || now >= nextKeyframeAt_;
  if (keyframe_) {
    keyframeRequested_ = false;
    nextKeyframeAt_ = now + keyframeInterval_;
    ++keyframes_;
  }
  // ±20 % around the mean, as an encoder's frame sizes vary with content.
  const uint32_t base = keyframe_ ? keyframeBytes_ : deltaFrameBytes_;
  remaining_ = base * (80 + random() % 41) / 100;
  const uint32_t perPacket = maxPayload_ - kDescriptorSize - kSendTimeTrailerSize;
  packetsLeft_ = std::max<uint32_t>(1, (remaining_ + perPacket - 1) / perPacket);
  firstPacket_ = true;
  ++frames_;
  pictureId_ = static_cast<uint16_t>((pictureId_ + 1) & 0x7FFF);
  ++tl0PicIdx_;
  rtpTimestamp_ += kClockRate / std::max<uint32_t>(1, layer_.framesPerSecond);
  // The next frame keeps the cadence; after a stall it starts again from now.
  nextFrameAt_ += frameInterval_;
  if (nextFrameAt_ < now) nextFrameAt_ = now + frameInterval_;
}

std::optional<VideoLayerSource::Packet> VideoLayerSource::nextPacket(int64_t sentMicros) {
  if (packetsLeft_ == 0) return std::nullopt;
  const uint32_t share = (remaining_ + packetsLeft_ - 1) / packetsLeft_;
  uint8_t* out = buffer_.data();
  out[0] = static_cast<uint8_t>(0x80 | (firstPacket_ ? 0x10 : 0x00));  // X, S, PID 0
  out[1] = 0xE0;                                                         // I, L, T
  out[2] = static_cast<uint8_t>(0x80 | (pictureId_ >> 8));               // M: 15-bit id
  out[3] = static_cast<uint8_t>(pictureId_);
  out[4] = tl0PicIdx_;
  out[5] = 0x20;  // TID 0, Y (layer sync)
  size_t size = kDescriptorSize;
  if (firstPacket_) {
    // RFC 6386 §9.1 frame tag: P (0 = keyframe), version 0, show_frame, first partition size.
    const uint32_t partition = std::min<uint32_t>(remaining_, 0x7FFFF);
    const uint32_t tag = (keyframe_ ? 0u : 1u) | (1u << 4) | (partition << 5);
    out[size++] = static_cast<uint8_t>(tag);
    out[size++] = static_cast<uint8_t>(tag >> 8);
    out[size++] = static_cast<uint8_t>(tag >> 16);
    if (keyframe_) {
      out[size++] = 0x9D;  // start code
      out[size++] = 0x01;
      out[size++] = 0x2A;
      out[size++] = static_cast<uint8_t>(layer_.width);  // 14-bit width, scale 0, little-endian
      out[size++] = static_cast<uint8_t>((layer_.width >> 8) & 0x3F);
      out[size++] = static_cast<uint8_t>(layer_.height);
      out[size++] = static_cast<uint8_t>((layer_.height >> 8) & 0x3F);
    }
  }
  const size_t header = size - kDescriptorSize;
  const size_t body = std::max<size_t>(share, header);
  const size_t total = std::min<size_t>(kDescriptorSize + body + kSendTimeTrailerSize, maxPayload_);
  std::fill(out + size, out + total - kSendTimeTrailerSize, static_cast<uint8_t>(pictureId_));
  writeSendTimeTrailer(std::span<uint8_t>(out, total), sentMicros);
  remaining_ -= std::min(remaining_, share);
  --packetsLeft_;
  Packet packet{std::span<const uint8_t>(out, total), rtpTimestamp_, packetsLeft_ == 0, keyframe_};
  firstPacket_ = false;
  return packet;
}

}  // namespace dienhong::loadgen
