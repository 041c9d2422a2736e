// MeetingRegistry: the meetings in progress on this server, one per room that has someone in it
// or waiting at its door. Signalling connections run on many threads; the registry serialises
// every operation on a meeting with one lock (control plane only — the media path never takes
// it) and forgets a meeting once nobody is in it or waiting.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "meeting/meeting.hpp"

namespace dienhong::meeting {

class MeetingRegistry {
 public:
  // Runs `fn` with the room's meeting, started from `room` if none is in progress.
  void withMeeting(const store::Room& room, const std::function<void(Meeting&)>& fn);
  // Runs `fn` with the room's meeting, or with nullptr when none is in progress.
  void withExisting(const std::string& roomId, const std::function<void(Meeting*)>& fn);
  size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Meeting>, std::less<>> meetings_;
};

// The participants a delivery goes to (Lobby deliveries go to no participant).
std::vector<std::string> recipients(const Meeting& meeting, const Delivery& delivery);

}  // namespace dienhong::meeting
