// ChatRepository against both back-ends: round trips (a guest's NULL user id included), the
// newest-N window in chronological order, conflicts, the foreign key to rooms, clearing a room's
// history, and messages outliving their sender's account.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace dienhong::store::test {
namespace {

std::vector<std::string> idsOf(const std::vector<ChatMessage>& messages) {
  std::vector<std::string> ids;
  for (const ChatMessage& message : messages) ids.push_back(message.id);
  return ids;
}

std::vector<std::string> recentIds(Store& store, std::string_view roomId, int limit) {
  auto recent = store.chat().recent(roomId, limit);
  EXPECT_TRUE(recent) << recent.error().message;
  return recent ? idsOf(*recent) : std::vector<std::string>{};
}

TEST_P(StoreBackendTest, AppendedChatMessagesRoundTripWithAndWithoutUser) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->rooms().create(sampleRoom("100000001", "u-1", "hash-1")));
  ChatMessage member = sampleChatMessage("m-1", "100000001", 1'700'000'000'001);
  member.body = "'); DROP TABLE chat_messages; -- $1 🎉\nDòng hai";
  ChatMessage guest = sampleChatMessage("m-2", "100000001", 4'102'444'800'000);
  guest.senderParticipantId = "p-guest";
  guest.senderName = "Khách";
  guest.senderUserId.reset();
  ASSERT_TRUE(store->chat().append(member));
  auto appended = store->chat().append(guest);
  ASSERT_TRUE(appended) << appended.error().message;

  auto recent = store->chat().recent("100000001", 10);
  ASSERT_TRUE(recent) << recent.error().message;
  ASSERT_EQ(recent->size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const ChatMessage& got = (*recent)[i];
    const ChatMessage& want = i == 0 ? member : guest;
    EXPECT_EQ(got.id, want.id);
    EXPECT_EQ(got.roomId, want.roomId);
    EXPECT_EQ(got.senderParticipantId, want.senderParticipantId);
    EXPECT_EQ(got.senderName, want.senderName);
    EXPECT_EQ(got.senderUserId, want.senderUserId);
    EXPECT_EQ(got.body, want.body);
    EXPECT_EQ(got.sentAtMs, want.sentAtMs);
  }
  EXPECT_EQ((*recent)[1].senderUserId, std::nullopt);
}

TEST_P(StoreBackendTest, RecentChatIsTheNewestMessagesOldestFirst) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->rooms().create(sampleRoom("100000001", "u-1", "hash-1")));
  ASSERT_TRUE(store->rooms().create(sampleRoom("100000002", "u-1", "hash-2")));
  // Appended out of order: the order comes from sent_at, then id, never from insertion.
  for (const auto& [id, at] : std::vector<std::pair<const char*, int64_t>>{
           {"m-3", 30}, {"m-1", 10}, {"m-5", 50}, {"m-2", 20}, {"m-4b", 40}, {"m-4a", 40}}) {
    ASSERT_TRUE(store->chat().append(sampleChatMessage(id, "100000001", at)));
  }
  ASSERT_TRUE(store->chat().append(sampleChatMessage("other", "100000002", 60)));

  EXPECT_EQ(recentIds(*store, "100000001", 3), (std::vector<std::string>{"m-4a", "m-4b", "m-5"}));
  EXPECT_EQ(recentIds(*store, "100000001", 1), (std::vector<std::string>{"m-5"}));
  EXPECT_EQ(recentIds(*store, "100000001", 100),
            (std::vector<std::string>{"m-1", "m-2", "m-3", "m-4a", "m-4b", "m-5"}));
  EXPECT_TRUE(recentIds(*store, "100000001", 0).empty());
  EXPECT_TRUE(recentIds(*store, "100000001", -1).empty());
  EXPECT_TRUE(recentIds(*store, "999999999", 10).empty());
}

TEST_P(StoreBackendTest, DuplicateChatMessageIdIsConflict) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->rooms().create(sampleRoom("100000001", "u-1", "hash-1")));
  ASSERT_TRUE(store->chat().append(sampleChatMessage("m-1", "100000001", 1)));
  auto again = store->chat().append(sampleChatMessage("m-1", "100000001", 2));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "conflict");
}

TEST_P(StoreBackendTest, ChatMessageForUnknownRoomIsRefused) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  auto appended = store->chat().append(sampleChatMessage("m-1", "999999999", 1));
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.error().code, "database_error");
  EXPECT_TRUE(recentIds(*store, "999999999", 10).empty());
}

TEST_P(StoreBackendTest, RemoveForRoomClearsOnlyThatRoomsChat) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_NO_FATAL_FAILURE(seedTwoRoomsWithChat(*store));

  auto removed = store->chat().removeForRoom("100000001");
  ASSERT_TRUE(removed) << removed.error().message;
  EXPECT_TRUE(recentIds(*store, "100000001", 10).empty());
  EXPECT_EQ(recentIds(*store, "100000002", 10), (std::vector<std::string>{"m-3"}));
  EXPECT_TRUE(store->chat().removeForRoom("100000001"));  // nothing left: not an error
  auto room = store->rooms().findById("100000001");
  ASSERT_TRUE(room);
  EXPECT_TRUE(room->has_value()) << "clearing the chat leaves the room";
}

TEST_P(StoreBackendTest, ChatMessagesOutliveTheSendersAccount) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->users().create(sampleUser("u-2", "bob")));
  ASSERT_TRUE(store->rooms().create(sampleRoom("100000001", "u-1", "hash-1")));
  ChatMessage message = sampleChatMessage("m-1", "100000001", 1);
  message.senderUserId = "u-2";
  ASSERT_TRUE(store->chat().append(message));

  auto raw = openRawDatabase();
  ASSERT_NE(raw, nullptr);
  ASSERT_TRUE(raw->execute("DELETE FROM users WHERE id = $1", {"u-2"}));
  auto recent = store->chat().recent("100000001", 10);
  ASSERT_TRUE(recent);
  ASSERT_EQ(recent->size(), 1u);
  EXPECT_EQ(recent->front().senderUserId, std::optional<std::string>("u-2"));
}

}  // namespace
}  // namespace dienhong::store::test
