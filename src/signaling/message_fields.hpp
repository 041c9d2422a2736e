// Validation of the members of client signalling messages (docs/signaling.md): each reader
// returns the value or an Error whose code the client translates. Nothing here trusts the
// client: lengths, character sets and ranges are checked before any value reaches a room.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "common/result.hpp"
#include "media/room/participant_observer.hpp"
#include "meeting/meeting.hpp"

namespace dienhong::signaling {

// A subscribe answer has two sections per other participant, each ~600 bytes from Chromium:
// 1 MiB holds a room of several hundred (the load generator's 40- and 100-endpoint rooms need
// 50 and 130 KiB).
inline constexpr size_t kMaxSdpBytes = 1024 * 1024;
inline constexpr size_t kMaxTiles = 256;

// `roomId`: a room code, nine digits, spaces or dashes between them allowed; the bare digits.
// Error "invalid_room".
Result<std::string> readRoomCode(const nlohmann::json& message);
// An optional string member of 1–256 bytes (invitation token, room password). Error "invalid_message".
Result<std::optional<std::string>> readOptionalSecret(const nlohmann::json& message, const char* name);
// Error "invalid_message".
Result<bool> readBoolean(const nlohmann::json& message, const char* name);
// `source`: "microphone", "camera" or "screen". Error "invalid_message".
Result<meeting::MediaSource> readMediaSource(const nlohmann::json& message);
// `text`: at most 8 KiB here; the meeting checks characters and length. Error "invalid_chat".
Result<std::string> readChatText(const nlohmann::json& message);
// `sources` of a publish (optional): { mid: source }, at most 16. Error "invalid_message".
Result<std::vector<std::pair<std::string, media::TrackSource>>> readSources(const nlohmann::json& message);
// A `moderate` message (docs/signaling.md, chair actions). Error "invalid_message".
Result<meeting::ModerationAction> readModeration(const nlohmann::json& message);
// 1–64 Unicode characters of valid UTF-8 after trimming, no control characters. Error "invalid_name".
Result<std::string> readDisplayName(const nlohmann::json& message);
// A string of at most kMaxSdpBytes. Error "invalid_sdp".
Result<std::string> readSdp(const nlohmann::json& message);
// A non-negative integer member. Error "invalid_message".
Result<uint64_t> readUnsigned(const nlohmann::json& message, const char* name);
// Error "invalid_message".
Result<std::vector<media::TileLayout>> readTiles(const nlohmann::json& message);
std::optional<int64_t> readRequestId(const nlohmann::json& message);

}  // namespace dienhong::signaling
