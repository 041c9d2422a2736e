// PostgreSQL back-end only: connection failures name the server and never the password.
#include <gtest/gtest.h>

#include "store/store.hpp"

namespace dienhong::store::test {
namespace {

void expectRefusedWithoutSecret(const std::string& url, std::string_view secret,
                                std::string_view mustMention) {
  auto refused = Store::open(url);
  ASSERT_FALSE(refused);
  const std::string& message = refused.error().message;
  EXPECT_EQ(message.find(secret), std::string::npos) << "password leaked: " << message;
  EXPECT_NE(message.find(mustMention), std::string::npos) << message;
}

TEST(PostgresDatabaseTest, UnreachableServerIsNamedButPasswordIsNot) {
  // Port 1 on the loopback interface: refused at once, no timeout to wait for.
  const std::string url = "postgresql://dienhong:Sup3rS3cret@127.0.0.1:1/dienhong";
  auto refused = Store::open(url);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "database_error");
  EXPECT_NE(refused.error().message.find("127.0.0.1"), std::string::npos)
      << refused.error().message;
  expectRefusedWithoutSecret(url, "Sup3rS3cret", "127.0.0.1");
}

TEST(PostgresDatabaseTest, PercentEncodedPasswordIsHiddenInBothSpellings) {
  const std::string url = "postgres://dienhong:p%40ss%21word@127.0.0.1:1/dienhong";
  expectRefusedWithoutSecret(url, "p%40ss%21word", "127.0.0.1");
  expectRefusedWithoutSecret(url, "p@ss!word", "127.0.0.1");
}

TEST(PostgresDatabaseTest, PasswordInQueryIsHidden) {
  const std::string url = "postgresql://127.0.0.1:1/dienhong?user=dienhong&password=QuerySecret9";
  expectRefusedWithoutSecret(url, "QuerySecret9", "127.0.0.1");
}

TEST(PostgresDatabaseTest, MalformedUrlIsInvalidAndPasswordIsHidden) {
  const std::string url = "postgresql://dienhong:Sup3rS3cret@127.0.0.1:1/dienhong?nonsense=1";
  auto refused = Store::open(url);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "invalid_database_url") << refused.error().message;
  EXPECT_EQ(refused.error().message.find("Sup3rS3cret"), std::string::npos)
      << refused.error().message;
}

}  // namespace
}  // namespace dienhong::store::test
