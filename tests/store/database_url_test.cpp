// Choosing the back-end from a URL, and refusing what is neither: with the password hidden.
#include <gtest/gtest.h>

#include "store/store.hpp"

namespace dienhong::store::test {
namespace {

TEST(DatabaseUrlTest, UnknownSchemeIsInvalidAndPasswordIsHidden) {
  auto refused = Store::open("mysql://root:hunter2@db.example/dienhong");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "invalid_database_url");
  EXPECT_EQ(refused.error().message.find("hunter2"), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find("mysql://root:***@db.example"), std::string::npos)
      << refused.error().message;
}

TEST(DatabaseUrlTest, MissingPathIsInvalid) {
  for (const char* url : {"", "sqlite:", "sqlite://"}) {
    auto refused = Store::open(url);
    ASSERT_FALSE(refused) << url;
    EXPECT_EQ(refused.error().code, "invalid_database_url") << url;
  }
}

}  // namespace
}  // namespace dienhong::store::test
