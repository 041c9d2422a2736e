#include "http/message.hpp"

#include <gtest/gtest.h>

namespace dienhong::http {
namespace {

TEST(Request, HeaderLookupIsCaseInsensitive) {
  Request r;
  r.headers = {{"Content-Type", "application/json"}};
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_FALSE(r.header("content-length"));
}

TEST(Request, CookiesAreParsedAcrossHeadersAndSpaces) {
  Request r;
  r.headers = {{"Cookie", "a=1; __Host-dh_session=tok ; b"}, {"cookie", "c=3"}};
  EXPECT_EQ(r.cookie("__Host-dh_session"), "tok");
  EXPECT_EQ(r.cookie("c"), "3");
  EXPECT_FALSE(r.cookie("b"));
  EXPECT_FALSE(r.cookie("dh_session"));
}

TEST(Response, ErrorShapeEscapesItsFields) {
  const Response r = errorResponse(400, "bad", "say \"hi\"", "id1");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.contentType, "application/json; charset=utf-8");
  EXPECT_EQ(r.body, R"({"error":{"code":"bad","message":"say \"hi\"","requestId":"id1"}})");
}

TEST(Method, OnlySafeMethodsAreNotStateChanging) {
  EXPECT_FALSE(isStateChanging(Method::Get));
  EXPECT_FALSE(isStateChanging(Method::Head));
  EXPECT_FALSE(isStateChanging(Method::Options));
  EXPECT_TRUE(isStateChanging(Method::Post));
  EXPECT_TRUE(isStateChanging(Method::Delete));
  EXPECT_TRUE(isStateChanging(Method::Other));
}

}  // namespace
}  // namespace dienhong::http
