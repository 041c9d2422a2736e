// MediaCapabilities: the codecs, RTCP feedback and RTP header extensions the SFU accepts on a
// publisher connection and offers on a subscriber connection, and the matching rules that decide
// whether an offered codec is one of them — RFC 7587 (Opus), RFC 7741 (VP8), RFC 6184 (H.264
// profile-level-id, packetization-mode), VP9 RTP payload (profile-id), RFC 4588 (RTX, apt),
// RFC 4585 / RFC 5104 (rtcp-fb), RFC 8285 (extmap).
//
// The SFU forwards payloads without decoding them, so "supported" means "a subscriber's browser
// can decode what the publisher sends": the lists below are the codecs every current browser
// decodes, not what the server could parse.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/sdp/session_description.hpp"

namespace dienhong::media::sdp {

// Header extension URIs the SFU understands (RFC 6464, transport-wide CC draft, abs-send-time,
// RFC 8843 §15.2 mid, RFC 8852 rid and repaired rid).
inline constexpr std::string_view kAudioLevelUri = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
inline constexpr std::string_view kTransportCcUri =
    "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
inline constexpr std::string_view kAbsSendTimeUri = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
inline constexpr std::string_view kMidUri = "urn:ietf:params:rtp-hdrext:sdes:mid";
inline constexpr std::string_view kRidUri = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
inline constexpr std::string_view kRepairedRidUri = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

struct CodecCapability {
  MediaKind kind = MediaKind::Audio;
  std::string name;  // compared case-insensitively (RFC 8866 §6.6: encoding names are)
  uint32_t clockRate = 0;
  uint32_t channels = 0;  // 0: mono / not written
  // Parameters we write. Empty with mirrorFmtp: answer with the offer's own parameters (H.264 and
  // VP9, whose fmtp describe the stream itself and must match what the publisher encodes).
  std::string fmtp;
  bool mirrorFmtp = false;
  std::vector<std::string> feedback;  // in the order we write them
  bool rtx = false;
  // Payload types of our own offers (subscriber connection); answers keep the offer's numbers.
  uint8_t payloadType = 0;
  uint8_t rtxPayloadType = 0;
};

struct ExtensionCapability {
  MediaKind kind = MediaKind::Audio;
  std::string uri;
  uint16_t id = 0;  // the id in our own offers; answers keep the offer's id
  bool inSubscriberOffer = true;  // rid / repaired rid only matter when receiving simulcast
};

struct MediaCapabilities {
  std::vector<CodecCapability> codecs;  // per kind, in our order of preference
  std::vector<ExtensionCapability> extensions;

  // Opus, VP8, H.264 (packetization-mode=1), VP9 profile 0, the six extensions above.
  // G.711 (PCMU/PCMA) is opt-in (for SIP interop): a browser always has Opus, and an answer that
  // lists G.711 lets the browser switch to it, which every subscriber would then have to decode.
  static MediaCapabilities defaults(bool acceptG711 = false);

  const ExtensionCapability* extension(MediaKind kind, std::string_view uri) const;
};

// The capability `offered` satisfies, if any, with a rank among several offered variants of the
// same capability (lower is better; H.264 prefers constrained baseline over baseline over main).
struct CodecMatch {
  const CodecCapability* capability = nullptr;
  int rank = 0;
};
std::optional<CodecMatch> matchCodec(const MediaCapabilities& capabilities, MediaKind kind, const Codec& offered);

// "key=value;key=value" lookup (RFC 8866 §6.15 leaves fmtp syntax to the codec; every codec here
// uses this form).
std::optional<std::string_view> fmtpParameter(std::string_view fmtp, std::string_view key);

// H.264 profile families the SFU forwards (RFC 6184 §8.1, profile_idc and constraint flags).
enum class H264Profile { ConstrainedBaseline, Baseline, Main, Other };
H264Profile h264Profile(std::string_view fmtp);

bool equalsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace dienhong::media::sdp
