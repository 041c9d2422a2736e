// AuthService over a real SQLite store in a temporary directory, with a controllable clock.
#include "auth/auth_service.hpp"

#include <filesystem>

#include <gtest/gtest.h>
#include <sodium.h>

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
    AuthOptions options;
    options.sessionIdleTimeout = 30min;
    options.sessionAbsoluteTimeout = 12h;
    service_ = std::make_unique<AuthService>(
        *store_, options, PasswordHasher({crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}),
        [this] { return now_; });
  }
  void TearDown() override {
    service_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }

  std::string bootstrap() {
    auto otp = service_->bootstrapFirstAdmin();
    EXPECT_TRUE(otp && otp->has_value());
    return otp->value_or("");
  }

  static constexpr ClientInfo kClient{"127.0.0.1", "test"};
  fs::path dir_;
  std::unique_ptr<store::Store> store_;
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
  EXPECT_TRUE(login->principal.user.mustChangePassword);
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
  for (size_t i = 0; i < AuthOptions{}.signInFailuresPerAddress; ++i) {
    now_ += 1000;
    EXPECT_EQ(service_->login(i % 2 ? "admin" : "nobody", "wrong", kClient).error().code, "invalid_credentials");
  }
  EXPECT_EQ(service_->login("admin", otp, kClient).error().code, "too_many_attempts");
  EXPECT_TRUE(service_->login("admin", otp, other)) << "another address is not affected";
  now_ += 51'000;  // the first failure is now a minute old
  EXPECT_TRUE(service_->login("admin", otp, kClient));
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
  EXPECT_EQ(service_->changePassword(*principal, "wrong", "Correct-Horse-9").error().code,
            "invalid_credentials");
  EXPECT_EQ(service_->changePassword(*principal, otp, otp).error().code, "password_reused");
  EXPECT_EQ(service_->changePassword(*principal, otp, "weak").error().code, "weak_password");
  auto changed = service_->changePassword(*principal, otp, "Correct-Horse-9");
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_FALSE(changed->mustChangePassword);
  EXPECT_TRUE(service_->authenticate(here->token));
  EXPECT_FALSE(service_->authenticate(elsewhere->token));
  EXPECT_FALSE(service_->login("admin", otp, kClient));
  auto relogin = service_->login("admin", "Correct-Horse-9", kClient);
  ASSERT_TRUE(relogin);
  EXPECT_FALSE(relogin->principal.user.mustChangePassword);
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
  EXPECT_TRUE(relogin->principal.user.mustChangePassword);
  EXPECT_EQ(service_->resetPassword("ghost").error().code, "not_found");
}

TEST_F(AuthServiceTest, LogoutEndsTheSession) {
  const std::string otp = bootstrap();
  auto login = service_->login("admin", otp, kClient);
  ASSERT_TRUE(login);
  ASSERT_TRUE(service_->logout(login->token));
  EXPECT_EQ(service_->authenticate(login->token).error().code, "unauthenticated");
}

}  // namespace
}  // namespace dienhong::auth
