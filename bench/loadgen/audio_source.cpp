#include "loadgen/audio_source.hpp"

#include <algorithm>

#include "loadgen/send_time_trailer.hpp"

namespace dienhong::loadgen {

AudioSource::AudioSource(const MediaModel& model, uint32_t seed, Clock::time_point start)
    : interval_(std::chrono::milliseconds(std::max<uint32_t>(model.audioFrameMs, 10))),
      nextAt_(start),
      nextSilentAt_(start),
      lastSentAt_(start),
      dtx_(model.audioDtx),
      samplesPerPacket_(kClockRate / 1000 * std::max<uint32_t>(model.audioFrameMs, 10)),
      payloadSize_(std::clamp<size_t>(model.audioPayloadBytes, kSendTimeTrailerSize + 1, kMaxPayload)),
      rtpTimestamp_(seed * 2246822519u) {
  buffer_[0] = 0x78;  // an Opus TOC byte: CELT fullband 20 ms, mono, one frame
  std::fill(buffer_.begin() + 1, buffer_.end(), static_cast<uint8_t>(seed));
}

std::span<const uint8_t> AudioSource::nextPacket(Clock::time_point now, int64_t sentMicros, bool speaking) {
  // The frames since the last packet (more than one after a DTX pause).
  const auto frames = std::max<int64_t>(1, (now - lastSentAt_ + interval_ / 2) / interval_);
  rtpTimestamp_ += samplesPerPacket_ * static_cast<uint32_t>(frames);
  lastSentAt_ = now;
  nextAt_ += interval_;
  if (nextAt_ < now) nextAt_ = now + interval_;
  nextSilentAt_ = now + std::chrono::milliseconds(400);
  const bool comfortNoise = dtx_ && !speaking;
  const std::span<uint8_t> payload(buffer_.data(), comfortNoise ? std::min<size_t>(payloadSize_, kSendTimeTrailerSize + 3) : payloadSize_);
  writeSendTimeTrailer(payload, sentMicros);
  return payload;
}

}  // namespace dienhong::loadgen
