// SrtpSendContext: the sending half of an SRTP session (RFC 3711 §3.3 and §3.4, sender side):
// for each SSRC a window over the RTP indices sent — its highest index carries the ROC — and the
// next SRTCP index, and the transform keyed with the local master key. Protects in place.
//
// Protecting two different packets under one index reuses keystream (AES-CM) or, worse, a GCM
// nonce, which gives away the GHASH key and with it the power to forge. So by default an index
// is protected once: a second packet with the same SSRC and sequence number (or one too far
// behind to tell) is refused. A caller that retransmits by protecting the very same packet again
// (NACK without RTX) sets allowResend; caching the protected packet instead is cheaper anyway.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "media/srtp/srtp_replay_window.hpp"
#include "media/srtp/srtp_stream_table.hpp"
#include "media/srtp/srtp_transform.hpp"

namespace dienhong::media {

struct SrtpSendCounters {
  uint64_t rtpProtected = 0;
  uint64_t rtcpProtected = 0;
  uint64_t refused = 0;  // malformed header, no room for the tag, stream limit, index exhausted
  uint64_t resendsRefused = 0;  // of which: an index already protected (without allowResend)
};

class SrtpSendContext {
 public:
  // Packets remembered per SSRC for refusing a second protection of one index.
  static constexpr size_t kSentWindow = 1024;

  static std::optional<SrtpSendContext> create(const SrtpMasterKey& local, size_t maxStreams,
                                               bool allowResend = false);
  SrtpSendContext(srtp::SrtpTransform transform, size_t maxStreams, bool allowResend = false);

  // buffer[0, length) is an RTP packet; buffer must extend at least rtpOverhead() octets past
  // it. Returns the SRTP length, or nullopt (and the buffer untouched) if the packet is not
  // RTP version 2, does not fit, its SSRC would exceed the stream limit, its index cannot be
  // sent under this key (ROC exhausted, or a sequence number more than 2^15 behind the first
  // one sent), or — unless allowResend — its index was protected before or lies kSentWindow or
  // more behind the newest.
  std::optional<size_t> protectRtp(std::span<uint8_t> buffer, size_t length);
  // The same for an RTCP compound packet; the SRTCP index counts from 0 per SSRC.
  std::optional<size_t> protectRtcp(std::span<uint8_t> buffer, size_t length);

  size_t rtpOverhead() const { return transform_.rtpTagLength(); }
  size_t rtcpOverhead() const { return transform_.rtcpTrailerLength(); }
  SrtpProfile profile() const { return transform_.profile(); }

  // Forgets an SSRC (its stream ended), freeing its slot for a new one.
  bool removeStream(uint32_t ssrc) { return streams_.erase(ssrc); }
  size_t streamCount() const { return streams_.size(); }
  const SrtpSendCounters& counters() const { return counters_; }

  // Test hook: the RFC 7714 vectors protect with SRTCP index 0x5d4 mid-session.
  bool setNextSrtcpIndex(uint32_t ssrc, uint32_t index);

 private:
  struct Stream {
    srtp::ReplayWindow<kSentWindow> rtp;
    uint64_t nextSrtcpIndex = 0;  // wider than 31 bits so that exhaustion is visible
  };

  std::nullopt_t refuse() {
    ++counters_.refused;
    return std::nullopt;
  }

  srtp::SrtpTransform transform_;
  srtp::StreamTable<Stream> streams_;
  bool allowResend_;
  SrtpSendCounters counters_;
};

}  // namespace dienhong::media
