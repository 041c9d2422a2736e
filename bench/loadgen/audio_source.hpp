// AudioSource: Opus-sized packets every 20 ms (48 kHz RTP clock), each with the RFC 6464 level a
// browser would attach: a voiced level while the endpoint is the scenario's speaker, silence
// otherwise, so that the server's active-speaker detection follows the scenario. With DTX, a
// silent endpoint sends only a small comfort-noise packet every 400 ms.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <span>

#include "loadgen/media_model.hpp"

namespace dienhong::loadgen {

class AudioSource {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr uint32_t kClockRate = 48000;
  static constexpr size_t kMaxPayload = 400;

  AudioSource(const MediaModel& model, uint32_t seed, Clock::time_point start);

  bool packetDue(Clock::time_point now, bool speaking) const {
    return now >= nextAt_ && (speaking || !dtx_ || now >= nextSilentAt_);
  }
  // The next packet's payload (valid until the next call), advancing the cadence; the RTP
  // timestamp advances by the frames skipped while silent under DTX.
  std::span<const uint8_t> nextPacket(Clock::time_point now, int64_t sentMicros, bool speaking);
  uint32_t rtpTimestamp() const { return rtpTimestamp_; }

 private:
  Clock::duration interval_;
  Clock::time_point nextAt_;
  Clock::time_point nextSilentAt_;
  Clock::time_point lastSentAt_;
  bool dtx_;
  uint32_t samplesPerPacket_;
  size_t payloadSize_;
  uint32_t rtpTimestamp_;
  std::array<uint8_t, kMaxPayload> buffer_{};
};

}  // namespace dienhong::loadgen
