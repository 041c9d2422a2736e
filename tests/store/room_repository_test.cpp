// RoomRepository against both back-ends: round trips (NULL schedule and password included),
// lookups by invite token hash, conflicts, listing order, updates, removal, and the foreign keys
// (refused for an unknown owner, cascaded when the owner goes, taking the chat with the room).
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace dienhong::store::test {
namespace {

std::optional<Room> findRoom(Store& store, std::string_view id) {
  auto found = store.rooms().findById(id);
  EXPECT_TRUE(found) << found.error().message;
  return found ? *found : std::nullopt;
}

void expectSameRoom(const Room& got, const Room& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.ownerId, want.ownerId);
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.scheduledAtMs, want.scheduledAtMs);
  EXPECT_EQ(got.inviteTokenHash, want.inviteTokenHash);
  EXPECT_EQ(got.passwordHash, want.passwordHash);
  EXPECT_EQ(got.locked, want.locked);
  EXPECT_EQ(got.lobbyEnabled, want.lobbyEnabled);
  EXPECT_EQ(got.allowGuests, want.allowGuests);
  EXPECT_EQ(got.maxParticipants, want.maxParticipants);
  EXPECT_EQ(got.startMuted, want.startMuted);
  EXPECT_EQ(got.mayShareContent, want.mayShareContent);
  EXPECT_EQ(got.mayRecordAudio, want.mayRecordAudio);
  EXPECT_EQ(got.mayRecordVideo, want.mayRecordVideo);
  EXPECT_EQ(got.createdAtMs, want.createdAtMs);
  EXPECT_EQ(got.updatedAtMs, want.updatedAtMs);
}

Room inverted(Room room) {
  room.locked = !room.locked;
  room.lobbyEnabled = !room.lobbyEnabled;
  room.allowGuests = !room.allowGuests;
  room.startMuted = !room.startMuted;
  room.mayShareContent = !room.mayShareContent;
  room.mayRecordAudio = !room.mayRecordAudio;
  room.mayRecordVideo = !room.mayRecordVideo;
  return room;
}

TEST_P(StoreBackendTest, CreatedRoomIsFoundByIdWithEveryField) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  Room room = sampleRoom("123456789", "u-1", "hash-1");
  room.scheduledAtMs = 4'102'444'800'000;  // 2100: needs more than 32 bits
  room.maxParticipants = 1000;
  const Room other = inverted(sampleRoom("987654321", "u-1", "hash-2"));
  ASSERT_TRUE(store->rooms().create(room));
  auto created = store->rooms().create(other);
  ASSERT_TRUE(created) << created.error().message;

  auto found = findRoom(*store, "123456789");
  ASSERT_TRUE(found.has_value());
  expectSameRoom(*found, room);
  auto foundOther = findRoom(*store, "987654321");
  ASSERT_TRUE(foundOther.has_value());
  expectSameRoom(*foundOther, other);
}

TEST_P(StoreBackendTest, InstantRoomWithoutPasswordKeepsBothNull) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  Room room = sampleRoom("100000001", "u-1", "hash-1");
  room.scheduledAtMs.reset();
  room.passwordHash.reset();
  ASSERT_TRUE(store->rooms().create(room));

  auto found = findRoom(*store, "100000001");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->scheduledAtMs, std::nullopt);
  EXPECT_EQ(found->passwordHash, std::nullopt);
  expectSameRoom(*found, room);

  auto raw = openRawDatabase();
  ASSERT_NE(raw, nullptr);
  auto nulls = raw->execute(
      "SELECT COUNT(*) FROM rooms WHERE scheduled_at IS NULL AND password_hash IS NULL");
  ASSERT_TRUE(nulls);
  EXPECT_EQ(nulls->rows.at(0).integer(0), 1) << "stored as SQL NULL, not as 0 or ''";
}

TEST_P(StoreBackendTest, EmptyRoomPasswordHashIsNotNull) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  Room room = sampleRoom("100000001", "u-1", "hash-1");
  room.passwordHash = "";
  ASSERT_TRUE(store->rooms().create(room));
  auto found = findRoom(*store, "100000001");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->passwordHash, std::optional<std::string>(""));
}

TEST_P(StoreBackendTest, RoomIsFoundByInviteTokenHash) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->rooms().create(sampleRoom("100000001", "u-1", "hash-1")));
  ASSERT_TRUE(store->rooms().create(sampleRoom("100000002", "u-1", "hash-2")));

  auto found = store->rooms().findByInviteTokenHash("hash-2");
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, "100000002");
  auto missing = store->rooms().findByInviteTokenHash("hash-3");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_P(StoreBackendTest, MissingRoomIsEmptyNotAnError) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  EXPECT_FALSE(findRoom(*store, "000000000").has_value());
}

TEST_P(StoreBackendTest, TakenRoomIdOrInviteTokenHashIsConflict) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->users().create(sampleUser("u-2", "bob")));
  ASSERT_TRUE(store->rooms().create(sampleRoom("100000001", "u-1", "hash-1")));

  auto sameId = store->rooms().create(sampleRoom("100000001", "u-2", "hash-2"));
  ASSERT_FALSE(sameId);
  EXPECT_EQ(sameId.error().code, "conflict");
  EXPECT_EQ(sameId.error().message.find("hash-"), std::string::npos) << sameId.error().message;
  auto sameToken = store->rooms().create(sampleRoom("100000002", "u-2", "hash-1"));
  ASSERT_FALSE(sameToken);
  EXPECT_EQ(sameToken.error().code, "conflict");

  // The caller retries with a new id and token, as it would after a conflict.
  EXPECT_TRUE(store->rooms().create(sampleRoom("100000002", "u-2", "hash-2")));
  auto listed = store->rooms().listByOwner("u-1");
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 1u);
}

TEST_P(StoreBackendTest, RoomOfUnknownOwnerIsRefused) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  auto created = store->rooms().create(sampleRoom("100000001", "ghost", "hash-1"));
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, "database_error");
  EXPECT_FALSE(findRoom(*store, "100000001").has_value());
}

TEST_P(StoreBackendTest, RoomWithZeroMaxParticipantsIsRefused) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  Room room = sampleRoom("100000001", "u-1", "hash-1");
  room.maxParticipants = 0;
  auto created = store->rooms().create(room);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, "database_error");
  EXPECT_FALSE(findRoom(*store, "100000001").has_value());
}

TEST_P(StoreBackendTest, ListByOwnerPutsScheduledRoomsFirstSoonestFirstThenInstantOnesByCreation) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->users().create(sampleUser("u-2", "bob")));
  const auto room = [](const char* id, const char* owner, std::optional<int64_t> at,
                       int64_t createdAt) {
    Room r = sampleRoom(id, owner, std::string("hash-") + id);
    r.scheduledAtMs = at;
    r.createdAtMs = createdAt;
    return r;
  };
  // Inserted out of order, so that insertion order cannot pass for the ordering.
  ASSERT_TRUE(store->rooms().create(room("100000001", "u-1", std::nullopt, 30)));
  ASSERT_TRUE(store->rooms().create(room("100000002", "u-1", 2'000, 10)));
  ASSERT_TRUE(store->rooms().create(room("100000003", "u-1", std::nullopt, 20)));
  ASSERT_TRUE(store->rooms().create(room("100000004", "u-1", 1'000, 40)));
  ASSERT_TRUE(store->rooms().create(room("100000005", "u-1", 2'000, 5)));
  ASSERT_TRUE(store->rooms().create(room("100000006", "u-2", 500, 1)));

  auto listed = store->rooms().listByOwner("u-1");
  ASSERT_TRUE(listed) << listed.error().message;
  std::vector<std::string> ids;
  for (const Room& r : *listed) ids.push_back(r.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"100000004", "100000005", "100000002", "100000003",
                                           "100000001"}));

  auto none = store->rooms().listByOwner("nobody");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(StoreBackendTest, UpdateSavesEverythingButIdOwnerAndCreationTime) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->users().create(sampleUser("u-2", "bob")));
  const Room original = sampleRoom("100000001", "u-1", "hash-1");
  ASSERT_TRUE(store->rooms().create(original));

  Room changed = inverted(original);
  changed.ownerId = "u-2";  // ignored
  changed.createdAtMs = 1;  // ignored
  changed.title = "Đổi tên: 'phòng' \"mới\" $1";
  changed.scheduledAtMs.reset();  // to NULL
  changed.passwordHash.reset();   // to NULL
  changed.inviteTokenHash = "hash-new";
  changed.maxParticipants = 7;
  changed.updatedAtMs = 1'700'000'999'000;
  auto updated = store->rooms().update(changed);
  ASSERT_TRUE(updated) << updated.error().message;

  auto found = findRoom(*store, "100000001");
  ASSERT_TRUE(found.has_value());
  Room expected = changed;
  expected.ownerId = original.ownerId;
  expected.createdAtMs = original.createdAtMs;
  expectSameRoom(*found, expected);

  // And back from NULL to values.
  ASSERT_TRUE(store->rooms().update(original));
  found = findRoom(*store, "100000001");
  ASSERT_TRUE(found.has_value());
  expectSameRoom(*found, original);
}

TEST_P(StoreBackendTest, UpdateOfMissingRoomIsNotFound) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  auto updated = store->rooms().update(sampleRoom("100000001", "u-1", "hash-1"));
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code, "not_found");
}

TEST_P(StoreBackendTest, UpdateToAnotherRoomsInviteTokenHashIsConflict) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->rooms().create(sampleRoom("100000001", "u-1", "hash-1")));
  ASSERT_TRUE(store->rooms().create(sampleRoom("100000002", "u-1", "hash-2")));
  auto updated = store->rooms().update(sampleRoom("100000002", "u-1", "hash-1"));
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code, "conflict");
  auto found = findRoom(*store, "100000002");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->inviteTokenHash, "hash-2");
}

TEST_P(StoreBackendTest, UpdateInviteTokenHashReplacesTheLinkAndTheUpdateTime) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  const Room original = sampleRoom("100000001", "u-1", "hash-1");
  ASSERT_TRUE(store->rooms().create(original));
  ASSERT_TRUE(store->rooms().create(sampleRoom("100000002", "u-1", "hash-2")));

  auto replaced = store->rooms().updateInviteTokenHash("100000001", "hash-3", 1'700'000'777'000);
  ASSERT_TRUE(replaced) << replaced.error().message;
  auto old = store->rooms().findByInviteTokenHash("hash-1");
  ASSERT_TRUE(old);
  EXPECT_FALSE(old->has_value()) << "the old link must stop working";
  auto found = store->rooms().findByInviteTokenHash("hash-3");
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->has_value());
  Room expected = original;
  expected.inviteTokenHash = "hash-3";
  expected.updatedAtMs = 1'700'000'777'000;
  expectSameRoom(**found, expected);

  auto taken = store->rooms().updateInviteTokenHash("100000001", "hash-2", 1);
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, "conflict");
  auto missing = store->rooms().updateInviteTokenHash("000000000", "hash-9", 1);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "not_found");
}

TEST_P(StoreBackendTest, RemoveDeletesTheRoomAndItsChat) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_NO_FATAL_FAILURE(seedTwoRoomsWithChat(*store));

  auto removed = store->rooms().remove("100000001");
  ASSERT_TRUE(removed) << removed.error().message;
  EXPECT_FALSE(findRoom(*store, "100000001").has_value());
  EXPECT_TRUE(findRoom(*store, "100000002").has_value());
  auto raw = openRawDatabase();
  ASSERT_NE(raw, nullptr);
  auto left = raw->execute("SELECT id FROM chat_messages ORDER BY id");
  ASSERT_TRUE(left);
  ASSERT_EQ(left->rows.size(), 1u);
  EXPECT_EQ(left->rows[0].text(0), "m-3");

  auto again = store->rooms().remove("100000001");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "not_found");
}

TEST_P(StoreBackendTest, DeletingOwnerDeletesTheirRooms) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->users().create(sampleUser("u-2", "bob")));
  ASSERT_TRUE(store->rooms().create(sampleRoom("100000001", "u-1", "hash-1")));
  ASSERT_TRUE(store->rooms().create(sampleRoom("100000002", "u-2", "hash-2")));
  ASSERT_TRUE(store->chat().append(sampleChatMessage("m-1", "100000001", 1)));

  // UserRepository has no delete yet; the cascade is the schema's, so exercise it directly.
  auto raw = openRawDatabase();
  ASSERT_NE(raw, nullptr);
  auto deleted = raw->execute("DELETE FROM users WHERE id = $1", {"u-1"});
  ASSERT_TRUE(deleted) << deleted.error().message;
  EXPECT_FALSE(findRoom(*store, "100000001").has_value());
  EXPECT_TRUE(findRoom(*store, "100000002").has_value());
  auto chat = store->chat().recent("100000001", 10);
  ASSERT_TRUE(chat);
  EXPECT_TRUE(chat->empty());
}

}  // namespace
}  // namespace dienhong::store::test
