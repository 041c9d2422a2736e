#include "signaling/message_fields.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace dienhong::signaling {
namespace {

const std::string* stringMember(const nlohmann::json& message, const char* name) {
  auto it = message.find(name);
  if (it == message.end() || !it->is_string()) return nullptr;
  return &it->get_ref<const std::string&>();
}

// Counts the code points of valid UTF-8 without C0/C1 controls; nullopt if invalid.
std::optional<size_t> countCharacters(std::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return std::nullopt;
    uint32_t cp = length == 1 ? lead : lead & (0x3F >> (length - 1));
    for (size_t k = 1; k < length; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (c & 0x3F);
    }
    const bool overlong = (length == 2 && cp < 0x80) || (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return std::nullopt;
    i += length;
    ++count;
  }
  return count;
}

// A JSON integer >= 0: parsed text gives unsigned numbers, built values may be signed ones.
bool isNonNegativeInteger(const nlohmann::json& value) {
  return value.is_number_unsigned() || (value.is_number_integer() && value.get<int64_t>() >= 0);
}

}  // namespace

Result<std::string> readRoomId(const nlohmann::json& message) {
  const std::string* id = stringMember(message, "roomId");
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  };
  if (id == nullptr || id->size() < 3 || id->size() > 64 || !std::all_of(id->begin(), id->end(), allowed)) {
    return Error{"invalid_room", "roomId must be 3-64 letters, digits or '-'"};
  }
  return *id;
}

Result<std::string> readDisplayName(const nlohmann::json& message) {
  const std::string* name = stringMember(message, "displayName");
  const Error invalid{"invalid_name", "displayName must be 1-64 characters of text"};
  if (name == nullptr || name->size() > 64 * 4) return invalid;
  const auto first = name->find_first_not_of(" \t");
  if (first == std::string::npos) return invalid;
  const auto last = name->find_last_not_of(" \t");
  std::string trimmed = name->substr(first, last - first + 1);
  const auto characters = countCharacters(trimmed);
  if (!characters || *characters == 0 || *characters > 64) return invalid;
  return trimmed;
}

Result<std::string> readSdp(const nlohmann::json& message) {
  const std::string* sdp = stringMember(message, "sdp");
  if (sdp == nullptr || sdp->empty() || sdp->size() > kMaxSdpBytes) {
    return Error{"invalid_sdp", "sdp must be a session description of at most 64 KiB"};
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
