// Subscriber-connection offer and the validation of the browser's answer: the SFU offers one
// sendonly m= section per forwarded track and renegotiates as tracks come and go.
// RFC 8829 (JSEP) §5.2.1 initial offer, §5.2.2 subsequent offers (m= sections are never removed;
// a stopped one is recycled in place), §5.3.1 / §5.10 applying the answer; RFC 8843 (BUNDLE),
// RFC 8830 (msid), RFC 5576 (ssrc, ssrc-group FID), RFC 4588 (RTX), RFC 8842 (setup:actpass),
// RFC 8839 (ICE-lite), RFC 8285 (extmap with our own ids).
//
// Slot life cycle, chosen for how browsers behave:
//   Sending  — a track is forwarded: sendonly, a=msid, a=ssrc lines.
//   Inactive — the track left: same mid, a=inactive, no msid/ssrc, still bundled. A later track
//              of the same kind reuses the slot with the same mid (a direction change on the same
//              transceiver, JSEP §5.2.2; Chromium, Firefox and Safari fire 'track' again). This
//              is the normal way a slot is freed: nothing is torn down in the browser.
//   Stopped  — port 0 (JSEP §5.2.2, a stopped transceiver). Per JSEP §5.2.2 a recycled port-0
//              section gets a NEW mid at the same index, of any kind: the caller gives the new
//              slot a fresh mid there. Used when slots of one kind pile up unused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "media/sdp/local_transport.hpp"
#include "media/sdp/media_capabilities.hpp"
#include "media/sdp/negotiated_media.hpp"
#include "media/sdp/session_description.hpp"

namespace dienhong::media::sdp {

enum class SlotState { Sending, Inactive, Stopped };

struct SubscriberSlot {
  std::string mid;
  MediaKind kind = MediaKind::Audio;
  SlotState state = SlotState::Sending;
  std::string streamId;  // a=msid:<streamId> <trackId> (RFC 8830 §2)
  std::string trackId;
  uint32_t ssrc = 0;                // the SSRC the SFU sends this track with
  std::optional<uint32_t> rtxSsrc;  // video: RTX is offered only with an RTX SSRC
  // From the publisher's NegotiatedMedia; payload types are renumbered to our fixed table (see
  // subscriberPayloadType). Empty for a free slot: our first codec of the kind is offered.
  std::vector<NegotiatedCodec> codecs;
};

struct SubscriberOfferParams {
  LocalTransport transport;
  MediaCapabilities capabilities = MediaCapabilities::defaults();
  uint64_t sessionId = 1;
  uint64_t sessionVersion = 1;  // RFC 3264 §8: +1 for every new offer in the session
  std::string cname;            // RTCP CNAME of the SFU's streams toward this subscriber
  std::vector<SubscriberSlot> slots;  // index = m= line index, stable for the session
};

// Payload types on a subscriber connection come from our table, not from the publisher: every
// section shares one BUNDLE transport, and RFC 8843 §9.1.2 forbids one payload type meaning two
// codec configurations there (one publisher's VP8 is 96, another's 120). H.264 takes one pair per
// profile family: 102/103 constrained baseline, 104/105 baseline, 106/107 main. The router
// rewrites the payload type when forwarding.
struct SubscriberPayloadTypes {
  uint8_t payloadType = 0;
  uint8_t rtxPayloadType = 0;
};
std::optional<SubscriberPayloadTypes> subscriberPayloadType(const MediaCapabilities& capabilities, MediaKind kind,
                                                            const NegotiatedCodec& codec);

// "invalid_argument" for slots that cannot be written (duplicate or empty mid, a sending slot
// without SSRC, track or a codec we have no payload type for).
Result<SessionDescription> buildSubscriberOffer(const SubscriberOfferParams& params);

struct AcceptedSlot {
  std::string mid;
  bool receiving = false;             // the browser answered recvonly to our sendonly
  std::vector<uint8_t> payloadTypes;  // of ours, as the browser kept them, its preference first
  NegotiatedExtensions extensions;    // our ids the browser kept
};

struct SubscriberAnswer {
  RemoteTransport remote;
  std::vector<AcceptedSlot> slots;  // one per m= line of the offer
};

// Checks the browser's answer against our offer (JSEP §5.10): same m= lines and mids in the same
// order, only offered payload types, a direction our sendonly allows, a=setup:active (the SFU is
// the DTLS server), ICE credentials and a fingerprint. A section the browser rejected (port 0)
// is reported as not receiving, not as an error. Error codes: "sdp_mismatch" (the answer does
// not fit the offer), "sdp_unsupported" (setup other than active, missing credentials).
Result<SubscriberAnswer> parseSubscriberAnswer(const SessionDescription& offer, const SessionDescription& answer);

}  // namespace dienhong::media::sdp
