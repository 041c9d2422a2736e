// SecurityPolicy: the rules the administration console sets (S1.3, S1.4, S1.6, S2.2), kept as one
// JSON document in the settings table. Every field is checked against its range on the way in;
// an unknown field is refused, so a typo never silently leaves a rule at its old value.
#pragma once

#include <nlohmann/json.hpp>

#include "auth/password_policy.hpp"
#include "common/result.hpp"
#include "store/records.hpp"
#include "store/setting_store.hpp"

namespace dienhong::auth {

// What happens when an account reaches maxFailures wrong passwords within the window (S1.4).
enum class LockAction { LockFor, UntilUnlocked };

struct LockoutPolicy {
  int maxFailures = 5;
  int windowMinutes = 15;
  LockAction action = LockAction::LockFor;
  int lockMinutes = 15;  // LockFor only
};

struct SessionPolicy {
  int idleMinutes = 30;    // S2.2: sign-out after this long without a request
  int absoluteHours = 12;  // sign-out this long after sign-in, active or not
};

// Groups whose members must sign in with a second factor (TOTP); anyone else may choose to.
struct TwoFactorPolicy {
  bool requiredForUsers = false;
  bool requiredForMeetingAdmins = false;
  bool requiredForSystemAdmins = false;

  bool requiredFor(store::Role role) const;
};

// S1.6: after this many failed sign-ins from one address, or for one name, within the lockout
// window, each further attempt first solves a puzzle of `bits` bits (auth::ProofOfWork).
struct ProofOfWorkPolicy {
  int afterFailures = 3;
  int bits = 18;  // about 2^18 hashes: a fraction of a second in a browser
};

struct SecurityPolicy {
  PasswordPolicy password;
  LockoutPolicy lockout;
  TwoFactorPolicy twoFactor;
  // S1.6: failed sign-ins from one address within a minute before the address is refused.
  int addressFailuresPerMinute = 10;
  ProofOfWorkPolicy proofOfWork;
  SessionPolicy session;
};

inline constexpr std::string_view kSecurityPolicySetting = "security_policy";

nlohmann::json toJson(const SecurityPolicy& policy);
// The whole document, every field present. Error "invalid_policy"; the message names the field
// and what it accepts, in English, and carries no input back.
Result<SecurityPolicy> securityPolicyFromJson(const nlohmann::json& document);

}  // namespace dienhong::auth

template <>
struct dienhong::store::SettingTraits<dienhong::auth::SecurityPolicy> {
  static constexpr std::string_view kName = auth::kSecurityPolicySetting;
  static nlohmann::json toJson(const auth::SecurityPolicy& policy) { return auth::toJson(policy); }
  static Result<auth::SecurityPolicy> fromJson(const nlohmann::json& json) { return auth::securityPolicyFromJson(json); }
};

namespace dienhong::auth {
using SecurityPolicyStore = store::SettingStore<SecurityPolicy>;
}  // namespace dienhong::auth
