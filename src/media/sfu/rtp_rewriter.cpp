#include "media/sfu/rtp_rewriter.hpp"

#include "media/rtp/sequence_number.hpp"

namespace dienhong::media {
namespace {

constexpr uint16_t kPictureIdMask = 0x7FFF;

bool isNewerTimestamp(uint32_t a, uint32_t b) { return a != b && a - b < 0x80000000U; }

bool isNewerSequence(uint16_t a, uint16_t b) { return isNewer(SequenceNumber(a), SequenceNumber(b)); }

}  // namespace

OutgoingRtp RtpRewriter::apply(const IncomingRtp& in) const {
  OutgoingRtp out;
  out.sequence = static_cast<uint16_t>(in.sequence + base_.sequenceOffset);
  out.timestamp = in.timestamp + base_.timestampOffset;
  if (in.pictureId) out.pictureId = static_cast<uint16_t>((*in.pictureId + base_.pictureIdOffset) & kPictureIdMask);
  if (in.tl0PicIdx) out.tl0PicIdx = static_cast<uint8_t>(*in.tl0PicIdx + base_.tl0Offset);
  return out;
}

void RtpRewriter::rebase(const IncomingRtp& in) {
  currentSsrc_ = in.ssrc;
  pendingSsrc_.reset();
  base_.firstSequence = in.sequence;
  if (!sentAny_) {
    base_ = Base{};  // the first source keeps its own numbering
    base_.firstSequence = in.sequence;
    return;
  }
  // Continue right after what the subscriber has seen: no gap, no repeat.
  base_.sequenceOffset = static_cast<uint16_t>(lastSequence_ + 1 - in.sequence);
  base_.timestampOffset = lastTimestamp_ + frameStep_ - in.timestamp;
  if (in.pictureId) base_.pictureIdOffset = static_cast<uint16_t>((lastPictureId_ + 1 - *in.pictureId) & kPictureIdMask);
  if (in.tl0PicIdx) base_.tl0Offset = static_cast<uint8_t>(lastTl0_ + 1 - *in.tl0PicIdx);
}

std::optional<OutgoingRtp> RtpRewriter::rewrite(const IncomingRtp& in) {
  if (pendingSsrc_ && in.ssrc == *pendingSsrc_ && in.keyframeStart) {
    rebase(in);
  } else if (!currentSsrc_ || in.ssrc != *currentSsrc_) {
    return std::nullopt;
  } else if (isNewerSequence(base_.firstSequence, in.sequence)) {
    return std::nullopt;  // from before we switched to this source
  }
  const OutgoingRtp out = apply(in);
  if (!sentAny_ || isNewerSequence(out.sequence, lastSequence_)) lastSequence_ = out.sequence;
  if (!sentAny_ || isNewerTimestamp(out.timestamp, lastTimestamp_)) lastTimestamp_ = out.timestamp;
  if (out.pictureId && (!sentAny_ || static_cast<uint16_t>((*out.pictureId - lastPictureId_) & kPictureIdMask) < 0x4000)) {
    lastPictureId_ = *out.pictureId;
  }
  if (out.tl0PicIdx && (!sentAny_ || static_cast<uint8_t>(*out.tl0PicIdx - lastTl0_) < 0x80)) lastTl0_ = *out.tl0PicIdx;
  sentAny_ = true;
  return out;
}

}  // namespace dienhong::media
