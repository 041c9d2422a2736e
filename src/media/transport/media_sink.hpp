// MediaSink: where the router's packets leave toward one participant connection. In production
// a WebRtcTransport (SRTP protect in place, then the nominated ICE pair); in router unit tests a
// recorder. Worker thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "media/srtp/srtp_profile.hpp"

namespace dienhong::media {

class MediaSink {
 public:
  virtual ~MediaSink() = default;
  // `buffer` starts with `length` bytes of plain RTP (RTCP) and has at least kSrtpMaxRtpOverhead
  // (kSrtpMaxRtcpOverhead) bytes to spare after them: the packet is protected in place. False
  // when nothing was sent (not connected yet, or SRTP refused).
  virtual bool sendRtp(std::span<uint8_t> buffer, size_t length) = 0;
  virtual bool sendRtcp(std::span<uint8_t> buffer, size_t length) = 0;
};

}  // namespace dienhong::media
