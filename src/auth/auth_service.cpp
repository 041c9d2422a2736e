#include "auth/auth_service.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "auth/tokens.hpp"
#include "auth/totp.hpp"
#include "common/logging.hpp"
#include "common/text.hpp"

namespace dienhong::auth {
namespace {

using store::AuditCategory;
using store::AuditOutcome;

constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kDayMs = 24 * 60 * kMinuteMs;
constexpr int64_t kTouchIntervalMs = 30'000;  // bounds session writes to one per 30 s per user
constexpr size_t kMaxUsernameBytes = 64;
constexpr size_t kMaxPasswordBytes = 1024;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool isAdmin(const store::User& user) { return user.role != store::Role::User; }

int64_t lockoutWindowMs(const SecurityPolicy& policy) { return policy.lockout.windowMinutes * kMinuteMs; }

std::optional<int64_t> lockEnd(const SecurityPolicy& policy, int64_t nowMs) {
  if (policy.lockout.action == LockAction::UntilUnlocked) return std::nullopt;
  return nowMs + policy.lockout.lockMinutes * kMinuteMs;
}

Error lockedError(std::optional<int64_t> lockedUntilMs) {
  Error error{"account_locked", "the account is locked"};
  if (lockedUntilMs) error.facts.emplace_back("lockedUntilMs", *lockedUntilMs);
  return error;
}

Error wrongCredentials(int attemptsLeft) {
  return Error{"invalid_credentials", "unknown user or wrong password",
               {{"attemptsLeft", std::max(attemptsLeft, 0)}}};
}

constexpr int64_t kChallengeMs = 5 * kMinuteMs;
constexpr size_t kMaxChallenges = 10'000;  // bounds memory under a flood of correct passwords
constexpr std::string_view kIssuer = "Diên Hồng";

std::string totpPurpose(std::string_view userId) { return "totp:" + std::string(userId); }
std::string pendingPurpose(std::string_view userId) { return "totp-pending:" + std::string(userId); }

}  // namespace

std::string_view toString(TwoFactorStatus status) {
  switch (status) {
    case TwoFactorStatus::Off: return "off";
    case TwoFactorStatus::On: return "on";
    case TwoFactorStatus::SetupRequired: return "setup_required";
  }
  return "off";
}

std::string_view toString(PasswordStatus status) {
  switch (status) {
    case PasswordStatus::Current: return "current";
    case PasswordStatus::ChangeSuggested: return "change_suggested";
    case PasswordStatus::ChangeRequired: return "change_required";
    case PasswordStatus::Expired: return "expired";
  }
  return "current";
}

int64_t AuthService::systemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

AuthService::AuthService(store::Store& store, SecurityPolicyStore& policies, audit::AuditLog& audit,
                         const SecretBox& secrets, PasswordHasher hasher, Clock clock)
    : store_(store),
      policies_(policies),
      audit_(audit),
      hasher_(hasher),
      clock_(std::move(clock)),
      secrets_(secrets),
      failuresByAddress_(1, kMinuteMs),
      recentFailuresByAddress_(1, kMinuteMs),
      failuresByUnknownName_(1, kMinuteMs) {}

void AuthService::auditSignIn(const store::User* user, std::string_view username,
                              const ClientInfo& client, AuditOutcome outcome, std::string detail) {
  // S3.1: administrators' sign-ins are their own category.
  audit_.record({.category = user != nullptr && isAdmin(*user) ? AuditCategory::AdminLogin : AuditCategory::Access,
                 .actor = user != nullptr ? user->id : "",
                 .sourceAddress = std::string(client.address),
                 .action = "auth.login",
                 .target = "user:" + lower(username),
                 .outcome = outcome,
                 .detail = std::move(detail)});
}

Result<LoginResult> AuthService::login(std::string_view username, std::string_view password,
                                       const ClientInfo& client, ProofOfWorkSolution proof) {
  if (username.empty() || username.size() > kMaxUsernameBytes || password.empty() ||
      password.size() > kMaxPasswordBytes) {
    return Error{"invalid_request", "username or password missing or too long"};
  }
  const SecurityPolicy policy = policies_.current();
  const int64_t now = clock_();
  const std::string name = lower(username);
  const std::string address(client.address);
  failuresByAddress_.setLimits(static_cast<size_t>(policy.addressFailuresPerMinute), kMinuteMs);
  if (failuresByAddress_.blocked(address, now)) {
    auditSignIn(nullptr, name, client, AuditOutcome::Denied, "address throttled");
    return Error{"too_many_attempts", "too many failed sign-ins from this address"};
  }
  auto found = store_.users().findByUsername(name);
  if (!found) return found.error();
  std::optional<store::User>& account = found.value();
  // Locks answer first and for free: they cost no argon2id, no puzzle, and tell nothing.
  if (account && account->lockedAt(now)) {
    failFromAddress(client.address, now);
    auditSignIn(&*account, name, client, AuditOutcome::Denied, "account locked");
    return lockedError(account->lockedUntilMs);
  }
  failuresByUnknownName_.setLimits(static_cast<size_t>(policy.lockout.maxFailures), lockoutWindowMs(policy));
  if (!account && failuresByUnknownName_.blocked(name, now)) {
    failFromAddress(client.address, now);
    auditSignIn(nullptr, name, client, AuditOutcome::Denied, "unknown user");
    return lockedError(lockEnd(policy, now));
  }
  if (auto proven = checkProofOfWork(name, account, proof, policy, client); !proven) return proven.error();
  const bool directoryOn = directory_ != nullptr && directoryConfig_->current().enabled;
  if (directoryOn && (!account || account->directoryDn)) {
    return directoryLogin(name, password, std::move(account), policy, client);
  }
  if (!account || account->directoryDn) {
    hasher_.verifyDummy(password);
    return refuseUnknownUser(name, policy, client);
  }
  store::User& user = *account;
  if (!hasher_.verify(user.passwordHash, password)) return refuseWrongPassword(user, policy, client);
  return afterPassword(user, policy, client);
}

void AuthService::failFromAddress(std::string_view address, int64_t nowMs) {
  const std::string key(address);
  failuresByAddress_.fail(key, nowMs);
  recentFailuresByAddress_.fail(key, nowMs);
}

Result<void> AuthService::checkProofOfWork(const std::string& name, const std::optional<store::User>& account,
                                           ProofOfWorkSolution proof, const SecurityPolicy& policy,
                                           const ClientInfo& client) {
  const int64_t now = clock_();
  const int64_t window = lockoutWindowMs(policy);
  const auto after = static_cast<size_t>(policy.proofOfWork.afterFailures);
  recentFailuresByAddress_.setLimits(after, window);
  const size_t nameFailures =
      account ? (account->firstFailedAtMs > now - window ? static_cast<size_t>(account->failedSignIns) : 0)
              : failuresByUnknownName_.count(name, now);
  if (nameFailures < after && !recentFailuresByAddress_.blocked(std::string(client.address), now)) return success();
  if (proof.challenge.empty()) return Error{"proof_required", "a solved puzzle must come with this sign-in"};
  auto redeemed = proofs_.redeem(proof.challenge, proof.solution, policy.proofOfWork.bits, now);
  if (!redeemed) {
    auditSignIn(account ? &*account : nullptr, name, client, AuditOutcome::Denied,
                "proof of work refused: " + redeemed.error().message);
  }
  return redeemed;
}

Result<LoginResult> AuthService::directoryLogin(const std::string& name, std::string_view password,
                                                std::optional<store::User> existing, const SecurityPolicy& policy,
                                                const ClientInfo& client) {
  const int64_t now = clock_();
  const DirectoryConfig config = directoryConfig_->current();
  auto bindPassword = config.bindPasswordSealed.empty() ? Result<std::string>(std::string())
                                                        : secrets_.open(config.bindPasswordSealed, "directory-bind");
  if (!bindPassword) return Error{"directory_unavailable", "the directory's bind password does not open"};
  auto person = directory_->authenticate(config, *bindPassword, name, password);
  if (!person) {
    if (person.error().code != "invalid_credentials") {
      logging::logger(logging::Category::Error)
          .error("msg=directory_unavailable user={} detail={}", logging::quote(name),
                 logging::quote(person.error().message));
      return Error{"directory_unavailable", person.error().message};
    }
    return existing ? refuseWrongPassword(*existing, policy, client) : refuseUnknownUser(name, policy, client);
  }
  // The local account follows the directory at every sign-in: name, e-mail, group.
  store::User user = existing.value_or(store::User{});
  const bool created = !existing;
  if (created) {
    user.id = randomToken(16);
    user.username = name;
    user.passwordHash = "!directory";  // never verifies: the directory checks the password
    user.createdAtMs = now;
    user.passwordChangedAtMs = now;
  }
  const store::Role before = user.role;
  // The directory's name as the console would take it: text, cut at a character boundary.
  const std::string displayName = text::trim(person->displayName);
  user.displayName = text::countCharacters(displayName).value_or(0) == 0
                         ? name
                         : text::firstCharacters(displayName, store::kMaxDisplayNameCharacters);
  user.email = person->email.size() <= 254 ? person->email : "";
  user.role = roleFor(config, person->groups);
  user.directoryDn = person->dn;
  if (created) {
    if (auto saved = store_.users().create(user); !saved) return saved.error();
  } else if (auto saved = store_.users().updateProfile(user); !saved) {
    return saved.error();
  }
  if (created || before != user.role) {
    audit_.record({.category = AuditCategory::Account,
                   .actor = "directory",
                   .sourceAddress = std::string(client.address),
                   .action = created ? "account.create" : "account.update",
                   .target = "user:" + name,
                   .outcome = AuditOutcome::Success,
                   .detail = fmt::format("from the directory: {}; role {}", person->dn, store::toString(user.role))});
  }
  return afterPassword(user, policy, client);
}

Result<LoginResult> AuthService::afterPassword(store::User& user, const SecurityPolicy& policy,
                                               const ClientInfo& client) {
  const int64_t now = clock_();
  const std::string& name = user.username;
  if (user.disabled) {
    auditSignIn(&user, name, client, AuditOutcome::Denied, "account disabled");
    return Error{"account_disabled", "account is disabled"};
  }
  if (user.totpSecret) {
    // The password was right; the session waits for the code.
    const std::string challenge = randomToken();
    {
      std::lock_guard lock(challengesMutex_);
      std::erase_if(challenges_, [now](const auto& entry) { return entry.second.expiresAtMs <= now; });
      if (challenges_.size() >= kMaxChallenges) challenges_.erase(challenges_.begin());
      challenges_[sha256Hex(challenge)] = Challenge{user.id, now + kChallengeMs, 5};
    }
    auditSignIn(&user, name, client, AuditOutcome::Success, "password accepted; awaiting the second factor");
    LoginResult pending;
    pending.challenge = challenge;
    return pending;
  }
  return finishSignIn(user, policy, client, "");
}

Result<LoginResult> AuthService::finishSignIn(store::User& user, const SecurityPolicy& policy,
                                              const ClientInfo& client, std::string detail) {
  if (auto cleared = store_.users().clearFailedSignIns(user.id); !cleared) return cleared.error();
  user.failedSignIns = 0;
  user.lockedAtMs.reset();
  user.lockedUntilMs.reset();
  auto opened = openSession(user, policy, client);
  if (!opened) return opened.error();
  const PasswordStatus status = opened->principal.passwordStatus;
  if (status != PasswordStatus::Current) {
    detail += (detail.empty() ? "" : "; ") + fmt::format("password {}", toString(status));
  }
  if (opened->principal.twoFactor == TwoFactorStatus::SetupRequired) {
    detail += (detail.empty() ? "" : "; ") + std::string("second factor to enrol");
  }
  auditSignIn(&user, user.username, client, AuditOutcome::Success, std::move(detail));
  return std::move(opened.value());
}

Result<LoginResult> AuthService::completeSecondFactor(std::string_view challenge, std::string_view code,
                                                      const ClientInfo& client) {
  if (challenge.empty() || challenge.size() > 128 || code.empty() || code.size() > 16) {
    return Error{"invalid_request", "challenge and code required"};
  }
  const SecurityPolicy policy = policies_.current();
  const int64_t now = clock_();
  const std::string key = sha256Hex(challenge);
  std::string userId;
  {
    std::lock_guard lock(challengesMutex_);
    auto it = challenges_.find(key);
    if (it == challenges_.end() || it->second.expiresAtMs <= now) {
      if (it != challenges_.end()) challenges_.erase(it);
      return Error{"challenge_expired", "unknown or expired sign-in challenge"};
    }
    userId = it->second.userId;
  }
  auto found = store_.users().findById(userId);
  if (!found) return found.error();
  if (!found->has_value() || !(*found)->totpSecret || (*found)->disabled) {
    return Error{"challenge_expired", "the account changed during sign-in"};
  }
  store::User& user = found->value();
  if (user.lockedAt(now)) return lockedError(user.lockedUntilMs);
  auto seed = secrets_.open(*user.totpSecret, totpPurpose(user.id));
  if (!seed) return Error{"secret_unreadable", "the two-factor seed does not open with the master key"};
  const std::vector<uint8_t> secret(seed->begin(), seed->end());
  const auto step = verifyTotp(secret, code, now / 1000, user.totpLastStep);
  bool accepted = false;
  if (step) {
    auto used = store_.users().useTotpStep(user.id, *step);
    if (!used) return used.error();
    accepted = *used;
  }
  if (!accepted) {
    failFromAddress(client.address, now);
    auto failures = store_.users().recordFailedSignIn(user.id, now, lockoutWindowMs(policy));
    if (!failures) return failures.error();
    int attemptsLeft = 0;
    {
      std::lock_guard lock(challengesMutex_);
      auto it = challenges_.find(key);
      if (it != challenges_.end()) {
        attemptsLeft = --it->second.attemptsLeft;
        if (attemptsLeft <= 0) challenges_.erase(it);
      }
    }
    if (*failures >= policy.lockout.maxFailures) {
      const auto until = lockEnd(policy, now);
      if (auto locked = store_.users().lock(user.id, now, until); !locked) return locked.error();
      auditSignIn(&user, user.username, client, AuditOutcome::Denied, "wrong second-factor code; account locked");
      return lockedError(until);
    }
    auditSignIn(&user, user.username, client, AuditOutcome::Denied, "wrong second-factor code");
    const int left = std::min(attemptsLeft, policy.lockout.maxFailures - *failures);
    return Error{"invalid_code", "wrong or reused code", {{"attemptsLeft", std::max(left, 0)}}};
  }
  {
    std::lock_guard lock(challengesMutex_);
    challenges_.erase(key);
  }
  return finishSignIn(user, policy, client, "second factor accepted");
}

Error AuthService::refuseWrongPassword(const store::User& user, const SecurityPolicy& policy,
                                       const ClientInfo& client) {
  const int64_t now = clock_();
  failFromAddress(client.address, now);
  auto failures = store_.users().recordFailedSignIn(user.id, now, lockoutWindowMs(policy));
  if (!failures) return failures.error();
  if (*failures < policy.lockout.maxFailures) {
    auditSignIn(&user, user.username, client, AuditOutcome::Denied,
                fmt::format("wrong password ({} of {})", *failures, policy.lockout.maxFailures));
    return wrongCredentials(policy.lockout.maxFailures - *failures);
  }
  const auto until = lockEnd(policy, now);
  if (auto locked = store_.users().lock(user.id, now, until); !locked) return locked.error();
  auditSignIn(&user, user.username, client, AuditOutcome::Denied, "wrong password; account locked");
  audit_.record({.category = AuditCategory::Account,
                 .actor = "system",
                 .sourceAddress = std::string(client.address),
                 .action = "account.lock",
                 .target = "user:" + user.username,
                 .outcome = AuditOutcome::Success,
                 .detail = until ? fmt::format("{} failed sign-ins; locked for {} min",
                                               policy.lockout.maxFailures, policy.lockout.lockMinutes)
                                 : fmt::format("{} failed sign-ins; locked until unlocked",
                                               policy.lockout.maxFailures)});
  return lockedError(until);
}

Error AuthService::refuseUnknownUser(const std::string& username, const SecurityPolicy& policy,
                                     const ClientInfo& client) {
  const int64_t now = clock_();
  failFromAddress(client.address, now);
  const auto failures = static_cast<int>(failuresByUnknownName_.fail(username, now));
  auditSignIn(nullptr, username, client, AuditOutcome::Denied, "unknown user");
  if (failures >= policy.lockout.maxFailures) return lockedError(lockEnd(policy, now));
  return wrongCredentials(policy.lockout.maxFailures - failures);
}

Principal AuthService::principalFor(store::User user, store::Session session,
                                    const SecurityPolicy& policy) const {
  Principal principal;
  principal.user = std::move(user);
  principal.session = std::move(session);
  principal.permissions = permissionsOf(principal.user);
  if (principal.user.totpSecret) {
    principal.twoFactor = TwoFactorStatus::On;
  } else if (policy.twoFactor.requiredFor(principal.user.role)) {
    principal.twoFactor = TwoFactorStatus::SetupRequired;
  }
  const int64_t now = clock_();
  const int64_t age = now - principal.user.passwordChangedAtMs;
  const PasswordPolicy& rules = policy.password;
  if (rules.validDays > 0) principal.passwordExpiresAtMs = principal.user.passwordChangedAtMs + rules.validDays * kDayMs;
  if (principal.user.directoryDn) {
    principal.passwordExpiresAtMs.reset();  // the directory's own policy applies
  } else if (principal.user.mustChangePassword) {
    principal.passwordStatus = PasswordStatus::ChangeRequired;
  } else if (principal.passwordExpiresAtMs && now >= *principal.passwordExpiresAtMs) {
    principal.passwordStatus = PasswordStatus::Expired;
  } else if (rules.changeAfterDays > 0 && age >= rules.changeAfterDays * kDayMs) {
    principal.passwordStatus = PasswordStatus::ChangeSuggested;
  }
  return principal;
}

Result<LoginResult> AuthService::openSession(const store::User& user, const SecurityPolicy& policy,
                                             const ClientInfo& client) {
  const int64_t now = clock_();
  const std::string token = randomToken();
  store::Session session;
  session.id = sha256Hex(token);
  session.userId = user.id;
  session.csrfToken = randomToken();
  session.clientAddress = std::string(client.address);
  session.userAgent = std::string(client.userAgent.substr(0, 256));
  session.createdAtMs = now;
  session.lastSeenAtMs = now;
  session.expiresAtMs = now + policy.session.absoluteHours * 60 * kMinuteMs;
  if (auto created = store_.sessions().create(session); !created) return created.error();
  return LoginResult{token, principalFor(user, std::move(session), policy), ""};
}

Result<Principal> AuthService::authenticate(std::string_view token) {
  if (token.empty() || token.size() > 128) return Error{"unauthenticated", "no session"};
  const SecurityPolicy policy = policies_.current();
  const std::string id = sha256Hex(token);
  auto found = store_.sessions().find(id);
  if (!found) return found.error();
  if (!found->has_value()) return Error{"unauthenticated", "unknown session"};
  store::Session session = std::move(found->value());
  const int64_t now = clock_();
  // The absolute limit is the shorter of the one at sign-in and the one in force now.
  const int64_t absoluteEnd =
      std::min(session.expiresAtMs, session.createdAtMs + policy.session.absoluteHours * 60 * kMinuteMs);
  if (now >= absoluteEnd || now - session.lastSeenAtMs >= policy.session.idleMinutes * kMinuteMs) {
    (void)store_.sessions().remove(id);
    return Error{"session_expired", "session expired"};
  }
  auto user = store_.users().findById(session.userId);
  if (!user) return user.error();
  if (!user->has_value() || user->value().disabled || user->value().lockedAt(now)) {
    (void)store_.sessions().remove(id);
    return Error{"unauthenticated", "user gone, disabled or locked"};
  }
  if (now - session.lastSeenAtMs >= kTouchIntervalMs) {
    if (auto touched = store_.sessions().touch(id, now); !touched) return touched.error();
    session.lastSeenAtMs = now;
  }
  return principalFor(std::move(user->value()), std::move(session), policy);
}

Result<void> AuthService::logout(std::string_view token) {
  return store_.sessions().remove(sha256Hex(token));
}

Result<Principal> AuthService::changePassword(const Principal& principal, std::string_view currentPassword,
                                              std::string_view newPassword, std::string_view clientAddress) {
  const store::User& user = principal.user;
  const SecurityPolicy policy = policies_.current();
  if (user.directoryDn) return Error{"managed_by_directory", "the password is changed in the directory"};
  auto refuse = [&](Error error) {
    audit_.record({.category = AuditCategory::Account,
                   .actor = user.id,
                   .sourceAddress = std::string(clientAddress),
                   .action = "account.password_change",
                   .target = "user:" + user.username,
                   .outcome = AuditOutcome::Denied,
                   .detail = error.code});
    return error;
  };
  if (currentPassword.size() > kMaxPasswordBytes || !hasher_.verify(user.passwordHash, currentPassword)) {
    return refuse(Error{"invalid_credentials", "current password is wrong"});
  }
  if (newPassword.size() > kMaxPasswordBytes || newPassword == currentPassword) {
    return refuse(Error{"password_reused", "new password equals the current one"});
  }
  if (auto ok = policy.password.check(newPassword, user.username); !ok) return refuse(ok.error());
  auto history = store_.users().passwordHistory(user.id, policy.password.historyCount);
  if (!history) return history.error();
  for (const std::string& oldHash : *history) {
    if (hasher_.verify(oldHash, newPassword)) {
      return refuse(Error{"password_reused", "new password is one of the recent ones"});
    }
  }
  auto hash = hasher_.hash(newPassword);
  if (!hash) return hash.error();
  const int64_t now = clock_();
  if (auto updated = store_.users().updatePassword(user.id, hash.value(), false, now); !updated) {
    return updated.error();
  }
  // Other devices signed in with the old password lose their sessions; this one stays.
  if (auto removed = store_.sessions().removeAllForUser(user.id); !removed) return removed.error();
  if (auto kept = store_.sessions().create(principal.session); !kept) return kept.error();
  audit_.record({.category = AuditCategory::Account,
                 .actor = user.id,
                 .sourceAddress = std::string(clientAddress),
                 .action = "account.password_change",
                 .target = "user:" + user.username,
                 .outcome = AuditOutcome::Success,
                 .detail = principal.passwordStatus == PasswordStatus::Current
                               ? ""
                               : fmt::format("password was {}", toString(principal.passwordStatus))});
  store::User changed = user;
  changed.passwordHash = hash.value();
  changed.mustChangePassword = false;
  changed.passwordChangedAtMs = now;
  changed.failedSignIns = 0;
  changed.lockedAtMs.reset();
  changed.lockedUntilMs.reset();
  return principalFor(std::move(changed), principal.session, policy);
}

void AuthService::auditAccount(const Principal& principal, std::string_view clientAddress, std::string action,
                               AuditOutcome outcome, std::string detail) {
  audit_.record({.category = AuditCategory::Account,
                 .actor = principal.user.id,
                 .sourceAddress = std::string(clientAddress),
                 .action = std::move(action),
                 .target = "user:" + principal.user.username,
                 .outcome = outcome,
                 .detail = std::move(detail)});
}

Result<TotpEnrolment> AuthService::beginTotpEnrolment(const Principal& principal, std::string_view clientAddress) {
  const std::vector<uint8_t> secret = generateTotpSecret();
  const std::string seed(secret.begin(), secret.end());
  const auto& user = principal.user;
  if (auto saved = store_.users().setTotp(user.id, user.totpSecret, secrets_.seal(seed, pendingPurpose(user.id)));
      !saved) {
    return saved.error();
  }
  auditAccount(principal, clientAddress, "account.two_factor_enrol", AuditOutcome::Success, "seed issued");
  return TotpEnrolment{base32Encode(secret), totpUri(kIssuer, user.username, secret)};
}

Result<Principal> AuthService::confirmTotpEnrolment(const Principal& principal, std::string_view code,
                                                    std::string_view clientAddress) {
  auto fresh = store_.users().findById(principal.user.id);
  if (!fresh) return fresh.error();
  if (!fresh->has_value() || !(*fresh)->totpPending) return Error{"no_enrolment", "no enrolment in progress"};
  store::User user = std::move(fresh->value());
  auto seed = secrets_.open(*user.totpPending, pendingPurpose(user.id));
  if (!seed) return Error{"no_enrolment", "the pending seed does not open"};
  const std::vector<uint8_t> secret(seed->begin(), seed->end());
  const auto step = verifyTotp(secret, code, clock_() / 1000, std::nullopt);
  if (!step) {
    auditAccount(principal, clientAddress, "account.two_factor_enable", AuditOutcome::Denied, "wrong code");
    return Error{"invalid_code", "the code does not match the new seed"};
  }
  user.totpSecret = secrets_.seal(*seed, totpPurpose(user.id));
  user.totpPending.reset();
  if (auto saved = store_.users().setTotp(user.id, user.totpSecret, std::nullopt); !saved) return saved.error();
  if (auto used = store_.users().useTotpStep(user.id, *step); !used) return used.error();
  auditAccount(principal, clientAddress, "account.two_factor_enable", AuditOutcome::Success, "");
  return principalFor(std::move(user), principal.session, policies_.current());
}

Result<Principal> AuthService::disableTotp(const Principal& principal, std::string_view password,
                                           std::string_view clientAddress) {
  const SecurityPolicy policy = policies_.current();
  if (password.size() > kMaxPasswordBytes || !hasher_.verify(principal.user.passwordHash, password)) {
    auditAccount(principal, clientAddress, "account.two_factor_disable", AuditOutcome::Denied, "wrong password");
    return Error{"invalid_credentials", "wrong password"};
  }
  if (policy.twoFactor.requiredFor(principal.user.role)) {
    return Error{"two_factor_required", "the policy requires a second factor for this group"};
  }
  if (auto saved = store_.users().setTotp(principal.user.id, std::nullopt, std::nullopt); !saved) return saved.error();
  auditAccount(principal, clientAddress, "account.two_factor_disable", AuditOutcome::Success, "");
  store::User user = principal.user;
  user.totpSecret.reset();
  user.totpPending.reset();
  return principalFor(std::move(user), principal.session, policy);
}

Result<std::optional<std::string>> AuthService::bootstrapFirstAdmin() {
  auto count = store_.users().count();
  if (!count) return count.error();
  if (count.value() > 0) return std::optional<std::string>();
  const std::string password = oneTimePassword();
  auto hash = hasher_.hash(password);
  if (!hash) return hash.error();
  const int64_t now = clock_();
  store::User admin;
  admin.id = randomToken(16);
  admin.username = std::string(kFirstAdminUsername);
  admin.displayName = "Quản trị viên";
  admin.passwordHash = hash.value();
  admin.role = store::Role::SystemAdmin;
  admin.mustChangePassword = true;
  admin.passwordChangedAtMs = now;
  admin.createdAtMs = now;
  if (auto created = store_.users().create(admin); !created) return created.error();
  audit_.record({.category = AuditCategory::Account,
                 .actor = "system",
                 .sourceAddress = "",
                 .action = "account.create",
                 .target = "user:admin",
                 .detail = "first administrator"});
  return std::optional<std::string>(password);
}

Result<std::string> AuthService::resetPassword(std::string_view username, std::string_view actor,
                                               std::string_view clientAddress) {
  auto found = store_.users().findByUsername(lower(username));
  if (!found) return found.error();
  if (!found->has_value()) {
    return Error{"not_found", fmt::format("no user named '{}'", lower(username))};
  }
  const store::User& user = found->value();
  const std::string password = oneTimePassword();
  auto hash = hasher_.hash(password);
  if (!hash) return hash.error();
  if (auto updated = store_.users().updatePassword(user.id, hash.value(), true, clock_());
      !updated) {
    return updated.error();
  }
  if (auto removed = store_.sessions().removeAllForUser(user.id); !removed) return removed.error();
  audit_.record({.category = AuditCategory::Account,
                 .actor = std::string(actor),
                 .sourceAddress = std::string(clientAddress),
                 .action = "account.password_reset",
                 .target = "user:" + user.username,
                 .detail = "one-time password; change forced; unlocked"});
  return password;
}

}  // namespace dienhong::auth
