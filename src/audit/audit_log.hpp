// AuditLog: records who did what, from where, to what, and how it ended (S3.1), in the database,
// and mirrors each entry into the log. A failure to store an entry is itself logged (Error
// category) and never stops the action being audited. Ids sort in recording order, which the
// console's listing and the syslog forwarder (syslog_forwarder.hpp) rely on.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

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
  ~AuditLog();  // stores what was posted, then stops the writer
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  void record(const Entry& entry);
  // For threads that must not wait for storage (media workers): the entry is logged at once and
  // stored in order by the log's own writer thread, started at the first post. Past kMaxQueued
  // entries waiting, an entry is logged as lost instead of stored.
  void post(Entry entry);
  // Returns once every entry posted before the call is stored.
  void flush();

  static constexpr size_t kMaxQueued = 10'000;

 private:
  void mirrorToLog(const Entry& entry) const;
  void store(const Entry& entry);
  void writeQueued();

  store::Store& store_;
  std::atomic<uint32_t> sequence_{0};
  std::mutex queueMutex_;
  std::condition_variable queueChanged_;
  std::deque<Entry> queue_;
  bool writing_ = false;  // the writer holds an entry taken off the queue
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace dienhong::audit
