// The `stats` signalling message body (docs/signaling.md, Statistics) from a room's figures.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "media/room/media_room.hpp"

namespace dienhong::signaling {

nlohmann::json statsJson(const media::RoomParticipantStats& stats);

}  // namespace dienhong::signaling
