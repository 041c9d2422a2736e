// AuditLog: records who did what, from where, to what, and how it ended (S3.1), in the database,
// and mirrors each entry into the log. A failure to store an entry is itself logged (Error
// category) and never stops the action being audited. Ids sort in recording order, which the
// console's listing and the syslog forwarder (syslog_forwarder.hpp) rely on.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace dienhong::audit {

struct Entry {
  store::AuditCategory category = store::AuditCategory::Access;
  std::string actor;          // a user id, or "guest:<participant id>"
  std::string sourceAddress;
  std::string action;         // e.g. "meeting.mute"
  std::string target;         // e.g. "room:482915306 participant:p1a2b"
  store::AuditOutcome outcome = store::AuditOutcome::Success;
  std::string detail;
};

class AuditLog {
 public:
  explicit AuditLog(store::Store& store) : store_(store) {}
  void record(const Entry& entry);

 private:
  store::Store& store_;
  std::atomic<uint32_t> sequence_{0};
};

}  // namespace dienhong::audit
