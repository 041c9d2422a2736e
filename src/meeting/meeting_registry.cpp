#include "meeting/meeting_registry.hpp"

namespace dienhong::meeting {

void MeetingRegistry::withMeeting(const store::Room& room, const std::function<void(Meeting&)>& fn) {
  std::lock_guard lock(mutex_);
  auto it = meetings_.find(room.id);
  if (it == meetings_.end()) it = meetings_.emplace(room.id, std::make_unique<Meeting>(room)).first;
  fn(*it->second);
  if (it->second->empty()) meetings_.erase(it);
}

void MeetingRegistry::withExisting(const std::string& roomId, const std::function<void(Meeting*)>& fn) {
  std::lock_guard lock(mutex_);
  auto it = meetings_.find(roomId);
  if (it == meetings_.end()) return fn(nullptr);
  fn(it->second.get());
  if (it->second->empty()) meetings_.erase(it);
}

size_t MeetingRegistry::size() const {
  std::lock_guard lock(mutex_);
  return meetings_.size();
}

std::vector<std::string> recipients(const Meeting& meeting, const Delivery& delivery) {
  std::vector<std::string> out;
  switch (delivery.to) {
    case Delivery::To::One:
      if (meeting.member(delivery.id) != nullptr) out.push_back(delivery.id);
      break;
    case Delivery::To::Everyone:
      for (const auto& [id, m] : meeting.members()) {
        if (id != delivery.except) out.push_back(id);
      }
      break;
    case Delivery::To::Chairs:
      for (const auto& [id, m] : meeting.members()) {
        if (m.role == Role::Chair) out.push_back(id);
      }
      break;
    case Delivery::To::Lobby:
      break;
  }
  return out;
}

}  // namespace dienhong::meeting
