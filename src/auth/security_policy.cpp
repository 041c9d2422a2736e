#include "auth/security_policy.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "auth/proof_of_work.hpp"

namespace dienhong::auth {
namespace {

using nlohmann::json;

std::string_view toString(LockAction action) {
  return action == LockAction::LockFor ? "lock_for" : "until_unlocked";
}

// Reads one JSON object field by field and remembers the first problem; the caller asks at the
// end whether everything was present, typed and in range, and whether anything was left over.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string path, std::string* problem)
      : object_(object), path_(std::move(path)), problem_(problem) {
    if (!object_.is_object()) fail(path_, "must be an object");
  }

  void integer(std::string_view name, int* out, int min, int max) {
    const json* value = take(name);
    if (value == nullptr) return;
    if (!value->is_number_integer() || value->get<int64_t>() < min || value->get<int64_t>() > max) {
      fail(fieldPath(name), fmt::format("must be an integer from {} to {}", min, max));
      return;
    }
    *out = value->get<int>();
  }

  void integer(std::string_view name, size_t* out, int min, int max) {
    int value = static_cast<int>(*out);
    integer(name, &value, min, max);
    *out = static_cast<size_t>(value);
  }

  void boolean(std::string_view name, bool* out) {
    const json* value = take(name);
    if (value == nullptr) return;
    if (!value->is_boolean()) {
      fail(fieldPath(name), "must be true or false");
      return;
    }
    *out = value->get<bool>();
  }

  void lockAction(std::string_view name, LockAction* out) {
    const json* value = take(name);
    if (value == nullptr) return;
    for (LockAction action : {LockAction::LockFor, LockAction::UntilUnlocked}) {
      if (value->is_string() && value->get_ref<const std::string&>() == toString(action)) {
        *out = action;
        return;
      }
    }
    fail(fieldPath(name), "must be \"lock_for\" or \"until_unlocked\"");
  }

  const json& object(std::string_view name) {
    static const json kNull;
    const json* value = take(name);
    return value == nullptr ? kNull : *value;
  }

  std::string fieldPath(std::string_view name) const {
    return path_.empty() ? std::string(name) : path_ + "." + std::string(name);
  }

  // Fields the reader never asked for are unknown.
  void finish() {
    if (!object_.is_object()) return;
    for (const auto& [name, value] : object_.items()) {
      if (std::find(taken_.begin(), taken_.end(), name) == taken_.end()) {
        fail(path_.empty() ? "the policy" : path_, "has a field that is not a policy field");
      }
    }
  }

  void fail(const std::string& field, std::string_view rule) {
    if (problem_->empty()) *problem_ = field + " " + std::string(rule);
  }

 private:
  const json* take(std::string_view name) {
    if (!object_.is_object()) return nullptr;
    taken_.emplace_back(name);
    const auto it = object_.find(name);
    if (it == object_.end()) {
      fail(fieldPath(name), "is missing");
      return nullptr;
    }
    return &*it;
  }

  const json& object_;
  std::string path_;
  std::string* problem_;
  std::vector<std::string> taken_;
};

}  // namespace

bool TwoFactorPolicy::requiredFor(store::Role role) const {
  switch (role) {
    case store::Role::User: return requiredForUsers;
    case store::Role::MeetingAdmin: return requiredForMeetingAdmins;
    case store::Role::SystemAdmin: return requiredForSystemAdmins;
  }
  return false;
}

json toJson(const SecurityPolicy& policy) {
  const PasswordPolicy& p = policy.password;
  return {{"password",
           {{"minLength", p.minLength},
            {"requireLower", p.requireLower},
            {"requireUpper", p.requireUpper},
            {"requireDigit", p.requireDigit},
            {"requireSymbol", p.requireSymbol},
            {"historyCount", p.historyCount},
            {"changeAfterDays", p.changeAfterDays},
            {"validDays", p.validDays}}},
          {"lockout",
           {{"maxFailures", policy.lockout.maxFailures},
            {"windowMinutes", policy.lockout.windowMinutes},
            {"action", toString(policy.lockout.action)},
            {"lockMinutes", policy.lockout.lockMinutes}}},
          {"twoFactor",
           {{"requiredForUsers", policy.twoFactor.requiredForUsers},
            {"requiredForMeetingAdmins", policy.twoFactor.requiredForMeetingAdmins},
            {"requiredForSystemAdmins", policy.twoFactor.requiredForSystemAdmins}}},
          {"addressFailuresPerMinute", policy.addressFailuresPerMinute},
          {"proofOfWork", {{"afterFailures", policy.proofOfWork.afterFailures}, {"bits", policy.proofOfWork.bits}}},
          {"session",
           {{"idleMinutes", policy.session.idleMinutes},
            {"absoluteHours", policy.session.absoluteHours}}}};
}

Result<SecurityPolicy> securityPolicyFromJson(const json& document) {
  SecurityPolicy policy;
  std::string problem;
  ObjectReader top(document, "", &problem);
  {
    ObjectReader password(top.object("password"), "password", &problem);
    PasswordPolicy& p = policy.password;
    password.integer("minLength", &p.minLength, 8, 64);
    password.boolean("requireLower", &p.requireLower);
    password.boolean("requireUpper", &p.requireUpper);
    password.boolean("requireDigit", &p.requireDigit);
    password.boolean("requireSymbol", &p.requireSymbol);
    password.integer("historyCount", &p.historyCount, 0, 24);
    password.integer("changeAfterDays", &p.changeAfterDays, 0, 3650);
    password.integer("validDays", &p.validDays, 0, 3650);
    password.finish();
    if (p.changeAfterDays > 0 && p.validDays > 0 && p.changeAfterDays >= p.validDays) {
      password.fail("password.changeAfterDays", "must be shorter than password.validDays");
    }
  }
  {
    ObjectReader lockout(top.object("lockout"), "lockout", &problem);
    lockout.integer("maxFailures", &policy.lockout.maxFailures, 1, 100);
    lockout.integer("windowMinutes", &policy.lockout.windowMinutes, 1, 24 * 60);
    lockout.lockAction("action", &policy.lockout.action);
    lockout.integer("lockMinutes", &policy.lockout.lockMinutes, 1, 30 * 24 * 60);
    lockout.finish();
  }
  {
    ObjectReader twoFactor(top.object("twoFactor"), "twoFactor", &problem);
    twoFactor.boolean("requiredForUsers", &policy.twoFactor.requiredForUsers);
    twoFactor.boolean("requiredForMeetingAdmins", &policy.twoFactor.requiredForMeetingAdmins);
    twoFactor.boolean("requiredForSystemAdmins", &policy.twoFactor.requiredForSystemAdmins);
    twoFactor.finish();
  }
  top.integer("addressFailuresPerMinute", &policy.addressFailuresPerMinute, 1, 1000);
  {
    ObjectReader proofOfWork(top.object("proofOfWork"), "proofOfWork", &problem);
    proofOfWork.integer("afterFailures", &policy.proofOfWork.afterFailures, 1, 100);
    proofOfWork.integer("bits", &policy.proofOfWork.bits, ProofOfWork::kMinBits, ProofOfWork::kMaxBits);
    proofOfWork.finish();
  }
  {
    ObjectReader session(top.object("session"), "session", &problem);
    session.integer("idleMinutes", &policy.session.idleMinutes, 1, 7 * 24 * 60);
    session.integer("absoluteHours", &policy.session.absoluteHours, 1, 90 * 24);
    session.finish();
    if (policy.session.idleMinutes > policy.session.absoluteHours * 60) {
      session.fail("session.idleMinutes", "must not exceed session.absoluteHours");
    }
  }
  top.finish();
  if (!problem.empty()) return Error{"invalid_policy", problem};
  return policy;
}

}  // namespace dienhong::auth
