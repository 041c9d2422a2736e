// AuditLog over a real SQLite store: entries recorded at once and entries posted from threads
// that must not wait (media workers) both end in the table, the posted ones in order.
#include "audit/audit_log.hpp"

#include <filesystem>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <sodium.h>

namespace dienhong::audit {
namespace {

namespace fs = std::filesystem;

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    dir_ = fs::temp_directory_path() / ("dh-audit-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    auto opened = store::Store::open("sqlite:" + (dir_ / "test.db").string());
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(opened.value());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  std::vector<std::string> targets() {
    auto listed = store_->audit().list(store::AuditCategory::Meeting, 0, 1000);
    EXPECT_TRUE(listed);
    std::vector<std::string> out;
    for (auto it = listed->rbegin(); it != listed->rend(); ++it) out.push_back(it->target);  // oldest first
    return out;
  }

  static Entry meetingEntry(std::string target) {
    return {.category = store::AuditCategory::Meeting, .actor = "guest:p1", .sourceAddress = "127.0.0.1",
            .action = "meeting.leave", .target = std::move(target), .outcome = store::AuditOutcome::Success,
            .detail = "left"};
  }

  fs::path dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(AuditLogTest, S3_1_PostedEntriesAreStoredInTheOrderEachThreadPostedThem) {
  AuditLog log(*store_);
  constexpr int kThreads = 4;
  constexpr int kEach = 50;
  std::vector<std::thread> workers;
  for (int t = 0; t < kThreads; ++t) {
    workers.emplace_back([&log, t] {
      for (int i = 0; i < kEach; ++i) log.post(meetingEntry(std::to_string(t) + ":" + std::to_string(i)));
    });
  }
  for (auto& worker : workers) worker.join();
  log.flush();
  const auto stored = targets();
  ASSERT_EQ(stored.size(), static_cast<size_t>(kThreads * kEach));
  std::vector<int> next(kThreads, 0);
  for (const auto& target : stored) {
    const int thread = target[0] - '0';
    EXPECT_EQ(target, std::to_string(thread) + ":" + std::to_string(next[thread]++));
  }
}

TEST_F(AuditLogTest, S3_1_WhatWasPostedIsStoredBeforeTheLogCloses) {
  {
    AuditLog log(*store_);
    log.record(meetingEntry("recorded"));
    for (int i = 0; i < 20; ++i) log.post(meetingEntry("posted-" + std::to_string(i)));
  }
  const auto stored = targets();
  ASSERT_EQ(stored.size(), 21u);
  EXPECT_EQ(stored.front(), "recorded");
  EXPECT_EQ(stored.back(), "posted-19");
}

TEST_F(AuditLogTest, FlushWithNothingPostedReturnsAtOnce) {
  AuditLog log(*store_);
  log.flush();
  EXPECT_TRUE(targets().empty());
}

}  // namespace
}  // namespace dienhong::audit
