// PostgreSQL back-end only, against the fixture's server: a server that drops its connections
// (restart, failover, an administrator's pg_terminate_backend) costs the store no failed request
// once the server has closed them.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"

namespace dienhong::store::test {
namespace {

class PostgresStoreTest : public StoreBackendTest {};

// Runs one query through a connection of its own; returns the first column of every row.
std::vector<std::string> queryColumn(const std::string& url, const std::string& sql) {
  std::vector<std::string> values;
  PGconn* connection = PQconnectdb(url.c_str());
  if (PQstatus(connection) == CONNECTION_OK) {
    PGresult* result = PQexec(connection, sql.c_str());
    if (PQresultStatus(result) == PGRES_TUPLES_OK) {
      for (int row = 0; row < PQntuples(result); ++row)
        values.emplace_back(PQgetvalue(result, row, 0));
    } else {
      ADD_FAILURE() << sql << ": " << PQresultErrorMessage(result);
    }
    PQclear(result);
  } else {
    ADD_FAILURE() << PQerrorMessage(connection);
  }
  PQfinish(connection);
  return values;
}

// A process that has exited (gone, or a zombie not yet reaped) has closed its sockets. The
// fixture's server runs on this machine, so its backends are visible in /proc.
bool processHasExited(const std::string& pid) {
  std::ifstream stat("/proc/" + pid + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;
  const std::size_t afterName = line.rfind(')');
  return afterName == std::string::npos || line.substr(afterName + 2, 1) == "Z";
}

TEST_P(PostgresStoreTest, ReconnectsAfterTheServerDropsItsConnections) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  // Prepare the statements used below, so that the dead connections hold cached statements.
  ASSERT_TRUE(store->ping());
  ASSERT_TRUE(store->users().findByUsername("alice"));

  const std::vector<std::string> backends =
      queryColumn(url(),
                  "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
                  "pg_backend_pid()");
  ASSERT_EQ(backends.size(), 4u);  // the store's pool
  for (const std::string& pid : backends) {
    ASSERT_EQ(queryColumn(url(), "SELECT pg_terminate_backend(" + pid + ")"),
              std::vector<std::string>{"t"});
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (const std::string& pid : backends) {
    while (!processHasExited(pid)) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "backend " << pid << " lives on";
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  auto pong = store->ping();
  EXPECT_TRUE(pong) << pong.error().message;
  auto found = store->users().findByUsername("alice");
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_TRUE(found->has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, PostgresStoreTest, testing::Values(Backend::Postgres),
                         [](const testing::TestParamInfo<Backend>&) { return "postgres"; });

}  // namespace
}  // namespace dienhong::store::test
