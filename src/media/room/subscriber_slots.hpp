// SubscriberSlots: which remote track each m= section of one subscriber connection carries.
// Sections are never removed (JSEP §5.2.2): a track that leaves turns its slot inactive, and the
// next track of the same kind takes the slot over with the same mid, so a long meeting with
// people coming and going keeps as many sections as it ever had tracks at once. Pure logic: the
// room turns the slots into an offer (buildSubscriberOffer) and consumers (Router).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "media/room/participant_observer.hpp"
#include "media/sdp/negotiated_media.hpp"
#include "media/sdp/subscriber_offer.hpp"
#include "media/sfu/router.hpp"

namespace dienhong::media {

// A track the subscriber should receive.
struct ForwardableTrack {
  TrackKey track = 0;
  std::string participantId;  // the publisher; also the msid stream id
  sdp::MediaKind kind = sdp::MediaKind::Audio;
  std::vector<sdp::NegotiatedCodec> codecs;  // the publisher's, as negotiated
  TrackSource source = TrackSource::Microphone;
};

struct SubscriberSlotState {
  sdp::SubscriberSlot sdp;
  std::optional<TrackKey> track;  // set while Sending
  std::string participantId;
  TrackSource source = TrackSource::Microphone;
  std::optional<ConsumerKey> consumer;  // set once the browser accepted the section
};

class SubscriberSlots {
 public:
  using SsrcGenerator = std::function<uint32_t()>;
  explicit SubscriberSlots(SsrcGenerator ssrcs) : ssrcs_(std::move(ssrcs)) {}

  // Makes the slots carry exactly `wanted`: slots of tracks no longer wanted become inactive
  // (their consumers are returned through `released`), new tracks take an inactive slot of their
  // kind or a new one. True when anything changed.
  bool update(std::span<const ForwardableTrack> wanted, std::vector<ConsumerKey>& released);

  std::vector<sdp::SubscriberSlot> offerSlots() const;
  std::vector<SubscriberSlotState>& slots() { return slots_; }
  const std::vector<SubscriberSlotState>& slots() const { return slots_; }
  SubscriberSlotState* byMid(std::string_view mid);

 private:
  uint32_t freshSsrc();

  SsrcGenerator ssrcs_;
  std::vector<SubscriberSlotState> slots_;
};

}  // namespace dienhong::media
