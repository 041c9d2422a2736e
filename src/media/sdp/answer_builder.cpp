#include "media/sdp/answer_builder.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace dienhong::media::sdp {
namespace {

Error unsupported(std::string message) { return Error{"sdp_unsupported", std::move(message)}; }
Error invalid(std::string message) { return Error{"invalid_sdp", std::move(message)}; }

// JSEP §5.1.2 / §5.1.3: the RTP profiles a WebRTC answerer must accept. SCTP (data channels) is
// not served yet, and anything else is not WebRTC.
bool isRtpProtocol(std::string_view protocol) {
  return protocol == "UDP/TLS/RTP/SAVPF" || protocol == "TCP/TLS/RTP/SAVPF";
}

bool hasAttribute(const MediaSection& m, std::string_view name) {
  return std::any_of(m.otherAttributes.begin(), m.otherAttributes.end(),
                     [&](const Attribute& a) { return a.name == name; });
}

// RFC 8866 §6.15 lets static payload types (RFC 3551) go without a=rtpmap; only the G.711 ones
// matter to us.
std::optional<Codec> codecOfFormat(const MediaSection& m, std::string_view format) {
  uint8_t pt = 0;
  const auto [end, ec] = std::from_chars(format.data(), format.data() + format.size(), pt);
  if (ec != std::errc() || end != format.data() + format.size() || pt > 127) return std::nullopt;
  if (const Codec* c = m.codec(pt); c != nullptr && !c->name.empty()) return *c;
  if (pt == 0) return Codec{0, "PCMU", 8000, 1, "", {}};
  if (pt == 8) return Codec{8, "PCMA", 8000, 1, "", {}};
  return std::nullopt;
}

struct ChosenCodecs {
  std::vector<Codec> answer;  // what the answer writes, rtx after its codec
  std::vector<NegotiatedCodec> negotiated;
};

// JSEP §5.3.1: the answer lists a subset of the offer's codecs with the offer's payload types,
// in the answerer's preference order. Of several offered variants of one codec (Chromium offers
// H.264 in six profile/mode combinations) one is kept, so that every publisher of a given codec
// sends something each subscriber decodes.
ChosenCodecs chooseCodecs(const MediaSection& offer, const MediaCapabilities& caps) {
  std::vector<Codec> offered;
  for (const auto& format : offer.formats) {
    if (auto codec = codecOfFormat(offer, format)) offered.push_back(std::move(*codec));
  }
  ChosenCodecs chosen;
  for (const auto& cap : caps.codecs) {
    if (cap.kind != offer.kind) continue;
    const Codec* best = nullptr;
    int bestRank = 0;
    for (const auto& codec : offered) {
      const auto match = matchCodec(caps, offer.kind, codec);
      if (!match || match->capability != &cap) continue;
      if (best == nullptr || match->rank < bestRank) {
        best = &codec;
        bestRank = match->rank;
      }
    }
    if (best == nullptr) continue;

    Codec answered{best->payloadType, best->name, best->clockRate, best->channels,
                   cap.mirrorFmtp ? best->fmtp : cap.fmtp, {}};
    for (const auto& fb : cap.feedback) {
      if (std::find(best->feedback.begin(), best->feedback.end(), fb) != best->feedback.end()) {
        answered.feedback.push_back(fb);
      }
    }
    NegotiatedCodec negotiated{answered.payloadType, answered.name, answered.clockRate, answered.channels,
                               answered.fmtp, answered.feedback, std::nullopt};
    chosen.answer.push_back(answered);
    if (cap.rtx) {
      // RFC 4588 §8.6: the RTX format is bound to its codec by apt; the clock rate must match.
      const std::string apt = std::to_string(best->payloadType);
      for (const auto& codec : offered) {
        if (equalsIgnoreCase(codec.name, "rtx") && codec.clockRate == best->clockRate &&
            fmtpParameter(codec.fmtp, "apt") == std::string_view(apt)) {
          chosen.answer.push_back(Codec{codec.payloadType, codec.name, codec.clockRate, 0, codec.fmtp, {}});
          negotiated.rtxPayloadType = codec.payloadType;
          break;
        }
      }
    }
    chosen.negotiated.push_back(std::move(negotiated));
  }
  return chosen;
}

// RFC 8285 §6: an answer keeps the offer's id and may narrow the direction. We only receive on
// this connection, so an extension the browser would only receive is of no use.
void chooseExtensions(const MediaSection& offer, const MediaCapabilities& caps, MediaSection& answer,
                      NegotiatedExtensions& ids) {
  for (const auto& e : offer.extmaps) {
    if (caps.extension(offer.kind, e.uri) == nullptr) continue;
    if (std::any_of(answer.extmaps.begin(), answer.extmaps.end(), [&](const Extmap& x) { return x.uri == e.uri; })) {
      continue;
    }
    std::optional<Direction> direction;
    if (e.direction) {
      if (*e.direction == Direction::RecvOnly || *e.direction == Direction::Inactive) continue;
      if (*e.direction == Direction::SendOnly) direction = Direction::RecvOnly;
    }
    answer.extmaps.push_back({e.id, direction, e.uri});
    if (e.uri == kMidUri) ids.mid = e.id;
    else if (e.uri == kRidUri) ids.rid = e.id;
    else if (e.uri == kRepairedRidUri) ids.repairedRid = e.id;
    else if (e.uri == kTransportCcUri) ids.transportCc = e.id;
    else if (e.uri == kAudioLevelUri) ids.audioLevel = e.id;
    else if (e.uri == kAbsSendTimeUri) ids.absSendTime = e.id;
  }
}

// RFC 8853 §5.3: the answer's a=simulcast:recv lists the offered send streams it accepts, each
// with a=rid recv (RFC 8851 §4). Of a stream's alternatives the first with an a=rid send line is
// kept. The "~" markers are dropped: the SFU is ready for every layer, and a paused layer is the
// sender's decision (it unpauses without renegotiating); the router learns from pausedInOffer.
// Without the rid header extension packets could not be told apart, so simulcast is not answered
// and the browser falls back to one stream (RFC 8853 §5.3).
void chooseSimulcast(const MediaSection& offer, MediaSection& answer, NegotiatedMedia& negotiated) {
  if (!offer.simulcast || offer.simulcast->send.empty() || negotiated.extensions.rid == 0) return;
  Simulcast simulcast;
  for (const auto& stream : offer.simulcast->send) {
    for (const auto& alternative : stream) {
      const bool paused = !alternative.empty() && alternative.front() == '~';
      const std::string id = paused ? alternative.substr(1) : alternative;
      const auto rid = std::find_if(offer.rids.begin(), offer.rids.end(), [&](const Rid& r) {
        return r.id == id && r.direction == Direction::SendOnly;
      });
      const bool seen = std::any_of(negotiated.simulcast.begin(), negotiated.simulcast.end(),
                                    [&](const SimulcastLayer& l) { return l.rid == id; });
      if (rid == offer.rids.end() || seen) continue;
      negotiated.simulcast.push_back({id, paused, rid->params});
      answer.rids.push_back({id, Direction::RecvOnly, ""});
      simulcast.recv.push_back({id});
      break;
    }
  }
  if (!simulcast.recv.empty()) answer.simulcast = std::move(simulcast);
}

void collectSsrcs(const MediaSection& offer, NegotiatedMedia& negotiated) {
  for (const auto& s : offer.ssrcs) {
    if (std::find(negotiated.ssrcs.begin(), negotiated.ssrcs.end(), s.ssrc) == negotiated.ssrcs.end()) {
      negotiated.ssrcs.push_back(s.ssrc);
    }
    if (s.attribute == "cname" && negotiated.cname.empty()) negotiated.cname = s.value;
    // Older offers carry the msid only per SSRC (RFC 5576 §4.1 source-level attribute).
    if (s.attribute == "msid" && !negotiated.msid) negotiated.msid = s.value;
  }
  negotiated.ssrcGroups = offer.ssrcGroups;
  if (offer.msid) negotiated.msid = offer.msid;
}

bool isKnownHash(std::string_view algorithm) {
  for (std::string_view known : {"sha-1", "sha-224", "sha-256", "sha-384", "sha-512"}) {
    if (equalsIgnoreCase(algorithm, known)) return true;
  }
  return false;
}

Result<RemoteTransport> remoteTransport(const SessionDescription& offer, const MediaSection& tagged) {
  const auto ufrag = offer.iceUfragOf(tagged);
  const auto pwd = offer.icePwdOf(tagged);
  const auto fingerprint = offer.fingerprintOf(tagged);
  const std::string mid = *tagged.mid;
  if (!ufrag || !pwd || ufrag->empty() || pwd->empty()) {
    return unsupported(fmt::format("m-section '{}' has no ICE ufrag/pwd", mid));
  }
  if (!fingerprint) return unsupported(fmt::format("m-section '{}' has no DTLS fingerprint", mid));
  if (!isKnownHash(fingerprint->algorithm)) {
    return unsupported(fmt::format("fingerprint hash '{}' is not supported", fingerprint->algorithm));
  }
  // RFC 8842 §5.3: the offerer says actpass (or active); we must be the DTLS server, so an
  // offer that insists on being passive cannot be answered. Absent means active (RFC 4145 §4).
  const Setup setup = tagged.setup ? *tagged.setup : offer.setup.value_or(Setup::Active);
  if (setup == Setup::Passive || setup == Setup::HoldConn) {
    return unsupported(fmt::format("offer has a=setup:{}; the SFU is always the DTLS server", toString(setup)));
  }
  return RemoteTransport{*ufrag, *pwd, *fingerprint};
}

// Why a section is rejected, or empty when it can be answered (before codecs are looked at).
std::string rejectionReason(const SessionDescription& offer, const MediaSection& m) {
  if (m.port == 0 && !hasAttribute(m, "bundle-only")) return "rejected by the offerer";
  if (std::find(offer.bundleMids.begin(), offer.bundleMids.end(), *m.mid) == offer.bundleMids.end()) {
    return "outside the BUNDLE group";
  }
  if (m.kind != MediaKind::Audio && m.kind != MediaKind::Video) return "kind not served";
  if (!isRtpProtocol(m.protocol)) return "protocol not served";
  return {};
}

}  // namespace

Result<Answer> buildAnswer(const SessionDescription& offer, const AnswerParams& params) {
  if (auto valid = validate(params.transport); !valid) return valid.error();
  if (offer.media.empty()) return unsupported("offer has no m= sections");
  // Two ICE-lite agents never send a check to each other (RFC 8445 §2.5).
  if (offer.iceLite) return unsupported("offer is ice-lite; the SFU is ice-lite too");

  // JSEP §5.2.1 gives every section a mid; RFC 8843 §9.2 needs them to demultiplex.
  for (size_t i = 0; i < offer.media.size(); ++i) {
    const auto& m = offer.media[i];
    if (!m.mid) return unsupported(fmt::format("m= line {} has no a=mid", i + 1));
    for (size_t j = 0; j < i; ++j) {
      if (offer.media[j].mid == m.mid) return invalid(fmt::format("mid '{}' is used twice", *m.mid));
    }
  }
  // One ICE/DTLS transport per connection: the SFU does not run a transport per m= section.
  if (offer.bundleMids.empty()) return unsupported("offer has no a=group:BUNDLE");
  const MediaSection* tagged = nullptr;
  for (const auto& mid : offer.bundleMids) {
    const auto it = std::find_if(offer.media.begin(), offer.media.end(), [&](const MediaSection& m) { return m.mid == mid; });
    if (it == offer.media.end()) return invalid(fmt::format("BUNDLE names mid '{}' that no m= line has", mid));
    if (tagged == nullptr) tagged = &*it;
  }
  // RFC 8843 §7.2: the first mid of the group is the offerer's BUNDLE tag, whose section carries
  // the transport everybody in the group shares.
  auto remote = remoteTransport(offer, *tagged);
  if (!remote) return remote.error();

  Answer answer;
  answer.remote = std::move(remote.value());
  SessionDescription& d = answer.description;
  d.origin = fmt::format("- {} {} IN IP4 0.0.0.0", params.sessionId, params.sessionVersion);
  d.iceLite = true;  // RFC 8839 §5.3: session level only
  // RFC 8285 §6: mirrored; the RTP code reads two-byte headers as well as one-byte ones.
  d.extmapAllowMixed = offer.extmapAllowMixed;

  for (size_t index = 0; index < offer.media.size(); ++index) {
    const MediaSection& o = offer.media[index];
    if (!rejectionReason(offer, o).empty()) {
      d.media.push_back(rejectedSection(o));
      continue;
    }
    // RFC 8843 §9.3 and JSEP §5.1.3 make rtcp-mux mandatory with BUNDLE; browsers always offer it.
    if (!o.rtcpMux) return unsupported(fmt::format("m-section '{}' does not offer rtcp-mux", *o.mid));
    ChosenCodecs codecs = chooseCodecs(o, params.capabilities);
    if (codecs.negotiated.empty()) {  // no common codec: reject this line, not the offer
      d.media.push_back(rejectedSection(o));
      continue;
    }

    MediaSection a;
    a.kind = o.kind;
    a.kindName = o.kindName;
    a.protocol = o.protocol;
    for (const auto& c : codecs.answer) a.formats.push_back(std::to_string(c.payloadType));
    a.codecs = std::move(codecs.answer);
    a.mid = o.mid;
    // JSEP §5.3.1 direction table, with the SFU never sending on a publisher connection.
    const Direction offered = o.direction.value_or(Direction::SendRecv);
    a.direction = offered == Direction::SendOnly || offered == Direction::SendRecv ? Direction::RecvOnly
                                                                                   : Direction::Inactive;
    a.rtcpRsize = o.rtcpRsize;  // RFC 5506 §5: answered only if offered
    writeLocalTransport(a, params.transport, Setup::Passive);

    NegotiatedMedia n;
    n.mid = *o.mid;
    n.kind = o.kind;
    n.mlineIndex = index;
    n.direction = *a.direction;
    n.codecs = std::move(codecs.negotiated);
    n.rtcpRsize = a.rtcpRsize;
    chooseExtensions(o, params.capabilities, a, n.extensions);
    if (o.kind == MediaKind::Video) chooseSimulcast(o, a, n);
    collectSsrcs(o, n);

    d.bundleMids.push_back(*a.mid);
    d.media.push_back(std::move(a));
    answer.media.push_back(std::move(n));
  }
  // The answer's group lists the accepted mids in m= line order; its first is our tag. When the
  // offerer's tagged section is itself rejected, RFC 8843 §7.3.3 is stricter than browsers are —
  // libwebrtc and Firefox take the answer's first mid as the new tag — so we keep the rest.
  return answer;
}

}  // namespace dienhong::media::sdp
