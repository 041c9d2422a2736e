#include "meeting/meeting.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "meeting/room_code.hpp"
#include "meeting/room_settings.hpp"

namespace dienhong::meeting {
namespace {

using nlohmann::json;

constexpr size_t kMaxLobby = 200;
constexpr size_t kMaxPriority = 100;
constexpr size_t kChatBurst = 10;  // messages per participant per window
constexpr int64_t kChatWindowMs = 10'000;
constexpr size_t kMaxNameCharacters = 64;

json permissionsJson(const Permissions& p) {
  return {{"shareContent", p.shareContent}, {"recordAudio", p.recordAudio}, {"recordVideo", p.recordVideo}};
}

Permissions allPermissions() { return {true, true, true}; }

Delivery toOne(const std::string& participantId, json message) {
  return {Delivery::To::One, participantId, std::move(message), {}};
}

Delivery toEveryone(json message, std::string except = {}) {
  return {Delivery::To::Everyone, {}, std::move(message), std::move(except)};
}

// What a chair's action looks like to the participant it touches.
json moderated(std::string_view action, const Member& by) {
  return {{"type", "moderated"}, {"action", action}, {"by", by.displayName}};
}

const Error kForbidden{"forbidden", "only a chair may do this"};
const Error kUnknownParticipant{"unknown_participant", "no such participant in the meeting"};
const Error kNotJoined{"not_joined", "not in the meeting"};

}  // namespace

std::string_view toString(Role role) { return role == Role::Chair ? "chair" : "participant"; }

std::string_view toString(MediaSource source) {
  switch (source) {
    case MediaSource::Microphone: return "microphone";
    case MediaSource::Camera: return "camera";
    case MediaSource::Screen: return "screen";
  }
  return "microphone";
}

std::optional<MediaSource> mediaSourceFromString(std::string_view text) {
  if (text == "microphone") return MediaSource::Microphone;
  if (text == "camera") return MediaSource::Camera;
  if (text == "screen") return MediaSource::Screen;
  return std::nullopt;
}

std::string_view toString(ModerationAction::Kind kind) {
  using K = ModerationAction::Kind;
  switch (kind) {
    case K::Mute: return "mute";
    case K::MuteAll: return "muteAll";
    case K::AllowUnmute: return "allowUnmute";
    case K::AskUnmute: return "askUnmute";
    case K::StopCamera: return "stopCamera";
    case K::StopScreen: return "stopScreen";
    case K::Remove: return "remove";
    case K::Admit: return "admit";
    case K::Reject: return "reject";
    case K::SetRole: return "setRole";
    case K::SetPermissions: return "setPermissions";
    case K::Rename: return "rename";
    case K::LowerHand: return "lowerHand";
    case K::SetPriority: return "setPriority";
    case K::UpdateSettings: return "updateSettings";
    case K::End: return "end";
  }
  return "unknown";
}

const Member* Meeting::member(std::string_view participantId) const {
  auto it = members_.find(std::string(participantId));
  return it == members_.end() ? nullptr : &it->second;
}

bool Meeting::isChair(std::string_view participantId) const {
  const Member* m = member(participantId);
  return m != nullptr && m->role == Role::Chair;
}

bool Meeting::isBanned(const Identity& identity) const {
  if (identity.userId) return bannedUsers_.contains(*identity.userId);
  return bannedAddresses_.contains(identity.address);
}

Permissions Meeting::defaultPermissions() const {
  return {room_.mayShareContent, room_.mayRecordAudio, room_.mayRecordVideo};
}

Admission Meeting::admit(const JoinRequest& request, int64_t nowMs, Outcome& out) {
  const auto refuse = [](std::string code, std::string message) {
    return Admission{Admission::Kind::Refused, Role::Participant, {}, Error{std::move(code), std::move(message)}};
  };
  const auto& user = request.identity.userId;
  if (isBanned(request.identity)) return refuse("banned", "removed from this meeting by a chair");
  if (!user && !room_.allowGuests) return refuse("sign_in_required", "this room admits only signed-in users");
  if (occupancy() >= static_cast<size_t>(room_.maxParticipants)) {
    return refuse("room_full", "the room has reached its participant limit");
  }
  const bool owner = user && *user == room_.ownerId;
  if (owner || (user && chairUsers_.contains(*user))) {
    ++reserved_;
    return {Admission::Kind::Enter, Role::Chair, {}, {}};
  }
  if (room_.locked) return refuse("room_locked", "the room is locked");
  const bool hasPassword = room_.passwordHash.has_value();
  if (hasPassword && !request.invited) {
    // Guessing is throttled before the password is checked (AttemptLimiter, signalling layer).
    if (!request.passwordGiven) return refuse("password_required", "this room needs a password");
    if (!request.passwordCorrect) return refuse("wrong_password", "wrong room password");
  }
  // A private room: the room code alone (no invitation, no password) lets a person knock.
  const bool knock = room_.lobbyEnabled || (!request.invited && !hasPassword);
  if (knock) {
    if (lobby_.size() >= kMaxLobby) return refuse("lobby_full", "too many people are waiting");
    LobbyEntry entry{"l" + std::to_string(nextLobbyId_++), request.displayName, request.identity, nowMs};
    Admission waiting{Admission::Kind::Wait, Role::Participant, entry.lobbyId, {}};
    lobby_.push_back(std::move(entry));
    announceLobby(out);
    return waiting;
  }
  ++reserved_;
  return {Admission::Kind::Enter, Role::Participant, {}, {}};
}

void Meeting::cancelReservation() {
  if (reserved_ > 0) --reserved_;
}

json Meeting::addMember(const std::string& participantId, const std::string& displayName, const Identity& identity,
                        Role role, Outcome& out) {
  cancelReservation();
  Member m;
  m.participantId = participantId;
  m.displayName = displayName;
  m.identity = identity;
  m.role = role;
  m.permissions = role == Role::Chair ? allPermissions() : defaultPermissions();
  m.microphoneLocked = role != Role::Chair && microphonesLocked_;
  const Member& added = members_.emplace(participantId, std::move(m)).first->second;
  out.deliveries.push_back(toEveryone({{"type", "participantJoined"}, {"participant", memberJson(added)}}, participantId));

  json joined = {{"role", toString(role)}, {"permissions", permissionsJson(added.permissions)},
                 {"participants", json::array()}, {"settings", settingsJson()}, {"priority", priority_},
                 {"startMuted", room_.startMuted || added.microphoneLocked}, {"microphoneLocked", added.microphoneLocked}};
  for (const auto& [id, other] : members_) {
    if (id != participantId) joined["participants"].push_back(memberJson(other));
  }
  if (role == Role::Chair) joined["lobby"] = lobbyJson();
  return joined;
}

void Meeting::removeMember(std::string_view participantId, Outcome& out) {
  auto it = members_.find(std::string(participantId));
  if (it == members_.end()) return;
  members_.erase(it);
  recentChat_.erase(std::string(participantId));
  std::erase(priority_, std::string(participantId));
  out.deliveries.push_back(toEveryone({{"type", "participantLeft"}, {"participantId", participantId}}));
}

void Meeting::leaveLobby(std::string_view lobbyId, Outcome& out) {
  const auto before = lobby_.size();
  std::erase_if(lobby_, [&](const LobbyEntry& e) { return e.lobbyId == lobbyId; });
  if (lobby_.size() != before) announceLobby(out);
}

Result<void> Meeting::setMediaState(std::string_view participantId, MediaSource source, bool on, Outcome& out) {
  auto it = members_.find(std::string(participantId));
  if (it == members_.end()) return kNotJoined;
  Member& m = it->second;
  bool* state = source == MediaSource::Microphone ? &m.microphoneOn : source == MediaSource::Camera ? &m.cameraOn : &m.screenOn;
  if (on && source == MediaSource::Microphone && m.microphoneLocked) {
    return Error{"unmute_not_allowed", "a chair has muted everyone and does not allow unmuting"};
  }
  if (on && source == MediaSource::Screen && !m.permissions.shareContent) {
    return Error{"forbidden", "no permission to share content"};
  }
  if (*state == on) return success();
  *state = on;
  // Turning a source on again lifts a chair's stop on it (the stop was not a lock).
  if (on) out.media.push_back({MediaCommand::Kind::Unblock, m.participantId, source, {}});
  announce(m, out);
  return success();
}

bool Meeting::mayPublish(std::string_view participantId, MediaSource source) const {
  const Member* m = member(participantId);
  if (m == nullptr) return false;
  return source != MediaSource::Screen || m->permissions.shareContent;
}

Result<void> Meeting::raiseHand(std::string_view participantId, bool raised, Outcome& out) {
  auto it = members_.find(std::string(participantId));
  if (it == members_.end()) return kNotJoined;
  if (it->second.handRaised == raised) return success();
  it->second.handRaised = raised;
  announce(it->second, out);
  return success();
}

Result<void> Meeting::rename(std::string_view participantId, const std::string& displayName, Outcome& out) {
  auto it = members_.find(std::string(participantId));
  if (it == members_.end()) return kNotJoined;
  const std::string name = text::trim(displayName);
  const auto characters = text::countCharacters(name);
  if (!characters || *characters == 0 || *characters > kMaxNameCharacters) {
    return Error{"invalid_name", "displayName must be 1-64 characters of text"};
  }
  it->second.displayName = name;
  announce(it->second, out);
  return success();
}

Result<void> Meeting::chat(std::string_view participantId, const std::string& body, int64_t nowMs, Outcome& out) {
  auto it = members_.find(std::string(participantId));
  if (it == members_.end()) return kNotJoined;
  const std::string message = text::trim(body);
  const auto characters = text::countCharacters(message, /*allowLineBreaks=*/true);
  if (!characters || *characters == 0 || *characters > kMaxChatCharacters) {
    return Error{"invalid_chat", "a chat message is 1-2000 characters of text"};
  }
  auto& times = recentChat_[std::string(participantId)];
  std::erase_if(times, [&](int64_t t) { return nowMs - t >= kChatWindowMs; });
  if (times.size() >= kChatBurst) return Error{"chat_rate_limited", "too many messages; wait a moment"};
  times.push_back(nowMs);
  const Member& m = it->second;
  out.chat = ChatLine{m.participantId, m.displayName, m.identity.userId, message, nowMs};
  return success();
}

void Meeting::block(Member& m, MediaSource source, Outcome& out) {
  bool* state = source == MediaSource::Microphone ? &m.microphoneOn : source == MediaSource::Camera ? &m.cameraOn : &m.screenOn;
  *state = false;
  out.media.push_back({MediaCommand::Kind::Block, m.participantId, source, {}});
}

Result<void> Meeting::moderate(std::string_view actorId, const ModerationAction& action, Outcome& out) {
  using K = ModerationAction::Kind;
  auto actorIt = members_.find(std::string(actorId));
  if (actorIt == members_.end()) return kNotJoined;
  if (actorIt->second.role != Role::Chair) return kForbidden;
  const Member& actor = actorIt->second;

  // Actions on one participant: the target must be in the meeting.
  Member* target = nullptr;
  const bool onParticipant = action.kind != K::MuteAll && action.kind != K::SetPriority &&
                             action.kind != K::UpdateSettings && action.kind != K::End && action.kind != K::Admit &&
                             action.kind != K::Reject && !(action.kind == K::AllowUnmute && action.target.empty());
  if (onParticipant) {
    auto it = members_.find(action.target);
    if (it == members_.end()) return kUnknownParticipant;
    target = &it->second;
  }

  switch (action.kind) {
    case K::Mute:
      block(*target, MediaSource::Microphone, out);
      out.deliveries.push_back(toOne(target->participantId, moderated("mute", actor)));
      announce(*target, out);
      break;
    case K::MuteAll:
      microphonesLocked_ = action.flag;
      for (auto& [id, m] : members_) {
        if (m.role == Role::Chair) continue;
        block(m, MediaSource::Microphone, out);
        m.microphoneLocked = action.flag;
        announce(m, out);
      }
      out.deliveries.push_back(toEveryone(
          {{"type", "moderated"}, {"action", "muteAll"}, {"by", actor.displayName}, {"locked", action.flag}}));
      break;
    case K::AllowUnmute:
      if (target == nullptr) {
        microphonesLocked_ = false;
        for (auto& [id, m] : members_) {
          if (!m.microphoneLocked) continue;
          m.microphoneLocked = false;
          announce(m, out);
        }
        out.deliveries.push_back(toEveryone(moderated("allowUnmute", actor)));
      } else {
        target->microphoneLocked = false;
        announce(*target, out);
        out.deliveries.push_back(toOne(target->participantId, moderated("allowUnmute", actor)));
      }
      break;
    case K::AskUnmute:
      // Asking implies allowing: the participant decides (nobody's microphone opens remotely).
      target->microphoneLocked = false;
      announce(*target, out);
      out.deliveries.push_back(toOne(target->participantId, moderated("askUnmute", actor)));
      break;
    case K::StopCamera:
      block(*target, MediaSource::Camera, out);
      out.deliveries.push_back(toOne(target->participantId, moderated("stopCamera", actor)));
      announce(*target, out);
      break;
    case K::StopScreen:
      block(*target, MediaSource::Screen, out);
      out.deliveries.push_back(toOne(target->participantId, moderated("stopScreen", actor)));
      announce(*target, out);
      break;
    case K::Remove:
      if (target->identity.userId && *target->identity.userId == room_.ownerId) {
        return Error{"forbidden", "the room owner cannot be removed"};
      }
      if (action.flag) {
        if (target->identity.userId) {
          bannedUsers_.insert(*target->identity.userId);
        } else {
          bannedAddresses_.insert(target->identity.address);
        }
      }
      // The media room tells the participant (`removed`) as it lets them go.
      out.media.push_back({MediaCommand::Kind::Remove, target->participantId, MediaSource::Microphone,
                           action.flag ? "banned" : "removed"});
      break;
    case K::Admit: {
      auto entry = std::find_if(lobby_.begin(), lobby_.end(), [&](const LobbyEntry& e) { return e.lobbyId == action.target; });
      if (entry == lobby_.end()) return kUnknownParticipant;
      if (occupancy() >= static_cast<size_t>(room_.maxParticipants)) {
        return Error{"room_full", "the room has reached its participant limit"};
      }
      ++reserved_;
      out.admitted.push_back(entry->lobbyId);
      lobby_.erase(entry);
      announceLobby(out);
      break;
    }
    case K::Reject: {
      auto entry = std::find_if(lobby_.begin(), lobby_.end(), [&](const LobbyEntry& e) { return e.lobbyId == action.target; });
      if (entry == lobby_.end()) return kUnknownParticipant;
      out.deliveries.push_back({Delivery::To::Lobby, entry->lobbyId, {{"type", "lobbyRejected"}}, {}});
      lobby_.erase(entry);
      announceLobby(out);
      break;
    }
    case K::SetRole:
      if (action.role == Role::Participant && target->identity.userId && *target->identity.userId == room_.ownerId) {
        return Error{"forbidden", "the room owner is always a chair"};
      }
      target->role = action.role;
      target->permissions = action.role == Role::Chair ? allPermissions() : defaultPermissions();
      if (target->identity.userId) {
        if (action.role == Role::Chair) {
          chairUsers_.insert(*target->identity.userId);
        } else {
          chairUsers_.erase(*target->identity.userId);
        }
      }
      // A chair is never locked; a demoted chair falls under a "mute all" lock still in force.
      target->microphoneLocked = action.role == Role::Participant && microphonesLocked_;
      if (target->screenOn && !target->permissions.shareContent) block(*target, MediaSource::Screen, out);
      out.deliveries.push_back(toOne(target->participantId, {{"type", "roleChanged"}, {"role", toString(action.role)},
                                                             {"permissions", permissionsJson(target->permissions)},
                                                             {"lobby", action.role == Role::Chair ? lobbyJson() : json::array()},
                                                             {"by", actor.displayName}}));
      announce(*target, out);
      break;
    case K::SetPermissions:
      if (target->role == Role::Chair) return Error{"forbidden", "chairs have every permission"};
      target->permissions = action.permissions;
      if (target->screenOn && !action.permissions.shareContent) {
        block(*target, MediaSource::Screen, out);
        out.deliveries.push_back(toOne(target->participantId, moderated("stopScreen", actor)));
      }
      out.deliveries.push_back(toOne(target->participantId, {{"type", "permissionsChanged"},
                                                             {"permissions", permissionsJson(action.permissions)},
                                                             {"by", actor.displayName}}));
      announce(*target, out);
      break;
    case K::Rename:
      return rename(target->participantId, action.name, out);
    case K::LowerHand:
      return raiseHand(target->participantId, false, out);
    case K::SetPriority: {
      std::vector<std::string> order;
      for (const auto& id : action.order) {
        if (order.size() == kMaxPriority) break;
        if (members_.contains(id) && std::find(order.begin(), order.end(), id) == order.end()) order.push_back(id);
      }
      priority_ = std::move(order);
      out.deliveries.push_back(toEveryone({{"type", "priority"}, {"order", priority_}, {"by", actor.displayName}}));
      break;
    }
    case K::UpdateSettings:
      return applySettings(action.settings, out);
    case K::End:
      // Members hear `removed` ("ended") from the media room as it lets each of them go.
      for (const auto& entry : lobby_) out.deliveries.push_back({Delivery::To::Lobby, entry.lobbyId, {{"type", "meetingEnded"}}, {}});
      for (const auto& [id, m] : members_) out.media.push_back({MediaCommand::Kind::Remove, id, MediaSource::Microphone, "ended"});
      lobby_.clear();
      priority_.clear();
      microphonesLocked_ = false;
      out.ended = true;
      break;
  }
  return success();
}

Result<void> Meeting::applySettings(const json& settings, Outcome& out) {
  RoomSettingsRules rules;
  rules.acceptPasswordHash = true;
  auto next = withRoomSettings(settings, room_, rules);
  if (!next) return Error{"invalid_message", next.error().message};
  const Permissions before = defaultPermissions();
  room_ = std::move(next.value());
  out.roomChanged = true;
  const Permissions defaults = defaultPermissions();
  if (!(defaults == before)) {
    for (auto& [id, m] : members_) {
      if (m.role == Role::Chair || m.permissions == defaults) continue;
      m.permissions = defaults;
      if (m.screenOn && !defaults.shareContent) block(m, MediaSource::Screen, out);
      out.deliveries.push_back(toOne(id, {{"type", "permissionsChanged"}, {"permissions", permissionsJson(defaults)}}));
      announce(m, out);
    }
  }
  out.deliveries.push_back(toEveryone({{"type", "roomSettings"}, {"settings", settingsJson()}}));
  return success();
}

json Meeting::memberJson(const Member& m) const {
  return {{"participantId", m.participantId}, {"displayName", m.displayName}, {"role", toString(m.role)},
          {"guest", !m.identity.userId.has_value()}, {"microphone", m.microphoneOn}, {"camera", m.cameraOn},
          {"screen", m.screenOn}, {"handRaised", m.handRaised}, {"microphoneLocked", m.microphoneLocked},
          {"permissions", permissionsJson(m.permissions)}};
}

void Meeting::announce(const Member& m, Outcome& out) const {
  out.deliveries.push_back(toEveryone({{"type", "participantUpdated"}, {"participant", memberJson(m)}}));
}

void Meeting::announceLobby(Outcome& out) const {
  out.deliveries.push_back({Delivery::To::Chairs, {}, {{"type", "lobby"}, {"waiting", lobbyJson()}}, {}});
}

json Meeting::rosterJson() const {
  json out = json::array();
  for (const auto& [id, m] : members_) out.push_back(memberJson(m));
  return out;
}

json Meeting::settingsJson() const {
  return {{"roomId", room_.id},
          {"roomCode", formatRoomCode(room_.id)},
          {"title", room_.title},
          {"locked", room_.locked},
          {"lobbyEnabled", room_.lobbyEnabled},
          {"allowGuests", room_.allowGuests},
          {"maxParticipants", room_.maxParticipants},
          {"startMuted", room_.startMuted},
          {"passwordProtected", room_.passwordHash.has_value()},
          {"defaultPermissions", permissionsJson(defaultPermissions())}};
}

json Meeting::lobbyJson() const {
  json out = json::array();
  for (const auto& e : lobby_) {
    out.push_back({{"lobbyId", e.lobbyId}, {"displayName", e.displayName}, {"guest", !e.identity.userId.has_value()},
                   {"since", e.sinceMs}});
  }
  return out;
}

}  // namespace dienhong::meeting
