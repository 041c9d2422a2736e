// RtpRewriter: what one subscriber sees of one video track. Simulcast layers arrive as separate
// RTP streams (own SSRC, sequence numbers, timestamps, VP8 picture ids); the subscriber must see
// a single continuous stream, or its jitter buffer would NACK phantom gaps and its decoder would
// reset. On a switch (only at a keyframe of the new layer) the rewriter re-bases every counter so
// the new layer continues where the old one stopped. Pure arithmetic: no allocation, no lock.
#pragma once

#include <cstdint>
#include <optional>

namespace dienhong::media {

struct IncomingRtp {
  uint32_t ssrc;
  uint16_t sequence;
  uint32_t timestamp;
  bool keyframeStart;
  std::optional<uint16_t> pictureId;  // VP8, 15-bit space
  std::optional<uint8_t> tl0PicIdx;
};

struct OutgoingRtp {
  uint16_t sequence;
  uint32_t timestamp;
  std::optional<uint16_t> pictureId;
  std::optional<uint8_t> tl0PicIdx;
};

class RtpRewriter {
 public:
  // Timestamp step used when switching, for the clock rate of the track (video: 90 kHz); one
  // frame at 30 fps keeps the receiver's timing sane when the real gap is unknown.
  explicit RtpRewriter(uint32_t clockRate = 90000) : frameStep_(clockRate / 30) {}

  // Asks to forward `ssrc` from its next keyframe on. Until that keyframe arrives the current
  // source keeps flowing (if it still does), so the picture never freezes on a switch.
  void switchTo(uint32_t ssrc) { pendingSsrc_ = ssrc; }
  // Forwards nothing until a later switchTo()'s source sends a keyframe; the numbering then
  // continues right after the last packet forwarded, so a subscriber that was paused (hidden
  // tile, no bandwidth) sees no gap to NACK and its decoder restarts cleanly on the keyframe.
  void pause() {
    currentSsrc_.reset();
    pendingSsrc_.reset();
  }
  std::optional<uint32_t> currentSource() const { return currentSsrc_; }
  std::optional<uint32_t> pendingSource() const { return pendingSsrc_; }

  // The rewritten header for a packet, or nullopt when it is not to be forwarded (other layer,
  // not the switch keyframe yet, or too old: sent before the last switch).
  std::optional<OutgoingRtp> rewrite(const IncomingRtp& in);

 private:
  struct Base {
    uint16_t sequenceOffset = 0;
    uint32_t timestampOffset = 0;
    uint16_t pictureIdOffset = 0;
    uint8_t tl0Offset = 0;
    uint16_t firstSequence = 0;  // first forwarded incoming sequence of this source
  };

  OutgoingRtp apply(const IncomingRtp& in) const;
  void rebase(const IncomingRtp& in);

  uint32_t frameStep_;
  std::optional<uint32_t> currentSsrc_;
  std::optional<uint32_t> pendingSsrc_;
  Base base_;
  bool sentAny_ = false;
  uint16_t lastSequence_ = 0;  // highest outgoing values so far
  uint32_t lastTimestamp_ = 0;
  uint16_t lastPictureId_ = 0;
  uint8_t lastTl0_ = 0;
};

}  // namespace dienhong::media
