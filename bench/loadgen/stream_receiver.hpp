// StreamReceiver: one RTP stream a simulated subscriber receives. It tells new packets from
// duplicates and lists the gaps to NACK (the SFU's own NackGenerator), keeps RFC 3550 statistics
// for receiver reports (ReceiveStreamStats), and measures the window: latency from the payload's
// send-time trailer, losses left after retransmission, and freezes — gaps longer than the
// threshold while the stream is expected to flow (a video tile on screen; audio always).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>

#include "loadgen/stream_metrics.hpp"
#include "media/rtp/rtp_timestamp.hpp"
#include "media/rtp/sequence_number.hpp"
#include "media/sfu/nack_generator.hpp"
#include "media/sfu/receive_stream_stats.hpp"

namespace dienhong::loadgen {

class StreamReceiver {
 public:
  using Clock = std::chrono::steady_clock;

  StreamReceiver(bool video, uint32_t clockRate, std::chrono::milliseconds freezeThreshold);

  // One media packet (an RTX packet already unwrapped: `retransmitted`); `nowMicros` on the wall
  // clock of the send-time trailers.
  void onPacket(media::SequenceNumber sequence, media::RtpTimestamp timestamp,
                std::span<const uint8_t> payload, bool retransmitted, Clock::time_point now,
                int64_t nowMicros);

  // Whether the stream should flow now (a video tile shown). Becoming expected starts the freeze
  // clock afresh: a tile just shown waits for its keyframe.
  void setExpected(bool expected, Clock::time_point now);
  bool video() const { return video_; }

  void startWindow(Clock::time_point now);
  // Ends the window (a gap still open at the end counts) and gives its figures.
  StreamMetrics endWindow(Clock::time_point now);
  bool measuring() const { return measuring_; }

  media::NackGenerator& nacks() { return nacks_; }
  media::ReceiveStreamStats& stats() { return stats_; }

 private:
  void noteGap(Clock::time_point now);

  bool video_;
  std::chrono::microseconds freezeThreshold_;
  media::NackGenerator nacks_;
  media::ReceiveStreamStats stats_;
  bool expected_ = true;
  bool measuring_ = false;
  Clock::time_point lastArrival_{};
  bool haveArrival_ = false;
  uint64_t expectedAtStart_ = 0;
  int64_t lostAtStart_ = 0;
  StreamMetrics window_;
};

}  // namespace dienhong::loadgen
