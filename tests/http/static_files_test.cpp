#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace dienhong::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("dh-static-" + std::to_string(::getpid()));
    fs::create_directories(root_ / "assets");
    std::ofstream(root_ / "index.html") << "<html>home</html>";
    std::ofstream(root_ / "assets" / "app-1a2b.js") << "console.log(1)";
    std::ofstream(root_ / "favicon.svg") << "<svg/>";
  }
  void TearDown() override { fs::remove_all(root_); }

  std::optional<Response> get(const std::string& path, std::vector<Header> headers = {}) {
    Request r;
    r.method = Method::Get;
    r.path = path;
    r.headers = std::move(headers);
    return StaticFiles(root_).serve(r);
  }

  fs::path root_;
};

TEST(StaticFilesPath, NormalisesAndRejectsTraversal) {
  EXPECT_EQ(StaticFiles::normalisePath("/"), "/");
  EXPECT_EQ(StaticFiles::normalisePath("/a//b/./c"), "/a/b/c");
  EXPECT_EQ(StaticFiles::normalisePath("/r/%61bc"), "/r/abc");
  EXPECT_FALSE(StaticFiles::normalisePath("/../etc/passwd"));
  EXPECT_FALSE(StaticFiles::normalisePath("/a/%2e%2e/%2e%2e/etc"));
  EXPECT_FALSE(StaticFiles::normalisePath("/a%2f..%2f..%2fetc"));
  EXPECT_FALSE(StaticFiles::normalisePath("/a%5c..%5cb"));
  EXPECT_FALSE(StaticFiles::normalisePath("/a%00b"));
  EXPECT_FALSE(StaticFiles::normalisePath("/bad%zz"));
  EXPECT_FALSE(StaticFiles::normalisePath("/trunc%4"));
  EXPECT_FALSE(StaticFiles::normalisePath("relative"));
}

TEST_F(StaticFilesTest, AssetsAreImmutableAndPagesRevalidate) {
  auto asset = get("/assets/app-1a2b.js");
  ASSERT_TRUE(asset);
  EXPECT_EQ(asset->status, 200);
  EXPECT_EQ(asset->contentType, "text/javascript; charset=utf-8");
  EXPECT_EQ(asset->header("Cache-Control"), "public, max-age=31536000, immutable");
  auto home = get("/");
  ASSERT_TRUE(home);
  EXPECT_EQ(home->body, "<html>home</html>");
  EXPECT_EQ(home->header("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, ClientRoutesFallBackToIndexButMissingFilesDoNot) {
  auto route = get("/r/abc-defg");
  ASSERT_TRUE(route);
  EXPECT_EQ(route->body, "<html>home</html>");
  EXPECT_FALSE(get("/assets/missing.js"));
  EXPECT_FALSE(get("/missing.png"));
  EXPECT_FALSE(get("/api/v1/anything"));
  EXPECT_FALSE(get("/../index.html"));
}

TEST_F(StaticFilesTest, MatchingEtagGives304WithoutBody) {
  auto first = get("/favicon.svg");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->contentType, "image/svg+xml");
  auto again = get("/favicon.svg", {{"If-None-Match", std::string(*first->header("ETag"))}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
}

TEST_F(StaticFilesTest, OnlyGetAndHeadAreServed) {
  Request r;
  r.method = Method::Post;
  r.path = "/";
  EXPECT_FALSE(StaticFiles(root_).serve(r));
}

}  // namespace
}  // namespace dienhong::http
