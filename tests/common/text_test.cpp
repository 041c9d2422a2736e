#include "common/text.hpp"

#include <gtest/gtest.h>

namespace dienhong::text {
namespace {

TEST(Text, S4_1_CountsCharactersOfValidUtf8WithoutControls) {
  EXPECT_EQ(countCharacters("Đặng Thị Ánh"), 12u);
  EXPECT_EQ(countCharacters(""), 0u);
  EXPECT_FALSE(countCharacters("\xC3"));         // cut in the middle of a character
  EXPECT_FALSE(countCharacters("\xC0\xAF"));     // overlong '/'
  EXPECT_FALSE(countCharacters("a\x01" "b"));    // a control character
  EXPECT_FALSE(countCharacters("a\nb"));
  EXPECT_EQ(countCharacters("a\nb", true), 3u);
}

TEST(Text, FirstCharactersNeverSplitsACharacter) {
  EXPECT_EQ(firstCharacters("Đặng Thị Ánh", 4), "Đặng");
  EXPECT_EQ(firstCharacters("Đặng", 10), "Đặng");
  EXPECT_EQ(firstCharacters("Đặng", 0), "");
  EXPECT_EQ(firstCharacters("a😀b", 2), "a😀");
  const std::string hundredAndOne(101, 'x');
  EXPECT_EQ(firstCharacters(hundredAndOne, 100).size(), 100u);
}

TEST(Text, TrimRemovesSpacesTabsAndLineBreaksAtTheEnds) {
  EXPECT_EQ(trim(" \t Lan \r\n"), "Lan");
  EXPECT_EQ(trim(" \n "), "");
}

}  // namespace
}  // namespace dienhong::text
