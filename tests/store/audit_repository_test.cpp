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

TEST_P(StoreBackendTest, S3_2_SearchFiltersByEveryFieldAndPages) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  for (int i = 0; i < 6; ++i) {
    AuditEvent event = sampleAuditEvent("e-" + std::to_string(i), 100 + i, i % 2 ? AuditCategory::Account : AuditCategory::Access);
    event.outcome = i < 3 ? AuditOutcome::Success : AuditOutcome::Denied;
    event.actor = i == 5 ? "u-9" : "u-1";
    event.detail = i == 4 ? "Mật khẩu SAI 100%" : "ok";
    ASSERT_TRUE(store->audit().append(event));
  }
  auto ids = [&](AuditQuery query) {
    auto page = store->audit().search(query);
    EXPECT_TRUE(page) << page.error().message;
    std::vector<std::string> out;
    for (const auto& e : page->events) out.push_back(e.id);
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<std::string>{"e-5", "e-4", "e-3", "e-2", "e-1", "e-0"}));
  EXPECT_EQ(ids({.category = AuditCategory::Account}), (std::vector<std::string>{"e-5", "e-3", "e-1"}));
  EXPECT_EQ(ids({.outcome = AuditOutcome::Denied, .actor = "u-1"}), (std::vector<std::string>{"e-4", "e-3"}));
  EXPECT_EQ(ids({.text = "sai 100%"}), (std::vector<std::string>{"e-4"}));
  EXPECT_TRUE(ids({.text = "sai 1000"}).empty());
  EXPECT_EQ(ids({.text = "203.0.113"}).size(), 6u) << "the source address is searched too";
  EXPECT_EQ(ids({.fromMs = 102, .toMs = 104}), (std::vector<std::string>{"e-3", "e-2"}));
  auto page = store->audit().search({.offset = 2, .limit = 2});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 6);
  ASSERT_EQ(page->events.size(), 2u);
  EXPECT_EQ(page->events[0].id, "e-3");
}

TEST_P(StoreBackendTest, S3_2_EventsAfterAnIdComeOldestFirstForForwarding) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  for (const char* id : {"0001", "0003", "0002", "0004"}) {
    ASSERT_TRUE(store->audit().append(sampleAuditEvent(id, 1, AuditCategory::Access)));
  }
  auto all = store->audit().after("", 10);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[0].id, "0001");
  EXPECT_EQ((*all)[3].id, "0004");
  auto rest = store->audit().after("0002", 1);
  ASSERT_TRUE(rest);
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].id, "0003");
  EXPECT_EQ(store->audit().countAfter("0002").value_or(-1), 2);
  EXPECT_EQ(store->audit().countAfter("").value_or(-1), 4);
}

}  // namespace
}  // namespace dienhong::store::test
