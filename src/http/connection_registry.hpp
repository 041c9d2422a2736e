// ConnectionRegistry: every live connection, so the server can cap connections per client and
// close them all when it drains on SIGTERM. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace dienhong::http {

class ConnectionRegistry {
 public:
  // Asks the connection to finish: called once, from the draining thread; must only post work.
  using Closer = std::function<void()>;

  class Ticket {
   public:
    Ticket(ConnectionRegistry& registry, uint64_t id) : registry_(&registry), id_(id) {}
    Ticket(Ticket&& other) noexcept : registry_(other.registry_), id_(other.id_) { other.registry_ = nullptr; }
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    Ticket& operator=(Ticket&&) = delete;
    ~Ticket() { if (registry_ != nullptr) registry_->release(id_); }
    // A connection changes hands (HTTP → WebSocket): the new owner closes it differently.
    void setCloser(Closer closer) { registry_->setCloser(id_, std::move(closer)); }

   private:
    ConnectionRegistry* registry_;
    uint64_t id_;
  };

  explicit ConnectionRegistry(size_t maxPerClient) : maxPerClient_(maxPerClient) {}

  // Null when the client already holds maxPerClient connections or the server is draining.
  std::unique_ptr<Ticket> admit(const std::string& client, Closer closer);
  // Stops admitting and asks every live connection to close.
  void closeAll();
  size_t size() const;

 private:
  struct Entry {
    std::string client;
    Closer closer;
  };
  void release(uint64_t id);
  void setCloser(uint64_t id, Closer closer);

  const size_t maxPerClient_;
  mutable std::mutex mutex_;
  bool draining_ = false;
  uint64_t nextId_ = 1;
  std::unordered_map<uint64_t, Entry> entries_;
  std::unordered_map<std::string, size_t> perClient_;
};

}  // namespace dienhong::http
