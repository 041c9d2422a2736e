// What the REST handlers share: services, server facts, and helpers that turn domain errors
// into the API's error responses.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "accounts/account_service.hpp"
#include "audit/audit_log.hpp"
#include "audit/audit_policy.hpp"
#include "audit/syslog_forwarder.hpp"
#include "auth/admin_access.hpp"
#include "auth/auth_service.hpp"
#include "auth/security_policy.hpp"
#include "common/result.hpp"
#include "http/message.hpp"
#include "media/service/media_service.hpp"
#include "meeting/meeting_registry.hpp"
#include "store/store.hpp"

namespace dienhong::api {

using auth::kSessionCookie;
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

struct ServerFacts {
  std::string version;
  int64_t startedAtMs = 0;
  std::function<uint16_t()> adminPort;  // bound port, known once the server listens
  std::function<uint16_t()> publicPort;
  std::string publicAdminUrl;           // operator override; empty: same host, admin port
};

struct ApiContext {
  auth::AuthService& auth;
  accounts::AccountService& accounts;
  store::Store& store;
  auth::SecurityPolicyStore& policies;
  auth::AdminAccessStore& adminAccess;
  auth::DirectoryConfigStore& directory;
  const auth::SecretBox& secrets;
  audit::AuditLog& audit;
  audit::AuditPolicyStore& auditPolicy;
  audit::SyslogForwarder* forwarder;  // null in tests that forward nothing
  ServerFacts facts;
  media::MediaService* media = nullptr;  // null in tests that run no media workers
  meeting::MeetingRegistry* meetings = nullptr;  // meetings in progress; null in tests without them
};

// The HTTP answer for a domain error. The body carries a fixed message per code; internal
// detail (database text, paths) only reaches the log, under the request id (S4.3).
http::Response errorFor(const http::Request& request, const Error& error);

// A JSON object body, or an error response: 415 unless Content-Type is application/json,
// 400 for malformed JSON or a non-object.
Result<nlohmann::json> parseJsonObject(const http::Request& request);

// A string member of at most maxBytes; nullopt if absent, not a string, or too long.
std::optional<std::string> stringField(const nlohmann::json& body, std::string_view name,
                                       size_t maxBytes);

http::Response jsonResponse(int status, const nlohmann::json& body);

// A query parameter, percent-decoded ('+' as space). nullopt when absent; "invalid_request" when
// its escapes are malformed.
Result<std::optional<std::string>> queryParameter(const http::Request& request, std::string_view name);

// An integer query parameter within [min, max], or `fallback` when absent.
Result<int> integerParameter(const http::Request& request, std::string_view name, int fallback, int min, int max);

}  // namespace dienhong::api
