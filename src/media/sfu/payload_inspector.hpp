// What the router needs to know about a video payload, without decoding it: whether it starts a
// keyframe (where a subscriber may start or switch layers), the VP8 picture id and TL0PICIDX the
// rewriter renumbers (RFC 7741 §4.2), and the frame size a keyframe announces, by which simulcast
// layers are ordered:
//   VP8  - RFC 6386 §9.1 / §19.1: after the 3-byte frame tag of a key frame, the start code
//          9d 01 2a and two little-endian 16-bit fields, 14 bits of size and 2 of scaling;
//   VP9  - draft-ietf-payload-vp9 §4.2: a packet with B set and P clear begins a frame without
//          inter-picture prediction; the scalability structure (V) carries the sizes;
//   H.264 - RFC 6184 keyframe starts (h264_keyframe.hpp); the size would need the SPS decoded,
//          so H.264 layers are ordered by bitrate.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace dienhong::media {

enum class VideoCodec : uint8_t { kNone, kVp8, kVp9, kH264, kOther };

// From the SDP encoding name (case-insensitive); kNone for audio codecs is the caller's choice.
VideoCodec videoCodecFromName(std::string_view name);

struct FrameSize {
  uint16_t width = 0;
  uint16_t height = 0;
  friend bool operator==(const FrameSize&, const FrameSize&) = default;
};

struct PayloadInfo {
  bool keyframeStart = false;
  std::optional<uint16_t> pictureId;  // VP8 only: the one the rewriter may renumber
  std::optional<uint8_t> tl0PicIdx;
  std::optional<FrameSize> frameSize;  // on keyframes, when the codec says
};

// nullopt when the payload is too short or malformed for its codec (the packet is still
// forwarded by the caller if it wishes: it just starts nothing).
std::optional<PayloadInfo> inspectPayload(VideoCodec codec, std::span<const uint8_t> payload);

// The size in a VP8 key frame's header; `frame` starts at the frame tag (after the descriptor).
std::optional<FrameSize> vp8KeyframeSize(std::span<const uint8_t> frame);

}  // namespace dienhong::media
