#include "audit/audit_log.hpp"

#include <chrono>

#include <fmt/format.h>

#include "auth/tokens.hpp"
#include "common/logging.hpp"

namespace dienhong::audit {

namespace {

logging::Category logCategory(store::AuditCategory category) {
  switch (category) {
    case store::AuditCategory::Access: return logging::Category::Access;
    case store::AuditCategory::AdminLogin: return logging::Category::AdminLogin;
    case store::AuditCategory::Error: return logging::Category::Error;
    case store::AuditCategory::Account: return logging::Category::Account;
    case store::AuditCategory::Configuration: return logging::Category::Config;
    case store::AuditCategory::Meeting: return logging::Category::Meeting;
  }
  return logging::Category::System;
}

}  // namespace

void AuditLog::record(const Entry& entry) {
  store::AuditEvent event;
  event.atMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
  // Sortable: entries of the same millisecond keep the order they were recorded in, which the
  // store's "newest first, ties by id" listing relies on; the random tail keeps ids unique
  // across processes sharing one database.
  event.id = fmt::format("{:012x}{:08x}{}", event.atMs, sequence_.fetch_add(1), auth::randomHex(4));
  event.category = entry.category;
  event.actor = entry.actor;
  event.sourceAddress = entry.sourceAddress;
  event.action = entry.action;
  event.target = entry.target;
  event.outcome = entry.outcome;
  event.detail = entry.detail;
  auto& log = logging::logger(logCategory(entry.category));
  const auto level = entry.outcome == store::AuditOutcome::Success ? spdlog::level::info : spdlog::level::warn;
  log.log(level, "msg=audit category={} actor={} address={} action={} target={} outcome={} detail={}",
          store::toString(entry.category), logging::quote(entry.actor), logging::quote(entry.sourceAddress),
          entry.action, logging::quote(entry.target), store::toString(entry.outcome), logging::quote(entry.detail));
  if (auto stored = store_.audit().append(event); !stored) {
    logging::logger(logging::Category::Error)
        .error("msg=audit_store_failed action={} detail={}", entry.action, logging::quote(stored.error().message));
  }
}

}  // namespace dienhong::audit
