#include "accounts/account_fields.hpp"

#include <gtest/gtest.h>

namespace dienhong::accounts {
namespace {

TEST(AccountFields, S4_1_Usernames) {
  for (const char* good : {"abc", "nguyen.van.a", "user_01", "a-b", "ten@bo.gov.vn", "9lives"}) {
    EXPECT_TRUE(checkUsername(good)) << good;
  }
  for (const char* bad : {"", "ab", ".dot", "_x1", "-x1", "@x1", "Upper", "có dấu", "a b c", "x'; DROP", "a/b/c"}) {
    EXPECT_FALSE(checkUsername(bad)) << bad;
  }
  EXPECT_FALSE(checkUsername(std::string(65, 'a')));
  EXPECT_TRUE(checkUsername(std::string(64, 'a')));
}

TEST(AccountFields, S4_1_DisplayNamesAndUnitNamesAreTextWithoutControls) {
  EXPECT_TRUE(checkDisplayName("Đặng Thị Ánh"));
  EXPECT_TRUE(checkDisplayName(std::string(100, 'x')));
  EXPECT_FALSE(checkDisplayName(std::string(101, 'x')));
  EXPECT_FALSE(checkDisplayName(""));
  EXPECT_FALSE(checkDisplayName("   "));
  EXPECT_FALSE(checkDisplayName("a\x01" "b"));
  EXPECT_FALSE(checkDisplayName("\xff\xfe"));
  EXPECT_TRUE(checkUnitName("Vụ Pháp chế"));
  EXPECT_FALSE(checkUnitName(std::string(121, 'x')));
  EXPECT_EQ(checkDisplayName("").error().message, "displayName must be 1-100 characters of text");
}

TEST(AccountFields, S4_1_Emails) {
  for (const char* good : {"", "a@b.vn", "nguyen.van.a@most.gov.vn"}) EXPECT_TRUE(checkEmail(good)) << good;
  for (const char* bad : {"a", "@b.vn", "a@b", "a@@b.vn", "a@b.vn.", "a b@c.vn", "a@.vn"}) {
    EXPECT_FALSE(checkEmail(bad)) << bad;
  }
}

}  // namespace
}  // namespace dienhong::accounts
