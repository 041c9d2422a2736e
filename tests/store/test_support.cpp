// Helpers shared by the store tests (see test_support.hpp).
#include "test_support.hpp"

#include <libpq-fe.h>
#include <stdlib.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <system_error>

#include "store/database_url.hpp"

namespace dienhong::store::test {

namespace {

std::string randomHex(int digits) {
  std::random_device device;
  std::uniform_int_distribution<int> nibble(0, 15);
  std::string text;
  for (int i = 0; i < digits; ++i) text.push_back("0123456789abcdef"[nibble(device)]);
  return text;
}

// The same URL pointing at another database: postgresql://authority/NAME?query.
std::string withDatabase(const std::string& url, const std::string& name) {
  const std::size_t authority = url.find("://") + 3;
  const std::size_t pathBegin = url.find_first_of("/?", authority);
  if (pathBegin == std::string::npos) return url + "/" + name;
  if (url[pathBegin] == '?') return url.substr(0, pathBegin) + "/" + name + url.substr(pathBegin);
  const std::size_t pathEnd = url.find('?', pathBegin);
  return url.substr(0, pathBegin + 1) + name +
         (pathEnd == std::string::npos ? "" : url.substr(pathEnd));
}

// Runs one administrative statement on the fixture's server; returns libpq's error, or "".
std::string runAdmin(const std::string& adminUrl, const std::string& sql) {
  PGconn* connection = PQconnectdb(adminUrl.c_str());
  std::string error;
  if (PQstatus(connection) != CONNECTION_OK) {
    error = PQerrorMessage(connection);
  } else {
    PGresult* result = PQexec(connection, sql.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) error = PQresultErrorMessage(result);
    PQclear(result);
  }
  PQfinish(connection);
  return error;
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "dh-store-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) std::abort();
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add, ignored);
  std::filesystem::remove_all(path_, ignored);
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void writeFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

User sampleUser(std::string_view id, std::string_view username) {
  User user;
  user.id = std::string(id);
  user.username = std::string(username);
  user.displayName = "Người dùng " + std::string(username);
  user.passwordHash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  user.role = Role::MeetingAdmin;
  user.mustChangePassword = true;
  user.disabled = false;
  user.passwordChangedAtMs = 1'700'000'000'123;
  user.createdAtMs = 1'700'000'000'000;
  return user;
}

Session sampleSession(std::string_view id, std::string_view userId, int64_t expiresAtMs) {
  Session session;
  session.id = std::string(id);
  session.userId = std::string(userId);
  session.csrfToken = "csrf-" + std::string(id);
  session.clientAddress = "2001:db8::7";
  session.userAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/120";
  session.createdAtMs = 1'700'000'000'000;
  session.lastSeenAtMs = 1'700'000'000'000;
  session.expiresAtMs = expiresAtMs;
  return session;
}

Room sampleRoom(std::string_view id, std::string_view ownerId, std::string_view inviteTokenHash) {
  Room room;
  room.id = std::string(id);
  room.ownerId = std::string(ownerId);
  room.title = "Họp giao ban tuần — phòng " + std::string(id);
  room.scheduledAtMs = 1'700'086'400'000;
  room.inviteTokenHash = std::string(inviteTokenHash);
  room.passwordHash = "$argon2id$v=19$m=65536,t=2,p=1$cm9vbQ$aGFzaA";
  room.locked = false;
  room.lobbyEnabled = true;
  room.allowGuests = true;
  room.maxParticipants = 50;
  room.startMuted = true;
  room.mayShareContent = true;
  room.mayRecordAudio = false;
  room.mayRecordVideo = true;
  room.createdAtMs = 1'700'000'000'000;
  room.updatedAtMs = 1'700'000'000'500;
  return room;
}

ChatMessage sampleChatMessage(std::string_view id, std::string_view roomId, int64_t sentAtMs) {
  ChatMessage message;
  message.id = std::string(id);
  message.roomId = std::string(roomId);
  message.senderParticipantId = "p-7";
  message.senderName = "Lan Phạm";
  message.senderUserId = "u-1";
  message.body = "Xin chào mọi người! " + std::string(id);
  message.sentAtMs = sentAtMs;
  return message;
}

void seedTwoRoomsWithChat(Store& store) {
  ASSERT_TRUE(store.users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store.rooms().create(sampleRoom("100000001", "u-1", "hash-1")));
  ASSERT_TRUE(store.rooms().create(sampleRoom("100000002", "u-1", "hash-2")));
  ASSERT_TRUE(store.chat().append(sampleChatMessage("m-1", "100000001", 1)));
  ASSERT_TRUE(store.chat().append(sampleChatMessage("m-2", "100000001", 2)));
  ASSERT_TRUE(store.chat().append(sampleChatMessage("m-3", "100000002", 3)));
}

AuditEvent sampleAuditEvent(std::string_view id, int64_t atMs, AuditCategory category) {
  AuditEvent event;
  event.id = std::string(id);
  event.atMs = atMs;
  event.category = category;
  event.actor = "u-1";
  event.sourceAddress = "203.0.113.9";
  event.action = "room.lock";
  event.target = "room 123456789";
  event.outcome = AuditOutcome::Denied;
  event.detail = "not a moderator";
  return event;
}

void PrintTo(Backend backend, std::ostream* out) {
  *out << (backend == Backend::Sqlite ? "sqlite" : "postgres");
}

void StoreBackendTest::SetUp() {
  if (GetParam() == Backend::Sqlite) {
    url_ = "sqlite:" + dir_.file("dienhong.db");
    return;
  }
  const char* admin = std::getenv("DIENHONG_TEST_POSTGRES_URL");
  if (admin == nullptr || *admin == '\0') {
    GTEST_FAIL() << "DIENHONG_TEST_POSTGRES_URL is not set. Run the tests through ctest, whose "
                    "fixture store.postgres.start provides a server, or start one with "
                    "tests/store/postgres_fixture.sh start DIR and export the URL that "
                    "`postgres_fixture.sh url DIR` prints.";
  }
  adminUrl_ = admin;
  const std::string name = "dh_test_" + randomHex(16);
  const std::string error = runAdmin(adminUrl_, "CREATE DATABASE " + name);
  ASSERT_EQ(error, "") << "cannot create a test database on " << adminUrl_;
  postgresDatabase_ = name;
  url_ = withDatabase(adminUrl_, name);
}

void StoreBackendTest::TearDown() {
  if (postgresDatabase_.empty()) return;
  EXPECT_EQ(runAdmin(adminUrl_, "DROP DATABASE IF EXISTS " + postgresDatabase_ + " WITH (FORCE)"),
            "");
}

std::unique_ptr<Store> StoreBackendTest::openStore() {
  auto store = Store::open(url_);
  if (!store) {
    ADD_FAILURE() << "Store::open(" << url_ << "): " << store.error().code << ": "
                  << store.error().message;
    return nullptr;
  }
  return std::move(*store);
}

std::unique_ptr<Database> StoreBackendTest::openRawDatabase() {
  auto db = openDatabase(url_, 1);
  if (!db) {
    ADD_FAILURE() << "openDatabase(" << url_ << "): " << db.error().message;
    return nullptr;
  }
  return std::move(*db);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreBackendTest,
                         testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const testing::TestParamInfo<Backend>& param) {
                           return param.param == Backend::Sqlite ? "sqlite" : "postgres";
                         });

}  // namespace dienhong::store::test
