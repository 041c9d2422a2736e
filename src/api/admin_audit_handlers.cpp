// The audit log in the console (S3.1, S3.2):
// - GET /api/v1/admin/audit: entries, newest first, filtered by category, outcome, actor, text
//   (q) and time (from, to: Unix ms), paged (offset, limit ≤ 1000), with the total;
// - GET /api/v1/admin/audit/export?format=csv|json: the same filters, as a download of at most
//   50 000 entries; each export is itself audited;
// - GET / PUT /api/v1/admin/audit-policy: retention and forwarding to a central syslog server,
//   with the forwarder's state.
#include "api/routes.hpp"
#include "api/session_guard.hpp"

#include <charconv>
#include <limits>

#include <fmt/format.h>

namespace dienhong::api {
namespace {

using auth::Permission;
using nlohmann::json;

constexpr int kMaxPage = 1000;
constexpr int kMaxExport = 50'000;

json eventJson(const store::AuditEvent& e) {
  return {{"id", e.id}, {"at", e.atMs}, {"category", store::toString(e.category)}, {"actor", e.actor},
          {"sourceAddress", e.sourceAddress}, {"action", e.action}, {"target", e.target},
          {"outcome", store::toString(e.outcome)}, {"detail", e.detail}};
}

Result<int64_t> timeParameter(const http::Request& request, std::string_view name, int64_t fallback) {
  auto text = queryParameter(request, name);
  if (!text) return text.error();
  if (!text->has_value()) return fallback;
  int64_t value = 0;
  const std::string& digits = **text;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || value < 0) {
    return Error{"invalid_request", fmt::format("{} must be a time in Unix milliseconds", name)};
  }
  return value;
}

Result<store::AuditQuery> auditQuery(const http::Request& request, int maxLimit, int defaultLimit) {
  store::AuditQuery query;
  auto category = queryParameter(request, "category");
  auto outcome = queryParameter(request, "outcome");
  auto actor = queryParameter(request, "actor");
  auto text = queryParameter(request, "q");
  for (const auto* part : {&category, &outcome, &actor, &text}) {
    if (!*part) return part->error();
  }
  if (category->has_value() && !(*category)->empty()) {
    query.category = store::auditCategoryFromString(**category);
    if (!query.category) return Error{"invalid_request", "unknown category"};
  }
  if (outcome->has_value() && !(*outcome)->empty()) {
    query.outcome = store::auditOutcomeFromString(**outcome);
    if (!query.outcome) return Error{"invalid_request", "unknown outcome"};
  }
  if (actor->has_value()) query.actor = (*actor)->substr(0, 128);
  if (text->has_value()) {
    if ((*text)->size() > 200) return Error{"invalid_request", "q is too long"};
    query.text = **text;
  }
  auto from = timeParameter(request, "from", 0);
  auto to = timeParameter(request, "to", std::numeric_limits<int64_t>::max());
  auto offset = integerParameter(request, "offset", 0, 0, 10'000'000);
  auto limit = integerParameter(request, "limit", defaultLimit, 1, maxLimit);
  if (!from) return from.error();
  if (!to) return to.error();
  if (!offset) return offset.error();
  if (!limit) return limit.error();
  query.fromMs = *from;
  query.toMs = *to;
  query.offset = *offset;
  query.limit = *limit;
  return query;
}

http::Response list(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.permission = Permission::AuditView});
  if (!principal) return errorFor(request, principal.error());
  auto query = auditQuery(request, kMaxPage, 100);
  if (!query) return errorFor(request, query.error());
  auto page = context.store.audit().search(*query);
  if (!page) return errorFor(request, page.error());
  json events = json::array();
  for (const auto& e : page->events) events.push_back(eventJson(e));
  return jsonResponse(200, {{"events", std::move(events)}, {"total", page->total}});
}

// RFC 4180: every field quoted, quotes doubled. A leading = + - @ is prefixed with ' so that a
// spreadsheet opening the file never runs a formula someone typed into a name (CSV injection).
std::string csvField(std::string_view value) {
  std::string out = "\"";
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@')) out += '\'';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

http::Response exportEvents(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.permission = Permission::AuditView});
  if (!principal) return errorFor(request, principal.error());
  auto format = queryParameter(request, "format");
  if (!format) return errorFor(request, format.error());
  const std::string kind = format->value_or("csv");
  if (kind != "csv" && kind != "json") return errorFor(request, Error{"invalid_request", "format must be csv or json"});
  auto query = auditQuery(request, kMaxExport, kMaxExport);
  if (!query) return errorFor(request, query.error());
  auto page = context.store.audit().search(*query);
  if (!page) return errorFor(request, page.error());
  context.audit.record({.category = store::AuditCategory::Access,
                        .actor = principal->user.id,
                        .sourceAddress = request.clientAddress,
                        .action = "audit.export",
                        .target = "audit log",
                        .outcome = store::AuditOutcome::Success,
                        .detail = fmt::format("{} entries as {}", page->events.size(), kind)});
  http::Response response;
  if (kind == "json") {
    json events = json::array();
    for (const auto& e : page->events) events.push_back(eventJson(e));
    response = jsonResponse(200, {{"events", std::move(events)}, {"total", page->total}});
  } else {
    std::string csv = "\xEF\xBB\xBFid,time_utc_ms,category,actor,source_address,action,target,outcome,detail\r\n";
    for (const auto& e : page->events) {
      csv += fmt::format("{},{},{},{},{},{},{},{},{}\r\n", csvField(e.id), e.atMs, csvField(store::toString(e.category)),
                         csvField(e.actor), csvField(e.sourceAddress), csvField(e.action), csvField(e.target),
                         csvField(store::toString(e.outcome)), csvField(e.detail));
    }
    response.status = 200;
    response.body = std::move(csv);
    response.setHeader("Content-Type", "text/csv; charset=utf-8");
  }
  response.setHeader("Content-Disposition", fmt::format("attachment; filename=\"dienhong-audit.{}\"", kind));
  response.setHeader("Cache-Control", "no-store");
  return response;
}

json policyBody(ApiContext& context) {
  json body = {{"policy", audit::toJson(context.auditPolicy.current())},
               {"updatedAt", context.auditPolicy.updatedAtMs() == 0 ? json(nullptr) : json(context.auditPolicy.updatedAtMs())}};
  if (context.forwarder != nullptr) {
    const audit::ForwardingStatus status = context.forwarder->status();
    body["forwarding"] = {{"state", status.state}, {"lastError", status.lastError},
                          {"lastDeliveredAt", status.lastDeliveredAtMs == 0 ? json(nullptr) : json(status.lastDeliveredAtMs)},
                          {"pending", status.pending}};
  }
  return body;
}

http::Response showPolicy(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.permission = Permission::SettingsManage});
  if (!principal) return errorFor(request, principal.error());
  return jsonResponse(200, policyBody(context));
}

http::Response replacePolicy(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.permission = Permission::SettingsManage});
  if (!principal) return errorFor(request, principal.error());
  auto body = parseJsonObject(request);
  if (!body) return errorFor(request, body.error());
  auto policy = audit::auditPolicyFromJson(*body);
  const audit::AuditPolicy before = context.auditPolicy.current();
  auto record = [&](store::AuditOutcome outcome, std::string detail) {
    context.audit.record({.category = store::AuditCategory::Configuration,
                          .actor = principal->user.id,
                          .sourceAddress = request.clientAddress,
                          .action = "settings.audit_policy",
                          .target = "audit_policy",
                          .outcome = outcome,
                          .detail = std::move(detail)});
  };
  if (!policy) {
    record(store::AuditOutcome::Failure, policy.error().message);
    return errorFor(request, policy.error());
  }
  if (auto saved = context.auditPolicy.save(*policy, principal->user.id, context.auth.now()); !saved) {
    return errorFor(request, saved.error());
  }
  const auto& s = policy->syslog;
  record(store::AuditOutcome::Success,
         fmt::format("retentionDays {}→{}, syslog {} {}:{}{}", before.retentionDays, policy->retentionDays,
                     s.enabled ? "on" : "off", s.host.empty() ? "-" : s.host, s.port,
                     s.caCertificate == before.syslog.caCertificate ? "" : ", new CA certificate"));
  return jsonResponse(200, policyBody(context));
}

}  // namespace

void addAdminAuditRoutes(http::Router& router, ApiContext& context) {
  router.add(http::Method::Get, "/api/v1/admin/audit", [&context](http::Request& r) { return list(context, r); });
  router.add(http::Method::Get, "/api/v1/admin/audit/export",
             [&context](http::Request& r) { return exportEvents(context, r); });
  router.add(http::Method::Get, "/api/v1/admin/audit-policy",
             [&context](http::Request& r) { return showPolicy(context, r); });
  router.add(http::Method::Put, "/api/v1/admin/audit-policy",
             [&context](http::Request& r) { return replacePolicy(context, r); });
}

}  // namespace dienhong::api
