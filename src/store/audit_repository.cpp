// AuditRepository: the audit log, written once over Database for both back-ends. Events refer to
// nothing by foreign key: they must outlive the accounts and rooms they describe, and go only by
// retention (removeOlderThan).
#include <string>
#include <utility>

#include "store/database.hpp"
#include "store/guard.hpp"
#include "store/store.hpp"

namespace dienhong::store {

namespace {

constexpr std::string_view kSelectEvent =
    "SELECT id, at, category, actor, source_address, action, target, outcome, detail "
    "FROM audit_events ";

Result<AuditEvent> eventFromRow(const Row& row) {
  AuditEvent event;
  event.id = row.text(0);
  event.atMs = row.integer(1);
  const std::string category = row.text(2);
  auto parsedCategory = auditCategoryFromString(category);
  if (!parsedCategory) {
    return Error{"database_corrupt",
                 "audit event '" + event.id + "' has unknown category '" + category + "'"};
  }
  event.category = *parsedCategory;
  event.actor = row.text(3);
  event.sourceAddress = row.text(4);
  event.action = row.text(5);
  event.target = row.text(6);
  const std::string outcome = row.text(7);
  auto parsedOutcome = auditOutcomeFromString(outcome);
  if (!parsedOutcome) {
    return Error{"database_corrupt",
                 "audit event '" + event.id + "' has unknown outcome '" + outcome + "'"};
  }
  event.outcome = *parsedOutcome;
  event.detail = row.text(8);
  return event;
}

}  // namespace

Result<void> AuditRepository::append(const AuditEvent& event) {
  return guarded("append audit event", [&]() -> Result<void> {
    auto inserted = db_.execute(
        "INSERT INTO audit_events (id, at, category, actor, source_address, action, target, "
        "outcome, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        {event.id, event.atMs, toString(event.category), event.actor, event.sourceAddress,
         event.action, event.target, toString(event.outcome), event.detail});
    if (!inserted) {
      if (inserted.error().code == "conflict") {
        return Error{"conflict", "an audit event with id '" + event.id + "' already exists"};
      }
      return inserted.error();
    }
    return success();
  });
}

Result<std::vector<AuditEvent>> AuditRepository::list(std::optional<AuditCategory> category,
                                                      int64_t sinceMs, int limit) {
  return guarded("list audit events", [&]() -> Result<std::vector<AuditEvent>> {
    std::vector<AuditEvent> events;
    // A negative LIMIT means "no limit" to SQLite and an error to PostgreSQL: settle it here.
    if (limit <= 0) return events;
    // Two statements rather than "$2 IS NULL OR category = $2": PostgreSQL cannot infer the
    // type of a parameter that is only compared with NULL, and each text gets its own plan.
    auto listed =
        category ? db_.execute(std::string(kSelectEvent) +
                                   "WHERE at >= $1 AND category = $2 ORDER BY at DESC, id DESC "
                                   "LIMIT $3",
                               {sinceMs, toString(*category), limit})
                 : db_.execute(std::string(kSelectEvent) +
                                   "WHERE at >= $1 ORDER BY at DESC, id DESC LIMIT $2",
                               {sinceMs, limit});
    if (!listed) return listed.error();
    events.reserve(listed->rows.size());
    for (const Row& row : listed->rows) {
      auto event = eventFromRow(row);
      if (!event) return event.error();
      events.push_back(std::move(*event));
    }
    return events;
  });
}

Result<int64_t> AuditRepository::removeOlderThan(int64_t cutoffMs) {
  return guarded("remove old audit events", [&]() -> Result<int64_t> {
    auto removed = db_.execute("DELETE FROM audit_events WHERE at < $1", {cutoffMs});
    if (!removed) return removed.error();
    return removed->affectedRows;
  });
}

}  // namespace dienhong::store
