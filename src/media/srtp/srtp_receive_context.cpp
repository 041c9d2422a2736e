// SrtpReceiveContext: SRTP/SRTCP receiver processing (RFC 3711 §3.3, §3.4; index estimation
// §3.3.1 and Appendix A; replay protection §3.3.2).
#include "media/srtp/srtp_receive_context.hpp"

#include "media/srtp/srtp_index.hpp"
#include "media/srtp/srtp_packet_layout.hpp"

namespace dienhong::media {

using srtp::ReplayVerdict;

namespace {

SrtpStatus statusOf(ReplayVerdict verdict) {
  return verdict == ReplayVerdict::kReplayed ? SrtpStatus::kReplayed : SrtpStatus::kTooOld;
}

}  // namespace

std::optional<SrtpReceiveContext> SrtpReceiveContext::create(const SrtpMasterKey& remote,
                                                             size_t maxStreams) {
  auto transform = srtp::SrtpTransform::create(remote, srtp::TransformDirection::kUnprotect);
  if (!transform) return std::nullopt;
  return SrtpReceiveContext(std::move(*transform), maxStreams);
}

SrtpReceiveContext::SrtpReceiveContext(srtp::SrtpTransform transform, size_t maxStreams)
    : transform_(std::move(transform)), streams_(maxStreams) {}

UnprotectResult SrtpReceiveContext::unprotectRtp(std::span<uint8_t> packet) {
  const size_t tag = transform_.rtpTagLength();
  if (packet.size() < srtp::kRtpFixedHeaderLength + tag) return countRtp(SrtpStatus::kTooShort);
  const size_t length = packet.size() - tag;
  const auto layout = srtp::parseRtpLayout(packet.first(length));
  if (!layout) return countRtp(SrtpStatus::kMalformed);

  Stream* stream = streams_.find(layout->ssrc);
  uint64_t index = layout->sequenceNumber;  // a new stream starts with ROC 0 and s_l = SEQ
  if (stream != nullptr && !stream->rtp.empty()) {
    const auto estimate = srtp::estimateSrtpIndex(stream->rtp.highest(), layout->sequenceNumber);
    if (!estimate) return countRtp(SrtpStatus::kTooOld);
    const ReplayVerdict verdict = stream->rtp.check(*estimate);
    if (verdict != ReplayVerdict::kFresh) return countRtp(statusOf(verdict));
    index = *estimate;
  } else if (stream == nullptr && streams_.full()) {
    return countRtp(SrtpStatus::kStreamLimit);
  }

  if (!transform_.unprotectRtp(packet, layout->headerLength, layout->ssrc, index)) {
    return countRtp(SrtpStatus::kAuthFailed);
  }
  if (stream == nullptr) stream = streams_.findOrInsert(layout->ssrc);  // not full: checked
  stream->rtp.accept(index);
  return countRtp(SrtpStatus::kOk, length);
}

UnprotectResult SrtpReceiveContext::unprotectRtcp(std::span<uint8_t> packet) {
  const size_t trailer = transform_.rtcpTrailerLength();
  if (packet.size() < srtp::kRtcpHeaderLength + trailer) return countRtcp(SrtpStatus::kTooShort);
  const size_t length = packet.size() - trailer;
  const auto ssrc = srtp::parseRtcpSsrc(packet.first(length));
  if (!ssrc) return countRtcp(SrtpStatus::kMalformed);

  const uint32_t index = transform_.srtcpIndexWord(packet) & srtp::kSrtcpMaxIndex;
  Stream* stream = streams_.find(*ssrc);
  if (stream != nullptr) {
    const ReplayVerdict verdict = stream->rtcp.check(index);
    if (verdict != ReplayVerdict::kFresh) return countRtcp(statusOf(verdict));
  } else if (streams_.full()) {
    return countRtcp(SrtpStatus::kStreamLimit);
  }

  if (!transform_.unprotectRtcp(packet, *ssrc)) return countRtcp(SrtpStatus::kAuthFailed);
  if (stream == nullptr) stream = streams_.findOrInsert(*ssrc);
  stream->rtcp.accept(index);
  return countRtcp(SrtpStatus::kOk, length);
}

}  // namespace dienhong::media
