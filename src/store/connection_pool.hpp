// ConnectionPool: a fixed set of open connections handed out one thread at a time. Neither an
// sqlite3 handle nor a PGconn may be used by two threads at once; the pool is what lets several
// control-plane threads use the store concurrently without a global lock.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace dienhong::store {

class Connection;

class ConnectionPool {
 public:
  // Returns its connection to the pool when destroyed.
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<Connection> connection_;
  };

  explicit ConnectionPool(std::vector<std::unique_ptr<Connection>> connections);
  ~ConnectionPool();

  // Blocks until a connection is free.
  Lease acquire();

 private:
  void release(std::unique_ptr<Connection> connection);

  std::mutex mutex_;
  std::condition_variable released_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace dienhong::store
