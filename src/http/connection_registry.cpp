#include "http/connection_registry.hpp"

#include <vector>

namespace dienhong::http {

std::unique_ptr<ConnectionRegistry::Ticket> ConnectionRegistry::admit(const std::string& client,
                                                                       Closer closer) {
  std::lock_guard lock(mutex_);
  if (draining_) return nullptr;
  size_t& count = perClient_[client];
  if (count >= maxPerClient_) {
    if (count == 0) perClient_.erase(client);
    return nullptr;
  }
  ++count;
  const uint64_t id = nextId_++;
  entries_.emplace(id, Entry{client, std::move(closer)});
  return std::make_unique<Ticket>(*this, id);
}

void ConnectionRegistry::closeAll() {
  std::vector<Closer> closers;
  {
    std::lock_guard lock(mutex_);
    draining_ = true;
    for (auto& [id, entry] : entries_) closers.push_back(entry.closer);
  }
  for (auto& closer : closers) {
    if (closer) closer();
  }
}

size_t ConnectionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void ConnectionRegistry::release(uint64_t id) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  auto count = perClient_.find(it->second.client);
  if (count != perClient_.end() && --count->second == 0) perClient_.erase(count);
  entries_.erase(it);
}

void ConnectionRegistry::setCloser(uint64_t id, Closer closer) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  if (it != entries_.end()) it->second.closer = std::move(closer);
}

}  // namespace dienhong::http
