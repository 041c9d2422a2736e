// SessionDescription: the parts of an SDP offer/answer (RFC 8866) that WebRTC uses (RFC 8829
// JSEP, RFC 8843 BUNDLE, RFC 8853 simulcast, RFC 8851 rid, RFC 8285 extmap, RFC 5761 rtcp-mux,
// RFC 8839 ICE, RFC 8842 DTLS), as plain values. Unknown attributes are kept, so that a parse →
// serialise → parse round trip loses nothing the SFU might need.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dienhong::media::sdp {

enum class MediaKind { Audio, Video, Application, Other };
enum class Direction { SendRecv, SendOnly, RecvOnly, Inactive };
enum class Setup { ActPass, Active, Passive, HoldConn };

struct Attribute {  // an a= line we do not model: "name" or "name:value"
  std::string name;
  std::string value;
  bool hasValue = false;
  bool operator==(const Attribute&) const = default;
};

struct Fingerprint {
  std::string algorithm;  // "sha-256"
  std::string value;      // "AB:CD:…"
  bool operator==(const Fingerprint&) const = default;
};

struct Codec {  // a=rtpmap, a=fmtp, a=rtcp-fb of one payload type
  uint8_t payloadType = 0;
  std::string name;  // "opus", "VP8", "H264", "rtx"
  uint32_t clockRate = 0;
  uint32_t channels = 0;  // 0: not given
  std::string fmtp;       // parameters as written, e.g. "minptime=10;useinbandfec=1"
  std::vector<std::string> feedback;  // "nack", "nack pli", "transport-cc", "goog-remb"
  bool operator==(const Codec&) const = default;
};

struct Extmap {  // a=extmap:<id>[/<direction>] <uri>
  uint16_t id = 0;
  std::optional<Direction> direction;
  std::string uri;
  bool operator==(const Extmap&) const = default;
};

struct Rid {  // a=rid:<id> send|recv [params]
  std::string id;
  Direction direction = Direction::SendOnly;  // SendOnly = "send", RecvOnly = "recv"
  std::string params;
  bool operator==(const Rid&) const = default;
};

struct SsrcGroup {  // a=ssrc-group:FID 1 2
  std::string semantics;
  std::vector<uint32_t> ssrcs;
  bool operator==(const SsrcGroup&) const = default;
};

struct SsrcAttribute {  // a=ssrc:<ssrc> <attribute>[:<value>]
  uint32_t ssrc = 0;
  std::string attribute;
  std::string value;
  bool operator==(const SsrcAttribute&) const = default;
};

struct Simulcast {  // a=simulcast:send 1;2;3 recv 4 — each stream a list of alternatives
  std::vector<std::vector<std::string>> send;  // a leading '~' marks a paused rid, kept as is
  std::vector<std::vector<std::string>> recv;
  bool operator==(const Simulcast&) const = default;
};

struct MediaSection {
  MediaKind kind = MediaKind::Other;
  std::string kindName;  // as written ("audio", "video", "application", …)
  uint16_t port = 9;
  std::string protocol;  // "UDP/TLS/RTP/SAVPF"
  std::vector<std::string> formats;  // as written on the m= line
  std::string connection;            // c= line value, if any
  std::vector<std::string> otherLines;  // b=, i=, k= lines as written, e.g. "b=AS:30"
  std::optional<std::string> mid;
  std::optional<Direction> direction;
  std::optional<std::string> iceUfrag;
  std::optional<std::string> icePwd;
  std::optional<Fingerprint> fingerprint;
  std::optional<Setup> setup;
  bool rtcpMux = false;
  bool rtcpRsize = false;
  std::optional<std::string> msid;
  std::vector<Codec> codecs;
  std::vector<Extmap> extmaps;
  std::vector<Rid> rids;
  std::optional<Simulcast> simulcast;
  std::vector<SsrcAttribute> ssrcs;
  std::vector<SsrcGroup> ssrcGroups;
  std::vector<std::string> candidates;  // a=candidate values; ICE-lite does not need them
  std::vector<Attribute> otherAttributes;
  bool operator==(const MediaSection&) const = default;

  const Codec* codec(uint8_t payloadType) const;
};

struct SessionDescription {
  std::string origin = "- 0 0 IN IP4 127.0.0.1";  // o= line value
  std::string sessionName = "-";
  std::string timing = "0 0";
  std::vector<std::string> bundleMids;  // a=group:BUNDLE
  std::optional<std::string> iceUfrag;  // session-level defaults
  std::optional<std::string> icePwd;
  bool iceLite = false;
  std::optional<Fingerprint> fingerprint;
  std::optional<Setup> setup;
  bool extmapAllowMixed = false;
  std::vector<std::string> otherLines;  // session-level c=, b=, i=, u=, e=, p=, z=, k=
  std::vector<Attribute> otherAttributes;
  std::vector<MediaSection> media;
  bool operator==(const SessionDescription&) const = default;

  // The value that applies to a section: its own, else the session-level one.
  std::optional<std::string> iceUfragOf(const MediaSection& m) const { return m.iceUfrag ? m.iceUfrag : iceUfrag; }
  std::optional<std::string> icePwdOf(const MediaSection& m) const { return m.icePwd ? m.icePwd : icePwd; }
  std::optional<Fingerprint> fingerprintOf(const MediaSection& m) const {
    return m.fingerprint ? m.fingerprint : fingerprint;
  }
};

std::string_view toString(Direction direction);
std::string_view toString(Setup setup);

}  // namespace dienhong::media::sdp
