// SettingsRepository: the console's settings, one JSON document per name. The store does not
// read the documents; their owners (the security policy…) validate them.
#include "store/database.hpp"
#include "store/guard.hpp"
#include "store/store.hpp"

namespace dienhong::store {

Result<std::optional<Setting>> SettingsRepository::find(std::string_view name) {
  return guarded("find setting", [&]() -> Result<std::optional<Setting>> {
    auto rows = db_.execute(
        "SELECT name, value, updated_at, updated_by FROM settings WHERE name = $1", {name});
    if (!rows) return rows.error();
    if (rows->rows.empty()) return std::optional<Setting>();
    const Row& row = rows->rows.front();
    return std::optional<Setting>(Setting{row.text(0), row.text(1), row.integer(2), row.text(3)});
  });
}

Result<void> SettingsRepository::put(const Setting& setting) {
  return guarded("save setting", [&]() -> Result<void> {
    auto saved = db_.execute(
        "INSERT INTO settings (name, value, updated_at, updated_by) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
        "updated_by = excluded.updated_by",
        {setting.name, setting.value, setting.updatedAtMs, setting.updatedBy});
    if (!saved) return saved.error();
    return success();
  });
}

}  // namespace dienhong::store
