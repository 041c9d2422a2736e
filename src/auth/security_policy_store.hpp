// SecurityPolicyStore: the security policy in force. Read from the settings table at start (the
// defaults until an administrator first saves one), replaced as a whole by the console; readers
// get a copy, so a change takes effect on the next request without a restart.
#pragma once

#include <cstdint>
#include <mutex>
#include <string_view>

#include "auth/security_policy.hpp"
#include "common/result.hpp"
#include "store/store.hpp"

namespace dienhong::auth {

class SecurityPolicyStore {
 public:
  explicit SecurityPolicyStore(store::Store& store) : store_(store) {}

  // Error "invalid_policy" when the saved document is not a valid policy (the server must not
  // start on rules it cannot read), or a storage error.
  Result<void> load();
  SecurityPolicy current() const;
  // Saves the policy and puts it in force. The caller validated it (securityPolicyFromJson).
  Result<void> save(const SecurityPolicy& policy, std::string_view actorId, int64_t nowMs);
  int64_t updatedAtMs() const;

 private:
  store::Store& store_;
  mutable std::mutex mutex_;
  SecurityPolicy policy_;
  int64_t updatedAtMs_ = 0;
};

}  // namespace dienhong::auth
