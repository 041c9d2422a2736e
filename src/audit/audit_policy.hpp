// AuditPolicy: how long the audit log keeps entries and where it forwards them (S3.2). Edited in
// the console as one document; applies at once.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "common/result.hpp"
#include "store/setting_store.hpp"

namespace dienhong::audit {

// A central log server reached with RFC 5424 syslog over TLS (RFC 5425).
struct SyslogTarget {
  bool enabled = false;
  std::string host;           // name or address
  uint16_t port = 6514;       // the IANA port of syslog over TLS
  std::string serverName;     // the name its certificate must carry; empty: host
  std::string caCertificate;  // PEM: the authorities that may have issued its certificate
};

struct AuditPolicy {
  int retentionDays = 365;  // entries older than this are removed (hourly)
  SyslogTarget syslog;
};

nlohmann::json toJson(const AuditPolicy& policy);
// Error "invalid_setting" naming the field. An enabled target needs a host and a certificate
// that parses; unknown members are refused.
Result<AuditPolicy> auditPolicyFromJson(const nlohmann::json& document);

}  // namespace dienhong::audit

template <>
struct dienhong::store::SettingTraits<dienhong::audit::AuditPolicy> {
  static constexpr std::string_view kName = "audit_policy";
  static nlohmann::json toJson(const audit::AuditPolicy& policy) { return audit::toJson(policy); }
  static Result<audit::AuditPolicy> fromJson(const nlohmann::json& json) { return audit::auditPolicyFromJson(json); }
};

namespace dienhong::audit {
using AuditPolicyStore = store::SettingStore<AuditPolicy>;
}  // namespace dienhong::audit
