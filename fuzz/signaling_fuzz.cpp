// Signalling messages from the browser (docs/signaling.md): any text through JSON parsing and
// every member validator, chair actions included. Checks what a room may rely on: accepted values obey the limits.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "signaling/message_fields.hpp"

using namespace dienhong::signaling;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto message = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded() || !message.is_object()) return 0;
  if (auto room = readRoomCode(message); room && (room->size() != 9 || (*room)[0] == '0')) std::abort();
  if (auto secret = readOptionalSecret(message, "password"); secret && *secret && (*secret)->size() > 256) std::abort();
  if (auto sources = readSources(message); sources && sources->size() > 16) std::abort();
  if (auto action = readModeration(message); action) {
    if (action->target.size() > 64 || action->order.size() > 256 || action->settings.contains("passwordHash")) std::abort();
  }
  (void)readMediaSource(message);
  (void)readBoolean(message, "on");
  (void)readChatText(message);
  if (auto name = readDisplayName(message); name && (name->empty() || name->size() > 256)) std::abort();
  if (auto sdp = readSdp(message); sdp && sdp->size() > kMaxSdpBytes) std::abort();
  if (auto tiles = readTiles(message); tiles) {
    if (tiles->size() > kMaxTiles) std::abort();
    for (const auto& tile : *tiles) {
      if (tile.mid.empty() || tile.mid.size() > 32 || tile.width > 16384 || tile.height > 16384) std::abort();
    }
  }
  (void)readUnsigned(message, "version");
  (void)readRequestId(message);
  return 0;
}
