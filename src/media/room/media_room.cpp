#include "media/room/media_room.hpp"

#include <algorithm>

#include "common/logging.hpp"
#include "media/room/subscriber_slots.hpp"
#include "media/sdp/answer_builder.hpp"
#include "media/sdp/sdp_parser.hpp"
#include "media/sdp/sdp_writer.hpp"
#include "media/sdp/subscriber_offer.hpp"

namespace dienhong::media {
namespace {

using logging::Category;

// Before the first layout message, every video is a thumbnail.
// As the signalling's own bound on an SDP (signaling::kMaxSdpBytes).
constexpr size_t kMaxSubscriberAnswerBytes = 1024 * 1024;
constexpr uint32_t kDefaultTileWidth = 320;
constexpr uint32_t kDefaultTileHeight = 180;

Error sdpError(const Error& error) {
  // The SDP layer's codes, in the protocol's terms; messages name the offending line, not state.
  if (error.code == "sdp_unsupported") return Error{"sdp_unsupported", error.message};
  if (error.code == "invalid_argument") return Error{"internal", "the session could not be described"};
  return Error{"invalid_sdp", error.message};
}

}  // namespace

// One of a participant's two peer connections: the transport and what the browser told us.
class MediaRoom::Connection final : public WebRtcTransportListener {
 public:
  Connection(MediaRoom& room, ParticipantKey key, bool publish, uint64_t session)
      : sessionId(session), room_(room), key_(key), publish_(publish) {}

  void onConnected(WebRtcTransport&) override {
    logging::logger(Category::System)
        .info("msg=media_connected room={} participant={} connection={}", room_.id_, key_, name());
  }
  void onFailed(WebRtcTransport&, std::string_view reason) override { room_.onConnectionFailed(*this, reason); }
  void onRtp(WebRtcTransport&, std::span<uint8_t> packet, Clock::time_point now) override {
    if (publish_) room_.router_.onPublisherRtp(key_, packet, now);
  }
  void onRtcp(WebRtcTransport&, std::span<uint8_t> packet, Clock::time_point now) override {
    if (publish_) {
      room_.router_.onPublisherRtcp(key_, packet, now);
    } else {
      room_.router_.onSubscriberRtcp(key_, packet, now);
    }
  }

  const char* name() const { return publish_ ? "publish" : "subscribe"; }
  ParticipantKey key() const { return key_; }

  std::unique_ptr<WebRtcTransport> transport;
  bool remoteSet = false;
  std::string remoteUfrag;
  std::string remoteFingerprint;
  uint64_t sessionId;
  uint64_t sessionVersion = 0;
  std::optional<std::string> failure;  // set by onFailed; the room removes the participant

 private:
  MediaRoom& room_;
  ParticipantKey key_;
  bool publish_;
};

struct MediaRoom::Participant {
  struct PublishedTrack {
    TrackKey track;
    sdp::NegotiatedMedia media;
    TrackSource source = TrackSource::Microphone;
  };

  Participant(ParticipantKey k, ParticipantInfo i, std::shared_ptr<ParticipantObserver> o,
              SubscriberSlots::SsrcGenerator ssrcs)
      : key(k), info(std::move(i)), observer(std::move(o)), slots(std::move(ssrcs)) {}

  ParticipantKey key;
  ParticipantInfo info;
  std::shared_ptr<ParticipantObserver> observer;  // null while detached
  std::optional<Clock::time_point> detachedAt;
  std::unique_ptr<Connection> publish;
  std::unique_ptr<Connection> subscribe;
  std::vector<PublishedTrack> tracks;  // by publish-connection mid
  std::array<bool, kTrackSourceCount> blocked{};  // by TrackSource

  SubscriberSlots slots;
  uint64_t offerVersion = 0;
  std::optional<uint64_t> offerInFlight;
  std::optional<sdp::SessionDescription> offer;  // the offer in flight, to check its answer against
  bool subscriptionDirty = false;
  bool subscribeIceRestart = false;
  bool offersStarted = false;  // startOffers() or reattach(): answers will find the join complete
  std::optional<std::vector<TileLayout>> tiles;  // nullopt until the first layout message
};

MediaRoom::MediaRoom(std::string id, WorkerContext& context)
    : id_(std::move(id)), context_(context), router_(*this, context.router), random_(std::random_device{}()) {}

MediaRoom::~MediaRoom() { close(""); }

MediaRoom::Participant* MediaRoom::find(std::string_view participantId) {
  for (auto& [key, participant] : participants_) {
    if (participant->info.participantId == participantId) return participant.get();
  }
  return nullptr;
}

const MediaRoom::Participant* MediaRoom::find(std::string_view participantId) const {
  return const_cast<MediaRoom*>(this)->find(participantId);
}

MediaRoom::Participant* MediaRoom::find(ParticipantKey key) {
  auto it = participants_.find(key);
  return it == participants_.end() ? nullptr : it->second.get();
}

Result<std::unique_ptr<WebRtcTransport>> MediaRoom::makeTransport(Connection& connection) {
  auto transport = WebRtcTransport::create(context_.dtls, context_.registry, connection, context_.transport);
  if (!transport) return transport.error();
  context_.registry.add(*transport.value());
  return transport;
}

sdp::LocalTransport MediaRoom::localTransport(const WebRtcTransport& transport) const {
  return sdp::LocalTransport{transport.localIce().ufrag, transport.localIce().pwd, transport.localFingerprint(),
                             context_.candidates};
}

Result<void> MediaRoom::join(const ParticipantInfo& info,
                                                     std::shared_ptr<ParticipantObserver> observer) {
  if (find(info.participantId) != nullptr) return Error{"already_joined", "already in the room"};
  if (participants_.size() >= context_.maxParticipantsPerRoom) return Error{"room_full", "the room is full"};

  const ParticipantKey key = nextKey_++;
  auto participant = std::make_unique<Participant>(key, info, std::move(observer),
                                                   [this] { return static_cast<uint32_t>(random_()); });
  participant->publish = std::make_unique<Connection>(*this, key, true, random_() >> 2);
  participant->subscribe = std::make_unique<Connection>(*this, key, false, random_() >> 2);
  for (Connection* connection : {participant->publish.get(), participant->subscribe.get()}) {
    auto transport = makeTransport(*connection);
    if (!transport) {
      logging::logger(Category::Error)
          .error("msg=media_transport_failed room={} detail={}", id_, logging::quote(transport.error().message));
      if (participant->publish->transport) context_.registry.remove(*participant->publish->transport);
      return Error{"internal", "media transport could not be created"};
    }
    connection->transport = std::move(transport.value());
  }
  router_.addParticipant(key);
  router_.setSinks(key, participant->publish->transport.get(), participant->subscribe->transport.get());

  Participant& joined = *participant;
  participants_.emplace(key, std::move(participant));
  refreshSubscription(joined);
  if (dominant_ && joined.observer) joined.observer->dominantSpeaker(dominant_);
  logging::logger(Category::System)
      .info("msg=participant_joined room={} participant={} key={} participants={}", id_,
            logging::quote(info.participantId), key, participants_.size());
  return success();
}

Result<void> MediaRoom::startOffers(std::string_view participantId) {
  Participant* participant = find(participantId);
  if (participant == nullptr) return Error{"not_joined", "not in the room"};
  participant->offersStarted = true;
  sendOfferIfDue(*participant);
  return success();
}

void MediaRoom::leave(std::string_view participantId, std::string_view reason) {
  for (auto it = participants_.begin(); it != participants_.end(); ++it) {
    if (it->second->info.participantId == participantId) {
      remove(it, reason);
      return;
    }
  }
}

void MediaRoom::remove(std::map<ParticipantKey, std::unique_ptr<Participant>>::iterator it,
                       std::string_view reason) {
  std::unique_ptr<Participant> participant = std::move(it->second);
  participants_.erase(it);
  if (!reason.empty() && participant->observer) participant->observer->removed(reason);
  router_.removeParticipant(participant->key);
  for (Connection* connection : {participant->publish.get(), participant->subscribe.get()}) {
    context_.registry.remove(*connection->transport);
    connection->transport->close();
  }
  logging::logger(Category::System)
      .info("msg=participant_left room={} participant={} reason={} participants={}", id_,
            logging::quote(participant->info.participantId), logging::quote(reason.empty() ? "leave" : reason),
            participants_.size());
  if (!participant->tracks.empty()) tracksChanged(participant->key);
  if (context_.participantLeft) {
    context_.participantLeft(id_, participant->info.participantId, reason.empty() ? "left" : reason);
  }
}

Result<void> MediaRoom::applyRemoteTransport(WebRtcTransport& transport, bool& remoteSet, std::string& remoteUfrag,
                                             std::string& remoteFingerprint, const sdp::RemoteTransport& remote) {
  const std::string fingerprint = remote.fingerprint.algorithm + " " + remote.fingerprint.value;
  if (remoteSet && fingerprint != remoteFingerprint) {
    // The DTLS association is already keyed to the first certificate (RFC 8842 §5.5: a new
    // fingerprint means a new association, which these connections do not renegotiate).
    return Error{"sdp_unsupported", "the DTLS fingerprint changed"};
  }
  if (remoteSet && remote.iceUfrag == remoteUfrag) return success();
  auto ok = transport.setRemoteParameters(IceCredentials{remote.iceUfrag, remote.icePwd},
                                          remote.fingerprint.algorithm, remote.fingerprint.value);
  if (!ok) return Error{"sdp_unsupported", ok.error().message};
  remoteSet = true;
  remoteUfrag = remote.iceUfrag;
  remoteFingerprint = fingerprint;
  return success();
}

Result<std::string> MediaRoom::publish(std::string_view participantId, std::string_view offerSdp,
                                       std::span<const std::pair<std::string, TrackSource>> sources) {
  Participant* participant = find(participantId);
  if (participant == nullptr) return Error{"not_joined", "not in the room"};
  auto offer = sdp::parse(offerSdp);
  if (!offer) return Error{"invalid_sdp", offer.error().message};
  Connection& connection = *participant->publish;

  auto answer = [&]() {
    return sdp::buildAnswer(*offer, {localTransport(*connection.transport), context_.capabilities,
                                     connection.sessionId, ++connection.sessionVersion});
  };
  auto built = answer();
  if (!built) return sdpError(built.error());
  if (connection.remoteSet && built->remote.iceUfrag != connection.remoteUfrag) {
    // The browser restarted ICE (new ufrag, RFC 8445 §9): answer with new credentials too.
    if (auto ok = connection.transport->restartIce(); !ok) return Error{"internal", "ICE restart failed"};
    built = answer();
    if (!built) return sdpError(built.error());
  }
  if (auto ok = applyRemoteTransport(*connection.transport, connection.remoteSet, connection.remoteUfrag,
                                     connection.remoteFingerprint, built->remote);
      !ok) {
    return ok.error();
  }

  // Tracks: one per accepted section that sends; a section that changed is replaced.
  bool changed = false;
  std::vector<const sdp::NegotiatedMedia*> sending;
  for (const auto& media : built->media) {
    if (media.direction != sdp::Direction::Inactive) sending.push_back(&media);
  }
  const auto sourceOf = [&](const sdp::NegotiatedMedia& media) {
    for (const auto& [mid, source] : sources) {
      if (mid == media.mid) return source;
    }
    return media.kind == sdp::MediaKind::Audio ? TrackSource::Microphone : TrackSource::Camera;
  };
  auto& tracks = participant->tracks;
  for (auto it = tracks.begin(); it != tracks.end();) {
    auto now = std::find_if(sending.begin(), sending.end(),
                            [&](const sdp::NegotiatedMedia* m) { return m->mid == it->media.mid; });
    if (now != sending.end() && **now == it->media && sourceOf(**now) == it->source) {
      ++it;
      continue;
    }
    router_.removeTrack(it->track);
    it = tracks.erase(it);
    changed = true;
  }
  for (const sdp::NegotiatedMedia* media : sending) {
    const bool known = std::any_of(tracks.begin(), tracks.end(),
                                   [&](const Participant::PublishedTrack& t) { return t.media.mid == media->mid; });
    if (known) continue;
    auto track = router_.addTrack(participant->key, *media);
    if (!track) {
      logging::logger(Category::System)
          .warn("msg=track_refused room={} participant={} mid={} detail={}", id_, participant->key,
                logging::quote(media->mid), logging::quote(track.error().message));
      continue;
    }
    const TrackSource source = sourceOf(*media);
    if (participant->blocked[static_cast<size_t>(source)]) router_.setTrackBlocked(track.value(), true);
    tracks.push_back({track.value(), *media, source});
    changed = true;
  }
  if (changed) tracksChanged(participant->key);
  return sdp::serialize(built->description);
}

Result<void> MediaRoom::setSourceBlocked(std::string_view participantId, TrackSource source, bool blocked) {
  Participant* participant = find(participantId);
  if (participant == nullptr) return Error{"not_joined", "not in the room"};
  participant->blocked[static_cast<size_t>(source)] = blocked;
  for (const auto& track : participant->tracks) {
    if (track.source == source) router_.setTrackBlocked(track.track, blocked);
  }
  return success();
}

void MediaRoom::tracksChanged(ParticipantKey except) {
  for (auto& [key, participant] : participants_) {
    if (key != except) refreshSubscription(*participant);
  }
}

void MediaRoom::refreshSubscription(Participant& participant) {
  std::vector<ForwardableTrack> wanted;
  for (auto& [key, other] : participants_) {
    if (key == participant.key) continue;
    for (const auto& track : other->tracks) {
      wanted.push_back({track.track, other->info.participantId, track.media.kind, track.media.codecs, track.source});
    }
  }
  std::vector<ConsumerKey> released;
  if (participant.slots.update(wanted, released)) participant.subscriptionDirty = true;
  for (ConsumerKey consumer : released) router_.removeConsumer(consumer);
  sendOfferIfDue(participant);
}

void MediaRoom::sendOfferIfDue(Participant& participant) {
  if (participant.offerInFlight || !participant.observer || !participant.offersStarted) return;
  if (!participant.subscriptionDirty && !participant.subscribeIceRestart) return;
  Connection& connection = *participant.subscribe;
  if (participant.subscribeIceRestart) {
    if (auto ok = connection.transport->restartIce(); !ok) {
      logging::logger(Category::Error).error("msg=ice_restart_failed room={} participant={}", id_, participant.key);
    }
    participant.subscribeIceRestart = false;
  }
  sdp::SubscriberOfferParams params;
  params.transport = localTransport(*connection.transport);
  params.capabilities = context_.capabilities;
  params.sessionId = connection.sessionId;
  params.sessionVersion = ++connection.sessionVersion;
  params.cname = "dienhong";
  params.slots = participant.slots.offerSlots();
  auto offer = sdp::buildSubscriberOffer(params);
  if (!offer) {
    logging::logger(Category::Error)
        .error("msg=subscriber_offer_failed room={} participant={} detail={}", id_, participant.key,
               logging::quote(offer.error().message));
    return;
  }
  std::vector<SubscribedTrack> tracks;
  for (const auto& slot : participant.slots.slots()) {
    if (slot.track) tracks.push_back({slot.sdp.mid, slot.participantId, slot.sdp.kind, slot.source});
  }
  participant.subscriptionDirty = false;
  participant.offerInFlight = ++participant.offerVersion;
  participant.offer = std::move(offer.value());
  participant.observer->subscribeOffer(sdp::serialize(*participant.offer), participant.offerVersion, tracks);
}

Result<void> MediaRoom::subscribeAnswer(std::string_view participantId, std::string_view answerSdp,
                                        uint64_t version) {
  Participant* participant = find(participantId);
  if (participant == nullptr) return Error{"not_joined", "not in the room"};
  if (!participant->offerInFlight || *participant->offerInFlight != version) {
    return Error{"stale_answer", "no offer with this version is waiting for an answer"};
  }
  // The answer has one section per section of our offer, which grows with the room: the default
  // limits (sized for a browser's publish offer) would refuse rooms of over 32 participants.
  sdp::ParseLimits limits;
  limits.maxBytes = kMaxSubscriberAnswerBytes;
  limits.maxMediaSections = std::max(limits.maxMediaSections, participant->offer->media.size());
  auto answer = sdp::parse(answerSdp, limits);
  if (!answer) return Error{"invalid_sdp", answer.error().message};
  auto accepted = sdp::parseSubscriberAnswer(*participant->offer, *answer);
  if (!accepted) return sdpError(accepted.error());
  Connection& connection = *participant->subscribe;
  if (auto ok = applyRemoteTransport(*connection.transport, connection.remoteSet, connection.remoteUfrag,
                                     connection.remoteFingerprint, accepted->remote);
      !ok) {
    return ok.error();
  }

  for (const auto& slotAnswer : accepted->slots) {
    SubscriberSlotState* slot = participant->slots.byMid(slotAnswer.mid);
    if (slot == nullptr) continue;
    const bool forward = slot->track && slotAnswer.receiving;
    if (!forward) {
      if (slot->consumer) router_.removeConsumer(*slot->consumer);
      slot->consumer.reset();
      continue;
    }
    if (slot->consumer) continue;
    ConsumerParams params;
    params.subscriber = participant->key;
    params.track = *slot->track;
    params.ssrc = slot->sdp.ssrc;
    params.extensions = slotAnswer.extensions;
    const auto kept = [&](uint8_t pt) {
      return std::find(slotAnswer.payloadTypes.begin(), slotAnswer.payloadTypes.end(), pt) !=
             slotAnswer.payloadTypes.end();
    };
    for (const auto& codec : slot->sdp.codecs) {
      auto ours = sdp::subscriberPayloadType(context_.capabilities, slot->sdp.kind, codec);
      if (!ours || !kept(ours->payloadType)) continue;
      params.payloadTypes.emplace_back(codec.payloadType, ours->payloadType);
      if (!params.rtxPayloadType && codec.rtxPayloadType && ours->rtxPayloadType != 0 && kept(ours->rtxPayloadType)) {
        params.rtxPayloadType = ours->rtxPayloadType;
        params.rtxSsrc = slot->sdp.rtxSsrc;
      }
    }
    if (params.payloadTypes.empty()) continue;
    auto consumer = router_.addConsumer(params);
    if (!consumer) {
      logging::logger(Category::System)
          .warn("msg=consumer_refused room={} participant={} mid={} detail={}", id_, participant->key,
                logging::quote(slot->sdp.mid), logging::quote(consumer.error().message));
      continue;
    }
    slot->consumer = consumer.value();
  }
  applyTiles(*participant);
  participant->offerInFlight.reset();
  participant->offer.reset();
  sendOfferIfDue(*participant);
  return success();
}

Result<void> MediaRoom::setLayout(std::string_view participantId, std::span<const TileLayout> tiles) {
  Participant* participant = find(participantId);
  if (participant == nullptr) return Error{"not_joined", "not in the room"};
  participant->tiles = std::vector<TileLayout>(tiles.begin(), tiles.end());
  applyTiles(*participant);
  return success();
}

void MediaRoom::applyTiles(Participant& participant) {
  for (const auto& slot : participant.slots.slots()) {
    if (!slot.consumer || slot.sdp.kind != sdp::MediaKind::Video) continue;
    if (!participant.tiles) {
      router_.setConsumerTile(*slot.consumer, kDefaultTileWidth, kDefaultTileHeight, true);
      continue;
    }
    auto tile = std::find_if(participant.tiles->begin(), participant.tiles->end(),
                             [&](const TileLayout& t) { return t.mid == slot.sdp.mid; });
    if (tile == participant.tiles->end()) {
      router_.setConsumerTile(*slot.consumer, 0, 0, false);
    } else {
      router_.setConsumerTile(*slot.consumer, tile->width, tile->height, tile->width > 0 && tile->height > 0);
    }
  }
}

Result<void> MediaRoom::restartSubscriberIce(std::string_view participantId) {
  Participant* participant = find(participantId);
  if (participant == nullptr) return Error{"not_joined", "not in the room"};
  participant->subscribeIceRestart = true;
  if (participant->offerInFlight) {
    // The browser may have lost the offer with its network: the restart offer replaces it.
    participant->offerInFlight.reset();
    participant->offer.reset();
  }
  sendOfferIfDue(*participant);
  return success();
}

void MediaRoom::detach(std::string_view participantId, const ParticipantObserver* observer, Clock::time_point now) {
  Participant* participant = find(participantId);
  if (participant == nullptr || participant->observer.get() != observer) return;
  participant->observer.reset();
  participant->detachedAt = now;
  logging::logger(Category::System)
      .info("msg=participant_detached room={} participant={} grace_s={}", id_, participant->key,
            context_.resumeGrace.count());
}

Result<void> MediaRoom::reattach(std::string_view participantId, std::shared_ptr<ParticipantObserver> observer) {
  Participant* participant = find(participantId);
  if (participant == nullptr) return Error{"resume_failed", "the participant is no longer in the room"};
  if (participant->observer) participant->observer->removed("resumed_elsewhere");
  participant->observer = std::move(observer);
  participant->detachedAt.reset();
  // Whatever offer was in flight may be lost with the old connection: offer the current state.
  participant->offerInFlight.reset();
  participant->offer.reset();
  participant->subscriptionDirty = true;
  participant->offersStarted = true;
  sendOfferIfDue(*participant);
  if (dominant_) participant->observer->dominantSpeaker(dominant_);
  logging::logger(Category::System).info("msg=participant_resumed room={} participant={}", id_, participant->key);
  return success();
}

Result<RoomParticipantStats> MediaRoom::stats(std::string_view participantId, Clock::time_point now) const {
  const Participant* participant = find(participantId);
  if (participant == nullptr) return Error{"not_joined", "not in the room"};
  RoomParticipantStats out;
  out.router = router_.stats(participant->key, now);
  out.publish = participant->publish->transport->stats();
  out.subscribe = participant->subscribe->transport->stats();
  out.publishState = participant->publish->transport->state();
  out.subscribeState = participant->subscribe->transport->state();
  return out;
}

RoomSnapshot MediaRoom::snapshot() const {
  RoomSnapshot out;
  out.roomId = id_;
  out.participants = participants_.size();
  out.router = router_.counters();
  auto& t = out.transports;
  for (const auto& [key, participant] : participants_) {
    for (const Connection* connection : {participant->publish.get(), participant->subscribe.get()}) {
      const auto& s = connection->transport->stats();
      t.rtpReceived += s.rtpReceived;
      t.rtcpReceived += s.rtcpReceived;
      t.rtpSent += s.rtpSent;
      t.rtcpSent += s.rtcpSent;
      t.droppedUnknownSource += s.droppedUnknownSource;
      t.droppedBeforeKeys += s.droppedBeforeKeys;
      t.droppedNotWebRtc += s.droppedNotWebRtc;
      for (size_t i = 0; i < s.srtpRefused.size(); ++i) t.srtpRefused[i] += s.srtpRefused[i];
      t.sendRefused += s.sendRefused;
      const auto& ice = connection->transport->ice().counters();
      out.stunRejected += ice.discardedFingerprint + ice.badRequest + ice.unauthenticated + ice.unknownAttribute +
                          ice.roleConflict;
    }
  }
  return out;
}

void MediaRoom::onConnectionFailed(Connection& connection, std::string_view reason) {
  // Called from inside the transport: it is removed on the next timer tick, not here.
  connection.failure = std::string(reason);
}

void MediaRoom::onTimer(Clock::time_point now) {
  router_.onTimer(now);
  for (auto& [key, participant] : participants_) {
    for (Connection* connection : {participant->publish.get(), participant->subscribe.get()}) {
      auto due = connection->transport->nextTimeout(now);
      if (due && *due <= now) connection->transport->onTimer(now);
    }
  }
  for (auto it = participants_.begin(); it != participants_.end();) {
    Participant& participant = *it->second;
    std::optional<std::string> reason;
    for (Connection* connection : {participant.publish.get(), participant.subscribe.get()}) {
      if (connection->failure) {
        reason = std::string("media_failed");
        logging::logger(Category::System)
            .warn("msg=media_failed room={} participant={} connection={} detail={}", id_, participant.key,
                  connection->name(), logging::quote(*connection->failure));
      }
    }
    if (!reason && participant.detachedAt && now - *participant.detachedAt >= context_.resumeGrace) {
      reason = std::string("resume_timeout");
    }
    if (reason) {
      auto next = std::next(it);
      remove(it, *reason);
      it = next;
    } else {
      ++it;
    }
  }
}

void MediaRoom::close(std::string_view reason) {
  while (!participants_.empty()) remove(participants_.begin(), reason);
}

void MediaRoom::onDominantSpeaker(std::optional<ParticipantKey> speaker) {
  std::optional<std::string> id;
  if (speaker) {
    if (Participant* participant = find(*speaker)) id = participant->info.participantId;
  }
  if (id == dominant_) return;
  dominant_ = id;
  for (auto& [key, participant] : participants_) {
    if (participant->observer) participant->observer->dominantSpeaker(dominant_);
  }
}

}  // namespace dienhong::media
