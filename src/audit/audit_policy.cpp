#include "audit/audit_policy.hpp"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace dienhong::audit {
namespace {

using nlohmann::json;

Error invalid(std::string message) { return Error{"invalid_setting", std::move(message)}; }

bool onlyMembers(const json& object, std::initializer_list<std::string_view> names) {
  for (const auto& [name, value] : object.items()) {
    if (std::find(names.begin(), names.end(), name) == names.end()) return false;
  }
  return true;
}

// At least one certificate, and nothing that is not one.
bool parsesAsCertificates(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  if (!bio) return false;
  int count = 0;
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    X509_free(cert);
    ++count;
  }
  return count > 0;
}

bool hostShaped(const std::string& host) {
  return !host.empty() && host.size() <= 253 &&
         std::all_of(host.begin(), host.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '_';
         });
}

}  // namespace

json toJson(const AuditPolicy& policy) {
  const SyslogTarget& s = policy.syslog;
  return {{"retentionDays", policy.retentionDays},
          {"syslog",
           {{"enabled", s.enabled}, {"host", s.host}, {"port", s.port}, {"serverName", s.serverName},
            {"caCertificate", s.caCertificate}}}};
}

Result<AuditPolicy> auditPolicyFromJson(const json& document) {
  if (!document.is_object() || !onlyMembers(document, {"retentionDays", "syslog"})) {
    return invalid("the setting must be an object with retentionDays and syslog");
  }
  AuditPolicy policy;
  const auto days = document.find("retentionDays");
  if (days == document.end() || !days->is_number_integer() || days->get<int64_t>() < 1 ||
      days->get<int64_t>() > 3650) {
    return invalid("retentionDays must be an integer from 1 to 3650");
  }
  policy.retentionDays = days->get<int>();
  const auto syslog = document.find("syslog");
  if (syslog == document.end() || !syslog->is_object() ||
      !onlyMembers(*syslog, {"enabled", "host", "port", "serverName", "caCertificate"})) {
    return invalid("syslog must be an object with enabled, host, port, serverName and caCertificate");
  }
  SyslogTarget& target = policy.syslog;
  const json& s = *syslog;
  if (!s.contains("enabled") || !s["enabled"].is_boolean()) return invalid("syslog.enabled must be true or false");
  target.enabled = s["enabled"].get<bool>();
  for (const auto& [name, field, limit] : {std::tuple{"host", &target.host, size_t{253}},
                                           std::tuple{"serverName", &target.serverName, size_t{253}},
                                           std::tuple{"caCertificate", &target.caCertificate, size_t{64 * 1024}}}) {
    if (!s.contains(name) || !s[name].is_string() || s[name].get_ref<const std::string&>().size() > limit) {
      return invalid(std::string("syslog.") + name + " must be a string");
    }
    *field = s[name].get<std::string>();
  }
  if (!s.contains("port") || !s["port"].is_number_integer() || s["port"].get<int64_t>() < 1 ||
      s["port"].get<int64_t>() > 65535) {
    return invalid("syslog.port must be an integer from 1 to 65535");
  }
  target.port = static_cast<uint16_t>(s["port"].get<int64_t>());
  if (target.enabled || !target.host.empty()) {
    if (!hostShaped(target.host)) return invalid("syslog.host must be a host name or address");
    if (!target.serverName.empty() && !hostShaped(target.serverName)) {
      return invalid("syslog.serverName must be a host name or address");
    }
  }
  if (target.enabled && !parsesAsCertificates(target.caCertificate)) {
    return invalid("syslog.caCertificate must hold the PEM certificate of the authority that signed the log server's");
  }
  return policy;
}

}  // namespace dienhong::audit
