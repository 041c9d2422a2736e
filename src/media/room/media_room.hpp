// MediaRoom: one meeting's media on one worker — its participants, each with a publish and a
// subscribe WebRtcTransport, the SDP negotiation of both connections, and the Router that
// forwards between them. Every method runs on the worker's thread (the media service posts to
// it); nothing here locks. Participants are addressed by their signalling id; the router by
// dense keys.
//
// Negotiation (docs/signaling.md):
//   publish: the browser offers → buildAnswer → tracks added to / removed from the router; the
//            others' subscriptions change.
//   subscribe: the room offers one section per remote track (SubscriberSlots), one offer in
//            flight at a time; changes made meanwhile go into the next offer. The answer turns
//            accepted sections into router consumers.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "media/room/participant_observer.hpp"
#include "media/room/worker_context.hpp"
#include "media/sfu/router.hpp"

namespace dienhong::media {

struct RoomParticipantStats {
  ParticipantStats router;
  WebRtcTransportStats publish;
  WebRtcTransportStats subscribe;
  TransportState publishState = TransportState::kNew;
  TransportState subscribeState = TransportState::kNew;
};

// Counters of one room for monitoring: the router's and the sum over its transports.
struct RoomSnapshot {
  std::string roomId;
  size_t participants = 0;
  RouterCounters router;
  WebRtcTransportStats transports;  // summed over every participant's two connections
  uint64_t stunRejected = 0;        // ICE checks refused (bad integrity, 400, 401, 420, 487)
};

class MediaRoom final : private RouterListener {
 public:
  using Clock = std::chrono::steady_clock;

  MediaRoom(std::string id, WorkerContext& context);
  ~MediaRoom() override;
  MediaRoom(const MediaRoom&) = delete;
  MediaRoom& operator=(const MediaRoom&) = delete;

  const std::string& id() const { return id_; }
  size_t participantCount() const { return participants_.size(); }

  // Errors: "room_full", "already_joined", "internal". No subscribe offer goes out before
  // startOffers(): the browser answers at once, and the answer must find the join complete at the
  // signalling side, which it is only once the joined reply has gone.
  Result<void> join(const ParticipantInfo& info, std::shared_ptr<ParticipantObserver> observer);
  // The signalling connection knows the participant is in: offers may flow. Error "not_joined".
  Result<void> startOffers(std::string_view participantId);
  // Lets the participant go; a non-empty reason (e.g. "removed") is told to its connection.
  void leave(std::string_view participantId, std::string_view reason);
  // The answer to the browser's publish offer; `sources` says what each mid carries (a mid not
  // listed: microphone for audio, camera for video). Errors: "invalid_sdp", "sdp_unsupported",
  // "not_joined".
  Result<std::string> publish(std::string_view participantId, std::string_view offerSdp,
                              std::span<const std::pair<std::string, TrackSource>> sources = {});
  // A chair muted, or stopped the camera or sharing of, the participant: that source's tracks,
  // including any published later, are not forwarded until unblocked. Error "not_joined".
  Result<void> setSourceBlocked(std::string_view participantId, TrackSource source, bool blocked);
  // Errors: "stale_answer", "invalid_sdp", "sdp_unsupported", "not_joined".
  Result<void> subscribeAnswer(std::string_view participantId, std::string_view answerSdp, uint64_t version);
  Result<void> setLayout(std::string_view participantId, std::span<const TileLayout> tiles);
  // New server credentials on the subscribe connection, sent in the next offer.
  Result<void> restartSubscriberIce(std::string_view participantId);
  bool contains(std::string_view participantId) const { return find(participantId) != nullptr; }
  // The signalling connection behind `observer` dropped: the media keeps running for the grace
  // period. Ignored when the participant has resumed on another connection meanwhile.
  void detach(std::string_view participantId, const ParticipantObserver* observer, Clock::time_point now);
  // A new signalling connection takes the participant over; a connection still attached is told
  // removed("resumed_elsewhere"). Error "resume_failed".
  Result<void> reattach(std::string_view participantId, std::shared_ptr<ParticipantObserver> observer);
  Result<RoomParticipantStats> stats(std::string_view participantId, Clock::time_point now) const;
  std::optional<std::string> dominantSpeaker() const { return dominant_; }
  RoomSnapshot snapshot() const;

  void onTimer(Clock::time_point now);
  // Lets every participant go (server shutdown).
  void close(std::string_view reason);

 private:
  struct Participant;
  class Connection;

  Participant* find(std::string_view participantId);
  const Participant* find(std::string_view participantId) const;
  Participant* find(ParticipantKey key);
  Result<std::unique_ptr<WebRtcTransport>> makeTransport(Connection& connection);
  sdp::LocalTransport localTransport(const WebRtcTransport& transport) const;
  void tracksChanged(ParticipantKey except);
  void refreshSubscription(Participant& participant);
  void sendOfferIfDue(Participant& participant);
  Result<void> applyRemoteTransport(WebRtcTransport& transport, bool& remoteSet, std::string& remoteUfrag,
                                    std::string& remoteFingerprint, const sdp::RemoteTransport& remote);
  void applyTiles(Participant& participant);
  void remove(std::map<ParticipantKey, std::unique_ptr<Participant>>::iterator it, std::string_view reason);
  void onDominantSpeaker(std::optional<ParticipantKey> speaker) override;
  void onConnectionFailed(Connection& connection, std::string_view reason);

  std::string id_;
  WorkerContext& context_;
  Router router_;
  std::map<ParticipantKey, std::unique_ptr<Participant>> participants_;
  ParticipantKey nextKey_ = 1;
  std::optional<std::string> dominant_;
  std::mt19937_64 random_;
};

}  // namespace dienhong::media
