// ChatRepository: a room's chat history, written once over Database for both back-ends. Messages
// go with their room (ON DELETE CASCADE) or when the room's history is cleared; a sender's
// account may go without them, which is why sender_user_id has no foreign key.
#include <string>
#include <utility>

#include "store/database.hpp"
#include "store/guard.hpp"
#include "store/store.hpp"

namespace dienhong::store {

namespace {

ChatMessage messageFromRow(const Row& row) {
  ChatMessage message;
  message.id = row.text(0);
  message.roomId = row.text(1);
  message.senderParticipantId = row.text(2);
  message.senderName = row.text(3);
  if (!row.isNull(4)) message.senderUserId = row.text(4);
  message.body = row.text(5);
  message.sentAtMs = row.integer(6);
  return message;
}

}  // namespace

Result<void> ChatRepository::append(const ChatMessage& message) {
  return guarded("append chat message", [&]() -> Result<void> {
    auto inserted = db_.execute(
        "INSERT INTO chat_messages (id, room_id, sender_participant_id, sender_name, "
        "sender_user_id, body, sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {message.id, message.roomId, message.senderParticipantId, message.senderName,
         message.senderUserId ? Param(*message.senderUserId) : Param(nullptr), message.body,
         message.sentAtMs});
    if (!inserted) {
      if (inserted.error().code == "conflict") {
        return Error{"conflict", "a chat message with id '" + message.id + "' already exists"};
      }
      return inserted.error();
    }
    return success();
  });
}

Result<std::vector<ChatMessage>> ChatRepository::recent(std::string_view roomId, int limit) {
  return guarded("read chat", [&]() -> Result<std::vector<ChatMessage>> {
    std::vector<ChatMessage> messages;
    // A negative LIMIT means "no limit" to SQLite and an error to PostgreSQL: settle it here.
    if (limit <= 0) return messages;
    auto found = db_.execute(
        "SELECT id, room_id, sender_participant_id, sender_name, sender_user_id, body, sent_at "
        "FROM (SELECT id, room_id, sender_participant_id, sender_name, sender_user_id, body, "
        "sent_at FROM chat_messages WHERE room_id = $1 ORDER BY sent_at DESC, id DESC LIMIT $2) "
        "AS newest ORDER BY sent_at, id",
        {roomId, limit});
    if (!found) return found.error();
    messages.reserve(found->rows.size());
    for (const Row& row : found->rows) messages.push_back(messageFromRow(row));
    return messages;
  });
}

Result<void> ChatRepository::removeForRoom(std::string_view roomId) {
  return guarded("remove chat", [&]() -> Result<void> {
    auto removed = db_.execute("DELETE FROM chat_messages WHERE room_id = $1", {roomId});
    if (!removed) return removed.error();
    return success();
  });
}

}  // namespace dienhong::store
