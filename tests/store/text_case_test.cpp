// Lower-casing usernames: ASCII, Vietnamese, a few other scripts, and bytes that are not UTF-8.
#include "store/text_case.hpp"

#include <gtest/gtest.h>

namespace dienhong::store::test {
namespace {

TEST(TextCaseTest, LowersAscii) {
  EXPECT_EQ(lowerCase("Alice.NGUYEN-42_x@Example.ORG"), "alice.nguyen-42_x@example.org");
}

TEST(TextCaseTest, LowersVietnamese) {
  EXPECT_EQ(lowerCase("ĐẶNG THỊ NGỌC ÁNH"), "đặng thị ngọc ánh");
  EXPECT_EQ(lowerCase("ƠƯĂÂÊÔ ỲỸỴ"), "ơưăâêô ỳỹỵ");
  EXPECT_EQ(lowerCase("Diên Hồng"), "diên hồng");
}

TEST(TextCaseTest, LowersOtherLatinGreekAndCyrillic) {
  EXPECT_EQ(lowerCase("ÀÉÎÕÜ ŁŃŚŹŻ ŸÞ"), "àéîõü łńśźż ÿþ");
  EXPECT_EQ(lowerCase("ΑΘΩ ЁЖЯ"), "αθω ёжя");
}

TEST(TextCaseTest, LeavesLowerCaseSymbolsAndInvalidBytesAlone) {
  EXPECT_EQ(lowerCase("ß×÷ 🎥 日本"), "ß×÷ 🎥 日本");
  const std::string invalid = "A\xff\xc3(B";
  EXPECT_EQ(lowerCase(invalid), "a\xff\xc3(b");
}

TEST(TextCase, SearchKeyDropsVietnameseMarksSoAccentlessSearchFinds) {
  EXPECT_EQ(searchKey("Đặng Thị Ánh"), "dang thi anh");
  EXPECT_EQ(searchKey("NGUYỄN VĂN ƯỚC"), "nguyen van uoc");
  EXPECT_EQ(searchKey("Bộ Khoa học và Công nghệ"), "bo khoa hoc va cong nghe");
  EXPECT_EQ(searchKey("Ỳ Ỹ ỵ"), "y y y");
  EXPECT_EQ(searchKey("ñ ç ß"), "ñ ç ß") << "other marks are not Vietnamese: kept";
  const std::string invalid = "A\xff";
  EXPECT_EQ(searchKey(invalid), "a\xff");
}

}  // namespace
}  // namespace dienhong::store::test
