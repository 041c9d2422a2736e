#include "auth/security_policy_store.hpp"

namespace dienhong::auth {

Result<void> SecurityPolicyStore::load() {
  auto saved = store_.settings().find(kSecurityPolicySetting);
  if (!saved) return saved.error();
  if (!saved->has_value()) return success();
  const auto document = nlohmann::json::parse((*saved)->value, nullptr, /*allow_exceptions=*/false);
  auto policy = securityPolicyFromJson(document);
  if (!policy) {
    return Error{"invalid_policy", "the saved security policy cannot be read: " + policy.error().message};
  }
  std::lock_guard lock(mutex_);
  policy_ = std::move(policy.value());
  updatedAtMs_ = (*saved)->updatedAtMs;
  return success();
}

SecurityPolicy SecurityPolicyStore::current() const {
  std::lock_guard lock(mutex_);
  return policy_;
}

int64_t SecurityPolicyStore::updatedAtMs() const {
  std::lock_guard lock(mutex_);
  return updatedAtMs_;
}

Result<void> SecurityPolicyStore::save(const SecurityPolicy& policy, std::string_view actorId,
                                       int64_t nowMs) {
  store::Setting setting{std::string(kSecurityPolicySetting), toJson(policy).dump(), nowMs,
                         std::string(actorId)};
  if (auto saved = store_.settings().put(setting); !saved) return saved.error();
  std::lock_guard lock(mutex_);
  policy_ = policy;
  updatedAtMs_ = nowMs;
  return success();
}

}  // namespace dienhong::auth
