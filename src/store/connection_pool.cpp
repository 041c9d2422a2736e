// ConnectionPool: hands out connections one thread at a time (see connection_pool.hpp).
#include "store/connection_pool.hpp"

#include <cassert>
#include <utility>

#include "store/database.hpp"

namespace dienhong::store {

ConnectionPool::Lease::Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
    : pool_(pool), connection_(std::move(connection)) {}

ConnectionPool::Lease::~Lease() { pool_.release(std::move(connection_)); }

ConnectionPool::ConnectionPool(std::vector<std::unique_ptr<Connection>> connections)
    : idle_(std::move(connections)) {
  assert(!idle_.empty());
}

// Out of line so that Connection is complete where the vector destroys it.
ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  released_.wait(lock, [this] { return !idle_.empty(); });
  std::unique_ptr<Connection> connection = std::move(idle_.back());
  idle_.pop_back();
  return Lease(*this, std::move(connection));
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  released_.notify_one();
}

}  // namespace dienhong::store
