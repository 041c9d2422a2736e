#include "http/router.hpp"

#include <gtest/gtest.h>

namespace dienhong::http {
namespace {

Request make(Method method, std::string path) {
  Request r;
  r.method = method;
  r.path = std::move(path);
  r.requestId = "rid";
  return r;
}

TEST(Router, MatchesWholeSegmentsAndCapturesParameters) {
  Router router;
  router.add(Method::Get, "/api/v1/rooms/{id}/members/{member}", [](Request& r) {
    Response res;
    res.body = r.params.at("id") + "/" + r.params.at("member");
    return res;
  });
  auto request = make(Method::Get, "/api/v1/rooms/abc/members/42");
  EXPECT_EQ(router.dispatch(request).body, "abc/42");
  auto partial = make(Method::Get, "/api/v1/rooms/abc/members");
  EXPECT_EQ(router.dispatch(partial).status, 404);
  auto empty = make(Method::Get, "/api/v1/rooms//members/42");
  EXPECT_EQ(router.dispatch(empty).status, 404);
}

TEST(Router, WrongMethodIs405WithAllowListingEveryMethod) {
  Router router;
  router.add(Method::Get, "/x", [](Request&) { return Response{}; });
  router.add(Method::Delete, "/x", [](Request&) { return Response{}; });
  auto post = make(Method::Post, "/x");
  const Response res = router.dispatch(post);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.header("Allow"), "GET, DELETE");
  EXPECT_NE(res.body.find("\"method_not_allowed\""), std::string::npos);
}

TEST(Router, HeadIsAnsweredByTheGetHandler) {
  Router router;
  router.add(Method::Get, "/healthz", [](Request&) { return Response::json(200, "{}"); });
  auto head = make(Method::Head, "/healthz");
  EXPECT_EQ(router.dispatch(head).status, 200);
}

TEST(Router, UnknownPathIsA404JsonErrorWithTheRequestId) {
  Router router;
  auto request = make(Method::Get, "/nope");
  const Response res = router.dispatch(request);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.body, R"({"error":{"code":"not_found","message":"No such resource.","requestId":"rid"}})");
  EXPECT_FALSE(router.matchesPath("/nope"));
}

}  // namespace
}  // namespace dienhong::http
