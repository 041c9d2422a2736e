// AuditRepository against both back-ends: round trips of every category and outcome, listing
// (newest first, since, category filter, limit), conflicts, and retention.
#include <gtest/gtest.h>

#include <array>
#include <tuple>

#include "test_support.hpp"

namespace dienhong::store::test {
namespace {

constexpr std::array kCategories{AuditCategory::Access,        AuditCategory::AdminLogin,
                                 AuditCategory::Error,         AuditCategory::Account,
                                 AuditCategory::Configuration, AuditCategory::Meeting};

std::vector<std::string> listIds(Store& store, std::optional<AuditCategory> category,
                                 int64_t sinceMs, int limit) {
  auto listed = store.audit().list(category, sinceMs, limit);
  EXPECT_TRUE(listed) << listed.error().message;
  std::vector<std::string> ids;
  if (listed) {
    for (const AuditEvent& event : *listed) ids.push_back(event.id);
  }
  return ids;
}

TEST_P(StoreBackendTest, AuditEventsRoundTripEveryCategoryAndOutcome) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  std::vector<AuditEvent> appended;
  int64_t at = 4'102'444'800'000;  // 2100: needs more than 32 bits
  for (AuditCategory category : kCategories) {
    for (AuditOutcome outcome :
         {AuditOutcome::Success, AuditOutcome::Denied, AuditOutcome::Failure}) {
      AuditEvent event = sampleAuditEvent("e-" + std::to_string(appended.size()), at--, category);
      event.outcome = outcome;
      event.actor = "guest 'Lan' (p-" + std::to_string(appended.size()) + ")";
      event.sourceAddress = "2001:db8::" + std::to_string(appended.size());
      event.detail = "chi tiết: \"x\" $1 🔒";
      auto result = store->audit().append(event);
      ASSERT_TRUE(result) << result.error().message;
      appended.push_back(event);
    }
  }

  auto listed = store->audit().list(std::nullopt, 0, 1000);
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->size(), appended.size());
  for (std::size_t i = 0; i < appended.size(); ++i) {  // appended newest first, as listed
    const AuditEvent& got = (*listed)[i];
    const AuditEvent& want = appended[i];
    EXPECT_EQ(got.id, want.id);
    EXPECT_EQ(got.atMs, want.atMs);
    EXPECT_EQ(got.category, want.category);
    EXPECT_EQ(got.actor, want.actor);
    EXPECT_EQ(got.sourceAddress, want.sourceAddress);
    EXPECT_EQ(got.action, want.action);
    EXPECT_EQ(got.target, want.target);
    EXPECT_EQ(got.outcome, want.outcome);
    EXPECT_EQ(got.detail, want.detail);
  }
}

TEST_P(StoreBackendTest, AuditListIsNewestFirstSinceAGivenTimeAndLimited) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  for (const auto& [id, at, category] :
       std::vector<std::tuple<const char*, int64_t, AuditCategory>>{
           {"e-1", 100, AuditCategory::Access},
           {"e-3", 300, AuditCategory::Meeting},
           {"e-2", 200, AuditCategory::Access},
           {"e-4b", 400, AuditCategory::Access},
           {"e-4a", 400, AuditCategory::Account},
           {"e-5", 500, AuditCategory::Access}}) {
    ASSERT_TRUE(store->audit().append(sampleAuditEvent(id, at, category)));
  }

  EXPECT_EQ(listIds(*store, std::nullopt, 0, 100),
            (std::vector<std::string>{"e-5", "e-4b", "e-4a", "e-3", "e-2", "e-1"}));
  EXPECT_EQ(listIds(*store, std::nullopt, 0, 2), (std::vector<std::string>{"e-5", "e-4b"}));
  EXPECT_EQ(listIds(*store, std::nullopt, 300, 100),  // since is inclusive
            (std::vector<std::string>{"e-5", "e-4b", "e-4a", "e-3"}));
  EXPECT_EQ(listIds(*store, AuditCategory::Access, 0, 100),
            (std::vector<std::string>{"e-5", "e-4b", "e-2", "e-1"}));
  EXPECT_EQ(listIds(*store, AuditCategory::Access, 200, 2),
            (std::vector<std::string>{"e-5", "e-4b"}));
  EXPECT_TRUE(listIds(*store, AuditCategory::AdminLogin, 0, 100).empty());
  EXPECT_TRUE(listIds(*store, std::nullopt, 501, 100).empty());
  EXPECT_TRUE(listIds(*store, std::nullopt, 0, 0).empty());
  EXPECT_TRUE(listIds(*store, AuditCategory::Access, 0, -1).empty());
}

TEST_P(StoreBackendTest, DuplicateAuditEventIdIsConflict) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->audit().append(sampleAuditEvent("e-1", 1, AuditCategory::Access)));
  auto again = store->audit().append(sampleAuditEvent("e-1", 2, AuditCategory::Error));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "conflict");
}

TEST_P(StoreBackendTest, RemoveOlderThanRemovesStrictlyOlderEventsAndCountsThem) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  for (int64_t at : {100, 200, 299, 300, 301}) {
    ASSERT_TRUE(store->audit().append(
        sampleAuditEvent("e-" + std::to_string(at), at, AuditCategory::Configuration)));
  }
  auto removed = store->audit().removeOlderThan(300);
  ASSERT_TRUE(removed) << removed.error().message;
  EXPECT_EQ(*removed, 3);
  EXPECT_EQ(listIds(*store, std::nullopt, 0, 100), (std::vector<std::string>{"e-301", "e-300"}));
  auto none = store->audit().removeOlderThan(300);
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, 0);
}

TEST_P(StoreBackendTest, AuditSchemaRefusesUnknownCategoryOrOutcome) {
  { ASSERT_NE(openStore(), nullptr); }
  auto raw = openRawDatabase();
  ASSERT_NE(raw, nullptr);
  const char* insert =
      "INSERT INTO audit_events (id, at, category, actor, source_address, action, target, "
      "outcome, detail) VALUES ($1, 1, $2, '', '', '', '', $3, '')";
  EXPECT_FALSE(raw->execute(insert, {"e-1", "login", "success"}));
  EXPECT_FALSE(raw->execute(insert, {"e-2", "access", "ok"}));
  EXPECT_TRUE(raw->execute(insert, {"e-3", "access", "success"}));
}

}  // namespace
}  // namespace dienhong::store::test
