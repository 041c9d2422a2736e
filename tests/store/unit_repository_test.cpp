// UnitRepository and the account listing's filters against both back-ends.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace dienhong::store::test {
namespace {

Unit unit(std::string id, std::optional<std::string> parent, std::string name) {
  return Unit{std::move(id), std::move(parent), std::move(name), 1'000};
}

// A ministry with two departments, one with an office; one account in each and one at the top.
void seedOrganisation(Store& store) {
  ASSERT_TRUE(store.units().create(unit("ministry", std::nullopt, "Bộ Khoa học và Công nghệ")));
  ASSERT_TRUE(store.units().create(unit("dept-a", "ministry", "Vụ Pháp chế")));
  ASSERT_TRUE(store.units().create(unit("dept-b", "ministry", "Cục An toàn")));
  ASSERT_TRUE(store.units().create(unit("office-a1", "dept-a", "Phòng Một")));
  const std::vector<std::tuple<const char*, const char*, const char*, std::optional<std::string>>> people = {
      {"u-top", "root.admin", "Quản trị viên", std::nullopt},
      {"u-min", "minh.tran", "Trần Văn Minh", "ministry"},
      {"u-a", "anh.dang", "Đặng Thị Ánh", "dept-a"},
      {"u-a1", "uoc.nguyen", "NGUYỄN VĂN ƯỚC", "office-a1"},
      {"u-b", "binh.le", "Lê Bình", "dept-b"},
  };
  for (const auto& [id, username, name, unitId] : people) {
    User user = sampleUser(id, username);
    user.displayName = name;
    user.unitId = unitId;
    user.mustChangePassword = false;
    ASSERT_TRUE(store.users().create(user)) << id;
  }
}

std::vector<std::string> usernames(Store& store, UserQuery query) {
  auto page = store.users().list(query);
  EXPECT_TRUE(page) << page.error().message;
  std::vector<std::string> names;
  if (page) {
    for (const User& user : page->users) names.push_back(user.username);
  }
  return names;
}

TEST_P(StoreBackendTest, UnitsAreCreatedListedRenamedAndRemovedWhenEmpty) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  seedOrganisation(*store);
  auto all = store->units().list();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 4u);
  auto office = store->units().findById("office-a1");
  ASSERT_TRUE(office && office->has_value());
  EXPECT_EQ((*office)->parentId, "dept-a");
  EXPECT_EQ((*office)->name, "Phòng Một");
  ASSERT_TRUE(store->units().rename("office-a1", "Phòng Hai"));
  EXPECT_EQ((*store->units().findById("office-a1"))->name, "Phòng Hai");
  EXPECT_EQ(store->units().rename("nope", "x").error().code, "not_found");

  EXPECT_EQ(store->units().remove("dept-a").error().code, "in_use") << "it has an office";
  EXPECT_EQ(store->units().remove("office-a1").error().code, "in_use") << "it has an account";
  ASSERT_TRUE(store->users().remove("u-a1"));
  ASSERT_TRUE(store->units().remove("office-a1"));
  EXPECT_EQ(store->units().remove("office-a1").error().code, "not_found");
  EXPECT_EQ(store->units().create(unit("dept-a", std::nullopt, "again")).error().code, "conflict");
}

TEST_P(StoreBackendTest, S2_4_AccountsAreListedWithinAUnitAndTheUnitsUnderIt) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  seedOrganisation(*store);
  EXPECT_EQ(usernames(*store, {}), (std::vector<std::string>{"anh.dang", "binh.le", "minh.tran", "root.admin", "uoc.nguyen"}));
  EXPECT_EQ(usernames(*store, {.scopeUnitId = "dept-a"}), (std::vector<std::string>{"anh.dang", "uoc.nguyen"}));
  EXPECT_EQ(usernames(*store, {.scopeUnitId = "office-a1"}), (std::vector<std::string>{"uoc.nguyen"}));
  EXPECT_EQ(usernames(*store, {.scopeUnitId = "ministry"}).size(), 4u) << "everyone but the top-level account";
  EXPECT_TRUE(usernames(*store, {.scopeUnitId = "no-such-unit"}).empty());
}

TEST_P(StoreBackendTest, S1_1_AccountSearchIgnoresCaseAndVietnameseMarksAndEscapesWildcards) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  seedOrganisation(*store);
  EXPECT_EQ(usernames(*store, {.text = "dang thi anh"}), (std::vector<std::string>{"anh.dang"}));
  EXPECT_EQ(usernames(*store, {.text = "Ước"}), (std::vector<std::string>{"uoc.nguyen"}));
  EXPECT_EQ(usernames(*store, {.text = "TRAN"}), (std::vector<std::string>{"minh.tran"}));
  EXPECT_TRUE(usernames(*store, {.text = "%"}).empty()) << "a typed % is a character, not a wildcard";
  EXPECT_TRUE(usernames(*store, {.text = "_"}).empty());
  EXPECT_EQ(usernames(*store, {.text = "."}).size(), 5u);
}

TEST_P(StoreBackendTest, S1_1_AccountsAreFilteredByRoleAndStatusAndPaged) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  seedOrganisation(*store);
  User admin = **store->users().findById("u-top");
  admin.role = Role::SystemAdmin;
  admin.disabled = true;
  ASSERT_TRUE(store->users().updateProfile(admin));
  ASSERT_TRUE(store->users().lock("u-b", 1'000, int64_t{5'000}));
  ASSERT_TRUE(store->users().lock("u-a", 1'000, std::nullopt));

  EXPECT_EQ(usernames(*store, {.role = Role::SystemAdmin}), (std::vector<std::string>{"root.admin"}));
  EXPECT_EQ(usernames(*store, {.status = UserStatus::Disabled}), (std::vector<std::string>{"root.admin"}));
  EXPECT_EQ(usernames(*store, {.status = UserStatus::Locked, .nowMs = 4'000}),
            (std::vector<std::string>{"anh.dang", "binh.le"}));
  EXPECT_EQ(usernames(*store, {.status = UserStatus::Locked, .nowMs = 5'000}), (std::vector<std::string>{"anh.dang"}))
      << "binh.le's lock has ended";
  EXPECT_EQ(usernames(*store, {.status = UserStatus::Active, .nowMs = 5'000}),
            (std::vector<std::string>{"binh.le", "minh.tran", "uoc.nguyen"}));

  auto page = store->users().list({.offset = 1, .limit = 2});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 5);
  ASSERT_EQ(page->users.size(), 2u);
  EXPECT_EQ(page->users[0].username, "binh.le");
  auto countOnly = store->users().list({.limit = 0});
  EXPECT_EQ(countOnly->total, 5);
  EXPECT_TRUE(countOnly->users.empty());
}

TEST_P(StoreBackendTest, S1_1_ProfileUpdatesKeepThePasswordAndRemoveTakesTheSessions) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  seedOrganisation(*store);
  User user = **store->users().findById("u-b");
  user.displayName = "Lê Văn Bình";
  user.email = "binh@example.gov.vn";
  user.role = Role::MeetingAdmin;
  user.unitId = "dept-a";
  user.permissions = "users.view monitoring.view";
  ASSERT_TRUE(store->users().updateProfile(user));
  const User saved = **store->users().findById("u-b");
  EXPECT_EQ(saved.displayName, "Lê Văn Bình");
  EXPECT_EQ(saved.email, "binh@example.gov.vn");
  EXPECT_EQ(saved.role, Role::MeetingAdmin);
  EXPECT_EQ(saved.unitId, "dept-a");
  EXPECT_EQ(saved.permissions, "users.view monitoring.view");
  EXPECT_EQ(saved.passwordHash, user.passwordHash);
  EXPECT_EQ(usernames(*store, {.text = "van binh"}), (std::vector<std::string>{"binh.le"})) << "search key follows";
  user.permissions.reset();
  user.unitId.reset();
  ASSERT_TRUE(store->users().updateProfile(user));
  EXPECT_FALSE((*store->users().findById("u-b"))->permissions.has_value());

  ASSERT_TRUE(store->sessions().create(sampleSession("s-1", "u-b", 9'000'000'000'000)));
  ASSERT_TRUE(store->users().remove("u-b"));
  EXPECT_FALSE(store->sessions().find("s-1")->has_value());
  EXPECT_EQ(store->users().remove("u-b").error().code, "not_found");
  user.id = "gone";
  EXPECT_EQ(store->users().updateProfile(user).error().code, "not_found");
}

}  // namespace
}  // namespace dienhong::store::test
