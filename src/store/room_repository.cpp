// RoomRepository: meeting rooms, written once over Database for both back-ends. A room row holds
// the hash of its invite token, like a session row, so that a copy of the database opens no
// meeting; rooms go when their owner does (ON DELETE CASCADE) and take their chat with them.
#include <string>
#include <utility>

#include "store/database.hpp"
#include "store/guard.hpp"
#include "store/store.hpp"

namespace dienhong::store {

namespace {

constexpr std::string_view kSelectRoom =
    "SELECT id, owner_id, title, scheduled_at, invite_token_hash, password_hash, locked, "
    "lobby_enabled, allow_guests, max_participants, start_muted, may_share_content, "
    "may_record_audio, may_record_video, created_at, updated_at FROM rooms ";

// NULL for an absent value. Text is borrowed from the optional, which outlives the statement.
Param nullable(const std::optional<int64_t>& value) {
  return value ? Param(*value) : Param(nullptr);
}
Param nullable(const std::optional<std::string>& value) {
  return value ? Param(*value) : Param(nullptr);
}

Room roomFromRow(const Row& row) {
  Room room;
  room.id = row.text(0);
  room.ownerId = row.text(1);
  room.title = row.text(2);
  if (!row.isNull(3)) room.scheduledAtMs = row.integer(3);
  room.inviteTokenHash = row.text(4);
  if (!row.isNull(5)) room.passwordHash = row.text(5);
  room.locked = row.boolean(6);
  room.lobbyEnabled = row.boolean(7);
  room.allowGuests = row.boolean(8);
  room.maxParticipants = static_cast<int>(row.integer(9));
  room.startMuted = row.boolean(10);
  room.mayShareContent = row.boolean(11);
  room.mayRecordAudio = row.boolean(12);
  room.mayRecordVideo = row.boolean(13);
  room.createdAtMs = row.integer(14);
  room.updatedAtMs = row.integer(15);
  return room;
}

Result<std::optional<Room>> oneRoom(Result<QueryResult> result) {
  if (!result) return result.error();
  if (result->rows.empty()) return std::optional<Room>();
  return std::optional<Room>(roomFromRow(result->rows.front()));
}

// The token hash is a credential's fingerprint: messages name the room only.
Error conflictFor(std::string_view id) {
  return Error{"conflict",
               "room id '" + std::string(id) + "' or its invite token is already in use"};
}

Error notFound(std::string_view id) {
  return Error{"not_found", "no room with id '" + std::string(id) + "'"};
}

}  // namespace

Result<void> RoomRepository::create(const Room& room) {
  return guarded("create room", [&]() -> Result<void> {
    auto inserted = db_.execute(
        "INSERT INTO rooms (id, owner_id, title, scheduled_at, invite_token_hash, password_hash, "
        "locked, lobby_enabled, allow_guests, max_participants, start_muted, may_share_content, "
        "may_record_audio, may_record_video, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        {room.id, room.ownerId, room.title, nullable(room.scheduledAtMs), room.inviteTokenHash,
         nullable(room.passwordHash), room.locked, room.lobbyEnabled, room.allowGuests,
         room.maxParticipants, room.startMuted, room.mayShareContent, room.mayRecordAudio,
         room.mayRecordVideo, room.createdAtMs, room.updatedAtMs});
    if (!inserted) {
      if (inserted.error().code == "conflict") return conflictFor(room.id);
      return inserted.error();
    }
    return success();
  });
}

Result<std::optional<Room>> RoomRepository::findById(std::string_view id) {
  return guarded("find room", [&]() -> Result<std::optional<Room>> {
    return oneRoom(db_.execute(std::string(kSelectRoom) + "WHERE id = $1", {id}));
  });
}

Result<std::optional<Room>> RoomRepository::findByInviteTokenHash(
    std::string_view inviteTokenHash) {
  return guarded("find room", [&]() -> Result<std::optional<Room>> {
    return oneRoom(
        db_.execute(std::string(kSelectRoom) + "WHERE invite_token_hash = $1", {inviteTokenHash}));
  });
}

Result<std::vector<Room>> RoomRepository::listByOwner(std::string_view ownerId) {
  return guarded("list rooms", [&]() -> Result<std::vector<Room>> {
    // The back-ends disagree on where NULL sorts (SQLite first, PostgreSQL last), so say it.
    auto listed = db_.execute(std::string(kSelectRoom) +
                                  "WHERE owner_id = $1 ORDER BY CASE WHEN scheduled_at IS NULL "
                                  "THEN 1 ELSE 0 END, scheduled_at, created_at, id",
                              {ownerId});
    if (!listed) return listed.error();
    std::vector<Room> rooms;
    rooms.reserve(listed->rows.size());
    for (const Row& row : listed->rows) rooms.push_back(roomFromRow(row));
    return rooms;
  });
}

Result<void> RoomRepository::update(const Room& room) {
  return guarded("update room", [&]() -> Result<void> {
    auto updated = db_.execute(
        "UPDATE rooms SET title = $2, scheduled_at = $3, invite_token_hash = $4, "
        "password_hash = $5, locked = $6, lobby_enabled = $7, allow_guests = $8, "
        "max_participants = $9, start_muted = $10, may_share_content = $11, "
        "may_record_audio = $12, may_record_video = $13, updated_at = $14 WHERE id = $1",
        {room.id, room.title, nullable(room.scheduledAtMs), room.inviteTokenHash,
         nullable(room.passwordHash), room.locked, room.lobbyEnabled, room.allowGuests,
         room.maxParticipants, room.startMuted, room.mayShareContent, room.mayRecordAudio,
         room.mayRecordVideo, room.updatedAtMs});
    if (!updated) {
      if (updated.error().code == "conflict") return conflictFor(room.id);
      return updated.error();
    }
    if (updated->affectedRows == 0) return notFound(room.id);
    return success();
  });
}

Result<void> RoomRepository::updateInviteTokenHash(std::string_view id,
                                                   std::string_view inviteTokenHash,
                                                   int64_t nowMs) {
  return guarded("update room invite", [&]() -> Result<void> {
    auto updated =
        db_.execute("UPDATE rooms SET invite_token_hash = $2, updated_at = $3 WHERE id = $1",
                    {id, inviteTokenHash, nowMs});
    if (!updated) {
      if (updated.error().code == "conflict") return conflictFor(id);
      return updated.error();
    }
    if (updated->affectedRows == 0) return notFound(id);
    return success();
  });
}

Result<void> RoomRepository::remove(std::string_view id) {
  return guarded("remove room", [&]() -> Result<void> {
    auto removed = db_.execute("DELETE FROM rooms WHERE id = $1", {id});
    if (!removed) return removed.error();
    if (removed->affectedRows == 0) return notFound(id);
    return success();
  });
}

}  // namespace dienhong::store
