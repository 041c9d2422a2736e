#include "http/connection_registry.hpp"

#include <gtest/gtest.h>

namespace dienhong::http {
namespace {

TEST(ConnectionRegistry, CapsConnectionsPerClientAndReleasesOnTicketDestruction) {
  ConnectionRegistry registry(2);
  auto a1 = registry.admit("a", {});
  auto a2 = registry.admit("a", {});
  EXPECT_TRUE(a1 && a2);
  EXPECT_FALSE(registry.admit("a", {}));
  EXPECT_TRUE(registry.admit("b", {}));  // destroyed at once
  EXPECT_EQ(registry.size(), 2U);
  a1.reset();
  EXPECT_TRUE(registry.admit("a", {}));
}

TEST(ConnectionRegistry, CloseAllCallsEveryCloserOnceAndStopsAdmitting) {
  ConnectionRegistry registry(10);
  int first = 0;
  int second = 0;
  auto t1 = registry.admit("a", [&] { ++first; });
  auto t2 = registry.admit("b", [&] { ++second; });
  t2->setCloser([&] { second += 10; });
  registry.closeAll();
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 10);
  EXPECT_FALSE(registry.admit("c", {}));
}

}  // namespace
}  // namespace dienhong::http
