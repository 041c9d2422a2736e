#include "signaling/meeting_coordinator.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

#include "auth/tokens.hpp"
#include "common/logging.hpp"
#include "meeting/room_code.hpp"
#include "signaling/message_fields.hpp"
#include "signaling/replies.hpp"

namespace dienhong::signaling {
namespace {

using nlohmann::json;
using logging::Category;

constexpr int kChatHistory = 200;

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string lobbyKey(const std::string& roomId, const std::string& lobbyId) { return roomId + "/" + lobbyId; }

media::TrackSource toTrackSource(meeting::MediaSource source) {
  switch (source) {
    case meeting::MediaSource::Microphone: return media::TrackSource::Microphone;
    case meeting::MediaSource::Camera: return media::TrackSource::Camera;
    case meeting::MediaSource::Screen: return media::TrackSource::Screen;
  }
  return media::TrackSource::Microphone;
}

json chatJson(const store::ChatMessage& m) {
  return {{"id", m.id}, {"participantId", m.senderParticipantId}, {"displayName", m.senderName},
          {"text", m.body}, {"sentAt", m.sentAtMs}};
}

const Error kNotJoined{"not_joined", "Join a room first."};

}  // namespace

struct MeetingCoordinator::Effects {
  std::string roomId;
  std::vector<std::pair<SessionPtr, json>> sends;
  std::vector<std::pair<media::RoomRef, meeting::MediaCommand>> media;
  std::vector<SessionPtr> admitted;
  std::vector<SessionPtr> dismissedFromLobby;  // rejected, or the meeting ended
  std::optional<store::Room> room;             // to persist
  std::optional<store::ChatMessage> chat;      // to keep
};

// The audit log's actor: the account, or the guest (by participant id once in the meeting).
std::string MeetingCoordinator::actorOf(const SessionPtr& session, const std::string& participantId) const {
  const auto& user = session->identity().userId;
  if (user) return "user:" + *user;
  return participantId.empty() ? "guest" : "guest:" + participantId;
}

MeetingCoordinator::Effects MeetingCoordinator::collect(const meeting::Meeting& meeting, meeting::Outcome& out) {
  Effects effects;
  effects.roomId = meeting.room().id;
  if (out.chat) {
    store::ChatMessage m{auth::randomHex(12), meeting.room().id, out.chat->participantId, out.chat->displayName,
                         out.chat->userId, out.chat->text, out.chat->sentAtMs};
    out.deliveries.push_back({meeting::Delivery::To::Everyone, {}, {{"type", "chat"}, {"message", chatJson(m)}}, {}});
    effects.chat = std::move(m);
  }
  if (out.roomChanged) effects.room = meeting.room();
  std::lock_guard lock(mutex_);
  for (const auto& delivery : out.deliveries) {
    if (delivery.to == meeting::Delivery::To::Lobby) {
      auto it = lobby_.find(lobbyKey(effects.roomId, delivery.id));
      if (it == lobby_.end()) continue;
      if (auto session = it->second.lock()) {
        effects.sends.emplace_back(session, delivery.message);
        effects.dismissedFromLobby.push_back(session);
      }
      lobby_.erase(it);
      continue;
    }
    for (const auto& id : meeting::recipients(meeting, delivery)) {
      auto it = participants_.find(id);
      if (it == participants_.end()) continue;
      if (auto session = it->second.session.lock()) effects.sends.emplace_back(session, delivery.message);
    }
  }
  for (const auto& command : out.media) {
    auto it = participants_.find(command.participantId);
    if (it != participants_.end()) effects.media.emplace_back(it->second.room, command);
  }
  for (const auto& lobbyId : out.admitted) {
    auto it = lobby_.find(lobbyKey(effects.roomId, lobbyId));
    if (it == lobby_.end()) continue;
    if (auto session = it->second.lock()) effects.admitted.push_back(session);
    lobby_.erase(it);
  }
  if (out.ended) {
    for (auto it = lobby_.begin(); it != lobby_.end();) {
      if (it->first.starts_with(effects.roomId + "/")) {
        it = lobby_.erase(it);
      } else {
        ++it;
      }
    }
  }
  return effects;
}

void MeetingCoordinator::carryOut(Effects effects) {
  for (auto& [session, message] : effects.sends) session->send(message);
  for (const auto& session : effects.dismissedFromLobby) session->stopWaiting();
  for (const auto& [ref, command] : effects.media) {
    s_.media.withRoom(ref, [command](media::MediaRoom* room) {
      if (room == nullptr) return;
      switch (command.kind) {
        case meeting::MediaCommand::Kind::Block:
        case meeting::MediaCommand::Kind::Unblock:
          (void)room->setSourceBlocked(command.participantId, toTrackSource(command.source),
                                       command.kind == meeting::MediaCommand::Kind::Block);
          break;
        case meeting::MediaCommand::Kind::Remove:
          room->leave(command.participantId, command.reason);
          break;
      }
    });
  }
  if (effects.chat) {
    if (auto stored = s_.store.chat().append(*effects.chat); !stored) {
      logging::logger(Category::Error)
          .error("msg=chat_store_failed room={} detail={}", effects.roomId, logging::quote(stored.error().message));
    }
  }
  if (effects.room) {
    effects.room->updatedAtMs = nowMs();
    if (auto stored = s_.store.rooms().update(*effects.room); !stored) {
      logging::logger(Category::Error)
          .error("msg=room_store_failed room={} detail={}", effects.roomId, logging::quote(stored.error().message));
    }
  }
  for (const auto& session : effects.admitted) {
    auto knock = session->admitted();
    if (!knock) {
      s_.meetings.withExisting(effects.roomId, [](meeting::Meeting* m) {
        if (m) m->cancelReservation();
      });
      continue;
    }
    auto room = s_.store.rooms().findById(knock->roomId);
    if (!room || !room.value()) {
      session->failJoin();
      s_.meetings.withExisting(effects.roomId, [](meeting::Meeting* m) {
        if (m) m->cancelReservation();
      });
      session->send(errorReply({"room_not_found", "The room no longer exists."}, std::nullopt));
      continue;
    }
    enterMedia(session, *room.value(), knock->displayName, meeting::Role::Participant, std::nullopt);
  }
}

void MeetingCoordinator::join(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  auto code = readRoomCode(message);
  if (!code) return session->send(errorReply(code.error(), requestId));
  auto name = readDisplayName(message);
  if (!name) return session->send(errorReply(name.error(), requestId));
  auto invitation = readOptionalSecret(message, "inviteToken");
  if (!invitation) return session->send(errorReply(invitation.error(), requestId));
  auto password = readOptionalSecret(message, "password");
  if (!password) return session->send(errorReply(password.error(), requestId));
  if (!session->beginJoin()) {
    return session->send(errorReply({"already_joined", "This connection is already in a room."}, requestId));
  }
  const auto fail = [&](const Error& error) {
    session->failJoin();
    session->send(errorReply(error, requestId));
  };
  auto found = s_.store.rooms().findById(code.value());
  if (!found) {
    logging::logger(Category::Error).error("msg=room_lookup_failed detail={}", logging::quote(found.error().message));
    return fail({"internal", "internal"});
  }
  if (!found.value()) return fail({"room_not_found", "No room has this ID."});
  const store::Room& room = *found.value();

  meeting::JoinRequest request{name.value(), session->identity(), false, false, false};
  if (invitation.value()) {
    request.invited = auth::constantTimeEquals(auth::sha256Hex(*invitation.value()), room.inviteTokenHash);
    if (!request.invited) return fail({"invalid_invitation", "This invitation link is not valid for the room."});
  }
  if (password.value() && room.passwordHash && !request.invited) {
    const std::string guessKey = room.id + "|" + session->identity().address;
    if (passwordGuesses_.blocked(guessKey, nowMs())) {
      s_.audit.record({store::AuditCategory::Meeting, actorOf(session, {}), session->identity().address,
                       "meeting.join", "room:" + room.id, store::AuditOutcome::Denied, "too_many_attempts"});
      return fail({"too_many_attempts", "Too many wrong passwords; wait a minute."});
    }
    request.passwordGiven = true;
    request.passwordCorrect = s_.auth.hasher().verify(*room.passwordHash, *password.value());
    if (!request.passwordCorrect) passwordGuesses_.fail(guessKey, nowMs());
  }

  meeting::Admission admission;
  Effects effects;
  s_.meetings.withMeeting(room, [&](meeting::Meeting& m) {
    meeting::Outcome out;
    admission = m.admit(request, nowMs(), out);
    if (admission.kind == meeting::Admission::Kind::Wait) {
      std::lock_guard lock(mutex_);
      lobby_[lobbyKey(room.id, admission.lobbyId)] = session;
    }
    effects = collect(m, out);
  });
  carryOut(std::move(effects));

  switch (admission.kind) {
    case meeting::Admission::Kind::Refused:
      if (admission.refusal.code == "wrong_password" || admission.refusal.code == "banned") {
        s_.audit.record({store::AuditCategory::Meeting, actorOf(session, {}), session->identity().address,
                         "meeting.join", "room:" + room.id, store::AuditOutcome::Denied, admission.refusal.code});
      }
      return fail(admission.refusal);
    case meeting::Admission::Kind::Wait: {
      session->wait({room.id, admission.lobbyId, name.value()});
      json out = reply("lobbyWaiting", requestId);
      out["roomId"] = room.id;
      out["title"] = room.title;
      return session->send(out);
    }
    case meeting::Admission::Kind::Enter:
      return enterMedia(session, room, name.value(), admission.role, requestId);
  }
}

void MeetingCoordinator::enterMedia(const SessionPtr& session, const store::Room& room, const std::string& displayName,
                                    meeting::Role role, std::optional<int64_t> requestId) {
  // Read before joining: the join completes on a media worker, which must not wait for storage.
  auto history = s_.store.chat().recent(room.id, kChatHistory);
  json chat = json::array();
  if (history) {
    for (const auto& m : history.value()) chat.push_back(chatJson(m));
  }
  const media::ParticipantInfo info{"p" + auth::randomHex(8), displayName};
  const std::string roomId = room.id;
  s_.media.join(roomId, info, auth::randomToken(24), session,
                [this, session, info, role, requestId, roomId, chat = std::move(chat)](Result<media::JoinedRoom> joined) {
                  if (!joined) {
                    s_.meetings.withExisting(roomId, [](meeting::Meeting* m) {
                      if (m) m->cancelReservation();
                    });
                    session->failJoin();
                    return session->send(errorReply(joined.error(), requestId));
                  }
                  const media::RoomRef ref = joined->room;
                  json payload;
                  Effects effects;
                  s_.meetings.withExisting(roomId, [&](meeting::Meeting* m) {
                    if (m == nullptr) return;  // cannot happen: the reservation keeps it
                    meeting::Outcome out;
                    payload = m->addMember(info.participantId, info.displayName, session->identity(), role, out);
                    {
                      std::lock_guard lock(mutex_);
                      participants_[info.participantId] = Located{session, ref};
                    }
                    effects = collect(*m, out);
                  });
                  if (!session->completeJoin({ref, info.participantId, joined->resumeToken})) {
                    // The connection closed while joining: behave as a drop right after the join.
                    s_.media.withRoom(ref, [participantId = info.participantId, session](media::MediaRoom* mediaRoom) {
                      if (mediaRoom) mediaRoom->detach(participantId, session.get(), std::chrono::steady_clock::now());
                    });
                  } else {
                    json out = reply("joined", requestId);
                    out["roomId"] = roomId;
                    out["roomCode"] = meeting::formatRoomCode(roomId);
                    out["participantId"] = info.participantId;
                    out["displayName"] = info.displayName;
                    out["resumeToken"] = joined->resumeToken;
                    out["chat"] = chat;
                    out.update(payload);
                    session->send(out);
                    // On a media worker: the audit log's own thread stores the entry.
                    s_.audit.post({store::AuditCategory::Meeting, actorOf(session, info.participantId),
                                   session->identity().address, "meeting.join",
                                   "room:" + roomId + " participant:" + info.participantId, store::AuditOutcome::Success,
                                   std::string(meeting::toString(role))});
                    // Only now: an answer to an offer sent earlier could find the join incomplete.
                    s_.media.withRoom(ref, [participantId = info.participantId](media::MediaRoom* mediaRoom) {
                      if (mediaRoom) (void)mediaRoom->startOffers(participantId);
                    });
                  }
                  carryOut(std::move(effects));
                });
}

void MeetingCoordinator::resume(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  const Error failed{"resume_failed", "The session cannot be resumed; join again."};
  auto token = message.find("resumeToken");
  if (token == message.end() || !token->is_string() || token->get_ref<const std::string&>().size() > 128) {
    return session->send(errorReply(failed, requestId));
  }
  auto ticket = s_.media.findResume(token->get<std::string>());
  if (!ticket) return session->send(errorReply(failed, requestId));
  if (!session->beginJoin()) {
    return session->send(errorReply({"already_joined", "This connection is already in a room."}, requestId));
  }
  s_.media.withRoom(ticket->room, [this, session, ticket = *ticket, token = token->get<std::string>(), requestId,
                                   failed](media::MediaRoom* room) {
    if (room == nullptr || !room->contains(ticket.participantId) ||
        !session->completeJoin({ticket.room, ticket.participantId, token})) {
      session->failJoin();
      return session->send(errorReply(failed, requestId));
    }
    json out = reply("resumed", requestId);
    out["roomId"] = ticket.room.roomId;
    out["participantId"] = ticket.participantId;
    // The meeting as it is now: whatever happened while the connection was down.
    s_.meetings.withExisting(ticket.room.roomId, [&](meeting::Meeting* m) {
      if (m == nullptr) return;
      if (const meeting::Member* self = m->member(ticket.participantId)) {
        out["role"] = meeting::toString(self->role);
        out["participants"] = json::array();
        for (const auto& other : m->rosterJson()) {
          if (other["participantId"] != ticket.participantId) out["participants"].push_back(other);
        }
        out["settings"] = m->settingsJson();
        if (self->role == meeting::Role::Chair) out["lobby"] = m->lobbyJson();
      }
      std::lock_guard lock(mutex_);
      participants_[ticket.participantId] = Located{session, ticket.room};
    });
    session->send(out);
    if (auto ok = room->reattach(ticket.participantId, session); !ok) {
      session->leave();
      session->send(errorReply(failed, std::nullopt));
    }
  });
}

void MeetingCoordinator::leave(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  if (auto knock = session->stopWaiting()) {
    Effects effects;
    s_.meetings.withExisting(knock->roomId, [&](meeting::Meeting* m) {
      if (m == nullptr) return;
      meeting::Outcome out;
      m->leaveLobby(knock->lobbyId, out);
      {
        std::lock_guard lock(mutex_);
        lobby_.erase(lobbyKey(knock->roomId, knock->lobbyId));
      }
      effects = collect(*m, out);
    });
    carryOut(std::move(effects));
    return session->send(reply("left", requestId));
  }
  auto membership = session->leave();
  if (!membership) return session->send(errorReply(kNotJoined, requestId));
  s_.media.forgetResume(membership->resumeToken);
  s_.media.withRoom(membership->room, [session, id = membership->participantId, requestId](media::MediaRoom* room) {
    if (room) room->leave(id, "");
    session->send(reply("left", requestId));
  });
}

void MeetingCoordinator::closed(const SessionPtr& session, ParticipantSession::Closing closing) {
  if (closing.membership) {
    // Dropped without "leave": keep the media for the grace period, waiting for a resume.
    s_.media.withRoom(closing.membership->room,
                      [participantId = closing.membership->participantId, session](media::MediaRoom* room) {
                        if (room) room->detach(participantId, session.get(), std::chrono::steady_clock::now());
                      });
  }
  if (closing.knock) {
    Effects effects;
    s_.meetings.withExisting(closing.knock->roomId, [&](meeting::Meeting* m) {
      {
        std::lock_guard lock(mutex_);
        lobby_.erase(lobbyKey(closing.knock->roomId, closing.knock->lobbyId));
      }
      if (m == nullptr) return;
      meeting::Outcome out;
      m->leaveLobby(closing.knock->lobbyId, out);
      effects = collect(*m, out);
    });
    carryOut(std::move(effects));
  }
}

void MeetingCoordinator::participantLeft(const std::string& roomId, const std::string& participantId,
                                         std::string_view reason) {
  Effects effects;
  SessionPtr session;
  s_.meetings.withExisting(roomId, [&](meeting::Meeting* m) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = participants_.find(participantId); it != participants_.end()) {
        session = it->second.session.lock();
        participants_.erase(it);
      }
    }
    if (m == nullptr) return;
    meeting::Outcome out;
    m->removeMember(participantId, out);
    effects = collect(*m, out);
  });
  // On a media worker: the audit log's own thread stores the entry.
  s_.audit.post({store::AuditCategory::Meeting, session ? actorOf(session, participantId) : "guest:" + participantId,
                 session ? session->identity().address : "", "meeting.leave",
                 "room:" + roomId + " participant:" + participantId, store::AuditOutcome::Success, std::string(reason)});
  carryOut(std::move(effects));
}

bool MeetingCoordinator::mayPublish(const std::string& roomId, const std::string& participantId,
                                    meeting::MediaSource source) {
  bool allowed = false;
  s_.meetings.withExisting(roomId, [&](meeting::Meeting* m) { allowed = m != nullptr && m->mayPublish(participantId, source); });
  return allowed;
}

void MeetingCoordinator::withOwnMeeting(
    const SessionPtr& session, std::optional<int64_t> requestId,
    const std::function<Result<void>(meeting::Meeting&, const std::string&, meeting::Outcome&)>& fn) {
  auto membership = session->membership();
  if (!membership) return session->send(errorReply(kNotJoined, requestId));
  Result<void> result = Error{"not_joined", "The meeting is over."};
  Effects effects;
  s_.meetings.withExisting(membership->room.roomId, [&](meeting::Meeting* m) {
    if (m == nullptr) return;
    meeting::Outcome out;
    result = fn(*m, membership->participantId, out);
    effects = collect(*m, out);
  });
  carryOut(std::move(effects));
  if (!result) return session->send(errorReply(result.error(), requestId));
  if (requestId) session->send(reply("ok", requestId));
}

void MeetingCoordinator::mediaState(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  auto source = readMediaSource(message);
  if (!source) return session->send(errorReply(source.error(), requestId));
  auto on = readBoolean(message, "on");
  if (!on) return session->send(errorReply(on.error(), requestId));
  withOwnMeeting(session, requestId, [&](meeting::Meeting& m, const std::string& id, meeting::Outcome& out) {
    return m.setMediaState(id, source.value(), on.value(), out);
  });
}

void MeetingCoordinator::raiseHand(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  auto raised = readBoolean(message, "raised");
  if (!raised) return session->send(errorReply(raised.error(), requestId));
  withOwnMeeting(session, requestId, [&](meeting::Meeting& m, const std::string& id, meeting::Outcome& out) {
    return m.raiseHand(id, raised.value(), out);
  });
}

void MeetingCoordinator::rename(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  auto name = readDisplayName(message);
  if (!name) return session->send(errorReply(name.error(), requestId));
  withOwnMeeting(session, requestId, [&](meeting::Meeting& m, const std::string& id, meeting::Outcome& out) {
    return m.rename(id, name.value(), out);
  });
}

void MeetingCoordinator::chat(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  auto text = readChatText(message);
  if (!text) return session->send(errorReply(text.error(), requestId));
  withOwnMeeting(session, requestId, [&](meeting::Meeting& m, const std::string& id, meeting::Outcome& out) {
    return m.chat(id, text.value(), nowMs(), out);
  });
}

void MeetingCoordinator::moderate(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  auto action = readModeration(message);
  if (!action) return session->send(errorReply(action.error(), requestId));
  if (action->kind == meeting::ModerationAction::Kind::UpdateSettings && action->settings.contains("password")) {
    // Room passwords are kept as argon2id hashes, like account passwords.
    const json& password = action->settings["password"];
    if (password.is_null()) {
      action->settings["passwordHash"] = nullptr;
    } else {
      auto hashed = s_.auth.hasher().hash(password.get<std::string>());
      if (!hashed) return session->send(errorReply({"internal", "internal"}, requestId));
      action->settings["passwordHash"] = hashed.value();
    }
    action->settings.erase("password");
  }
  auto membership = session->membership();
  if (!membership) return session->send(errorReply(kNotJoined, requestId));
  const std::string roomId = membership->room.roomId;
  const std::string actor = actorOf(session, membership->participantId);
  Result<void> result = Error{"not_joined", "The meeting is over."};
  Effects effects;
  s_.meetings.withExisting(roomId, [&](meeting::Meeting* m) {
    if (m == nullptr) return;
    meeting::Outcome out;
    result = m->moderate(membership->participantId, action.value(), out);
    effects = collect(*m, out);
  });
  carryOut(std::move(effects));
  const std::string target = "room:" + roomId + (action->target.empty() ? "" : " participant:" + action->target);
  const bool denied = !result && result.error().code == "forbidden";
  s_.audit.record({store::AuditCategory::Meeting, actor, session->identity().address,
                   "meeting." + std::string(meeting::toString(action->kind)), target,
                   result ? store::AuditOutcome::Success : denied ? store::AuditOutcome::Denied : store::AuditOutcome::Failure,
                   result ? "" : result.error().code});
  if (!result) return session->send(errorReply(result.error(), requestId));
  if (requestId) session->send(reply("ok", requestId));
}

}  // namespace dienhong::signaling
