// Role names as stored in the database and used by the API. Changing one needs a migration.
#include "store/records.hpp"

namespace dienhong::store {

std::string_view toString(Role role) {
  switch (role) {
    case Role::User:
      return "user";
    case Role::MeetingAdmin:
      return "meeting_admin";
    case Role::SystemAdmin:
      return "system_admin";
  }
  return "user";  // unreachable for a valid enumerator
}

std::optional<Role> roleFromString(std::string_view text) {
  for (Role role : {Role::User, Role::MeetingAdmin, Role::SystemAdmin}) {
    if (text == toString(role)) return role;
  }
  return std::nullopt;
}

}  // namespace dienhong::store
