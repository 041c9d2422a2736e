#include "loadgen/scenario.hpp"

#include <gtest/gtest.h>

namespace dienhong::loadgen {
namespace {

TEST(Scenario, ReadsEveryMemberAndKeepsDefaultsForTheRest) {
  const auto s = Scenario::parse(R"({"name": "grid", "rooms": 2, "endpointsPerRoom": 100,
      "videoPublishersPerRoom": 30, "shownVideos": 25, "durationSeconds": 1800,
      "media": {"keyframeIntervalMs": 5000, "layers": [{"rid": "q", "width": 320, "height": 180, "bitrateBps": 150000}]}})");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->rooms, 2u);
  EXPECT_EQ(s->duration, std::chrono::seconds(1800));
  EXPECT_EQ(s->warmup, std::chrono::seconds(5));
  EXPECT_EQ(s->media.keyframeIntervalMs, 5000u);
  ASSERT_EQ(s->media.layers.size(), 1u);
  EXPECT_EQ(s->media.layers[0].framesPerSecond, 30u);
  EXPECT_EQ(s->videoPublishers(), 30u);
  EXPECT_EQ(s->expectedVideos(0), 25u) << "a publisher shows 25 of the other 29";
  EXPECT_EQ(s->expectedVideos(50), 25u);
}

TEST(Scenario, ABadMemberIsNamed) {
  for (const char* text : {R"({"rooms": 1})", R"({"name": "x", "endpointsPerRoom": 1})",
                           R"({"name": "x", "durationSeconds": -4})", R"({"name": "x", "media": {"layers": []}})",
                           R"({"name": "x", "media": {"layers": [{"rid": "h"}]}})", "not json", "[]"}) {
    const auto s = Scenario::parse(text);
    ASSERT_FALSE(s) << text;
    EXPECT_EQ(s.error().code, "invalid_scenario");
  }
  EXPECT_NE(Scenario::parse(R"({"name": "x", "endpointsPerRoom": 1})").error().message.find("endpointsPerRoom"),
            std::string::npos);
}

TEST(Scenario, EveryScenarioOfTheBenchParses) {
  for (const char* name : {"smoke-10", "one-room-40", "grid-100", "five-rooms-10", "soak-40"}) {
    const auto s = Scenario::load(std::string(DIENHONG_SOURCE_DIR) + "/bench/scenarios/" + name + ".json");
    EXPECT_TRUE(s) << name << ": " << s.error().message;
  }
}

}  // namespace
}  // namespace dienhong::loadgen
