// The envelope of server replies (docs/signaling.md): a type, the client's requestId echoed, and
// for errors a stable code the client translates and a message for developers.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.hpp"

namespace dienhong::signaling {

inline nlohmann::json reply(std::string_view type, std::optional<int64_t> requestId) {
  nlohmann::json out = {{"type", type}};
  if (requestId) out["requestId"] = *requestId;
  return out;
}

// Messages never carry internals: an "internal" error says only that.
inline nlohmann::json errorReply(const Error& error, std::optional<int64_t> requestId) {
  nlohmann::json out = reply("error", requestId);
  out["code"] = error.code;
  out["message"] = error.code == "internal" ? "Internal error." : error.message;
  return out;
}

}  // namespace dienhong::signaling
