// ParticipantObserver: how a media room talks back to one participant's signalling connection.
// Who is in the meeting (the roster) is the meeting layer's business, not the media room's.
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

// What a published track carries, as the publisher declared it (docs/signaling.md `publish`).
enum class TrackSource : uint8_t { Microphone, Camera, Screen };
inline constexpr size_t kTrackSourceCount = 3;
inline std::string_view toString(TrackSource source) {
  return source == TrackSource::Microphone ? "microphone" : source == TrackSource::Camera ? "camera" : "screen";
}
inline std::optional<TrackSource> trackSourceFromString(std::string_view text) {
  if (text == "microphone") return TrackSource::Microphone;
  if (text == "camera") return TrackSource::Camera;
  if (text == "screen") return TrackSource::Screen;
  return std::nullopt;
}

// One sending section of a subscriber offer: whose track the mid carries.
struct SubscribedTrack {
  std::string mid;
  std::string participantId;
  sdp::MediaKind kind = sdp::MediaKind::Audio;
  TrackSource source = TrackSource::Microphone;
};

class ParticipantObserver {
 public:
  virtual ~ParticipantObserver() = default;
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
