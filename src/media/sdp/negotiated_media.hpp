// NegotiatedMedia: what one accepted publisher m= section carries, in the terms the router needs
// to demultiplex and forward it (RFC 8829 §5.3 answer, RFC 8843 §9.2 mid-based demultiplexing,
// RFC 8853 / RFC 8851 simulcast by rid, RFC 4588 RTX association, RFC 8285 extension ids). The
// router never needs to read SDP again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "media/sdp/session_description.hpp"

namespace dienhong::media::sdp {

struct NegotiatedCodec {
  uint8_t payloadType = 0;  // the publisher's number, as offered
  std::string name;
  uint32_t clockRate = 0;
  uint32_t channels = 0;
  std::string fmtp;  // as written in the answer
  std::vector<std::string> feedback;
  std::optional<uint8_t> rtxPayloadType;
  bool operator==(const NegotiatedCodec&) const = default;
};

// Extension ids as the publisher numbered them; 0 means "not negotiated".
struct NegotiatedExtensions {
  uint16_t mid = 0;
  uint16_t rid = 0;
  uint16_t repairedRid = 0;
  uint16_t transportCc = 0;
  uint16_t audioLevel = 0;
  uint16_t absSendTime = 0;
  bool operator==(const NegotiatedExtensions&) const = default;
};

struct SimulcastLayer {
  std::string rid;
  bool pausedInOffer = false;  // "~" in the offer: the browser starts with it off (RFC 8853 §5.1)
  std::string restrictions;    // the offer's a=rid parameters, e.g. "max-width=1280;max-height=720"
  bool operator==(const SimulcastLayer&) const = default;
};

struct NegotiatedMedia {
  std::string mid;
  MediaKind kind = MediaKind::Audio;
  size_t mlineIndex = 0;
  Direction direction = Direction::RecvOnly;  // ours: RecvOnly, or Inactive when nothing is sent
  std::vector<NegotiatedCodec> codecs;        // our preference first; the browser sends the first
  NegotiatedExtensions extensions;
  // In the order of the offer's a=simulcast:send list. RFC 8853 §5.1 makes that order a
  // preference, not a resolution order: Chromium lists encodings in the application's order
  // (by convention low → high, "q;h;f"), Firefox the same. The router must not infer a layer's
  // resolution from its position; restrictions or the measured stream say it.
  std::vector<SimulcastLayer> simulcast;
  // Announced SSRCs (a=ssrc), in first-seen order, with their groups (FID: media + RTX; SIM:
  // legacy SSRC-based simulcast, low → high). Empty when the browser relies on mid/rid only.
  std::vector<uint32_t> ssrcs;
  std::vector<SsrcGroup> ssrcGroups;
  std::string cname;
  std::optional<std::string> msid;  // "<stream id> <track id>" from the offer
  bool rtcpRsize = false;
  bool operator==(const NegotiatedMedia&) const = default;
};

// The browser's side of the one BUNDLE transport (RFC 8843): ICE credentials to check its Binding
// requests against, the certificate fingerprint the DTLS handshake must match (RFC 8842).
struct RemoteTransport {
  std::string iceUfrag;
  std::string icePwd;
  Fingerprint fingerprint;
  bool operator==(const RemoteTransport&) const = default;
};

}  // namespace dienhong::media::sdp
