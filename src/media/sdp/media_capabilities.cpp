#include "media/sdp/media_capabilities.hpp"

#include <charconv>

namespace dienhong::media::sdp {
namespace {

const std::vector<std::string> kVideoFeedback = {"goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"};

}  // namespace

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

MediaCapabilities MediaCapabilities::defaults(bool acceptG711) {
  MediaCapabilities caps;
  // Payload type numbers follow Chromium's, so that a subscriber's answer reads like its own.
  caps.codecs.push_back({MediaKind::Audio, "opus", 48000, 2, "minptime=10;useinbandfec=1", false,
                         {"transport-cc"}, false, 111, 0});
  if (acceptG711) {
    caps.codecs.push_back({MediaKind::Audio, "PCMU", 8000, 0, "", false, {}, false, 0, 0});
    caps.codecs.push_back({MediaKind::Audio, "PCMA", 8000, 0, "", false, {}, false, 8, 0});
  }
  caps.codecs.push_back({MediaKind::Video, "VP8", 90000, 0, "", false, kVideoFeedback, true, 96, 97});
  caps.codecs.push_back({MediaKind::Video, "H264", 90000, 0, "", true, kVideoFeedback, true, 102, 103});
  caps.codecs.push_back({MediaKind::Video, "VP9", 90000, 0, "", true, kVideoFeedback, true, 98, 99});

  // Our own ids stay within 1–14 so that one-byte headers (RFC 8285 §4.2) always suffice.
  caps.extensions = {
      {MediaKind::Audio, std::string(kMidUri), 1, true},
      {MediaKind::Audio, std::string(kAbsSendTimeUri), 2, true},
      {MediaKind::Audio, std::string(kTransportCcUri), 3, true},
      {MediaKind::Audio, std::string(kAudioLevelUri), 4, true},
      {MediaKind::Video, std::string(kMidUri), 1, true},
      {MediaKind::Video, std::string(kAbsSendTimeUri), 2, true},
      {MediaKind::Video, std::string(kTransportCcUri), 3, true},
      {MediaKind::Video, std::string(kRidUri), 10, false},
      {MediaKind::Video, std::string(kRepairedRidUri), 11, false},
  };
  return caps;
}

const ExtensionCapability* MediaCapabilities::extension(MediaKind kind, std::string_view uri) const {
  for (const auto& e : extensions) {
    if (e.kind == kind && e.uri == uri) return &e;
  }
  return nullptr;
}

std::optional<std::string_view> fmtpParameter(std::string_view fmtp, std::string_view key) {
  size_t pos = 0;
  while (pos <= fmtp.size()) {
    const size_t end = std::min(fmtp.find(';', pos), fmtp.size());
    std::string_view item = fmtp.substr(pos, end - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    const size_t eq = item.find('=');
    if (eq != std::string_view::npos && equalsIgnoreCase(item.substr(0, eq), key)) return item.substr(eq + 1);
    pos = end + 1;
  }
  return std::nullopt;
}

H264Profile h264Profile(std::string_view fmtp) {
  // RFC 6184 §8.1: without profile-level-id the stream is Baseline, level 1.0 ("42000a").
  const std::string_view id = fmtpParameter(fmtp, "profile-level-id").value_or("42000a");
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value, 16);
  if (id.size() != 6 || ec != std::errc() || end != id.data() + id.size()) return H264Profile::Other;
  const unsigned profileIdc = value >> 16;
  const unsigned iop = (value >> 8) & 0xff;
  // Constraint flags as libwebrtc's table reads them: a Main or Extended stream whose flags
  // promise constrained-baseline conformance can be decoded as constrained baseline.
  if (profileIdc == 0x42) return (iop & 0x40) != 0 ? H264Profile::ConstrainedBaseline : H264Profile::Baseline;
  if (profileIdc == 0x4d) return (iop & 0x80) != 0 ? H264Profile::ConstrainedBaseline : H264Profile::Main;
  if (profileIdc == 0x58 && (iop & 0xc0) == 0xc0) return H264Profile::ConstrainedBaseline;
  return H264Profile::Other;
}

std::optional<CodecMatch> matchCodec(const MediaCapabilities& capabilities, MediaKind kind, const Codec& offered) {
  for (const auto& cap : capabilities.codecs) {
    if (cap.kind != kind || !equalsIgnoreCase(cap.name, offered.name) || cap.clockRate != offered.clockRate) continue;
    // RFC 7587 §7: Opus is always signalled as /2; G.711 is mono (channels absent or 1).
    const uint32_t offeredChannels = offered.channels == 0 ? 1 : offered.channels;
    const uint32_t wantedChannels = cap.channels == 0 ? 1 : cap.channels;
    if (offeredChannels != wantedChannels) continue;
    if (equalsIgnoreCase(cap.name, "H264")) {
      // Mode 0 (single NAL unit) cannot carry a 1200-byte-MTU keyframe without FU-A; we forward
      // FU-A and STAP-A only (RFC 6184 §6.3).
      if (fmtpParameter(offered.fmtp, "packetization-mode").value_or("0") != "1") continue;
      const H264Profile profile = h264Profile(offered.fmtp);
      if (profile == H264Profile::Other) continue;
      return CodecMatch{&cap, static_cast<int>(profile)};
    }
    if (equalsIgnoreCase(cap.name, "VP9") && fmtpParameter(offered.fmtp, "profile-id").value_or("0") != "0") continue;
    return CodecMatch{&cap, 0};
  }
  return std::nullopt;
}

}  // namespace dienhong::media::sdp
