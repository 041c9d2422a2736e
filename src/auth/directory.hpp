// Directory sign-in (F6): existing accounts of an LDAP directory or Active Directory. The
// directory checks the password (a bind as the person); Diên Hồng keeps a local account for them,
// without a password of its own, whose group follows the directory groups they belong to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.hpp"
#include "store/records.hpp"
#include "store/setting_store.hpp"

namespace dienhong::auth {

struct GroupMapping {
  std::string groupDn;
  store::Role role = store::Role::User;
};

struct DirectoryConfig {
  bool enabled = false;
  std::string url;             // ldaps://host:636, or ldap://host:389 with startTls
  bool startTls = true;        // required for ldap:// (credentials only over TLS, S1.5)
  std::string caCertificate;   // PEM of the authority that signed the directory's certificate
  std::string bindDn;          // the service account that looks people up
  std::string bindPasswordSealed;  // sealed by SecretBox (purpose "directory-bind"); never returned
  std::string userBase;
  std::string userFilter = "(uid={username})";  // or (sAMAccountName={username}) for AD
  std::string displayNameAttribute = "cn";
  std::string emailAttribute = "mail";
  std::string groupBase;       // searched for (member=<the person's DN>)
  std::vector<GroupMapping> groupMappings;  // the highest group among the person's wins
};

// The stored document (with the sealed bind password).
nlohmann::json toJson(const DirectoryConfig& config);
Result<DirectoryConfig> directoryConfigFromJson(const nlohmann::json& document);
// What the console sees: no password, only whether one is set.
nlohmann::json toPublicJson(const DirectoryConfig& config);
// The console's document: like the stored one but with "bindPassword" (plain text, to be sealed)
// or null (keep the current one) instead of the sealed value. Error "invalid_setting".
struct DirectoryUpdate {
  DirectoryConfig config;
  std::optional<std::string> bindPassword;
};
Result<DirectoryUpdate> directoryUpdateFromJson(const nlohmann::json& document);

// RFC 4515: a value placed inside a search filter, with * ( ) \ and NUL escaped.
std::string escapeFilterValue(std::string_view value);

struct DirectoryPerson {
  std::string dn;
  std::string displayName;
  std::string email;
  std::vector<std::string> groups;  // DNs
};

// The directory as AuthService sees it; LdapDirectory talks to a real server.
class Directory {
 public:
  virtual ~Directory() = default;
  // Errors: "invalid_credentials" (no such person or wrong password), "directory_unavailable".
  virtual Result<DirectoryPerson> authenticate(const DirectoryConfig& config, std::string_view bindPassword,
                                               std::string_view username, std::string_view password) = 0;
};

// The role a person's groups give them (User when none maps).
store::Role roleFor(const DirectoryConfig& config, const std::vector<std::string>& groups);

}  // namespace dienhong::auth

template <>
struct dienhong::store::SettingTraits<dienhong::auth::DirectoryConfig> {
  static constexpr std::string_view kName = "directory";
  static nlohmann::json toJson(const auth::DirectoryConfig& config) { return auth::toJson(config); }
  static Result<auth::DirectoryConfig> fromJson(const nlohmann::json& json) { return auth::directoryConfigFromJson(json); }
};

namespace dienhong::auth {
using DirectoryConfigStore = store::SettingStore<DirectoryConfig>;
}  // namespace dienhong::auth
