// An audit entry as an RFC 5424 syslog message, framed for TCP/TLS transport by octet counting
// (RFC 5425 §4.3: "LENGTH SP MESSAGE"). Facility 13 (log audit); severity 6 (informational) for
// a success, 4 (warning) for a denial or failure. The entry's fields travel as structured data
// under the SD-ID dienhong@32473 (the enterprise number RFC 5612 sets aside for documentation,
// until one is registered), the detail as the UTF-8 message.
#pragma once

#include <string>
#include <string_view>

#include "store/records.hpp"

namespace dienhong::audit {

std::string syslogMessage(const store::AuditEvent& event, std::string_view hostname, int processId);
std::string syslogFrame(const store::AuditEvent& event, std::string_view hostname, int processId);

}  // namespace dienhong::audit
