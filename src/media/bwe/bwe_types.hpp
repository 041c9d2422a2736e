// Plain values shared by the parts of the send-side bandwidth estimator (draft-ietf-rmcat-gcc-02,
// fed by draft-holmer-rmcat-transport-wide-cc-extensions-01 feedback). Every time is passed in by
// the caller, never read from a clock, so that a simulation replays exactly.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace dienhong::media {

// A time in the sender's (our) clock.
using BweTime = std::chrono::steady_clock::time_point;
// An arrival time in the receiver's clock, as rebuilt from transport-wide feedback (reference time
// plus receive deltas). Its epoch is the receiver's and unknown to us: only the difference between
// two arrival times means anything.
using RemoteTime = std::chrono::microseconds;

enum class SentPacketKind : uint8_t { kMedia, kRetransmission, kPadding };

inline constexpr int32_t kNoProbeCluster = -1;

struct SentPacket {
  uint16_t transportSequence = 0;  // as written in the transport-wide sequence number extension
  size_t size = 0;                 // bytes on the wire: RTP header, payload, padding, SRTP tag
  BweTime sendTime{};
  SentPacketKind kind = SentPacketKind::kMedia;
  // The probe cluster this packet was sent for (ProbeCluster::id), or kNoProbeCluster. Media
  // packets paced out during a probe belong to it too: the probe measures what went out.
  int32_t probeClusterId = kNoProbeCluster;
};

// One packet's entry in a transport-wide feedback message.
struct PacketFeedback {
  uint16_t transportSequence = 0;
  bool received = false;
  RemoteTime arrivalTime{0};  // only meaningful when received
};

// What the delay-based over-use detector concludes (gcc-02 §5.3).
enum class BandwidthUsage : uint8_t { kNormal, kOverusing, kUnderusing };

// Where the estimate is heading (gcc-02 §5.5), also reported for statistics.
enum class RateControlState : uint8_t { kIncrease, kHold, kDecrease };

// A request to send a short burst at `bitrate` (media topped up with padding or RTX), so that the
// receive rate of the burst tells how much the path can carry above what we are sending now.
struct ProbeCluster {
  int32_t id = kNoProbeCluster;
  int64_t bitrate = 0;  // bits per second
  std::chrono::microseconds duration{0};
  // Send at least this many packets even if it means shorter packets: fewer packets measure the
  // receive rate too coarsely (feedback has 250 µs resolution).
  int32_t minPackets = 0;
};

namespace bwe {
// Durations as the floating-point milliseconds and seconds the estimator's arithmetic uses.
inline double toMillis(std::chrono::duration<double, std::micro> d) { return d.count() / 1000.0; }
inline double toSeconds(std::chrono::duration<double, std::micro> d) { return d.count() / 1e6; }
}  // namespace bwe

}  // namespace dienhong::media
