// UnitRepository: the organisation's units. The tree's shape (no cycles, scope) is the account
// service's concern; the store keeps rows and refuses to remove a unit still in use.
#include "store/database.hpp"
#include "store/guard.hpp"
#include "store/store.hpp"

namespace dienhong::store {
namespace {

constexpr std::string_view kSelectUnit = "SELECT id, parent_id, name, created_at FROM units ";

Unit unitFromRow(const Row& row) {
  Unit unit;
  unit.id = row.text(0);
  if (!row.isNull(1)) unit.parentId = row.text(1);
  unit.name = row.text(2);
  unit.createdAtMs = row.integer(3);
  return unit;
}

}  // namespace

Result<void> UnitRepository::create(const Unit& unit) {
  return guarded("create unit", [&]() -> Result<void> {
    auto inserted = db_.execute(
        "INSERT INTO units (id, parent_id, name, created_at) VALUES ($1, $2, $3, $4)",
        {unit.id, unit.parentId ? Param(*unit.parentId) : Param(nullptr), unit.name, unit.createdAtMs});
    if (!inserted) return inserted.error();
    return success();
  });
}

Result<std::optional<Unit>> UnitRepository::findById(std::string_view id) {
  return guarded("find unit", [&]() -> Result<std::optional<Unit>> {
    auto rows = db_.execute(std::string(kSelectUnit) + "WHERE id = $1", {id});
    if (!rows) return rows.error();
    if (rows->rows.empty()) return std::optional<Unit>();
    return std::optional<Unit>(unitFromRow(rows->rows.front()));
  });
}

Result<std::vector<Unit>> UnitRepository::list() {
  return guarded("list units", [&]() -> Result<std::vector<Unit>> {
    auto rows = db_.execute(std::string(kSelectUnit) + "ORDER BY name, id");
    if (!rows) return rows.error();
    std::vector<Unit> units;
    for (const Row& row : rows->rows) units.push_back(unitFromRow(row));
    return units;
  });
}

Result<void> UnitRepository::rename(std::string_view id, std::string_view name) {
  return guarded("rename unit", [&]() -> Result<void> {
    auto updated = db_.execute("UPDATE units SET name = $2 WHERE id = $1", {id, name});
    if (!updated) return updated.error();
    if (updated->affectedRows == 0) return Error{"not_found", "no unit with id '" + std::string(id) + "'"};
    return success();
  });
}

Result<void> UnitRepository::remove(std::string_view id) {
  return guarded("remove unit", [&]() -> Result<void> {
    return db_.transaction([&](Connection& connection) -> Result<void> {
      auto used = connection.execute(
          "SELECT (SELECT COUNT(*) FROM units WHERE parent_id = $1) + "
          "(SELECT COUNT(*) FROM users WHERE unit_id = $1)",
          {id});
      if (!used) return used.error();
      if (!used->rows.empty() && used->rows.front().integer(0) > 0) {
        return Error{"in_use", "unit '" + std::string(id) + "' still has units or accounts"};
      }
      auto removed = connection.execute("DELETE FROM units WHERE id = $1", {id});
      if (!removed) return removed.error();
      if (removed->affectedRows == 0) return Error{"not_found", "no unit with id '" + std::string(id) + "'"};
      return success();
    });
  });
}

}  // namespace dienhong::store
