#include "media/room/subscriber_slots.hpp"

#include <algorithm>

namespace dienhong::media {

uint32_t SubscriberSlots::freshSsrc() {
  for (;;) {
    const uint32_t ssrc = ssrcs_();
    if (ssrc == 0) continue;
    const bool taken = std::any_of(slots_.begin(), slots_.end(), [ssrc](const SubscriberSlotState& s) {
      return s.sdp.ssrc == ssrc || s.sdp.rtxSsrc == ssrc;
    });
    if (!taken) return ssrc;
  }
}

bool SubscriberSlots::update(std::span<const ForwardableTrack> wanted, std::vector<ConsumerKey>& released) {
  bool changed = false;
  for (auto& slot : slots_) {
    if (!slot.track) continue;
    const bool stillWanted = std::any_of(wanted.begin(), wanted.end(),
                                         [&](const ForwardableTrack& t) { return t.track == *slot.track; });
    if (stillWanted) continue;
    if (slot.consumer) released.push_back(*slot.consumer);
    slot.track.reset();
    slot.consumer.reset();
    slot.participantId.clear();
    slot.sdp.state = sdp::SlotState::Inactive;
    slot.sdp.streamId.clear();
    slot.sdp.trackId.clear();
    slot.sdp.codecs.clear();
    changed = true;
  }
  for (const auto& track : wanted) {
    const bool present = std::any_of(slots_.begin(), slots_.end(),
                                     [&](const SubscriberSlotState& s) { return s.track == track.track; });
    if (present) continue;
    auto free = std::find_if(slots_.begin(), slots_.end(), [&](const SubscriberSlotState& s) {
      return !s.track && s.sdp.kind == track.kind && s.sdp.state != sdp::SlotState::Stopped;
    });
    if (free == slots_.end()) {
      SubscriberSlotState slot;
      slot.sdp.mid = std::to_string(slots_.size());
      slot.sdp.kind = track.kind;
      slots_.push_back(std::move(slot));
      free = slots_.end() - 1;
    }
    free->track = track.track;
    free->participantId = track.participantId;
    free->source = track.source;
    free->consumer.reset();
    // A reused slot gets new SSRCs: the browser must not mix the old track's state into the new.
    free->sdp.ssrc = freshSsrc();
    free->sdp.rtxSsrc = track.kind == sdp::MediaKind::Video ? std::optional<uint32_t>(freshSsrc()) : std::nullopt;
    free->sdp.state = sdp::SlotState::Sending;
    free->sdp.streamId = track.participantId;
    free->sdp.trackId = track.participantId + "-" + std::to_string(track.track);
    free->sdp.codecs = track.codecs;
    changed = true;
  }
  return changed;
}

std::vector<sdp::SubscriberSlot> SubscriberSlots::offerSlots() const {
  std::vector<sdp::SubscriberSlot> out;
  out.reserve(slots_.size());
  for (const auto& slot : slots_) out.push_back(slot.sdp);
  return out;
}

SubscriberSlotState* SubscriberSlots::byMid(std::string_view mid) {
  for (auto& slot : slots_) {
    if (slot.sdp.mid == mid) return &slot;
  }
  return nullptr;
}

}  // namespace dienhong::media
