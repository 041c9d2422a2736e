// AuditRepository: the audit log, written once over Database for both back-ends. Events refer to
// nothing by foreign key: they must outlive the accounts and rooms they describe, and go only by
// retention (removeOlderThan).
#include <string>
#include <utility>

#include "store/database.hpp"
#include "store/guard.hpp"
#include "store/store.hpp"
#include "store/text_case.hpp"

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

Result<AuditPage> AuditRepository::search(const AuditQuery& query) {
  return guarded("search audit events", [&]() -> Result<AuditPage> {
    // One text for every combination: an empty parameter turns its filter off.
    const std::string where =
        "WHERE ($1 = '' OR category = $1) AND ($2 = '' OR outcome = $2) AND ($3 = '' OR actor = $3) "
        "AND ($4 = '' OR lower(action || ' ' || target || ' ' || source_address || ' ' || detail) "
        "LIKE $4 ESCAPE '!') AND at >= $5 AND at < $6";
    std::string pattern;
    if (!query.text.empty()) {
      pattern = "%";
      for (char c : lowerCase(query.text)) {
        if (c == '%' || c == '_' || c == '!') pattern.push_back('!');
        pattern.push_back(c);
      }
      pattern.push_back('%');
    }
    const std::string category = query.category ? std::string(toString(*query.category)) : "";
    const std::string outcome = query.outcome ? std::string(toString(*query.outcome)) : "";
    auto counted = db_.execute("SELECT COUNT(*) FROM audit_events " + where,
                               {category, outcome, query.actor, pattern, query.fromMs, query.toMs});
    if (!counted) return counted.error();
    AuditPage page;
    page.total = counted->rows.empty() ? 0 : counted->rows.front().integer(0);
    if (query.limit <= 0) return page;
    auto listed = db_.execute(std::string(kSelectEvent) + where + " ORDER BY at DESC, id DESC LIMIT $7 OFFSET $8",
                              {category, outcome, query.actor, pattern, query.fromMs, query.toMs, query.limit,
                               query.offset});
    if (!listed) return listed.error();
    for (const Row& row : listed->rows) {
      auto event = eventFromRow(row);
      if (!event) return event.error();
      page.events.push_back(std::move(*event));
    }
    return page;
  });
}

Result<std::vector<AuditEvent>> AuditRepository::after(std::string_view afterId, int limit) {
  return guarded("read audit events to forward", [&]() -> Result<std::vector<AuditEvent>> {
    std::vector<AuditEvent> events;
    if (limit <= 0) return events;
    auto listed = db_.execute(std::string(kSelectEvent) + "WHERE id > $1 ORDER BY id LIMIT $2", {afterId, limit});
    if (!listed) return listed.error();
    for (const Row& row : listed->rows) {
      auto event = eventFromRow(row);
      if (!event) return event.error();
      events.push_back(std::move(*event));
    }
    return events;
  });
}

Result<int64_t> AuditRepository::countAfter(std::string_view afterId) {
  return guarded("count audit events to forward", [&]() -> Result<int64_t> {
    auto counted = db_.execute("SELECT COUNT(*) FROM audit_events WHERE id > $1", {afterId});
    if (!counted) return counted.error();
    return counted->rows.empty() ? int64_t{0} : counted->rows.front().integer(0);
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
