// SQLite back-end only: what happens to the file. Foreign or damaged files are refused and left
// byte-for-byte as they were; new files are private (0600, directory 0700); WAL is on.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "store/database_url.hpp"
#include "test_support.hpp"

namespace dienhong::store::test {
namespace {

namespace fs = std::filesystem;

// The file and its would-be companions, to prove nothing was created beside it either.
void expectUntouched(const std::string& path, const std::string& before) {
  EXPECT_EQ(readFile(path), before) << path << " was modified";
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    EXPECT_FALSE(fs::exists(path + suffix)) << path + suffix << " was created";
  }
}

void expectRefusedAsForeign(const std::string& path) {
  const std::string before = readFile(path);
  auto refused = Store::open("sqlite:" + path);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "database_corrupt");
  EXPECT_NE(refused.error().message.find(path), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find("not a Diên Hồng database"), std::string::npos)
      << refused.error().message;
  expectUntouched(path, before);
}

mode_t modeOf(const std::string& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0);
  return info.st_mode & 07777;
}

TEST(SqliteDatabaseTest, RandomBytesAreRefusedAndLeftUnchanged) {
  TempDir dir;
  const std::string path = dir.file("random.db");
  std::mt19937 random(42);
  std::string bytes(8192, '\0');
  for (char& byte : bytes) byte = static_cast<char>(random());
  writeFile(path, bytes);
  expectRefusedAsForeign(path);
}

TEST(SqliteDatabaseTest, TextFileIsRefusedAndLeftUnchanged) {
  TempDir dir;
  const std::string path = dir.file("notes.txt");
  writeFile(path, "[server]\nlisten = \"0.0.0.0:443\"\n");
  expectRefusedAsForeign(path);
}

TEST(SqliteDatabaseTest, DamagedSqliteFileIsRefusedAndLeftUnchanged) {
  TempDir dir;
  const std::string path = dir.file("damaged.db");
  // A valid header followed by garbage: passes the magic check, fails when SQLite reads it.
  std::string bytes(std::string("SQLite format 3") + '\0');
  bytes.append(4096 - bytes.size(), '\x5a');
  writeFile(path, bytes);
  expectRefusedAsForeign(path);
}

TEST(SqliteDatabaseTest, AnotherApplicationsDatabaseIsRefusedAndLeftUnchanged) {
  TempDir dir;
  const std::string path = dir.file("other.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  expectRefusedAsForeign(path);
}

TEST(SqliteDatabaseTest, DirectoryInPlaceOfTheFileIsRefused) {
  TempDir dir;
  const std::string path = dir.file("db");
  fs::create_directory(path);
  auto refused = Store::open(path);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "database_error");
  EXPECT_NE(refused.error().message.find(path), std::string::npos);
  EXPECT_NE(refused.error().message.find("directory"), std::string::npos)
      << refused.error().message;
  EXPECT_TRUE(fs::is_empty(path));
}

// chmod 000 does not stop root, so as root the open runs in a child process that has dropped to
// the unprivileged uid 65534 ("nobody"), for which the permission check is real.
TEST(SqliteDatabaseTest, FileThatCannotBeReadIsRefused) {
  TempDir dir;
  fs::permissions(dir.path(),
                  fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  const std::string path = dir.file("locked.db");
  {
    auto store = Store::open(path);
    ASSERT_TRUE(store) << store.error().message;
  }
  ASSERT_EQ(::chmod(path.c_str(), 0), 0);
  const std::string before = readFile(path);

  int channel[2];
  ASSERT_EQ(::pipe(channel), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(channel[0]);
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(2);
    auto refused = Store::open(path);
    const std::string report =
        refused ? std::string("opened") : refused.error().code + "|" + refused.error().message;
    (void)!::write(channel[1], report.data(), report.size());
    ::_exit(0);
  }
  ::close(channel[1]);
  std::string report;
  char buffer[512];
  for (ssize_t got; (got = ::read(channel[0], buffer, sizeof buffer)) > 0;)
    report.append(buffer, got);
  ::close(channel[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child could not drop privileges";

  EXPECT_EQ(report.substr(0, report.find('|')), "database_error") << report;
  EXPECT_NE(report.find(path), std::string::npos) << report;
  EXPECT_NE(report.find("Permission denied"), std::string::npos) << report;
  EXPECT_EQ(readFile(path), before);
}

TEST(SqliteDatabaseTest, NewFileIsPrivateAndMissingDirectoriesAreCreated) {
  TempDir dir;
  const std::string parent = dir.file("data/nested");
  const std::string path = parent + "/dienhong.db";
  auto store = Store::open("sqlite:" + path);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(modeOf(path), 0600u);
  EXPECT_EQ(modeOf(parent), 0700u);
  EXPECT_EQ(modeOf(dir.file("data")), 0700u);
  ASSERT_TRUE((*store)->users().create(sampleUser("u-1", "alice")));
  EXPECT_EQ(modeOf(path + "-wal"), 0600u);  // SQLite copies the database file's mode
}

TEST(SqliteDatabaseTest, ConnectionsUseWalNormalSynchronousAndForeignKeys) {
  TempDir dir;
  const std::string path = dir.file("dienhong.db");
  { ASSERT_TRUE(Store::open(path)); }
  auto db = openDatabase(path, 1);
  ASSERT_TRUE(db) << db.error().message;
  auto journal = (*db)->execute("PRAGMA journal_mode");
  ASSERT_TRUE(journal);
  EXPECT_EQ(journal->rows.at(0).text(0), "wal");
  auto synchronous = (*db)->execute("PRAGMA synchronous");
  ASSERT_TRUE(synchronous);
  EXPECT_EQ(synchronous->rows.at(0).integer(0), 1);  // NORMAL
  auto foreignKeys = (*db)->execute("PRAGMA foreign_keys");
  ASSERT_TRUE(foreignKeys);
  EXPECT_EQ(foreignKeys->rows.at(0).integer(0), 1);

  // WAL is recorded in the file header (bytes 18 and 19 are 2 for WAL), not only in connections.
  const std::string header = readFile(path).substr(0, 20);
  EXPECT_EQ(header[18], 2);
  EXPECT_EQ(header[19], 2);
}

TEST(SqliteDatabaseTest, EmptyFileIsInitialised) {
  TempDir dir;
  const std::string path = dir.file("empty.db");
  writeFile(path, "");
  auto store = Store::open(path);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_GT((*store)->schemaVersion(), 0);
}

TEST(SqliteDatabaseTest, SqliteUrlAndPlainPathNameTheSameFile) {
  TempDir dir;
  const std::string path = dir.file("dienhong.db");
  {
    auto store = Store::open("sqlite:" + path);
    ASSERT_TRUE(store) << store.error().message;
    ASSERT_TRUE((*store)->users().create(sampleUser("u-1", "alice")));
  }
  for (const std::string& url : {path, "sqlite://" + path}) {
    auto store = Store::open(url);
    ASSERT_TRUE(store) << url << ": " << store.error().message;
    auto count = (*store)->users().count();
    ASSERT_TRUE(count);
    EXPECT_EQ(*count, 1) << url;
  }
}

}  // namespace
}  // namespace dienhong::store::test
