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
  mirrorToLog(entry);
  store(entry);
}

void AuditLog::mirrorToLog(const Entry& entry) const {
  auto& log = logging::logger(logCategory(entry.category));
  const auto level = entry.outcome == store::AuditOutcome::Success ? spdlog::level::info : spdlog::level::warn;
  log.log(level, "msg=audit category={} actor={} address={} action={} target={} outcome={} detail={}",
          store::toString(entry.category), logging::quote(entry.actor), logging::quote(entry.sourceAddress),
          entry.action, logging::quote(entry.target), store::toString(entry.outcome), logging::quote(entry.detail));
}

void AuditLog::store(const Entry& entry) {
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
  if (auto stored = store_.audit().append(event); !stored) {
    logging::logger(logging::Category::Error)
        .error("msg=audit_store_failed action={} detail={}", entry.action, logging::quote(stored.error().message));
  }
}

void AuditLog::post(Entry entry) {
  mirrorToLog(entry);
  std::lock_guard lock(queueMutex_);
  if (queue_.size() >= kMaxQueued) {
    logging::logger(logging::Category::Error)
        .error("msg=audit_queue_full action={} target={}", entry.action, logging::quote(entry.target));
    return;
  }
  queue_.push_back(std::move(entry));
  if (!writer_.joinable()) writer_ = std::thread([this] { writeQueued(); });
  queueChanged_.notify_all();
}

void AuditLog::writeQueued() {
  std::unique_lock lock(queueMutex_);
  while (true) {
    queueChanged_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything is stored
    Entry entry = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    lock.unlock();
    store(entry);
    lock.lock();
    writing_ = false;
    queueChanged_.notify_all();
  }
}

void AuditLog::flush() {
  std::unique_lock lock(queueMutex_);
  queueChanged_.wait(lock, [this] { return queue_.empty() && !writing_; });
}

AuditLog::~AuditLog() {
  {
    std::lock_guard lock(queueMutex_);
    stopping_ = true;
    queueChanged_.notify_all();
  }
  if (writer_.joinable()) writer_.join();
}

}  // namespace dienhong::audit
