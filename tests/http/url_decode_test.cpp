#include "http/url_decode.hpp"

#include <gtest/gtest.h>

namespace dienhong::http {
namespace {

TEST(PercentDecode, DecodesEscapesInEitherCase) {
  EXPECT_EQ(percentDecode("%2Fa%2fb%41", false), "/a/bA");
  EXPECT_EQ(percentDecode("M%E1%BA%ADt", false), "M\xE1\xBA\xADt");
}

TEST(PercentDecode, PlusIsASpaceOnlyInQueryComponents) {
  EXPECT_EQ(percentDecode("a+b", true), "a b");
  EXPECT_EQ(percentDecode("a+b", false), "a+b");
}

TEST(PercentDecode, MalformedEscapesAreRejected) {
  EXPECT_FALSE(percentDecode("%", false));
  EXPECT_FALSE(percentDecode("ab%4", false));
  EXPECT_FALSE(percentDecode("%zz", false));
  EXPECT_FALSE(percentDecode("%4g", true));
  EXPECT_EQ(percentDecode("", true), "");
}

}  // namespace
}  // namespace dienhong::http
