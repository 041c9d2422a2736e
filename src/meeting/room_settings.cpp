#include "meeting/room_settings.hpp"

#include "common/text.hpp"

namespace dienhong::meeting {
namespace {

constexpr int64_t kMinParticipants = 2;
constexpr int64_t kMaxParticipants = 1000;
constexpr size_t kMaxTitleCharacters = 200;
constexpr int64_t kMaxScheduleAheadMs = 5LL * 365 * 24 * 3600 * 1000;

}  // namespace

Result<store::Room> withRoomSettings(const nlohmann::json& fields, const store::Room& room,
                                     const RoomSettingsRules& rules) {
  if (!fields.is_object()) return Error{"invalid_settings", "settings must be an object"};
  store::Room next = room;
  for (const auto& item : fields.items()) {
    const std::string& key = item.key();
    const nlohmann::json& value = item.value();
    const auto flag = [&](bool& field) {
      if (!value.is_boolean()) return false;
      field = value.get<bool>();
      return true;
    };
    bool ok = true;
    if (key == "locked") ok = flag(next.locked);
    else if (key == "lobbyEnabled") ok = flag(next.lobbyEnabled);
    else if (key == "allowGuests") ok = flag(next.allowGuests);
    else if (key == "startMuted") ok = flag(next.startMuted);
    else if (key == "mayShareContent") ok = flag(next.mayShareContent);
    else if (key == "mayRecordAudio") ok = flag(next.mayRecordAudio);
    else if (key == "mayRecordVideo") ok = flag(next.mayRecordVideo);
    else if (key == "maxParticipants") {
      ok = value.is_number_integer() && value.get<int64_t>() >= kMinParticipants &&
           value.get<int64_t>() <= kMaxParticipants;
      if (ok) next.maxParticipants = static_cast<int>(value.get<int64_t>());
    } else if (key == "title") {
      const std::string title = value.is_string() ? text::trim(value.get<std::string>()) : std::string();
      const auto characters = text::countCharacters(title);
      ok = characters && *characters >= 1 && *characters <= kMaxTitleCharacters;
      if (ok) next.title = title;
    } else if (key == "scheduledAt" && rules.allowSchedule) {
      ok = value.is_null() || (value.is_number_integer() && value.get<int64_t>() > 0 &&
                               value.get<int64_t>() < rules.nowMs + kMaxScheduleAheadMs);
      if (ok) next.scheduledAtMs = value.is_null() ? std::nullopt : std::optional<int64_t>(value.get<int64_t>());
    } else if (key == "password" && rules.hashPassword) {
      if (value.is_null()) {
        next.passwordHash.reset();
      } else {
        ok = value.is_string() && value.get_ref<const std::string&>().size() >= kMinRoomPasswordBytes &&
             value.get_ref<const std::string&>().size() <= kMaxRoomPasswordBytes;
        if (ok) {
          auto hashed = rules.hashPassword(value.get_ref<const std::string&>());
          if (!hashed) return hashed.error();
          next.passwordHash = std::move(hashed.value());
        }
      }
    } else if (key == "passwordHash" && rules.acceptPasswordHash) {
      ok = value.is_null() || value.is_string();
      if (ok) next.passwordHash = value.is_null() ? std::nullopt : std::optional<std::string>(value.get<std::string>());
    } else {
      ok = false;
    }
    if (!ok) return Error{"invalid_settings", "invalid room setting '" + key + "'"};
  }
  return next;
}

}  // namespace dienhong::meeting
