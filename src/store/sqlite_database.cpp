// SQLite back-end: file checks, creation and connection set-up (see sqlite_database.hpp).
#include "store/sqlite_database.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "store/sqlite_connection.hpp"

namespace dienhong::store {

namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};

// Closes a file descriptor on every path out.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string systemError(int error) {
  return std::error_code(error, std::generic_category()).message();
}

Error notOurs(const std::string& path, std::string_view why) {
  return Error{"database_corrupt", "'" + path + "' is not a Diên Hồng database (" +
                                       std::string(why) +
                                       "); refusing to open it, the file was left untouched"};
}

Result<void> createParentDirectories(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::filesystem::path partial;
  for (const auto& part : parent) {
    partial /= part;
    if (::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) {
      return Error{"database_error", "cannot create directory '" + partial.string() +
                                         "' for database '" + path + "': " + systemError(errno)};
    }
  }
  return success();
}

// Creates an empty database file readable by its owner only: it holds password hashes.
Result<void> createFile(const std::string& path) {
  if (auto made = createParentDirectories(path); !made) return made;
  FileDescriptor fd(
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (fd.get() < 0 && errno != EEXIST) {  // EEXIST: created meanwhile; the checks below decide
    return Error{"database_error",
                 "cannot create database file '" + path + "': " + systemError(errno)};
  }
  if (fd.get() >= 0 && ::fchmod(fd.get(), 0600) != 0) {  // the umask may have been stricter only
    return Error{"database_error", "cannot set mode 0600 on '" + path + "': " + systemError(errno)};
  }
  return success();
}

// Reads the header with plain read(2): the cheapest check that cannot write anything.
Result<bool> checkHeader(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return Error{"database_error", "cannot open database '" + path + "': " + systemError(errno)};
  }
  if (S_ISDIR(info.st_mode)) {
    return Error{"database_error", "cannot open database '" + path + "': it is a directory"};
  }
  if (!S_ISREG(info.st_mode)) {
    return Error{"database_error", "cannot open database '" + path + "': not a regular file"};
  }
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    return Error{"database_error",
                 "cannot read database file '" + path + "': " + systemError(errno)};
  }
  std::array<char, kSqliteMagic.size()> header{};
  const ssize_t got = ::read(fd.get(), header.data(), header.size());
  if (got < 0) {
    return Error{"database_error",
                 "cannot read database file '" + path + "': " + systemError(errno)};
  }
  if (got == 0) return false;  // empty: SQLite treats it as a new database
  if (std::string_view(header.data(), static_cast<std::size_t>(got)) != kSqliteMagic) {
    return notOurs(path, "it is not an SQLite database file");
  }
  return true;
}

// Opens the file read-only and makes sure it is an intact SQLite database that is either empty or
// Diên Hồng's, before anything is allowed to write to it.
Result<void> checkContents(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  SqliteHandle db(raw);
  if (rc != SQLITE_OK) return sqliteError(db.get(), rc, path, "cannot open read-only");
  sqlite3_extended_result_codes(db.get(), 1);
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);

  // Reading the schema parses the header and the schema page: this is where a damaged or foreign
  // file shows up as SQLITE_NOTADB or SQLITE_CORRUPT.
  std::vector<std::string> tables;
  const auto collect = [](void* out, int, char** values, char**) {
    static_cast<std::vector<std::string>*>(out)->emplace_back(values[0] ? values[0] : "");
    return 0;
  };
  rc = sqlite3_exec(
      db.get(), "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      collect, &tables, nullptr);
  if (rc != SQLITE_OK) {
    const int primary = rc & 0xff;
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) {
      return notOurs(path, std::string("SQLite cannot read it: ") + sqlite3_errmsg(db.get()));
    }
    return sqliteError(db.get(), rc, path, "cannot read the schema");
  }
  const bool ours = std::find(tables.begin(), tables.end(), "schema_migrations") != tables.end();
  if (!tables.empty() && !ours) {
    return notOurs(path, "an SQLite database belonging to another application");
  }
  return success();
}

Result<std::unique_ptr<Connection>> openConnection(const std::string& path, bool first) {
  sqlite3* raw = nullptr;
  // No SQLITE_OPEN_CREATE: the file exists and has been checked; it must not be replaced.
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  SqliteHandle db(raw);
  if (rc != SQLITE_OK) return sqliteError(db.get(), rc, path, "cannot open");
  sqlite3_extended_result_codes(db.get(), 1);
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  // SQLite silently falls back to read-only when the file is write-protected.
  if (sqlite3_db_readonly(db.get(), "main") == 1) {
    return Error{"database_error", "database file '" + path + "' is read-only for this process"};
  }
  auto connection = std::make_unique<SqliteConnection>(std::move(db), path);
  if (first) {
    // Journal mode is stored in the file, so setting it once is enough; it needs the file to be
    // writable and can fail on file systems without shared memory.
    auto mode = connection->executeSpan("PRAGMA journal_mode = WAL", {});
    if (!mode) return mode.error();
    if (mode->rows.empty() || mode->rows[0].text(0) != "wal") {
      return Error{"database_error", "cannot switch '" + path + "' to WAL journal mode"};
    }
  }
  if (auto set =
          connection->executeScript("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
      !set) {
    return set.error();
  }
  return std::unique_ptr<Connection>(std::move(connection));
}

}  // namespace

Result<std::unique_ptr<Database>> openSqliteDatabase(const std::string& rawPath, int poolSize) {
  // Absolute, so SQLite (built with SQLITE_USE_URI) never reads a relative "file:…" name as a URI.
  std::error_code ec;
  const std::string path = std::filesystem::absolute(rawPath, ec).lexically_normal().string();
  if (ec) {
    return Error{"database_error",
                 "cannot resolve database path '" + rawPath + "': " + ec.message()};
  }

  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno != ENOENT) {
      return Error{"database_error", "cannot open database '" + path + "': " + systemError(errno)};
    }
    if (auto created = createFile(path); !created) return created.error();
  }
  auto nonEmpty = checkHeader(path);
  if (!nonEmpty) return nonEmpty.error();
  if (*nonEmpty) {
    if (auto checked = checkContents(path); !checked) return checked.error();
  }

  std::vector<std::unique_ptr<Connection>> connections;
  for (int i = 0; i < poolSize; ++i) {
    auto connection = openConnection(path, i == 0);
    if (!connection) return connection.error();
    connections.push_back(std::move(*connection));
  }
  return std::make_unique<Database>(Dialect::Sqlite, std::move(connections));
}

}  // namespace dienhong::store
