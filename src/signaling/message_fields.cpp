#include "signaling/message_fields.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/text.hpp"
#include "meeting/room_code.hpp"
#include "meeting/room_settings.hpp"

namespace dienhong::signaling {
namespace {

const std::string* stringMember(const nlohmann::json& message, const char* name) {
  auto it = message.find(name);
  if (it == message.end() || !it->is_string()) return nullptr;
  return &it->get_ref<const std::string&>();
}

// A JSON integer >= 0: parsed text gives unsigned numbers, built values may be signed ones.
bool isNonNegativeInteger(const nlohmann::json& value) {
  return value.is_number_unsigned() || (value.is_number_integer() && value.get<int64_t>() >= 0);
}

}  // namespace

Result<std::string> readRoomCode(const nlohmann::json& message) {
  const std::string* id = stringMember(message, "roomId");
  const Error invalid{"invalid_room", "roomId must be a room code of nine digits"};
  if (id == nullptr || id->size() > 64) return invalid;
  auto code = meeting::normalizeRoomCode(*id);
  if (!code) return invalid;
  return *code;
}

Result<std::optional<std::string>> readOptionalSecret(const nlohmann::json& message, const char* name) {
  auto it = message.find(name);
  if (it == message.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string() || it->get_ref<const std::string&>().empty() || it->get_ref<const std::string&>().size() > 256) {
    return Error{"invalid_message", std::string(name) + " must be a string of 1-256 bytes"};
  }
  return std::optional<std::string>(it->get<std::string>());
}

Result<bool> readBoolean(const nlohmann::json& message, const char* name) {
  auto it = message.find(name);
  if (it == message.end() || !it->is_boolean()) {
    return Error{"invalid_message", std::string(name) + " must be true or false"};
  }
  return it->get<bool>();
}

Result<meeting::MediaSource> readMediaSource(const nlohmann::json& message) {
  const std::string* text = stringMember(message, "source");
  auto source = text ? meeting::mediaSourceFromString(*text) : std::nullopt;
  if (!source) return Error{"invalid_message", "source must be microphone, camera or screen"};
  return *source;
}

Result<std::string> readChatText(const nlohmann::json& message) {
  const std::string* text = stringMember(message, "text");
  if (text == nullptr || text->size() > 8 * 1024) return Error{"invalid_chat", "text must be a string"};
  return *text;
}

Result<std::vector<std::pair<std::string, media::TrackSource>>> readSources(const nlohmann::json& message) {
  const Error invalid{"invalid_message", "sources must map at most 16 mids to microphone, camera or screen"};
  std::vector<std::pair<std::string, media::TrackSource>> out;
  auto it = message.find("sources");
  if (it == message.end() || it->is_null()) return out;
  if (!it->is_object() || it->size() > 16) return invalid;
  for (const auto& [mid, value] : it->items()) {
    auto source = value.is_string() ? media::trackSourceFromString(value.get<std::string>()) : std::nullopt;
    if (mid.empty() || mid.size() > 32 || !source) return invalid;
    out.emplace_back(mid, *source);
  }
  return out;
}

Result<meeting::ModerationAction> readModeration(const nlohmann::json& message) {
  using K = meeting::ModerationAction::Kind;
  static const std::pair<std::string_view, K> kActions[] = {
      {"mute", K::Mute}, {"muteAll", K::MuteAll}, {"allowUnmute", K::AllowUnmute}, {"askUnmute", K::AskUnmute},
      {"stopCamera", K::StopCamera}, {"stopScreen", K::StopScreen}, {"remove", K::Remove}, {"admit", K::Admit},
      {"reject", K::Reject}, {"setRole", K::SetRole}, {"setPermissions", K::SetPermissions}, {"rename", K::Rename},
      {"lowerHand", K::LowerHand}, {"setPriority", K::SetPriority}, {"updateSettings", K::UpdateSettings},
      {"end", K::End},
  };
  const std::string* name = stringMember(message, "action");
  const auto found = std::find_if(std::begin(kActions), std::end(kActions),
                                  [&](const auto& a) { return name != nullptr && a.first == *name; });
  if (found == std::end(kActions)) return Error{"invalid_message", "unknown chair action"};
  meeting::ModerationAction action;
  action.kind = found->second;
  if (const std::string* target = stringMember(message, "target")) {
    if (target->size() > 64) return Error{"invalid_message", "target too long"};
    action.target = *target;
  }
  const auto flag = [&](const char* member) {
    auto it = message.find(member);
    return it != message.end() && it->is_boolean() && it->get<bool>();
  };
  switch (action.kind) {
    case K::MuteAll: action.flag = flag("lock"); break;
    case K::Remove: action.flag = flag("ban"); break;
    case K::SetRole: {
      const std::string* role = stringMember(message, "role");
      if (role == nullptr || (*role != "chair" && *role != "participant")) {
        return Error{"invalid_message", "role must be chair or participant"};
      }
      action.role = *role == "chair" ? meeting::Role::Chair : meeting::Role::Participant;
      break;
    }
    case K::SetPermissions: {
      auto it = message.find("permissions");
      if (it == message.end() || !it->is_object()) return Error{"invalid_message", "permissions must be an object"};
      const auto get = [&](const char* key, bool& field) {
        auto v = it->find(key);
        if (v == it->end()) return true;
        if (!v->is_boolean()) return false;
        field = v->get<bool>();
        return true;
      };
      if (!get("shareContent", action.permissions.shareContent) || !get("recordAudio", action.permissions.recordAudio) ||
          !get("recordVideo", action.permissions.recordVideo)) {
        return Error{"invalid_message", "permissions are booleans"};
      }
      break;
    }
    case K::Rename: {
      auto displayName = readDisplayName(message);
      if (!displayName) return displayName.error();
      action.name = displayName.value();
      break;
    }
    case K::SetPriority: {
      auto it = message.find("order");
      if (it == message.end() || !it->is_array() || it->size() > 256) return Error{"invalid_message", "order must be a list"};
      for (const auto& id : *it) {
        if (!id.is_string() || id.get_ref<const std::string&>().size() > 64) return Error{"invalid_message", "order lists ids"};
        action.order.push_back(id.get<std::string>());
      }
      break;
    }
    case K::UpdateSettings: {
      auto it = message.find("settings");
      if (it == message.end() || !it->is_object() || it->size() > 16) return Error{"invalid_message", "settings must be an object"};
      if (it->contains("passwordHash")) return Error{"invalid_message", "unknown setting"};
      if (auto pw = it->find("password"); pw != it->end() && !pw->is_null()) {
        if (!pw->is_string() || pw->get_ref<const std::string&>().size() < meeting::kMinRoomPasswordBytes ||
            pw->get_ref<const std::string&>().size() > meeting::kMaxRoomPasswordBytes) {
          return Error{"invalid_message", "a room password is 4-128 bytes"};
        }
      }
      action.settings = *it;
      break;
    }
    default: break;
  }
  return action;
}

Result<std::string> readDisplayName(const nlohmann::json& message) {
  const std::string* name = stringMember(message, "displayName");
  const Error invalid{"invalid_name", "displayName must be 1-64 characters of text"};
  if (name == nullptr || name->size() > 64 * 4) return invalid;
  std::string trimmed = text::trim(*name);
  const auto characters = text::countCharacters(trimmed);
  if (!characters || *characters == 0 || *characters > 64) return invalid;
  return trimmed;
}

Result<std::string> readSdp(const nlohmann::json& message) {
  const std::string* sdp = stringMember(message, "sdp");
  if (sdp == nullptr || sdp->empty() || sdp->size() > kMaxSdpBytes) {
    return Error{"invalid_sdp", "sdp must be a session description of at most 1 MiB"};
  }
  return *sdp;
}

Result<uint64_t> readUnsigned(const nlohmann::json& message, const char* name) {
  auto it = message.find(name);
  if (it == message.end() || !isNonNegativeInteger(*it)) {
    return Error{"invalid_message", std::string(name) + " must be a non-negative integer"};
  }
  return it->get<uint64_t>();
}

Result<std::vector<media::TileLayout>> readTiles(const nlohmann::json& message) {
  const Error invalid{"invalid_message", "tiles must be a list of {mid, width, height}"};
  auto it = message.find("tiles");
  if (it == message.end() || !it->is_array() || it->size() > kMaxTiles) return invalid;
  std::vector<media::TileLayout> tiles;
  tiles.reserve(it->size());
  for (const auto& tile : *it) {
    if (!tile.is_object()) return invalid;
    const std::string* mid = stringMember(tile, "mid");
    auto width = tile.find("width");
    auto height = tile.find("height");
    if (mid == nullptr || mid->empty() || mid->size() > 32 || width == tile.end() || height == tile.end() ||
        !isNonNegativeInteger(*width) || !isNonNegativeInteger(*height) || width->get<uint64_t>() > 16384 ||
        height->get<uint64_t>() > 16384) {
      return invalid;
    }
    tiles.push_back({*mid, width->get<uint32_t>(), height->get<uint32_t>()});
  }
  return tiles;
}

std::optional<int64_t> readRequestId(const nlohmann::json& message) {
  auto it = message.find("requestId");
  if (it == message.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

}  // namespace dienhong::signaling
