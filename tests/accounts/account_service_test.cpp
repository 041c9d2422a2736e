// AccountService over a real SQLite store: who reaches which accounts and units, and what each
// administrator may grant (S1.1, S2.4, S2.5).
#include "accounts/account_service.hpp"

#include <filesystem>

#include <gtest/gtest.h>
#include <sodium.h>

namespace dienhong::accounts {
namespace {

namespace fs = std::filesystem;
using auth::Permission;
using auth::PermissionSet;
using store::Role;

class AccountServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    dir_ = fs::temp_directory_path() / ("dh-accounts-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    auto opened = store::Store::open("sqlite:" + (dir_ / "test.db").string());
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(opened.value());
    policies_ = std::make_unique<auth::SecurityPolicyStore>(*store_);
    audit_ = std::make_unique<audit::AuditLog>(*store_);
    auth_ = std::make_unique<auth::AuthService>(
        *store_, *policies_, *audit_, secrets_, auth::PasswordHasher({crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}),
        [] { return int64_t{1'800'000'000'000}; });
    service_ = std::make_unique<AccountService>(*store_, *auth_, *audit_);
    // The organisation: a ministry with two departments; the root administrator has no unit.
    ASSERT_TRUE(auth_->bootstrapFirstAdmin());
    root_ = principal("admin");
    ministry_ = service_->createUnit(as(root_), "Bộ", std::nullopt)->id;
    deptA_ = service_->createUnit(as(root_), "Vụ A", ministry_)->id;
    deptB_ = service_->createUnit(as(root_), "Vụ B", ministry_)->id;
    auto usage = service_->create(as(root_), {.username = "usage.a", .displayName = "Quản trị Vụ A", .email = "",
                                              .role = Role::MeetingAdmin, .unitId = deptA_, .permissions = std::nullopt});
    ASSERT_TRUE(usage) << usage.error().message;
    usageA_ = principal("usage.a");
  }
  void TearDown() override {
    service_.reset();
    auth_.reset();
    audit_.reset();
    policies_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }

  auth::Principal principal(const std::string& username) {
    auto user = store_->users().findByUsername(username);
    EXPECT_TRUE(user && user->has_value()) << username;
    auth::Principal p;
    p.user = **user;
    p.permissions = auth::permissionsOf(p.user);
    return p;
  }

  Actor as(const auth::Principal& p) { return Actor{p, "192.0.2.1"}; }

  Result<CreatedAccount> createUser(const auth::Principal& actor, const std::string& username,
                                    std::optional<std::string> unit, Role role = Role::User,
                                    std::optional<PermissionSet> permissions = std::nullopt) {
    return service_->create(as(actor), {.username = username, .displayName = username, .email = "",
                                        .role = role, .unitId = std::move(unit), .permissions = permissions});
  }

  std::vector<std::string> visible(const auth::Principal& actor, store::UserQuery query = {}) {
    auto page = service_->list(as(actor), query);
    EXPECT_TRUE(page) << page.error().message;
    std::vector<std::string> names;
    for (const auto& user : page->users) names.push_back(user.username);
    return names;
  }

  const auth::SecretBox secrets_{std::array<uint8_t, auth::SecretBox::kKeyBytes>{3}};
  fs::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<auth::SecurityPolicyStore> policies_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<auth::AuthService> auth_;
  std::unique_ptr<AccountService> service_;
  auth::Principal root_;
  auth::Principal usageA_;
  std::string ministry_, deptA_, deptB_;
};

TEST_F(AccountServiceTest, S1_1_CreateGivesAOneTimePasswordThatMustBeChanged) {
  auto created = createUser(root_, "Nguyen.Van.A", deptB_);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->user.username, "nguyen.van.a") << "usernames are stored lower-case";
  EXPECT_EQ(created->oneTimePassword.size(), 20u);
  auto login = auth_->login("nguyen.van.a", created->oneTimePassword, {"127.0.0.1", "t"});
  ASSERT_TRUE(login) << login.error().code;
  EXPECT_EQ(login->principal.passwordStatus, auth::PasswordStatus::ChangeRequired);
  EXPECT_EQ(createUser(root_, "NGUYEN.VAN.A", deptB_).error().code, "username_taken");
  EXPECT_EQ(createUser(root_, "x", deptB_).error().code, "invalid_request");
}

TEST_F(AccountServiceTest, S2_4_AUsageAdministratorReachesOnlyTheirUnit) {
  ASSERT_TRUE(createUser(root_, "in.a", deptA_));
  ASSERT_TRUE(createUser(root_, "in.b", deptB_));
  ASSERT_TRUE(createUser(root_, "at.top", std::nullopt));
  EXPECT_EQ(visible(usageA_), (std::vector<std::string>{"in.a", "usage.a"}));
  EXPECT_EQ(visible(root_).size(), 5u) << "the administrator without a unit sees everyone";
  EXPECT_EQ(service_->list(as(usageA_), {.scopeUnitId = deptB_}).error().code, "not_found");

  const std::string inB = (*store_->users().findByUsername("in.b"))->id;
  EXPECT_EQ(service_->get(as(usageA_), inB).error().code, "not_found") << "no probing outside the unit";
  EXPECT_EQ(service_->update(as(usageA_), inB, {.displayName = "x"}).error().code, "not_found");
  EXPECT_EQ(service_->remove(as(usageA_), inB).error().code, "not_found");
  EXPECT_EQ(createUser(usageA_, "new.b", deptB_).error().code, "not_found");
  EXPECT_EQ(createUser(usageA_, "new.top", std::nullopt).error().code, "forbidden");
  auto sub = service_->createUnit(as(usageA_), "Phòng A1", deptA_);
  ASSERT_TRUE(sub) << sub.error().message;
  EXPECT_TRUE(createUser(usageA_, "new.a1", sub->id)) << "units under theirs are theirs";
  EXPECT_EQ(service_->units(as(usageA_))->size(), 2u);
  EXPECT_EQ(service_->renameUnit(as(usageA_), deptA_, "Vụ Á").error().code, "forbidden") << "their own unit is changed from above";
  EXPECT_EQ(service_->createUnit(as(usageA_), "Cục", std::nullopt).error().code, "forbidden");
}

TEST_F(AccountServiceTest, S2_4_NobodyGrantsMoreThanTheyHold) {
  EXPECT_EQ(createUser(usageA_, "boss", deptA_, Role::SystemAdmin).error().code, "forbidden");
  EXPECT_EQ(createUser(usageA_, "auditor", deptA_, Role::MeetingAdmin, PermissionSet{Permission::AuditView}).error().code,
            "invalid_request") << "not a permission of the group";
  ASSERT_TRUE(createUser(usageA_, "peer", deptA_, Role::MeetingAdmin));
  const std::string rootId = root_.user.id;
  EXPECT_EQ(service_->update(as(usageA_), rootId, {.displayName = "x"}).error().code, "not_found");
  // A system administrator placed in their unit is still beyond them.
  ASSERT_TRUE(createUser(root_, "ops.a", deptA_, Role::SystemAdmin));
  const std::string opsA = (*store_->users().findByUsername("ops.a"))->id;
  EXPECT_EQ(service_->update(as(usageA_), opsA, {.disabled = true}).error().code, "forbidden");
  EXPECT_EQ(service_->resetPassword(as(usageA_), opsA).error().code, "forbidden");
}

TEST_F(AccountServiceTest, S2_5_AnAdministratorsOwnPermissionsNarrowTheirGroup) {
  auto viewer = createUser(root_, "viewer.a", deptA_, Role::MeetingAdmin, PermissionSet{Permission::UsersView});
  ASSERT_TRUE(viewer) << viewer.error().message;
  const auth::Principal v = principal("viewer.a");
  EXPECT_TRUE(v.permissions.has(Permission::UsersView));
  EXPECT_FALSE(v.permissions.has(Permission::UsersManage));
  EXPECT_FALSE(v.permissions.has(Permission::MonitoringView));
  EXPECT_EQ(visible(v), (std::vector<std::string>{"usage.a", "viewer.a"}));
  EXPECT_EQ(createUser(v, "more", deptA_).error().code, "forbidden");
  // The usage administrator holds everything the viewer holds: may manage them; and may widen
  // them back to the group's set, which they hold too.
  auto widened = service_->update(as(usageA_), viewer->user.id, {.permissions = std::optional<PermissionSet>()});
  ASSERT_TRUE(widened) << widened.error().message;
  EXPECT_FALSE(widened->permissions.has_value());
  EXPECT_TRUE(principal("viewer.a").permissions.has(Permission::UsersManage));
}

TEST_F(AccountServiceTest, S2_5_NoAdministratorChangesTheirOwnRoleStatusOrPermissions) {
  const std::string self = usageA_.user.id;
  EXPECT_EQ(service_->update(as(usageA_), self, {.role = Role::User}).error().code, "self_change_refused");
  EXPECT_EQ(service_->update(as(usageA_), self, {.disabled = true}).error().code, "self_change_refused");
  EXPECT_EQ(service_->update(as(usageA_), self, {.permissions = std::optional<PermissionSet>(PermissionSet{})}).error().code,
            "self_change_refused");
  EXPECT_EQ(service_->remove(as(usageA_), self).error().code, "self_change_refused");
  EXPECT_EQ(service_->resetPassword(as(usageA_), self).error().code, "self_change_refused");
  auto renamed = service_->update(as(usageA_), self, {.displayName = "  Tên mới  ", .email = "a@b.vn"});
  ASSERT_TRUE(renamed) << renamed.error().message;
  EXPECT_EQ(renamed->displayName, "Tên mới");
}

TEST_F(AccountServiceTest, S1_1_DisableEndsSessionsAndResetUnlocks) {
  auto created = createUser(usageA_, "worker", deptA_);
  ASSERT_TRUE(created);
  auto login = auth_->login("worker", created->oneTimePassword, {"127.0.0.1", "t"});
  ASSERT_TRUE(login);
  ASSERT_TRUE(service_->update(as(usageA_), created->user.id, {.disabled = true}));
  EXPECT_FALSE(auth_->authenticate(login->token));
  EXPECT_EQ(auth_->login("worker", created->oneTimePassword, {"127.0.0.1", "t"}).error().code, "account_disabled");
  ASSERT_TRUE(service_->update(as(usageA_), created->user.id, {.disabled = false}));

  ASSERT_TRUE(store_->users().lock(created->user.id, 1, std::nullopt));
  auto unlocked = service_->unlock(as(usageA_), created->user.id);
  ASSERT_TRUE(unlocked);
  EXPECT_FALSE(unlocked->lockedAtMs.has_value());
  auto fresh = service_->resetPassword(as(usageA_), created->user.id);
  ASSERT_TRUE(fresh);
  EXPECT_TRUE(auth_->login("worker", *fresh, {"127.0.0.1", "t"}));

  auto events = store_->audit().list(store::AuditCategory::Account, 0, 100);
  ASSERT_TRUE(events);
  std::vector<std::string> actions;
  for (const auto& e : *events) actions.push_back(e.action);
  for (const char* expected : {"account.create", "account.update", "account.unlock", "account.password_reset"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), expected), actions.end()) << expected;
  }
  const auto update = std::find_if(events->begin(), events->end(), [](const auto& e) { return e.action == "account.update"; });
  EXPECT_EQ(update->detail, "disabled true→false") << "newest first: the re-enable";
  EXPECT_EQ(update->actor, usageA_.user.id);
}

TEST_F(AccountServiceTest, S1_1_UnitsAreRemovedOnlyWhenEmptyAndNamesDifferAmongSiblings) {
  EXPECT_EQ(service_->createUnit(as(root_), "vụ a", ministry_).error().code, "unit_name_taken");
  EXPECT_TRUE(service_->createUnit(as(root_), "Vụ A", deptB_)) << "the same name elsewhere is fine";
  EXPECT_EQ(service_->removeUnit(as(root_), ministry_).error().code, "in_use");
  EXPECT_EQ(service_->removeUnit(as(root_), deptA_).error().code, "in_use") << "usage.a is in it";
  auto empty = service_->createUnit(as(root_), "Tạm", ministry_);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(service_->removeUnit(as(root_), empty->id));
  EXPECT_EQ(service_->removeUnit(as(root_), empty->id).error().code, "not_found");
  EXPECT_EQ(service_->createUnit(as(root_), "", ministry_).error().code, "invalid_request");
}

TEST_F(AccountServiceTest, F6_TheDirectoryHoldsTheDirectoryAccountsPassword) {
  store::User person;
  person.id = "u-ldap";
  person.username = "lan.nguyen";
  person.displayName = "Nguyễn Thị Lan";
  person.passwordHash = "!directory";
  person.unitId = deptA_;
  person.directoryDn = "uid=lan.nguyen,ou=people,dc=most,dc=gov,dc=vn";
  ASSERT_TRUE(store_->users().create(person));
  EXPECT_EQ(service_->resetPassword(as(usageA_), "u-ldap").error().code, "managed_by_directory");
  EXPECT_TRUE(service_->update(as(usageA_), "u-ldap", {.disabled = true})) << "the rest is managed here";
}

}  // namespace
}  // namespace dienhong::accounts
