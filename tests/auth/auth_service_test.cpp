// AuthService over a real SQLite store in a temporary directory, with a controllable clock.
#include "auth/auth_service.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>

#include <gtest/gtest.h>
#include <sodium.h>

#include "auth/totp.hpp"

namespace dienhong::auth {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    dir_ = fs::temp_directory_path() / ("dh-auth-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    auto opened = store::Store::open("sqlite:" + (dir_ / "test.db").string());
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(opened.value());
    SecurityPolicy defaults;
    defaults.proofOfWork.afterFailures = 100;  // the puzzle stays out of the way; its tests set it
    policies_ = std::make_unique<SecurityPolicyStore>(*store_, defaults);
    audit_ = std::make_unique<audit::AuditLog>(*store_);
    service_ = std::make_unique<AuthService>(
        *store_, *policies_, *audit_, secrets_,
        PasswordHasher({crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}), [this] { return now_; });
  }
  void TearDown() override {
    service_.reset();
    audit_.reset();
    policies_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }

  std::string bootstrap() {
    auto otp = service_->bootstrapFirstAdmin();
    EXPECT_TRUE(otp && otp->has_value());
    return otp->value_or("");
  }

  void setPolicy(const std::function<void(SecurityPolicy&)>& change) {
    SecurityPolicy policy = policies_->current();
    change(policy);
    ASSERT_TRUE(policies_->save(policy, "test", now_));
  }

  // The admin account with a password of our choosing, as after a first sign-in.
  std::string adminWithPassword(const std::string& password = "Correct-Horse-9") {
    const std::string otp = bootstrap();
    auto login = service_->login("admin", otp, kClient);
    EXPECT_TRUE(login);
    EXPECT_TRUE(service_->changePassword(login->principal, otp, password, "127.0.0.1"));
    return password;
  }

  std::vector<std::string> auditActions(store::AuditCategory category) {
    std::vector<std::string> actions;
    auto events = store_->audit().list(category, 0, 100);
    EXPECT_TRUE(events);
    for (const auto& e : *events) actions.push_back(e.action + ":" + std::string(store::toString(e.outcome)));
    return actions;
  }

  static int64_t fact(const Error& error, std::string_view name) {
    for (const auto& [key, value] : error.facts) {
      if (key == name) return value;
    }
    return -1;
  }

  static constexpr ClientInfo kClient{"127.0.0.1", "test"};
  const SecretBox secrets_{std::array<uint8_t, SecretBox::kKeyBytes>{7}};
  fs::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<SecurityPolicyStore> policies_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<AuthService> service_;
  int64_t now_ = 1'800'000'000'000;
};

TEST_F(AuthServiceTest, S1_3_1_FirstAdminIsCreatedOnceWithAForcedChange) {
  const std::string otp = bootstrap();
  auto again = service_->bootstrapFirstAdmin();
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->has_value()) << "a second start must not create another admin";
  auto login = service_->login("admin", otp, kClient);
  ASSERT_TRUE(login) << login.error().message;
  EXPECT_TRUE(login->principal.mustChangePassword());
  EXPECT_EQ(login->principal.passwordStatus, PasswordStatus::ChangeRequired);
  EXPECT_EQ(login->principal.user.role, store::Role::SystemAdmin);
}

TEST_F(AuthServiceTest, S1_2_StoresOnlyTheHashOfPasswordsAndTokens) {
  const std::string otp = bootstrap();
  auto login = service_->login("admin", otp, kClient);
  ASSERT_TRUE(login);
  auto user = store_->users().findByUsername("admin");
  ASSERT_TRUE(user && user->has_value());
  EXPECT_EQ(user->value().passwordHash.find(otp), std::string::npos);
  auto byRawToken = store_->sessions().find(login->token);
  ASSERT_TRUE(byRawToken);
  EXPECT_FALSE(byRawToken->has_value()) << "sessions are stored under the token's digest";
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownUserLookTheSame) {
  bootstrap();
  auto wrong = service_->login("admin", "nope", kClient);
  auto unknown = service_->login("ghost", "nope", kClient);
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().code, "invalid_credentials");
  EXPECT_EQ(unknown.error().code, "invalid_credentials");
  EXPECT_EQ(service_->login("", "x", kClient).error().code, "invalid_request");
}

TEST_F(AuthServiceTest, S1_6_AnAddressThatFailsTooOftenIsRefusedForAMinuteEvenWithTheRightPassword) {
  const std::string otp = bootstrap();
  const ClientInfo other{"192.0.2.7", "test"};
  for (int i = 0; i < SecurityPolicy{}.addressFailuresPerMinute; ++i) {
    now_ += 1000;
    EXPECT_EQ(service_->login("user" + std::to_string(i), "wrong", kClient).error().code, "invalid_credentials");
  }
  EXPECT_EQ(service_->login("admin", otp, kClient).error().code, "too_many_attempts");
  EXPECT_TRUE(service_->login("admin", otp, other)) << "another address is not affected";
  now_ += 51'000;  // the first failure is now a minute old
  EXPECT_TRUE(service_->login("admin", otp, kClient));
}

// What the browser does with a puzzle (S1.6).
std::string solve(const Puzzle& puzzle) {
  for (uint64_t n = 0; n < (uint64_t{1} << 30); ++n) {
    if (ProofOfWork::solves(puzzle.challenge, std::to_string(n), puzzle.bits)) return std::to_string(n);
  }
  return "";
}

TEST_F(AuthServiceTest, S1_6_AfterRepeatedFailuresFromAnAddressAPuzzleMustBeSolved) {
  const std::string password = adminWithPassword();
  setPolicy([](SecurityPolicy& p) { p.proofOfWork = {.afterFailures = 2, .bits = 8}; });
  EXPECT_EQ(service_->login("ghost", "wrong", kClient).error().code, "invalid_credentials");
  EXPECT_EQ(service_->login("nobody", "wrong", kClient).error().code, "invalid_credentials");
  // The third attempt from this address needs a proof, whichever name it tries, right or not.
  EXPECT_EQ(service_->login("admin", password, kClient).error().code, "proof_required");
  const ClientInfo other{"192.0.2.7", "test"};
  EXPECT_TRUE(service_->login("admin", password, other)) << "another address is not affected";

  Puzzle puzzle = service_->proofOfWorkPuzzle();
  EXPECT_EQ(puzzle.bits, 8);
  std::string solution = solve(puzzle);
  auto wrong = service_->login("admin", "wrong", kClient, {puzzle.challenge, solution});
  EXPECT_EQ(wrong.error().code, "invalid_credentials") << "a proof buys one password check";
  EXPECT_EQ(fact(wrong.error(), "attemptsLeft"), SecurityPolicy{}.lockout.maxFailures - 1);
  EXPECT_EQ(service_->login("admin", password, kClient, {puzzle.challenge, solution}).error().code,
            "proof_required")
      << "and only one";
  auto logins = store_->audit().list(store::AuditCategory::AdminLogin, 0, 100);
  ASSERT_TRUE(logins);
  EXPECT_TRUE(std::any_of(logins->begin(), logins->end(),
                          [](const auto& e) { return e.detail == "proof of work refused: spent"; }));
  puzzle = service_->proofOfWorkPuzzle();
  EXPECT_TRUE(service_->login("admin", password, kClient, {puzzle.challenge, solve(puzzle)}));

  // A stricter policy voids the easier puzzles already handed out.
  puzzle = service_->proofOfWorkPuzzle();
  solution = solve(puzzle);
  setPolicy([](SecurityPolicy& p) { p.proofOfWork = {.afterFailures = 2, .bits = 12}; });
  EXPECT_EQ(service_->login("admin", password, kClient, {puzzle.challenge, solution}).error().code, "proof_required");

  now_ += SecurityPolicy{}.lockout.windowMinutes * 60'000;
  EXPECT_TRUE(service_->login("admin", password, kClient)) << "the failures left the window";
}

TEST_F(AuthServiceTest, S1_6_ANameThatFailedRepeatedlyNeedsAPuzzleFromEveryAddress) {
  const std::string password = adminWithPassword();
  setPolicy([](SecurityPolicy& p) { p.proofOfWork = {.afterFailures = 2, .bits = 8}; });
  for (const char* name : {"admin", "ghost"}) {
    for (int i = 0; i < 2; ++i) {
      const std::string address = "198.51.100." + std::to_string(i);
      EXPECT_EQ(service_->login(name, "wrong", {address, "bot"}).error().code, "invalid_credentials") << name;
    }
    // A third address, never seen failing: the same answer for an account and for a stranger.
    EXPECT_EQ(service_->login(name, "wrong", {"203.0.113.9", "bot"}).error().code, "proof_required") << name;
  }
  const Puzzle puzzle = service_->proofOfWorkPuzzle();
  EXPECT_TRUE(service_->login("admin", password, {"203.0.113.9", "browser"}, {puzzle.challenge, solve(puzzle)}));
}

TEST_F(AuthServiceTest, APolicySavedBeforeAFieldExistedLoadsWithItsDefault) {
  nlohmann::json older = toJson(SecurityPolicy{});
  older.erase("proofOfWork");
  older["lockout"]["maxFailures"] = 7;
  ASSERT_TRUE(store_->settings().put({std::string(kSecurityPolicySetting), older.dump(), now_, "test"}));
  SecurityPolicyStore reloaded(*store_);
  ASSERT_TRUE(reloaded.load());
  EXPECT_EQ(reloaded.current().lockout.maxFailures, 7);
  EXPECT_EQ(reloaded.current().proofOfWork.bits, SecurityPolicy{}.proofOfWork.bits);

  older["lockout"]["maxFailures"] = 0;
  ASSERT_TRUE(store_->settings().put({std::string(kSecurityPolicySetting), older.dump(), now_, "test"}));
  EXPECT_EQ(reloaded.load().error().code, "invalid_setting") << "saved fields are still checked";
}

TEST_F(AuthServiceTest, S2_2_IdleSessionExpiresAndActivityKeepsItAlive) {
  const std::string otp = bootstrap();
  auto login = service_->login("admin", otp, kClient);
  ASSERT_TRUE(login);
  now_ += 20 * 60'000;
  ASSERT_TRUE(service_->authenticate(login->token)) << "activity at 20 min";
  now_ += 25 * 60'000;
  ASSERT_TRUE(service_->authenticate(login->token)) << "25 min after the last activity";
  now_ += 31 * 60'000;
  auto expired = service_->authenticate(login->token);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, "session_expired");
  EXPECT_EQ(service_->authenticate(login->token).error().code, "unauthenticated");
}

TEST_F(AuthServiceTest, SessionsEndAtTheAbsoluteTimeoutEvenWhenActive) {
  const std::string otp = bootstrap();
  auto login = service_->login("admin", otp, kClient);
  ASSERT_TRUE(login);
  const int64_t signedInAt = now_;
  const int64_t absoluteMs = 12 * 3'600'000;
  bool expired = false;
  for (int i = 0; i < 30 && !expired; ++i) {
    now_ += 29 * 60'000;  // active every 29 minutes: never idle
    auto principal = service_->authenticate(login->token);
    if (!principal) {
      EXPECT_EQ(principal.error().code, "session_expired");
      expired = true;
    }
  }
  ASSERT_TRUE(expired);
  EXPECT_GE(now_ - signedInAt, absoluteMs);
  EXPECT_LT(now_ - signedInAt, absoluteMs + 29 * 60'000);
}

TEST_F(AuthServiceTest, ChangingThePasswordKeepsThisSessionAndEndsTheOthers) {
  const std::string otp = bootstrap();
  auto here = service_->login("admin", otp, kClient);
  auto elsewhere = service_->login("admin", otp, kClient);
  ASSERT_TRUE(here && elsewhere);
  auto principal = service_->authenticate(here->token);
  ASSERT_TRUE(principal);
  EXPECT_EQ(service_->changePassword(*principal, "wrong", "Correct-Horse-9", "127.0.0.1").error().code,
            "invalid_credentials");
  EXPECT_EQ(service_->changePassword(*principal, otp, otp, "127.0.0.1").error().code, "password_reused");
  EXPECT_EQ(service_->changePassword(*principal, otp, "weak", "127.0.0.1").error().code, "weak_password");
  auto changed = service_->changePassword(*principal, otp, "Correct-Horse-9", "127.0.0.1");
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_FALSE(changed->mustChangePassword());
  EXPECT_EQ(changed->passwordStatus, PasswordStatus::Current);
  EXPECT_TRUE(service_->authenticate(here->token));
  EXPECT_FALSE(service_->authenticate(elsewhere->token));
  EXPECT_FALSE(service_->login("admin", otp, kClient));
  auto relogin = service_->login("admin", "Correct-Horse-9", kClient);
  ASSERT_TRUE(relogin);
  EXPECT_FALSE(relogin->principal.mustChangePassword());
}

TEST_F(AuthServiceTest, ResetPasswordForcesAChangeAndEndsSessions) {
  const std::string otp = bootstrap();
  auto login = service_->login("admin", otp, kClient);
  ASSERT_TRUE(login);
  auto fresh = service_->resetPassword("ADMIN");
  ASSERT_TRUE(fresh);
  EXPECT_NE(*fresh, otp);
  EXPECT_FALSE(service_->authenticate(login->token));
  auto relogin = service_->login("admin", *fresh, kClient);
  ASSERT_TRUE(relogin);
  EXPECT_TRUE(relogin->principal.mustChangePassword());
  EXPECT_EQ(service_->resetPassword("ghost").error().code, "not_found");
}

TEST_F(AuthServiceTest, LogoutEndsTheSession) {
  const std::string otp = bootstrap();
  auto login = service_->login("admin", otp, kClient);
  ASSERT_TRUE(login);
  ASSERT_TRUE(service_->logout(login->token));
  EXPECT_EQ(service_->authenticate(login->token).error().code, "unauthenticated");
}

TEST_F(AuthServiceTest, S1_4_WrongPasswordsWarnThenLockTheAccountForThePeriod) {
  const std::string password = adminWithPassword();
  setPolicy([](SecurityPolicy& p) {
    p.lockout = {.maxFailures = 3, .windowMinutes = 10, .action = LockAction::LockFor, .lockMinutes = 15};
  });
  auto first = service_->login("admin", "wrong-1", kClient);
  EXPECT_EQ(first.error().code, "invalid_credentials");
  EXPECT_EQ(fact(first.error(), "attemptsLeft"), 2);
  now_ += 60'000;
  EXPECT_EQ(fact(service_->login("admin", "wrong-2", kClient).error(), "attemptsLeft"), 1);
  now_ += 60'000;
  auto locked = service_->login("admin", "wrong-3", kClient);
  EXPECT_EQ(locked.error().code, "account_locked");
  EXPECT_EQ(fact(locked.error(), "lockedUntilMs"), now_ + 15 * 60'000);
  const int64_t lockedAt = now_;

  now_ += 60'000;
  auto stillLocked = service_->login("admin", password, kClient);
  EXPECT_EQ(stillLocked.error().code, "account_locked") << "the right password does not open a lock";
  now_ = lockedAt + 15 * 60'000;
  auto open = service_->login("admin", password, kClient);
  ASSERT_TRUE(open) << open.error().code;
  auto user = store_->users().findByUsername("admin");
  EXPECT_EQ((*user)->failedSignIns, 0);
  EXPECT_FALSE((*user)->lockedAtMs.has_value()) << "a successful sign-in clears the old lock";

  const auto account = auditActions(store::AuditCategory::Account);
  EXPECT_NE(std::find(account.begin(), account.end(), "account.lock:success"), account.end());
  const auto logins = auditActions(store::AuditCategory::AdminLogin);
  EXPECT_EQ(std::count(logins.begin(), logins.end(), "auth.login:denied"), 4);
}

TEST_F(AuthServiceTest, S1_4_FailuresOutsideTheWindowDoNotAddUp) {
  const std::string password = adminWithPassword();
  setPolicy([](SecurityPolicy& p) { p.lockout.maxFailures = 3; p.lockout.windowMinutes = 5; });
  for (int i = 0; i < 6; ++i) {
    auto refused = service_->login("admin", "wrong", kClient);
    EXPECT_EQ(refused.error().code, "invalid_credentials") << i;
    now_ += 3 * 60'000;  // two failures per five minutes, never three
  }
  EXPECT_TRUE(service_->login("admin", password, kClient));
}

TEST_F(AuthServiceTest, S1_4_LockUntilUnlockedHoldsUntilAnAdministratorResetsThePassword) {
  const std::string password = adminWithPassword();
  setPolicy([](SecurityPolicy& p) { p.lockout.maxFailures = 2; p.lockout.action = LockAction::UntilUnlocked; });
  auto session = service_->login("admin", password, kClient);
  ASSERT_TRUE(session);
  EXPECT_EQ(service_->login("admin", "wrong", kClient).error().code, "invalid_credentials");
  auto locked = service_->login("admin", "wrong", kClient);
  ASSERT_EQ(locked.error().code, "account_locked");
  EXPECT_EQ(fact(locked.error(), "lockedUntilMs"), -1) << "no end: it waits for an administrator";
  EXPECT_EQ(service_->authenticate(session->token).error().code, "unauthenticated")
      << "a locked account's sessions end";
  now_ += 30LL * 24 * 3'600'000;
  EXPECT_EQ(service_->login("admin", password, kClient).error().code, "account_locked");
  auto fresh = service_->resetPassword("admin");
  ASSERT_TRUE(fresh);
  auto relogin = service_->login("admin", *fresh, kClient);
  ASSERT_TRUE(relogin) << relogin.error().code;
  EXPECT_EQ(relogin->principal.passwordStatus, PasswordStatus::ChangeRequired);
}

TEST_F(AuthServiceTest, S1_4_AnUnknownNameIsAnsweredLikeAnAccount) {
  adminWithPassword();
  setPolicy([](SecurityPolicy& p) { p.lockout.maxFailures = 3; });
  for (const char* name : {"admin", "ghost"}) {
    EXPECT_EQ(fact(service_->login(name, "wrong", kClient).error(), "attemptsLeft"), 2) << name;
    EXPECT_EQ(fact(service_->login(name, "wrong", kClient).error(), "attemptsLeft"), 1) << name;
    EXPECT_EQ(service_->login(name, "wrong", kClient).error().code, "account_locked") << name;
    EXPECT_EQ(service_->login(name, "wrong", kClient).error().code, "account_locked") << name;
  }
}

TEST_F(AuthServiceTest, S1_3_2_APasswordFromTheHistoryIsRefused) {
  const std::string first = adminWithPassword("First-Password-1");
  setPolicy([](SecurityPolicy& p) { p.password.historyCount = 2; });
  auto login = service_->login("admin", first, kClient);
  ASSERT_TRUE(login);
  Principal principal = login->principal;
  std::string current = first;
  for (const char* next : {"Second-Password-2", "Third-Password-3"}) {
    auto changed = service_->changePassword(principal, current, next, "127.0.0.1");
    ASSERT_TRUE(changed) << changed.error().code;
    principal = *changed;
    current = next;
  }
  // History of two: "Second" (current is "Third") and "First" are both refused.
  EXPECT_EQ(service_->changePassword(principal, current, "Second-Password-2", "127.0.0.1").error().code,
            "password_reused");
  EXPECT_EQ(service_->changePassword(principal, current, first, "127.0.0.1").error().code, "password_reused");
  auto changed = service_->changePassword(principal, current, "Fourth-Password-4", "127.0.0.1");
  ASSERT_TRUE(changed);
  // Now the history holds Third and Second: First may come back.
  EXPECT_TRUE(service_->changePassword(*changed, "Fourth-Password-4", first, "127.0.0.1"));
}

TEST_F(AuthServiceTest, S1_3_3_AfterTheChangeIntervalTheUserIsAskedToChange) {
  const std::string password = adminWithPassword();
  setPolicy([](SecurityPolicy& p) { p.password.changeAfterDays = 30; p.password.validDays = 90; });
  now_ += 29LL * 86'400'000;
  EXPECT_EQ(service_->login("admin", password, kClient)->principal.passwordStatus, PasswordStatus::Current);
  now_ += 2LL * 86'400'000;
  auto login = service_->login("admin", password, kClient);
  ASSERT_TRUE(login);
  EXPECT_EQ(login->principal.passwordStatus, PasswordStatus::ChangeSuggested);
  EXPECT_FALSE(login->principal.mustChangePassword()) << "asked, not forced";
}

TEST_F(AuthServiceTest, S1_3_5_AnExpiredPasswordLocksTheAccountUntilANewOneIsSet_S1_3_6) {
  const std::string password = adminWithPassword();
  const int64_t changedAt = now_;
  setPolicy([](SecurityPolicy& p) { p.password.changeAfterDays = 0; p.password.validDays = 90; });
  auto before = service_->login("admin", password, kClient);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->principal.passwordExpiresAtMs, changedAt + 90LL * 86'400'000);
  now_ = changedAt + 90LL * 86'400'000;
  auto expired = service_->login("admin", password, kClient);
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->principal.passwordStatus, PasswordStatus::Expired);
  EXPECT_TRUE(expired->principal.mustChangePassword());
  auto changed = service_->changePassword(expired->principal, password, "Brand-New-Password-5", "127.0.0.1");
  ASSERT_TRUE(changed) << changed.error().code;
  EXPECT_EQ(changed->passwordStatus, PasswordStatus::Current);
  auto after = service_->login("admin", "Brand-New-Password-5", kClient);
  ASSERT_TRUE(after);
  EXPECT_FALSE(after->principal.mustChangePassword());
}

TEST_F(AuthServiceTest, S2_2_APolicyChangeAppliesToOpenSessions) {
  const std::string password = adminWithPassword();
  auto login = service_->login("admin", password, kClient);
  ASSERT_TRUE(login);
  setPolicy([](SecurityPolicy& p) { p.session.idleMinutes = 5; });
  now_ += 6 * 60'000;
  EXPECT_EQ(service_->authenticate(login->token).error().code, "session_expired");
  auto again = service_->login("admin", password, kClient);
  setPolicy([](SecurityPolicy& p) { p.session.absoluteHours = 1; });
  for (int i = 0; i < 20; ++i) {
    now_ += 4 * 60'000;
    if (!service_->authenticate(again->token)) break;
  }
  EXPECT_EQ(service_->authenticate(again->token).error().code, "unauthenticated");
}

TEST_F(AuthServiceTest, S2_4_PermissionsFollowTheGroup) {
  const std::string otp = bootstrap();
  auto login = service_->login("admin", otp, kClient);
  ASSERT_TRUE(login);
  EXPECT_TRUE(login->principal.permissions.has(Permission::SettingsManage));
  EXPECT_TRUE(login->principal.permissions.has(Permission::AuditView));
}

// The current code of an enrolment, as the user's authenticator app shows it.
std::string codeFor(const TotpEnrolment& enrolment, int64_t nowMs) {
  const auto secret = base32Decode(enrolment.secret);
  return totpAt(*secret, nowMs / 1000);
}

TEST_F(AuthServiceTest, S1_1_TwoFactorSignInAsksForACodeAfterThePassword) {
  const std::string password = adminWithPassword();
  auto login = service_->login("admin", password, kClient);
  ASSERT_TRUE(login);
  auto enrolment = service_->beginTotpEnrolment(login->principal, "127.0.0.1");
  ASSERT_TRUE(enrolment) << enrolment.error().message;
  EXPECT_EQ(enrolment->secret.size(), 32u) << "20 bytes in base32";
  EXPECT_TRUE(enrolment->uri.starts_with("otpauth://totp/"));
  EXPECT_EQ(service_->confirmTotpEnrolment(login->principal, "000000", "127.0.0.1").error().code, "invalid_code");
  auto enabled = service_->confirmTotpEnrolment(login->principal, codeFor(*enrolment, now_), "127.0.0.1");
  ASSERT_TRUE(enabled) << enabled.error().message;
  EXPECT_EQ(enabled->twoFactor, TwoFactorStatus::On);
  const auto stored = store_->users().findByUsername("admin");
  ASSERT_TRUE((*stored)->totpSecret.has_value());
  EXPECT_EQ((*stored)->totpSecret->find(enrolment->secret), std::string::npos) << "S4.4: only the sealed seed is stored";

  now_ += 60'000;  // the next step: the enrolment's code is spent
  auto first = service_->login("admin", password, kClient);
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->token.empty()) << "no session before the code";
  ASSERT_FALSE(first->challenge.empty());
  auto wrong = service_->completeSecondFactor(first->challenge, "123456", kClient);
  EXPECT_EQ(wrong.error().code, "invalid_code");
  auto signedIn = service_->completeSecondFactor(first->challenge, codeFor(*enrolment, now_), kClient);
  ASSERT_TRUE(signedIn) << signedIn.error().code;
  EXPECT_FALSE(signedIn->token.empty());
  EXPECT_EQ(service_->completeSecondFactor(first->challenge, codeFor(*enrolment, now_), kClient).error().code,
            "challenge_expired") << "a challenge is used once";

  auto again = service_->login("admin", password, kClient);
  EXPECT_EQ(service_->completeSecondFactor(again->challenge, codeFor(*enrolment, now_), kClient).error().code,
            "invalid_code") << "the same code twice is refused (replay)";
  now_ += 6 * 60'000;
  EXPECT_EQ(service_->completeSecondFactor(again->challenge, codeFor(*enrolment, now_), kClient).error().code,
            "challenge_expired") << "five minutes to type the code";
}

TEST_F(AuthServiceTest, S1_4_WrongCodesCountTowardsTheLockout) {
  const std::string password = adminWithPassword();
  setPolicy([](SecurityPolicy& p) { p.lockout.maxFailures = 3; });
  auto login = service_->login("admin", password, kClient);
  auto enrolment = service_->beginTotpEnrolment(login->principal, "127.0.0.1");
  ASSERT_TRUE(service_->confirmTotpEnrolment(login->principal, codeFor(*enrolment, now_), "127.0.0.1"));
  auto pending = service_->login("admin", password, kClient);
  auto first = service_->completeSecondFactor(pending->challenge, "111111", kClient);
  EXPECT_EQ(fact(first.error(), "attemptsLeft"), 2);
  EXPECT_EQ(service_->completeSecondFactor(pending->challenge, "222222", kClient).error().code, "invalid_code");
  EXPECT_EQ(service_->completeSecondFactor(pending->challenge, "333333", kClient).error().code, "account_locked");
}

TEST_F(AuthServiceTest, S2_4_TheGroupPolicyRequiresEnrolmentAndForbidsDisabling) {
  const std::string password = adminWithPassword();
  setPolicy([](SecurityPolicy& p) { p.twoFactor.requiredForSystemAdmins = true; });
  auto login = service_->login("admin", password, kClient);
  ASSERT_TRUE(login);
  EXPECT_EQ(login->principal.twoFactor, TwoFactorStatus::SetupRequired);
  EXPECT_TRUE(login->principal.restricted());
  auto enrolment = service_->beginTotpEnrolment(login->principal, "127.0.0.1");
  auto enabled = service_->confirmTotpEnrolment(login->principal, codeFor(*enrolment, now_), "127.0.0.1");
  ASSERT_TRUE(enabled);
  EXPECT_FALSE(enabled->restricted());
  EXPECT_EQ(service_->disableTotp(*enabled, "wrong", "127.0.0.1").error().code, "invalid_credentials");
  EXPECT_EQ(service_->disableTotp(*enabled, password, "127.0.0.1").error().code, "two_factor_required");
  setPolicy([](SecurityPolicy& p) { p.twoFactor.requiredForSystemAdmins = false; });
  auto disabled = service_->disableTotp(*enabled, password, "127.0.0.1");
  ASSERT_TRUE(disabled);
  EXPECT_EQ(disabled->twoFactor, TwoFactorStatus::Off);
  EXPECT_FALSE(service_->login("admin", password, kClient)->token.empty()) << "password only again";
}

}  // namespace
}  // namespace dienhong::auth
