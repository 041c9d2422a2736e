// SrtpSendContext: SRTP/SRTCP sender processing (RFC 3711 §3.3, §3.4; index per §3.3.1).
#include "media/srtp/srtp_send_context.hpp"

#include "media/srtp/srtp_index.hpp"
#include "media/srtp/srtp_packet_layout.hpp"

namespace dienhong::media {

using srtp::estimateSrtpIndex;

std::optional<SrtpSendContext> SrtpSendContext::create(const SrtpMasterKey& local,
                                                       size_t maxStreams, bool allowResend) {
  auto transform = srtp::SrtpTransform::create(local, srtp::TransformDirection::kProtect);
  if (!transform) return std::nullopt;
  return SrtpSendContext(std::move(*transform), maxStreams, allowResend);
}

SrtpSendContext::SrtpSendContext(srtp::SrtpTransform transform, size_t maxStreams,
                                 bool allowResend)
    : transform_(std::move(transform)), streams_(maxStreams), allowResend_(allowResend) {}

std::optional<size_t> SrtpSendContext::protectRtp(std::span<uint8_t> buffer, size_t length) {
  const size_t tag = transform_.rtpTagLength();
  if (length > buffer.size() || buffer.size() - length < tag) return refuse();
  const auto layout = srtp::parseRtpLayout(buffer.first(length));
  if (!layout) return refuse();
  Stream* stream = streams_.findOrInsert(layout->ssrc);
  if (stream == nullptr) return refuse();
  uint64_t index = layout->sequenceNumber;  // the first packet of a stream has ROC 0
  if (!stream->rtp.empty()) {
    const auto estimate = estimateSrtpIndex(stream->rtp.highest(), layout->sequenceNumber);
    if (!estimate) return refuse();
    index = *estimate;
  }
  const bool fresh = stream->rtp.check(index) == srtp::ReplayVerdict::kFresh;
  if (!fresh && !allowResend_) {
    ++counters_.resendsRefused;
    return refuse();
  }
  if (!transform_.protectRtp(buffer.first(length + tag), layout->headerLength, layout->ssrc, index)) {
    return refuse();
  }
  if (fresh) stream->rtp.accept(index);
  ++counters_.rtpProtected;
  return length + tag;
}

std::optional<size_t> SrtpSendContext::protectRtcp(std::span<uint8_t> buffer, size_t length) {
  const size_t trailer = transform_.rtcpTrailerLength();
  if (length > buffer.size() || buffer.size() - length < trailer) return refuse();
  const auto ssrc = srtp::parseRtcpSsrc(buffer.first(length));
  if (!ssrc) return refuse();
  Stream* stream = streams_.findOrInsert(*ssrc);
  // RFC 3711 §3.2.1: a master key protects at most 2^31 SRTCP packets; rekey before the wrap.
  if (stream == nullptr || stream->nextSrtcpIndex > srtp::kSrtcpMaxIndex) return refuse();
  const auto index = static_cast<uint32_t>(stream->nextSrtcpIndex);
  if (!transform_.protectRtcp(buffer.first(length + trailer), *ssrc, index)) return refuse();
  ++stream->nextSrtcpIndex;
  ++counters_.rtcpProtected;
  return length + trailer;
}

bool SrtpSendContext::setNextSrtcpIndex(uint32_t ssrc, uint32_t index) {
  Stream* stream = streams_.findOrInsert(ssrc);
  if (stream == nullptr || index > srtp::kSrtcpMaxIndex) return false;
  stream->nextSrtcpIndex = index;
  return true;
}

}  // namespace dienhong::media
