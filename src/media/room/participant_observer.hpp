// ParticipantObserver: how a media room talks back to one participant's signalling connection.
// The room calls it on its worker thread; an implementation only queues (the WebSocket peer's
// send is thread-safe) and never blocks. Plain values: the room knows nothing of JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/sdp/session_description.hpp"

namespace dienhong::media {

struct ParticipantInfo {
  std::string participantId;
  std::string displayName;
};

// One sending section of a subscriber offer: whose track the mid carries.
struct SubscribedTrack {
  std::string mid;
  std::string participantId;
  sdp::MediaKind kind = sdp::MediaKind::Audio;
};

class ParticipantObserver {
 public:
  virtual ~ParticipantObserver() = default;
  virtual void participantJoined(const ParticipantInfo& participant) = 0;
  virtual void participantLeft(std::string_view participantId) = 0;
  virtual void subscribeOffer(const std::string& sdp, uint64_t version, const std::vector<SubscribedTrack>& tracks) = 0;
  virtual void dominantSpeaker(const std::optional<std::string>& participantId) = 0;
  // The room let the participant go (grace period over, media failed, room closed).
  virtual void removed(std::string_view reason) = 0;
};

// What a subscriber shows: a subscriber-connection mid and its size in device pixels.
struct TileLayout {
  std::string mid;
  uint32_t width = 0;
  uint32_t height = 0;
};

}  // namespace dienhong::media
