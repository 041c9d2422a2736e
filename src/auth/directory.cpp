#include "auth/directory.hpp"

#include <algorithm>
#include <cctype>

#include "store/text_case.hpp"

namespace dienhong::auth {
namespace {

using nlohmann::json;

Error invalid(std::string message) { return Error{"invalid_setting", std::move(message)}; }

int rank(store::Role role) {
  return role == store::Role::SystemAdmin ? 2 : role == store::Role::MeetingAdmin ? 1 : 0;
}

// Reads every member of the console's or the stored document; `password` names the member that
// carries the bind password in that form.
Result<DirectoryUpdate> read(const json& document, std::string_view password) {
  if (!document.is_object()) return invalid("the setting must be an object");
  static const std::vector<std::string_view> kMembers = {
      "enabled", "url", "startTls", "caCertificate", "bindDn", "userBase", "userFilter",
      "displayNameAttribute", "emailAttribute", "groupBase", "groupMappings"};
  for (const auto& [name, value] : document.items()) {
    if (name != password && std::find(kMembers.begin(), kMembers.end(), name) == kMembers.end()) {
      return invalid("the setting has an unknown member");
    }
  }
  DirectoryUpdate update;
  DirectoryConfig& c = update.config;
  auto boolean = [&](const char* name, bool* out) -> bool {
    const auto it = document.find(name);
    if (it == document.end() || !it->is_boolean()) return false;
    *out = it->get<bool>();
    return true;
  };
  auto text = [&](const char* name, std::string* out, size_t max) -> bool {
    const auto it = document.find(name);
    if (it == document.end() || !it->is_string() || it->get_ref<const std::string&>().size() > max) return false;
    *out = it->get<std::string>();
    return true;
  };
  if (!boolean("enabled", &c.enabled)) return invalid("enabled must be true or false");
  if (!boolean("startTls", &c.startTls)) return invalid("startTls must be true or false");
  for (const auto& [name, field, max] : {std::tuple{"url", &c.url, size_t{512}},
                                         std::tuple{"caCertificate", &c.caCertificate, size_t{64 * 1024}},
                                         std::tuple{"bindDn", &c.bindDn, size_t{1024}},
                                         std::tuple{"userBase", &c.userBase, size_t{1024}},
                                         std::tuple{"userFilter", &c.userFilter, size_t{512}},
                                         std::tuple{"displayNameAttribute", &c.displayNameAttribute, size_t{64}},
                                         std::tuple{"emailAttribute", &c.emailAttribute, size_t{64}},
                                         std::tuple{"groupBase", &c.groupBase, size_t{1024}}}) {
    if (!text(name, field, max)) return invalid(std::string(name) + " must be a string");
  }
  const auto mappings = document.find("groupMappings");
  if (mappings == document.end() || !mappings->is_array() || mappings->size() > 50) {
    return invalid("groupMappings must be a list of {group, role}");
  }
  for (const json& item : *mappings) {
    std::optional<store::Role> role;
    if (item.is_object() && item.size() == 2 && item.contains("group") && item["group"].is_string() &&
        item.contains("role") && item["role"].is_string()) {
      role = store::roleFromString(item["role"].get_ref<const std::string&>());
    }
    if (!role || item["group"].get_ref<const std::string&>().empty()) {
      return invalid("groupMappings must be a list of {group, role}");
    }
    c.groupMappings.push_back({item["group"].get<std::string>(), *role});
  }
  const auto secret = document.find(password);
  if (secret != document.end() && !secret->is_null()) {
    if (!secret->is_string() || secret->get_ref<const std::string&>().size() > 1024) {
      return invalid("the bind password must be a string");
    }
    update.bindPassword = secret->get<std::string>();
  }
  if (c.enabled) {
    const bool ldaps = c.url.starts_with("ldaps://");
    if (!ldaps && !c.url.starts_with("ldap://")) return invalid("url must start with ldaps:// or ldap://");
    if (!ldaps && !c.startTls) return invalid("an ldap:// url needs startTls: credentials travel only over TLS");
    if (c.caCertificate.find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
      return invalid("caCertificate must hold the PEM certificate of the directory's authority");
    }
    if (c.userBase.empty() || c.userFilter.find("{username}") == std::string::npos) {
      return invalid("userBase is required and userFilter must contain {username}");
    }
  }
  return update;
}

}  // namespace

json toJson(const DirectoryConfig& c) {
  json mappings = json::array();
  for (const auto& m : c.groupMappings) mappings.push_back({{"group", m.groupDn}, {"role", store::toString(m.role)}});
  return {{"enabled", c.enabled}, {"url", c.url}, {"startTls", c.startTls}, {"caCertificate", c.caCertificate},
          {"bindDn", c.bindDn}, {"bindPasswordSealed", c.bindPasswordSealed}, {"userBase", c.userBase},
          {"userFilter", c.userFilter}, {"displayNameAttribute", c.displayNameAttribute},
          {"emailAttribute", c.emailAttribute}, {"groupBase", c.groupBase}, {"groupMappings", std::move(mappings)}};
}

Result<DirectoryConfig> directoryConfigFromJson(const json& document) {
  auto update = read(document, "bindPasswordSealed");
  if (!update) return update.error();
  update->config.bindPasswordSealed = update->bindPassword.value_or("");
  return std::move(update->config);
}

json toPublicJson(const DirectoryConfig& c) {
  json out = toJson(c);
  out.erase("bindPasswordSealed");
  out["bindPasswordSet"] = !c.bindPasswordSealed.empty();
  return out;
}

Result<DirectoryUpdate> directoryUpdateFromJson(const json& document) { return read(document, "bindPassword"); }

std::string escapeFilterValue(std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : value) {
    if (c == '*' || c == '(' || c == ')' || c == '\\' || c == '\0') {
      out += '\\';
      out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      out += kHex[static_cast<unsigned char>(c) & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

store::Role roleFor(const DirectoryConfig& config, const std::vector<std::string>& groups) {
  store::Role best = store::Role::User;
  for (const auto& group : groups) {
    for (const auto& mapping : config.groupMappings) {
      // DNs compare without regard to case (attribute names and values of the usual schemas).
      if (store::lowerCase(group) == store::lowerCase(mapping.groupDn) && rank(mapping.role) > rank(best)) {
        best = mapping.role;
      }
    }
  }
  return best;
}

}  // namespace dienhong::auth
