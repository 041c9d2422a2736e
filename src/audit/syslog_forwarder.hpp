// SyslogForwarder: sends every audit entry to the central log server of the AuditPolicy (S3.2),
// over TLS with the server's certificate checked against the configured authority.
//
// Nothing is lost while the server is down: the audit table is the queue. The forwarder keeps a
// durable cursor (the id of the last entry known delivered, in the settings table) and sends
// what lies after it, oldest first. Syslog over TLS has no acknowledgement, so an entry counts
// as delivered only once the connection it went out on is still open a second later; when the
// connection turns out closed, everything after the cursor is sent again on the next one. The
// result is at-least-once delivery: a restart of the log server may repeat a few entries (each
// carries its id) but does not lose any. Retention does not wait for forwarding.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "audit/audit_policy.hpp"
#include "store/store.hpp"

namespace dienhong::audit {

struct ForwardingStatus {
  std::string state = "off";  // off, connecting, connected, retrying
  std::string lastError;      // for the console; never shown to non-administrators
  int64_t lastDeliveredAtMs = 0;
  int64_t pending = 0;        // entries after the durable cursor
};

class SyslogForwarder {
 public:
  SyslogForwarder(store::Store& store, AuditPolicyStore& policies);
  ~SyslogForwarder();
  SyslogForwarder(const SyslogForwarder&) = delete;
  SyslogForwarder& operator=(const SyslogForwarder&) = delete;

  ForwardingStatus status() const;

 private:
  class Connection;
  void loop(std::stop_token stop);
  void setStatus(std::string state, std::string error = {});

  store::Store& store_;
  AuditPolicyStore& policies_;
  std::string hostname_;
  mutable std::mutex mutex_;
  ForwardingStatus status_;
  std::jthread thread_;
};

}  // namespace dienhong::audit
