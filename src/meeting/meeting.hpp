// Meeting: the live state of one room while people are in it or waiting to enter, and every rule
// about it — who may enter and how (F4, P1), roles and per-participant permissions (A1), the
// waiting room, bans and lock, the chair's actions (F5), self-service (mic/camera/screen state,
// raised hand, display name: F1–F3, F6), chat (A6) and the chair's display-priority order (A3).
//
// Pure logic (docs/meetings.md): no sockets, no database, no clock of its own. Each operation
// returns an Outcome — messages to deliver to one participant, to everyone or to the chairs, and
// media effects (stop forwarding a participant's microphone, remove a participant) — which the
// signalling layer carries out. Whatever a client sends, the rules are applied here, on the
// server. Not thread-safe: MeetingRegistry serialises each meeting.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.hpp"
#include "store/records.hpp"

namespace dienhong::meeting {

enum class Role { Participant, Chair };
std::string_view toString(Role role);

// What a participant may do beyond talking and showing their camera (A1).
struct Permissions {
  bool shareContent = false;
  bool recordAudio = false;
  bool recordVideo = false;
  bool operator==(const Permissions&) const = default;
};

enum class MediaSource { Microphone, Camera, Screen };
std::string_view toString(MediaSource source);
std::optional<MediaSource> mediaSourceFromString(std::string_view text);

// Who is asking, as the signalling connection established it.
struct Identity {
  std::optional<std::string> userId;  // nullopt: a guest without an account
  std::string address;                // client address: guest bans and the audit log
};

struct JoinRequest {
  std::string displayName;
  Identity identity;
  bool invited = false;          // presented the room's invitation token
  bool passwordGiven = false;
  bool passwordCorrect = false;  // the caller checked it against the room's hash
};

struct Admission {
  enum class Kind { Enter, Wait, Refused };
  Kind kind = Kind::Refused;
  Role role = Role::Participant;  // Enter
  std::string lobbyId;            // Wait
  Error refusal;                  // Refused: a code the client translates
};

struct Member {
  std::string participantId;
  std::string displayName;
  Identity identity;
  Role role = Role::Participant;
  Permissions permissions;
  bool microphoneOn = false;
  bool cameraOn = false;
  bool screenOn = false;
  bool handRaised = false;
  bool microphoneLocked = false;  // muted by the chair and not allowed to unmute
};

struct LobbyEntry {
  std::string lobbyId;
  std::string displayName;
  Identity identity;
  int64_t sinceMs = 0;
};

struct Delivery {
  enum class To { One, Everyone, Chairs, Lobby };
  To to = To::Everyone;
  std::string id;  // One: a participant id; Lobby: a lobby id
  nlohmann::json message;
  std::string except;  // Everyone: all but this participant
};

struct MediaCommand {
  enum class Kind { Block, Unblock, Remove };
  Kind kind = Kind::Block;
  std::string participantId;
  MediaSource source = MediaSource::Microphone;  // Block, Unblock
  std::string reason;                            // Remove
};

struct ChatLine {
  std::string participantId;
  std::string displayName;
  std::optional<std::string> userId;
  std::string text;
  int64_t sentAtMs = 0;
};

struct Outcome {
  std::vector<Delivery> deliveries;
  std::vector<MediaCommand> media;
  std::vector<std::string> admitted;  // lobby ids let in: the caller joins them to the media room
  bool roomChanged = false;           // settings changed: the caller persists room()
  bool ended = false;                 // the chair ended the meeting for everyone
  std::optional<ChatLine> chat;       // a chat line to keep with the meeting
};

// A chair action (F5, A1, A3), already parsed from the client's message.
struct ModerationAction {
  enum class Kind {
    Mute, MuteAll, AllowUnmute, AskUnmute, StopCamera, StopScreen, Remove, Admit, Reject, SetRole,
    SetPermissions, Rename, LowerHand, SetPriority, UpdateSettings, End,
  };
  Kind kind = Kind::Mute;
  std::string target;        // a participant id; a lobby id for Admit / Reject
  bool flag = false;         // MuteAll: lock microphones; Remove: ban from rejoining
  Role role = Role::Participant;
  Permissions permissions;
  std::string name;          // Rename
  std::vector<std::string> order;  // SetPriority: participant ids, most important first
  nlohmann::json settings;   // UpdateSettings: validated members only (see applySettings)
};
std::string_view toString(ModerationAction::Kind kind);

inline constexpr size_t kMaxChatCharacters = 2000;

class Meeting {
 public:
  explicit Meeting(store::Room room) : room_(std::move(room)) {}

  const store::Room& room() const { return room_; }
  const std::map<std::string, Member>& members() const { return members_; }
  const std::vector<LobbyEntry>& lobby() const { return lobby_; }
  bool empty() const { return members_.empty() && lobby_.empty() && reserved_ == 0; }
  const Member* member(std::string_view participantId) const;

  // Decides whether a new connection enters, waits in the lobby, or is refused. Enter reserves a
  // place: follow with addMember() or cancelReservation(). Wait tells the chairs.
  Admission admit(const JoinRequest& request, int64_t nowMs, Outcome& out);
  void cancelReservation();
  // The reserved participant is in the media room: tell the others, return the `joined` payload
  // (roster, settings, priority, own role and permissions).
  nlohmann::json addMember(const std::string& participantId, const std::string& displayName,
                           const Identity& identity, Role role, Outcome& out);
  // Gone (left, dropped past the grace period, removed): tell the others.
  void removeMember(std::string_view participantId, Outcome& out);
  void leaveLobby(std::string_view lobbyId, Outcome& out);

  // Self-service. Errors: "not_joined", "unmute_not_allowed", "forbidden" (screen without the
  // permission), "invalid_name", "invalid_chat", "chat_rate_limited".
  Result<void> setMediaState(std::string_view participantId, MediaSource source, bool on, Outcome& out);
  Result<void> raiseHand(std::string_view participantId, bool raised, Outcome& out);
  Result<void> rename(std::string_view participantId, const std::string& displayName, Outcome& out);
  Result<void> chat(std::string_view participantId, const std::string& text, int64_t nowMs, Outcome& out);
  // May this participant publish from `source` now (the signalling layer asks before a publish)?
  bool mayPublish(std::string_view participantId, MediaSource source) const;

  // A chair action. Errors: "forbidden" (the actor is not a chair — the caller audits it),
  // "unknown_participant", "invalid_message", "room_full" (admitting past the limit).
  Result<void> moderate(std::string_view actorId, const ModerationAction& action, Outcome& out);

  nlohmann::json rosterJson() const;
  nlohmann::json settingsJson() const;
  nlohmann::json lobbyJson() const;

 private:
  bool isChair(std::string_view participantId) const;
  bool isBanned(const Identity& identity) const;
  size_t occupancy() const { return members_.size() + reserved_; }
  Permissions defaultPermissions() const;
  nlohmann::json memberJson(const Member& member) const;
  void announce(const Member& member, Outcome& out) const;
  void announceLobby(Outcome& out) const;
  Result<void> applySettings(const nlohmann::json& settings, Outcome& out);
  void block(Member& member, MediaSource source, Outcome& out);

  store::Room room_;
  std::map<std::string, Member> members_;
  std::vector<LobbyEntry> lobby_;
  size_t reserved_ = 0;
  uint64_t nextLobbyId_ = 1;
  std::set<std::string> chairUsers_;      // accounts made chair: chair again when they rejoin
  std::set<std::string> bannedUsers_;
  std::set<std::string> bannedAddresses_;  // guests have no account to ban
  bool microphonesLocked_ = false;         // "mute all" with unmuting forbidden
  std::vector<std::string> priority_;
  std::map<std::string, std::vector<int64_t>, std::less<>> recentChat_;  // per participant, rate limit
};

}  // namespace dienhong::meeting
