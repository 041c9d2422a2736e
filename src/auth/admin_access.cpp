#include "auth/admin_access.hpp"

#include <algorithm>

namespace dienhong::auth {

using nlohmann::json;

std::vector<NetworkRange> AdminAccess::defaultNetworks() {
  std::vector<NetworkRange> ranges;
  for (const char* text : {"127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"}) {
    ranges.push_back(*NetworkRange::parse(text));
  }
  return ranges;
}

bool AdminAccess::allows(std::string_view address) const {
  return std::any_of(allowedNetworks.begin(), allowedNetworks.end(),
                     [&](const NetworkRange& range) { return range.contains(address); });
}

json toJson(const AdminAccess& access) {
  json networks = json::array();
  for (const auto& range : access.allowedNetworks) networks.push_back(range.toString());
  return {{"allowedNetworks", std::move(networks)}, {"port", access.port ? json(*access.port) : json(nullptr)}};
}

Result<AdminAccess> adminAccessFromJson(const json& document) {
  const Error invalidNetworks{"invalid_setting",
                              "allowedNetworks must list 1-64 address ranges such as 10.0.0.0/8 or 2001:db8::/32"};
  if (!document.is_object()) return Error{"invalid_setting", "the setting must be an object"};
  for (const auto& [name, value] : document.items()) {
    if (name != "allowedNetworks" && name != "port") return Error{"invalid_setting", "the setting has an unknown member"};
  }
  const auto networks = document.find("allowedNetworks");
  if (networks == document.end() || !networks->is_array() || networks->empty() ||
      networks->size() > kMaxAllowedNetworks) {
    return invalidNetworks;
  }
  AdminAccess access;
  access.allowedNetworks.clear();
  for (const json& item : *networks) {
    auto range = item.is_string() ? NetworkRange::parse(item.get_ref<const std::string&>()) : std::nullopt;
    if (!range) return invalidNetworks;
    access.allowedNetworks.push_back(*range);
  }
  const auto port = document.find("port");
  if (port == document.end()) return Error{"invalid_setting", "port is missing"};
  if (!port->is_null()) {
    if (!port->is_number_integer() || port->get<int64_t>() < 1024 || port->get<int64_t>() > 65535) {
      return Error{"invalid_setting", "port must be null or an integer from 1024 to 65535"};
    }
    access.port = static_cast<uint16_t>(port->get<int64_t>());
  }
  return access;
}

}  // namespace dienhong::auth
