// SrtpReceiveContext: the receiving half of an SRTP session (RFC 3711 §3.3 and §3.4, receiver
// side): for each SSRC a replay window over RTP indices, whose highest index is the s_l and ROC
// of the rollover estimate (§3.3.1, Appendix A), and one over SRTCP indices; and the transform
// keyed with the peer's master key. Order per packet: parse, estimate the index, replay check,
// authenticate (and decrypt), and only then create the stream or move its window — so a forged
// packet changes no state and creates no stream.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "media/srtp/srtp_replay_window.hpp"
#include "media/srtp/srtp_status.hpp"
#include "media/srtp/srtp_stream_table.hpp"
#include "media/srtp/srtp_transform.hpp"

namespace dienhong::media {

struct SrtpReceiveCounters {
  std::array<uint64_t, kSrtpStatusCount> rtp{};   // indexed by SrtpStatus; kOk counts accepted
  std::array<uint64_t, kSrtpStatusCount> rtcp{};

  uint64_t rtpCount(SrtpStatus status) const { return rtp[static_cast<size_t>(status)]; }
  uint64_t rtcpCount(SrtpStatus status) const { return rtcp[static_cast<size_t>(status)]; }
};

class SrtpReceiveContext {
 public:
  // 1024 RTP packets, as libwebrtc and mediasoup configure libsrtp: at video bitrates packets
  // arrive reordered by more than libsrtp's default 128. SRTCP is sparse: 128 is plenty.
  static constexpr size_t kRtpReplayWindow = 1024;
  static constexpr size_t kRtcpReplayWindow = 128;

  static std::optional<SrtpReceiveContext> create(const SrtpMasterKey& remote, size_t maxStreams);
  SrtpReceiveContext(srtp::SrtpTransform transform, size_t maxStreams);

  // packet: one received SRTP datagram, decrypted in place; the result is the RTP length.
  UnprotectResult unprotectRtp(std::span<uint8_t> packet);
  // packet: one received SRTCP datagram, decrypted in place; the result is the RTCP length.
  UnprotectResult unprotectRtcp(std::span<uint8_t> packet);

  SrtpProfile profile() const { return transform_.profile(); }
  bool removeStream(uint32_t ssrc) { return streams_.erase(ssrc); }
  size_t streamCount() const { return streams_.size(); }
  const SrtpReceiveCounters& counters() const { return counters_; }

 private:
  struct Stream {
    srtp::ReplayWindow<kRtpReplayWindow> rtp;
    srtp::ReplayWindow<kRtcpReplayWindow> rtcp;
  };

  UnprotectResult countRtp(SrtpStatus status, size_t length = 0) {
    ++counters_.rtp[static_cast<size_t>(status)];
    return {status, length};
  }
  UnprotectResult countRtcp(SrtpStatus status, size_t length = 0) {
    ++counters_.rtcp[static_cast<size_t>(status)];
    return {status, length};
  }

  srtp::SrtpTransform transform_;
  srtp::StreamTable<Stream> streams_;
  SrtpReceiveCounters counters_;
};

}  // namespace dienhong::media
