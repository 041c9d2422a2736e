// AdminAccess: who may reach the administration listener and on which port (S2.1, S2.3). The
// console edits it; the listener refuses connections from any other address before TLS. The
// port applies when the server next starts (the console says so); the networks apply at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/network_range.hpp"
#include "common/result.hpp"
#include "store/setting_store.hpp"

namespace dienhong::auth {

struct AdminAccess {
  // Loopback and the private ranges: the console works from the machine itself and the office
  // network until an administrator narrows it.
  std::vector<NetworkRange> allowedNetworks = defaultNetworks();
  std::optional<uint16_t> port;  // none: the configuration file's server.admin_port

  bool allows(std::string_view address) const;
  static std::vector<NetworkRange> defaultNetworks();
};

inline constexpr size_t kMaxAllowedNetworks = 64;

nlohmann::json toJson(const AdminAccess& access);
// {"allowedNetworks": ["10.0.0.0/8", …] (1–64 ranges), "port": 1024–65535 or null}. Error
// "invalid_setting" naming the field; unknown members are refused.
Result<AdminAccess> adminAccessFromJson(const nlohmann::json& document);

}  // namespace dienhong::auth

template <>
struct dienhong::store::SettingTraits<dienhong::auth::AdminAccess> {
  static constexpr std::string_view kName = "admin_access";
  static nlohmann::json toJson(const auth::AdminAccess& access) { return auth::toJson(access); }
  static Result<auth::AdminAccess> fromJson(const nlohmann::json& json) { return auth::adminAccessFromJson(json); }
};

namespace dienhong::auth {
using AdminAccessStore = store::SettingStore<AdminAccess>;
}  // namespace dienhong::auth
