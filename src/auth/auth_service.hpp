// AuthService: sign-in, sessions, password changes and the first administrator, under the
// security policy in force (S1.3, S1.4, S1.6, S2.2). Pure logic over the Store; the HTTP side
// (cookies, CSRF headers, JSON) lives in src/api. Sign-ins, locks and password changes go to the
// audit log.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>

#include "audit/audit_log.hpp"
#include "auth/directory.hpp"
#include "auth/password_hasher.hpp"
#include "auth/permissions.hpp"
#include "auth/proof_of_work.hpp"
#include "auth/secret_box.hpp"
#include "auth/security_policy.hpp"
#include "common/attempt_limiter.hpp"
#include "common/result.hpp"
#include "store/store.hpp"

namespace dienhong::auth {

// Where the account's password stands under the policy in force.
enum class PasswordStatus {
  Current,
  ChangeSuggested,  // older than changeAfterDays (S1.3.3): the user is asked, not forced
  ChangeRequired,   // first sign-in with a default or reset password (S1.3.1)
  Expired,          // older than validDays: locked until a new password is set (S1.3.5, S1.3.6)
};

std::string_view toString(PasswordStatus status);

enum class TwoFactorStatus {
  Off,
  On,             // TOTP enrolled: sign-in asks for a code after the password
  SetupRequired,  // the policy requires it for the account's group and none is enrolled
};

std::string_view toString(TwoFactorStatus status);

// Who is making a request: the signed-in user and the session they hold.
struct Principal {
  store::User user;
  store::Session session;
  PasswordStatus passwordStatus = PasswordStatus::Current;
  std::optional<int64_t> passwordExpiresAtMs;  // none: the policy sets no validity period
  PermissionSet permissions;                   // what this administrator may do (S2.5)
  TwoFactorStatus twoFactor = TwoFactorStatus::Off;

  // Until the password is changed, the session may do nothing else.
  bool mustChangePassword() const {
    return passwordStatus == PasswordStatus::ChangeRequired || passwordStatus == PasswordStatus::Expired;
  }
  // A session that may only finish setting itself up: change the password, enrol a second factor.
  bool restricted() const { return mustChangePassword() || twoFactor == TwoFactorStatus::SetupRequired; }
};

struct LoginResult {
  std::string token;  // goes to the client once, in the cookie; empty while a code is awaited
  Principal principal;
  // Set instead of a session when the account signs in with a second factor: the client sends
  // it back with the code (completeSecondFactor). Valid for five minutes and five codes.
  std::string challenge;
};

struct TotpEnrolment {
  std::string secret;  // base32, for typing into an authenticator app
  std::string uri;     // otpauth://, for a QR code
};

struct ClientInfo {
  std::string_view address;
  std::string_view userAgent;
};

// A solved ProofOfWork puzzle sent with a sign-in; empty when the client sent none.
struct ProofOfWorkSolution {
  std::string_view challenge;
  std::string_view solution;
};

inline constexpr std::string_view kFirstAdminUsername = "admin";
// The cookie that carries a session token: the REST API sets it, signalling reads it too.
inline constexpr std::string_view kSessionCookie = "__Host-dh_session";

class AuthService {
 public:
  using Clock = std::function<int64_t()>;  // Unix milliseconds
  static int64_t systemNowMs();

  AuthService(store::Store& store, SecurityPolicyStore& policies, audit::AuditLog& audit, const SecretBox& secrets,
              PasswordHasher hasher = PasswordHasher(), Clock clock = &AuthService::systemNowMs);

  // Errors: "invalid_request"; "too_many_attempts" (the address failed too often, S1.6: checked
  // before any password); "account_locked" (fact lockedUntilMs unless it waits for an
  // administrator, S1.4); "proof_required" (the address or the name failed often enough that a
  // solved puzzle must come with the password, S1.6; missing, wrong, spent or expired);
  // "invalid_credentials" (unknown user or wrong password, indistinguishable, fact attemptsLeft
  // before the lock); "account_disabled".
  Result<LoginResult> login(std::string_view username, std::string_view password, const ClientInfo& client,
                            ProofOfWorkSolution proof = {});
  // A puzzle at the difficulty the policy sets, for the next sign-in that needs one.
  Puzzle proofOfWorkPuzzle() const { return proofs_.issue(policies_.current().proofOfWork.bits, clock_()); }
  // The second step of a sign-in with TOTP. Errors: "invalid_request", "challenge_expired" (sign
  // in again), "invalid_code" (fact attemptsLeft; a wrong code counts as a failed sign-in for
  // the lockout), "account_locked".
  Result<LoginResult> completeSecondFactor(std::string_view challenge, std::string_view code, const ClientInfo& client);

  // Two-factor enrolment by the signed-in user: a new seed (kept pending), then a code from the
  // app proves it was stored; then sign-in asks for codes. Errors: "invalid_code",
  // "no_enrolment"; disabling needs the password and is refused ("two_factor_required") when the
  // policy requires it for the group.
  Result<TotpEnrolment> beginTotpEnrolment(const Principal& principal, std::string_view clientAddress);
  Result<Principal> confirmTotpEnrolment(const Principal& principal, std::string_view code,
                                         std::string_view clientAddress);
  Result<Principal> disableTotp(const Principal& principal, std::string_view password, std::string_view clientAddress);
  // Errors: "unauthenticated" (unknown token), "session_expired" (idle or absolute timeout).
  Result<Principal> authenticate(std::string_view token);
  Result<void> logout(std::string_view token);
  // Errors: "invalid_credentials" (current password wrong), "weak_password", "password_reused"
  // (the current one or one of the policy's history). Ends the user's other sessions; the
  // current one stays signed in. A successful change unlocks an expired account (S1.3.6).
  Result<Principal> changePassword(const Principal& principal, std::string_view currentPassword,
                                   std::string_view newPassword, std::string_view clientAddress);

  // With an empty database: creates "admin" (system administrator) with a one-time password that
  // must be changed at first sign-in (S1.3.1) and returns it; otherwise returns nullopt.
  Result<std::optional<std::string>> bootstrapFirstAdmin();
  // Sets a new one-time password, forces a change at next sign-in, unlocks the account and ends
  // all its sessions. actor: who asked ("cli", or an administrator's id), for the audit log.
  Result<std::string> resetPassword(std::string_view username, std::string_view actor = "cli",
                                    std::string_view clientAddress = "");

  // F6: names without a local account, and accounts that came from the directory, sign in
  // against it while its configuration is enabled. Set once, before serving.
  void useDirectory(Directory& directory, DirectoryConfigStore& config) {
    directory_ = &directory;
    directoryConfig_ = &config;
  }

  SecurityPolicy policy() const { return policies_.current(); }
  // The same argon2id parameters for other secrets people type (room passwords).
  const PasswordHasher& hasher() const { return hasher_; }
  int64_t now() const { return clock_(); }

 private:
  Result<LoginResult> openSession(const store::User& user, const SecurityPolicy& policy,
                                  const ClientInfo& client);
  Principal principalFor(store::User user, store::Session session, const SecurityPolicy& policy) const;
  // Counts a failed sign-in from the address, for the throttle and for the puzzle.
  void failFromAddress(std::string_view address, int64_t nowMs);
  // S1.6: once the address or the name has failed afterFailures times, the attempt must bring a
  // solved puzzle; checked before any password, after the answers that cost nothing (locks).
  Result<void> checkProofOfWork(const std::string& name, const std::optional<store::User>& account,
                                ProofOfWorkSolution proof, const SecurityPolicy& policy, const ClientInfo& client);
  // A wrong password for a known account: counts it and locks the account at the limit.
  Error refuseWrongPassword(const store::User& user, const SecurityPolicy& policy,
                            const ClientInfo& client);
  // The same answers for a name that has no account, so that the lock does not tell which do.
  Error refuseUnknownUser(const std::string& username, const SecurityPolicy& policy,
                          const ClientInfo& client);
  void auditSignIn(const store::User* user, std::string_view username, const ClientInfo& client,
                   store::AuditOutcome outcome, std::string detail);
  void auditAccount(const Principal& principal, std::string_view clientAddress, std::string action,
                    store::AuditOutcome outcome, std::string detail);
  // The password was right (locally or in the directory): the account's state, then the second
  // factor or the session.
  Result<LoginResult> afterPassword(store::User& user, const SecurityPolicy& policy, const ClientInfo& client);
  Result<LoginResult> directoryLogin(const std::string& username, std::string_view password,
                                     std::optional<store::User> existing, const SecurityPolicy& policy,
                                     const ClientInfo& client);
  // After every check of the password (and of the code, with TOTP): a session.
  Result<LoginResult> finishSignIn(store::User& user, const SecurityPolicy& policy, const ClientInfo& client,
                                   std::string detail);

  struct Challenge {
    std::string userId;
    int64_t expiresAtMs = 0;
    int attemptsLeft = 5;
  };

  store::Store& store_;
  SecurityPolicyStore& policies_;
  audit::AuditLog& audit_;
  PasswordHasher hasher_;
  Clock clock_;
  const SecretBox& secrets_;
  Directory* directory_ = nullptr;
  DirectoryConfigStore* directoryConfig_ = nullptr;
  AttemptLimiter failuresByAddress_;         // per minute: beyond the limit, 429 (S1.6)
  AttemptLimiter recentFailuresByAddress_;   // within the lockout window: beyond it, a puzzle
  ProofOfWork proofs_;
  AttemptLimiter failuresByUnknownName_;
  std::mutex challengesMutex_;
  std::unordered_map<std::string, Challenge> challenges_;  // by the challenge's SHA-256
};

}  // namespace dienhong::auth
