// The room settings people may change — over REST before a meeting, by a chair during one — and
// their rules, in one place (A1). A room password needs hashing, which the two callers do
// differently: REST hashes on the spot; a meeting receives `passwordHash`, made by the
// signalling layer beforehand, because argon2id must not run under the meeting lock.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.hpp"
#include "store/records.hpp"

namespace dienhong::meeting {

inline constexpr size_t kMinRoomPasswordBytes = 4;
inline constexpr size_t kMaxRoomPasswordBytes = 128;

struct RoomSettingsRules {
  int64_t nowMs = 0;
  bool allowSchedule = false;  // `scheduledAt`: a room, not a meeting in progress
  // Accepts `password` (string, or null to remove) and hashes it.
  std::function<Result<std::string>(std::string_view)> hashPassword;
  bool acceptPasswordHash = false;  // accepts `passwordHash` (string or null), already hashed
};

// `room` with every member of `fields` applied: title (1–200 characters), locked, lobbyEnabled,
// allowGuests, startMuted, mayShareContent, mayRecordAudio, mayRecordVideo (booleans),
// maxParticipants (2–1000), and what `rules` allow. All or nothing: error "invalid_settings"
// naming the first unknown or invalid member, or the hasher's error.
Result<store::Room> withRoomSettings(const nlohmann::json& fields, const store::Room& room,
                                     const RoomSettingsRules& rules);

}  // namespace dienhong::meeting
