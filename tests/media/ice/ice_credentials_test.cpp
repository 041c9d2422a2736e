#include "media/ice/ice_credentials.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace dienhong::media {
namespace {

TEST(IceCredentials, GeneratedOnesAreValidIceCharsOfTheChosenLengths) {
  const auto credentials = IceCredentials::generate();
  ASSERT_TRUE(credentials.ok());
  EXPECT_EQ(credentials->ufrag.size(), 8U);  // >= 4 chars, 48 random bits
  EXPECT_EQ(credentials->pwd.size(), 24U);   // >= 22 chars, 144 random bits
  EXPECT_TRUE(IceCredentials::isIceChars(credentials->ufrag));
  EXPECT_TRUE(IceCredentials::isIceChars(credentials->pwd));
  EXPECT_TRUE(credentials->isValid());
}

TEST(IceCredentials, GeneratedOnesDifferAndUseTheWholeAlphabet) {
  std::set<std::string> seen;
  std::set<char> characters;
  for (int i = 0; i < 200; ++i) {
    const auto credentials = IceCredentials::generate();
    ASSERT_TRUE(credentials.ok());
    EXPECT_TRUE(seen.insert(credentials->pwd).second);
    characters.insert(credentials->pwd.begin(), credentials->pwd.end());
  }
  EXPECT_EQ(seen.size(), 200U);
  // 4800 draws from 64 symbols: missing one has probability ~64 * e^-75.
  EXPECT_EQ(characters.size(), 64U);
}

TEST(IceCredentials, ValidityFollowsRfc8839Grammar) {
  EXPECT_TRUE((IceCredentials{"abcd", std::string(22, 'x')}.isValid()));
  EXPECT_TRUE((IceCredentials{"a+/9", "ABCDEFGHIJKLMNOPQRSTU+/"}.isValid()));
  EXPECT_FALSE((IceCredentials{"abc", std::string(22, 'x')}.isValid()));
  EXPECT_FALSE((IceCredentials{"abcd", std::string(21, 'x')}.isValid()));
  EXPECT_FALSE((IceCredentials{std::string(257, 'a'), std::string(22, 'x')}.isValid()));
  EXPECT_FALSE((IceCredentials{"ab:d", std::string(22, 'x')}.isValid()));
  EXPECT_FALSE((IceCredentials{"abcd", std::string(21, 'x') + "="}.isValid()));
  EXPECT_FALSE((IceCredentials{"ab d", std::string(22, 'x')}.isValid()));
}

}  // namespace
}  // namespace dienhong::media
