// Passwords are masked in URLs and scrubbed from messages.
#include "store/url_redaction.hpp"

#include <gtest/gtest.h>

namespace dienhong::store::test {
namespace {

TEST(UrlRedactionTest, MasksUserInfoAndQueryPasswords) {
  EXPECT_EQ(redactUrl("postgresql://u:pw@h:5432/db"), "postgresql://u:***@h:5432/db");
  EXPECT_EQ(redactUrl("postgresql://u:p%40w@h/db?sslmode=require&password=x&user=u"),
            "postgresql://u:***@h/db?sslmode=require&password=***&user=u");
  EXPECT_EQ(redactUrl("postgresql://u@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(redactUrl("postgresql:///db?host=/run/pg"), "postgresql:///db?host=/run/pg");
  EXPECT_EQ(redactUrl("/var/lib/dienhong/db.sqlite"), "/var/lib/dienhong/db.sqlite");
}

TEST(UrlRedactionTest, FindsRawAndDecodedPasswords) {
  EXPECT_EQ(passwordsIn("postgres://u:p%40w@h/db?password=q"),
            (std::vector<std::string>{"p%40w", "p@w", "q"}));
  EXPECT_TRUE(passwordsIn("postgres://u@h/db").empty());
}

TEST(UrlRedactionTest, ScrubsEveryOccurrence) {
  EXPECT_EQ(scrubSecrets("pw then pw again", {"pw"}), "*** then *** again");
  EXPECT_EQ(scrubSecrets("nothing", {""}), "nothing");
}

}  // namespace
}  // namespace dienhong::store::test
