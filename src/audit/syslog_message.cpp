#include "audit/syslog_message.hpp"

#include <ctime>

#include <fmt/format.h>

namespace dienhong::audit {
namespace {

constexpr int kFacilityLogAudit = 13;

// RFC 5424 §6.3.3: inside PARAM-VALUE, '"', '\' and ']' are escaped with a backslash.
std::string paramValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '"' || c == '\\' || c == ']') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// HOSTNAME, APP-NAME, PROCID and MSGID are printable US-ASCII without spaces, or "-".
std::string headerField(std::string_view value, size_t maxLength) {
  std::string out;
  for (char c : value.substr(0, maxLength)) out.push_back(c > ' ' && c < 0x7F ? c : '_');
  return out.empty() ? "-" : out;
}

std::string timestamp(int64_t atMs) {
  const std::time_t seconds = static_cast<std::time_t>(atMs / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec, atMs % 1000);
}

}  // namespace

std::string syslogMessage(const store::AuditEvent& event, std::string_view hostname, int processId) {
  const int severity = event.outcome == store::AuditOutcome::Success ? 6 : 4;
  std::string message = fmt::format(
      "<{}>1 {} {} dienhong {} {} [dienhong@32473 id=\"{}\" category=\"{}\" actor=\"{}\" source=\"{}\" "
      "action=\"{}\" target=\"{}\" outcome=\"{}\"]",
      kFacilityLogAudit * 8 + severity, timestamp(event.atMs), headerField(hostname, 255), processId,
      headerField(event.action, 32), paramValue(event.id), store::toString(event.category), paramValue(event.actor),
      paramValue(event.sourceAddress), paramValue(event.action), paramValue(event.target),
      store::toString(event.outcome));
  if (!event.detail.empty()) {
    message += " \xEF\xBB\xBF";  // BOM: the message is UTF-8 (RFC 5424 §6.4)
    message += event.detail;
  }
  return message;
}

std::string syslogFrame(const store::AuditEvent& event, std::string_view hostname, int processId) {
  const std::string message = syslogMessage(event, hostname, processId);
  return std::to_string(message.size()) + " " + message;
}

}  // namespace dienhong::audit
