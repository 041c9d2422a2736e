#include "media/sdp/subscriber_offer.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace dienhong::media::sdp {
namespace {

Error badSlot(std::string message) { return Error{"invalid_argument", std::move(message)}; }
Error mismatch(std::string message) { return Error{"sdp_mismatch", std::move(message)}; }

constexpr std::string_view kProtocol = "UDP/TLS/RTP/SAVPF";

Codec asCodec(const NegotiatedCodec& n) { return Codec{n.payloadType, n.name, n.clockRate, n.channels, n.fmtp, {}}; }

// A free slot still needs a format (RFC 8866 §5.14): our first codec of the kind.
std::optional<NegotiatedCodec> placeholderCodec(const MediaCapabilities& caps, MediaKind kind) {
  for (const auto& cap : caps.codecs) {
    if (cap.kind != kind) continue;
    NegotiatedCodec n{cap.payloadType, cap.name, cap.clockRate, cap.channels, cap.fmtp, {}, std::nullopt};
    if (matchCodec(caps, kind, asCodec(n))) return n;
  }
  return std::nullopt;
}

std::string_view kindName(MediaKind kind) { return kind == MediaKind::Audio ? "audio" : "video"; }

Result<MediaSection> slotSection(const SubscriberOfferParams& params, const SubscriberSlot& slot) {
  const MediaCapabilities& caps = params.capabilities;
  MediaSection m;
  m.kind = slot.kind;
  m.kindName = std::string(kindName(slot.kind));
  m.protocol = std::string(kProtocol);
  m.mid = slot.mid;

  std::vector<NegotiatedCodec> codecs = slot.codecs;
  if (codecs.empty()) {  // a free slot: the codec it lists only keeps the line well-formed
    auto placeholder = placeholderCodec(caps, slot.kind);
    if (!placeholder) return badSlot(fmt::format("slot '{}': no codec of its kind", slot.mid));
    codecs.push_back(std::move(*placeholder));
  }
  const bool withRtx = slot.state == SlotState::Sending && slot.rtxSsrc.has_value();
  for (const auto& codec : codecs) {
    const auto pts = subscriberPayloadType(caps, slot.kind, codec);
    const auto match = matchCodec(caps, slot.kind, asCodec(codec));
    if (!pts || !match) return badSlot(fmt::format("slot '{}': codec {} is not ours to offer", slot.mid, codec.name));
    const CodecCapability& cap = *match->capability;
    m.codecs.push_back(Codec{pts->payloadType, cap.name, cap.clockRate, cap.channels,
                             cap.mirrorFmtp ? codec.fmtp : cap.fmtp, cap.feedback});
    if (cap.rtx && withRtx) {
      m.codecs.push_back(Codec{pts->rtxPayloadType, "rtx", cap.clockRate, 0, fmt::format("apt={}", pts->payloadType), {}});
    }
  }
  if (slot.state == SlotState::Stopped) {
    for (const auto& c : m.codecs) m.formats.push_back(std::to_string(c.payloadType));
    return rejectedSection(m);
  }
  for (const auto& c : m.codecs) m.formats.push_back(std::to_string(c.payloadType));
  for (const auto& e : caps.extensions) {
    if (e.kind == slot.kind && e.inSubscriberOffer) m.extmaps.push_back({e.id, std::nullopt, e.uri});
  }
  m.rtcpRsize = true;  // RFC 5506: the RTCP code reads reduced-size (non-compound) packets
  writeLocalTransport(m, params.transport, Setup::ActPass);  // RFC 8842 §5.2: offers say actpass

  if (slot.state == SlotState::Inactive) {
    m.direction = Direction::Inactive;
    return m;
  }
  m.direction = Direction::SendOnly;
  const std::string msid = fmt::format("{} {}", slot.streamId, slot.trackId);
  m.msid = msid;
  // a=ssrc lines (RFC 5576) let the browser bind the first packets before the mid extension is
  // learnt, and the FID group (RFC 4588 §8.5 / RFC 5576 §4.2) ties RTX to its stream.
  auto announce = [&](uint32_t ssrc) {
    m.ssrcs.push_back({ssrc, "cname", params.cname});
    m.ssrcs.push_back({ssrc, "msid", msid});
  };
  announce(slot.ssrc);
  if (withRtx) {
    announce(*slot.rtxSsrc);
    m.ssrcGroups.push_back({"FID", {slot.ssrc, *slot.rtxSsrc}});
  }
  return m;
}

Result<void> validateSlots(const SubscriberOfferParams& params) {
  for (size_t i = 0; i < params.slots.size(); ++i) {
    const auto& slot = params.slots[i];
    if (slot.mid.empty() || slot.mid.find(' ') != std::string::npos) return badSlot(fmt::format("slot {} has no valid mid", i));
    if (slot.kind != MediaKind::Audio && slot.kind != MediaKind::Video) return badSlot(fmt::format("slot '{}' is not audio or video", slot.mid));
    for (size_t j = 0; j < i; ++j) {
      if (params.slots[j].mid == slot.mid) return badSlot(fmt::format("mid '{}' is used twice", slot.mid));
    }
    if (slot.state != SlotState::Sending) continue;
    if (slot.ssrc == 0 || slot.streamId.empty() || slot.trackId.empty() || slot.codecs.empty()) {
      return badSlot(fmt::format("sending slot '{}' needs an SSRC, stream, track and codec", slot.mid));
    }
    if (slot.rtxSsrc && (slot.kind != MediaKind::Video || *slot.rtxSsrc == slot.ssrc)) {
      return badSlot(fmt::format("slot '{}': RTX SSRC only for video and distinct", slot.mid));
    }
  }
  return success();
}

std::optional<Setup> setupOf(const SessionDescription& d, const MediaSection& m) {
  return m.setup ? m.setup : d.setup;
}

}  // namespace

std::optional<SubscriberPayloadTypes> subscriberPayloadType(const MediaCapabilities& caps, MediaKind kind,
                                                            const NegotiatedCodec& codec) {
  const auto match = matchCodec(caps, kind, asCodec(codec));
  if (!match) return std::nullopt;
  const CodecCapability& cap = *match->capability;
  // Only H.264 has ranks (profile families); each takes the next pair of numbers.
  const auto offset = static_cast<uint8_t>(2 * match->rank);
  return SubscriberPayloadTypes{static_cast<uint8_t>(cap.payloadType + offset),
                                static_cast<uint8_t>(cap.rtxPayloadType + offset)};
}

Result<SessionDescription> buildSubscriberOffer(const SubscriberOfferParams& params) {
  if (auto valid = validate(params.transport); !valid) return valid.error();
  if (auto valid = validateSlots(params); !valid) return valid.error();
  SessionDescription d;
  d.origin = fmt::format("- {} {} IN IP4 0.0.0.0", params.sessionId, params.sessionVersion);
  d.iceLite = true;
  // Chromium reads "WMS" to know the offer carries a=msid (RFC 8830 §2 predecessor syntax).
  d.otherAttributes.push_back({"msid-semantic", " WMS *", true});
  for (const auto& slot : params.slots) {
    auto section = slotSection(params, slot);
    if (!section) return section.error();
    if (slot.state != SlotState::Stopped) d.bundleMids.push_back(slot.mid);
    d.media.push_back(std::move(section.value()));
  }
  return d;
}

Result<SubscriberAnswer> parseSubscriberAnswer(const SessionDescription& offer, const SessionDescription& answer) {
  if (answer.media.size() != offer.media.size()) {
    return mismatch(fmt::format("answer has {} m= lines, the offer {}", answer.media.size(), offer.media.size()));
  }
  SubscriberAnswer result;
  const MediaSection* tagged = nullptr;
  for (size_t i = 0; i < offer.media.size(); ++i) {
    const MediaSection& o = offer.media[i];
    const MediaSection& a = answer.media[i];
    if (a.mid != o.mid || a.kind != o.kind) {
      return mismatch(fmt::format("m= line {} is '{}' in the answer, '{}' in the offer", i + 1, a.mid.value_or(""),
                                  o.mid.value_or("")));
    }
    AcceptedSlot slot;
    slot.mid = o.mid.value_or("");
    if (o.port == 0) {  // RFC 3264 §6: what the offer rejected stays rejected
      if (a.port != 0) return mismatch(fmt::format("'{}' was offered with port 0 but answered live", slot.mid));
      result.slots.push_back(std::move(slot));
      continue;
    }
    if (a.port == 0) {  // the browser rejected it (e.g. no codec it decodes)
      result.slots.push_back(std::move(slot));
      continue;
    }
    for (const auto& format : a.formats) {
      if (std::find(o.formats.begin(), o.formats.end(), format) == o.formats.end()) {
        return mismatch(fmt::format("'{}' answers payload type {} that was not offered", slot.mid, format));
      }
      slot.payloadTypes.push_back(static_cast<uint8_t>(std::stoi(format)));
    }
    // JSEP §5.3.1 direction table: our sendonly → recvonly or inactive; our inactive → inactive.
    const Direction offered = o.direction.value_or(Direction::SendRecv);
    const Direction answered = a.direction.value_or(Direction::SendRecv);
    const bool allowed = answered == Direction::Inactive ||
                         (answered == Direction::RecvOnly && offered == Direction::SendOnly);
    if (!allowed) {
      return mismatch(fmt::format("'{}' answered {} to our {}", slot.mid, toString(answered), toString(offered)));
    }
    slot.receiving = answered == Direction::RecvOnly;
    for (const auto& e : a.extmaps) {
      const bool offeredToo = std::any_of(o.extmaps.begin(), o.extmaps.end(), [&](const Extmap& x) {
        return x.id == e.id && x.uri == e.uri;
      });
      if (!offeredToo) return mismatch(fmt::format("'{}' answers extension {} {} we did not offer", slot.mid, e.id, e.uri));
      if (e.uri == kMidUri) slot.extensions.mid = e.id;
      else if (e.uri == kTransportCcUri) slot.extensions.transportCc = e.id;
      else if (e.uri == kAbsSendTimeUri) slot.extensions.absSendTime = e.id;
      else if (e.uri == kAudioLevelUri) slot.extensions.audioLevel = e.id;
    }
    if (!a.mid || std::find(answer.bundleMids.begin(), answer.bundleMids.end(), *a.mid) == answer.bundleMids.end()) {
      return mismatch(fmt::format("'{}' is live but outside the answer's BUNDLE group", slot.mid));
    }
    if (tagged == nullptr && *a.mid == answer.bundleMids.front()) tagged = &a;
    result.slots.push_back(std::move(slot));
  }
  // The answer's BUNDLE tag (its group's first mid, RFC 8843 §7.3) carries the transport.
  if (tagged == nullptr) return mismatch("the answer accepts no m= section");

  // RFC 8842 §5.3: answering our actpass, the browser must take active (a missing attribute
  // means active, RFC 4145 §4); passive would make it the DTLS server too.
  const Setup setup = setupOf(answer, *tagged).value_or(Setup::Active);
  if (setup != Setup::Active) {
    return Error{"sdp_unsupported", fmt::format("answer has a=setup:{}; the browser must be DTLS client", toString(setup))};
  }
  const auto ufrag = answer.iceUfragOf(*tagged);
  const auto pwd = answer.icePwdOf(*tagged);
  const auto fingerprint = answer.fingerprintOf(*tagged);
  if (!ufrag || !pwd || ufrag->empty() || pwd->empty()) return Error{"sdp_unsupported", "answer has no ICE ufrag/pwd"};
  if (!fingerprint) return Error{"sdp_unsupported", "answer has no DTLS fingerprint"};
  result.remote = RemoteTransport{*ufrag, *pwd, *fingerprint};
  return result;
}

}  // namespace dienhong::media::sdp
