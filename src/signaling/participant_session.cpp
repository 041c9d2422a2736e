#include "signaling/participant_session.hpp"

#include <nlohmann/json.hpp>

namespace dienhong::signaling {

void ParticipantSession::send(const nlohmann::json& message) {
  if (auto peer = peer_.lock()) peer->send(message.dump());
}

bool ParticipantSession::beginJoin() {
  std::lock_guard lock(mutex_);
  if (state_ != State::Idle) return false;
  state_ = State::Joining;
  return true;
}

bool ParticipantSession::completeJoin(Membership membership) {
  std::lock_guard lock(mutex_);
  if (state_ != State::Joining) return false;
  state_ = State::Joined;
  membership_ = std::move(membership);
  return true;
}

bool ParticipantSession::wait(Knock knock) {
  std::lock_guard lock(mutex_);
  if (state_ != State::Joining) return false;
  state_ = State::Waiting;
  knock_ = std::move(knock);
  return true;
}

std::optional<ParticipantSession::Knock> ParticipantSession::admitted() {
  std::lock_guard lock(mutex_);
  if (state_ != State::Waiting) return std::nullopt;
  state_ = State::Joining;
  return std::exchange(knock_, std::nullopt);
}

std::optional<ParticipantSession::Knock> ParticipantSession::stopWaiting() {
  std::lock_guard lock(mutex_);
  if (state_ != State::Waiting) return std::nullopt;
  state_ = State::Idle;
  return std::exchange(knock_, std::nullopt);
}

void ParticipantSession::failJoin() {
  std::lock_guard lock(mutex_);
  if (state_ == State::Joining) state_ = State::Idle;
}

std::optional<ParticipantSession::Membership> ParticipantSession::membership() const {
  std::lock_guard lock(mutex_);
  return state_ == State::Joined ? membership_ : std::nullopt;
}

std::optional<ParticipantSession::Membership> ParticipantSession::leave() {
  std::lock_guard lock(mutex_);
  if (state_ != State::Joined) return std::nullopt;
  state_ = State::Idle;
  return std::exchange(membership_, std::nullopt);
}

ParticipantSession::Closing ParticipantSession::close() {
  std::lock_guard lock(mutex_);
  state_ = State::Closed;
  return {std::exchange(membership_, std::nullopt), std::exchange(knock_, std::nullopt)};
}

void ParticipantSession::subscribeOffer(const std::string& sdp, uint64_t version,
                                        const std::vector<media::SubscribedTrack>& tracks) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& track : tracks) {
    list.push_back({{"mid", track.mid},
                    {"participantId", track.participantId},
                    {"kind", track.kind == media::sdp::MediaKind::Video ? "video" : "audio"},
                    {"source", media::toString(track.source)}});
  }
  send({{"type", "subscribeOffer"}, {"sdp", sdp}, {"version", version}, {"tracks", std::move(list)}});
}

void ParticipantSession::dominantSpeaker(const std::optional<std::string>& participantId) {
  send({{"type", "dominantSpeaker"},
        {"participantId", participantId ? nlohmann::json(*participantId) : nlohmann::json(nullptr)}});
}

void ParticipantSession::removed(std::string_view reason) {
  {
    std::lock_guard lock(mutex_);
    if (state_ == State::Joined) {
      state_ = State::Idle;
      membership_.reset();
    }
  }
  send({{"type", "removed"}, {"reason", reason}});
}

}  // namespace dienhong::signaling
